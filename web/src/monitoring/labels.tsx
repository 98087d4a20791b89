// How monitoring sites read on screen: kinds with their map colours, levels, statuses, parameters, water classes,
// and the mark of an approximate position. Colour is never the only signal: each comes with its words.
import { EnvironmentOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Parameter, SiteKind, SiteStatus } from './types.ts';

/** Map and tag colours of the kinds: air blue-grey, rivers blue, drinking water green. */
export const KIND_COLOURS: Record<SiteKind, string> = { air: '#5b6b8c', section: '#1677ff', source: '#389e0d' };

const STATUS_TAG_COLOURS: Record<SiteStatus, string> = { active: 'success', suspended: 'warning', retired: 'default' };

/** Text on a level colour: dark on the light greens, yellows and oranges, white on the dark ones. */
export function textOn(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
  return 0.299 * r + 0.587 * g + 0.114 * b > 128 ? '#1f2937' : '#ffffff';
}

const ROMAN = ['Ⅰ', 'Ⅱ', 'Ⅲ', 'Ⅳ', 'Ⅴ'];

export const kindLabel = (t: TFunction, kind: SiteKind): string => t(`monitoring.kinds.${kind}`);
export const levelLabel = (t: TFunction, level: string): string => t(`monitoring.levels.${level}`, { defaultValue: level });
export const statusLabel = (t: TFunction, status: SiteStatus): string => t(`monitoring.statuses.${status}`);

/** 目标水质类别 1–5 as the documents write it (Ⅱ类). */
/** A parameter as every monitoring view names it: its name, then its unit (PM₂.₅（μg/m³）). */
export const parameterLabel = (t: TFunction, parameter: Pick<Parameter, 'name' | 'unit'>): string => t('monitoring.format.withNote', { text: parameter.name, note: parameter.unit });
export const waterClassLabel = (t: TFunction, targetClass: number): string => t('monitoring.classOf', { roman: ROMAN[targetClass - 1] ?? String(targetClass) });

export function KindTag({ kind }: { kind: SiteKind }) {
  const { t } = useTranslation();
  return (
    <Tag color={KIND_COLOURS[kind]} data-testid="site-kind">
      {kindLabel(t, kind)}
    </Tag>
  );
}

export function SiteStatusTag({ status }: { status: SiteStatus }) {
  const { t } = useTranslation();
  return <Tag color={STATUS_TAG_COLOURS[status]}>{statusLabel(t, status)}</Tag>;
}

/** The mark of a position not yet surveyed: the map draws these points with a dashed ring. */
export function ApproximateMark() {
  const { t } = useTranslation();
  return (
    <Tooltip title={t('monitoring.sites.approximateHint')}>
      <Tag icon={<EnvironmentOutlined />} color="orange" className="qs-mon-approximate" data-testid="approximate">
        {t('monitoring.sites.approximate')}
      </Tag>
    </Tooltip>
  );
}

// How 目标指标 values read on screen: the assessment as a coloured tag with its reasons in words, the
// attribute, the state of a value, a value with its unit. Colour is never the only signal: every tag
// carries its word.
import { Tag, Tooltip } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { plain, withUnit } from './figures.ts';
import { periodLabel, reasonText } from './reasons.ts';
import type { Assessment, AssessmentStatus, LatestValue } from './types.ts';

export const STATUS_COLORS: Record<AssessmentStatus, string> = {
  met: 'green',
  on_track: 'blue',
  at_risk: 'orange',
  not_met: 'red',
  no_data: 'default',
};

/** The same colours for charts and badges, where a tag's preset is not at hand. */
export const STATUS_HEX: Record<AssessmentStatus, string> = {
  met: '#389e0d',
  on_track: '#1677ff',
  at_risk: '#d46b08',
  not_met: '#cf1322',
  no_data: '#8c8c8c',
};

export const VALUE_STATE_COLORS: Record<string, string> = {
  draft: 'default',
  submitted: 'gold',
  approved: 'success',
  returned: 'volcano',
};

const ATTRIBUTE_COLORS: Record<string, string> = { binding: 'magenta', expected: 'geekblue', reference: 'default' };

export function statusLabel(t: TFunction, status: string): string {
  return t(`targets.statuses.${status}`, { defaultValue: status });
}

export function StatusTag({ status, testId = 'target-status' }: { status: AssessmentStatus; testId?: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_COLORS[status]} className="qs-target-status" data-testid={testId} data-status={status}>
      {statusLabel(t, status)}
    </Tag>
  );
}

/** Reasons that set the scene (the year's value still awaited, a quarter only) rather than decide. */
const CONTEXT_REASONS = new Set(['target_year_pending', 'partial_year', 'deadline_passed']);

/** The status, and under it the reasons in words: the deciding one, or all of them (`full`). */
export function AssessmentCell({ assessment, full = false }: { assessment: Assessment; full?: boolean }) {
  const { t } = useTranslation();
  const words = assessment.reasons.map((r) => reasonText(t, r));
  // A verdict on the way (预计达标, 有风险) rests on the trend, said last; any other on the value, said first.
  const deciding = assessment.reasons.map((r, i) => (CONTEXT_REASONS.has(r.code) ? -1 : i)).filter((i) => i >= 0);
  const main = (assessment.status === 'on_track' || assessment.status === 'at_risk' ? deciding.at(-1) : deciding[0]) ?? 0;
  const shown = full ? words : words.slice(main, main + 1);
  const list = (
    <ul className="qs-reason-tip">
      {words.map((w) => (
        <li key={w}>{w}</li>
      ))}
    </ul>
  );
  return (
    <Tooltip title={!full && words.length > 1 ? list : undefined}>
      <div className="qs-target-assessment">
        <StatusTag status={assessment.status} />
        <div className="qs-target-reasons" data-testid="target-reasons">
          {shown.map((w) => (
            <div key={w}>{w}</div>
          ))}
          {!full && words.length > 1 && <span className="qs-colour-more">{t('targets.moreReasons', { count: words.length - 1 })}</span>}
        </div>
      </div>
    </Tooltip>
  );
}

export function AttributeTag({ attribute }: { attribute: string | null }) {
  const { t } = useTranslation();
  if (!attribute) return <span className="qs-muted">—</span>;
  return (
    <Tag color={ATTRIBUTE_COLORS[attribute] ?? 'default'} variant="filled">
      {t(`targets.attributes.${attribute}`, { defaultValue: attribute })}
    </Tag>
  );
}

export function ValueStateTag({ state }: { state: string }) {
  const { t } = useTranslation();
  return (
    <Tag color={VALUE_STATE_COLORS[state] ?? 'default'} data-testid="value-state">
      {t(`targets.valueStates.${state}`, { defaultValue: state })}
    </Tag>
  );
}

/** A number with the indicator's unit, or a qualitative status in words. */
export function valueText(t: TFunction, value: { value: number | null; status: string | null }, unit: string | null): string {
  if (value.value !== null) return withUnit(plain(value.value), unit);
  if (value.status) return t(`targets.qualitative.${value.status}`, { defaultValue: value.status });
  return '—';
}

/** The year a target is for, and the deadline as written when it says more ("2020年12月", "持续推进"). */
export function TargetWhen({ target }: { target: { year: number; deadlineText: string | null } }) {
  const { t } = useTranslation();
  const { year, deadlineText } = target;
  const text = !deadlineText ? t('targets.targetYear', { year }) : deadlineText.includes(String(year)) ? deadlineText : `${t('targets.targetYear', { year })} · ${deadlineText}`;
  return <div className="qs-target-year">{text}</div>;
}

/** The latest approved value: the figure, its year (and period) and its source. */
export function LatestCell({ latest, unit }: { latest: LatestValue | null; unit: string | null }) {
  const { t } = useTranslation();
  if (!latest) return <span className="qs-muted">{t('targets.noValue')}</span>;
  return (
    <div className="qs-target-latest" data-testid="target-latest">
      <div className="qs-target-latest-value">{valueText(t, latest, unit)}</div>
      <div className="qs-target-latest-meta">
        {latest.period === 'year' ? t('targets.yearShort', { year: latest.year }) : t('targets.yearPeriod', { year: latest.year, period: periodLabel(t, latest.period) })}
        {' · '}
        {latest.origin === 'entered' ? latest.source : t(`targets.source.origins.${latest.origin}`)}
      </div>
    </div>
  );
}

/** A seed note in the reader's language: the Chinese `note`, or its English where there is one. */
export function localNote(language: string, owner: { note: string | null; noteEn: string | null }): string | null {
  return language.startsWith('en') ? (owner.noteEn ?? owner.note) : owner.note;
}

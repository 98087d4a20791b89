// 监测预警 as the pages show them: the API's shape, the kind tag, the detail in words and the duration.
// Used by the alerts page and by the inbox.
import { AlertOutlined } from '@ant-design/icons';
import { List, Space, Tag, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { AlertKind, ExceedingItem } from '../../../src/monitoring/alerts/rules.ts';
import type { SiteKind } from './types.ts';
import { stampOf } from './seriesChart.ts';
import { InboxCard } from '../components/InboxCard.tsx';

export type { AlertKind };
export const ALERT_KINDS = ['aqi_heavy', 'section_below_target', 'drinking_exceedance', 'station_silent'] as const satisfies readonly AlertKind[];
export const ALERT_STATUSES = ['open', 'closed', 'all'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** GET /api/monitoring/alerts item (src/monitoring/alerts/routes.ts). */
export interface MonitoringAlert {
  id: number;
  kind: AlertKind;
  site: { id: number; kind: SiteKind; code: string; name: string; districtId: number; districtName: string };
  organisation: { id: number; name: string };
  openedAt: string;
  lastSeenAt: string;
  closedAt: string | null;
  durationHours: number;
  title: string;
  summary: string;
  detail: Record<string, unknown>;
  standard: string | null;
  demo: boolean;
  acknowledgedAt: string | null;
  acknowledgedBy: { id: number; name: string } | null;
  taskItemId: number | null;
}

/** Heavy pollution in the AQI's own purple, water in the class colours' red and orange, silence grey. */
const KIND_COLOURS: Record<AlertKind, string> = {
  aqi_heavy: '#99004C',
  section_below_target: 'orange',
  drinking_exceedance: 'red',
  station_silent: 'default',
};

export function AlertKindTag({ kind }: { kind: AlertKind }) {
  const { t } = useTranslation();
  return (
    <Tag color={KIND_COLOURS[kind]} data-testid="alert-kind">
      {t(`monitoring.alerts.kinds.${kind}`)}
    </Tag>
  );
}

const ROMAN: Record<string, string> = { I: 'Ⅰ', II: 'Ⅱ', III: 'Ⅲ', IV: 'Ⅳ', V: 'Ⅴ' };
/** 'III' → class Ⅲ, and the one class beyond V (written 劣V by the API) → worse than Ⅴ, in the current language. */
export function classWords(t: TFunction, value: unknown): string {
  const text = String(value);
  const roman = ROMAN[text];
  if (roman) return t('monitoring.classOf', { roman });
  return text.endsWith('V') ? t('monitoring.classWorseThanV') : text;
}

/** A data time (ISO 8601, +08:00) as it reads on screen: 2026-12-05 10:00. */
/** A time of an alert's detail (an ISO 8601 +08:00 text, loosely typed) as 2026-12-05 06:00. */
const detailStamp = (value: unknown): string => stampOf(String(value ?? ''));

function itemWords(t: TFunction, item: ExceedingItem): string {
  const key = item.exceedMultiple === null ? 'monitoring.alerts.detail.itemNoMultiple' : 'monitoring.alerts.detail.item';
  return t(key, { name: item.name, value: item.value, class: classWords(t, item.class), limit: item.limit, multiple: item.exceedMultiple });
}

/** What the alert found, in words. */
export function alertDetailWords(t: TFunction, alert: Pick<MonitoringAlert, 'kind' | 'detail'>): string {
  const d = alert.detail;
  switch (alert.kind) {
    case 'aqi_heavy':
      return t('monitoring.alerts.detail.aqi', {
        aqi: d.aqi,
        category: d.category,
        pollutants: ((d.primaryPollutants as string[] | undefined) ?? []).join(', ') || '—',
        hour: detailStamp(d.hour),
      });
    case 'section_below_target':
    case 'drinking_exceedance': {
      const items = ((d.exceeding as ExceedingItem[] | undefined) ?? []).map((i) => itemWords(t, i)).join(t('monitoring.alerts.detail.separator'));
      const head =
        alert.kind === 'section_below_target'
          ? t('monitoring.alerts.detail.section', { class: classWords(t, d.class), target: classWords(t, d.targetClass) })
          : t('monitoring.alerts.detail.drinking', { class: classWords(t, d.class), limit: classWords(t, d.limitClass) });
      const origin = t(`monitoring.alerts.detail.origins.${String(d.origin)}`, { at: detailStamp(d.sampledAt) });
      return t('monitoring.alerts.detail.water', { origin, head, exceeding: t('monitoring.alerts.detail.exceeding', { items }) });
    }
    case 'station_silent':
      return t('monitoring.alerts.detail.silent', { hours: d.hoursSilent, last: detailStamp(d.lastDataAt), threshold: d.thresholdHours });
  }
}

/** How long an alert has lasted (or lasted): hours under two days, days beyond. */
export function durationWords(t: TFunction, hours: number): string {
  if (hours < 48) return t('monitoring.alerts.duration.hours', { count: Math.round(hours * 10) / 10 });
  return t('monitoring.alerts.duration.days', { count: Math.round(hours / 2.4) / 10 });
}

/** The inbox's card of the open alerts the user's unit answers for; each opens the alerts page. */
export function InboxAlertsCard({ alerts }: { alerts: readonly MonitoringAlert[] }) {
  const { t } = useTranslation();
  return (
    <InboxCard
      icon={<AlertOutlined />}
      title={
        <>
          {t('monitoring.alerts.inbox.title')}
          <Typography.Text type="secondary" className="qs-card-title-count">
            {t('common.totalItems', { count: alerts.length })}
          </Typography.Text>
        </>
      }
      extra={<Link to="/monitoring/alerts">{t('monitoring.alerts.inbox.all')}</Link>}
      hint={
        <Typography.Paragraph type="secondary" className="qs-small">
          {t('monitoring.alerts.inbox.hint')}
        </Typography.Paragraph>
      }
      items={alerts}
      testId="inbox-monitoring-alerts"
      renderItem={(a) => (
        <List.Item data-testid="inbox-alert" extra={a.taskItemId !== null && <Link to={`/tasks/items/${a.taskItemId}`}>{t('monitoring.alerts.taskItem')}</Link>}>
          <Space size={6} wrap>
            <AlertKindTag kind={a.kind} />
            <Link to={`/monitoring/alerts?kind=${a.kind}`}>{a.site.name}</Link>
            <span>{alertDetailWords(t, a)}</span>
            <Typography.Text type="secondary" className="qs-small">
              {t('monitoring.alerts.since', { at: stampOf(a.openedAt) })}
            </Typography.Text>
          </Space>
        </List.Item>
      )}
    />
  );
}

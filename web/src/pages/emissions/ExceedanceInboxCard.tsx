// The open exceedance events the user answers for and has not acknowledged yet; each opens its
// enterprise. Shown on 企业排放 and in 我的待办.
import { WarningOutlined } from '@ant-design/icons';
import { List } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { InboxCard } from '../../components/InboxCard.tsx';
import { stampOf } from '../../monitoring/seriesChart.ts';
import type { Exceedance } from './types.ts';

export function ExceedanceInboxCard({ events }: { events: readonly Exceedance[] }) {
  const { t } = useTranslation();
  return (
    <InboxCard
      icon={<WarningOutlined />}
      title={t('emissions.inbox.title', { count: events.length })}
      items={events}
      testId="emissions-inbox"
      renderItem={(e) => (
        <List.Item data-testid="emissions-inbox-item">
          <Link to={`/emissions/enterprises/${e.enterprise.id}`}>{`${e.enterprise.name} · ${e.outlet.code} · ${e.factorCode}`}</Link>
          <span className="qs-muted qs-small">
            {t('emissions.inbox.since', { at: stampOf(e.startedAt) })} · {t('emissions.event.peakText', { peak: e.peakValue, limit: e.limitValue, unit: e.unit, multiple: e.multiple })}
          </span>
        </List.Item>
      )}
    />
  );
}

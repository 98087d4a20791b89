// 我的待办: what the user's organisation has to do now, in groups (to accept, re-checks due,
// returned, rebounded, overdue …), each with its count and items.
import {
  AuditOutlined,
  CheckCircleOutlined,
  ClockCircleOutlined,
  ExclamationCircleOutlined,
  FieldTimeOutlined,
  FileSearchOutlined,
  RollbackOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { Alert, Card, Col, Row, Skeleton, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../../api.ts';
import { useCurrentUser } from '../../auth.tsx';
import { RefreshButton } from '../../components/ListControls.tsx';
import { EmptyState, ErrorState } from '../../components/States.tsx';
import { useAsync } from '../../hooks.ts';
import { TaskTable } from '../../tasks/TaskTable.tsx';
import { TasksHeader } from '../../tasks/TasksHeader.tsx';
import { INBOX_GROUPS, type Inbox, type InboxGroup } from '../../tasks/types.ts';
import { InboxAlertsCard, type MonitoringAlert } from '../../monitoring/alerts.tsx';
import { ExceedanceInboxCard } from '../emissions/ExceedanceInboxCard.tsx';
import type { Exceedance } from '../emissions/types.ts';

const GROUP_ICONS: Record<InboxGroup, ReactNode> = {
  toAccept: <AuditOutlined />,
  recheckDue: <FileSearchOutlined />,
  returned: <RollbackOutlined />,
  rebounded: <WarningOutlined />,
  overdue: <ExclamationCircleOutlined />,
  dueSoon: <ClockCircleOutlined />,
  reportOverdue: <FieldTimeOutlined />,
  accepted: <CheckCircleOutlined />,
};

/** How urgent a group is when it has items: decides its accent colour. */
const GROUP_TONE: Record<InboxGroup, 'action' | 'red' | 'yellow' | 'green'> = {
  toAccept: 'action',
  recheckDue: 'action',
  returned: 'red',
  rebounded: 'red',
  overdue: 'red',
  dueSoon: 'yellow',
  reportOverdue: 'yellow',
  accepted: 'green',
};

export function TaskInboxPage() {
  const { t } = useTranslation();
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const { data, error, loading, reload } = useAsync(() => api.get<Inbox & { monitoringAlerts?: MonitoringAlert[]; exceedances?: Exceedance[] }>('/api/tasks/inbox'), []);
  const [pageSize, setPageSize] = useState(10);

  const firstWithItems = data ? INBOX_GROUPS.find((g) => (data[g]?.length ?? 0) > 0) : undefined;
  const asked = params.get('group') as InboxGroup | null;
  const group: InboxGroup = asked && INBOX_GROUPS.includes(asked) ? asked : (firstWithItems ?? 'toAccept');
  const items = data?.[group] ?? [];

  return (
    <div className="qs-page" data-testid="task-inbox">
      <TasksHeader
        view="inbox"
        description={
          user.organisationName
            ? t('tasks.inbox.descriptionFor', { organisation: user.organisationName })
            : t('tasks.inbox.description')
        }
        extra={<RefreshButton onClick={reload} />}
      />
      {!user.organisationId && (
        <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t('tasks.inbox.noOrganisation')} />
      )}
      {loading && !data ? (
        <Card className="qs-card">
          <Skeleton active paragraph={{ rows: 6 }} />
        </Card>
      ) : error ? (
        <ErrorState error={error} onRetry={reload} />
      ) : data ? (
        <>
          {(data.monitoringAlerts?.length ?? 0) > 0 && <InboxAlertsCard alerts={data.monitoringAlerts!} />}
          {(data.exceedances?.length ?? 0) > 0 && <ExceedanceInboxCard events={data.exceedances!} />}
          <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
            {INBOX_GROUPS.map((g) => {
              const count = data[g]?.length ?? 0;
              const tone = count > 0 ? GROUP_TONE[g] : 'none';
              return (
                <Col key={g} xs={12} md={8} lg={6} xxl={3}>
                  <Card
                    hoverable
                    size="small"
                    className={`qs-card qs-inbox-card qs-inbox-${tone}${g === group ? ' qs-inbox-card-selected' : ''}`}
                    onClick={() => setParams({ group: g }, { replace: true })}
                    data-testid={`inbox-${g}`}
                    aria-pressed={g === group}
                  >
                    <div className="qs-inbox-card-head">
                      <span className="qs-inbox-card-icon">{GROUP_ICONS[g]}</span>
                      <span className="qs-inbox-card-name">{t(`tasks.inbox.groups.${g}`)}</span>
                    </div>
                    <div className="qs-inbox-card-count" data-testid={`inbox-${g}-count`}>
                      {count}
                    </div>
                    <div className="qs-inbox-card-hint">{t(`tasks.inbox.hints.${g}`)}</div>
                  </Card>
                </Col>
              );
            })}
          </Row>
          <Card
            className="qs-card"
            title={
              <span>
                <span className="qs-card-title-icon">{GROUP_ICONS[group]}</span>
                {t(`tasks.inbox.groups.${group}`)}
                <Typography.Text type="secondary" className="qs-card-title-count">
                  {t('common.totalItems', { count: items.length })}
                </Typography.Text>
              </span>
            }
            data-testid="inbox-group"
          >
            <TaskTable
              items={items}
              testId="inbox-table"
              emptyText={<EmptyState description={t('tasks.inbox.emptyGroup')} />}
              pagination={
                items.length > pageSize
                  ? {
                      pageSize,
                      showSizeChanger: true,
                      pageSizeOptions: [10, 20, 50],
                      onShowSizeChange: (_, s) => setPageSize(s),
                      showTotal: (total) => t('common.totalItems', { count: total }),
                    }
                  : false
              }
            />
          </Card>
        </>
      ) : null}
    </div>
  );
}

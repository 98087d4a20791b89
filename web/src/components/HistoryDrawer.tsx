// Drawer listing the audit entries of one record, each with a before/after diff.
import { HistoryOutlined } from '@ant-design/icons';
import { Drawer, Empty, Skeleton, Table, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { formatDateTime } from '../format.ts';
import { useAsync } from '../hooks.ts';
import type { AuditEntry, Page } from '../types.ts';
import { diffRecords, fieldLabel, formatValue, type DiffRow } from './diff.ts';
import { ErrorState } from './States.tsx';

export function DiffTable({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useTranslation();
  const rows = diffRecords(before, after);
  if (rows.length === 0) {
    return <Typography.Text type="secondary">{t('audit.noChanges')}</Typography.Text>;
  }
  return (
    <Table<DiffRow>
      size="small"
      className="qs-diff-table"
      rowKey={(r) => r.field || '_'}
      pagination={false}
      dataSource={rows}
      columns={[
        { title: t('audit.field'), dataIndex: 'field', width: 130, render: (f: string) => fieldLabel(f) },
        {
          title: t('audit.before'),
          dataIndex: 'before',
          render: (v: unknown) => <span className="qs-diff-before">{formatValue(v)}</span>,
        },
        {
          title: t('audit.after'),
          dataIndex: 'after',
          render: (v: unknown) => <span className="qs-diff-after">{formatValue(v)}</span>,
        },
      ]}
    />
  );
}

export function HistoryDrawer({
  open,
  onClose,
  entity,
  entityId,
  title,
}: {
  open: boolean;
  onClose: () => void;
  entity: string;
  entityId: number | null;
  title: string;
}) {
  const { t } = useTranslation();
  const { data, error, loading, reload } = useAsync(
    () =>
      open && entityId !== null
        ? api.get<Page<AuditEntry>>('/api/audit', { entity, entityId, page: 1, pageSize: 100 })
        : Promise.resolve(undefined),
    [open, entity, entityId],
  );
  const items = [...(data?.items ?? [])].sort((a, b) => b.id - a.id);

  return (
    <Drawer
      open={open}
      onClose={onClose}
      size={640}
      destroyOnHidden
      title={
        <span>
          <HistoryOutlined className="qs-card-title-icon" />
          {t('audit.historyOf', { name: title })}
        </span>
      }
    >
      <div data-testid="history-drawer">
        {loading ? (
          <Skeleton active paragraph={{ rows: 6 }} />
        ) : error ? (
          <ErrorState error={error} onRetry={reload} />
        ) : items.length === 0 ? (
          <Empty description={t('audit.noHistory')} />
        ) : (
          <Timeline
            items={items.map((e) => ({
              key: e.id,
              color: e.action.includes('disable') || e.action.includes('delete') ? 'red' : 'green',
              title: (
                <div className="qs-history-head">
                  <Tag color="green">{t(`audit.actions.${e.action}`, { defaultValue: e.action })}</Tag>
                  <Typography.Text strong>{e.actorName ?? t('audit.system')}</Typography.Text>
                  <Typography.Text type="secondary">{formatDateTime(e.at)}</Typography.Text>
                  {e.ip && <Typography.Text type="secondary">{t('audit.ipValue', { ip: e.ip })}</Typography.Text>}
                </div>
              ),
              content: <DiffTable before={e.before} after={e.after} />,
            }))}
          />
        )}
      </div>
    </Drawer>
  );
}

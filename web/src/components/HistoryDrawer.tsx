// Drawer listing the audit entries of one record, each with a before/after diff.
import { HistoryOutlined } from '@ant-design/icons';
import { Drawer, Empty, Skeleton, Table, Tag, Timeline, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api.ts';
import { formatDateTime } from '../format.ts';
import { useAsync } from '../hooks.ts';
import type { AuditEntry, Page } from '../types.ts';
import { flattenTree, useOrgTree } from '../orgTree.ts';
import { diffRecords, fieldLabel, formatFieldValue, type DiffRow, type ValueLookups } from './diff.ts';
import { ErrorState } from './States.tsx';

export function actionColor(action: string): string {
  if (action.includes('fail') || action.includes('locked')) return 'red';
  if (action.includes('password')) return 'orange';
  if (action === 'login' || action === 'logout') return 'blue';
  return 'green';
}

/** Organisation names by id, for showing organisationId / parentId in a change list. */
export function useOrganisationNames(): ValueLookups {
  const tree = useOrgTree();
  return useMemo(() => {
    const names = new Map(flattenTree(tree.data ?? []).map((o) => [o.id, o.name]));
    return { organisationName: (id: number) => names.get(id) };
  }, [tree.data]);
}

export function DiffTable({ before, after, lookups }: { before: unknown; after: unknown; lookups?: ValueLookups }) {
  const { t } = useTranslation();
  const rows = diffRecords(before, after);
  if (rows.length === 0) {
    return <Typography.Text type="secondary">{t('audit.noChanges')}</Typography.Text>;
  }
  const created = rows.every((r) => r.change === 'added');
  const columns: TableProps<DiffRow>['columns'] = created
    ? [
        { title: t('audit.field'), dataIndex: 'field', width: 140, render: (f: string) => fieldLabel(f) },
        {
          title: t('audit.value'),
          dataIndex: 'after',
          render: (v: unknown, r) => <span className="qs-diff-value">{formatFieldValue(r.field, v, lookups)}</span>,
        },
      ]
    : [
        { title: t('audit.field'), dataIndex: 'field', width: 140, render: (f: string) => fieldLabel(f) },
        {
          title: t('audit.before'),
          dataIndex: 'before',
          render: (v: unknown, r) => <span className="qs-diff-before">{formatFieldValue(r.field, v, lookups)}</span>,
        },
        {
          title: t('audit.after'),
          dataIndex: 'after',
          render: (v: unknown, r) => <span className="qs-diff-after">{formatFieldValue(r.field, v, lookups)}</span>,
        },
      ];
  return (
    <Table<DiffRow>
      size="small"
      className="qs-diff-table"
      rowKey={(r) => r.field || '_'}
      pagination={false}
      dataSource={rows}
      columns={columns}
      tableLayout="fixed"
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
  const lookups = useOrganisationNames();

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
              color: e.action.includes('fail') || e.action.includes('locked') ? 'red' : 'green',
              content: (
                <div className="qs-history-entry">
                <div className="qs-history-head">
                  <Tag color={actionColor(e.action)}>{t(`audit.actions.${e.action}`, { defaultValue: e.action })}</Tag>
                  <Typography.Text strong>{e.actorName ?? t('audit.system')}</Typography.Text>
                  <Typography.Text type="secondary">{formatDateTime(e.at)}</Typography.Text>
                  {e.ip && <Typography.Text type="secondary">{t('audit.ipValue', { ip: e.ip })}</Typography.Text>}
                </div>
                {e.before || e.after ? <DiffTable before={e.before} after={e.after} lookups={lookups} /> : null}
                </div>
              ),
            }))}
          />
        )}
      </div>
    </Drawer>
  );
}

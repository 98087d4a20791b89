// The screenings made (of the user's organisation, as the API scopes them), newest first, each a
// link to its saved, shareable page.
import { Drawer, Table } from 'antd';
import type { TableProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { api } from '../api.ts';
import { serverPagination } from '../components/ListControls.tsx';
import { EmptyState, ErrorState } from '../components/States.tsx';
import { formatDateTime } from '../format.ts';
import { useAsync } from '../hooks.ts';
import type { Page } from '../types.ts';
import { localName } from './LayerTree.tsx';
import type { ScreeningSummary } from './types.ts';
import { VerdictTag } from './verdicts.tsx';

export function ScreeningHistory({ open, onClose, refreshKey }: { open: boolean; onClose: () => void; refreshKey: number }) {
  const { t, i18n } = useTranslation();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(10);
  const { data, error, loading, reload } = useAsync(
    () => (open ? api.get<Page<ScreeningSummary>>('/api/spatial/screenings', { page, pageSize }) : Promise.resolve(undefined)),
    [open, page, pageSize, refreshKey],
  );
  const columns: TableProps<ScreeningSummary>['columns'] = [
    {
      title: t('spatial.history.project'),
      key: 'project',
      render: (_, s) => (
        <Link to={`/map/screening/${encodeURIComponent(s.token)}`} onClick={onClose} data-testid="history-link">
          {s.projectName}
        </Link>
      ),
    },
    { title: t('spatial.form.category'), key: 'category', width: 120, render: (_, s) => localName(s.category, i18n.language) },
    { title: t('spatial.history.verdict'), key: 'verdict', width: 130, render: (_, s) => <VerdictTag verdict={s.verdict} /> },
    {
      title: t('spatial.history.at'),
      key: 'at',
      width: 170,
      render: (_, s) => (
        <div>
          <div>{formatDateTime(s.createdAt)}</div>
          {s.createdBy && <div className="qs-small qs-spatial-muted">{s.createdBy.name}</div>}
        </div>
      ),
    },
  ];
  return (
    <Drawer open={open} onClose={onClose} title={t('spatial.history.title')} size={760} data-testid="screening-history">
      {error && !loading ? (
        <ErrorState error={error} onRetry={reload} />
      ) : (
        <Table<ScreeningSummary>
          rowKey="token"
          size="small"
          loading={loading}
          dataSource={data?.items ?? []}
          columns={columns}
          locale={{ emptyText: <EmptyState description={t('spatial.history.empty')} /> }}
          pagination={serverPagination(t, { page, pageSize, total: data?.total ?? 0, sizes: [10, 20, 50] }, { page: setPage, pageSize: setPageSize })}
        />
      )}
    </Drawer>
  );
}

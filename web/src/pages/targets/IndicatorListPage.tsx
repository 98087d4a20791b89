// 指标库: every indicator once, searchable by its name or any wording the documents use, with the
// documents that set targets for it and the worst assessment among them.
import { ClearOutlined } from '@ant-design/icons';
import { Button, Card, Input, Select, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { api } from '../../api.ts';
import { RefreshButton, serverPagination } from '../../components/ListControls.tsx';
import { EmptyState, ErrorState } from '../../components/States.tsx';
import { useAsync, useDebounced, useUrlFilters } from '../../hooks.ts';
import { LatestCell, StatusTag, statusLabel } from '../../targets/labels.tsx';
import { OriginTag } from '../../targets/SourceSection.tsx';
import { TargetsHeader } from '../../targets/TargetsHeader.tsx';
import '../../targets/targets.css';
import { STATUSES, type AssessmentStatus, type IndicatorSummary, type TargetDocument } from '../../targets/types.ts';
import type { Page } from '../../types.ts';

const PAGE_SIZES = [10, 20, 50, 100];

export function IndicatorListPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { params, update, clear } = useUrlFilters();
  const q = params.get('q') ?? '';
  const doc = params.get('doc') ?? undefined;
  const status = (params.get('status') ?? undefined) as AssessmentStatus | undefined;
  const page = Number(params.get('page') ?? 1) || 1;
  const pageSize = Number(params.get('size') ?? 20) || 20;


  const [qInput, setQInput] = useState(q);
  const qDebounced = useDebounced(qInput.trim(), 350);
  useEffect(() => {
    if (qDebounced !== q) update({ q: qDebounced || undefined });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [qDebounced]);

  const documents = useAsync(() => api.get<TargetDocument[]>('/api/targets/documents'), []);
  const { data, error, loading, reload } = useAsync(
    () => api.get<Page<IndicatorSummary>>('/api/indicators', { q, doc, status, page, pageSize }),
    [q, doc, status, page, pageSize],
  );
  const filtered = !!(q || doc || status);
  const titles = new Map((documents.data ?? []).map((d) => [d.id, d.title]));

  const columns: TableProps<IndicatorSummary>['columns'] = [
    {
      title: t('targets.columns.indicator'),
      key: 'name',
      render: (_, r) => (
        <div className="qs-target-name">
          <Link to={`/targets/indicators/${r.key}`} onClick={(e) => e.stopPropagation()} data-testid="indicator-link">
            {r.name}
          </Link>
          <div className="qs-target-indicator-name">
            {r.key}
            {(r.origin !== 'entered' || r.bindingStatus === 'pending') && (
              <span className="qs-target-origin">
                <OriginTag origin={r.origin} pending={r.bindingStatus === 'pending'} />
              </span>
            )}
          </div>
        </div>
      ),
    },
    { title: t('targets.fields.unit'), dataIndex: 'unit', width: 110, render: (u: string | null) => u ?? <span className="qs-muted">—</span> },
    {
      title: t('targets.columns.documents'),
      key: 'docs',
      width: 200,
      render: (_, r) => (
        <span className="qs-target-doc-tags">
          {[...r.docs].sort().map((d) => (
            <Tooltip key={d} title={titles.get(d)}>
              <Tag color="geekblue">{d}</Tag>
            </Tooltip>
          ))}
        </span>
      ),
    },
    { title: t('targets.columns.targets'), dataIndex: 'targets', width: 80, align: 'right' },
    { title: t('targets.columns.worst'), key: 'status', width: 110, render: (_, r) => (r.status ? <StatusTag status={r.status} /> : null) },
    { title: t('targets.columns.latestCity'), key: 'latest', width: 220, render: (_, r) => <LatestCell latest={r.latest} unit={r.unit} /> },
  ];

  return (
    <div className="qs-page" data-testid="indicator-list">
      <TargetsHeader view="indicators" description={t('targets.indicators.description')} />
      <Card className="qs-card">
        <div className="qs-toolbar qs-toolbar-dense">
          <Input.Search
            allowClear
            placeholder={t('targets.indicators.searchPlaceholder')}
            value={qInput}
            onChange={(e) => setQInput(e.target.value)}
            onSearch={(v) => update({ q: v.trim() || undefined })}
            style={{ width: 240 }}
            data-testid="indicator-search"
          />
          <Select
            allowClear
            placeholder={t('targets.indicators.filterDocument')}
            value={doc}
            onChange={(v?: string) => update({ doc: v })}
            options={(documents.data ?? []).map((d) => ({ value: d.id, label: t('targets.documentOption', { id: d.id, title: d.title, count: d.targets }) }))}
            style={{ width: 260 }}
            popupMatchSelectWidth={false}
            data-testid="indicator-filter-doc"
          />
          <Select
            allowClear
            placeholder={t('targets.indicators.filterStatus')}
            value={status}
            onChange={(v?: AssessmentStatus) => update({ status: v })}
            options={STATUSES.map((s) => ({ value: s, label: statusLabel(t, s) }))}
            style={{ width: 150 }}
            data-testid="indicator-filter-status"
          />
          <div className="qs-toolbar-spacer" />
          {filtered && (
            <Tooltip title={t('targets.indicators.clearFilters')}>
              <Button
                icon={<ClearOutlined />}
                aria-label={t('targets.indicators.clearFilters')}
                onClick={() => {
                  setQInput('');
                  clear();
                }}
              />
            </Tooltip>
          )}
          <RefreshButton onClick={reload} />
        </div>
        <Typography.Paragraph type="secondary" className="qs-small">
          {t('targets.indicators.worstHint')}
        </Typography.Paragraph>
        {error && !loading ? (
          <ErrorState error={error} onRetry={reload} />
        ) : (
          <Table<IndicatorSummary>
            rowKey="key"
            size="middle"
            loading={loading}
            dataSource={data?.items ?? []}
            columns={columns}
            locale={{ emptyText: <EmptyState description={filtered ? t('targets.indicators.noMatch') : t('targets.indicators.empty')} /> }}
            rowClassName={() => 'qs-clickable-row'}
            onRow={(r) => ({ onClick: () => void navigate(`/targets/indicators/${r.key}`) })}
            pagination={serverPagination(
              t,
              { page, pageSize, total: data?.total ?? 0, sizes: PAGE_SIZES },
              { page: (p) => update({ page: p }), pageSize: (s) => update({ size: s }) },
            )}
            data-testid="indicator-table"
          />
        )}
      </Card>
    </div>
  );
}

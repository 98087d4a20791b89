// 时限一览: when the task items fall due. A chart of the items due each month by 红黄绿 (a click on
// a month lists only that month), the items in date order, and apart the ones that never close.
// The filters live in the address, like the board's.
import { ClearOutlined, FieldTimeOutlined, SyncOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Select, Skeleton, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableProps } from 'antd';
import dayjs from 'dayjs';
import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../../api.ts';
import type { ChartClick } from '../../components/EChart.tsx';
import { LazyEChart } from '../../components/LazyEChart.tsx';
import { RefreshButton, serverPagination } from '../../components/ListControls.tsx';
import { EmptyState, ErrorState } from '../../components/States.tsx';
import { useAsync, useUrlFilters } from '../../hooks.ts';
import type { TimelineEntry, TimelineResponse } from '../../tasks/chartTypes.ts';
import { ColourDot, ColourLabel, colourLabel, RefCell, StateTag } from '../../tasks/labels.tsx';
import { TasksHeader } from '../../tasks/TasksHeader.tsx';
import { monthRange, timelineChartOption } from '../../tasks/timelineChart.ts';
import { COLOURS, MINE_FILTERS, type TaskListSummary } from '../../tasks/types.ts';

const PAGE_SIZES = [10, 20, 50, 100];

function DueCell({ entry }: { entry: TimelineEntry }) {
  const { t } = useTranslation();
  if (entry.due === null || entry.daysLeft === null) return <Typography.Text>{entry.deadlineText}</Typography.Text>;
  const days = entry.daysLeft;
  const open = entry.state !== 'accepted';
  return (
    <div className="qs-timeline-due" data-testid="timeline-due">
      <Typography.Text strong>{entry.due}</Typography.Text>
      {open && days < 0 && <div className="qs-timeline-overdue">{t('tasks.timeline.daysOverdue', { count: -days })}</div>}
      {open && days >= 0 && <div className="qs-deadline-parsed">{days === 0 ? t('tasks.timeline.dueToday') : t('tasks.timeline.daysLeft', { count: days })}</div>}
      {entry.ongoingAfter && (
        <Tag icon={<SyncOutlined />} className="qs-timeline-after">
          {t('tasks.timeline.ongoingAfter')}
        </Tag>
      )}
    </div>
  );
}

function useColumns(withDue: boolean): TableProps<TimelineEntry>['columns'] {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return [
    ...(withDue ? [{ title: t('tasks.timeline.due'), key: 'due', width: 140, render: (_: unknown, e: TimelineEntry) => <DueCell entry={e} /> }] : []),
    { title: t('tasks.fields.ref'), key: 'ref', width: 110, render: (_, e) => <RefCell item={e} /> },
    {
      title: t('tasks.fields.title'),
      key: 'title',
      render: (_, e) => (
        <div>
          <Typography.Paragraph ellipsis={{ rows: 2, tooltip: e.title }} style={{ marginBottom: 2 }}>
            <a
              href={`/tasks/items/${e.id}`}
              onClick={(event) => {
                event.preventDefault();
                event.stopPropagation();
                void navigate(`/tasks/items/${e.id}`);
              }}
              data-testid="timeline-link"
            >
              {e.title}
            </a>
          </Typography.Paragraph>
          {e.deadlineText && (
            <Typography.Text type="secondary" className="qs-small">
              {t('tasks.timeline.asWritten', { text: e.deadlineText })}
            </Typography.Text>
          )}
        </div>
      ),
    },
    { title: t('tasks.fields.state'), key: 'state', width: 104, render: (_, e) => <StateTag state={e.state} /> },
    { title: t('tasks.fields.colour'), key: 'colour', width: 230, render: (_, e) => <ColourLabel colour={e.colour} reasons={e.reasons} /> },
  ];
}

export function TaskTimelinePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { params, update, clear } = useUrlFilters();
  const list = params.get('list') ?? undefined;
  const colour = params.get('colour') ?? undefined;
  const role = params.get('role') ?? undefined;
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
  const page = Number(params.get('page') ?? 1) || 1;
  const pageSize = Number(params.get('size') ?? 20) || 20;


  const lists = useAsync(() => api.get<TaskListSummary[]>('/api/tasks/lists'), []);
  // The chart shows every month under the filters; the date range only narrows the table.
  const overview = useAsync(() => api.get<TimelineResponse>('/api/tasks/timeline', { list, colour, role, pageSize: 1 }), [list, colour, role]);
  const table = useAsync(
    () => api.get<TimelineResponse>('/api/tasks/timeline', { list, colour, role, from, to, page, pageSize }),
    [list, colour, role, from, to, page, pageSize],
  );

  const months = overview.data?.months;
  const option = useMemo(() => timelineChartOption(t, months ?? [], { from, to }), [t, months, from, to]);
  const onBarClick = useCallback(
    (event: ChartClick) => {
      if (typeof event.name !== 'string') return;
      const range = monthRange(event.name);
      const same = from === range.from && to === range.to;
      update(same ? { from: undefined, to: undefined } : range);
    },
    [from, to, update],
  );

  const datedColumns = useColumns(true);
  const ongoingColumns = useColumns(false);
  const filtered = !!(list || colour || role || from || to);
  const ongoing = overview.data?.ongoing ?? [];

  return (
    <div className="qs-page" data-testid="task-timeline">
      <TasksHeader view="timeline" description={t('tasks.timeline.description')} />

      <Card className="qs-card" style={{ marginBottom: 16 }} data-testid="timeline-overview">
        <div className="qs-toolbar qs-toolbar-dense">
          <Select
            allowClear
            placeholder={t('tasks.board.filterList')}
            options={(lists.data ?? []).map((l) => ({ value: l.key, label: `${l.key} · ${l.title}` }))}
            value={list}
            onChange={(v?: string) => update({ list: v })}
            style={{ width: 200 }}
            popupMatchSelectWidth={false}
            data-testid="timeline-filter-list"
          />
          <Select
            allowClear
            placeholder={t('tasks.board.filterColour')}
            options={COLOURS.map((c) => ({
              value: c,
              label: (
                <span className={`qs-colour qs-colour-${c}`}>
                  <ColourDot colour={c} />
                  {colourLabel(t, c)}
                </span>
              ),
            }))}
            value={colour}
            onChange={(v?: string) => update({ colour: v })}
            style={{ width: 110 }}
            data-testid="timeline-filter-colour"
          />
          <Select
            allowClear
            placeholder={t('tasks.board.filterMine')}
            options={MINE_FILTERS.map((m) => ({ value: m, label: t(`tasks.mine.${m}`) }))}
            value={role}
            onChange={(v?: string) => update({ role: v })}
            style={{ width: 130 }}
            data-testid="timeline-filter-role"
          />
          <DatePicker.RangePicker
            allowEmpty={[true, true]}
            placeholder={[t('tasks.timeline.from'), t('tasks.timeline.to')]}
            value={[from ? dayjs(from) : null, to ? dayjs(to) : null]}
            onChange={(_, [start, end]) => update({ from: start || undefined, to: end || undefined })}
            style={{ width: 260 }}
            data-testid="timeline-filter-range"
          />
          <div className="qs-toolbar-spacer" />
          {filtered && (
            <Tooltip title={t('tasks.board.clearFilters')}>
              <Button
                icon={<ClearOutlined />}
                aria-label={t('tasks.board.clearFilters')}
                onClick={() => clear()}
                data-testid="timeline-clear-filters"
              />
            </Tooltip>
          )}
          <RefreshButton
            onClick={() => {
              overview.reload();
              table.reload();
            }}
          />
        </div>

        <div className="qs-timeline-chart-head">
          <Typography.Text strong>{t('tasks.timeline.chartTitle')}</Typography.Text>
          <Typography.Text type="secondary" className="qs-small">
            {t('tasks.timeline.chartHint')}
            {overview.data && overview.data.undated > 0 && ` ${t('tasks.timeline.undated', { count: overview.data.undated })}`}
          </Typography.Text>
        </div>
        {overview.error && !overview.loading ? (
          <ErrorState error={overview.error} onRetry={overview.reload} />
        ) : !overview.data ? (
          <Skeleton active paragraph={{ rows: 6 }} />
        ) : overview.data.months.length === 0 ? (
          <EmptyState description={filtered ? t('tasks.timeline.noMatch') : t('tasks.timeline.empty')} />
        ) : (
          <LazyEChart option={option} label={t('tasks.timeline.chartLabel')} height={300} onClick={onBarClick} testId="timeline-chart" />
        )}
      </Card>

      <Card
        className="qs-card"
        style={{ marginBottom: 16 }}
        title={
          <span>
            <span className="qs-card-title-icon">
              <FieldTimeOutlined />
            </span>
            {t('tasks.timeline.tableTitle')}
          </span>
        }
        data-testid="timeline-items"
        extra={
          from || to ? (
            <Tag closable onClose={() => update({ from: undefined, to: undefined })} data-testid="timeline-range-tag">
              {t('tasks.timeline.range', { from: from ?? '…', to: to ?? '…' })}
            </Tag>
          ) : undefined
        }
      >
        {table.error && !table.loading ? (
          <ErrorState error={table.error} onRetry={table.reload} />
        ) : (
          <Table<TimelineEntry>
            rowKey="id"
            size="middle"
            loading={table.loading}
            columns={datedColumns}
            dataSource={table.data?.items ?? []}
            scroll={{ x: 900 }}
            rowClassName={(e) => `qs-clickable-row qs-row-${e.colour}`}
            onRow={(e) => ({ onClick: () => void navigate(`/tasks/items/${e.id}`) })}
            locale={{ emptyText: <EmptyState description={filtered ? t('tasks.timeline.noMatch') : t('tasks.timeline.empty')} /> }}
            pagination={serverPagination(
              t,
              { page, pageSize, total: table.data?.total ?? 0, sizes: PAGE_SIZES },
              { page: (p) => update({ page: p }), pageSize: (s) => update({ size: s }) },
            )}
            data-testid="timeline-table"
          />
        )}
      </Card>

      {ongoing.length > 0 && (
        <Card
          className="qs-card"
          title={
            <span>
              <span className="qs-card-title-icon">
                <SyncOutlined />
              </span>
              {t('tasks.timeline.ongoingTitle', { count: ongoing.length })}
            </span>
          }
          data-testid="timeline-ongoing"
        >
          <Typography.Paragraph type="secondary">{t('tasks.timeline.ongoingHint')}</Typography.Paragraph>
          <Table<TimelineEntry>
            rowKey="id"
            size="small"
            columns={ongoingColumns}
            dataSource={ongoing}
            scroll={{ x: 760 }}
            rowClassName={() => 'qs-clickable-row'}
            onRow={(e) => ({ onClick: () => void navigate(`/tasks/items/${e.id}`) })}
            pagination={{ pageSize: 10, hideOnSinglePage: true, showTotal: (total) => t('common.totalItems', { count: total }) }}
          />
        </Card>
      )}
    </div>
  );
}

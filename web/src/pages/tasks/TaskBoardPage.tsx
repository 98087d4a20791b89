// 督办看板: the four task lists with their 红黄绿 counts, and every item with filters. The filters
// live in the address, so coming back from an item page finds the board as it was left.
import { ClearOutlined } from '@ant-design/icons';
import { Button, Card, Col, DatePicker, Input, Row, Select, Skeleton, Tag, Tooltip, TreeSelect, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { RefreshButton, serverPagination } from '../../components/ListControls.tsx';
import { EmptyState, ErrorState } from '../../components/States.tsx';
import { useAsync, useDebounced, useUrlFilters } from '../../hooks.ts';
import { toSelectTree, useOrgTree } from '../../orgTree.ts';
import type { Page } from '../../types.ts';
import { ColourDot, colourLabel, stateLabel } from '../../tasks/labels.tsx';
import { TaskTable } from '../../tasks/TaskTable.tsx';
import { TasksHeader } from '../../tasks/TasksHeader.tsx';
import { COLOURS, MINE_FILTERS, TASK_STATES, type TaskItem, type TaskListSummary } from '../../tasks/types.ts';

const PAGE_SIZES = [10, 20, 50, 100];

function ListCard({ list, selected, onClick }: { list: TaskListSummary; selected: boolean; onClick: () => void }) {
  const { t } = useTranslation();
  const total = Math.max(1, list.items);
  return (
    <Card
      hoverable
      className={selected ? 'qs-card qs-list-card qs-list-card-selected' : 'qs-card qs-list-card'}
      onClick={onClick}
      data-testid={`task-list-${list.key}`}
      aria-pressed={selected}
    >
      <div className="qs-list-card-head">
        <span className="qs-list-card-key">{t('tasks.listTag', { key: list.key })}</span>
        <span className="qs-list-card-year">{t('tasks.listYear', { year: list.year })}</span>
      </div>
      <Typography.Paragraph ellipsis={{ rows: 2, tooltip: list.title }} className="qs-list-card-title">
        {list.title}
      </Typography.Paragraph>
      <Tooltip title={list.scheduleIsDefault ? t('tasks.schedule.defaultHint') : t('tasks.schedule.sourceHint', { source: list.scheduleSource })}>
        <div className="qs-list-card-schedule" data-testid={`task-list-${list.key}-schedule`}>
          {t('tasks.schedule.line', { schedule: t(`tasks.schedule.${list.reportSchedule}`, { defaultValue: list.reportSchedule }) })}
          {list.scheduleIsDefault && <Tag className="qs-list-card-default">{t('tasks.schedule.defaultTag')}</Tag>}
        </div>
      </Tooltip>
      <div className="qs-list-card-body">
        <div className="qs-list-card-total">
          <span className="qs-list-card-number">{list.items}</span>
          <span className="qs-list-card-unit">{t('tasks.itemsUnit')}</span>
        </div>
        <div className="qs-list-card-colours">
          {COLOURS.map((c) => (
            <span key={c} className={`qs-list-card-colour qs-colour-${c}`} data-testid={`task-list-${list.key}-${c}`}>
              <ColourDot colour={c} />
              {colourLabel(t, c)} <strong>{list[c]}</strong>
            </span>
          ))}
        </div>
      </div>
      <div className="qs-colour-bar" aria-hidden="true">
        {COLOURS.map((c) => (list[c] > 0 ? <span key={c} className={`qs-colour-bar-${c}`} style={{ width: `${(list[c] / total) * 100}%` }} /> : null))}
      </div>
    </Card>
  );
}

export function TaskBoardPage() {
  const { t } = useTranslation();
  const { params, update, clear } = useUrlFilters();
  const list = params.get('list') ?? undefined;
  const state = params.get('state') ?? undefined;
  const colour = params.get('colour') ?? undefined;
  const mine = params.get('mine') ?? undefined;
  const orgParam = params.get('org');
  const organisationId = orgParam ? Number(orgParam) : undefined;
  const dueBefore = params.get('due') ?? undefined;
  const q = params.get('q') ?? '';
  const page = Number(params.get('page') ?? 1) || 1;
  const pageSize = Number(params.get('size') ?? 20) || 20;


  const [qInput, setQInput] = useState(q);
  const qDebounced = useDebounced(qInput.trim(), 350);
  useEffect(() => {
    if (qDebounced !== q) update({ q: qDebounced || undefined });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [qDebounced]);

  const lists = useAsync(() => api.get<TaskListSummary[]>('/api/tasks/lists'), []);
  const { data, error, loading, reload } = useAsync(
    () => api.get<Page<TaskItem>>('/api/tasks/items', { list, state, colour, mine, organisationId, dueBefore, q, page, pageSize }),
    [list, state, colour, mine, organisationId, dueBefore, q, page, pageSize],
  );
  const orgs = useOrgTree();
  const orgTree = useMemo(() => toSelectTree(orgs.data ?? [], { includeInactive: true }), [orgs.data]);
  const filtered = !!(list || state || colour || mine || organisationId || dueBefore || q);

  const listOptions = (lists.data ?? []).map((l) => ({ value: l.key, label: `${l.key} · ${l.title}` }));

  return (
    <div className="qs-page" data-testid="task-board">
      <TasksHeader view="board" description={t('tasks.board.description')} />

      {lists.loading && !lists.data ? (
        <Card className="qs-card" style={{ marginBottom: 16 }}>
          <Skeleton active paragraph={{ rows: 2 }} />
        </Card>
      ) : lists.error ? (
        <div style={{ marginBottom: 16 }}>
          <ErrorState error={lists.error} onRetry={lists.reload} />
        </div>
      ) : (
        <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
          {(lists.data ?? []).map((l) => (
            <Col key={l.key} xs={24} sm={12} xl={6}>
              <ListCard list={l} selected={list === l.key} onClick={() => update({ list: list === l.key ? undefined : l.key })} />
            </Col>
          ))}
        </Row>
      )}

      <Card className="qs-card">
        <div className="qs-toolbar qs-toolbar-dense">
          <Input.Search
            allowClear
            placeholder={t('tasks.board.searchPlaceholder')}
            value={qInput}
            onChange={(e) => setQInput(e.target.value)}
            onSearch={(v) => update({ q: v.trim() || undefined })}
            style={{ width: 180 }}
            data-testid="task-search"
          />
          <Select
            allowClear
            placeholder={t('tasks.board.filterList')}
            options={listOptions}
            value={list}
            onChange={(v?: string) => update({ list: v })}
            style={{ width: 170 }}
            popupMatchSelectWidth={false}
            data-testid="task-filter-list"
          />
          <Select
            allowClear
            placeholder={t('tasks.board.filterState')}
            options={TASK_STATES.map((s) => ({ value: s, label: stateLabel(t, s) }))}
            value={state}
            onChange={(v?: string) => update({ state: v })}
            style={{ width: 112 }}
            data-testid="task-filter-state"
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
            style={{ width: 104 }}
            data-testid="task-filter-colour"
          />
          <Select
            allowClear
            placeholder={t('tasks.board.filterMine')}
            options={MINE_FILTERS.map((m) => ({ value: m, label: t(`tasks.mine.${m}`) }))}
            value={mine}
            onChange={(v?: string) => update({ mine: v })}
            style={{ width: 124 }}
            data-testid="task-filter-mine"
          />
          <TreeSelect
            allowClear
            placeholder={t('tasks.board.filterOrganisation')}
            treeData={orgTree}
            showSearch={{ treeNodeFilterProp: 'title' }}
            value={organisationId}
            onChange={(v?: number) => update({ org: v })}
            loading={orgs.loading}
            style={{ width: 150 }}
            popupMatchSelectWidth={false}
          />
          <Tooltip title={t('tasks.board.dueBeforeHint')}>
            <DatePicker
              placeholder={t('tasks.board.dueBefore')}
              value={dueBefore ? dayjs(dueBefore) : null}
              onChange={(_, s) => update({ due: typeof s === 'string' && s ? s : undefined })}
              style={{ width: 132 }}
              data-testid="task-filter-due"
            />
          </Tooltip>
          <div className="qs-toolbar-spacer" />
          {filtered && (
            <Tooltip title={t('tasks.board.clearFilters')}>
              <Button
                icon={<ClearOutlined />}
                aria-label={t('tasks.board.clearFilters')}
                onClick={() => {
                  setQInput('');
                  clear();
                }}
                data-testid="task-clear-filters"
              />
            </Tooltip>
          )}
          <RefreshButton
            onClick={() => {
              reload();
              lists.reload();
            }}
          />
        </div>
        {error && !loading ? (
          <ErrorState error={error} onRetry={reload} />
        ) : (
          <TaskTable
            items={data?.items ?? []}
            loading={loading}
            testId="task-table"
            emptyText={<EmptyState description={filtered ? t('tasks.board.noMatch') : t('tasks.board.empty')} />}
            pagination={serverPagination(
              t,
              { page, pageSize, total: data?.total ?? 0, sizes: PAGE_SIZES },
              { page: (p) => update({ page: p }), pageSize: (s) => update({ size: s }) },
            )}
          />
        )}
      </Card>
    </div>
  );
}

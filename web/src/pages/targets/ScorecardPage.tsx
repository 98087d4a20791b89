// 目标考核: one document's targets as the document groups and numbers them, each with its latest
// approved value and its assessment in a colour and in words, the districts that report their own, and
// the count per assessment. Document, year and filter live in the address.
import { Card, Select, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useMemo, type HTMLAttributes, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api.ts';
import { RefreshButton } from '../../components/ListControls.tsx';
import { EmptyState, ErrorState } from '../../components/States.tsx';
import { useAsync } from '../../hooks.ts';
import { inDocumentOrder } from '../../targets/documentOrder.ts';
import { reasonText } from '../../targets/reasons.ts';
import { AssessmentCell, AttributeTag, LatestCell, STATUS_HEX, statusLabel, TargetWhen } from '../../targets/labels.tsx';
import { TargetsHeader } from '../../targets/TargetsHeader.tsx';
import '../../targets/targets.css';
import { STATUSES, type AssessedTarget, type AssessmentStatus, type DistrictAssessment, type Scorecard, type TargetDocument } from '../../targets/types.ts';

const FIRST_YEAR = 2020;

type Line = { kind: 'group'; key: string; name: string; count: number } | { kind: 'target'; key: string; row: AssessedTarget };

/** Districts with values of their own, each a small badge in its assessment's colour. */
function DistrictBadges({ districts }: { districts: DistrictAssessment[] }) {
  const { t } = useTranslation();
  if (districts.length === 0) return <span className="qs-muted">—</span>;
  return (
    <div className="qs-target-districts" data-testid="target-districts">
      {districts.map((d) => (
        <Tooltip
          key={d.organisationId}
          title={
            <div>
              <strong>{t('targets.districtStatus', { name: d.name, status: statusLabel(t, d.status) })}</strong>
              <ul className="qs-reason-tip">
                {d.reasons.map((r, i) => (
                  <li key={i}>{reasonText(t, r)}</li>
                ))}
              </ul>
            </div>
          }
        >
          <span className="qs-target-district" style={{ borderColor: STATUS_HEX[d.status], color: STATUS_HEX[d.status] }} data-status={d.status}>
            {d.name}
          </span>
        </Tooltip>
      ))}
    </div>
  );
}

/** 序号 where the document numbers its rows (000 附件2, 001 专栏一), else the clause. */
function PlaceCell({ row }: { row: AssessedTarget }) {
  const { t } = useTranslation();
  const { target } = row;
  if (target.row === null) return <span className="qs-target-clause">{target.clause}</span>;
  return (
    <Tooltip title={target.clause}>
      <span className="qs-target-row-number">
        {target.row}
        {target.sub !== null && <span className="qs-target-sub">{t('targets.sub', { sub: target.sub })}</span>}
      </span>
    </Tooltip>
  );
}

function NameCell({ row }: { row: AssessedTarget }) {
  const { t } = useTranslation();
  const { target, indicator } = row;
  return (
    <div className="qs-target-name">
      {target.rowName && <div className="qs-target-row-name">{target.rowName}</div>}
      <Link to={`/targets/indicators/${indicator.key}`} onClick={(e) => e.stopPropagation()} data-testid="target-link">
        {target.nameAsWritten}
      </Link>
      {indicator.name !== target.nameAsWritten && <div className="qs-target-indicator-name">{t('targets.asIndicator', { name: indicator.name })}</div>}
    </div>
  );
}

function TargetCell({ row }: { row: AssessedTarget }) {
  const { t } = useTranslation();
  const { target } = row;
  return (
    <div>
      <div className="qs-target-written">{target.targetAsWritten || <span className="qs-muted">{t('targets.noTargetWritten')}</span>}</div>
      <TargetWhen target={target} />
    </div>
  );
}

function StatusCounts({ counts, active, onPick }: { counts: Record<string, number>; active: string | undefined; onPick: (status: AssessmentStatus | undefined) => void }) {
  const { t } = useTranslation();
  const total = STATUSES.reduce((n, s) => n + (counts[s] ?? 0), 0);
  return (
    <div className="qs-target-counts" data-testid="scorecard-counts">
      {STATUSES.map((s) => (
        <button
          type="button"
          key={s}
          className={active === s ? 'qs-target-count qs-target-count-active' : 'qs-target-count'}
          style={{ borderTopColor: STATUS_HEX[s] }}
          onClick={() => onPick(active === s ? undefined : s)}
          aria-pressed={active === s}
          data-testid={`scorecard-count-${s}`}
        >
          <span className="qs-target-count-number" style={{ color: STATUS_HEX[s] }}>
            {counts[s] ?? 0}
          </span>
          <span className="qs-target-count-label">{statusLabel(t, s)}</span>
        </button>
      ))}
      <div className="qs-colour-bar qs-target-count-bar" aria-hidden="true">
        {STATUSES.map((s) => ((counts[s] ?? 0) > 0 ? <span key={s} style={{ width: `${((counts[s] ?? 0) / Math.max(1, total)) * 100}%`, background: STATUS_HEX[s] }} /> : null))}
      </div>
    </div>
  );
}

export function ScorecardPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const yearParam = params.get('year');
  const year = yearParam ? Number(yearParam) : undefined;
  const status = (params.get('status') ?? undefined) as AssessmentStatus | undefined;

  const update = (changes: Record<string, string | number | undefined>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes)) {
          if (v === undefined || v === '') next.delete(k);
          else next.set(k, String(v));
        }
        return next;
      },
      { replace: true },
    );

  const documents = useAsync(() => api.get<TargetDocument[]>('/api/targets/documents'), []);
  const doc = params.get('doc') ?? documents.data?.[0]?.id;
  const scorecard = useAsync(() => (doc ? api.get<Scorecard>('/api/targets/scorecard', { doc, year }) : Promise.resolve(undefined)), [doc, year]);
  const data = scorecard.data?.doc === doc ? scorecard.data : undefined;

  const groups = useMemo(() => (data ? inDocumentOrder(data.groups) : []), [data]);
  const lines = useMemo<Line[]>(
    () =>
      groups.flatMap((g, i) => {
        const rows = status ? g.rows.filter((r) => r.assessment.status === status) : g.rows;
        if (rows.length === 0) return [];
        const head: Line[] = g.name ? [{ kind: 'group', key: `group-${i}`, name: g.name, count: rows.length }] : [];
        return [...head, ...rows.map((row): Line => ({ kind: 'target', key: `target-${row.target.id}`, row }))];
      }),
    [groups, status],
  );

  const thisYear = Math.max(new Date().getFullYear(), data?.asOfYear ?? 0);
  const yearOptions = Array.from({ length: thisYear - FIRST_YEAR + 1 }, (_, i) => thisYear - i).map((y) => ({ value: y, label: t('targets.asOfOption', { year: y }) }));

  // A group heading spans the whole row; its other cells give way.
  const span = (columns: number, first: boolean) => (line: Line) => (line.kind === 'group' ? { colSpan: first ? columns : 0 } : {});
  const target = (render: (row: AssessedTarget) => ReactNode) => (_: unknown, line: Line) => (line.kind === 'target' ? render(line.row) : null);
  const COLUMNS = 7;
  const columns: TableProps<Line>['columns'] = [
    {
      title: t('targets.columns.place'),
      key: 'place',
      width: 96,
      onCell: span(COLUMNS, true),
      render: (_, line) =>
        line.kind === 'group' ? (
          <div className="qs-target-group" data-testid="scorecard-group">
            {line.name}
            <span className="qs-target-group-count">{t('targets.groupCount', { count: line.count })}</span>
          </div>
        ) : (
          <PlaceCell row={line.row} />
        ),
    },
    { title: t('targets.columns.indicator'), key: 'name', width: 220, onCell: span(COLUMNS, false), render: target((row) => <NameCell row={row} />) },
    { title: t('targets.columns.target'), key: 'target', width: 230, onCell: span(COLUMNS, false), render: target((row) => <TargetCell row={row} />) },
    { title: t('targets.columns.attribute'), key: 'attribute', width: 84, onCell: span(COLUMNS, false), render: target((row) => <AttributeTag attribute={row.target.attribute} />) },
    { title: t('targets.columns.latest'), key: 'latest', width: 150, onCell: span(COLUMNS, false), render: target((row) => <LatestCell latest={row.latest} unit={row.indicator.unit} />) },
    { title: t('targets.columns.assessment'), key: 'assessment', onCell: span(COLUMNS, false), render: target((row) => <AssessmentCell assessment={row.assessment} />) },
    { title: t('targets.columns.districts'), key: 'districts', width: 150, onCell: span(COLUMNS, false), render: target((row) => <DistrictBadges districts={row.districts} />) },
  ];

  const chosen = documents.data?.find((d) => d.id === doc);

  return (
    <div className="qs-page" data-testid="scorecard">
      <TargetsHeader view="scorecard" description={t('targets.scorecard.description')} />
      <Card className="qs-card">
        {documents.error ? (
          <ErrorState error={documents.error} onRetry={documents.reload} />
        ) : (
          <>
            <div className="qs-toolbar qs-toolbar-dense">
              <Select
                value={doc}
                loading={documents.loading}
                onChange={(v: string) => update({ doc: v, status: undefined })}
                options={(documents.data ?? []).map((d) => ({ value: d.id, label: t('targets.documentOption', { id: d.id, title: d.title, count: d.targets }) }))}
                style={{ width: 460, maxWidth: '100%' }}
                popupMatchSelectWidth={false}
                aria-label={t('targets.scorecard.document')}
                data-testid="scorecard-doc"
              />
              <Select
                value={year ?? data?.asOfYear}
                onChange={(v: number) => update({ year: v === new Date().getFullYear() ? undefined : v })}
                options={yearOptions}
                style={{ width: 150 }}
                aria-label={t('targets.scorecard.asOf')}
                data-testid="scorecard-year"
              />
              <Select
                allowClear
                value={status}
                placeholder={t('targets.scorecard.filterStatus')}
                onChange={(v?: AssessmentStatus) => update({ status: v })}
                options={STATUSES.map((s) => ({ value: s, label: statusLabel(t, s) }))}
                style={{ width: 130 }}
                data-testid="scorecard-status"
              />
              <div className="qs-toolbar-spacer" />
              <Link to={doc ? `/targets/indicators?doc=${doc}` : '/targets/indicators'} data-testid="scorecard-indicators-link">
                {t('targets.scorecard.toIndicators')}
              </Link>
              <RefreshButton onClick={scorecard.reload} />
            </div>
            {chosen && (
              <div className="qs-target-doc-head">
                <Tag color="geekblue">{t('targets.docTag', { id: chosen.id })}</Tag>
                <Typography.Text strong data-testid="scorecard-title">
                  {chosen.title}
                </Typography.Text>
                {data && <Typography.Text type="secondary">{t('targets.scorecard.asOfNote', { year: data.asOfYear, count: chosen.targets })}</Typography.Text>}
              </div>
            )}
            {data && <StatusCounts counts={data.counts} active={status} onPick={(s) => update({ status: s })} />}
            {scorecard.error && !scorecard.loading ? (
              <ErrorState error={scorecard.error} onRetry={scorecard.reload} />
            ) : (
              <Table<Line>
                size="middle"
                className="qs-scorecard-table"
                rowKey="key"
                loading={scorecard.loading || documents.loading}
                dataSource={lines}
                columns={columns}
                pagination={false}
                tableLayout="fixed"
                scroll={{ x: 1080 }}
                locale={{ emptyText: <EmptyState description={status ? t('targets.scorecard.noMatch') : t('targets.scorecard.empty')} /> }}
                rowClassName={(line) => (line.kind === 'group' ? 'qs-target-group-row' : 'qs-clickable-row')}
                onRow={(line) =>
                  line.kind === 'target'
                    ? ({
                        onClick: () => void navigate(`/targets/indicators/${line.row.indicator.key}`),
                        'data-testid': 'scorecard-row',
                        'data-indicator': line.row.indicator.key,
                      } as HTMLAttributes<HTMLElement>)
                    : {}
                }
                data-testid="scorecard-table"
              />
            )}
          </>
        )}
      </Card>
    </div>
  );
}

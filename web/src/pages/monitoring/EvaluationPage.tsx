// 空气质量评价: the monthly or annual evaluation of the city, the districts (ranked by 综合指数) and
// the stations (GET /api/monitoring/air/evaluation), under the standard in force or either version;
// 两版标准对比 fetches both versions and shows each figure under each, with the difference.
import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, DatePicker, Radio, Row, Select, Skeleton, Switch, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableProps } from 'antd';
import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import { useMemo, type HTMLAttributes, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { AQI_STANDARDS } from '../../../../src/monitoring/air/standard-versions.ts';
import { RefreshButton } from '../../components/ListControls.tsx';
import { EmptyState, ErrorState } from '../../components/States.tsx';
import { useAsync } from '../../hooks.ts';
import {
  downloadCsv,
  figuresOf,
  loadEvaluation,
  standardText,
  type AirEvaluation,
  type AqiStandard,
  type EvaluatedArea,
  type EvaluationFigures,
  type PeriodEvaluation,
  type SpatialMean,
} from '../../monitoring/air.ts';
import { DemoMark } from '../../monitoring/AqiMarks.tsx';
import { MonitoringHeader } from '../../monitoring/MonitoringHeader.tsx';
import '../../monitoring/monitoring.css';
import { sitePath } from '../../monitoring/sites.ts';

type Figure = keyof EvaluationFigures;

/** The figures of the tables and cards, in the order shown; `lowerIsBetter` colours a difference. */
const FIGURES: { key: Figure; unit?: string; lowerIsBetter: boolean }[] = [
  { key: 'compositeIndex', lowerIsBetter: true },
  { key: 'goodDayRatioPercent', unit: '%', lowerIsBetter: false },
  { key: 'heavyPollutionDays', lowerIsBetter: true },
  { key: 'pm25', unit: 'µg/m³', lowerIsBetter: true },
  { key: 'pm10', unit: 'µg/m³', lowerIsBetter: true },
  { key: 'o3', unit: 'µg/m³', lowerIsBetter: true },
];

/** One area under one or both standards (the comparison's order: 2012, 2026). */
interface AreaRow {
  key: string;
  area: EvaluatedArea['area'];
  ranks: (number | null)[];
  evaluations: PeriodEvaluation[];
}

const lastYear = (): string => String(new Date(Date.now() + 8 * 3_600_000).getUTCFullYear() - 1);

/** Rows of one list (districts or stations) across the results, matched by area. */
function rowsOf(results: readonly AirEvaluation[], pick: (r: AirEvaluation) => readonly EvaluatedArea[]): AreaRow[] {
  const first = results[0];
  if (!first) return [];
  return pick(first).map((a) => {
    const same = results.map((r) => pick(r).find((b) => b.area.kind === a.area.kind && b.area.id === a.area.id)!);
    return { key: `${a.area.kind}-${a.area.id}`, area: a.area, ranks: same.map((s) => s.rank ?? null), evaluations: same.map((s) => s.evaluation) };
  });
}

const rounded = (v: number): number => Math.round(v * 100) / 100;
const signed = (v: number): string => (v > 0 ? `+${v}` : String(v));

/** A figure under one standard, or under both with the difference (2026 − 2012). */
function FigureCell({ values, figure, testId }: { values: (number | null)[]; figure: (typeof FIGURES)[number] | { key: 'rank'; unit?: undefined; lowerIsBetter: true }; testId: string }) {
  const shown = (v: number | null) => (v === null ? '—' : `${v}${figure.unit === '%' ? '%' : ''}`);
  if (values.length === 1) return <span data-testid={testId}>{shown(values[0]!)}</span>;
  const [before, after] = values as [number | null, number | null];
  const diff = before !== null && after !== null ? rounded(after - before) : null;
  const worse = diff !== null && diff !== 0 && (diff > 0) === figure.lowerIsBetter;
  return (
    <span className="qs-air-compare-cell" data-testid={testId} data-before={before ?? ''} data-after={after ?? ''}>
      {shown(before)} → <b>{shown(after)}</b>
      {diff !== null && diff !== 0 && <span className={worse ? 'qs-air-diff-up' : 'qs-air-diff-down'}> ({signed(diff)})</span>}
    </span>
  );
}

const figureLabel = (t: TFunction, key: Figure | 'rank'): string => t(`monitoring.evaluation.figures.${key}`);

export function EvaluationPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const period = /^\d{4}(-\d{2})?$/.test(params.get('period') ?? '') ? params.get('period')! : lastYear();
  const monthly = period.length === 7;
  const standardParam = params.get('standard');
  const standard = (AQI_STANDARDS as readonly string[]).includes(standardParam ?? '') ? (standardParam as AqiStandard) : undefined;
  const spatialMean: SpatialMean = params.get('spatialMean') === 'daily' ? 'daily' : 'hourly';
  const compare = params.get('compare') === '1';

  const set = (changes: Record<string, string | undefined>) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(changes)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        return next;
      },
      { replace: true },
    );

  const results = useAsync(
    () => (compare ? Promise.all(AQI_STANDARDS.map((s) => loadEvaluation(period, s, spatialMean))) : loadEvaluation(period, standard, spatialMean).then((r) => [r])),
    [period, standard, spatialMean, compare],
  );
  const data = results.data;
  const first = data?.[0];
  const districts = useMemo(() => rowsOf(data ?? [], (r) => r.districts), [data]);
  const stations = useMemo(() => rowsOf(data ?? [], (r) => r.stations), [data]);
  const noData = first !== undefined && first.stations.every((s) => s.evaluation.daysWithData === 0);

  const figureColumns = (prefix: string): NonNullable<TableProps<AreaRow>['columns']> =>
    FIGURES.map((f) => ({
      title: (
        <Tooltip title={f.key === 'o3' ? t('monitoring.evaluation.o3Hint') : undefined}>
          {figureLabel(t, f.key)}
          {f.unit && f.unit !== '%' && <div className="qs-muted qs-small">{f.unit}</div>}
        </Tooltip>
      ),
      key: f.key,
      align: 'right' as const,
      render: (_: unknown, r: AreaRow) => <FigureCell values={r.evaluations.map((e) => figuresOf(e)[f.key])} figure={f} testId={`${prefix}-${f.key}`} />,
    }));
  const attainsColumn = {
    title: t('monitoring.evaluation.attains'),
    key: 'attains',
    render: (_: unknown, r: AreaRow) => (
      <span>
        {r.evaluations.map((e, i) => (
          <Tag key={i} color={e.attainsGradeII === null ? 'default' : e.attainsGradeII ? 'success' : 'error'}>
            {e.attainsGradeII === null ? t('monitoring.evaluation.notJudged') : e.attainsGradeII ? t('monitoring.evaluation.attainsYes') : t('monitoring.evaluation.attainsNo')}
          </Tag>
        ))}
      </span>
    ),
  };
  const districtColumns: TableProps<AreaRow>['columns'] = [
    {
      title: figureLabel(t, 'rank'),
      key: 'rank',
      width: compare ? 110 : 70,
      render: (_, r) => <FigureCell values={r.ranks} figure={{ key: 'rank', lowerIsBetter: true }} testId="district-rank" />,
    },
    { title: t('monitoring.columns.district'), key: 'name', render: (_, r) => r.area.name },
    ...figureColumns('district'),
    attainsColumn,
  ];
  const stationColumns: TableProps<AreaRow>['columns'] = [
    {
      title: t('monitoring.columns.name'),
      key: 'name',
      render: (_, r) => (
        <div>
          <Link to={sitePath({ id: r.area.id, kind: 'air' })}>{r.area.name}</Link>
          <div className="qs-muted qs-small">{r.area.code}</div>
        </div>
      ),
    },
    {
      title: t('monitoring.evaluation.validDays'),
      key: 'days',
      align: 'right',
      render: (_, r) => t('monitoring.evaluation.daysOf', { valid: r.evaluations[0]!.validAqiDays, all: r.evaluations[0]!.calendarDays }),
    },
    ...figureColumns('station'),
    attainsColumn,
  ];

  const exportRows = (rows: readonly AreaRow[], withRank: boolean) => {
    const standards = (data ?? []).map((r) => standardText(t, r.standard));
    const header = [
      t('monitoring.columns.name'),
      ...(withRank ? standards.map((s) => `${figureLabel(t, 'rank')} ${s}`) : []),
      ...FIGURES.flatMap((f) => standards.map((s) => `${figureLabel(t, f.key)}${f.unit ? ` (${f.unit})` : ''} ${s}`)),
      ...standards.map((s) => `${t('monitoring.evaluation.attains')} ${s}`),
    ];
    const yesNo = (v: boolean | null) => (v === null ? '' : v ? t('common.yes') : t('common.no'));
    return [
      header,
      ...rows.map((r) => [
        r.area.name,
        ...(withRank ? r.ranks : []),
        ...FIGURES.flatMap((f) => r.evaluations.map((e) => figuresOf(e)[f.key])),
        ...r.evaluations.map((e) => yesNo(e.attainsGradeII)),
      ]),
    ];
  };
  const exportButton = (name: string, rows: readonly AreaRow[], withRank: boolean, testId: string) => (
    <Button size="small" icon={<DownloadOutlined />} onClick={() => downloadCsv(`${name}-${period}.csv`, exportRows(rows, withRank))} data-testid={testId}>
      {t('monitoring.evaluation.exportCsv')}
    </Button>
  );

  return (
    <div className="qs-page" data-testid="monitoring-evaluation">
      <MonitoringHeader view="evaluation" description={t('monitoring.evaluation.description')} />
      <Card className="qs-card">
        <div className="qs-toolbar qs-toolbar-dense">
          <Radio.Group
            value={monthly ? 'month' : 'year'}
            onChange={(e) => set({ period: e.target.value === 'month' ? `${period.slice(0, 4)}-12` : period.slice(0, 4) })}
            optionType="button"
            options={[
              { value: 'year', label: t('monitoring.evaluation.annual') },
              { value: 'month', label: t('monitoring.evaluation.monthly') },
            ]}
            data-testid="evaluation-period-kind"
          />
          <DatePicker
            picker={monthly ? 'month' : 'year'}
            value={dayjs(monthly ? `${period}-01` : `${period}-01-01`)}
            allowClear={false}
            onChange={(d) => d && set({ period: d.format(monthly ? 'YYYY-MM' : 'YYYY') })}
            style={{ width: 130 }}
            data-testid="evaluation-period"
          />
          <Select<string>
            value={standard ?? 'inForce'}
            disabled={compare}
            onChange={(v) => set({ standard: v === 'inForce' ? undefined : v })}
            options={[
              { value: 'inForce', label: t('monitoring.evaluation.standardInForce') },
              ...AQI_STANDARDS.map((s) => ({ value: s, label: standardText(t, s) })),
            ]}
            style={{ width: 230 }}
            aria-label={t('monitoring.air.standard')}
            data-testid="evaluation-standard"
          />
          <Select<SpatialMean>
            value={spatialMean}
            onChange={(v) => set({ spatialMean: v === 'hourly' ? undefined : v })}
            options={(['hourly', 'daily'] as const).map((m) => ({ value: m, label: t(`monitoring.evaluation.spatialMeans.${m}`) }))}
            style={{ width: 260 }}
            aria-label={t('monitoring.evaluation.spatialMean')}
            data-testid="evaluation-spatial-mean"
          />
          <span className="qs-air-legend-item">
            <Switch checked={compare} onChange={(on) => set({ compare: on ? '1' : undefined })} data-testid="evaluation-compare" />
            {t('monitoring.evaluation.compare')}
          </span>
          <div className="qs-toolbar-spacer" />
          <RefreshButton onClick={results.reload} />
        </div>
      </Card>
      {results.error && !results.loading ? (
        <Card className="qs-card">
          <ErrorState error={results.error} onRetry={results.reload} />
        </Card>
      ) : !data ? (
        <Card className="qs-card">
          <Skeleton active />
        </Card>
      ) : noData ? (
        <Card className="qs-card">
          <div data-testid="evaluation-empty">
            <EmptyState description={t('monitoring.evaluation.empty', { period })} />
          </div>
        </Card>
      ) : (
        <>
          <EvaluationBasis results={data} />
          {first?.city && <CitySummary results={data} />}
          <Card
            className="qs-card"
            title={t('monitoring.evaluation.districtsTitle')}
            extra={exportButton(t('monitoring.evaluation.districtsFile'), districts, true, 'export-districts')}
          >
            <Table<AreaRow>
              rowKey="key"
              size="middle"
              loading={results.loading}
              dataSource={districts}
              columns={districtColumns}
              pagination={false}
              scroll={{ x: 'max-content' }}
              onRow={(r) => ({ 'data-testid': 'evaluation-district-row', 'data-name': r.area.name }) as HTMLAttributes<HTMLElement>}
              data-testid="evaluation-district-table"
            />
            <Typography.Paragraph type="secondary" className="qs-small qs-mon-convention">
              {t('monitoring.evaluation.rankNote')}
            </Typography.Paragraph>
          </Card>
          <Card
            className="qs-card"
            title={t('monitoring.evaluation.stationsTitle')}
            extra={exportButton(t('monitoring.evaluation.stationsFile'), stations, false, 'export-stations')}
          >
            <Table<AreaRow>
              rowKey="key"
              size="middle"
              loading={results.loading}
              dataSource={stations}
              columns={stationColumns}
              pagination={false}
              scroll={{ x: 'max-content' }}
              onRow={(r) => ({ 'data-testid': 'evaluation-station-row', 'data-code': r.area.code ?? '' }) as HTMLAttributes<HTMLElement>}
              data-testid="evaluation-station-table"
            />
          </Card>
        </>
      )}
    </div>
  );
}

/** What the figures rest on: the standard(s), the change of standard inside the period, the spatial mean, the city's stations. */
function EvaluationBasis({ results }: { results: readonly AirEvaluation[] }) {
  const { t } = useTranslation();
  const first = results[0]!;
  return (
    <Card className="qs-card" data-testid="evaluation-basis">
      <div className="qs-air-meta">
        <span>
          {t('monitoring.format.labelled', {
            label: t('monitoring.air.standard'),
            value: results.map((r) => standardText(t, r.standard)).join(t('monitoring.evaluation.versus')),
          })}
        </span>
        <span className="qs-muted">·</span>
        <span>{t('monitoring.format.labelled', { label: t('monitoring.evaluation.spatialMean'), value: t(`monitoring.evaluation.spatialMeans.${first.options.spatialMean}`) })}</span>
        <span className="qs-muted">·</span>
        <span>{t('monitoring.format.labelled', { label: t('monitoring.evaluation.cityStations'), value: t(`monitoring.evaluation.cityStationsOf.${first.options.cityStations}`) })}</span>
        {results.some((r) => r.demo) && <DemoMark note={first.demoNote} />}
      </div>
      {results.length > 1 && <Alert type="info" showIcon message={t('monitoring.evaluation.compareNote')} data-testid="evaluation-compare-note" />}
      {first.straddlesChange && results.length === 1 && (
        <Alert type="warning" showIcon message={t('monitoring.evaluation.straddles', { standard: standardText(t, first.standard) })} data-testid="evaluation-straddles" />
      )}
    </Card>
  );
}

/** The city's figures as cards, each under one standard or both. */
function CitySummary({ results }: { results: readonly AirEvaluation[] }) {
  const { t } = useTranslation();
  const cities = results.map((r) => r.city!);
  const city = cities[0]!;
  const cards: { key: string; label: string; content: ReactNode }[] = [
    ...FIGURES.map((f) => ({
      key: f.key,
      label: f.unit && f.unit !== '%' ? t('monitoring.format.withNote', { text: figureLabel(t, f.key), note: f.unit }) : figureLabel(t, f.key),
      content: <FigureCell values={cities.map((c) => figuresOf(c.evaluation)[f.key])} figure={f} testId={`city-${f.key}`} />,
    })),
    {
      key: 'validDays',
      label: t('monitoring.evaluation.validDays'),
      content: <span data-testid="city-validDays">{t('monitoring.evaluation.daysOf', { valid: city.evaluation.validAqiDays, all: city.evaluation.calendarDays })}</span>,
    },
  ];
  return (
    <Card className="qs-card" title={t('monitoring.evaluation.cityTitle', { name: city.area.name, period: results[0]!.period })} data-testid="evaluation-city">
      <Row gutter={[12, 12]}>
        {cards.map((c) => (
          <Col key={c.key} flex={results.length > 1 ? '1 1 220px' : '1 1 140px'}>
            <Card size="small">
              <div className="qs-muted qs-small">{c.label}</div>
              <div className="qs-air-figure">{c.content}</div>
            </Card>
          </Col>
        ))}
      </Row>
      <Typography.Paragraph type="secondary" className="qs-small qs-mon-convention">
        {t('monitoring.evaluation.cityNote', { count: city.area.stations.length })}
      </Typography.Paragraph>
    </Card>
  );
}

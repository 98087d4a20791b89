// 点位详情: one site's facts with the document that names it, and its values of one parameter over a
// period (hourly values for an air station, samples for a section or a source), 示例数据 marked; an air
// station also has its year of daily AQI on a calendar.
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Descriptions, Select, Skeleton, Typography } from 'antd';
import dayjs from 'dayjs';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { api, isApiError } from '../../api.ts';
import { LazyEChart } from '../../components/LazyEChart.tsx';
import { RefreshButton } from '../../components/ListControls.tsx';
import { EmptyState, ErrorState } from '../../components/States.tsx';
import { useAsync } from '../../hooks.ts';
import { AqiCalendar } from '../../monitoring/AqiCalendar.tsx';
import { DemoMark } from '../../monitoring/AqiMarks.tsx';
import { ApproximateMark, KindTag, levelLabel, parameterLabel, SiteStatusTag, waterClassLabel } from '../../monitoring/labels.tsx';
import { MonitoringHeader } from '../../monitoring/MonitoringHeader.tsx';
import { latestDayOf } from '../../monitoring/realtime.ts';
import '../../monitoring/monitoring.css';
import { seriesChartOption } from '../../monitoring/seriesChart.ts';
import { isSiteKind, loadSite } from '../../monitoring/sites.ts';
import { KIND_PATHS, type Parameter, type Series, type Site } from '../../monitoring/types.ts';

/** Air stations open on PM2.5, the pollutant most targets are about. */
const DEFAULT_PARAMETER = { air: 'pm2_5', water: 'nh3_n' } as const;
/** The period shown first: the last week, in China Standard Time. */
const DEFAULT_DAYS = 7;

const cstToday = (): string => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

export function SitePage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = Number(useParams().id);
  const [params] = useSearchParams();
  const kindParam = params.get('kind');
  const site = useAsync(() => loadSite(id, isSiteKind(kindParam) ? kindParam : null), [id, kindParam]);

  return (
    <div className="qs-page" data-testid="monitoring-site">
      <MonitoringHeader
        title={site.data?.name ?? t('monitoring.site.title')}
        description={site.data ? `${site.data.code} · ${t(`monitoring.kinds.${site.data.kind}`)}` : t('monitoring.site.description')}
        extra={
          <Button icon={<ArrowLeftOutlined />} onClick={() => void navigate('/monitoring')}>
            {t('monitoring.site.back')}
          </Button>
        }
      />
      {site.loading && !site.data ? (
        <Card className="qs-card">
          <Skeleton active />
        </Card>
      ) : site.error ? (
        <Card className="qs-card">
          {isApiError(site.error) && site.error.status === 404 ? (
            <EmptyState description={t('monitoring.site.notFound')} />
          ) : (
            <ErrorState error={site.error} onRetry={site.reload} />
          )}
        </Card>
      ) : site.data ? (
        <>
          <SiteFacts site={site.data} />
          <SiteSeries site={site.data} />
          {site.data.kind === 'air' && <AqiCalendar station={site.data} />}
        </>
      ) : null}
    </div>
  );
}

function SiteFacts({ site }: { site: Site }) {
  const { t } = useTranslation();
  const water = site.kind !== 'air';
  const items = [
    { key: 'code', label: t('monitoring.columns.code'), children: <span data-testid="site-code">{site.code}</span> },
    { key: 'kind', label: t('monitoring.columns.kind'), children: <KindTag kind={site.kind} /> },
    { key: 'level', label: t('monitoring.columns.level'), children: levelLabel(t, site.level) },
    { key: 'district', label: t('monitoring.columns.district'), children: site.districtName },
    {
      key: 'position',
      label: t('monitoring.columns.position'),
      children: (
        <span data-testid="site-position">
          <span className="qs-mon-coords">
            {t('monitoring.site.lonLat', { lon: site.lon.toFixed(4), lat: site.lat.toFixed(4) })}
          </span>
          {site.coordinatesApproximate && <ApproximateMark />}
        </span>
      ),
    },
    { key: 'status', label: t('monitoring.columns.status'), children: <SiteStatusTag status={site.status} /> },
    ...(water
      ? [
          { key: 'river', label: t('monitoring.site.river'), children: site.river ?? <span className="qs-muted">—</span> },
          { key: 'waterBody', label: t('monitoring.site.waterBody'), children: site.waterBody ? t(`monitoring.waterBodies.${site.waterBody}`) : '—' },
          {
            key: 'target',
            label: t('monitoring.site.targetClass'),
            children: <span data-testid="site-target">{site.targetClass != null ? waterClassLabel(t, site.targetClass) : t('monitoring.site.noTarget')}</span>,
          },
          { key: 'automatic', label: t('monitoring.site.automatic'), children: site.automatic ? t('common.yes') : t('common.no') },
        ]
      : []),
    ...(site.kind === 'source' && site.level === 'township'
      ? [{ key: 'thousandTon', label: t('monitoring.site.thousandTon'), children: site.thousandTon ? t('common.yes') : t('common.no') }]
      : []),
  ];
  return (
    <Card className="qs-card" title={t('monitoring.site.facts')}>
      <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} items={items} data-testid="site-facts" />
      {site.source && (
        <div className="qs-mon-source" data-testid="site-source">
          <div className="qs-mon-source-head">
            {t('monitoring.site.source', { doc: site.source.doc, clause: site.source.clause })}
          </div>
          {site.source.text && <blockquote className="qs-mon-quote">{site.source.text}</blockquote>}
        </div>
      )}
      {site.note && (
        <Typography.Paragraph type="secondary" className="qs-small qs-mon-note" data-testid="site-note">
          {t('monitoring.format.labelled', { label: t('monitoring.site.note'), value: site.note })}
        </Typography.Paragraph>
      )}
    </Card>
  );
}

function SiteSeries({ site }: { site: Site }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const medium = site.kind === 'air' ? 'air' : 'water';
  // Without a chosen period an air station opens on its latest week with data (the demo year is last
  // year's), not on an empty one.
  const latestDay = useAsync(() => (site.kind === 'air' && !params.get('to') ? latestDayOf(site.id) : Promise.resolve(null)), [site.id, site.kind]);
  const to = params.get('to') ?? latestDay.data ?? cstToday();
  const from = params.get('from') ?? dayjs(to).subtract(DEFAULT_DAYS - 1, 'day').format('YYYY-MM-DD');
  const parameters = useAsync(() => api.get<Parameter[]>('/api/monitoring/parameters'), []);
  const ofMedium = useMemo(() => (parameters.data ?? []).filter((p) => p.medium === medium), [parameters.data, medium]);
  const code = params.get('parameter') ?? DEFAULT_PARAMETER[medium];
  const parameter = ofMedium.find((p) => p.code === code) ?? ofMedium[0];
  const series = useAsync(
    () =>
      parameter && !latestDay.loading
        ? api.get<Series & { demo: boolean; demoNote: string | null }>(`/api/monitoring/${KIND_PATHS[site.kind]}/${site.id}/series`, { from, to, parameter: parameter.code })
        : Promise.resolve(undefined),
    [site.id, site.kind, from, to, parameter?.code, latestDay.loading],
  );
  const values = series.data?.items.filter((v) => v.parameter === parameter?.code) ?? [];
  const option = useMemo(() => (parameter ? seriesChartOption(t, parameter, values, { from, to }) : null), [t, parameter, series.data, from, to]); // eslint-disable-line react-hooks/exhaustive-deps

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

  return (
    <Card className="qs-card" title={t(`monitoring.series.title.${medium}`)} data-testid="site-series">
      <div className="qs-toolbar qs-toolbar-dense">
        <Select<string>
          value={parameter?.code}
          onChange={(v) => set({ parameter: v })}
          options={ofMedium.map((p) => ({ value: p.code, label: parameterLabel(t, p) }))}
          loading={parameters.loading}
          style={{ width: 220 }}
          aria-label={t('monitoring.series.parameter')}
          data-testid="series-parameter"
        />
        <DatePicker.RangePicker
          value={[dayjs(from), dayjs(to)]}
          allowClear={false}
          onChange={(_, [start, end]) => set({ from: start || undefined, to: end || undefined })}
          style={{ width: 260 }}
          data-testid="series-period"
        />
        <div className="qs-toolbar-spacer" />
        <RefreshButton onClick={series.reload} />
      </div>
      {parameters.error ? (
        <ErrorState error={parameters.error} onRetry={parameters.reload} />
      ) : series.error && !series.loading ? (
        <ErrorState error={series.error} onRetry={series.reload} />
      ) : parameters.loading || latestDay.loading || (series.loading && !series.data) ? (
        <Skeleton active />
      ) : values.length === 0 || !option || !parameter ? (
        <div data-testid="series-empty">
          <EmptyState description={t('monitoring.series.empty', { from, to })} />
        </div>
      ) : (
        <>
          <Typography.Text type="secondary" className="qs-small" data-testid="series-count">
            {t('monitoring.series.count', { count: values.length, invalid: values.filter((v) => !v.valid).length })}
          </Typography.Text>
          {series.data?.demo && (
            <span data-testid="series-demo">
              {' '}
              <DemoMark note={series.data.demoNote} />
            </span>
          )}
          <LazyEChart option={option} label={t('monitoring.series.chartLabel', { site: site.name, parameter: parameter.name, from, to })} height={340} testId="series-chart" />
        </>
      )}
      {series.data && (
        <Typography.Paragraph type="secondary" className="qs-small qs-mon-convention">
          {t('monitoring.series.convention')}
        </Typography.Paragraph>
      )}
    </Card>
  );
}

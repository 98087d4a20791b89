// 实时空气质量: each air station's latest hour on the map in its AQI colour and in a table with the
// six concentrations, and each district's and the city's AQI from the mean of their stations
// (GET /api/monitoring/air/realtime). Every figure names its standard; 示例数据 are marked.
import { Card, Table, Tooltip, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useMemo, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { RefreshButton } from '../../components/ListControls.tsx';
import { EmptyState, ErrorState } from '../../components/States.tsx';
import { useAsync } from '../../hooks.ts';
import { loadRealtimeAir, pollutantsText, SPECIES, SPECIES_TEXT, standardText, unitOfSpecies, type RealtimeArea, type RealtimeStation } from '../../monitoring/air.ts';
import { AqiCategory, AqiLegend, AqiValue, DemoMark } from '../../monitoring/AqiMarks.tsx';
import { levelLabel } from '../../monitoring/labels.tsx';
import { LazySiteMap } from '../../monitoring/LazySiteMap.tsx';
import { MonitoringHeader } from '../../monitoring/MonitoringHeader.tsx';
import '../../monitoring/monitoring.css';
import { stampOf } from '../../monitoring/seriesChart.ts';
import { loadAllSites, sitePath } from '../../monitoring/sites.ts';

export function AirPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const realtime = useAsync(loadRealtimeAir, []);
  const sites = useAsync(loadAllSites, []);
  const stations = useMemo(() => (sites.data ?? []).filter((s) => s.kind === 'air' && s.level !== 'micro'), [sites.data]);
  const aqi = useMemo(() => new Map((realtime.data?.items ?? []).map((i) => [i.station.id, i])), [realtime.data]);
  const data = realtime.data;
  const empty = data !== undefined && data.items.length === 0;
  const areas: RealtimeArea[] = data ? [...(data.city ? [data.city] : []), ...data.districts] : [];

  const hour = (at: string) => <span className="qs-mon-coords">{stampOf(at)}</span>;
  const standard = (s: string) => <span className="qs-small">{standardText(t, s)}</span>;
  const refresh = (
    <RefreshButton
      onClick={() => {
        realtime.reload();
        sites.reload();
      }}
    />
  );
  const mark = (row: { demo: boolean }) => (row.demo ? <DemoMark note={data?.demoNote} /> : null);

  const stationColumns: TableProps<RealtimeStation>['columns'] = [
    {
      title: t('monitoring.columns.name'),
      key: 'name',
      fixed: 'left',
      width: 190,
      render: (_, r) => (
        <div>
          <Link to={sitePath({ id: r.station.id, kind: 'air' })}>{r.station.name}</Link>
          <div className="qs-muted qs-small">
            {r.station.code} · {levelLabel(t, r.station.level)}
          </div>
        </div>
      ),
    },
    { title: t('monitoring.columns.district'), key: 'district', width: 80, render: (_, r) => r.station.districtName },
    { title: 'AQI', key: 'aqi', width: 70, render: (_, r) => <AqiValue value={r} /> },
    { title: t('monitoring.air.category'), key: 'category', width: 100, render: (_, r) => <AqiCategory value={r} /> },
    { title: t('monitoring.air.primary'), key: 'primary', width: 90, render: (_, r) => pollutantsText(t, r.primaryPollutants) },
    ...SPECIES.map((s) => ({
      title: (
        <Tooltip title={t('monitoring.air.oneHour')}>
          {SPECIES_TEXT[s]}
          <div className="qs-muted qs-small">{unitOfSpecies(s)}</div>
        </Tooltip>
      ),
      key: s,
      width: 72,
      align: 'right' as const,
      render: (_: unknown, r: RealtimeStation) => r.concentrations[`${s}_1h`] ?? <span className="qs-muted">—</span>,
    })),
    { title: t('monitoring.air.hour'), key: 'at', width: 140, render: (_, r) => hour(r.at) },
    { title: t('monitoring.air.standard'), key: 'standard', width: 120, render: (_, r) => standard(r.standard) },
    ...(data?.demo ? [{ title: '', key: 'demo', width: 100, render: (_: unknown, r: RealtimeStation) => mark(r) }] : []),
  ];

  const areaColumns: TableProps<RealtimeArea>['columns'] = [
    {
      title: t('monitoring.air.area'),
      key: 'name',
      width: 140,
      render: (_, r) => (r.area.kind === 'city' ? t('monitoring.air.cityRow', { name: r.area.name }) : r.area.name),
    },
    { title: 'AQI', key: 'aqi', width: 70, render: (_, r) => <AqiValue value={r} /> },
    { title: t('monitoring.air.category'), key: 'category', width: 100, render: (_, r) => <AqiCategory value={r} /> },
    { title: t('monitoring.air.primary'), key: 'primary', width: 90, render: (_, r) => pollutantsText(t, r.primaryPollutants) },
    {
      title: t('monitoring.air.pm25'),
      key: 'pm25',
      width: 100,
      align: 'right',
      render: (_, r) => r.concentrations['PM2.5_1h'] ?? <span className="qs-muted">—</span>,
    },
    {
      title: t('monitoring.air.stations'),
      key: 'stations',
      width: 90,
      render: (_, r) =>
        r.silent.length > 0 ? (
          <Tooltip title={t('monitoring.air.silentHint', { count: r.silent.length })}>
            <span data-testid="area-stations">{t('monitoring.air.stationsOf', { used: r.stations.length, all: r.stations.length + r.silent.length })}</span>
          </Tooltip>
        ) : (
          <span data-testid="area-stations">{r.stations.length}</span>
        ),
    },
    { title: t('monitoring.air.hour'), key: 'at', width: 140, render: (_, r) => hour(r.at) },
    { title: t('monitoring.air.standard'), key: 'standard', width: 120, render: (_, r) => standard(r.standard) },
    ...(data?.demo ? [{ title: '', key: 'demo', width: 100, render: (_: unknown, r: RealtimeArea) => mark(r) }] : []),
  ];

  return (
    <div className="qs-page" data-testid="monitoring-air">
      <MonitoringHeader view="air" description={t('monitoring.air.description')} />
      {realtime.error && !realtime.loading ? (
        <Card className="qs-card">
          <ErrorState error={realtime.error} onRetry={realtime.reload} />
        </Card>
      ) : empty ? (
        <Card className="qs-card" extra={refresh} title={t('monitoring.air.mapTitle')}>
          <div data-testid="air-empty">
            <EmptyState description={t('monitoring.air.empty')} />
          </div>
        </Card>
      ) : (
        <>
          {data?.demo && (
            <Typography.Paragraph className="qs-small" data-testid="air-demo">
              <DemoMark note={data.demoNote} /> {data.demoNote ?? t('monitoring.sites.demoHint')}
            </Typography.Paragraph>
          )}
          <Card
            className="qs-card"
            title={t('monitoring.air.mapTitle')}
            extra={refresh}
          >
            {stations.length > 0 ? (
              <LazySiteMap sites={stations} aqi={aqi} onSelect={(s) => void navigate(sitePath(s))} height={380} />
            ) : (
              <div className="qs-mon-map" style={{ height: 380 }} />
            )}
            <AqiLegend />
          </Card>
          <Card className="qs-card" title={t('monitoring.air.areasTitle')}>
            <Table<RealtimeArea>
              rowKey={(r) => `${r.area.kind}-${r.area.id}`}
              size="middle"
              loading={realtime.loading}
              dataSource={areas}
              columns={areaColumns}
              pagination={false}
              scroll={{ x: 'max-content' }}
              rowClassName={(r) => (r.area.kind === 'city' ? 'qs-air-city-row' : '')}
              onRow={(r) =>
                ({ 'data-testid': r.area.kind === 'city' ? 'air-city-row' : 'air-district-row', 'data-name': r.area.name }) as HTMLAttributes<HTMLElement>
              }
              data-testid="air-district-table"
            />
            <Typography.Paragraph type="secondary" className="qs-small qs-mon-convention">
              {t('monitoring.air.areasNote')}
            </Typography.Paragraph>
          </Card>
          <Card className="qs-card" title={t('monitoring.air.stationsTitle')}>
            <Table<RealtimeStation>
              rowKey={(r) => r.station.id}
              size="middle"
              loading={realtime.loading}
              dataSource={data?.items ?? []}
              columns={stationColumns}
              pagination={false}
              scroll={{ x: 'max-content' }}
              onRow={(r) => ({ 'data-testid': 'air-station-row', 'data-code': r.station.code }) as HTMLAttributes<HTMLElement>}
              data-testid="air-station-table"
            />
            <Typography.Paragraph type="secondary" className="qs-small qs-mon-convention">
              {t('monitoring.air.stationsNote')}
            </Typography.Paragraph>
          </Card>
        </>
      )}
    </div>
  );
}

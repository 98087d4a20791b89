// 监测点位: the air stations, surface-water sections and drinking-water sources on a map and in a
// table, filtered together by kind, district and status; a point or a row opens the site.
import { ClearOutlined } from '@ant-design/icons';
import { Button, Card, Select, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableProps } from 'antd';
import { useMemo, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { RefreshButton } from '../../components/ListControls.tsx';
import { EmptyState, ErrorState } from '../../components/States.tsx';
import { useAsync, useUrlFilters } from '../../hooks.ts';
import { ApproximateMark, KindTag, textOn, levelLabel, SiteStatusTag, statusLabel, kindLabel, waterClassLabel } from '../../monitoring/labels.tsx';
import { LazySiteMap } from '../../monitoring/LazySiteMap.tsx';
import { loadRealtime, type RealtimeAqi } from '../../monitoring/realtime.ts';
import { stampOf } from '../../monitoring/seriesChart.ts';
import { MonitoringHeader } from '../../monitoring/MonitoringHeader.tsx';
import '../../monitoring/monitoring.css';
import { isSiteKind, loadAllSites, sitePath } from '../../monitoring/sites.ts';
import { SITE_KINDS, SITE_STATUSES, type Site, type SiteKind, type SiteStatus } from '../../monitoring/types.ts';

const PAGE_SIZES = [10, 20, 50, 100];

export function SitesPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { params, update, clear } = useUrlFilters();
  const kindParam = params.get('kind');
  const kind = isSiteKind(kindParam) ? kindParam : undefined;
  const district = Number(params.get('district')) || undefined;
  const status = (SITE_STATUSES as readonly string[]).includes(params.get('status') ?? '') ? (params.get('status') as SiteStatus) : undefined;
  const page = Number(params.get('page') ?? 1) || 1;
  const pageSize = Number(params.get('size') ?? 20) || 20;


  const { data, error, loading, reload } = useAsync(loadAllSites, []);
  const realtime = useAsync(loadRealtime, []);
  const latest = useMemo(() => new Map((realtime.data ?? []).map((r) => [r.station.id, r])), [realtime.data]);
  const districts = useMemo(() => {
    const byId = new Map((data ?? []).map((s) => [s.districtId, s.districtName]));
    return [...byId.entries()].sort((a, b) => a[1].localeCompare(b[1], 'zh-CN')).map(([value, label]) => ({ value, label }));
  }, [data]);
  const shown = useMemo(
    () => (data ?? []).filter((s) => (!kind || s.kind === kind) && (!district || s.districtId === district) && (!status || s.status === status)),
    [data, kind, district, status],
  );
  const filtered = !!(kind || district || status);
  const open = (site: Site) => void navigate(sitePath(site));

  const columns: TableProps<Site>['columns'] = [
    {
      title: t('monitoring.columns.name'),
      key: 'name',
      render: (_, s) => (
        <div>
          <Link to={sitePath(s)} onClick={(e) => e.stopPropagation()} data-testid="site-link">
            {s.name}
          </Link>
          <div className="qs-muted qs-small">{s.code}</div>
        </div>
      ),
    },
    { title: t('monitoring.columns.kind'), key: 'kind', width: 120, render: (_, s) => <KindTag kind={s.kind} /> },
    { title: t('monitoring.columns.level'), key: 'level', width: 80, render: (_, s) => levelLabel(t, s.level) },
    { title: t('monitoring.columns.district'), dataIndex: 'districtName', width: 90 },
    {
      title: t('monitoring.columns.water'),
      key: 'water',
      width: 160,
      render: (_, s) =>
        s.kind === 'air' ? (
          <span className="qs-muted">—</span>
        ) : (
          <span>
            {s.river ?? (s.waterBody ? t(`monitoring.waterBodies.${s.waterBody}`) : '')}
            {s.targetClass != null && (
              <span className="qs-mon-target" data-testid="site-target-class">
                {t('monitoring.targetShort', { class: waterClassLabel(t, s.targetClass) })}
              </span>
            )}
          </span>
        ),
    },
    {
      title: t('monitoring.columns.position'),
      key: 'position',
      width: 150,
      render: (_, s) => (
        <div className="qs-mon-position">
          <div className="qs-mon-coords">
            {s.lon.toFixed(3)}, {s.lat.toFixed(3)}
          </div>
          {s.coordinatesApproximate && <ApproximateMark />}
        </div>
      ),
    },
    ...(latest.size > 0
      ? [{ title: t('monitoring.columns.latestAqi'), key: 'aqi', width: 140, render: (_: unknown, s: Site) => <LatestAqi latest={latest.get(s.id)} /> }]
      : []),
    { title: t('monitoring.columns.status'), key: 'status', width: 80, render: (_, s) => <SiteStatusTag status={s.status} /> },
  ];

  return (
    <div className="qs-page" data-testid="monitoring-sites">
      <MonitoringHeader view="sites" description={t('monitoring.sites.description')} />
      <Card className="qs-card">
        <div className="qs-toolbar qs-toolbar-dense">
          <Select<SiteKind>
            allowClear
            placeholder={t('monitoring.sites.filterKind')}
            value={kind}
            onChange={(v?: SiteKind) => update({ kind: v })}
            options={SITE_KINDS.map((k) => ({ value: k, label: kindLabel(t, k) }))}
            style={{ width: 160 }}
            data-testid="site-filter-kind"
          />
          <Select<number>
            allowClear
            placeholder={t('monitoring.sites.filterDistrict')}
            value={district}
            onChange={(v?: number) => update({ district: v })}
            options={districts}
            style={{ width: 160 }}
            data-testid="site-filter-district"
          />
          <Select<SiteStatus>
            allowClear
            placeholder={t('monitoring.sites.filterStatus')}
            value={status}
            onChange={(v?: SiteStatus) => update({ status: v })}
            options={SITE_STATUSES.map((s) => ({ value: s, label: statusLabel(t, s) }))}
            style={{ width: 130 }}
            data-testid="site-filter-status"
          />
          <div className="qs-toolbar-spacer" />
          {filtered && (
            <Tooltip title={t('monitoring.sites.clearFilters')}>
              <Button icon={<ClearOutlined />} aria-label={t('monitoring.sites.clearFilters')} onClick={() => clear()} />
            </Tooltip>
          )}
          <RefreshButton
            onClick={() => {
              reload();
              realtime.reload();
            }}
          />
        </div>
        {error && !loading ? (
          <ErrorState error={error} onRetry={reload} />
        ) : (
          <>
            {shown.length > 0 ? (
              <LazySiteMap sites={shown} onSelect={open} aqi={latest} />
            ) : (
              !loading && (
                <div className="qs-mon-map-empty">
                  <EmptyState description={filtered ? t('monitoring.sites.noMatch') : t('monitoring.sites.empty')} />
                </div>
              )
            )}
            {shown.some((s) => s.coordinatesApproximate) && (
              <Typography.Paragraph type="secondary" className="qs-small qs-mon-map-note" data-testid="approximate-note">
                {t('monitoring.sites.approximateNote', { count: shown.filter((s) => s.coordinatesApproximate).length })}
              </Typography.Paragraph>
            )}
            <Table<Site>
              rowKey="id"
              size="middle"
              loading={loading}
              dataSource={shown}
              columns={columns}
              locale={{ emptyText: <EmptyState description={filtered ? t('monitoring.sites.noMatch') : t('monitoring.sites.empty')} /> }}
              rowClassName={() => 'qs-clickable-row'}
              onRow={(s) => ({ onClick: () => open(s), 'data-testid': 'site-row', 'data-code': s.code }) as HTMLAttributes<HTMLElement>}
              pagination={{
                current: page,
                pageSize,
                showSizeChanger: true,
                pageSizeOptions: PAGE_SIZES,
                showTotal: (total) => t('common.totalItems', { count: total }),
                onChange: (p, size) => update(size !== pageSize ? { size, page: undefined } : { page: p }),
              }}
              data-testid="site-table"
            />
          </>
        )}
      </Card>
    </div>
  );
}

/** The station's latest hour: its AQI on the level's colour, the hour it ends, and a mark on 示例数据. */
function LatestAqi({ latest }: { latest: RealtimeAqi | undefined }) {
  const { t } = useTranslation();
  if (!latest) return <span className="qs-muted">—</span>;
  return (
    <span className="qs-mon-latest" data-testid="site-latest-aqi">
      {latest.aqi !== null && latest.color ? (
        <Tooltip title={latest.category}>
          <Tag color={latest.color} className="qs-mon-aqi-tag" style={{ color: textOn(latest.color) }}>
            {latest.aqi}
          </Tag>
        </Tooltip>
      ) : (
        <Tag>{t('monitoring.sites.aqiNa')}</Tag>
      )}
      <span className="qs-muted qs-small">{stampOf(latest.at).slice(5)}</span>
      {latest.demo && (
        <Tooltip title={t('monitoring.sites.demoHint')}>
          <Tag color="default" className="qs-mon-demo">
            {t('monitoring.sites.demo')}
          </Tag>
        </Tooltip>
      )}
    </span>
  );
}

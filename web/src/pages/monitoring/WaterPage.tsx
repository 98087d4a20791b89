// 地表水环境质量: the sections of a month or a year (GET /api/monitoring/water/evaluation) on the map
// in the colour of their class and in a table — target class, class of the period, whether it meets
// the target, 主要污染指标 with 超标倍数, the twelve months of the year against the year before, 同比 —
// with 断面水质优良率 and 达标率 of the city and of each district. 示例数据 are marked.
import { Card, Col, Row, Skeleton, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableProps } from 'antd';
import type { TFunction } from 'i18next';
import { useMemo, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { WATER_CLASSES } from '../../../../src/monitoring/water/parameters.ts';
import { RefreshButton } from '../../components/ListControls.tsx';
import { EmptyState, ErrorState } from '../../components/States.tsx';
import { useAsync } from '../../hooks.ts';
import { waterClassLabel } from '../../monitoring/labels.tsx';
import { LazySiteMap } from '../../monitoring/LazySiteMap.tsx';
import { MonitoringHeader } from '../../monitoring/MonitoringHeader.tsx';
import '../../monitoring/monitoring.css';
import type { SiteMark } from '../../monitoring/SiteMap.tsx';
import { loadAllSites, sitePath } from '../../monitoring/sites.ts';
import { classColour, loadWaterEvaluation, type AreaRatios, type SectionRow, type WaterClass } from '../../monitoring/water.ts';
import { ClassTag, classText } from '../../monitoring/WaterClassCalculator.tsx';
import { WaterMonths } from '../../monitoring/WaterMonths.tsx';
import { useWaterPeriod, WaterBasisLine, WaterPeriodBar } from '../../monitoring/WaterPeriodBar.tsx';

const CHANGE_COLOURS = { better: 'success', same: 'default', worse: 'error' } as const;

const percentText = (t: TFunction, value: number | null): string => (value === null ? t('monitoring.water.noPercent') : `${value}%`);

/** The twelve months of the year as small squares in their class colour, the year before as a bar under each. */
function MonthRow({ row, current }: { row: SectionRow; current: string }) {
  const { t } = useTranslation();
  const none = t('monitoring.water.noClass');
  return (
    <span className="qs-water-months" data-testid="water-trend">
      {row.trend.map((m) => (
        <Tooltip
          key={m.month}
          title={t('monitoring.water.trendTip', {
            month: m.month,
            now: m.class ? classText(t, m.class) : none,
            before: m.lastYearClass ? classText(t, m.lastYearClass) : none,
          })}
        >
          <span className={m.month === current ? 'qs-water-month-col qs-water-month-current' : 'qs-water-month-col'} data-month={m.month} data-class={m.class ?? ''}>
            <span className="qs-water-month" style={m.class ? { background: classColour(m.class) } : undefined} />
            <span className="qs-water-month qs-water-month-before" style={m.lastYearClass ? { background: classColour(m.lastYearClass), opacity: 0.55 } : undefined} />
          </span>
        </Tooltip>
      ))}
    </span>
  );
}

function RatioCard({ area, city, testId }: { area: AreaRatios; city?: boolean; testId: string }) {
  const { t } = useTranslation();
  return (
    <Card size="small" data-testid={testId} data-name={area.name}>
      <div className="qs-muted qs-small">{city ? t('monitoring.water.cityOf', { name: area.name }) : area.name}</div>
      <Row gutter={8}>
        <Col span={12}>
          <div className="qs-water-figure-sub">{t('monitoring.water.goodRatio')}</div>
          <div className="qs-water-figure" data-testid={`${testId}-good`}>
            {percentText(t, area.goodPercent)}
          </div>
        </Col>
        <Col span={12}>
          <div className="qs-water-figure-sub">{t('monitoring.water.targetRatio')}</div>
          <div className="qs-water-figure" data-testid={`${testId}-target`}>
            {percentText(t, area.meetsTargetPercent)}
          </div>
        </Col>
      </Row>
      <div className="qs-water-figure-sub">
        {t('monitoring.water.ratioCounts', { total: area.total, good: area.good, meets: area.meetsTarget, worst: area.worst })}
      </div>
    </Card>
  );
}

function ClassLegend() {
  const { t } = useTranslation();
  return (
    <div className="qs-water-class-legend" data-testid="water-class-legend">
      {WATER_CLASSES.map((c) => (
        <span key={c}>
          <span className="qs-water-swatch" style={{ background: classColour(c) }} />
          {classText(t, c)}
        </span>
      ))}
      <span>
        <span className="qs-water-swatch" style={{ background: '#f0f0f0', border: '1px solid #d9d9d9' }} />
        {t('monitoring.water.noClass')}
      </span>
    </div>
  );
}

export function WaterPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const control = useWaterPeriod();
  const { period, basis } = control;
  const result = useAsync(() => loadWaterEvaluation(period, basis), [period, basis]);
  const sites = useAsync(loadAllSites, []);
  const data = result.data;
  const sections = useMemo(() => (sites.data ?? []).filter((s) => s.kind === 'section' && data?.sections.some((r) => r.site.id === s.id)), [sites.data, data]);
  const marks = useMemo(
    () =>
      new Map<number, SiteMark>(
        (data?.sections ?? []).map((r) => {
          const c = r.evaluation?.class ?? null;
          return [r.site.id, { color: c ? classColour(c) : '#bfbfbf', label: c ? classText(t, c) : t('monitoring.water.noClass') }];
        }),
      ),
    [data, t],
  );
  const noData = data !== undefined && data.sections.every((s) => s.evaluation === null);
  const none = <span className="qs-muted">—</span>;
  const classCell = (c: WaterClass | null | undefined) => (c ? <ClassTag waterClass={c} /> : <Tag>{t('monitoring.water.noClass')}</Tag>);

  const columns: TableProps<SectionRow>['columns'] = [
    {
      title: t('monitoring.water.section'),
      key: 'name',
      fixed: 'left',
      width: 120,
      render: (_, r) => (
        <div>
          <Link to={sitePath({ id: r.site.id, kind: 'section' })}>{r.site.name}</Link>
          <div className="qs-muted qs-small">{r.site.code}</div>
        </div>
      ),
    },
    { title: t('monitoring.water.river'), key: 'river', width: 80, render: (_, r) => r.site.river ?? none },
    { title: t('monitoring.columns.district'), key: 'district', width: 70, render: (_, r) => r.site.districtName },
    { title: t('monitoring.water.target'), key: 'target', width: 80, render: (_, r) => (r.site.targetClass ? waterClassLabel(t, r.site.targetClass) : none) },
    {
      title: t('monitoring.water.classOfPeriod'),
      key: 'class',
      width: 140,
      render: (_, r) => (
        <span data-testid="water-section-class" data-class={r.evaluation?.class ?? ''}>
          {classCell(r.evaluation?.class)}
          {r.evaluation?.status && <span className="qs-small">{t(`monitoring.calc.water.descriptors.${r.evaluation.status}`, { defaultValue: r.evaluation.status })}</span>}
          {r.evaluation && !r.evaluation.complete && (
            <div className="qs-muted qs-small">{t('monitoring.water.monthsOnly', { months: r.evaluation.months ?? 0 })}</div>
          )}
        </span>
      ),
    },
    {
      title: t('monitoring.water.meetsTarget'),
      key: 'meets',
      width: 80,
      render: (_, r) =>
        r.evaluation?.meetsTarget == null ? (
          none
        ) : (
          <Tag color={r.evaluation.meetsTarget ? 'success' : 'error'} data-testid="water-meets">
            {r.evaluation.meetsTarget ? t('monitoring.water.meets') : t('monitoring.water.fails')}
          </Tag>
        ),
    },
    {
      title: t('monitoring.water.mainPollutants'),
      key: 'pollutants',
      width: 160,
      render: (_, r) =>
        r.evaluation && r.evaluation.mainPollutants.length > 0 ? (
          <span data-testid="water-pollutants">
            {r.evaluation.mainPollutants
              .map((p) => (p.exceedMultiple === null ? p.name : t('monitoring.water.pollutantWithMultiple', { name: p.name, multiple: p.exceedMultiple })))
              .join(t('monitoring.format.list'))}
          </span>
        ) : (
          none
        ),
    },
    { title: t('monitoring.water.trend'), key: 'trend', width: 190, render: (_, r) => <MonthRow row={r} current={period} /> },
    {
      title: t('monitoring.water.yearOnYear'),
      key: 'change',
      width: 100,
      render: (_, r) =>
        r.change ? (
          <Tooltip title={r.lastYear?.class ? t('monitoring.water.lastYearWas', { period: r.lastYear.period, class: classText(t, r.lastYear.class) }) : undefined}>
            <Tag color={CHANGE_COLOURS[r.change]} data-testid="water-change" data-change={r.change}>
              {t(`monitoring.water.changes.${r.change}`)}
            </Tag>
          </Tooltip>
        ) : (
          <span className="qs-muted qs-small">{t('monitoring.water.noComparison')}</span>
        ),
    },
  ];

  return (
    <div className="qs-page" data-testid="monitoring-water">
      <MonitoringHeader
        view="water"
        description={t('monitoring.water.description')}
        extra={
          <RefreshButton
            onClick={() => {
              result.reload();
              sites.reload();
            }}
          />
        }
      />
      <Card className="qs-card">
        <WaterPeriodBar {...control} />
        {data && <WaterBasisLine standard={data.standard} basis={data.basis} demo={data.demo} demoNote={data.demoNote} />}
      </Card>
      {result.error && !result.loading ? (
        <Card className="qs-card">
          <ErrorState error={result.error} onRetry={result.reload} />
        </Card>
      ) : !data ? (
        <Card className="qs-card">
          <Skeleton active />
        </Card>
      ) : noData ? (
        <Card className="qs-card">
          <div data-testid="water-empty">
            <EmptyState description={t('monitoring.water.empty', { period })} />
          </div>
        </Card>
      ) : (
        <>
          <Card className="qs-card" title={t('monitoring.water.ratiosTitle', { period: data.period })} data-testid="water-ratios">
            <Row gutter={[12, 12]}>
              <Col xs={24} md={12} xl={6}>
                <RatioCard area={data.city} city testId="water-city" />
              </Col>
              {data.districts.map((d) => (
                <Col key={d.id} xs={24} md={12} xl={6}>
                  <RatioCard area={d} testId="water-district" />
                </Col>
              ))}
            </Row>
            <Typography.Paragraph type="secondary" className="qs-small qs-mon-convention">
              {t('monitoring.water.ratiosNote')}
            </Typography.Paragraph>
          </Card>
          <Card className="qs-card" title={t('monitoring.water.mapTitle')}>
            {sections.length > 0 ? (
              <LazySiteMap sites={sections} marks={marks} onSelect={(s) => void navigate(sitePath(s))} height={360} />
            ) : (
              <div className="qs-mon-map" style={{ height: 360 }} />
            )}
            <ClassLegend />
          </Card>
          <Card className="qs-card" title={t('monitoring.water.sectionsTitle')}>
            <Table<SectionRow>
              rowKey={(r) => r.site.id}
              size="middle"
              loading={result.loading}
              dataSource={data.sections}
              columns={columns}
              pagination={false}
              scroll={{ x: 1020 }}
              expandable={{ expandedRowRender: (r) => <WaterMonths siteId={r.site.id} year={Number(period.slice(0, 4))} basis={basis} /> }}
              onRow={(r) => ({ 'data-testid': 'water-section-row', 'data-code': r.site.code }) as HTMLAttributes<HTMLElement>}
              data-testid="water-section-table"
            />
            <Typography.Paragraph type="secondary" className="qs-small qs-mon-convention">
              {t('monitoring.water.sectionsNote')}
            </Typography.Paragraph>
          </Card>
        </>
      )}
    </div>
  );
}

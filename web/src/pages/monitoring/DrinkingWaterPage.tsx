// 集中式饮用水水源地: each source of a month or a year (GET /api/monitoring/water/drinking) against the
// class it is held to (class III, or its own stricter target), with the items above it and their
// 超标倍数, and the 水源达标率 of the city and of each level of source. 示例数据 are marked.
import { Card, Col, Row, Skeleton, Table, Tag, Typography } from 'antd';
import type { TableProps } from 'antd';
import type { TFunction } from 'i18next';
import type { HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { RefreshButton } from '../../components/ListControls.tsx';
import { EmptyState, ErrorState } from '../../components/States.tsx';
import { useAsync } from '../../hooks.ts';
import { levelLabel } from '../../monitoring/labels.tsx';
import { MonitoringHeader } from '../../monitoring/MonitoringHeader.tsx';
import '../../monitoring/monitoring.css';
import { sitePath } from '../../monitoring/sites.ts';
import { loadDrinking, shortNumber, type Drinking, type SourceRow } from '../../monitoring/water.ts';
import { ClassTag, classText } from '../../monitoring/WaterClassCalculator.tsx';
import { WaterMonths } from '../../monitoring/WaterMonths.tsx';
import { useWaterPeriod, WaterBasisLine, WaterPeriodBar } from '../../monitoring/WaterPeriodBar.tsx';

const percentText = (t: TFunction, value: number | null): string => (value === null ? t('monitoring.water.noPercent') : `${value}%`);

function RateCard({ label, rate, testId }: { label: string; rate: Drinking['city']; testId: string }) {
  const { t } = useTranslation();
  return (
    <Card size="small" data-testid={testId}>
      <div className="qs-muted qs-small">{label}</div>
      <div className="qs-water-figure" data-testid={`${testId}-percent`}>
        {percentText(t, rate.percent)}
      </div>
      <div className="qs-water-figure-sub">{t('monitoring.drinking.rateCounts', { compliant: rate.compliant, total: rate.total })}</div>
    </Card>
  );
}

export function DrinkingWaterPage() {
  const { t } = useTranslation();
  const control = useWaterPeriod();
  const { period, basis } = control;
  const result = useAsync(() => loadDrinking(period, basis), [period, basis]);
  const data = result.data;
  const noData = data !== undefined && data.sources.every((s) => s.evaluation === null);
  const none = <span className="qs-muted">—</span>;

  const columns: TableProps<SourceRow>['columns'] = [
    {
      title: t('monitoring.drinking.source'),
      key: 'name',
      fixed: 'left',
      width: 170,
      render: (_, r) => (
        <div>
          <Link to={sitePath({ id: r.site.id, kind: 'source' })}>{r.site.name}</Link>
          <div className="qs-muted qs-small">{r.site.code}</div>
        </div>
      ),
    },
    { title: t('monitoring.columns.level'), key: 'level', width: 70, render: (_, r) => levelLabel(t, r.site.level) },
    { title: t('monitoring.columns.district'), key: 'district', width: 70, render: (_, r) => r.site.districtName },
    { title: t('monitoring.drinking.waterBody'), key: 'body', width: 90, render: (_, r) => t(`monitoring.calc.water.bodies.${r.site.waterBody}`) },
    { title: t('monitoring.drinking.limitClass'), key: 'limit', width: 80, render: (_, r) => classText(t, r.limitClass) },
    {
      title: t('monitoring.drinking.classOfPeriod'),
      key: 'class',
      width: 100,
      render: (_, r) => (
        <span data-testid="drinking-class" data-class={r.evaluation?.class ?? ''}>
          {r.evaluation?.class ? <ClassTag waterClass={r.evaluation.class} /> : <Tag>{t('monitoring.water.noClass')}</Tag>}
        </span>
      ),
    },
    {
      title: t('monitoring.drinking.compliance'),
      key: 'compliant',
      width: 90,
      render: (_, r) =>
        r.compliant === null ? (
          <span className="qs-muted qs-small">{t('monitoring.drinking.noData')}</span>
        ) : (
          <Tag color={r.compliant ? 'success' : 'error'} data-testid="drinking-compliant" data-compliant={String(r.compliant)}>
            {r.compliant ? t('monitoring.drinking.compliant') : t('monitoring.drinking.exceeds')}
          </Tag>
        ),
    },
    {
      title: t('monitoring.drinking.exceedances'),
      key: 'exceedances',
      width: 280,
      render: (_, r) =>
        r.exceedances.length > 0 ? (
          <div data-testid="drinking-exceedances">
            {r.exceedances.map((e) => (
              <div key={e.parameter}>
                {e.exceedMultiple === null
                  ? t('monitoring.drinking.exceedanceNoMultiple', { name: e.name, value: shortNumber(e.value), limit: e.limit, class: classText(t, e.class) })
                  : t('monitoring.drinking.exceedance', { name: e.name, value: shortNumber(e.value), limit: e.limit, multiple: e.exceedMultiple })}
              </div>
            ))}
          </div>
        ) : (
          none
        ),
    },
    // A month is its own only month: the column says something for a year only.
    ...(period.length === 4
      ? [
          {
            title: t('monitoring.drinking.exceedanceMonths'),
            key: 'months',
            width: 160,
            render: (_: unknown, r: SourceRow) =>
              r.exceedanceMonths.length > 0 ? <span data-testid="drinking-months">{r.exceedanceMonths.join(t('monitoring.format.list'))}</span> : none,
          },
        ]
      : []),
  ];

  return (
    <div className="qs-page" data-testid="monitoring-drinking">
      <MonitoringHeader view="drinking" description={t('monitoring.drinking.description')} extra={<RefreshButton onClick={result.reload} />} />
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
          <div data-testid="drinking-empty">
            <EmptyState description={t('monitoring.drinking.empty', { period })} />
          </div>
        </Card>
      ) : (
        <>
          <Card className="qs-card" title={t('monitoring.drinking.ratesTitle', { period: data.period })} data-testid="drinking-rates">
            <Row gutter={[12, 12]}>
              <Col xs={24} md={12} xl={6}>
                <RateCard label={t('monitoring.drinking.cityRate')} rate={data.city} testId="drinking-city" />
              </Col>
              {data.levels.map((l) => (
                <Col key={l.level} xs={24} md={12} xl={6}>
                  <RateCard label={t('monitoring.drinking.levelRate', { level: levelLabel(t, l.level) })} rate={l} testId={`drinking-level-${l.level}`} />
                </Col>
              ))}
            </Row>
            <Typography.Paragraph type="secondary" className="qs-small qs-mon-convention">
              {t('monitoring.drinking.ratesNote')}
            </Typography.Paragraph>
          </Card>
          <Card className="qs-card" title={t('monitoring.drinking.sourcesTitle')}>
            <Table<SourceRow>
              rowKey={(r) => r.site.id}
              size="middle"
              loading={result.loading}
              dataSource={data.sources}
              columns={columns}
              pagination={false}
              scroll={{ x: period.length === 4 ? 1050 : 900 }}
              expandable={{ expandedRowRender: (r) => <WaterMonths siteId={r.site.id} year={Number(period.slice(0, 4))} basis={basis} /> }}
              onRow={(r) => ({ 'data-testid': 'drinking-source-row', 'data-code': r.site.code }) as HTMLAttributes<HTMLElement>}
              data-testid="drinking-source-table"
            />
            <Typography.Paragraph type="secondary" className="qs-small qs-mon-convention">
              {t('monitoring.drinking.sourcesNote')}
            </Typography.Paragraph>
          </Card>
        </>
      )}
    </div>
  );
}

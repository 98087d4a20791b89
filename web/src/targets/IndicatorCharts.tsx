// The trend of an indicator against its targets, and the districts side by side (ECharts, loaded with
// the first chart shown).
import { BarChartOutlined, LineChartOutlined } from '@ant-design/icons';
import { Card, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { LazyEChart } from '../components/LazyEChart.tsx';
import { EmptyState } from '../components/States.tsx';
import { currentTargets, districtChartOption, trendChartOption, trendData, type DistrictBar } from './indicatorChartOptions.ts';
import type { IndicatorDetail } from './types.ts';

function ChartCard({ icon, title, testId, children }: { icon: ReactNode; title: string; testId: string; children: ReactNode }) {
  return (
    <Card
      className="qs-card"
      style={{ height: '100%' }}
      title={
        <span>
          <span className="qs-card-title-icon">{icon}</span>
          {title}
        </span>
      }
      data-testid={testId}
    >
      {children}
    </Card>
  );
}

export function TrendChart({ indicator }: { indicator: IndicatorDetail }) {
  const { t } = useTranslation();
  const data = useMemo(() => trendData(t, indicator), [t, indicator]);
  const option = useMemo(() => trendChartOption(t, data, indicator.unit), [t, data, indicator.unit]);
  const nothing = data.values.length === 0 && data.baselines.length === 0 && data.targets.length === 0;
  return (
    <ChartCard icon={<LineChartOutlined />} title={t('targets.chart.trendTitle')} testId="indicator-trend">
      {indicator.direction === 'none' ? (
        <EmptyState description={t('targets.chart.qualitative')} />
      ) : nothing ? (
        <EmptyState description={t('targets.chart.nothing')} />
      ) : (
        <>
          <LazyEChart option={option} label={t('targets.chart.trendLabel', { name: indicator.name })} height={340} testId="trend-canvas" />
          <Typography.Paragraph type="secondary" className="qs-small qs-chart-note">
            {data.values.length === 0 ? t('targets.chart.noValuesYet') : t('targets.chart.trendHint')}
          </Typography.Paragraph>
        </>
      )}
    </ChartCard>
  );
}

/** Shown only when districts have approved values of their own (`bars`). */
export function DistrictChart({ indicator, bars }: { indicator: IndicatorDetail; bars: DistrictBar[] }) {
  const { t } = useTranslation();
  const current = useMemo(() => currentTargets(trendData(t, indicator).targets), [t, indicator]);
  const option = useMemo(() => districtChartOption(t, bars, current, indicator.unit), [t, bars, current, indicator.unit]);
  return (
    <ChartCard icon={<BarChartOutlined />} title={t('targets.chart.districtTitle')} testId="indicator-districts">
      <LazyEChart option={option} label={t('targets.chart.districtChartLabel', { name: indicator.name })} height={340} testId="district-canvas" />
      {current.length > 0 && (
        <Typography.Paragraph type="secondary" className="qs-small qs-chart-note">
          {t('targets.chart.districtTargets', {
            targets: current.map((m) => t('targets.chart.targetLabel', { text: m.text, docs: m.docs.join('/') })).join(t('targets.chart.listSeparator')),
          })}
        </Typography.Paragraph>
      )}
    </ChartCard>
  );
}

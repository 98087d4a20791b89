// The 节点进度 chart of one subject: planned against reported cumulative quantities, either by year
// for one district (or the city's total), or by district for one year.
import type { TFunction } from 'i18next';
import type { ChartOption } from '../components/EChart.tsx';
import type { DistrictProgress, ProgressSeries, SubjectProgress } from './chartTypes.ts';

export const PLANNED_HEX = '#9ccfc0';
export const REPORTED_HEX = '#0e7c66';

export function districtLabel(t: TFunction, district: DistrictProgress): string {
  return district.writtenAs ?? district.organisationName ?? t('tasks.milestoneChart.wholeCity');
}

export function formatQuantity(value: number, unit: string | null, language: string): string {
  const number = value.toLocaleString(language === 'en' ? 'en' : 'zh-CN', { maximumFractionDigits: 2 });
  return unit ? `${number} ${unit}` : number;
}

export type MilestoneView = { kind: 'year'; series: ProgressSeries } | { kind: 'district'; yearIndex: number };

export function milestoneChartOption(t: TFunction, language: string, subject: SubjectProgress, view: MilestoneView): ChartOption {
  const categories =
    view.kind === 'year' ? subject.years.map((year) => t('tasks.milestoneChart.year', { year })) : subject.districts.map((d) => districtLabel(t, d));
  const planned = view.kind === 'year' ? view.series.planned : subject.districts.map((d) => d.planned[view.yearIndex] ?? null);
  const reported = view.kind === 'year' ? view.series.reported : subject.districts.map((d) => d.reported[view.yearIndex] ?? null);
  const show = (value: unknown) => (typeof value === 'number' ? formatQuantity(value, subject.unit, language) : t('tasks.milestoneChart.none'));
  const bar = (name: string, color: string, data: (number | null)[]) => ({
    type: 'bar' as const,
    name,
    data,
    barMaxWidth: 30,
    itemStyle: { color, borderRadius: [3, 3, 0, 0] },
    label: {
      show: true,
      position: 'top' as const,
      fontSize: 11,
      color: '#4a5a57',
      formatter: (p: { value?: unknown }) => (typeof p.value === 'number' ? p.value.toLocaleString(language === 'en' ? 'en' : 'zh-CN', { maximumFractionDigits: 2 }) : ''),
    },
  });
  return {
    legend: { top: 0, left: 'center' },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: show },
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: categories, axisTick: { alignWithLabel: true }, axisLabel: { interval: 0, width: 76, overflow: 'break' } },
    yAxis: { type: 'value', name: subject.unit ?? '', nameTextStyle: { align: 'right' } },
    series: [bar(t('tasks.milestoneChart.planned'), PLANNED_HEX, planned), bar(t('tasks.milestoneChart.reported'), REPORTED_HEX, reported)],
  };
}

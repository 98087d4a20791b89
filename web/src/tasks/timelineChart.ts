// The 时限一览 chart: items due per month, stacked by 红黄绿, the months outside a chosen range faded.
import type { TFunction } from 'i18next';
import type { ChartOption } from '../components/EChart.tsx';
import type { MonthCount } from './chartTypes.ts';
import { colourLabel } from './labels.tsx';
import { COLOURS } from './types.ts';

/** The dots' colours of styles.css, so chart and tables agree. */
export const COLOUR_HEX = { red: '#d9363e', yellow: '#e8a800', green: '#2f9e44' } as const;

/** Beyond this many months the axis gets a slider. */
const SLIDER_FROM = 36;

export function timelineChartOption(t: TFunction, months: readonly MonthCount[], selected: { from?: string | undefined; to?: string | undefined }): ChartOption {
  // Months outside a chosen range fade, so the bars the table lists stand out.
  const first = selected.from?.slice(0, 7);
  const last = selected.to?.slice(0, 7);
  const chosen = (month: string) => (!first || month >= first) && (!last || month <= last);
  const slider = months.length > SLIDER_FROM;
  return {
    color: COLOURS.map((c) => COLOUR_HEX[c]),
    legend: { top: 0, left: 'center' },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    grid: { left: 8, right: 16, top: 36, bottom: slider ? 56 : 8, containLabel: true },
    xAxis: { type: 'category', data: months.map((m) => m.month), axisTick: { alignWithLabel: true } },
    yAxis: { type: 'value', minInterval: 1, name: t('tasks.timeline.yAxis'), nameTextStyle: { align: 'left' } },
    dataZoom: slider
      ? [
          {
            type: 'slider',
            bottom: 8,
            height: 20,
            borderColor: '#d5e3df',
            fillerColor: 'rgba(14, 124, 102, 0.12)',
            handleStyle: { color: '#ffffff', borderColor: '#0e7c66' },
            moveHandleStyle: { color: '#9ccfc0' },
            dataBackground: { lineStyle: { color: '#9ccfc0' }, areaStyle: { color: '#e3f2ed' } },
            selectedDataBackground: { lineStyle: { color: '#0e7c66' }, areaStyle: { color: '#bfe3d7' } },
          },
          { type: 'inside' },
        ]
      : [],
    series: COLOURS.map((colour) => ({
      type: 'bar' as const,
      name: colourLabel(t, colour),
      stack: 'due',
      barMaxWidth: 28,
      emphasis: { focus: 'series' as const },
      data: months.map((m) => (chosen(m.month) ? m[colour] : { value: m[colour], itemStyle: { opacity: 0.25 } })),
    })),
  };
}

/** The first and last day of a YYYY-MM month. */
export function monthRange(month: string): { from: string; to: string } {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const lastDay = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(lastDay).padStart(2, '0')}` };
}

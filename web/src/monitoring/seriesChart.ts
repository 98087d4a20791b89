// The chart of one parameter of one site over a period: valid values as a line, values marked invalid
// apart (grey, with their reason in the tooltip). Times are China Standard Time whatever the browser's
// zone: the API stamps them +08:00, and the axis shows them as they are stamped.
import type { TFunction } from 'i18next';
import type { ChartOption } from '../components/EChart.tsx';
import { parameterLabel } from './labels.tsx';
import type { Parameter, SeriesValue } from './types.ts';

const LINE_HEX = '#0e7c66';
const INVALID_HEX = '#a3a3a3';
const CST_OFFSET_MS = 8 * 3_600_000;

/** The instant shifted so that an axis in UTC reads China Standard Time. */
const cstAxisTime = (at: string): number => Date.parse(at) + CST_OFFSET_MS;

/** "2026-03-01T01:00:00+08:00" → "2026-03-01 01:00", as stamped. */
export const stampOf = (at: string): string => at.slice(0, 16).replace('T', ' ');

/** The axis spans the whole period asked for (its first midnight to its last), not just the values found. */
export function seriesChartOption(t: TFunction, parameter: Parameter, values: readonly SeriesValue[], period: { from: string; to: string }): ChartOption {
  const points = values.filter((v) => v.value !== null);
  const valid = points.filter((v) => v.valid);
  const invalid = points.filter((v) => !v.valid);
  const byTime = new Map(points.map((v) => [cstAxisTime(v.at), v]));
  const name = parameterLabel(t, parameter);
  return {
    useUTC: true,
    legend: { top: 0, left: 'center' },
    tooltip: {
      trigger: 'axis',
      formatter: (raw) => {
        const items = Array.isArray(raw) ? raw : [raw];
        const first = items[0] as { value?: [number, number] } | undefined;
        const v = first?.value ? byTime.get(first.value[0]) : undefined;
        if (!v) return '';
        const reason = v.valid ? '' : `<br/>${t('monitoring.format.labelled', { label: t('monitoring.series.invalid'), value: v.invalidReason ?? '' })}`;
        const review = t(`monitoring.series.review.${v.review}`);
        return `${stampOf(v.at)}<br/>${t('monitoring.format.labelled', { label: parameter.name, value: `<b>${v.value}</b> ${t('monitoring.format.withNote', { text: parameter.unit, note: review })}` })}${reason}`;
      },
    },
    grid: { left: 8, right: 24, top: 40, bottom: 48, containLabel: true },
    xAxis: { type: 'time', min: Date.parse(`${period.from}T00:00:00Z`), max: Date.parse(`${period.to}T00:00:00Z`) + 86_400_000, axisLabel: { hideOverlap: true } },
    yAxis: { type: 'value', name: parameter.unit, scale: true },
    dataZoom: [{ type: 'inside' }, { type: 'slider', height: 18, bottom: 8 }],
    series: [
      {
        type: 'line',
        name,
        data: valid.map((v) => [cstAxisTime(v.at), Number(v.value)]),
        showSymbol: valid.length <= 72,
        symbolSize: 5,
        lineStyle: { color: LINE_HEX, width: 2 },
        itemStyle: { color: LINE_HEX },
      },
      {
        type: 'scatter',
        name: t('monitoring.series.invalidSeries'),
        data: invalid.map((v) => [cstAxisTime(v.at), Number(v.value)]),
        symbol: 'diamond',
        symbolSize: 8,
        itemStyle: { color: INVALID_HEX },
      },
    ],
  };
}

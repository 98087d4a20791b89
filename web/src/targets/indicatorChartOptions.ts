// The two charts of an indicator page: the city's approved annual values over the years, against each
// numeric target at its year, the baselines and the projection to the target year (dashed); and the
// latest approved value of each district that reports its own.
import type { TFunction } from 'i18next';
import type { ChartOption } from '../components/EChart.tsx';
import { plain, requiredLevel, SIGNS, withUnit } from './figures.ts';
import { requirementText } from './reasons.ts';
import type { IndicatorDetail, IndicatorValue } from './types.ts';

export const VALUE_HEX = '#0e7c66';
export const TARGET_HEX = '#cf1322';
export const BASELINE_HEX = '#8c8c8c';
export const PROJECTION_HEX = '#1677ff';

const approvedAnnual = (v: IndicatorValue) => v.state === 'approved' && v.period === 'year' && v.value !== null;

export interface TargetMark {
  year: number;
  level: number;
  text: string;
  docs: string[];
}

export interface TrendData {
  years: number[];
  values: { year: number; value: number }[];
  baselines: { year: number; value: number; asWritten: string }[];
  targets: TargetMark[];
  projections: { fromYear: number; fromValue: number; year: number; value: number }[];
}

/** What the trend chart draws; empty `values`, `baselines` and `targets` mean there is nothing to draw. */
export function trendData(t: TFunction, detail: IndicatorDetail): TrendData {
  // A computed or derived indicator's values are the source's, not entered ones.
  const values = (
    detail.source.origin === 'entered'
      ? detail.values.filter((v) => approvedAnnual(v) && v.scopeKind === 'city').map((v) => ({ year: v.year, value: v.value! }))
      : detail.source.computed.filter((v) => v.period === 'year' && v.value !== null).map((v) => ({ year: v.year, value: v.value! }))
  ).sort((a, b) => a.year - b.year);
  const baselines = detail.baselines.flatMap((b) => (b.value === null ? [] : [{ year: b.year, value: b.value, asWritten: b.asWritten }]));
  const marks = new Map<string, TargetMark>();
  for (const { target, assessment } of detail.targets) {
    const requirement = assessment.requirement;
    const level = requirement ? requiredLevel(requirement) : target.target.kind === 'absolute' ? target.target.value : null;
    if (level === null) continue;
    const text = requirement ? requirementText(t, requirement) : target.target.kind === 'absolute' ? `${SIGNS[target.target.comparator]}${withUnit(plain(target.target.value), detail.unit)}` : '';
    const key = `${target.year}:${plain(level)}`;
    const mark = marks.get(key);
    if (mark) {
      if (!mark.docs.includes(target.doc)) mark.docs.push(target.doc);
    } else marks.set(key, { year: target.year, level, text, docs: [target.doc] });
  }
  const projections = new Map<number, TrendData['projections'][number]>();
  for (const { assessment } of detail.targets) {
    const p = assessment.projected;
    const from = p && values.find((v) => v.year === p.toYear);
    if (p && from && !projections.has(p.year)) projections.set(p.year, { fromYear: from.year, fromValue: from.value, year: p.year, value: p.value });
  }
  const all = [...values.map((v) => v.year), ...baselines.map((b) => b.year), ...[...marks.values()].map((m) => m.year), ...[...projections.keys()]];
  const years = all.length === 0 ? [] : Array.from({ length: Math.max(...all) - Math.min(...all) + 1 }, (_, i) => Math.min(...all) + i);
  return { years, values, baselines, targets: [...marks.values()], projections: [...projections.values()] };
}

export function trendChartOption(t: TFunction, data: TrendData, unit: string | null): ChartOption {
  const category = (year: number) => String(year);
  const show = (value: unknown) => (typeof value === 'number' ? withUnit(plain(value), unit) : '—');
  const first = data.years[0] ?? 0;
  return {
    animationDuration: 400,
    legend: { top: 0, left: 'center' },
    tooltip: { trigger: 'item', valueFormatter: show },
    grid: { left: 8, right: 16, top: 44, bottom: 8, containLabel: true },
    xAxis: { type: 'category', data: data.years.map(category), axisTick: { alignWithLabel: true } },
    // Room above and below the points, so that labels and markers stay clear of the axes.
    yAxis: { type: 'value', scale: true, boundaryGap: ['20%', '20%'], name: unit ?? '', nameTextStyle: { align: 'right' } },
    series: [
      {
        type: 'line',
        name: t('targets.chart.values'),
        data: data.values.map((v) => [category(v.year), v.value]),
        color: VALUE_HEX,
        symbolSize: 8,
        lineStyle: { width: 2.5 },
        label: { show: true, position: 'top', formatter: (p: { value?: unknown }) => (Array.isArray(p.value) ? plain(Number(p.value[1])) : '') },
        z: 3,
      },
      {
        type: 'scatter',
        name: t('targets.chart.baseline'),
        data: data.baselines.map((b) => ({ value: [category(b.year), b.value], name: b.asWritten })),
        color: BASELINE_HEX,
        symbol: 'rect',
        symbolSize: 11,
        label: { show: true, position: 'bottom', formatter: () => t('targets.chart.baselineLabel'), color: BASELINE_HEX, fontSize: 11 },
      },
      {
        type: 'scatter',
        name: t('targets.chart.targets'),
        // Two targets in one year: the upper one labelled above, the others below, so the labels do not meet.
        data: data.targets.map((m) => {
          const upper = data.targets.every((o) => o.year !== m.year || o.level <= m.level);
          return { value: [category(m.year), m.level], name: m.text, label: { position: upper ? ('top' as const) : ('bottom' as const) } };
        }),
        color: TARGET_HEX,
        symbol: 'diamond',
        symbolSize: 14,
        label: {
          show: true,
          color: TARGET_HEX,
          fontSize: 11,
          formatter: (p: { dataIndex: number }) => {
            const m = data.targets[p.dataIndex]!;
            return t('targets.chart.targetLabel', { text: m.text, docs: m.docs.join('/') });
          },
        },
        tooltip: {
          formatter: (p: { dataIndex: number }) => {
            const m = data.targets[p.dataIndex]!;
            return t('targets.chart.targetTooltip', { year: m.year, text: m.text, docs: m.docs.join('/') });
          },
        },
      },
      // Each target as a dashed line at its level, up to its year: where the values have to reach.
      ...data.targets.map((m) => ({
        type: 'line' as const,
        name: t('targets.chart.targets'),
        data: [
          [category(first), m.level],
          [category(m.year), m.level],
        ],
        color: TARGET_HEX,
        symbol: 'none',
        silent: true,
        lineStyle: { type: 'dashed' as const, width: 1, opacity: 0.6 },
        tooltip: { show: false },
        z: 1,
      })),
      ...data.projections.map((p) => ({
        type: 'line' as const,
        name: t('targets.chart.projection'),
        data: [
          [category(p.fromYear), p.fromValue],
          [category(p.year), p.value],
        ],
        color: PROJECTION_HEX,
        lineStyle: { type: 'dashed' as const, width: 2 },
        symbol: 'emptyCircle',
        symbolSize: 7,
        label: { show: true, position: 'right' as const, formatter: (x: { dataIndex: number }) => (x.dataIndex === 1 ? plain(Number(p.value.toFixed(2))) : '') },
      })),
    ],
  };
}

export interface DistrictBar {
  name: string;
  year: number;
  value: number;
}

/** The latest approved annual value of each district with one. */
export function districtBars(detail: IndicatorDetail): DistrictBar[] {
  const latest = new Map<number, DistrictBar>();
  for (const v of detail.values) {
    if (!approvedAnnual(v) || v.scopeKind !== 'district') continue;
    const seen = latest.get(v.scopeId);
    if (!seen || v.year > seen.year) latest.set(v.scopeId, { name: v.scopeName, year: v.year, value: v.value! });
  }
  return [...latest.entries()].sort(([a], [b]) => a - b).map(([, bar]) => bar);
}

/** The targets of the latest target year: what the districts are measured against now. */
export function currentTargets(marks: TargetMark[]): TargetMark[] {
  const lastYear = Math.max(...marks.map((m) => m.year));
  return marks.filter((m) => m.year === lastYear);
}

/** The bars with the current targets as dashed lines, named under the chart (labels on lines this close would meet). */
export function districtChartOption(t: TFunction, bars: DistrictBar[], current: TargetMark[], unit: string | null): ChartOption {
  const show = (value: unknown) => (typeof value === 'number' ? withUnit(plain(value), unit) : '—');
  return {
    animationDuration: 400,
    tooltip: {
      trigger: 'item',
      formatter: (p) => {
        const bar = bars[(Array.isArray(p) ? p[0]! : p).dataIndex]!;
        return t('targets.chart.districtTooltip', { name: bar.name, year: bar.year, value: show(bar.value) });
      },
    },
    grid: { left: 8, right: 16, top: 32, bottom: 8, containLabel: true },
    // Each district with the year of its value: not every district reports every year.
    xAxis: { type: 'category', data: bars.map((b) => t('targets.chart.districtAxis', { name: b.name, year: b.year })), axisTick: { alignWithLabel: true }, axisLabel: { interval: 0 } },
    // Bars start at zero: their lengths are compared.
    yAxis: { type: 'value', name: unit ?? '', nameTextStyle: { align: 'left' } },
    series: [
      {
        type: 'bar',
        name: t('targets.chart.districtLatest'),
        data: bars.map((b) => b.value),
        barMaxWidth: 44,
        itemStyle: { color: VALUE_HEX, borderRadius: [3, 3, 0, 0] },
        label: {
          show: true,
          position: 'insideTop',
          color: '#fff',
          fontSize: 11,
          formatter: (p: { dataIndex: number }) => plain(bars[p.dataIndex]!.value),
        },
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { type: 'dashed', color: TARGET_HEX },
          label: { show: false },
          data: current.map((m) => ({ yAxis: m.level })),
        },
      },
    ],
  };
}

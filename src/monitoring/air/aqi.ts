/**
 * 空气质量指数 AQI of one set of concentrations, daily (日报) or hourly (实时报), under either HJ 633.
 * AQI = max IAQI; 首要污染物 when AQI > 50, all species tied on the integer IAQI; 超标污染物 (IAQI > 100)
 * in HJ 633-2012 only. Missing data: 2012 publishes the max of the IAQI available and names the missing
 * (NA); 2026 §5.3.1 publishes the AQI only when that max is above 100, else AQI = NA, except for a
 * pollutant not monitored by design ("/", §5.3.2), which the caller declares.
 */
import type { BreakpointColumn } from './breakpoints.ts';
import { iaqiOf, type IaqiRule } from './iaqi.ts';
import { toNumber, type Fraction } from './exact-decimal.ts';
import type { AqiStandard } from './standard-versions.ts';

export const SPECIES = ['SO2', 'NO2', 'PM10', 'PM2.5', 'CO', 'O3'] as const;
/** One of the six basic pollutants (基本项目). */
export type Species = (typeof SPECIES)[number];

export type AqiMode = 'daily' | 'hourly';

/**
 * An indicator (评价项目) as keyed in the calculator: a species over an averaging time, and the
 * breakpoint column it is indexed by (none for a value reported without IAQI). `so2Fallback` marks the
 * 2012 real-time SO2 24-h moving mean, which carries SO2's IAQI only when SO2 1-h is above 800.
 */
export interface Indicator {
  key: string;
  species: Species;
  column: BreakpointColumn | null;
  so2Fallback?: true;
}

const DAILY_2026: Indicator[] = [
  { key: 'SO2_24h', species: 'SO2', column: 'SO2_24h' },
  { key: 'NO2_24h', species: 'NO2', column: 'NO2_24h' },
  { key: 'PM10_24h', species: 'PM10', column: 'PM10_24h' },
  { key: 'PM2.5_24h', species: 'PM2.5', column: 'PM2.5_24h' },
  { key: 'CO_24h', species: 'CO', column: 'CO_24h' },
  { key: 'O3_8h_max', species: 'O3', column: 'O3_8h' },
];

const INDICATORS: Record<AqiStandard, Record<AqiMode, Indicator[]>> = {
  'HJ633-2012': {
    daily: [...DAILY_2026.slice(0, 5), { key: 'O3_1h_max', species: 'O3', column: 'O3_1h' }, DAILY_2026[5]!],
    hourly: [
      { key: 'SO2_1h', species: 'SO2', column: 'SO2_1h' },
      { key: 'NO2_1h', species: 'NO2', column: 'NO2_1h' },
      { key: 'CO_1h', species: 'CO', column: 'CO_1h' },
      { key: 'O3_1h', species: 'O3', column: 'O3_1h' },
      { key: 'O3_8h', species: 'O3', column: 'O3_8h' },
      { key: 'PM10_24h_moving', species: 'PM10', column: 'PM10_24h' },
      { key: 'PM2.5_24h_moving', species: 'PM2.5', column: 'PM2.5_24h' },
      { key: 'SO2_24h_moving', species: 'SO2', column: 'SO2_24h', so2Fallback: true },
      { key: 'PM10_1h', species: 'PM10', column: null },
      { key: 'PM2.5_1h', species: 'PM2.5', column: null },
    ],
  },
  'HJ633-2026': {
    daily: DAILY_2026,
    // §4.2.3: the six 1-h values; PM10 and PM2.5 1-h are indexed with the daily breakpoints.
    hourly: [
      { key: 'SO2_1h', species: 'SO2', column: 'SO2_1h' },
      { key: 'NO2_1h', species: 'NO2', column: 'NO2_1h' },
      { key: 'PM10_1h', species: 'PM10', column: 'PM10_24h' },
      { key: 'PM2.5_1h', species: 'PM2.5', column: 'PM2.5_24h' },
      { key: 'CO_1h', species: 'CO', column: 'CO_1h' },
      { key: 'O3_1h', species: 'O3', column: 'O3_1h' },
    ],
  },
};

export const indicatorsOf = (standard: AqiStandard, mode: AqiMode): readonly Indicator[] => INDICATORS[standard][mode];

/** AQI level (级别), category (类别) and colour (表示颜色), HJ 633 Table 2 / Table 1 and Appendix A. */
export interface AqiLevel {
  level: 1 | 2 | 3 | 4 | 5 | 6;
  category: AqiCategory;
  colourName: string;
  color: string;
  rgb: readonly [number, number, number];
  cmyk: readonly [number, number, number, number];
}

export const AQI_CATEGORIES = ['优', '良', '轻度污染', '中度污染', '重度污染', '严重污染'] as const;
export type AqiCategory = (typeof AQI_CATEGORIES)[number];

const LEVELS: readonly (AqiLevel & { upTo: number })[] = [
  { upTo: 50, level: 1, category: '优', colourName: '绿色', color: '#00E400', rgb: [0, 228, 0], cmyk: [40, 0, 100, 0] },
  { upTo: 100, level: 2, category: '良', colourName: '黄色', color: '#FFFF00', rgb: [255, 255, 0], cmyk: [0, 0, 100, 0] },
  { upTo: 150, level: 3, category: '轻度污染', colourName: '橙色', color: '#FF7E00', rgb: [255, 126, 0], cmyk: [0, 52, 100, 0] },
  { upTo: 200, level: 4, category: '中度污染', colourName: '红色', color: '#FF0000', rgb: [255, 0, 0], cmyk: [0, 100, 100, 0] },
  { upTo: 300, level: 5, category: '重度污染', colourName: '紫色', color: '#99004C', rgb: [153, 0, 76], cmyk: [10, 100, 40, 30] },
  { upTo: Infinity, level: 6, category: '严重污染', colourName: '褐红色', color: '#7E0023', rgb: [126, 0, 35], cmyk: [30, 100, 100, 30] },
];

export function aqiLevelOf(aqi: number): AqiLevel {
  const { upTo: _upTo, ...level } = LEVELS.find((l) => aqi <= l.upTo)!;
  return level;
}

/** Why a result looks as it does; each is shown beside the figures. */
export type AqiNote =
  | { code: 'above_last_breakpoint'; indicator: string }
  | { code: 'so2_1h_over_800'; counted: 200 | null; replacedBy: 'SO2_24h_moving' | null }
  | { code: 'o3_8h_over_800'; indicator: string; counted: 300 | null }
  | { code: 'missing'; pollutants: Species[] }
  | { code: 'not_published'; pollutants: Species[] };

export type AqiResult = {
  standard: AqiStandard;
  mode: AqiMode;
  aqi: number | null;
  level: AqiLevel['level'] | null;
  category: AqiCategory | null;
  color: string | null;
  /** One entry per indicator given; null where it carries no IAQI. */
  iaqi: Record<string, number | null>;
  /** The concentrations as indexed (rounded per GB/T 8170 under HJ 633-2026). */
  concentrations: Record<string, number>;
  primaryPollutants: Species[];
  /** 超标污染物, HJ 633-2012 only. */
  nonAttainmentPollutants: Species[];
  /** NA: pollutants without a value; not counting those not monitored by design. */
  missingPollutants: Species[];
  /** "/": pollutants not monitored by design. */
  notMonitored: Species[];
  notes: AqiNote[];
};

export interface AqiOptions {
  /** Pollutants not monitored by design that do not block publication (HJ 633-2026 §5.3.2). */
  notMonitored?: readonly Species[];
}

/** `values` is keyed by indicator; keys outside the standard's indicators for the mode are an error. */
export function computeAqi(
  standard: AqiStandard,
  mode: AqiMode,
  values: Readonly<Record<string, Fraction | number | null | undefined>>,
  options: AqiOptions = {},
): AqiResult {
  const indicators = indicatorsOf(standard, mode);
  for (const key of Object.keys(values)) {
    if (!indicators.some((i) => i.key === key)) throw new RangeError(`${key} is not an indicator of ${standard} ${mode}`);
  }
  let notes: AqiNote[] = [];
  const iaqi: Record<string, number | null> = {};
  const concentrations: Record<string, number> = {};
  const rules = new Map<string, IaqiRule>();
  const speciesIaqi = new Map<Species, number>();
  const credit = (species: Species, value: number) => speciesIaqi.set(species, Math.max(value, speciesIaqi.get(species) ?? 0));

  for (const indicator of indicators) {
    const value = values[indicator.key];
    if (value === null || value === undefined) {
      if (indicator.key in values) iaqi[indicator.key] = null;
      continue;
    }
    if (indicator.column === null) {
      concentrations[indicator.key] = typeof value === 'number' ? value : toNumber(value);
      iaqi[indicator.key] = null;
      continue;
    }
    const result = iaqiOf(standard, indicator.column, value);
    concentrations[indicator.key] = toNumber(result.concentration);
    rules.set(indicator.key, result.rule);
    iaqi[indicator.key] = result.iaqi;
    if (result.rule === 'above_last_breakpoint') notes.push({ code: 'above_last_breakpoint', indicator: indicator.key });
    if (result.rule === 'o3_8h_over_800') notes.push({ code: 'o3_8h_over_800', indicator: indicator.key, counted: result.iaqi === null ? null : 300 });
  }

  // HJ 633-2012 real time: above 800 the SO2 1-h value gives no IAQI and the 24-h moving mean speaks for SO2.
  const so2Over800 = rules.get('SO2_1h') === 'so2_1h_over_800';
  const fallback = indicators.find((i) => i.so2Fallback);
  if (fallback && fallback.key in iaqi && !so2Over800) {
    iaqi[fallback.key] = null;
    notes = notes.filter((n) => !(n.code === 'above_last_breakpoint' && n.indicator === fallback.key));
  }
  if (so2Over800) {
    const replaced = fallback !== undefined && iaqi[fallback.key] !== undefined && iaqi[fallback.key] !== null;
    notes.push({ code: 'so2_1h_over_800', counted: iaqi.SO2_1h === null ? null : 200, replacedBy: replaced ? 'SO2_24h_moving' : null });
  }
  for (const indicator of indicators) {
    const value = iaqi[indicator.key];
    if (value !== null && value !== undefined) credit(indicator.species, value);
  }

  const notMonitored = SPECIES.filter((s) => options.notMonitored?.includes(s) && !speciesIaqi.has(s));
  const missingPollutants = SPECIES.filter((s) => !speciesIaqi.has(s) && !notMonitored.includes(s));
  if (missingPollutants.length > 0) notes.push({ code: 'missing', pollutants: missingPollutants });

  const highest = speciesIaqi.size === 0 ? null : Math.max(...speciesIaqi.values());
  const withheld = standard === 'HJ633-2026' && missingPollutants.length > 0 && (highest === null || highest <= 100);
  if (withheld) notes.push({ code: 'not_published', pollutants: missingPollutants });
  const aqi = withheld ? null : highest;
  const level = aqi === null ? null : aqiLevelOf(aqi);

  return {
    standard,
    mode,
    aqi,
    level: level?.level ?? null,
    category: level?.category ?? null,
    color: level?.color ?? null,
    iaqi,
    concentrations,
    primaryPollutants: aqi !== null && aqi > 50 ? SPECIES.filter((s) => speciesIaqi.get(s) === aqi) : [],
    nonAttainmentPollutants: standard === 'HJ633-2012' ? SPECIES.filter((s) => (speciesIaqi.get(s) ?? 0) > 100) : [],
    missingPollutants,
    notMonitored,
    notes,
  };
}

/** A note in words, for exports and the calculator page (the UI has its own message files). */
export function describeAqiNote(note: AqiNote): string {
  switch (note.code) {
    case 'above_last_breakpoint':
      return `${note.indicator} 浓度超过分指数表最高限值，标准未规定，本平台按 IAQI 500 计（约定）`;
    case 'so2_1h_over_800':
      if (note.counted === 200) return 'SO2 1 小时浓度超过 800 µg/m³，按 HJ 633—2026 分指数计为 200';
      return note.replacedBy
        ? 'SO2 1 小时浓度超过 800 µg/m³，不计算 1 小时分指数，按 24 小时滑动平均浓度计算 SO2 分指数（HJ 633—2012）'
        : 'SO2 1 小时浓度超过 800 µg/m³，不计算 1 小时分指数；缺少 24 小时滑动平均浓度，SO2 分指数缺失';
    case 'o3_8h_over_800':
      return note.counted === 300
        ? 'O3 8 小时浓度超过 800 µg/m³，按 HJ 633—2026 分指数计为 300'
        : 'O3 8 小时浓度超过 800 µg/m³，不计算 8 小时分指数，按 1 小时分指数报告（HJ 633—2012）';
    case 'missing':
      return `缺测（NA）：${note.pollutants.join('、')}`;
    case 'not_published':
      return `${note.pollutants.join('、')} 缺测且其余污染物 AQI 不大于 100，按 HJ 633—2026 第 5.3.1 条不发布 AQI`;
  }
}

/**
 * The calculator surface (`calc aqi`, `calc air-annual`; specs/calculator-io.md): plain input object in,
 * plain output object out, for the API, the CLI and the UI alike. Input is checked here and a bad field
 * throws CalculatorInputError naming it.
 *
 * Hour stamping: an hourly value is stamped with the time its hour ENDS. "2025-01-01T01:00+08:00" is
 * the mean of 00:00–01:00 on 1 January; "2025-01-01T00:00+08:00" is 23:00–24:00 of 31 December 2024 and
 * belongs to that day. A natural day D therefore holds the hours stamped D 01:00 … D+1 00:00, and O3's
 * 17 8-h windows of D end at D 08:00 … D+1 00:00. Times without an offset are China Standard Time.
 *
 * Extensions to the documented formats, all optional: `notMonitored` in `calc aqi` (HJ 633-2026 §5.3.2,
 * "/"); in `calc air-annual`, `excludedDates` (扣沙 / 例外事件), `validDayRule`, `limitSet` and
 * `compositeIndex: {weights, limitSet}` (see annual-evaluation.ts and composite-index.ts).
 */
import { computeAqi, indicatorsOf, SPECIES, type AqiMode, type AqiResult, type Species } from './aqi.ts';
import { evaluateYear, type AnnualEvaluation, type AnnualOptions, type EvaluationDay, type ValidDayRule } from './annual-evaluation.ts';
import type { CompositeWeights } from './composite-index.ts';
import { dailyMean, o3DailyMax1h, o3DailyMax8h, o3DailyMaxValidity, MIN_HOURS_DAILY_MEAN, type HourlyValue } from './daily-statistics.ts';
import { fractionOf } from './exact-decimal.ts';
import { CalculatorInputError } from '../calculators/input-error.ts';
import { LIMIT_SETS, type LimitSetId } from './limits.ts';
import { AQI_STANDARDS, GENERATION_2026_FROM, standardInForce, type AqiStandard } from './standard-versions.ts';


type Json = Record<string, unknown>;

function objectAt(value: unknown, field: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new CalculatorInputError(field, '应为对象', 'must be an object');
  return value as Json;
}

function onlyKeys(object: Json, allowed: readonly string[], field: string): void {
  for (const key of Object.keys(object)) {
    if (!allowed.includes(key)) {
      const at = field ? `${field}.${key}` : key;
      throw new CalculatorInputError(at, `不允许的字段，可用字段：${allowed.join(' ')}`, `unknown field; allowed: ${allowed.join(' ')}`);
    }
  }
}

/** A concentration: a finite number ≥ 0, or null/absent for no value. */
function concentrationAt(value: unknown, field: string): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new CalculatorInputError(field, '浓度应为数值或 null', 'concentration must be a number or null');
  if (value < 0) throw new CalculatorInputError(field, '浓度不能为负', 'concentration must not be negative');
  return value;
}

function countAt(value: unknown, field: string, maximum: number): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > maximum) {
    throw new CalculatorInputError(field, `应为 0–${maximum} 的整数`, `must be an integer from 0 to ${maximum}`);
  }
  return value;
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], field: string): T {
  if (!allowed.includes(value as T)) throw new CalculatorInputError(field, `取值应为 ${allowed.join(' 或 ')}`, `must be one of ${allowed.join(', ')}`);
  return value as T;
}

function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function dateAt(value: unknown, field: string): string {
  if (typeof value !== 'string' || !isCalendarDate(value)) throw new CalculatorInputError(field, '日期应为 YYYY-MM-DD', 'date must be YYYY-MM-DD');
  return value;
}

function speciesListAt(value: unknown, field: string): Species[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new CalculatorInputError(field, '应为污染物数组', 'must be an array of pollutants');
  return value.map((s, i) => oneOf(s, SPECIES, `${field}[${i}]`));
}

export type CalcAqiOutput = AqiResult;

/** `calc aqi`: the AQI of one set of concentrations. */
export function calcAqi(input: unknown): CalcAqiOutput {
  const body = objectAt(input, '');
  onlyKeys(body, ['standard', 'date', 'mode', 'values', 'notMonitored'], '');
  const date = body.date === undefined || body.date === null ? null : dateAt(body.date, 'date');
  const standard: AqiStandard =
    body.standard === undefined || body.standard === null ? (date ? standardInForce(date) : 'HJ633-2026') : oneOf(body.standard, AQI_STANDARDS, 'standard');
  const mode = oneOf<AqiMode>(body.mode, ['daily', 'hourly'], 'mode');
  const values = objectAt(body.values, 'values');
  onlyKeys(values, indicatorsOf(standard, mode).map((i) => i.key), 'values');
  const concentrations = Object.fromEntries(Object.entries(values).map(([key, value]) => [key, concentrationAt(value, `values.${key}`)]));
  return computeAqi(standard, mode, concentrations, { notMonitored: speciesListAt(body.notMonitored, 'notMonitored') });
}

const DAY_MEANS: readonly { species: Exclude<Species, 'O3'>; key: string; count: string }[] = [
  { species: 'SO2', key: 'SO2_24h', count: 'SO2_n' },
  { species: 'NO2', key: 'NO2_24h', count: 'NO2_n' },
  { species: 'PM10', key: 'PM10_24h', count: 'PM10_n' },
  { species: 'PM2.5', key: 'PM2.5_24h', count: 'PM2.5_n' },
  { species: 'CO', key: 'CO_24h', count: 'CO_n' },
];
const DAY_KEYS = ['date', ...DAY_MEANS.flatMap((m) => [m.key, m.count]), 'O3_8h_max', 'O3_8h_windows', 'O3_1h_max'];
const HOUR_KEYS = ['time', ...SPECIES];

export type CalcAirAnnualOutput = AnnualEvaluation & {
  /** Hourly form: hours given that fall outside the year's days (see the stamping convention above). */
  hoursOutsideYear?: number;
};

/** `calc air-annual`: one site's year, from daily statistics or from hourly values. */
export function calcAirAnnual(input: unknown): CalcAirAnnualOutput {
  const body = objectAt(input, '');
  onlyKeys(body, ['standard', 'year', 'days', 'hours', 'excludedDates', 'validDayRule', 'limitSet', 'compositeIndex'], '');
  const year = body.year;
  if (typeof year !== 'number' || !Number.isInteger(year) || year < 2000 || year > 2100) {
    throw new CalculatorInputError('year', '年份应为 2000–2100 的整数', 'year must be an integer from 2000 to 2100');
  }
  const standard = annualStandard(body.standard, year);
  if ((body.days === undefined) === (body.hours === undefined)) {
    throw new CalculatorInputError('days', '应给出 days 或 hours 之一', 'give exactly one of days or hours');
  }
  const options = annualOptions(body);
  if (body.days !== undefined) return evaluateYear(standard, year, daysFromDailyForm(body.days, year), options);
  const { days, outside } = daysFromHourlyForm(body.hours, year);
  return { ...evaluateYear(standard, year, days, options), hoursOutsideYear: outside };
}

/** Without a standard: the one in force all year. 2026 straddles the change (2026-03-01) and must be named. */
function annualStandard(value: unknown, year: number): AqiStandard {
  if (value !== undefined && value !== null) return oneOf(value, AQI_STANDARDS, 'standard');
  const first = standardInForce(`${year}-01-01`);
  if (first !== standardInForce(`${year}-12-31`)) {
    throw new CalculatorInputError(
      'standard',
      `${year}年跨越标准切换日 ${GENERATION_2026_FROM}，请指定 standard（HJ633-2012 或 HJ633-2026）`,
      `${year} straddles the change of standard on ${GENERATION_2026_FROM}; give standard (HJ633-2012 or HJ633-2026)`,
    );
  }
  return first;
}

function annualOptions(body: Json): AnnualOptions {
  const options: AnnualOptions = {};
  if (body.excludedDates !== undefined && body.excludedDates !== null) {
    if (!Array.isArray(body.excludedDates)) throw new CalculatorInputError('excludedDates', '应为日期数组', 'must be an array of dates');
    options.excludedDates = body.excludedDates.map((d, i) => dateAt(d, `excludedDates[${i}]`));
  }
  if (body.validDayRule !== undefined && body.validDayRule !== null) {
    options.validDayRule = oneOf<ValidDayRule>(body.validDayRule, ['six-or-over-100', 'any-pollutant'], 'validDayRule');
  }
  if (body.limitSet !== undefined && body.limitSet !== null) options.limitSet = oneOf(body.limitSet, LIMIT_SETS, 'limitSet');
  if (body.compositeIndex !== undefined && body.compositeIndex !== null) {
    const composite = objectAt(body.compositeIndex, 'compositeIndex');
    onlyKeys(composite, ['weights', 'limitSet'], 'compositeIndex');
    options.composite = {};
    if (composite.weights !== undefined) options.composite.weights = oneOf<CompositeWeights>(composite.weights, ['plain', 'weighted-3-2-2'], 'compositeIndex.weights');
    if (composite.limitSet !== undefined) options.composite.limitSet = oneOf<LimitSetId>(composite.limitSet, LIMIT_SETS, 'compositeIndex.limitSet');
  }
  return options;
}

function arrayAt(value: unknown, field: string): unknown[] {
  if (!Array.isArray(value)) throw new CalculatorInputError(field, '应为数组', 'must be an array');
  return value;
}

/**
 * Daily form: a mean counts when its `*_n` (valid hours behind it) is at least 20, or is not given;
 * O3's daily max 8-h when `O3_8h_windows` is at least 14 or not given, or when it exceeds 160.
 */
function daysFromDailyForm(value: unknown, year: number): EvaluationDay[] {
  const seen = new Set<string>();
  return arrayAt(value, 'days').map((raw, i) => {
    const field = `days[${i}]`;
    const record = objectAt(raw, field);
    onlyKeys(record, DAY_KEYS, field);
    const date = dateInYear(record.date, `${field}.date`, year);
    if (seen.has(date)) throw new CalculatorInputError(`${field}.date`, `日期 ${date} 重复`, `date ${date} given twice`);
    seen.add(date);
    const day: EvaluationDay = { date };
    for (const { species, key, count } of DAY_MEANS) {
      const concentration = concentrationAt(record[key], `${field}.${key}`);
      const hours = countAt(record[count], `${field}.${count}`, 24);
      day[species] = concentration !== null && (hours === null || hours >= MIN_HOURS_DAILY_MEAN) ? fractionOf(concentration) : null;
    }
    const o3 = concentrationAt(record.O3_8h_max, `${field}.O3_8h_max`);
    const windows = countAt(record.O3_8h_windows, `${field}.O3_8h_windows`, 17);
    day.O3 = o3 !== null && (windows === null || o3DailyMaxValidity(fractionOf(o3), windows).valid) ? fractionOf(o3) : null;
    const o3Hour = concentrationAt(record.O3_1h_max, `${field}.O3_1h_max`);
    day.O3_1h_max = o3Hour === null ? null : fractionOf(o3Hour);
    return day;
  });
}

function dateInYear(value: unknown, field: string, year: number): string {
  const date = dateAt(value, field);
  if (!date.startsWith(`${year}-`)) throw new CalculatorInputError(field, `日期不在 ${year} 年内`, `date is not in ${year}`);
  return date;
}

const HOUR_MS = 3_600_000;
const CST_OFFSET_MS = 8 * HOUR_MS;

/** The natural day (CST) and slot 0–23 of an hour stamped with its end time. */
function hourSlot(value: unknown, field: string): { date: string; slot: number } {
  const match = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})?$/.exec(value) : null;
  const bad = () => new CalculatorInputError(field, '时间应为整点，如 2025-01-01T01:00+08:00', 'time must be on the hour, e.g. 2025-01-01T01:00+08:00');
  if (!match) throw bad();
  const [, y, mo, d, h, mi, s, zone] = match;
  if (!isCalendarDate(`${y}-${mo}-${d}`) || Number(h) > 23 || Number(mi) !== 0 || (s !== undefined && Number(s) !== 0)) throw bad();
  const offset = zone === undefined ? CST_OFFSET_MS : zone === 'Z' ? 0 : (zone.startsWith('-') ? -1 : 1) * (Number(zone.slice(1, 3)) * HOUR_MS + Number(zone.slice(4)) * 60_000);
  const end = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h)) - offset;
  if (end % HOUR_MS !== 0) throw bad();
  const start = new Date(end - HOUR_MS + CST_OFFSET_MS);
  return { date: start.toISOString().slice(0, 10), slot: start.getUTCHours() };
}

/** Hourly form: each day's statistics are made from its 24 hours (daily-statistics.ts). */
function daysFromHourlyForm(value: unknown, year: number): { days: EvaluationDay[]; outside: number } {
  const byDate = new Map<string, Record<Species, HourlyValue[]>>();
  const seen = new Set<string>();
  let outside = 0;
  arrayAt(value, 'hours').forEach((raw, i) => {
    const field = `hours[${i}]`;
    const record = objectAt(raw, field);
    onlyKeys(record, HOUR_KEYS, field);
    const { date, slot } = hourSlot(record.time, `${field}.time`);
    const values = SPECIES.map((s) => concentrationAt(record[s], `${field}.${s}`));
    const stamp = `${date}#${slot}`;
    if (seen.has(stamp)) throw new CalculatorInputError(`${field}.time`, '该小时重复', 'hour given twice');
    seen.add(stamp);
    if (!date.startsWith(`${year}-`)) {
      outside++;
      return;
    }
    let day = byDate.get(date);
    if (!day) {
      day = Object.fromEntries(SPECIES.map((s) => [s, new Array<HourlyValue>(24).fill(null)])) as Record<Species, HourlyValue[]>;
      byDate.set(date, day);
    }
    SPECIES.forEach((s, k) => (day[s][slot] = values[k]));
  });
  const days = [...byDate].sort(([a], [b]) => a.localeCompare(b)).map(([date, hours]): EvaluationDay => {
    const day: EvaluationDay = { date };
    for (const { species } of DAY_MEANS) {
      const daily = dailyMean(hours[species]);
      day[species] = daily.valid ? daily.value : null;
    }
    const o3 = o3DailyMax8h(hours.O3);
    day.O3 = o3.valid ? o3.value : null;
    day.O3_1h_max = o3DailyMax1h(hours.O3);
    return day;
  });
  return { days, outside };
}

/**
 * 年评价 of one site or city (HJ 663): per pollutant the annual statistics, their validity and
 * attainment of the grade-II limits; the days by AQI category, 优良天数比例 and 重污染天数; the composite
 * index. Pure: the caller gives one record per day with that day's valid statistics.
 *
 * Choices where the texts are silent or unseen (specs §3, §9):
 * - statistics are taken from the exact daily values and rounded once (GB/T 8170: µg/m³ integers, CO
 *   one decimal), and compared with the limits after rounding;
 * - a statistic whose data fail the 324-day / 27-per-month rule is shown but not judged (attains null);
 * - 有效监测天数: a day counts when all six daily statistics are valid or the valid ones already give
 *   AQI > 100 (HJ 633-2026 §5.3.1); for 2012-generation data this rule can be relaxed to "any pollutant";
 * - excluded days (扣沙, 例外事件) leave both the day counts and the concentration statistics.
 */
import { aqiLevelOf, AQI_CATEGORIES, computeAqi, SPECIES, type AqiCategory, type Species } from './aqi.ts';
import { compositeIndex, type CompositeBasis, type CompositeIndex } from './composite-index.ts';
import { add, compare, divide, floor, fractionOf, integer, mean, multiply, roundedNumber, roundHalfEven, subtract, type Fraction } from './exact-decimal.ts';
import { limitSetForYear, limitsOf, type LimitSetId } from './limits.ts';
import { generationOf, type AqiStandard, type StandardGeneration } from './standard-versions.ts';

/** One day's valid statistics; null or absent: missing or invalid. `O3` is the daily maximum 8-h mean. */
export interface EvaluationDay {
  date: string;
  SO2?: Fraction | null;
  NO2?: Fraction | null;
  PM10?: Fraction | null;
  'PM2.5'?: Fraction | null;
  CO?: Fraction | null;
  O3?: Fraction | null;
  /** O3 daily maximum 1-h mean: enters the daily AQI under HJ 633-2012 only. */
  O3_1h_max?: Fraction | null;
}

export type ValidDayRule = 'six-or-over-100' | 'any-pollutant';

export interface AnnualOptions {
  /** Limits to judge against; by default those of the generation for the year (limits.ts). */
  limitSet?: LimitSetId;
  /** 有效监测天数 rule for HJ 633-2012 data; HJ 633-2026 data always use §5.3.1. */
  validDayRule?: ValidDayRule;
  /** 扣沙 / 例外事件 days, YYYY-MM-DD. */
  excludedDates?: readonly string[];
  composite?: Partial<CompositeBasis>;
}

type PercentileKey = 'p98' | 'p95' | 'p90';

/** HJ 663 annual evaluation items: which statistics, and the limit each is judged against. */
const ITEMS: Record<Species, { annualMean: boolean; percentile: PercentileKey; decimals: 0 | 1 }> = {
  SO2: { annualMean: true, percentile: 'p98', decimals: 0 },
  NO2: { annualMean: true, percentile: 'p98', decimals: 0 },
  PM10: { annualMean: true, percentile: 'p95', decimals: 0 },
  'PM2.5': { annualMean: true, percentile: 'p95', decimals: 0 },
  CO: { annualMean: false, percentile: 'p95', decimals: 1 },
  O3: { annualMean: false, percentile: 'p90', decimals: 0 },
};

/** Annual-mean validity: 324 daily values a year and 27 each month, 25 in February (GB 3095 Table 4). */
export const MIN_DAYS_A_YEAR = 324;
export const MIN_DAYS_A_MONTH = 27;
export const MIN_DAYS_IN_FEBRUARY = 25;

export type StatisticKey = 'annualMean' | PercentileKey;

export interface PollutantEvaluation {
  validDays: number;
  meetsValidity: boolean;
  /** Months (1–12) with fewer valid days than the rule asks. */
  monthsBelowMinimum: number[];
  annualMean?: number | null;
  p98?: number | null;
  p95?: number | null;
  p90?: number | null;
  /** null: not judged (too few data). */
  attains: boolean | null;
  limits: Partial<Record<StatisticKey, number>>;
  /** 超标倍数 (C − S)/S of each statistic above its limit, two decimals. */
  exceedMultiples: Partial<Record<StatisticKey, number>>;
}

export interface DayCounts {
  calendarDays: number;
  excludedDays: number;
  validAqiDays: number;
  categories: Record<AqiCategory, number>;
  goodDays: number;
  goodDayRatioPercent: number | null;
  heavyPollutionDays: number;
  severePollutionDays: number;
}

export type AnnualEvaluation = {
  standard: AqiStandard;
  generation: StandardGeneration;
  year: number;
  limitSet: LimitSetId;
  validDayRule: ValidDayRule;
  perPollutant: Record<Species, PollutantEvaluation>;
  attainsGradeII: boolean | null;
  days: DayCounts;
  compositeIndex: number | null;
  compositeIndexDetail: CompositeIndex | null;
  /** The daily AQI of each calendar day (index 0 = 1 January); null where the day does not count. */
  dailyAqi: (number | null)[];
};

/**
 * HJ 663 Appendix A: sort ascending X(1)…X(n); k = 1 + (n − 1)·p/100, s its integer part;
 * m_p = X(s) + (X(s+1) − X(s))·(k − s), or X(n) when s = n.
 */
export function percentile(values: readonly Fraction[], p: number): Fraction {
  if (values.length === 0) throw new RangeError('percentile of no values');
  const sorted = [...values].sort(compare);
  const k = add(integer(1), divide(integer((sorted.length - 1) * p), integer(100)));
  const s = Number(floor(k));
  const low = sorted[s - 1]!;
  if (s >= sorted.length) return low;
  return add(low, multiply(subtract(sorted[s]!, low), subtract(k, integer(s))));
}

export const daysInYear = (year: number): number => ((year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 366 : 365);

function dayOfYear(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Math.round((Date.UTC(y, m - 1, d) - Date.UTC(y, 0, 1)) / 86_400_000);
}

function monthsBelowMinimum(dates: readonly string[]): number[] {
  const perMonth = new Array<number>(12).fill(0);
  for (const date of dates) perMonth[Number(date.slice(5, 7)) - 1]!++;
  return perMonth.flatMap((n, i) => (n < (i === 1 ? MIN_DAYS_IN_FEBRUARY : MIN_DAYS_A_MONTH) ? [i + 1] : []));
}

function evaluatePollutant(species: Species, days: readonly EvaluationDay[], limitSet: LimitSetId): { evaluation: PollutantEvaluation; statistic: Fraction | null } {
  const item = ITEMS[species];
  const valid = days.filter((d) => d[species] !== null && d[species] !== undefined);
  const values = valid.map((d) => d[species]!);
  const short = monthsBelowMinimum(valid.map((d) => d.date));
  const meetsValidity = valid.length >= MIN_DAYS_A_YEAR && short.length === 0;
  const limits = limitsOf(limitSet, 'II', species);
  const statistics: [StatisticKey, Fraction | null, number][] = [];
  if (item.annualMean) statistics.push(['annualMean', values.length === 0 ? null : roundHalfEven(mean(values), item.decimals), limits.annual!]);
  const p = Number(item.percentile.slice(1));
  const dailyLimit = species === 'O3' ? limits['8h']! : limits['24h']!;
  statistics.push([item.percentile, values.length === 0 ? null : roundHalfEven(percentile(values, p), item.decimals), dailyLimit]);

  const evaluation: PollutantEvaluation = { validDays: valid.length, meetsValidity, monthsBelowMinimum: short, attains: null, limits: {}, exceedMultiples: {} };
  let attains = true;
  for (const [key, value, limit] of statistics) {
    evaluation[key] = value === null ? null : roundedNumber(value, item.decimals);
    evaluation.limits[key] = limit;
    if (value === null) continue;
    const over = compare(value, fractionOf(limit)) > 0;
    if (over) {
      attains = false;
      evaluation.exceedMultiples[key] = roundedNumber(divide(subtract(value, fractionOf(limit)), fractionOf(limit)), 2);
    }
  }
  evaluation.attains = meetsValidity ? attains : null;
  // The composite index takes the annual mean where there is one, else the percentile.
  const statistic = statistics[0]![1];
  return { evaluation, statistic };
}

export function evaluateYear(standard: AqiStandard, year: number, days: readonly EvaluationDay[], options: AnnualOptions = {}): AnnualEvaluation {
  const limitSet = options.limitSet ?? limitSetForYear(standard, year);
  const validDayRule: ValidDayRule = standard === 'HJ633-2026' ? 'six-or-over-100' : (options.validDayRule ?? 'six-or-over-100');
  const excluded = new Set(options.excludedDates ?? []);
  const counted = days.filter((d) => !excluded.has(d.date));

  const perPollutant = {} as Record<Species, PollutantEvaluation>;
  const statistics = {} as Record<Species, Fraction | null>;
  for (const species of SPECIES) {
    const { evaluation, statistic } = evaluatePollutant(species, counted, limitSet);
    perPollutant[species] = evaluation;
    statistics[species] = statistic;
  }
  const verdicts = SPECIES.map((s) => perPollutant[s].attains);
  const attainsGradeII = verdicts.includes(false) ? false : verdicts.includes(null) ? null : true;

  const calendarDays = daysInYear(year);
  const dailyAqi = new Array<number | null>(calendarDays).fill(null);
  const categories = Object.fromEntries(AQI_CATEGORIES.map((c) => [c, 0])) as Record<AqiCategory, number>;
  for (const day of counted) {
    const result = computeAqi(standard, 'daily', {
      SO2_24h: day.SO2,
      NO2_24h: day.NO2,
      PM10_24h: day.PM10,
      'PM2.5_24h': day['PM2.5'],
      CO_24h: day.CO,
      O3_8h_max: day.O3,
      ...(standard === 'HJ633-2012' ? { O3_1h_max: day.O3_1h_max } : {}),
    });
    if (result.aqi === null) continue;
    const allSix = SPECIES.every((s) => day[s] !== null && day[s] !== undefined);
    if (validDayRule === 'six-or-over-100' && !allSix && result.aqi <= 100) continue;
    dailyAqi[dayOfYear(day.date)] = result.aqi;
    categories[aqiLevelOf(result.aqi).category]++;
  }
  const aqis = dailyAqi.filter((a): a is number => a !== null);
  const goodDays = aqis.filter((a) => a <= 100).length;

  const complete = SPECIES.every((s) => statistics[s] !== null);
  const detail = complete
    ? compositeIndex(statistics as Record<Species, Fraction>, { weights: options.composite?.weights ?? 'plain', limitSet: options.composite?.limitSet ?? 'GB3095-2012' }, standard)
    : null;

  return {
    standard,
    generation: generationOf(standard),
    year,
    limitSet,
    validDayRule,
    perPollutant,
    attainsGradeII,
    days: {
      calendarDays,
      excludedDays: days.length - counted.length,
      validAqiDays: aqis.length,
      categories,
      goodDays,
      goodDayRatioPercent: aqis.length === 0 ? null : roundedNumber(divide(integer(goodDays * 100), integer(aqis.length)), 1),
      heavyPollutionDays: aqis.filter((a) => a > 200).length,
      severePollutionDays: aqis.filter((a) => a > 300).length,
    },
    compositeIndex: detail?.value ?? null,
    compositeIndexDetail: detail,
    dailyAqi,
  };
}

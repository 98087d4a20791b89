/**
 * Monthly and annual evaluation of one station or area from its days (HJ 663). The year is
 * annual-evaluation.ts as it is; a month is the same computation over the month's days, judged by the
 * month's validity rule (27 daily values, 25 in February) and not against limits, which GB 3095 sets
 * for years and days only — its statistics (monthly means, CO p95, O3 p90) are those the 综合指数 and
 * the monthly rankings use.
 */
import { SPECIES, type AqiCategory, type Species } from '../air/aqi.ts';
import { daysInYear, evaluateYear, MIN_DAYS_A_MONTH, MIN_DAYS_IN_FEBRUARY, type AnnualOptions, type PollutantEvaluation } from '../air/annual-evaluation.ts';
import type { CompositeIndex } from '../air/composite-index.ts';
import type { LimitSetId } from '../air/limits.ts';
import { GENERATION_2026_FROM, generationOf, standardInForce, type AqiStandard, type StandardGeneration } from '../air/standard-versions.ts';
import type { DayRecord } from './days.ts';

/** A calendar year (2025) or month (2025-03). */
export type Period = { kind: 'year'; year: number } | { kind: 'month'; year: number; month: number };

const pad = (n: number) => String(n).padStart(2, '0');

export function parsePeriod(text: string): Period | null {
  const match = /^(\d{4})(?:-(\d{2}))?$/.exec(text);
  if (!match) return null;
  const year = Number(match[1]);
  if (year < 2000 || year > 2100) return null;
  if (match[2] === undefined) return { kind: 'year', year };
  const month = Number(match[2]);
  return month >= 1 && month <= 12 ? { kind: 'month', year, month } : null;
}

export function periodDates(period: Period): { from: string; to: string } {
  if (period.kind === 'year') return { from: `${period.year}-01-01`, to: `${period.year}-12-31` };
  const last = new Date(Date.UTC(period.year, period.month, 0)).getUTCDate();
  return { from: `${period.year}-${pad(period.month)}-01`, to: `${period.year}-${pad(period.month)}-${pad(last)}` };
}

export const periodLabel = (period: Period): string => (period.kind === 'year' ? String(period.year) : `${period.year}-${pad(period.month)}`);

/**
 * The standard a period is evaluated under when none is asked for: the one in force over it. Only the
 * year 2026 straddles the change (2026-03-01); how its annual figures combine the two generations is
 * not settled (specs §9.3), so it is evaluated under the 2026 generation, in force at its end, and
 * says so (`straddlesChange`); ask `standard=HJ633-2012` for the other.
 */
export function defaultStandard(period: Period): { standard: AqiStandard; straddlesChange: boolean } {
  const { from, to } = periodDates(period);
  const standard = standardInForce(to);
  return { standard, straddlesChange: from < GENERATION_2026_FROM && to >= GENERATION_2026_FROM };
}

/** 月评价 / 年评价 of one station or area. */
export interface PeriodEvaluation {
  period: string;
  standard: AqiStandard;
  generation: StandardGeneration;
  limitSet: LimitSetId;
  calendarDays: number;
  /** Days with data (any statistic). */
  daysWithData: number;
  validAqiDays: number;
  categories: Record<AqiCategory, number>;
  goodDays: number;
  goodDayRatioPercent: number | null;
  heavyPollutionDays: number;
  severePollutionDays: number;
  /** null: not judged (a month, or too few data). */
  attainsGradeII: boolean | null;
  compositeIndex: number | null;
  compositeIndexDetail: CompositeIndex | null;
  pollutants: Record<Species, PollutantEvaluation>;
  /** Built (partly) from 示例数据. */
  demo: boolean;
}

export function evaluatePeriod(standard: AqiStandard, period: Period, days: readonly DayRecord[], options: AnnualOptions = {}): PeriodEvaluation {
  const annual = evaluateYear(standard, period.year, days, options);
  const demo = days.some((d) => d.demo);
  const common = {
    period: periodLabel(period),
    standard,
    generation: generationOf(standard),
    limitSet: annual.limitSet,
    daysWithData: days.length,
    validAqiDays: annual.days.validAqiDays,
    categories: annual.days.categories,
    goodDays: annual.days.goodDays,
    goodDayRatioPercent: annual.days.goodDayRatioPercent,
    heavyPollutionDays: annual.days.heavyPollutionDays,
    severePollutionDays: annual.days.severePollutionDays,
    compositeIndex: annual.compositeIndex,
    compositeIndexDetail: annual.compositeIndexDetail,
    demo,
  };
  if (period.kind === 'year') {
    return { ...common, calendarDays: daysInYear(period.year), attainsGradeII: annual.attainsGradeII, pollutants: annual.perPollutant };
  }
  const minimum = period.month === 2 ? MIN_DAYS_IN_FEBRUARY : MIN_DAYS_A_MONTH;
  const pollutants = {} as Record<Species, PollutantEvaluation>;
  for (const species of SPECIES) {
    const p = annual.perPollutant[species];
    const meetsValidity = p.validDays >= minimum;
    pollutants[species] = { ...p, meetsValidity, monthsBelowMinimum: meetsValidity ? [] : [period.month], attains: null, limits: {}, exceedMultiples: {} };
  }
  const { from, to } = periodDates(period);
  const calendarDays = Number(to.slice(8)) - Number(from.slice(8)) + 1;
  return { ...common, calendarDays, attainsGradeII: null, pollutants };
}

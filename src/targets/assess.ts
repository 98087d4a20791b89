/**
 * 目标评估: whether a target is 已达标 (met), 预计达标 (on track), 有风险 (at risk), 未达标 (not met) or
 * 无数据 (no data), always with its reasons. Pure: the year it is judged in (`asOfYear`) is an argument.
 *
 * How a target is judged:
 * - Only whole-year values are judged and projected. A quarter or a month may be a quarter's own figure or
 *   the year so far, and either would be wrong taken for the year; the latest one of a year without a
 *   whole-year value is shown as a reason, not judged.
 * - 未达标 only from the target year's own value: a target is for that year, so nothing earlier can fail it.
 *   The target year's value, when approved, decides 已达标 or 未达标 and nothing else counts.
 * - Before it, 已达标 when the latest value already satisfies the target and the trend does not take it
 *   out again — most targets are levels to hold in the target year (优良天数比例, 森林覆盖率), so a value
 *   reached early but falling away is 有风险, not 已达标.
 * - A target not yet reached is 预计达标 when the trend, projected to the target year, clears the target
 *   with a margin (`margin` of the target figure: a straight line through a few noisy years is no
 *   promise), and 有风险 otherwise. The trend is the least-squares line through the last `trendYears`
 *   annual values (≥ 2). With a single value there is no trend: it is compared with the straight path
 *   from the baseline (the base year's value, or a baseline a document states) to the target, which is
 *   the line through baseline and value projected to the target year. Without a baseline either, a
 *   target not yet reached is 有风险: nothing shows it will be.
 * - After the target year without its value (statistics come out months later), the same projection
 *   judges it, saying the year's value is still awaited.
 * - Relative targets judge the change from the base year: in percent of the base value or in
 *   percentage points, as written. The base year's value is the approved one when the series has it
 *   (the latest official figure), else the baseline a document states. 不降低 / 不减少 compares with the
 *   base value in the indicator's direction; an indicator with no better direction must stay equal.
 * - Figures are compared at the precision the target is written in (GB/T 8170 修约值比较法): 96.96 counts
 *   as 97 for "≥ 97", so the verdict agrees with the figure shown. A strict "> 63" is compared one decimal
 *   finer, since at the written precision it would demand 64. A share that must be 100 % or 0 % ("全部",
 *   "无") is compared at `allOrNoneDecimals` whatever its written precision: one section in a hundred
 *   failing is not "100"; only the noise of a computation is forgiven.
 * - Targets set by the province (external) are judged against the figure entered for the target year;
 *   without it there is nothing to judge against.
 * - Qualitative targets: done with evidence is 已达标; done without evidence, in progress or not started
 *   are judged by whether the target year is over.
 */
import type { Comparator, Direction, Period, PeriodValue, QualitativeStatus, Target } from './model.ts';

export type AssessmentStatus = 'met' | 'on_track' | 'at_risk' | 'not_met' | 'no_data';

export interface AssessmentSettings {
  /** How many of the latest annual values the trend line is fitted to (at least 2). */
  trendYears: number;
  /** The share of the target figure by which a projection must clear a target not yet reached. */
  margin: number;
  /** Decimals at which a share that must be 100 % or 0 % is compared. */
  allOrNoneDecimals: number;
}

export const DEFAULT_ASSESSMENT_SETTINGS: AssessmentSettings = { trendYears: 5, margin: 0.01, allOrNoneDecimals: 2 };

export interface AssessmentInput {
  target: Target;
  direction: Direction;
  unit: string | null;
  targetYear: number;
  /** Decimals the target's figure is written with ("< 27.0" → 1), which a number cannot keep; at least the figure's own. */
  decimals?: number;
  /** Approved values of the indicator in the scope assessed. */
  values: readonly PeriodValue[];
  /** Baselines the documents state (a null value is a baseline written as "-"). */
  baselines?: readonly { year: number; value: number | null }[];
  /** For an external target: the figures set by the province, per year. */
  externalFigures?: readonly { year: number; value: number }[];
  /** For a qualitative target: its reported status (null: none yet) and whether evidence is attached. */
  qualitative?: { status: QualitativeStatus | null; evidence: boolean };
  /** The year the assessment is made in; values after it are ignored. */
  asOfYear: number;
}

/** The target in comparable terms; reasons carry it so each can be worded on its own. */
export type Requirement =
  | { kind: 'level'; comparator: Comparator; value: number; unit: string | null; decimals: number; precision: number; authority?: string }
  | {
      kind: 'change';
      comparator: Comparator;
      change: number;
      changeUnit: 'percent' | 'points';
      baseYear: number;
      baseValue: number;
      unit: string | null;
      decimals: number;
      precision: number;
    }
  | { kind: 'not_worse'; baseYear: number; baseValue: number; direction: Direction; unit: string | null; decimals: number; precision: number };

/**
 * A value of a year as judged: `measure` is what is compared with the target, at the comparison
 * precision — the value itself, or for a relative target its change from the base year.
 */
interface Judged {
  year: number;
  value: number;
  measure: number;
}

type Observation = { target: Requirement; targetYear: number } & Judged;

/** Why a target has its assessment; the UI words each code in the user's language. */
export type AssessmentReason =
  | ({ code: 'target_year_met' } & Observation)
  | ({ code: 'target_year_missed' } & Observation)
  | ({ code: 'reached_early' } & Observation)
  | ({ code: 'not_yet_reached' } & Observation)
  | { code: 'trend_meets' | 'trend_misses'; target: Requirement; targetYear: number; fromYear: number; toYear: number; measure: number }
  | { code: 'trend_near'; target: Requirement; targetYear: number; fromYear: number; toYear: number; measure: number; margin: number }
  | ({ code: 'pace_ahead' | 'pace_behind'; targetYear: number; baseYear: number; baseMeasure: number; expected: number } & Observation)
  | { code: 'no_trend'; year: number }
  | { code: 'target_year_pending'; year: number }
  | { code: 'no_values'; afterYear?: number }
  | { code: 'no_base_value'; baseYear: number }
  | { code: 'base_value_zero'; baseYear: number }
  | { code: 'external_figure_missing'; year: number; authority: string }
  | { code: 'partial_year'; year: number; period: Exclude<Period, 'year'>; value: number; unit: string | null }
  | { code: 'done_with_evidence' | 'done_without_evidence' | 'no_status'; wording: string }
  | { code: 'in_progress' | 'not_started'; wording: string; targetYear: number }
  | { code: 'deadline_passed'; targetYear: number };

export interface TargetAssessment {
  status: AssessmentStatus;
  reasons: AssessmentReason[];
  requirement?: Requirement;
  /** The indicator's value projected to the target year, when the target year's value is not there yet. */
  projected?: { year: number; value: number; method: 'least_squares' | 'baseline_path'; fromYear: number; toYear: number };
  /** The judged value's distance from the target figure (measure − figure), in the measure's unit. */
  gap?: { year: number; difference: number };
}

export function assessTarget(input: AssessmentInput, settings: AssessmentSettings = DEFAULT_ASSESSMENT_SETTINGS): TargetAssessment {
  const { target } = input;
  if (target.kind === 'qualitative') return assessQualitative(target.wording, input);

  const annual = annualValues(input.values, input.asOfYear);
  const partial = partialYear(input, annual);
  const found = requirementOf(input, target, annual, settings);
  if ('missing' in found) return { status: 'no_data', reasons: [...found.missing, ...partial] };
  const { requirement } = found;
  const rule = ruleOf(requirement, settings);
  const judged = (value: PeriodValue): Judged => ({ year: value.year, value: value.value, measure: rule.measure(value.value) });
  const observation = (value: PeriodValue): Observation => ({ target: requirement, targetYear: input.targetYear, ...judged(value) });
  const gapOf = (j: Judged) => ({ year: j.year, difference: roundTo(j.measure - rule.figure, requirement.precision) });

  // A relative target's base year and the years before it say nothing about the change.
  const baseYear = requirement.kind === 'level' ? null : requirement.baseYear;
  const observed = baseYear === null ? annual : annual.filter((v) => v.year > baseYear);
  if (observed.length === 0) {
    return { status: 'no_data', reasons: [baseYear === null ? { code: 'no_values' } : { code: 'no_values', afterYear: baseYear }, ...partial], requirement };
  }

  const inTargetYear = observed.find((v) => v.year === input.targetYear);
  if (inTargetYear) {
    const met = rule.satisfies(rule.measure(inTargetYear.value));
    return {
      status: met ? 'met' : 'not_met',
      reasons: [{ code: met ? 'target_year_met' : 'target_year_missed', ...observation(inTargetYear) }],
      requirement,
      gap: gapOf(judged(inTargetYear)),
    };
  }

  const reasons: AssessmentReason[] = [];
  if (input.asOfYear > input.targetYear) reasons.push({ code: 'target_year_pending', year: input.targetYear });
  const latest = observed.filter((v) => v.year < input.targetYear).at(-1);
  const reached = latest !== undefined && rule.satisfies(rule.measure(latest.value));
  if (latest) reasons.push({ code: reached ? 'reached_early' : 'not_yet_reached', ...observation(latest) });

  const result: TargetAssessment = { status: 'at_risk', reasons, requirement, ...(latest ? { gap: gapOf(judged(latest)) } : {}) };
  const line = projectionLine(input, annual, requirement, settings);
  if (!line) {
    if (!reached) reasons.push({ code: 'no_trend', year: annual[0]!.year });
    result.status = reached ? 'met' : 'at_risk';
    reasons.push(...partial);
    return result;
  }
  result.projected = { year: input.targetYear, value: roundTo(line.value, 4), method: line.method, fromYear: line.fromYear, toYear: line.toYear };
  if (line.method === 'baseline_path' && !reached) {
    // One value: compared with the straight path from the baseline to the target in that value's year.
    // The path is a yardstick, not the verdict: it is compared unrounded (at the target's precision a
    // value rounds onto it too easily) and shown one decimal finer than the target.
    const single = annual[0]!;
    const baseMeasure = rule.exact(line.fromValue);
    const share = (single.year - line.fromYear) / (input.targetYear - line.fromYear);
    const due = baseMeasure + (rule.figure - baseMeasure) * share;
    const measure = rule.exact(single.value);
    const ahead = rule.figure > baseMeasure ? measure >= due : rule.figure < baseMeasure && measure <= due;
    const expected = roundTo(due, requirement.precision + 1);
    reasons.push({ code: ahead ? 'pace_ahead' : 'pace_behind', ...observation(single), baseYear: line.fromYear, baseMeasure, expected });
    result.status = ahead ? 'on_track' : 'at_risk';
  } else {
    const measure = rule.measure(line.value);
    const trend = { target: requirement, targetYear: input.targetYear, fromYear: line.fromYear, toYear: line.toYear, measure };
    if (!rule.satisfies(measure)) {
      reasons.push({ code: 'trend_misses', ...trend });
    } else if (!rule.clears(measure)) {
      reasons.push({ code: 'trend_near', ...trend, margin: settings.margin });
      if (reached) result.status = 'met';
    } else {
      reasons.push({ code: 'trend_meets', ...trend });
      result.status = reached ? 'met' : 'on_track';
    }
  }
  reasons.push(...partial);
  return result;
}

/** Whole-year values up to the year of assessment, by year; of two for one year the later given wins. */
function annualValues(values: readonly PeriodValue[], asOfYear: number): PeriodValue[] {
  const byYear = new Map<number, PeriodValue>();
  for (const v of values) if ((v.period ?? 'year') === 'year' && v.year <= asOfYear) byYear.set(v.year, v);
  return [...byYear.values()].sort((a, b) => a.year - b.year);
}

/** The latest quarter or month, if it is in a year after the last whole-year value. */
function partialYear(input: AssessmentInput, annual: PeriodValue[]): AssessmentReason[] {
  const lastYear = annual.at(-1)?.year ?? -Infinity;
  const latest = input.values
    .filter((v): v is PeriodValue & { period: Exclude<Period, 'year'> } => v.period !== undefined && v.period !== 'year')
    .filter((v) => v.year > lastYear && v.year <= input.asOfYear)
    .sort((a, b) => a.year - b.year || monthsIn(a.period) - monthsIn(b.period))
    .at(-1);
  return latest ? [{ code: 'partial_year', year: latest.year, period: latest.period, value: latest.value, unit: input.unit }] : [];
}

/** The last month a period covers. */
function monthsIn(period: Exclude<Period, 'year'>): number {
  return period.startsWith('Q') ? Number(period.slice(1)) * 3 : Number(period.slice(1));
}

function requirementOf(
  input: AssessmentInput,
  target: Exclude<Target, { kind: 'qualitative' }>,
  annual: PeriodValue[],
  settings: AssessmentSettings,
): { requirement: Requirement } | { missing: AssessmentReason[] } {
  const { unit } = input;
  const precisionFor = (comparator: Comparator, figure: number, shareBound: boolean) => {
    const decimals = Math.max(input.decimals ?? 0, decimalsOf(figure));
    const allOrNone = shareBound && unit === '%' && isAllOrNone(comparator, figure);
    return { decimals, precision: allOrNone ? settings.allOrNoneDecimals : comparator === '>' || comparator === '<' ? decimals + 1 : decimals };
  };
  switch (target.kind) {
    case 'absolute':
      return { requirement: { kind: 'level', comparator: target.comparator, value: target.value, unit, ...precisionFor(target.comparator, target.value, true) } };
    case 'external': {
      const figure = input.externalFigures?.find((f) => f.year === input.targetYear);
      if (!figure) return { missing: [{ code: 'external_figure_missing', year: input.targetYear, authority: target.authority }] };
      const requirement: Requirement = {
        kind: 'level',
        comparator: target.comparator,
        value: figure.value,
        unit,
        ...precisionFor(target.comparator, figure.value, true),
        authority: target.authority,
      };
      return { requirement };
    }
    case 'relative':
    case 'not_worse': {
      const baseValue = annual.find((v) => v.year === target.baseYear)?.value ?? input.baselines?.find((b) => b.year === target.baseYear)?.value ?? null;
      if (baseValue === null) return { missing: [{ code: 'no_base_value', baseYear: target.baseYear }] };
      if (target.kind === 'not_worse') {
        const { direction } = input;
        return { requirement: { kind: 'not_worse', baseYear: target.baseYear, baseValue, direction, unit, ...precisionFor(notWorseComparator(direction), baseValue, true) } };
      }
      if (target.changeUnit === 'percent' && baseValue === 0) return { missing: [{ code: 'base_value_zero', baseYear: target.baseYear }] };
      const { comparator, change, changeUnit, baseYear } = target;
      return { requirement: { kind: 'change', comparator, change, changeUnit, baseYear, baseValue, unit, ...precisionFor(comparator, change, false) } };
    }
  }
}

function notWorseComparator(direction: Direction): Comparator {
  return direction === 'higher_better' ? '>=' : direction === 'lower_better' ? '<=' : '=';
}

/** "100 %" or "0 %" held exactly: everything or nothing. */
function isAllOrNone(comparator: Comparator, figure: number): boolean {
  return (figure === 100 && (comparator === '>=' || comparator === '=')) || (figure === 0 && (comparator === '<=' || comparator === '='));
}

/** How a requirement turns a value into its measure, and whether a measure satisfies or clears it. */
function ruleOf(requirement: Requirement, settings: AssessmentSettings) {
  const { precision } = requirement;
  const { comparator, figure } = boundOf(requirement);
  const exact = (value: number) => exactMeasure(requirement, value);
  const measure = (value: number) => roundTo(exact(value), precision);
  const margin = comparator === '=' ? 0 : settings.margin * Math.abs(figure) * (comparator === '>=' || comparator === '>' ? 1 : -1);
  return {
    figure,
    exact,
    measure,
    satisfies: (m: number) => holds(comparator, m, roundTo(figure, precision)),
    clears: (m: number) => holds(comparator, m, figure + margin),
  };
}

/** What a value amounts to for a requirement, unrounded: the value itself, or its change from the base year. */
function exactMeasure(requirement: Requirement, value: number): number {
  if (requirement.kind !== 'change') return value;
  const { baseValue, changeUnit } = requirement;
  return changeUnit === 'percent' ? ((value - baseValue) / baseValue) * 100 : value - baseValue;
}

/** The comparator and the figure a requirement's measure is compared with. */
function boundOf(requirement: Requirement): { comparator: Comparator; figure: number } {
  switch (requirement.kind) {
    case 'level':
      return { comparator: requirement.comparator, figure: requirement.value };
    case 'change':
      return { comparator: requirement.comparator, figure: requirement.change };
    case 'not_worse':
      return { comparator: notWorseComparator(requirement.direction), figure: requirement.baseValue };
  }
}

function holds(comparator: Comparator, measure: number, bound: number): boolean {
  switch (comparator) {
    case '>=':
      return measure >= bound;
    case '>':
      return measure > bound;
    case '<=':
      return measure <= bound;
    case '<':
      return measure < bound;
    case '=':
      return measure === bound;
  }
}

/** Where the straight path to the target starts for a lone value: the base year, or the latest stated baseline before it. */
function pathStart(input: AssessmentInput, requirement: Requirement, year: number): { year: number; value: number } | undefined {
  if (requirement.kind !== 'level') return { year: requirement.baseYear, value: requirement.baseValue };
  return (input.baselines ?? [])
    .filter((b): b is { year: number; value: number } => b.value !== null && b.year < year)
    .sort((a, b) => a.year - b.year)
    .at(-1);
}

/**
 * The straight line projected to the target year: least squares through the last annual values, or, for a
 * lone value, the line from the baseline through it (null when there is neither).
 */
function projectionLine(
  input: AssessmentInput,
  annual: PeriodValue[],
  requirement: Requirement,
  settings: AssessmentSettings,
): { method: 'least_squares' | 'baseline_path'; fromYear: number; fromValue: number; toYear: number; value: number } | null {
  const fitted = annual.slice(-Math.max(2, settings.trendYears));
  const last = fitted.at(-1)!;
  if (fitted.length >= 2) {
    const value = clampShare(leastSquaresAt(fitted, input.targetYear), input.unit);
    return { method: 'least_squares', fromYear: fitted[0]!.year, fromValue: fitted[0]!.value, toYear: last.year, value };
  }
  if (last.year >= input.targetYear) return null;
  const base = pathStart(input, requirement, last.year);
  if (!base) return null;
  const slope = (last.value - base.value) / (last.year - base.year);
  const value = clampShare(last.value + slope * (input.targetYear - last.year), input.unit);
  return { method: 'baseline_path', fromYear: base.year, fromValue: base.value, toYear: last.year, value };
}

function leastSquaresAt(points: PeriodValue[], year: number): number {
  const meanX = points.reduce((s, p) => s + p.year, 0) / points.length;
  const meanY = points.reduce((s, p) => s + p.value, 0) / points.length;
  const sxy = points.reduce((s, p) => s + (p.year - meanX) * (p.value - meanY), 0);
  const sxx = points.reduce((s, p) => s + (p.year - meanX) ** 2, 0);
  return meanY + (sxy / sxx) * (year - meanX);
}

/** A share cannot be projected past 0 % or 100 %, where a straight line readily goes. */
function clampShare(value: number, unit: string | null): number {
  return unit === '%' ? Math.min(100, Math.max(0, value)) : value;
}

function assessQualitative(wording: string, input: AssessmentInput): TargetAssessment {
  const { status, evidence } = input.qualitative ?? { status: null, evidence: false };
  const over = input.asOfYear > input.targetYear;
  const overReason: AssessmentReason[] = over ? [{ code: 'deadline_passed', targetYear: input.targetYear }] : [];
  switch (status) {
    case null:
      return { status: 'no_data', reasons: [{ code: 'no_status', wording }] };
    case 'done':
      return evidence
        ? { status: 'met', reasons: [{ code: 'done_with_evidence', wording }] }
        : { status: over ? 'at_risk' : 'on_track', reasons: [{ code: 'done_without_evidence', wording }, ...overReason] };
    case 'in_progress':
      return { status: over ? 'not_met' : 'on_track', reasons: [{ code: 'in_progress', wording, targetYear: input.targetYear }, ...overReason] };
    case 'not_started':
      return { status: over ? 'not_met' : 'at_risk', reasons: [{ code: 'not_started', wording, targetYear: input.targetYear }, ...overReason] };
  }
}

/** Rounds half away from zero on the decimal figure (2.675 → 2.68), not on its binary approximation. */
export function roundTo(value: number, decimals: number): number {
  const scaled = Number((Math.abs(value) * 10 ** decimals).toPrecision(12));
  const rounded = (Math.sign(value) * Math.round(scaled)) / 10 ** decimals;
  return rounded === 0 ? 0 : rounded;
}

/** Decimals of a number as it would be written (27.40 and 27.4 alike: 1). */
function decimalsOf(value: number): number {
  const written = String(Number(value.toPrecision(12)));
  const [mantissa = '', exponent] = written.split('e');
  const fraction = mantissa.split('.')[1]?.length ?? 0;
  return Math.max(0, fraction - Number(exponent ?? 0));
}

// ——— words ———

export const PERIOD_WORDS: Record<Exclude<Period, 'year'>, string> = {
  Q1: '第一季度',
  Q2: '第二季度',
  Q3: '第三季度',
  Q4: '第四季度',
  M01: '1月',
  M02: '2月',
  M03: '3月',
  M04: '4月',
  M05: '5月',
  M06: '6月',
  M07: '7月',
  M08: '8月',
  M09: '9月',
  M10: '10月',
  M11: '11月',
  M12: '12月',
};

const SIGNS: Record<Comparator, string> = { '>=': '≥ ', '>': '> ', '<=': '≤ ', '<': '< ', '=': '' };

/** A figure with its unit: "96%", "27.0 μg/m³". */
function withUnit(figure: string, unit: string | null): string {
  return unit === null ? figure : unit === '%' ? `${figure}%` : `${figure} ${unit}`;
}

function plain(value: number): string {
  return String(Number(value.toPrecision(12)));
}

/** The magnitude of a change: "14.5%" or "5 个百分点". */
function changeAmount(change: number, requirement: Extract<Requirement, { kind: 'change' }>, decimals: number): string {
  const amount = Math.abs(change).toFixed(decimals);
  return requirement.changeUnit === 'percent' ? `${amount}%` : `${amount} 个百分点`;
}

/** A change that happened: "下降 12.3%", "上升 2.0 个百分点", "持平". */
function changeWords(change: number, requirement: Extract<Requirement, { kind: 'change' }>, decimals = requirement.precision): string {
  if (change === 0) return '持平';
  return `${change < 0 ? '下降' : '上升'} ${changeAmount(change, requirement, decimals)}`;
}

const FLIP: Record<Comparator, Comparator> = { '>=': '<=', '>': '<', '<=': '>=', '<': '>', '=': '=' };
const HOW_MUCH: Record<Comparator, string> = { '>=': '不少于 ', '>': '超过 ', '<=': '不超过 ', '<': '少于 ', '=': ' ' };
const NO_CHANGE: Record<Comparator, string> = { '>=': '不降低', '>': '有所上升', '<=': '不升高', '<': '有所下降', '=': '持平' };

/** The target as a reader says it: "≥ 96%", "比2020年下降不少于 14.5%", "不低于2020年的 63%". */
export function describeRequirement(requirement: Requirement): string {
  const figure = (value: number) => withUnit(value.toFixed(requirement.decimals), requirement.unit);
  switch (requirement.kind) {
    case 'level': {
      const level = `${SIGNS[requirement.comparator]}${figure(requirement.value)}`;
      return requirement.authority ? `（${requirement.authority}）${level}` : level;
    }
    case 'change': {
      const { comparator, change, baseYear } = requirement;
      if (change === 0) return `比${baseYear}年${NO_CHANGE[comparator]}`;
      // "下降不少于 14.5%" is a change ≤ −14.5: the comparator turns round for a fall.
      const wording = HOW_MUCH[change < 0 ? FLIP[comparator] : comparator];
      return `比${baseYear}年${change < 0 ? '下降' : '上升'}${wording}${changeAmount(change, requirement, requirement.decimals)}`;
    }
    case 'not_worse': {
      const { direction, baseYear, baseValue } = requirement;
      if (direction === 'none') return `与${baseYear}年的 ${figure(baseValue)} 持平`;
      return `${direction === 'higher_better' ? '不低于' : '不高于'}${baseYear}年的 ${figure(baseValue)}`;
    }
  }
}

/**
 * A year's value as judged: "2024年实际 97.2%", "2024年实际 0.52 吨标准煤/万元，比2020年下降 12.3%". When
 * rounding to the target's precision decides the verdict, the rounded figure is shown beside the value:
 * "2025年实际 96.96%（按目标精度计 97）".
 */
function describeJudged(j: Judged, requirement: Requirement): string {
  const actual = `${j.year}年实际 ${withUnit(plain(j.value), requirement.unit)}`;
  const { comparator, figure } = boundOf(requirement);
  const exact = exactMeasure(requirement, j.value);
  const roundingDecides = holds(comparator, exact, figure) !== holds(comparator, j.measure, figure);
  const rounded = `（按目标精度计${requirement.kind === 'change' ? changeWords(j.measure, requirement) : ` ${j.measure.toFixed(requirement.precision)}`}）`;
  if (requirement.kind !== 'change') return roundingDecides ? `${actual}${rounded}` : actual;
  // The change itself one decimal finer than compared, so a reader sees what was rounded.
  const shown = roundTo(exact, requirement.precision + 1);
  const change = `${actual}，比${requirement.baseYear}年${changeWords(shown, requirement, Math.max(requirement.precision, decimalsOf(shown)))}`;
  return roundingDecides ? `${change}${rounded}` : change;
}

/** "2025年目标 ≥ 96%", "2025年目标比2020年下降不少于 14.5%". */
function targetPhrase(targetYear: number, requirement: Requirement): string {
  const text = describeRequirement(requirement);
  return `${targetYear}年目标${/^[≥≤<>\d]/.test(text) ? ' ' : ''}${text}`;
}

/** A projected measure beside the figure: "27.93 μg/m³，高于目标 27.0" or "比2020年下降 13.1%，目标为比2020年下降不少于 14.5%". */
function describeProjected(measure: number, requirement: Requirement): string {
  if (requirement.kind === 'change') return `比${requirement.baseYear}年${changeWords(measure, requirement)}，目标为${describeRequirement(requirement)}`;
  const { figure } = boundOf(requirement);
  const relation = measure > figure ? '高于' : measure < figure ? '低于' : '等于';
  return `${withUnit(measure.toFixed(requirement.precision), requirement.unit)}，${relation}目标 ${figure.toFixed(requirement.decimals)}`;
}

/** A reason in words, for exports and reports (the UI has its own message files). */
export function describeAssessment(reason: AssessmentReason): string {
  switch (reason.code) {
    case 'target_year_met':
    case 'target_year_missed':
    case 'reached_early':
    case 'not_yet_reached': {
      const verdict = { target_year_met: '已达标', target_year_missed: '未达标', reached_early: '目前已达标', not_yet_reached: '尚未达到' }[reason.code];
      return `${targetPhrase(reason.targetYear, reason.target)}，${describeJudged(reason, reason.target)}，${verdict}`;
    }
    case 'trend_meets':
    case 'trend_misses':
    case 'trend_near': {
      const trend = `按${reason.fromYear}—${reason.toYear}年趋势外推，${reason.targetYear}年预计${reason.target.kind === 'change' ? '' : ' '}${describeProjected(reason.measure, reason.target)}`;
      if (reason.code === 'trend_near') return `${trend}，但余量不足目标值的 ${plain(reason.margin * 100)}%`;
      return `${trend}，${reason.code === 'trend_meets' ? '预计达标' : '有风险'}`;
    }
    case 'pace_ahead':
    case 'pace_behind': {
      const { target, baseYear, baseMeasure, expected, targetYear, year } = reason;
      const decimals = Math.max(target.precision, decimalsOf(expected));
      const path =
        target.kind === 'change'
          ? `按到${targetYear}年${describeRequirement(target)} 的均匀进度，${year}年应${changeWords(expected, target, decimals)}`
          : `按${baseYear}年基准 ${withUnit(plain(baseMeasure), target.unit)} 到${targetYear}年目标 ${describeRequirement(target)} 的均匀进度，` +
            `${year}年应达 ${withUnit(expected.toFixed(decimals), target.unit)}`;
      return `${path}，实际${reason.code === 'pace_ahead' ? '进度超前，预计达标' : '进度落后，有风险'}`;
    }
    case 'no_trend':
      return `仅有${reason.year}年一年数据，也无基准值，无法判断趋势`;
    case 'target_year_pending':
      return `${reason.year}年度数值尚未审核，暂按已有数据判断`;
    case 'no_values':
      return reason.afterYear === undefined ? '尚无已审核的年度数值' : `尚无${reason.afterYear}年以后已审核的年度数值`;
    case 'no_base_value':
      return `缺少${reason.baseYear}年基准值，无法计算变化`;
    case 'base_value_zero':
      return `${reason.baseYear}年基准值为 0，无法按百分比计算变化`;
    case 'external_figure_missing':
      return `${reason.year}年省定目标尚未录入（${reason.authority}）`;
    case 'partial_year':
      return `${reason.year}年仅有${PERIOD_WORDS[reason.period]}数值 ${withUnit(plain(reason.value), reason.unit)}，不是全年数值，未纳入评估`;
    case 'done_with_evidence':
      return `「${reason.wording}」已完成，有佐证材料，已达标`;
    case 'done_without_evidence':
      return `「${reason.wording}」已报完成，尚未提供佐证材料`;
    case 'no_status':
      return `「${reason.wording}」尚未报告进展`;
    case 'in_progress':
      return `「${reason.wording}」推进中，目标年为${reason.targetYear}年`;
    case 'not_started':
      return `「${reason.wording}」尚未启动，目标年为${reason.targetYear}年`;
    case 'deadline_passed':
      return `${reason.targetYear}年目标期限已过`;
  }
}

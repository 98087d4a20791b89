// Why a target has its assessment, in the reader's language: each reason code of src/targets/assess.ts
// worded through the message files (targets.reasons.*), with its figures at the target's precision.
import type { TFunction } from 'i18next';
import { boundOf, decimalsOf, exactMeasure, holds, plain, roundTo, SIGNS, withUnit } from './figures.ts';
import type { AssessmentReason, Comparator, Requirement } from './types.ts';

type ChangeRequirement = Extract<Requirement, { kind: 'change' }>;

const COMPARATOR_WORDS: Record<Comparator, string> = { '>=': 'atLeast', '>': 'moreThan', '<=': 'atMost', '<': 'lessThan', '=': 'exactly' };
const FLIP: Record<Comparator, Comparator> = { '>=': '<=', '>': '<', '<=': '>=', '<': '>', '=': '=' };

/** The magnitude of a change: "14.5%" or "5 percentage points". */
function changeAmount(t: TFunction, change: number, requirement: ChangeRequirement, decimals: number): string {
  const amount = Math.abs(change).toFixed(decimals);
  return requirement.changeUnit === 'percent' ? `${amount}%` : t('targets.change.points', { amount });
}

/** A change that happened: "down 12.3%", "up 2.0 percentage points", "unchanged". */
function changeWords(t: TFunction, change: number, requirement: ChangeRequirement, decimals = requirement.precision): string {
  if (change === 0) return t('targets.change.flat');
  return t(change < 0 ? 'targets.change.down' : 'targets.change.up', { amount: changeAmount(t, change, requirement, decimals) });
}

/** The target as a reader says it: "≥ 96%", "a fall of at least 14.5% from 2020", "no lower than 63% of 2020". */
export function requirementText(t: TFunction, requirement: Requirement): string {
  const figure = (value: number) => withUnit(value.toFixed(requirement.decimals), requirement.unit);
  switch (requirement.kind) {
    case 'level': {
      const level = `${SIGNS[requirement.comparator]}${figure(requirement.value)}`;
      return requirement.authority ? t('targets.req.byAuthority', { authority: requirement.authority, level }) : level;
    }
    case 'change': {
      const { comparator, change, baseYear } = requirement;
      if (change === 0) return t(`targets.req.noChange.${COMPARATOR_WORDS[comparator]}`, { baseYear });
      // "a fall of at least 14.5 %" is a change ≤ −14.5: the comparator turns round for a fall.
      const how = t(`targets.req.how.${COMPARATOR_WORDS[change < 0 ? FLIP[comparator] : comparator]}`, {
        amount: changeAmount(t, change, requirement, requirement.decimals),
      });
      return t(change < 0 ? 'targets.req.fall' : 'targets.req.rise', { baseYear, how });
    }
    case 'not_worse':
      return t(`targets.req.notWorse.${requirement.direction}`, { baseYear: requirement.baseYear, figure: figure(requirement.baseValue) });
  }
}

/** A year's value as judged, with the rounded figure beside it when rounding decides the verdict. */
function judgedText(t: TFunction, j: { year: number; value: number; measure: number }, requirement: Requirement): string {
  const actual = t('targets.judged.actual', { year: j.year, value: withUnit(plain(j.value), requirement.unit) });
  const { comparator, figure } = boundOf(requirement);
  const exact = exactMeasure(requirement, j.value);
  const roundingDecides = holds(comparator, exact, figure) !== holds(comparator, j.measure, figure);
  const rounded = t('targets.judged.rounded', {
    measure: requirement.kind === 'change' ? changeWords(t, j.measure, requirement) : j.measure.toFixed(requirement.precision),
  });
  if (requirement.kind !== 'change') return roundingDecides ? `${actual}${rounded}` : actual;
  const shown = roundTo(exact, requirement.precision + 1);
  const change = t('targets.judged.change', {
    actual,
    baseYear: requirement.baseYear,
    change: changeWords(t, shown, requirement, Math.max(requirement.precision, decimalsOf(shown))),
  });
  return roundingDecides ? `${change}${rounded}` : change;
}

function targetPhrase(t: TFunction, targetYear: number, requirement: Requirement): string {
  return t('targets.judged.target', { year: targetYear, target: requirementText(t, requirement) });
}

function projectedText(t: TFunction, measure: number, requirement: Requirement): string {
  if (requirement.kind === 'change') {
    return t('targets.projected.change', { baseYear: requirement.baseYear, change: changeWords(t, measure, requirement), target: requirementText(t, requirement) });
  }
  const { figure } = boundOf(requirement);
  const relation = measure > figure ? 'above' : measure < figure ? 'below' : 'equal';
  return t(`targets.projected.${relation}`, {
    value: withUnit(measure.toFixed(requirement.precision), requirement.unit),
    figure: figure.toFixed(requirement.decimals),
  });
}

const PERIOD_KEYS: Record<string, string> = { Q1: 'q1', Q2: 'q2', Q3: 'q3', Q4: 'q4' };

/** 全年, 第一季度, 3月 — or Year, Q1, March. */
export function periodLabel(t: TFunction, period: string): string {
  if (period === 'year') return t('targets.periods.year');
  if (PERIOD_KEYS[period]) return t(`targets.periods.${PERIOD_KEYS[period]}`);
  return t('targets.periods.month', { month: Number(period.slice(1)) });
}

/** One reason in words. */
export function reasonText(t: TFunction, reason: AssessmentReason): string {
  switch (reason.code) {
    case 'target_year_met':
    case 'target_year_missed':
    case 'reached_early':
    case 'not_yet_reached':
      return t(`targets.reasons.${reason.code}`, { target: targetPhrase(t, reason.targetYear, reason.target), judged: judgedText(t, reason, reason.target) });
    case 'trend_meets':
    case 'trend_misses':
    case 'trend_near':
      return t(`targets.reasons.${reason.code}`, {
        fromYear: reason.fromYear,
        toYear: reason.toYear,
        year: reason.targetYear,
        projected: projectedText(t, reason.measure, reason.target),
        margin: reason.code === 'trend_near' ? plain(reason.margin * 100) : '',
      });
    case 'pace_ahead':
    case 'pace_behind': {
      const { target, baseYear, baseMeasure, expected, targetYear, year } = reason;
      const decimals = Math.max(target.precision, decimalsOf(expected));
      const path =
        target.kind === 'change'
          ? t('targets.pace.change', { targetYear, target: requirementText(t, target), year, expected: changeWords(t, expected, target, decimals) })
          : t('targets.pace.level', {
              baseYear,
              base: withUnit(plain(baseMeasure), target.unit),
              targetYear,
              target: requirementText(t, target),
              year,
              expected: withUnit(expected.toFixed(decimals), target.unit),
            });
      return t(`targets.reasons.${reason.code}`, { path });
    }
    case 'no_trend':
    case 'target_year_pending':
      return t(`targets.reasons.${reason.code}`, { year: reason.year });
    case 'no_values':
      return reason.afterYear === undefined ? t('targets.reasons.no_values') : t('targets.reasons.no_values_after', { year: reason.afterYear });
    case 'no_base_value':
    case 'base_value_zero':
      return t(`targets.reasons.${reason.code}`, { baseYear: reason.baseYear });
    case 'external_figure_missing':
      return t('targets.reasons.external_figure_missing', { year: reason.year, authority: reason.authority });
    case 'partial_year':
      return t('targets.reasons.partial_year', { year: reason.year, period: periodLabel(t, reason.period), value: withUnit(plain(reason.value), reason.unit) });
    case 'done_with_evidence':
    case 'done_without_evidence':
    case 'no_status':
      return t(`targets.reasons.${reason.code}`, { wording: reason.wording });
    case 'in_progress':
    case 'not_started':
      return t(`targets.reasons.${reason.code}`, { wording: reason.wording, year: reason.targetYear });
    case 'deadline_passed':
      return t('targets.reasons.deadline_passed', { year: reason.targetYear });
  }
}

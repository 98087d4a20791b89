import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  assessTarget,
  DEFAULT_ASSESSMENT_SETTINGS,
  describeAssessment,
  type AssessmentInput,
  type AssessmentReason,
  type AssessmentSettings,
} from './assess.ts';

interface Case {
  name: string;
  /** Only what differs from a 2025 target for a percentage that is better higher, with no values yet. */
  input: Partial<AssessmentInput> & Pick<AssessmentInput, 'target' | 'asOfYear'>;
  settings?: Partial<AssessmentSettings>;
  expect: Record<string, unknown>;
  /** Every reason in words, in order. */
  words: string[];
}
const cases = JSON.parse(readFileSync(new URL('./assess.cases.json', import.meta.url), 'utf8')) as Case[];

const inputOf = (c: Case): AssessmentInput => ({ direction: 'higher_better', unit: '%', targetYear: 2025, values: [], ...c.input });
const assess = (c: Case, input = inputOf(c)) => assessTarget(input, { ...DEFAULT_ASSESSMENT_SETTINGS, ...c.settings });

describe('assessTarget (目标评估)', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const result = assess(c);
    expect(result).toMatchObject(c.expect);
    expect(result.reasons.map(describeAssessment)).toEqual(c.words);
  });

  it('does not depend on the order the values come in', () => {
    for (const c of cases) {
      const input = inputOf(c);
      expect(assess(c, { ...input, values: [...input.values].reverse() }), c.name).toEqual(assess(c));
    }
  });

  it('has cases for every status, every comparator and every kind of target', () => {
    const results = cases.map((c) => ({ input: inputOf(c), result: assess(c) }));
    expect(new Set(results.map((r) => r.result.status))).toEqual(new Set(['met', 'on_track', 'at_risk', 'not_met', 'no_data']));
    expect(new Set(results.map((r) => r.input.target.kind))).toEqual(new Set(['absolute', 'relative', 'not_worse', 'external', 'qualitative']));
    const comparators = results.flatMap(({ input: { target } }) => (target.kind === 'absolute' ? [target.comparator] : []));
    expect(new Set(comparators)).toEqual(new Set(['>=', '>', '<=', '<', '=']));
    const directions = results.flatMap(({ input }) => (input.target.kind === 'not_worse' ? [input.direction] : []));
    expect(new Set(directions)).toEqual(new Set(['higher_better', 'lower_better', 'none']));
  });

  it('words every reason code in Chinese', () => {
    // A record over the union: tsc fails here when a code is added without being listed.
    const everyCode: Record<AssessmentReason['code'], true> = {
      target_year_met: true,
      target_year_missed: true,
      reached_early: true,
      not_yet_reached: true,
      trend_meets: true,
      trend_misses: true,
      trend_near: true,
      pace_ahead: true,
      pace_behind: true,
      no_trend: true,
      target_year_pending: true,
      no_values: true,
      no_base_value: true,
      base_value_zero: true,
      external_figure_missing: true,
      partial_year: true,
      done_with_evidence: true,
      done_without_evidence: true,
      no_status: true,
      in_progress: true,
      not_started: true,
      deadline_passed: true,
    };
    const reasons = cases.flatMap((c) => assess(c).reasons);
    expect(new Set(reasons.map((r) => r.code))).toEqual(new Set(Object.keys(everyCode)));
    for (const reason of reasons) {
      const words = describeAssessment(reason);
      expect(words).toMatch(/[\u4e00-\u9fff]/);
      expect(words).not.toMatch(/undefined|NaN|null|Infinity/);
    }
  });
});

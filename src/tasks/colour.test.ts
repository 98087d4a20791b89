import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { colourOf, describeReason, type ColourFacts, type ColourReason } from './colour.ts';

interface Case {
  name: string;
  facts: ColourFacts;
  expect: { colour: string; reasons: ColourReason[] };
}
const cases = JSON.parse(readFileSync(new URL('./colour.cases.json', import.meta.url), 'utf8')) as Case[];

describe('colourOf (红黄绿)', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(colourOf(c.facts)).toEqual(c.expect);
  });

  it('takes its thresholds from configuration', () => {
    const facts = cases.find((c) => c.name.startsWith('report overdue a little'))!.facts;
    expect(colourOf(facts, { nearDays: 30, reportOverdueRedDays: 3 }).colour).toBe('red');
  });

  it('words every reason', () => {
    const reasons = cases.flatMap((c) => c.expect.reasons);
    for (const reason of reasons) expect(describeReason(reason)).toMatch(/[\u4e00-\u9fff]/);
    expect(describeReason({ code: 'past_deadline', days: 10, due: '2025-12-31' })).toBe('已超过完成时限（2025-12-31）10 天，尚未销号');
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assessRiver, DEFAULT_RIVER_OPTIONS, proportionStatus, type RiverOptions } from './river-basin.ts';
import type { WaterValues } from './section-class.ts';

interface Case {
  name: string;
  options?: Partial<RiverOptions>;
  /** Sections as groups of identical ones. */
  sections: { count: number; values: WaterValues }[];
  expect: Record<string, unknown>;
}
const cases = JSON.parse(readFileSync(new URL('./river-basin.cases.json', import.meta.url), 'utf8')) as Case[];

const sectionsOf = (c: Case) => c.sections.flatMap((group) => Array.from({ length: group.count }, () => group.values));

describe('assessRiver (河流、流域水质)', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(assessRiver(sectionsOf(c), { ...DEFAULT_RIVER_OPTIONS, ...c.options })).toMatchObject(c.expect);
  });

  it('covers every status of the proportion method', () => {
    const statuses = cases.filter((c) => c.expect.method !== 'mean').map((c) => assessRiver(sectionsOf(c), { ...DEFAULT_RIVER_OPTIONS, ...c.options }).status);
    expect(new Set(statuses)).toEqual(new Set(['优', '良好', '轻度污染', '中度污染', '重度污染']));
  });

  it('needs at least one section', () => {
    expect(() => assessRiver([])).toThrow(RangeError);
  });
});

describe('proportionStatus at the table edges, over many section counts', () => {
  // Independent reading of the table in percentages, for every split of n sections.
  const byTable = (good: number, worst: number, n: number) => {
    const g = (good / n) * 100;
    const w = (worst / n) * 100;
    if (g >= 90) return '优';
    if (g >= 75) return '良好';
    if (w >= 40) return '重度污染';
    if (w >= 20) return '中度污染';
    return '轻度污染';
  };
  it('agrees with the table for n = 5 … 40 (shares landing exactly on 90/75/40/20 %)', () => {
    for (let n = 5; n <= 40; n++) {
      for (let good = 0; good <= n; good++) {
        for (let worst = 0; worst + good <= n; worst++) {
          // A share exactly on an edge is exactly 90/75/40/20 in binary too (0.9 × 100 === 90), so this reading is exact there.
          expect(proportionStatus(good, worst, n), `${good}/${worst}/${n}`).toBe(byTable(good, worst, n));
        }
      }
    }
  });
});

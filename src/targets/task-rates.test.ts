import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { TaskMeasure } from './model.ts';
import { annualValuesOf, taskRate, yearlyTaskRates, type TaskRate, type TaskRecord } from './task-rates.ts';

interface Case {
  name: string;
  measure: TaskMeasure;
  on: string;
  items: TaskRecord[];
  expect: TaskRate;
}
const cases = JSON.parse(readFileSync(new URL('./task-rates.cases.json', import.meta.url), 'utf8')) as Case[];

describe('taskRate (任务完成率)', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(taskRate(c.items, c.measure, c.on)).toEqual(c.expect);
  });
});

describe('yearlyTaskRates', () => {
  const items = cases.find((c) => c.name.startsWith('rebounded'))!.items;

  it('takes each year at its end from the first entry, and today in the current year', () => {
    const rates = yearlyTaskRates(items, 'accepted_share', 2026, '2026-05-04');
    expect(rates.map((r) => [r.year, r.on, r.value])).toEqual([
      [2022, '2022-12-31', 0],
      [2023, '2023-12-31', 100],
      [2024, '2024-12-31', 100],
      [2025, '2025-12-31', 100],
      [2026, '2026-05-04', 100],
    ]);
  });

  it('stops at the year of assessment and gives the assessment whole-year values', () => {
    const rates = yearlyTaskRates(items, 'accepted_share', 2023, '2026-05-04');
    expect(annualValuesOf(rates)).toEqual([
      { year: 2022, value: 0 },
      { year: 2023, value: 100 },
    ]);
    expect(yearlyTaskRates([], 'accepted_share', 2025, '2026-05-04')).toEqual([]);
  });
});

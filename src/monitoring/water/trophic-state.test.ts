import { describe, expect, it } from 'vitest';
import { TROPHIC_CORRELATIONS, TROPHIC_PARAMETERS, TROPHIC_WEIGHTS, trophicGrade, trophicState, type TrophicInputs } from './trophic-state.ts';

/** The 评价办法's formulas written out again, with weights r²/Σr² computed rather than the published four decimals. */
function tliByFormula({ Chla, TP, TN, SD, CODMn }: TrophicInputs): number {
  const r = { Chla: 1, TP: 0.84, TN: 0.82, SD: -0.83, CODMn: 0.83 };
  const sumR2 = Object.values(r).reduce((s, x) => s + x * x, 0);
  const w = (x: number) => (x * x) / sumR2;
  return (
    w(r.Chla) * 10 * (2.5 + 1.086 * Math.log(Chla)) +
    w(r.TP) * 10 * (9.436 + 1.624 * Math.log(TP)) +
    w(r.TN) * 10 * (5.453 + 1.694 * Math.log(TN)) +
    w(r.SD) * 10 * (5.118 - 1.94 * Math.log(SD)) +
    w(r.CODMn) * 10 * (0.109 + 2.661 * Math.log(CODMn))
  );
}

describe('trophicState (综合营养状态指数)', () => {
  it('publishes weights equal to r²/Σr² to four decimals, summing to 1', () => {
    const sumR2 = TROPHIC_PARAMETERS.reduce((s, p) => s + TROPHIC_CORRELATIONS[p] ** 2, 0);
    for (const p of TROPHIC_PARAMETERS) expect(TROPHIC_WEIGHTS[p]).toBeCloseTo(TROPHIC_CORRELATIONS[p] ** 2 / sumR2, 4);
    expect(TROPHIC_PARAMETERS.reduce((s, p) => s + TROPHIC_WEIGHTS[p], 0)).toBeCloseTo(1, 10);
  });

  const samples: [string, TrophicInputs, string][] = [
    ['oligotrophic mountain reservoir', { Chla: 1, TP: 0.005, TN: 0.15, SD: 5, CODMn: 1 }, '贫营养'],
    ['clear lake', { Chla: 2, TP: 0.01, TN: 0.3, SD: 3, CODMn: 2 }, '贫营养'],
    ['mesotrophic lake', { Chla: 10, TP: 0.04, TN: 1.1, SD: 0.8, CODMn: 4.5 }, '中营养'],
    ['lightly eutrophic lake', { Chla: 25, TP: 0.08, TN: 1.5, SD: 0.6, CODMn: 5 }, '轻度富营养'],
    ['eutrophic lake', { Chla: 60, TP: 0.2, TN: 3, SD: 0.3, CODMn: 8 }, '中度富营养'],
    ['hypertrophic pond', { Chla: 200, TP: 0.6, TN: 8, SD: 0.15, CODMn: 15 }, '重度富营养'],
  ];
  it.each(samples)('%s', (_name, inputs, grade) => {
    const { value, grade: got } = trophicState(inputs);
    expect(Math.abs(value - tliByFormula(inputs))).toBeLessThan(0.01);
    expect(value).toBe(Math.round(value * 100) / 100);
    expect(got).toBe(grade);
  });

  it('grades on the boundaries as written: 30 and 50 中营养, 60 轻度, 70 中度', () => {
    const cases: [number, string][] = [
      [0, '贫营养'],
      [29.99, '贫营养'],
      [30, '中营养'],
      [50, '中营养'],
      [50.01, '轻度富营养'],
      [60, '轻度富营养'],
      [60.01, '中度富营养'],
      [70, '中度富营养'],
      [70.01, '重度富营养'],
      [100, '重度富营养'],
    ];
    for (const [tli, grade] of cases) expect(trophicGrade(tli), String(tli)).toBe(grade);
  });

  it('refuses a value whose logarithm does not exist', () => {
    expect(() => trophicState({ Chla: 0, TP: 0.04, TN: 1.1, SD: 0.8, CODMn: 4.5 })).toThrow(RangeError);
  });
});

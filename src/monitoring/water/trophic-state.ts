/**
 * 湖泊（水库）营养状态 by the 综合营养状态指数 TLI(Σ) (地表水环境质量评价办法（试行）):
 * TLI(Σ) = Σ W_j·TLI(j) over chlorophyll a, TP, TN, transparency SD and CODMn, with the published
 * weights W_j = r_ij² / Σ r_ij² (chl-a as the reference parameter).
 *
 * The index is rounded half to even (GB/T 8170) to `decimals` (2 by default) and graded on the
 * rounded value, so the grade always agrees with the figure shown. Boundaries as written:
 * < 30 贫营养; 30–50 中营养 (both inclusive); 50 < TLI ≤ 60 轻度富营养; 60 < TLI ≤ 70 中度富营养;
 * > 70 重度富营养.
 */
import Big from 'big.js';

/** Inputs in chl-a mg/m³ (= µg/L), SD m, TP/TN/CODMn mg/L; all must be positive (the formulas take ln). */
export interface TrophicInputs {
  Chla: number;
  TP: number;
  TN: number;
  SD: number;
  CODMn: number;
}
export type TrophicParameter = keyof TrophicInputs;
export const TROPHIC_PARAMETERS: readonly TrophicParameter[] = ['Chla', 'TP', 'TN', 'SD', 'CODMn'];

/** The trophic inputs that are not GB 3838 Table 1 items (chlorophyll a in mg/m³ = µg/L, transparency in m). */
export const TROPHIC_ONLY_INPUTS = [
  { key: 'Chla', name: '叶绿素a', englishName: 'chlorophyll a', unit: 'mg/m³' },
  { key: 'SD', name: '透明度', englishName: 'transparency', unit: 'm' },
] as const;

/** r_ij of each parameter with chl-a, as published. */
export const TROPHIC_CORRELATIONS: Record<TrophicParameter, number> = { Chla: 1, TP: 0.84, TN: 0.82, SD: -0.83, CODMn: 0.83 };

/** W_j as published (four decimals; they sum to 1). */
export const TROPHIC_WEIGHTS: Record<TrophicParameter, number> = { Chla: 0.2663, TP: 0.1879, TN: 0.179, SD: 0.1834, CODMn: 0.1834 };

/** TLI(j) = 10 (a + b ln x). */
const PARTIAL_INDEX: Record<TrophicParameter, { a: number; b: number }> = {
  Chla: { a: 2.5, b: 1.086 },
  TP: { a: 9.436, b: 1.624 },
  TN: { a: 5.453, b: 1.694 },
  SD: { a: 5.118, b: -1.94 },
  CODMn: { a: 0.109, b: 2.661 },
};

export type TrophicGrade = '贫营养' | '中营养' | '轻度富营养' | '中度富营养' | '重度富营养';

export function partialTrophicIndex(parameter: TrophicParameter, value: number): number {
  if (!(value > 0)) throw new RangeError(`${parameter} must be positive for the trophic index, got ${value}`);
  const { a, b } = PARTIAL_INDEX[parameter];
  return 10 * (a + b * Math.log(value));
}

export function trophicGrade(tli: number): TrophicGrade {
  if (tli < 30) return '贫营养';
  if (tli <= 50) return '中营养';
  if (tli <= 60) return '轻度富营养';
  if (tli <= 70) return '中度富营养';
  return '重度富营养';
}

export function trophicState(inputs: TrophicInputs, decimals = 2): { value: number; grade: TrophicGrade } {
  const sum = TROPHIC_PARAMETERS.reduce((total, p) => total + TROPHIC_WEIGHTS[p] * partialTrophicIndex(p, inputs[p]), 0);
  const value = Number(new Big(sum).round(decimals, Big.roundHalfEven));
  return { value, grade: trophicGrade(value) };
}

/**
 * 空气质量分指数 IAQI of one concentration (HJ 633-2012 §6.2, HJ 633-2026 §4.2):
 * IAQI = (IAQI_Hi − IAQI_Lo)/(BP_Hi − BP_Lo) × (C − BP_Lo) + IAQI_Lo, rounded up to an integer
 * ("全部进位取整数"), computed exactly. HJ 633-2026 first rounds the concentration per GB/T 8170
 * (half to even) to an integer µg/m³ or to 0.1 mg/m³ for CO; HJ 633-2012 states no input rounding.
 */
import { breakpointsOf, type BreakpointColumn } from './breakpoints.ts';
import { ceil, compare, divide, fractionOf, integer, multiply, roundHalfEven, subtract, toNumber, type Fraction } from './exact-decimal.ts';
import type { AqiStandard } from './standard-versions.ts';

/**
 * How the IAQI was found:
 * - `table`: the formula between two breakpoints;
 * - `above_last_breakpoint`: beyond the table's last breakpoint, where the standards are silent; the
 *   platform's convention is IAQI 500 (HJ 633-2026 §4.1.1 bounds the AQI at 500) and says so;
 * - `so2_1h_over_800`: SO2 1-h above 800 — 2012: no IAQI from it (the 24-h value is used instead),
 *   2026: counted as 200;
 * - `o3_8h_over_800`: O3 8-h above 800 — 2012: no IAQI from it (O3 is reported by its 1-h IAQI),
 *   2026: counted as 300.
 */
export type IaqiRule = 'table' | 'above_last_breakpoint' | 'so2_1h_over_800' | 'o3_8h_over_800';

export interface IaqiResult {
  iaqi: number | null;
  rule: IaqiRule;
  /** The concentration the IAQI was computed from: the input, rounded under HJ 633-2026. */
  concentration: Fraction;
}

/** The concentration as the standard takes it: HJ 633-2026 §4.2.2–4.2.3 round it first, HJ 633-2012 does not. */
export function concentrationUsed(standard: AqiStandard, column: BreakpointColumn, value: Fraction | number): Fraction {
  const exact = typeof value === 'number' ? fractionOf(value) : value;
  return standard === 'HJ633-2026' ? roundHalfEven(exact, column.startsWith('CO') ? 1 : 0) : exact;
}

export function iaqiOf(standard: AqiStandard, column: BreakpointColumn, value: Fraction | number): IaqiResult {
  const concentration = concentrationUsed(standard, column, value);
  if (compare(concentration, integer(0)) < 0) throw new RangeError(`negative concentration for ${column}: ${toNumber(concentration)}`);
  const points = breakpointsOf(standard, column);
  const approximate = approximately(concentration);
  for (let i = 1; i < points.length; i++) {
    const lo = points[i - 1]!;
    const hi = points[i]!;
    if (sign(concentration, approximate, hi.concentration) > 0) continue;
    // IAQI_Lo is an integer, so ceil(exact) = IAQI_Lo + ceil(the rise within the band).
    return { iaqi: lo.iaqi + ceilOfRise(concentration, approximate, lo, hi), rule: 'table', concentration };
  }
  if (column === 'SO2_1h') return { iaqi: standard === 'HJ633-2026' ? 200 : null, rule: 'so2_1h_over_800', concentration };
  if (column === 'O3_8h') return { iaqi: standard === 'HJ633-2026' ? 300 : null, rule: 'o3_8h_over_800', concentration };
  return { iaqi: 500, rule: 'above_last_breakpoint', concentration };
}

/*
 * A year of a hundred stations asks for some 250,000 IAQIs. Doubles decide every comparison and rounding
 * that is not close: the double of a concentration is within 1e-15 of it (relative), and the rise within
 * a band is computed to within 1e-12, so a decision with a margin of 1e-9 (relative) or 1e-6 (the rise
 * against an integer) is the exact one. Closer than that, the exact rationals decide, as they always did.
 */
const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

function approximately(f: Fraction): number | null {
  return f.num <= SAFE && f.num >= -SAFE && f.den <= SAFE ? Number(f.num) / Number(f.den) : null;
}

/** The sign of (concentration − breakpoint). */
function sign(concentration: Fraction, approximate: number | null, breakpoint: number): number {
  if (approximate !== null) {
    const difference = approximate - breakpoint;
    if (Math.abs(difference) > 1e-9 * Math.max(1, Math.abs(breakpoint))) return difference < 0 ? -1 : 1;
  }
  return compare(concentration, fractionOf(breakpoint));
}

/** ceil((IAQI_Hi − IAQI_Lo) × (C − BP_Lo) / (BP_Hi − BP_Lo)). */
function ceilOfRise(concentration: Fraction, approximate: number | null, lo: { concentration: number; iaqi: number }, hi: { concentration: number; iaqi: number }): number {
  if (approximate !== null) {
    const rise = ((hi.iaqi - lo.iaqi) * (approximate - lo.concentration)) / (hi.concentration - lo.concentration);
    if (Math.abs(rise - Math.round(rise)) > 1e-6) return Math.ceil(rise);
  }
  const exact = divide(multiply(integer(hi.iaqi - lo.iaqi), subtract(concentration, fractionOf(lo.concentration))), fractionOf(hi.concentration - lo.concentration));
  return Number(ceil(exact));
}

/**
 * Factor codes of HJ 212-2017 Appendix B (污染物编码: Tables B.1 water, B.2 air, B.3 noise) with their
 * HJ/T 212-2005 codes and the table's default units. `factor-codes.json` is a copy of the specs'
 * hj212-codes-2017.tsv (196 codes), which is not available at run time.
 *
 * Units are the table's, including its known error (纳克/立方米 printed for PM2.5, PM10…): ambient stations
 * send µg/m³, so a device's unit profile decides, never this table alone (spec §5).
 */
import table from './factor-codes.json' with { type: 'json' };

/** A factor of Appendix B (污染物因子). */
export interface FactorCode {
  code: string;
  name: string;
  /** The HJ/T 212-2005 code (water 3 digits, air 2, B01/B02 flows, S01–S08 flue-gas parameters). */
  code2005: string | null;
  unitConcentration: string | null;
  /** Unit of the amount (Cou) over a period. */
  unitAmount: string | null;
  dataType: string | null;
  /** B.1, B.2, B.3; or the standard a code outside the table comes from. */
  table: string;
}

/**
 * O3 is missing from Table B.2, yet every ambient-station sample sends it under its HJ 524-2009 code
 * (spec §5); without it an air station's ozone would be an unknown factor.
 */
const OZONE: FactorCode = { code: 'a05024', name: '臭氧', code2005: null, unitConcentration: null, unitAmount: null, dataType: null, table: 'HJ 524-2009' };

export const FACTOR_CODES: readonly FactorCode[] = [...(table as FactorCode[]), OZONE];

const byCode = new Map(FACTOR_CODES.map((factor) => [factor.code, factor]));
const by2005Code = new Map(FACTOR_CODES.filter((factor) => factor.code2005 !== null).map((factor) => [factor.code2005!, factor]));

export function factorOf(code: string): FactorCode | undefined {
  return byCode.get(code);
}

/** The 2017 factor a 2005 device's code stands for (`011` → w01018 COD, `02` → a21026 SO2). */
export function factorFor2005Code(code2005: string): FactorCode | undefined {
  return by2005Code.get(code2005);
}

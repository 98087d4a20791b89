/**
 * The two generations of the national air standards. HJ 633, HJ 663 and GB 3095 were revised together
 * and the 2026 texts are in force from 2026-03-01; data dated before are evaluated under the 2012/2013
 * texts, later data under the 2026 ones, and every result names the version it was computed under.
 */

/** The AQI technical regulation (环境空气质量指数技术规定) a result was computed under. */
export const AQI_STANDARDS = ['HJ633-2012', 'HJ633-2026'] as const;
export type AqiStandard = (typeof AQI_STANDARDS)[number];

/** The first day the 2026 generation applies (GB 3095—2026, HJ 633—2026, HJ 663—2026). */
export const GENERATION_2026_FROM = '2026-03-01';

export interface StandardGeneration {
  aqi: AqiStandard;
  /** 环境空气质量评价技术规范 */
  assessment: 'HJ663-2013' | 'HJ663-2026';
  /** 环境空气质量标准 */
  quality: 'GB3095-2012' | 'GB3095-2026';
}

const GENERATIONS: Record<AqiStandard, StandardGeneration> = {
  'HJ633-2012': { aqi: 'HJ633-2012', assessment: 'HJ663-2013', quality: 'GB3095-2012' },
  'HJ633-2026': { aqi: 'HJ633-2026', assessment: 'HJ663-2026', quality: 'GB3095-2026' },
};

export const generationOf = (standard: AqiStandard): StandardGeneration => GENERATIONS[standard];

export const isAqiStandard = (value: unknown): value is AqiStandard => (AQI_STANDARDS as readonly unknown[]).includes(value);

/** The AQI standard in force on a calendar date (YYYY-MM-DD, China Standard Time). */
export function standardInForce(date: string): AqiStandard {
  return date < GENERATION_2026_FROM ? 'HJ633-2012' : 'HJ633-2026';
}

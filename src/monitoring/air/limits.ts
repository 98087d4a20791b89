/**
 * GB 3095 concentration limits (浓度限值) of the six basic items, grade I (一类区) and grade II (二类区).
 * GB 3095-2026 sets transition limits for 2026-03-01 … 2030-12-31 and final limits from 2031-01-01.
 * µg/m³, CO mg/m³; `8h` is O3's daily maximum 8-h mean.
 */
import type { Species } from './aqi.ts';
import { GENERATION_2026_FROM, type AqiStandard } from './standard-versions.ts';

export const LIMIT_SETS = ['GB3095-2012', 'GB3095-2026-transition', 'GB3095-2026-final'] as const;
export type LimitSetId = (typeof LIMIT_SETS)[number];
export type Grade = 'I' | 'II';

export interface PollutantLimits {
  annual?: number;
  '24h'?: number;
  '8h'?: number;
  '1h'?: number;
}

type LimitTable = Record<Species, PollutantLimits>;

const GRADE_I_2012: LimitTable = {
  SO2: { annual: 20, '24h': 50, '1h': 150 },
  NO2: { annual: 40, '24h': 80, '1h': 200 },
  CO: { '24h': 4, '1h': 10 },
  O3: { '8h': 100, '1h': 160 },
  PM10: { annual: 40, '24h': 50 },
  'PM2.5': { annual: 15, '24h': 35 },
};

const GRADE_II_2012: LimitTable = {
  SO2: { annual: 60, '24h': 150, '1h': 500 },
  NO2: { annual: 40, '24h': 80, '1h': 200 },
  CO: { '24h': 4, '1h': 10 },
  O3: { '8h': 160, '1h': 200 },
  PM10: { annual: 70, '24h': 150 },
  'PM2.5': { annual: 35, '24h': 75 },
};

export const LIMITS: Record<LimitSetId, Record<Grade, LimitTable>> = {
  'GB3095-2012': { I: GRADE_I_2012, II: GRADE_II_2012 },
  'GB3095-2026-transition': {
    I: GRADE_I_2012,
    II: { ...GRADE_II_2012, PM10: { annual: 60, '24h': 120 }, 'PM2.5': { annual: 30, '24h': 60 } },
  },
  'GB3095-2026-final': {
    I: { ...GRADE_I_2012, NO2: { annual: 30, '24h': 50, '1h': 200 }, PM10: { annual: 20, '24h': 50 }, 'PM2.5': { annual: 10, '24h': 25 } },
    II: {
      ...GRADE_II_2012,
      SO2: { annual: 20, '24h': 50, '1h': 150 },
      NO2: { annual: 30, '24h': 50, '1h': 200 },
      PM10: { annual: 50, '24h': 100 },
      'PM2.5': { annual: 25, '24h': 50 },
    },
  },
};

/** The first day of GB 3095-2026's final limits. */
export const FINAL_LIMITS_FROM = '2031-01-01';

/** The limits in force on a date (YYYY-MM-DD). */
export function limitSetInForce(date: string): LimitSetId {
  if (date < GENERATION_2026_FROM) return 'GB3095-2012';
  return date < FINAL_LIMITS_FROM ? 'GB3095-2026-transition' : 'GB3095-2026-final';
}

/**
 * The limits a year is evaluated against under an AQI generation: GB 3095-2012 with HJ 633-2012;
 * with the 2026 generation its transition limits up to 2030 and its final limits from 2031.
 */
export function limitSetForYear(standard: AqiStandard, year: number): LimitSetId {
  if (standard === 'HJ633-2012') return 'GB3095-2012';
  return `${year}-01-01` < FINAL_LIMITS_FROM ? 'GB3095-2026-transition' : 'GB3095-2026-final';
}

export const limitsOf = (set: LimitSetId, grade: Grade, species: Species): PollutantLimits => LIMITS[set][grade][species];

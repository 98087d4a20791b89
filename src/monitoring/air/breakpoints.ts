/**
 * IAQI breakpoints (空气质量分指数及对应的污染物项目浓度限值): HJ 633-2012 Table 1 and HJ 633-2026
 * Table 3, which differ only in the upper limit of the 良 band of PM10 (150 → 120) and PM2.5 (75 → 60).
 * µg/m³, CO mg/m³. Each column lists the concentration at IAQI 0, 50, 100, 150, 200, 300, 400, 500 as
 * far as the standard goes: SO2 1-h stops at 800 (IAQI 200) and O3 8-h at 800 (IAQI 300), beyond which
 * the standards have their own rules (see iaqi.ts).
 */
import type { AqiStandard } from './standard-versions.ts';

export const IAQI_STEPS = [0, 50, 100, 150, 200, 300, 400, 500] as const;

export const BREAKPOINT_COLUMNS = ['SO2_24h', 'SO2_1h', 'NO2_24h', 'NO2_1h', 'PM10_24h', 'CO_24h', 'CO_1h', 'O3_1h', 'O3_8h', 'PM2.5_24h'] as const;
/** A column of the breakpoint table: a pollutant over an averaging time. */
export type BreakpointColumn = (typeof BREAKPOINT_COLUMNS)[number];

type Table = Record<BreakpointColumn, readonly number[]>;

const TABLE_2012: Table = {
  SO2_24h: [0, 50, 150, 475, 800, 1600, 2100, 2620],
  SO2_1h: [0, 150, 500, 650, 800],
  NO2_24h: [0, 40, 80, 180, 280, 565, 750, 940],
  NO2_1h: [0, 100, 200, 700, 1200, 2340, 3090, 3840],
  PM10_24h: [0, 50, 150, 250, 350, 420, 500, 600],
  CO_24h: [0, 2, 4, 14, 24, 36, 48, 60],
  CO_1h: [0, 5, 10, 35, 60, 90, 120, 150],
  O3_1h: [0, 160, 200, 300, 400, 800, 1000, 1200],
  O3_8h: [0, 100, 160, 215, 265, 800],
  'PM2.5_24h': [0, 35, 75, 115, 150, 250, 350, 500],
};

const TABLE_2026: Table = {
  ...TABLE_2012,
  PM10_24h: [0, 50, 120, 250, 350, 420, 500, 600],
  'PM2.5_24h': [0, 35, 60, 115, 150, 250, 350, 500],
};

const TABLES: Record<AqiStandard, Table> = { 'HJ633-2012': TABLE_2012, 'HJ633-2026': TABLE_2026 };

export interface Breakpoint {
  concentration: number;
  iaqi: number;
}

export function breakpointsOf(standard: AqiStandard, column: BreakpointColumn): Breakpoint[] {
  return TABLES[standard][column].map((concentration, i) => ({ concentration, iaqi: IAQI_STEPS[i]! }));
}

/** Concentrations are µg/m³ except CO, in mg/m³. */
export const unitOf = (column: BreakpointColumn): 'µg/m³' | 'mg/m³' => (column.startsWith('CO') ? 'mg/m³' : 'µg/m³');

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BREAKPOINT_COLUMNS, breakpointsOf, type BreakpointColumn } from './breakpoints.ts';
import { toNumber } from './exact-decimal.ts';
import { iaqiOf, type IaqiRule } from './iaqi.ts';
import { AQI_STANDARDS, type AqiStandard } from './standard-versions.ts';

interface Case {
  standard: AqiStandard;
  column: BreakpointColumn;
  c: number;
  iaqi: number | null;
  rule: IaqiRule;
  used: number;
  why: string;
}
const file = JSON.parse(readFileSync(new URL('./iaqi.cases.json', import.meta.url), 'utf8')) as {
  breakpoints: Record<AqiStandard, Record<BreakpointColumn, number[]>>;
  cases: Case[];
};
const IAQI = [0, 50, 100, 150, 200, 300, 400, 500];

describe('breakpoint tables (HJ 633-2012 Table 1, HJ 633-2026 Table 3)', () => {
  it.each(AQI_STANDARDS.flatMap((s) => BREAKPOINT_COLUMNS.map((c) => [s, c] as const)))('%s %s matches the transcription in iaqi.cases.json', (standard, column) => {
    expect(breakpointsOf(standard, column).map((b) => b.concentration)).toEqual(file.breakpoints[standard][column]);
    expect(breakpointsOf(standard, column).map((b) => b.iaqi)).toEqual(IAQI.slice(0, file.breakpoints[standard][column].length));
  });

  it('differ between the versions only in the 良 band of PM10 and PM2.5', () => {
    const changed = BREAKPOINT_COLUMNS.filter((c) => JSON.stringify(breakpointsOf('HJ633-2012', c)) !== JSON.stringify(breakpointsOf('HJ633-2026', c)));
    expect(changed).toEqual(['PM10_24h', 'PM2.5_24h']);
    expect(breakpointsOf('HJ633-2026', 'PM10_24h')[2]!.concentration).toBe(120);
    expect(breakpointsOf('HJ633-2026', 'PM2.5_24h')[2]!.concentration).toBe(60);
  });
});

describe('iaqiOf', () => {
  it('has a case at every breakpoint of every column of both versions', () => {
    for (const standard of AQI_STANDARDS) {
      for (const column of BREAKPOINT_COLUMNS) {
        for (const bp of file.breakpoints[standard][column]) {
          expect(file.cases.some((c) => c.standard === standard && c.column === column && c.c === bp), `${standard} ${column} ${bp}`).toBe(true);
        }
      }
    }
  });

  it.each(file.cases.map((c) => [`${c.standard} ${c.column} ${c.c} → ${c.iaqi} (${c.why})`, c] as const))('%s', (_name, c) => {
    const result = iaqiOf(c.standard, c.column, c.c);
    expect({ iaqi: result.iaqi, rule: result.rule, used: toNumber(result.concentration) }).toEqual({ iaqi: c.iaqi, rule: c.rule, used: c.used });
  });

  // An independent formula over a fine grid: concentrations as integers of tenths of µg/m³ (hundredths of
  // mg/m³ for CO), the 2026 rounding done on those integers, the ceiling by integer division.
  it.each(AQI_STANDARDS.flatMap((s) => BREAKPOINT_COLUMNS.map((c) => [s, c] as const)))('%s %s agrees with integer arithmetic on every tenth (CO: hundredth)', (standard, column) => {
    const table = file.breakpoints[standard][column];
    const scale = column.startsWith('CO') ? 100 : 10;
    const oracle = (scaled: number): number | null => {
      let c = scaled;
      let unit = scale;
      if (standard === 'HJ633-2026') {
        const q = Math.floor(scaled / 10);
        const r = scaled % 10;
        c = r > 5 || (r === 5 && q % 2 === 1) ? q + 1 : q;
        unit = scale / 10;
      }
      for (let i = 1; i < table.length; i++) {
        if (c > table[i]! * unit) continue;
        const num = (IAQI[i]! - IAQI[i - 1]!) * (c - table[i - 1]! * unit);
        const den = (table[i]! - table[i - 1]!) * unit;
        const whole = Math.floor(num / den);
        return IAQI[i - 1]! + (whole * den === num ? whole : whole + 1);
      }
      if (column === 'SO2_1h') return standard === 'HJ633-2026' ? 200 : null;
      if (column === 'O3_8h') return standard === 'HJ633-2026' ? 300 : null;
      return 500;
    };
    const last = table.at(-1)! * scale;
    const mismatches: string[] = [];
    for (let scaled = 0; scaled <= last + 2 * scale; scaled++) {
      const expected = oracle(scaled);
      const actual = iaqiOf(standard, column, scaled / scale).iaqi;
      if (actual !== expected) mismatches.push(`${scaled / scale}: ${actual} ≠ ${expected}`);
    }
    expect(mismatches).toEqual([]);
  });

  it('rejects a negative concentration', () => {
    expect(() => iaqiOf('HJ633-2012', 'SO2_24h', -1)).toThrow(RangeError);
  });
});

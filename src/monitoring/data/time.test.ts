import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cstIso, monthOfHourEnding, parseMonitoringTime } from './time.ts';

interface Cases {
  parse: { written: string; cst: string | null; dateOnly?: boolean }[];
  month: { hourEnding: string; month: string }[];
}
const cases = JSON.parse(readFileSync(new URL('./time.cases.json', import.meta.url), 'utf8')) as Cases;

describe('monitoring times (CST, hours stamped by their end)', () => {
  for (const c of cases.parse) {
    it(`reads ${c.written}`, () => {
      const parsed = parseMonitoringTime(c.written);
      if (c.cst === null) expect(parsed).toBeNull();
      else expect(parsed && { cst: cstIso(parsed.ms), dateOnly: parsed.dateOnly }).toEqual({ cst: c.cst, dateOnly: c.dateOnly });
    });
  }
  for (const c of cases.month) {
    it(`puts the hour ending ${c.hourEnding} in ${c.month}`, () => {
      const { year, month } = monthOfHourEnding(Date.parse(c.hourEnding));
      expect(`${year}-${String(month).padStart(2, '0')}`).toBe(c.month);
    });
  }
});

import { describe, expect, it } from 'vitest';
import { cstIso } from '../../monitoring/data/time.ts';
import { hourEndOfDataTime } from './hour.ts';
import cases from './hour.cases.json' with { type: 'json' };

describe('hourEndOfDataTime: HJ 212 start-of-hour to the store end-of-hour stamp', () => {
  it.each(cases)('$dataTime → $storeHour ($why)', ({ dataTime, storeHour }) => {
    const ms = hourEndOfDataTime(dataTime);
    expect(ms === null ? null : cstIso(ms)).toBe(storeHour);
  });
});

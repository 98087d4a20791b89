import { describe, expect, it } from 'vitest';
import { parseCp } from '../codec/cp.ts';
import { AIR_STATION_PROFILE } from '../devices/code-mapping.ts';
import { hourData } from './hour-data.ts';
import cases from './hour-data.cases.json' with { type: 'json' };

const mapping = new Map(AIR_STATION_PROFILE.map((m) => [m.factorCode, m]));
const signed = new Set(['temperature']);

describe('hourData: a 2061 upload as store values', () => {
  it.each(cases)('$why', (testCase) => {
    const cp = parseCp(testCase.cp);
    if (!cp.ok) throw new Error(JSON.stringify(cp.fault));
    const result = hourData(cp.value.groups, 7, mapping, signed, (testCase as { profile?: string }).profile ?? 'hj212');
    if (!result.ok) throw new Error(JSON.stringify(result.fault));
    const values = Object.fromEntries(result.value.observations.map((o) => [o.parameter, [o.value, o.valid, o.invalidReason]]));
    expect(values).toEqual(testCase.values);
    expect(new Set(result.value.observations.map((o) => o.at))).toEqual(new Set([testCase.at]));
    expect(result.value.observations.every((o) => o.siteId === 7 && o.series === 'air')).toBe(true);
    expect(result.value.unmapped).toEqual(testCase.unmapped);
  });

  it('refuses an upload without DataTime or with a time that is not a whole hour', () => {
    const none = parseCp('a34004-Avg=35');
    const half = parseCp('DataTime=20260301083000;a34004-Avg=35');
    if (!none.ok || !half.ok) throw new Error('cp');
    expect(hourData(none.value.groups, 1, mapping, signed, 'hj212')).toEqual({ ok: false, fault: { code: 'no_data_time' } });
    expect(hourData(half.value.groups, 1, mapping, signed, 'hj212')).toEqual({ ok: false, fault: { code: 'not_an_hour', dataTime: '20260301083000' } });
  });
});

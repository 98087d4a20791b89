import { describe, expect, it } from 'vitest';
import { parseCp } from '../codec/cp.ts';
import { cstIso } from '../../monitoring/data/time.ts';
import { describeReadingsFault, readingsOf, type ReadingCn } from './readings.ts';
import cases from './readings.cases.json' with { type: 'json' };

const EMPTY_ROW = { rtd: null, avg: null, min: null, max: null, cou: null, zsRtd: null, zsAvg: null, flag: null, extra: null };

describe('readingsOf: an upload as raw readings', () => {
  it.each(cases)('$cn: $why', (testCase) => {
    const cp = parseCp(testCase.cp);
    if (!cp.ok) throw new Error(JSON.stringify(cp.fault));
    const result = readingsOf(testCase.cn as ReadingCn, cp.value.groups, testCase.profile);
    if ('fault' in testCase) {
      expect(result).toEqual({ ok: false, fault: testCase.fault });
      return;
    }
    if (!result.ok) throw new Error(JSON.stringify(result.fault));
    expect(cstIso(result.value.dataTime)).toBe(testCase.dataTime);
    expect(cstIso(result.value.periodEnd)).toBe(testCase.periodEnd);
    expect(result.value.readings).toEqual(testCase.rows!.map((row) => ({ ...EMPTY_ROW, ...row })));
  });

  it('names the period a misaligned DataTime misses', () => {
    expect(describeReadingsFault('2051', { code: 'misaligned', dataTime: '20260301081030', period: 'minute' })).toBe('CN=2051 的 DataTime=20260301081030 不是整分');
    expect(describeReadingsFault('2031', { code: 'misaligned', dataTime: '20260301160000', period: 'day' })).toBe('CN=2031 的 DataTime=20260301160000 不是零点');
  });
});

import { describe, expect, it } from 'vitest';
import { dailyMean, eightHourMean, o3DailyMax1h, o3DailyMax8h, type HourlyValue } from './daily-statistics.ts';
import { toNumber } from './exact-decimal.ts';

/** 24 hours of one value, with the given slots (0 = 00:00–01:00) missing. */
const day = (value: number, missing: number[] = []): HourlyValue[] => Array.from({ length: 24 }, (_, h) => (missing.includes(h) ? null : value));
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('24-h mean (GB 3095 Table 4: ≥ 20 hourly values)', () => {
  it('is valid with 20 hours and not with 19', () => {
    expect(dailyMean(day(30, range(0, 3)))).toMatchObject({ hours: 20, valid: true });
    expect(dailyMean(day(30, range(0, 4)))).toMatchObject({ hours: 19, valid: false });
  });

  it('is the exact mean of the valid hours', () => {
    // (23 × 10 + 34) / 24 = 11; 0.1 × 20 + 0.2 × 4 = 2.8, / 24 = 0.11666…
    const hours = day(10);
    hours[23] = 34;
    expect(toNumber(dailyMean(hours).value!)).toBe(11);
    const co = [...Array<number>(20).fill(0.1), ...Array<number>(4).fill(0.2)];
    expect(dailyMean(co).value).toEqual({ num: 7n, den: 60n });
  });
});

describe('O3 8-h mean (≥ 6 hourly values in the 8 hours)', () => {
  it('is valid with 6 hours and not with 5', () => {
    expect(eightHourMean([100, 100, 100, 100, 100, 130, null, null])).toMatchObject({ hours: 6, valid: true });
    expect(toNumber(eightHourMean([100, 100, 100, 100, 100, 130, null, null]).value!)).toBe(105);
    expect(eightHourMean([100, 100, 100, 100, 100, null, null, null])).toMatchObject({ hours: 5, valid: false });
  });
});

describe('O3 daily maximum 8-h mean (17 windows ending 08:00 … 24:00)', () => {
  it('finds, for whole and decimal values alike, the largest valid window mean, exactly', () => {
    // Deterministic random days: whole µg/m³ (the fast path) and tenths (the general one), hours missing
    // at random, and windows of equal means with different counts.
    let seed = 11;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 300; i++) {
      const tenths = i % 3 === 0;
      const keep = 0.5 + next() / 2;
      const hours: HourlyValue[] = Array.from({ length: 24 }, () => (next() > keep ? null : tenths ? Math.floor(next() * 3000) / 10 : Math.floor(next() * 300)));
      let best: ReturnType<typeof eightHourMean>['value'] = null;
      let windows = 0;
      for (let start = 0; start <= 16; start++) {
        const w = eightHourMean(hours.slice(start, start + 8));
        if (!w.valid) continue;
        windows++;
        if (best === null || toNumber(w.value!) > toNumber(best)) best = w.value;
      }
      const result = o3DailyMax8h(hours);
      expect(result.validWindows).toBe(windows);
      expect(result.value === null ? null : toNumber(result.value)).toBe(best === null ? null : toNumber(best));
      if (best !== null) expect(result.value).toEqual(best);
    }
  });


  it('has 17 windows, all valid in a complete day', () => {
    expect(o3DailyMax8h(day(100))).toMatchObject({ validWindows: 17, valid: true });
  });

  it('is valid with 14 windows and not with 13 (missing 19–22 spoils windows 14–16; 18–22 spoils 13–16)', () => {
    expect(o3DailyMax8h(day(100, range(19, 22)))).toMatchObject({ validWindows: 14, valid: true, byExceedance: false });
    expect(o3DailyMax8h(day(100, range(18, 22)))).toMatchObject({ validWindows: 13, valid: false, byExceedance: false });
  });

  it('counts with fewer than 14 windows when it exceeds 160 (compared as the rounded figure)', () => {
    expect(o3DailyMax8h(day(161, range(18, 22)))).toMatchObject({ validWindows: 13, valid: true, byExceedance: true });
    expect(o3DailyMax8h(day(160, range(18, 22)))).toMatchObject({ validWindows: 13, valid: false });
    expect(o3DailyMax8h(day(160.5, range(18, 22)))).toMatchObject({ valid: false }); // 160.5 → 160
    expect(o3DailyMax8h(day(160.6, range(18, 22)))).toMatchObject({ valid: true, byExceedance: true }); // → 161
  });

  it('is the largest window mean, and no window reaches outside the day', () => {
    // Only the window of slots 16–23 (ending 24:00) holds slot 23: 800/8 = 100.
    const hours = day(0);
    hours[23] = 800;
    expect(toNumber(o3DailyMax8h(hours).value!)).toBe(100);
    // Slots 0–7 (ending 08:00) are the first window: 8 × 90 / 8 = 90 beats the later windows that include zeros.
    const morning = day(0);
    for (const h of range(0, 7)) morning[h] = 90;
    expect(toNumber(o3DailyMax8h(morning).value!)).toBe(90);
  });

  it('has no value without a valid window', () => {
    expect(o3DailyMax8h(day(100, range(0, 23)))).toMatchObject({ value: null, validWindows: 0, valid: false });
  });

  it('takes the window mean over the valid hours of the window', () => {
    // Slots 0–7 with 0 and 1 missing: 6 × 150 / 6 = 150; every later window includes zeros.
    const hours = day(0, [0, 1]);
    for (const h of range(2, 7)) hours[h] = 150;
    expect(toNumber(o3DailyMax8h(hours).value!)).toBe(150);
  });
});

describe('O3 daily maximum 1-h', () => {
  it('is the largest valid hour', () => {
    const hours = day(50, [3]);
    hours[12] = 187;
    expect(toNumber(o3DailyMax1h(hours)!)).toBe(187);
    expect(o3DailyMax1h(day(1, range(0, 23)))).toBeNull();
  });
});

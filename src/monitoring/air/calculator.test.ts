import { describe, expect, it } from 'vitest';
import { calcAirAnnual, calcAqi } from './calculator.ts';
import { CalculatorInputError } from '../calculators/input-error.ts';

/** The error a call throws, for its field and messages. */
function errorOf(call: () => unknown): CalculatorInputError {
  try {
    call();
  } catch (error) {
    if (error instanceof CalculatorInputError) return error;
    throw error;
  }
  throw new Error('no error thrown');
}

const CLEAN_DAY = { SO2_24h: 10, NO2_24h: 30, PM10_24h: 60, 'PM2.5_24h': 41, CO_24h: 0.9, O3_8h_max: 80 };

describe('calcAqi input checks', () => {
  it.each([
    ['not an object', [1], ''],
    ['an unknown standard', { standard: 'HJ633-2018', mode: 'daily', values: {} }, 'standard'],
    ['no mode', { standard: 'HJ633-2012', values: {} }, 'mode'],
    ['no values', { standard: 'HJ633-2012', mode: 'daily' }, 'values'],
    ['an impossible date', { date: '2026-02-30', mode: 'daily', values: {} }, 'date'],
    ['an unknown top-level field', { standard: 'HJ633-2012', mode: 'daily', values: {}, extra: 1 }, 'extra'],
    ['O3 1-h max in a 2026 daily report', { standard: 'HJ633-2026', mode: 'daily', values: { O3_1h_max: 100 } }, 'values.O3_1h_max'],
    ['a daily key in an hourly report', { standard: 'HJ633-2012', mode: 'hourly', values: { SO2_24h: 10 } }, 'values.SO2_24h'],
    ['a 2012 hourly key under 2026', { standard: 'HJ633-2026', mode: 'hourly', values: { 'PM2.5_24h_moving': 10 } }, 'values.PM2.5_24h_moving'],
    ['a negative concentration', { standard: 'HJ633-2012', mode: 'daily', values: { PM10_24h: -1 } }, 'values.PM10_24h'],
    ['a concentration as text', { standard: 'HJ633-2012', mode: 'daily', values: { PM10_24h: '40' } }, 'values.PM10_24h'],
    ['an unknown pollutant as not monitored', { standard: 'HJ633-2026', mode: 'daily', values: {}, notMonitored: ['NOx'] }, 'notMonitored[0]'],
  ])('names the field for %s', (_what, input, field) => {
    const error = errorOf(() => calcAqi(input));
    expect(error.field).toBe(field);
    expect(error.messageZh).toMatch(/[\u4e00-\u9fff]/);
    expect(error.messageEn).toMatch(/[a-z]/);
    expect(error.message).toContain(field);
  });
});

describe('calcAirAnnual input checks', () => {
  it.each([
    ['2026 without a standard (it straddles 2026-03-01)', { year: 2026, days: [] }, 'standard'],
    ['a year that is not an integer', { standard: 'HJ633-2012', year: '2025', days: [] }, 'year'],
    ['both days and hours', { standard: 'HJ633-2012', year: 2025, days: [], hours: [] }, 'days'],
    ['neither days nor hours', { standard: 'HJ633-2012', year: 2025 }, 'days'],
    ['a day outside the year', { standard: 'HJ633-2012', year: 2025, days: [{ date: '2024-12-31' }] }, 'days[0].date'],
    ['a day twice', { standard: 'HJ633-2012', year: 2025, days: [{ date: '2025-01-01' }, { date: '2025-01-01' }] }, 'days[1].date'],
    ['25 hours behind a mean', { standard: 'HJ633-2012', year: 2025, days: [{ date: '2025-01-01', SO2_n: 25 }] }, 'days[0].SO2_n'],
    ['18 O3 windows', { standard: 'HJ633-2012', year: 2025, days: [{ date: '2025-01-01', O3_8h_windows: 18 }] }, 'days[0].O3_8h_windows'],
    ['an unknown day field', { standard: 'HJ633-2012', year: 2025, days: [{ date: '2025-01-01', PM25_24h: 3 }] }, 'days[0].PM25_24h'],
    ['a time off the hour', { standard: 'HJ633-2012', year: 2025, hours: [{ time: '2025-01-01T01:30+08:00', SO2: 1 }] }, 'hours[0].time'],
    ['an hour twice', { standard: 'HJ633-2012', year: 2025, hours: [{ time: '2025-01-01T01:00+08:00' }, { time: '2024-12-31T17:00Z' }] }, 'hours[1].time'],
    ['a negative hourly value', { standard: 'HJ633-2012', year: 2025, hours: [{ time: '2025-01-01T01:00+08:00', O3: -3 }] }, 'hours[0].O3'],
    ['an unknown weighting', { standard: 'HJ633-2012', year: 2025, days: [], compositeIndex: { weights: 'double' } }, 'compositeIndex.weights'],
    ['a bad excluded date', { standard: 'HJ633-2012', year: 2025, days: [], excludedDates: ['2025-13-01'] }, 'excludedDates[0]'],
  ])('names the field for %s', (_what, input, field) => {
    const error = errorOf(() => calcAirAnnual(input));
    expect(error.field).toBe(field);
    expect(error.messageZh).toMatch(/[\u4e00-\u9fff]/);
  });

  it('takes the standard in force all year when none is given', () => {
    expect(calcAirAnnual({ year: 2025, days: [] }).standard).toBe('HJ633-2012');
    expect(calcAirAnnual({ year: 2027, days: [] }).standard).toBe('HJ633-2026');
  });

  it('accepts days without *_n or O3_8h_windows as valid', () => {
    const result = calcAirAnnual({ standard: 'HJ633-2012', year: 2025, days: [{ date: '2025-07-01', ...CLEAN_DAY }] });
    expect(result.perPollutant.SO2.validDays).toBe(1);
    expect(result.dailyAqi[181]).toBe(58);
  });
});

describe('calcAirAnnual, hourly form', () => {
  /** The 24 hours of a CST day, stamped with the time each ends. */
  const hoursOf = (date: string, value: (slot: number) => Record<string, number | null>) =>
    Array.from({ length: 24 }, (_, slot) => {
      const end = new Date(Date.parse(`${date}T00:00:00+08:00`) + (slot + 1) * 3_600_000);
      return { time: end.toISOString().replace(/:00\.000Z$/, 'Z'), ...value(slot) };
    });

  it('stamps an hour with its end: the hour stamped 00:00 closes the previous day', () => {
    // June 1 runs from the hour stamped 06-01T01:00 to the one stamped 06-02T00:00 (34): (23 × 10 + 34)/24 = 11.
    const hours = [
      ...Array.from({ length: 23 }, (_, h) => ({ time: `2025-06-01T${String(h + 1).padStart(2, '0')}:00+08:00`, 'PM2.5': 10 })),
      { time: '2025-06-02T00:00+08:00', 'PM2.5': 34 },
      { time: '2025-01-01T00:00+08:00', 'PM2.5': 500 }, // 2024-12-31 23:00–24:00: not in 2025
    ];
    const result = calcAirAnnual({ standard: 'HJ633-2012', year: 2025, hours });
    expect(result.perPollutant['PM2.5']).toMatchObject({ validDays: 1, annualMean: 11 });
    expect(result.hoursOutsideYear).toBe(1);
  });

  it('reads other offsets as the same instant (17:00Z = 01:00 CST next day)', () => {
    const hours = hoursOf('2025-06-01', () => ({ SO2: 8 }));
    expect(hours[0]!.time).toBe('2025-05-31T17:00Z');
    expect(calcAirAnnual({ standard: 'HJ633-2012', year: 2025, hours }).perPollutant.SO2).toMatchObject({ validDays: 1, annualMean: 8 });
  });

  it('builds daily means valid with 20 hours, not 19', () => {
    const withHours = (n: number) => hoursOf('2025-06-01', (slot) => ({ NO2: slot < n ? 30 : null }));
    expect(calcAirAnnual({ standard: 'HJ633-2012', year: 2025, hours: withHours(20) }).perPollutant.NO2.validDays).toBe(1);
    expect(calcAirAnnual({ standard: 'HJ633-2012', year: 2025, hours: withHours(19) }).perPollutant.NO2.validDays).toBe(0);
  });

  it('builds the O3 daily max 8-h from the windows ending 08:00–24:00 and the 1-h max for 2012', () => {
    // O3 200 in the eight hours ending 10:00–17:00 (slots 9–16), 40 otherwise: the best window is exactly those, 200.
    const hours = hoursOf('2025-06-01', (slot) => ({ SO2: 5, NO2: 10, PM10: 20, 'PM2.5': 10, CO: 0.4, O3: slot >= 9 && slot <= 16 ? 200 : 40 }));
    const result = calcAirAnnual({ standard: 'HJ633-2012', year: 2025, hours });
    expect(result.perPollutant.O3).toMatchObject({ validDays: 1, p90: 200 });
    // 2012 daily: O3 8-h 200 → 100 + ceil(50 × 40/55) = 137; O3 1-h 200 → 100. AQI 137.
    expect(result.dailyAqi[151]).toBe(137);
  });

  it('makes a year of days from a year of hours', () => {
    const hours = ['2025-01-01', '2025-12-31'].flatMap((d) => hoursOf(d, () => ({ SO2: 10, NO2: 30, PM10: 60, 'PM2.5': 41, CO: 0.9, O3: 80 })));
    expect(hours.at(-1)!.time).toBe('2025-12-31T16:00Z');
    const result = calcAirAnnual({ standard: 'HJ633-2012', year: 2025, hours });
    expect(result.days.validAqiDays).toBe(2);
    expect([result.dailyAqi[0], result.dailyAqi[364]]).toEqual([58, 58]);
  });
});

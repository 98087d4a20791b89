import { describe, expect, it } from 'vitest';
import { fractionOf } from '../air/exact-decimal.ts';
import Big from 'big.js';
import { SPECIES } from '../air/aqi.ts';
import { areaDaySlots, dayRecordsOf, dayRecordsOfTotals, daySlotsOfPacked, meanOfStationDays, stationDaySlots } from './days.ts';
import { defaultStandard, parsePeriod, periodDates } from './periods.ts';
import { dayTotalsOfPacked, type DayTotalsByDay, type StationHours } from './store.ts';

/** The hour index of an hour starting at `hour` o'clock (CST) on a date. */
const hourIndex = (date: string, hour: number) => Date.parse(`${date}T00:00:00Z`) / 3_600_000 + hour;

function station(date: string, pm25: (hour: number) => string | null): StationHours {
  const hours = Array.from({ length: 24 }, (_, h) => h).flatMap((h) => {
    const value = pm25(h);
    return value === null ? [] : [{ hour: hourIndex(date, h), species: 'PM2.5' as const, value, demo: false }];
  });
  return { stationId: 1, hours };
}

describe('station and area days', () => {
  it('makes the same days from daily totals and O3 hours as from every hour', () => {
    // A deterministic jumble of five days: hours missing at random (some days short of 20), integers,
    // CO to one decimal, O3 sometimes too sparse for its windows, and a demo value now and then.
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    const hours: StationHours['hours'] = [];
    for (let d = 0; d < 5; d += 1) {
      const date = `2025-03-${String(10 + d).padStart(2, '0')}`;
      const keep = [0.95, 0.8, 0.6, 1, 0.3][d]!;
      for (let h = 0; h < 24; h += 1) {
        for (const species of SPECIES) {
          if (next() > keep) continue;
          const value = species === 'CO' ? (0.3 + Math.floor(next() * 30) / 10).toFixed(1) : String(Math.floor(next() * 250));
          hours.push({ hour: hourIndex(date, h), species, value, demo: next() < 0.02 });
        }
      }
    }
    const totals: DayTotalsByDay = new Map();
    const o3 = hours.filter((h) => h.species === 'O3');
    for (const h of hours.filter((x) => x.species !== 'O3')) {
      const number = Math.floor(h.hour / 24);
      let day = totals.get(number);
      if (!day) totals.set(number, (day = { totals: {}, demo: false }));
      const total = day.totals[h.species] ?? { sum: '0', hours: 0 };
      day.totals[h.species] = { sum: new Big(total.sum).plus(h.value).toFixed(), hours: total.hours + 1 };
      day.demo ||= h.demo;
    }
    const packed = o3.map((h) => `${h.hour * 16 + SPECIES.indexOf('O3') * 2 + (h.demo ? 1 : 0)}:${h.value}`).join(',');
    const expected = dayRecordsOf(stationDaySlots({ stationId: 1, hours }));
    expect(expected.map((d) => d['PM2.5'] === null)).toContain(true);
    expect(dayRecordsOfTotals(totals, packed)).toEqual(expected);
    // The totals as the store packs them read back whole.
    const codes: Record<string, string> = { SO2: 'so2', NO2: 'no2', PM10: 'pm10', 'PM2.5': 'pm2_5', CO: 'co' };
    const text = [...totals].flatMap(([day, t]) => Object.entries(t.totals).map(([species, total]) => `${codes[species]}:${day}:${total.sum}:${total.hours}:${t.demo ? 1 : 0}`)).join(',');
    expect(dayTotalsOfPacked(text)).toEqual(totals);
  });


  it('reads the packed form of the store into the same days and slots, demo marks and repeated values included', () => {
    const hours = [
      { hour: hourIndex('2025-01-10', 0), species: 'PM2.5' as const, value: '35', demo: false },
      { hour: hourIndex('2025-01-10', 0), species: 'CO' as const, value: '2.2', demo: true },
      { hour: hourIndex('2025-01-10', 23), species: 'O3' as const, value: '35', demo: false },
      { hour: hourIndex('2025-01-11', 5), species: 'SO2' as const, value: '0.5', demo: false },
    ];
    const species = ['SO2', 'NO2', 'PM10', 'PM2.5', 'CO', 'O3'];
    const packed = hours.map((h) => `${h.hour * 16 + species.indexOf(h.species) * 2 + (h.demo ? 1 : 0)}:${h.value}`).join(',');
    const fromPacked = daySlotsOfPacked(packed);
    expect(fromPacked).toEqual(stationDaySlots({ stationId: 1, hours }));
    expect([...fromPacked.values()].map((d) => d.demo)).toEqual([true, false]);
    expect(daySlotsOfPacked('').size).toBe(0);
  });


  it('places each hour in its natural day and slot, and needs 20 hours for a daily mean', () => {
    const [day] = dayRecordsOf(stationDaySlots(station('2025-01-10', (h) => (h < 20 ? '35' : null))));
    expect(day).toMatchObject({ date: '2025-01-10', stations: 1, demo: false });
    expect(day!['PM2.5']).toEqual(fractionOf(35));
    expect(day!.hours['PM2.5']).toBe(20);
    const [short] = dayRecordsOf(stationDaySlots(station('2025-01-10', (h) => (h < 19 ? '35' : null))));
    expect(short!['PM2.5']).toBeNull();
  });

  it('averages the stations hour by hour exactly, over the stations that have the hour', () => {
    // Hour 0: 10, 11, 11 → 32/3 exactly (no binary rounding); the other hours: only the first station, 10.
    const area = dayRecordsOf(
      areaDaySlots([
        stationDaySlots(station('2025-01-10', () => '10')),
        stationDaySlots(station('2025-01-10', (h) => (h === 0 ? '11' : null))),
        stationDaySlots(station('2025-01-10', (h) => (h === 0 ? '11' : null))),
      ]),
    );
    expect(area[0]!.stations).toBe(3);
    // Day mean: (32/3 + 23 × 10)/24 = (32 + 690)/72 = 722/72 = 361/36.
    expect(area[0]!['PM2.5']).toEqual({ num: 361n, den: 36n });
  });

  it('averages the stations’ valid daily values when asked to average days', () => {
    const a = dayRecordsOf(stationDaySlots(station('2025-01-10', () => '70')));
    const b = dayRecordsOf(stationDaySlots(station('2025-01-10', (h) => (h >= 12 ? '80' : null))));
    const [day] = meanOfStationDays([a, b]);
    // B has 12 hours: no daily mean, so the area's is A's.
    expect(day!['PM2.5']).toEqual(fractionOf(70));
    expect(day!.stations).toBe(2);
  });
});

describe('periods', () => {
  it.each([
    ['2025', { kind: 'year', year: 2025 }, '2025-01-01', '2025-12-31', 'HJ633-2012', false],
    ['2024-02', { kind: 'month', year: 2024, month: 2 }, '2024-02-01', '2024-02-29', 'HJ633-2012', false],
    ['2026-02', { kind: 'month', year: 2026, month: 2 }, '2026-02-01', '2026-02-28', 'HJ633-2012', false],
    ['2026-03', { kind: 'month', year: 2026, month: 3 }, '2026-03-01', '2026-03-31', 'HJ633-2026', false],
    ['2026', { kind: 'year', year: 2026 }, '2026-01-01', '2026-12-31', 'HJ633-2026', true],
  ] as const)('%s runs %s to %s under %s by default (straddles: %s)', (text, period, from, to, standard, straddles) => {
    const parsed = parsePeriod(text)!;
    expect(parsed).toEqual(period);
    expect(periodDates(parsed)).toEqual({ from, to });
    expect(defaultStandard(parsed)).toEqual({ standard, straddlesChange: straddles });
  });

  it.each(['2025-13', '2025-00', '25', '1999', '2025-1'])('refuses %s', (text) => {
    expect(parsePeriod(text)).toBeNull();
  });
});

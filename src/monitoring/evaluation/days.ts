/**
 * Station-days and area-days from hourly slots, and the daily AQI of each (HJ 663 §6.1 via
 * daily-statistics.ts, HJ 633 via aqi.ts). Pure.
 */
import { computeAqi, SPECIES, type AqiResult, type Species } from '../air/aqi.ts';
import type { EvaluationDay } from '../air/annual-evaluation.ts';
import { dailyMean, MIN_HOURS_DAILY_MEAN, o3DailyMax1h, o3DailyMax8h } from '../air/daily-statistics.ts';
import { divide, fractionOfDecimal, integer, mean, type Fraction } from '../air/exact-decimal.ts';
import type { AqiStandard } from '../air/standard-versions.ts';
import type { DayTotalsByDay, StationHours } from './store.ts';

/** A day's valid statistics, with what they rest on. */
export interface DayRecord extends EvaluationDay {
  /** Valid hours behind each 24-h mean (for O3: behind its daily maximum 1-h value). */
  hours: Record<Species, number>;
  /** Valid 8-h windows behind O3's daily maximum 8-h mean. */
  o3Windows: number;
  /** Stations behind an area value (1 for a station). */
  stations: number;
  demo: boolean;
}

type DaySlots = Partial<Record<Species, (Fraction | null)[]>>;

/** The day's statistics from its 24 slots per pollutant. */
export function dayRecord(date: string, slots: DaySlots, demo: boolean, stations = 1): DayRecord {
  const day: DayRecord = { date, hours: {} as Record<Species, number>, o3Windows: 0, stations, demo };
  for (const species of SPECIES) {
    const hours = slots[species] ?? new Array<Fraction | null>(24).fill(null);
    if (species === 'O3') {
      setO3(day, hours);
      continue;
    }
    const daily = dailyMean(hours);
    day[species] = daily.valid ? daily.value : null;
    day.hours[species] = daily.hours;
  }
  return day;
}

/** O3's statistics of a day from its 24 slots: the daily maximum 8-h mean with its windows, and the maximum 1-h value. */
function setO3(day: DayRecord, hours: readonly (Fraction | null)[]): void {
  const max8h = o3DailyMax8h(hours);
  day.O3 = max8h.valid ? max8h.value : null;
  day.o3Windows = max8h.validWindows;
  day.O3_1h_max = o3DailyMax1h(hours);
  day.hours.O3 = hours.filter((h) => h !== null).length;
}

/** A group's days by day number (days since 1970-01-01, CST): each pollutant's 24 slots, and whether any value is demo. */
export type DaySlotsByDay = Map<number, { slots: DaySlots; demo: boolean; stations: number }>;

const emptyDay = () => new Array<Fraction | null>(24).fill(null);

/**
 * A station's values, placed in their days and slots. Concentrations repeat a great deal (a year's
 * PM2.5 takes a few hundred distinct values), so each distinct text is read once.
 */
export function stationDaySlots(station: StationHours): DaySlotsByDay {
  const days: DaySlotsByDay = new Map();
  const read = new Map<string, Fraction>();
  for (const { hour, species, value, demo } of station.hours) {
    const number = Math.floor(hour / 24);
    let day = days.get(number);
    if (!day) days.set(number, (day = { slots: {}, demo: false, stations: 1 }));
    let exact = read.get(value);
    if (!exact) read.set(value, (exact = fractionOfDecimal(value)));
    (day.slots[species] ??= emptyDay())[hour - number * 24] = exact;
    day.demo ||= demo;
  }
  return days;
}

/**
 * A station's values as store.ts packs them (`key:value,…`, key = hour index × 16 + pollutant × 2 +
 * demo), placed in their days and slots without an object per value.
 */
export function daySlotsOfPacked(data: string): DaySlotsByDay {
  const days: DaySlotsByDay = new Map();
  const read = new Map<string, Fraction>();
  let start = 0;
  while (start < data.length) {
    let end = data.indexOf(',', start);
    if (end < 0) end = data.length;
    const colon = data.indexOf(':', start);
    const key = Number(data.slice(start, colon));
    const value = data.slice(colon + 1, end);
    start = end + 1;
    const hour = Math.floor(key / 16);
    const species = SPECIES[(key % 16) >> 1]!;
    const number = Math.floor(hour / 24);
    let day = days.get(number);
    if (!day) days.set(number, (day = { slots: {}, demo: false, stations: 1 }));
    let exact = read.get(value);
    if (!exact) read.set(value, (exact = fractionOfDecimal(value)));
    (day.slots[species] ??= emptyDay())[hour - number * 24] = exact;
    if (key & 1) day.demo = true;
  }
  return days;
}

/**
 * An area's hourly series: for each hour and pollutant, the arithmetic mean of the stations that have
 * a valid value then (HJ 663: city concentrations are the mean of its stations).
 */
export function areaDaySlots(stations: readonly DaySlotsByDay[]): DaySlotsByDay {
  // The stations' values of each slot are gathered and averaged once: mean() reduces a single time,
  // where adding fraction by fraction would reduce at every station.
  const gathered = new Map<number, { values: Partial<Record<Species, (Fraction[] | null)[]>>; demo: boolean; stations: number }>();
  for (const days of stations) {
    for (const [number, day] of days) {
      let area = gathered.get(number);
      if (!area) gathered.set(number, (area = { values: {}, demo: false, stations: 0 }));
      area.demo ||= day.demo;
      area.stations += 1;
      for (const species of SPECIES) {
        const hours = day.slots[species];
        if (!hours) continue;
        const acc = (area.values[species] ??= new Array<Fraction[] | null>(24).fill(null));
        for (let slot = 0; slot < 24; slot += 1) {
          const value = hours[slot];
          if (value === null || value === undefined) continue;
          const list = acc[slot];
          if (list) list.push(value);
          else acc[slot] = [value];
        }
      }
    }
  }
  const result: DaySlotsByDay = new Map();
  for (const [number, area] of gathered) {
    const slots: DaySlots = {};
    for (const species of SPECIES) {
      const acc = area.values[species];
      if (acc) slots[species] = acc.map((list) => (list === null ? null : list.length === 1 ? list[0]! : mean(list)));
    }
    result.set(number, { slots, demo: area.demo, stations: area.stations });
  }
  return result;
}

const dateOfDay = (number: number) => new Date(number * 86_400_000).toISOString().slice(0, 10);

/**
 * A station's days from its daily totals and its O3 hours (store.ts stationDayTotals): the same
 * records dayRecordsOf makes from every hour, at a fraction of the reading — each 24-h mean is the exact
 * sum over the count (when there are enough hours), O3 is worked out from its hours as before.
 */
export function dayRecordsOfTotals(totals: DayTotalsByDay, o3Packed: string | undefined): DayRecord[] {
  const o3Days = o3Packed ? daySlotsOfPacked(o3Packed) : new Map<number, { slots: DaySlots; demo: boolean; stations: number }>();
  const numbers = [...new Set([...totals.keys(), ...o3Days.keys()])].sort((a, b) => a - b);
  return numbers.map((number) => {
    const day = totals.get(number);
    const o3 = o3Days.get(number);
    const record: DayRecord = { date: dateOfDay(number), hours: {} as Record<Species, number>, o3Windows: 0, stations: 1, demo: (day?.demo ?? false) || (o3?.demo ?? false) };
    setO3(record, o3?.slots.O3 ?? emptyDay());
    for (const species of SPECIES) {
      if (species === 'O3') continue;
      const total = day?.totals[species];
      const hours = total?.hours ?? 0;
      record[species] = total && hours >= MIN_HOURS_DAILY_MEAN ? divide(fractionOfDecimal(total.sum), integer(hours)) : null;
      record.hours[species] = hours;
    }
    return record;
  });
}

/** The days' statistics, oldest first. */
export function dayRecordsOf(days: DaySlotsByDay): DayRecord[] {
  return [...days.keys()].sort((a, b) => a - b).map((number) => {
    const day = days.get(number)!;
    return dayRecord(dateOfDay(number), day.slots, day.demo, day.stations);
  });
}

/**
 * An area's days as the mean of its stations' valid daily statistics (the alternative to averaging
 * hour by hour first; see service.ts). A statistic is the mean of the stations that have it that day.
 */
export function meanOfStationDays(stationDays: readonly (readonly DayRecord[])[]): DayRecord[] {
  const byDate = new Map<string, DayRecord[]>();
  for (const days of stationDays) for (const day of days) {
      const list = byDate.get(day.date);
      if (list) list.push(day);
      else byDate.set(day.date, [day]);
    }
  const keys = [...SPECIES, 'O3_1h_max'] as const;
  return [...byDate.keys()].sort().map((date) => {
    const days = byDate.get(date)!;
    const area: DayRecord = { date, hours: {} as Record<Species, number>, o3Windows: 0, stations: days.length, demo: days.some((d) => d.demo) };
    for (const key of keys) {
      const values = days.map((d) => d[key]).filter((v): v is Fraction => v !== null && v !== undefined);
      area[key] = values.length === 0 ? null : mean(values);
    }
    for (const species of SPECIES) area.hours[species] = Math.min(...days.map((d) => d.hours[species]));
    area.o3Windows = Math.min(...days.map((d) => d.o3Windows));
    return area;
  });
}

export interface DailyAqi {
  result: AqiResult;
  /** Counts among the 有效监测天数: all six statistics valid, or AQI > 100 on those that are (HJ 633-2026 §5.3.1). */
  counted: boolean;
}

/** The day's AQI (日报) under a standard: the indicators annual-evaluation.ts counts days by. */
export function dailyAqiOf(standard: AqiStandard, day: EvaluationDay): DailyAqi {
  const result = computeAqi(standard, 'daily', {
    SO2_24h: day.SO2,
    NO2_24h: day.NO2,
    PM10_24h: day.PM10,
    'PM2.5_24h': day['PM2.5'],
    CO_24h: day.CO,
    O3_8h_max: day.O3,
    ...(standard === 'HJ633-2012' ? { O3_1h_max: day.O3_1h_max } : {}),
  });
  const allSix = SPECIES.every((s) => day[s] !== null && day[s] !== undefined);
  return { result, counted: result.aqi !== null && (allSix || result.aqi > 100) };
}

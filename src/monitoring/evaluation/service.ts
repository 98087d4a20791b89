/**
 * The air evaluation over stored data: real-time AQI per station, a station's daily series, and the
 * monthly and annual evaluation of stations, districts and the city with the districts ranked. SQL
 * gathers the valid hours (store.ts); the standards' rules are the pure functions of
 * src/monitoring/air/ (through days.ts and periods.ts). Every result names the standard it used.
 *
 * City and district concentrations (HJ 663; specs §3.6) are the arithmetic mean of their stations,
 * an option either way:
 * - `hourly` (default, national practice): the stations' mean for each hour, from which the area's
 *   daily statistics are made as a station's are (the O3 8-h values come from the area's hourly series);
 * - `daily`: the mean of the stations' valid daily statistics.
 * The city's stations are its national (国控) evaluation stations, as HJ 663 says (`cityStations:
 * 'national'`), or all its evaluation stations (`'all'`); 微站 never count.
 */
import type { Db } from '../../db/connect.ts';
import { computeAqi, type AqiResult, type Species } from '../air/aqi.ts';
import { rankByCompositeIndex } from '../air/composite-index.ts';
import { eightHourMean, dailyMean, type HourlyValue } from '../air/daily-statistics.ts';
import { fractionOfDecimal, mean, roundedNumber, type Fraction } from '../air/exact-decimal.ts';
import { standardInForce, type AqiStandard } from '../air/standard-versions.ts';
import { cstIso } from '../data/time.ts';
import { areaDaySlots, dailyAqiOf, dayRecordsOf, dayRecordsOfTotals, meanOfStationDays, type DayRecord, type DaySlotsByDay } from './days.ts';
import { defaultStandard, evaluatePeriod, periodDates, type Period, type PeriodEvaluation } from './periods.ts';
import { evaluationStations, recentValues, stationDaySlotsById, stationDayTotals, stationHours, type EvaluatedStation, type HourIndex, type StationHours } from './store.ts';

export type SpatialMean = 'hourly' | 'daily';
export type CityStations = 'national' | 'all';

export interface AreaOptions {
  spatialMean: SpatialMean;
  cityStations: CityStations;
}

const HOUR_MS = 3_600_000;

/** A concentration as published: µg/m³ integers, CO mg/m³ to one decimal (GB/T 8170). */
const published = (species: Species, value: Fraction | null | undefined): number | null =>
  value === null || value === undefined ? null : roundedNumber(value, species === 'CO' ? 1 : 0);

export interface RealtimeStation {
  station: EvaluatedStation;
  /** The hour's end, ISO 8601 +08:00. */
  at: string;
  aqi: AqiResult;
  demo: boolean;
}

/** A district's or the city's real-time AQI, from the arithmetic mean of its stations' concentrations. */
export interface RealtimeArea {
  area: { kind: 'district' | 'city'; id: number; name: string };
  /** The hour's end, ISO 8601 +08:00: the latest hour every reporting station of the area has reached. */
  at: string;
  /** The stations whose values at that hour (or in the 24 before it) make the mean. */
  stations: number[];
  /** Stations of the area left out: without data, or silent for more than a day before the area's newest hour. */
  silent: number[];
  aqi: AqiResult;
  demo: boolean;
}

export interface RealtimeAir {
  stations: RealtimeStation[];
  /** In the order the evaluation stations are listed (by district). */
  districts: RealtimeArea[];
  city: RealtimeArea | null;
}

/** The standard in force in the hour ending at `latest`: the hour ending at 00:00 belongs to the day before. */
const standardOfHour = (latest: number): AqiStandard => standardInForce(cstIso(latest - HOUR_MS).slice(0, 10));

/**
 * 实时报: each station's AQI at its latest hour with data, and each district's and the city's from the
 * mean of their stations (微站 excluded; the city's stations as the evaluation takes them), under the
 * standard in force then unless one is asked for.
 *
 * An area's hour is the latest one common to its reporting stations: the earliest of their latest hours,
 * so that a station whose last hour is a little late still counts; a station silent for more than a day
 * before the area's newest hour would hold the area back and is left out (listed as `silent`).
 */
export async function realtimeAqi(
  db: Db,
  standard: AqiStandard | undefined,
  options: { cityStations: CityStations },
  city: { id: number; name: string },
): Promise<RealtimeAir> {
  const stations = await evaluationStations(db);
  const recent = await recentValues(db, stations.map((s) => s.id));
  const byStation = new Map<number, typeof recent>();
  for (const value of recent) {
    const list = byStation.get(value.stationId);
    if (list) list.push(value);
    else byStation.set(value.stationId, [value]);
  }
  const latestOf = new Map([...byStation].map(([id, values]) => [id, values[0]!.latest]));
  const realtimeStations = stations.flatMap((station) => {
    const values = byStation.get(station.id);
    if (!values) return [];
    const latest = latestOf.get(station.id)!;
    const used = standard ?? standardOfHour(latest);
    const hours = new Map<Species, HourlyValue[]>();
    for (const v of values) {
      const slots = hours.get(v.species) ?? new Array<HourlyValue>(24).fill(null);
      slots[23 - Math.round((latest - v.at) / HOUR_MS)] = fractionOfDecimal(v.value);
      hours.set(v.species, slots);
    }
    return [{ station, at: cstIso(latest), aqi: computeAqi(used, 'hourly', hourlyIndicators(used, hours)), demo: values.some((v) => v.demo) }];
  });

  const areas: { area: RealtimeArea['area']; members: EvaluatedStation[] }[] = [];
  for (const s of stations) {
    const district = areas.find((a) => a.area.id === s.districtId);
    if (district) district.members.push(s);
    else areas.push({ area: { kind: 'district', id: s.districtId, name: s.districtName }, members: [s] });
  }
  const cityMembers = stations.filter((s) => options.cityStations === 'all' || s.level === 'national');
  if (cityMembers.length > 0) areas.push({ area: { kind: 'city', ...city }, members: cityMembers });

  const hourOfArea = areas.map(({ members }) => commonHour(members.map((s) => ({ id: s.id, latest: latestOf.get(s.id) }))));
  // One query per distinct hour (usually one): the stations' values of the 24 hours up to it.
  const hoursAt = new Map<number, Map<number, StationHours['hours']>>();
  for (const hour of new Set(hourOfArea.flatMap((h) => (h ? [h.latest] : [])))) {
    const ids = [...new Set(areas.flatMap((a, i) => (hourOfArea[i]?.latest === hour ? hourOfArea[i]!.stations : [])))];
    const last = hourIndexOf(hour);
    const dateOf = (index: number) => new Date(Math.floor(index / 24) * 86_400_000).toISOString().slice(0, 10);
    const found = await stationHours(db, ids, dateOf(last - 23), dateOf(last));
    hoursAt.set(hour, new Map(found.map((h) => [h.stationId, h.hours])));
  }

  const realtimeAreas = areas.flatMap(({ area }, i): RealtimeArea[] => {
    const common = hourOfArea[i];
    if (!common) return [];
    const values = hoursAt.get(common.latest)!;
    const { hours, demo } = areaHours(common.stations.map((id) => values.get(id) ?? []), hourIndexOf(common.latest));
    const used = standard ?? standardOfHour(common.latest);
    return [{ area, at: cstIso(common.latest), stations: common.stations, silent: common.silent, aqi: computeAqi(used, 'hourly', hourlyIndicators(used, hours)), demo }];
  });

  return {
    stations: realtimeStations,
    districts: realtimeAreas.filter((a) => a.area.kind === 'district'),
    city: realtimeAreas.find((a) => a.area.kind === 'city') ?? null,
  };
}

const CST_MS = 8 * HOUR_MS;
/** The index (store.ts) of the hour ending at `end`, ms. */
const hourIndexOf = (end: number): HourIndex => (end + CST_MS) / HOUR_MS - 1;

/**
 * An area's 24 hourly slots per pollutant up to the hour `last` (slot 23): each the arithmetic mean of
 * the stations with a valid value then (HJ 663), as the station's own slots feed its real-time AQI.
 */
function areaHours(stations: readonly StationHours['hours'][], last: HourIndex): { hours: Map<Species, HourlyValue[]>; demo: boolean } {
  const values = new Map<Species, Fraction[][]>();
  let demo = false;
  for (const v of stations.flat()) {
    if (v.hour <= last - 24 || v.hour > last) continue;
    const slots = values.get(v.species) ?? Array.from({ length: 24 }, (): Fraction[] => []);
    slots[23 - (last - v.hour)]!.push(fractionOfDecimal(v.value));
    values.set(v.species, slots);
    demo ||= v.demo;
  }
  return { hours: new Map([...values].map(([species, slots]) => [species, slots.map((s): HourlyValue => (s.length === 0 ? null : mean(s)))])), demo };
}

/** A station this long behind the area's newest hour no longer holds the area's hour back. */
const SILENT_AFTER_MS = 24 * HOUR_MS;

/** The latest hour common to an area's reporting stations (see realtimeAqi); null when none has data. */
export function commonHour(members: readonly { id: number; latest: number | undefined }[]): { latest: number; stations: number[]; silent: number[] } | null {
  const reporting = members.filter((m): m is { id: number; latest: number } => m.latest !== undefined);
  if (reporting.length === 0) return null;
  const newest = Math.max(...reporting.map((m) => m.latest));
  const current = reporting.filter((m) => newest - m.latest < SILENT_AFTER_MS);
  return {
    latest: Math.min(...current.map((m) => m.latest)),
    stations: current.map((m) => m.id),
    silent: members.filter((m) => !current.some((c) => c.id === m.id)).map((m) => m.id),
  };
}

/**
 * The real-time indicators from the 24 hours up to the latest (slot 23): HJ 633-2026 takes the six
 * 1-h values; HJ 633-2012 also the O3 8-h moving mean (valid with 6 of 8 hours) and the 24-h moving
 * means of PM10, PM2.5 and SO2 (valid with 20 of 24 hours, as a daily mean).
 */
function hourlyIndicators(standard: AqiStandard, hours: ReadonlyMap<Species, HourlyValue[]>): Record<string, HourlyValue> {
  const last = (s: Species) => hours.get(s)?.[23] ?? null;
  const oneHour = { SO2_1h: last('SO2'), NO2_1h: last('NO2'), 'PM10_1h': last('PM10'), 'PM2.5_1h': last('PM2.5'), CO_1h: last('CO'), O3_1h: last('O3') };
  if (standard === 'HJ633-2026') return oneHour;
  const moving = (s: Species) => {
    const mean = dailyMean(hours.get(s) ?? []);
    return mean.valid ? mean.value : null;
  };
  const o3 = eightHourMean((hours.get('O3') ?? new Array<HourlyValue>(24).fill(null)).slice(16, 24));
  return {
    ...oneHour,
    O3_8h: o3.valid ? o3.value : null,
    PM10_24h_moving: moving('PM10'),
    'PM2.5_24h_moving': moving('PM2.5'),
    SO2_24h_moving: moving('SO2'),
  };
}

export interface DailyItem {
  date: string;
  standard: AqiStandard;
  aqi: AqiResult;
  counted: boolean;
  concentrations: Record<Species | 'O3_1h_max', number | null>;
  hours: Record<Species, number>;
  o3Windows: number;
  demo: boolean;
}

/** A station's days in [from, to]: each day's statistics and AQI, under the standard in force that day unless one is asked for. */
export async function stationDailySeries(db: Db, stationId: number, from: string, to: string, standard?: AqiStandard): Promise<DailyItem[]> {
  const days = (await stationDaysFromTotals(db, [stationId], from, to)).get(stationId) ?? [];
  return days.map((day) => {
    const used = standard ?? standardInForce(day.date);
    const { result, counted } = dailyAqiOf(used, day);
    return {
      date: day.date,
      standard: used,
      aqi: result,
      counted,
      concentrations: {
        SO2: published('SO2', day.SO2),
        NO2: published('NO2', day.NO2),
        PM10: published('PM10', day.PM10),
        'PM2.5': published('PM2.5', day['PM2.5']),
        CO: published('CO', day.CO),
        O3: published('O3', day.O3),
        O3_1h_max: published('O3', day.O3_1h_max),
      },
      hours: day.hours,
      o3Windows: day.o3Windows,
      demo: day.demo,
    };
  });
}

export interface AreaEvaluation {
  area: { kind: 'station' | 'district' | 'city'; id: number; code: string | null; name: string; stations: number[] };
  evaluation: PeriodEvaluation;
}

export interface AirEvaluation {
  standard: AqiStandard;
  straddlesChange: boolean;
  options: AreaOptions;
  city: AreaEvaluation | null;
  /** Ranked by 综合指数, smallest (best) first; districts without an index follow, unranked. */
  districts: (AreaEvaluation & { rank: number | null })[];
  stations: AreaEvaluation[];
}

/** Each station's days in [from, to] from its daily totals and O3 hours; stations without data are absent. */
async function stationDaysFromTotals(db: Db, ids: readonly number[], from: string, to: string): Promise<Map<number, DayRecord[]>> {
  const { totals, o3 } = await stationDayTotals(db, ids, from, to);
  const days = new Map<number, DayRecord[]>();
  for (const id of new Set([...totals.keys(), ...o3.keys()])) days.set(id, dayRecordsOfTotals(totals.get(id) ?? new Map(), o3.get(id)));
  return days;
}

/** 月评价 / 年评价 of every evaluation station, district and the city, with the districts ranked. */
export async function evaluateAir(db: Db, period: Period, standard: AqiStandard | undefined, options: AreaOptions, city: { id: number; name: string }): Promise<AirEvaluation> {
  const chosen = standard ? { standard, straddlesChange: false } : defaultStandard(period);
  const { from, to } = periodDates(period);
  const stations = await evaluationStations(db);
  const ids = stations.map((s) => s.id);
  // The hourly spatial mean needs every station's hours; the daily one only the stations' days, which
  // their daily totals give at a fraction of the reading.
  const slots = options.spatialMean === 'hourly' ? await stationDaySlotsById(db, ids, from, to) : new Map<number, DaySlotsByDay>();
  const stationDays =
    options.spatialMean === 'hourly'
      ? new Map([...slots].map(([id, days]) => [id, dayRecordsOf(days)]))
      : await stationDaysFromTotals(db, ids, from, to);
  const evaluate = (days: readonly DayRecord[]) => evaluatePeriod(chosen.standard, period, days);

  const districtStations = new Map<number, EvaluatedStation[]>();
  for (const s of stations) {
    const members = districtStations.get(s.districtId);
    if (members) members.push(s);
    else districtStations.set(s.districtId, [s]);
  }
  const cityMembers = stations.filter((s) => options.cityStations === 'all' || s.level === 'national');
  const noDays: DaySlotsByDay = new Map();
  const areaDays = (members: readonly EvaluatedStation[]): DayRecord[] =>
    options.spatialMean === 'hourly'
      ? dayRecordsOf(areaDaySlots(members.map((s) => slots.get(s.id) ?? noDays)))
      : meanOfStationDays(members.map((s) => stationDays.get(s.id) ?? []));
  const districtDays = new Map([...districtStations].map(([districtId, members]) => [districtId, areaDays(members)]));
  const cityDays = areaDays(cityMembers);

  const districts = [...districtStations].map(([districtId, members]) => ({
    area: { kind: 'district' as const, id: districtId, code: null, name: members[0]!.districtName, stations: members.map((s) => s.id) },
    evaluation: evaluate(districtDays.get(districtId) ?? []),
  }));
  const indexed = districts.flatMap((d) => (d.evaluation.compositeIndex === null ? [] : [{ ...d, compositeIndex: d.evaluation.compositeIndex }]));
  const ranked = rankByCompositeIndex(indexed).map(({ compositeIndex: _index, ...d }) => d);
  const unranked = districts.filter((d) => d.evaluation.compositeIndex === null).map((d) => ({ ...d, rank: null }));

  return {
    ...chosen,
    options,
    city:
      cityMembers.length === 0
        ? null
        : { area: { kind: 'city', id: city.id, code: null, name: city.name, stations: cityMembers.map((s) => s.id) }, evaluation: evaluate(cityDays) },
    districts: [...ranked, ...unranked],
    stations: stations.map((s) => ({
      area: { kind: 'station' as const, id: s.id, code: s.code, name: s.name, stations: [s.id] },
      evaluation: evaluate(stationDays.get(s.id) ?? []),
    })),
  };
}

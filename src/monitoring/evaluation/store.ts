/**
 * The air evaluation's data layer: SQL selects the valid hourly values of a period and packs them per
 * station (stationHours), or finds each station's latest hours (recentValues); days, slots, area means
 * and every rule of the standards are applied afterwards, by days.ts and the pure functions of
 * src/monitoring/air/.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { SPECIES, type Species } from '../air/aqi.ts';
import { cstMidnight } from '../data/time.ts';
import { daySlotsOfPacked, type DaySlotsByDay } from './days.ts';

/** Parameter codes of the store (0005_monitoring) and the species they are. */
export const PARAMETER_OF: Record<Species, string> = { SO2: 'so2', NO2: 'no2', PM10: 'pm10', 'PM2.5': 'pm2_5', CO: 'co', O3: 'o3' };
const SPECIES_OF = new Map(SPECIES.map((s) => [PARAMETER_OF[s], s]));
const PARAMETERS = SPECIES.map((s) => PARAMETER_OF[s]);

/** An air station as the evaluation groups it. */
export interface EvaluatedStation {
  id: number;
  code: string;
  name: string;
  level: string;
  districtId: number;
  districtName: string;
  lon: number;
  lat: number;
}

/** Evaluation stations: active air stations other than 微站 (micro stations indicate, they do not assess). */
export async function evaluationStations(db: Db, only?: { ids?: readonly number[] }): Promise<EvaluatedStation[]> {
  let query = db
    .selectFrom('monitoring_site as s')
    .innerJoin('organisation as o', 'o.id', 's.district_id')
    .select(['s.id', 's.code', 's.name', 's.level', 's.district_id as districtId', 'o.name as districtName'])
    .select([sql<number>`ST_X(s.geom)`.as('lon'), sql<number>`ST_Y(s.geom)`.as('lat')])
    .where('s.kind', '=', 'air')
    .where('s.level', '<>', 'micro')
    .where('s.status', '=', 'active');
  if (only?.ids) query = query.where('s.id', 'in', only.ids.length > 0 ? [...only.ids] : [0]);
  return query.orderBy('s.district_id').orderBy('s.code').execute();
}

/** Hours since 1970-01-01 00:00 CST of the START of an hour: its natural day is ⌊h/24⌋, its slot h mod 24. */
export type HourIndex = number;

/** One station's valid hourly values of the six pollutants in a period. */
export interface StationHours {
  stationId: number;
  hours: { hour: HourIndex; species: Species; value: string; demo: boolean }[];
}

/**
 * Valid hourly values of the six pollutants for natural days [from, to] (CST), per station. One row
 * per station, its values packed into one string (`key:value,…`, key = hour index × 16 + pollutant × 2
 * + demo): measured on PGlite, this costs what a plain GROUP BY computing the daily means costs, where
 * one row per station-day (array_agg) or per value costs twice that. The day and slot of each hour are
 * plain integer arithmetic on the key (days.ts).
 */
export async function stationHours(db: Db, stationIds: readonly number[], from: string, to: string): Promise<StationHours[]> {
  return (await packedHours(db, stationIds, from, to)).map((r) => ({
    stationId: r.station_id,
    hours: r.data.split(',').map((item) => {
      const colon = item.indexOf(':');
      const key = Number(item.slice(0, colon));
      return { hour: Math.floor(key / 16), species: SPECIES[(key % 16) >> 1]!, value: item.slice(colon + 1), demo: (key & 1) === 1 };
    }),
  }));
}

/**
 * As stationHours, placed straight into each station's days and slots (days.ts daySlotsOfPacked):
 * the annual evaluation of a hundred stations reads five million values, and an object per value cost
 * more in allocation and garbage collection than the rest of the evaluation.
 */
export async function stationDaySlotsById(db: Db, stationIds: readonly number[], from: string, to: string): Promise<Map<number, DaySlotsByDay>> {
  return new Map((await packedHours(db, stationIds, from, to)).map((r) => [r.station_id, daySlotsOfPacked(r.data)]));
}

/** A station-day's totals of one pollutant: the exact sum of its valid hours, and how many there are. */
export interface DayTotal {
  sum: string;
  hours: number;
}

/** A station's days by day number (days since 1970-01-01, CST): the totals of each pollutant but O3, and whether any value is demo. */
export type DayTotalsByDay = Map<number, { totals: Partial<Record<Species, DayTotal>>; demo: boolean }>;

/**
 * What a station's daily statistics need, without reading every hour: the exact daily sum and count of
 * the valid hours of each pollutant (its 24-h mean, when the count suffices, is the sum over the count,
 * exactly), and O3's valid hours, packed as stationHours packs them (`key:value,…`, key = hour index × 16
 * + pollutant × 2 + demo), for its 8-h windows and 1-h maximum. The two queries run side by side; the
 * first costs what a plain GROUP BY computing the daily means costs (docs/BENCHMARKS.md).
 */
export async function stationDayTotals(db: Db, stationIds: readonly number[], from: string, to: string): Promise<{ totals: Map<number, DayTotalsByDay>; o3: Map<number, string> }> {
  if (stationIds.length === 0) return { totals: new Map(), o3: new Map() };
  const { after, upTo } = instants(from, to);
  const ids = [...stationIds];
  const others = PARAMETERS.filter((p) => p !== PARAMETER_OF.O3);
  // Both queries go at once; the totals are read while the O3 hours are still coming.
  const [sumsQuery, o3Query] = [
    // The natural day as the baseline query writes it (a date difference costs less than epoch
    // arithmetic); each station's days come packed in one row (`parameter:day:sum:count:demo,…`), which
    // the driver hands over far faster than a row per station-day.
    sql<{ station_id: number; data: string }>`
      SELECT station_id, string_agg(parameter || ':' || day || ':' || sum || ':' || n || ':' || demo::int, ',') AS data FROM (
        SELECT station_id, parameter, ((observed_at - interval '1 hour') AT TIME ZONE 'Asia/Shanghai')::date - DATE '1970-01-01' AS day,
          sum(value)::text AS sum, count(*) AS n, bool_or(demo) AS demo
        FROM monitoring_air_hourly
        WHERE station_id = ANY(${ids}::int[]) AND observed_at > ${after} AND observed_at <= ${upTo}
          AND valid AND parameter = ANY(${others}::text[])
        GROUP BY 1, 2, 3) AS days
      GROUP BY station_id`.execute(db),
    sql<{ station_id: number; data: string }>`
      SELECT station_id, string_agg(
        (((extract(epoch FROM observed_at)::bigint + ${CST_SECONDS - 3600}) / 3600) * 16 + ${SPECIES.indexOf('O3') * 2} + demo::int)::text || ':' || value::text, ',') AS data
      FROM monitoring_air_hourly
      WHERE station_id = ANY(${ids}::int[]) AND observed_at > ${after} AND observed_at <= ${upTo}
        AND valid AND parameter = ${PARAMETER_OF.O3}
      GROUP BY station_id`.execute(db),
  ] as const;
  // Neither rejection may go unheard while the other is awaited.
  o3Query.catch(() => undefined);
  const totals = new Map((await sumsQuery).rows.map((row) => [row.station_id, dayTotalsOfPacked(row.data)]));
  return { totals, o3: new Map((await o3Query).rows.map((r) => [r.station_id, r.data])) };
}

/** A station's daily totals as stationDayTotals packs them. */
export function dayTotalsOfPacked(data: string): DayTotalsByDay {
  const days: DayTotalsByDay = new Map();
  let start = 0;
  while (start < data.length) {
    const a = data.indexOf(':', start);
    const b = data.indexOf(':', a + 1);
    const c = data.indexOf(':', b + 1);
    const d = data.indexOf(':', c + 1);
    let end = data.indexOf(',', d + 1);
    if (end < 0) end = data.length;
    const number = Number(data.slice(a + 1, b));
    let day = days.get(number);
    if (!day) days.set(number, (day = { totals: {}, demo: false }));
    day.totals[SPECIES_OF.get(data.slice(start, a))!] = { sum: data.slice(b + 1, c), hours: Number(data.slice(c + 1, d)) };
    if (data.charCodeAt(d + 1) === 49) day.demo = true;
    start = end + 1;
  }
  return days;
}

async function packedHours(db: Db, stationIds: readonly number[], from: string, to: string): Promise<{ station_id: number; data: string }[]> {
  if (stationIds.length === 0) return [];
  const { after, upTo } = instants(from, to);
  const { rows } = await sql<{ station_id: number; data: string }>`
    SELECT station_id, string_agg(
      (((extract(epoch FROM observed_at)::bigint + ${CST_SECONDS - 3600}) / 3600) * 16
        + (array_position(${PARAMETERS}::text[], parameter) - 1) * 2 + demo::int)::text || ':' || value::text, ',') AS data
    FROM monitoring_air_hourly
    WHERE station_id = ANY(${[...stationIds]}::int[]) AND observed_at > ${after} AND observed_at <= ${upTo}
      AND valid AND parameter = ANY(${PARAMETERS}::text[])
    GROUP BY station_id`.execute(db);
  return rows;
}

const CST_SECONDS = 8 * 3600;

/** Natural days [from, to] (YYYY-MM-DD, CST) as the end-stamped instants (from 00:00, to+1 00:00]. */
function instants(from: string, to: string): { after: Date; upTo: Date } {
  return { after: new Date(cstMidnight(from)), upTo: new Date(cstMidnight(to) + 86_400_000) };
}

/** One valid hourly value near a station's latest hour. */
export interface RecentValue {
  stationId: number;
  /** The station's latest hour with a valid value, ms. */
  latest: number;
  at: number;
  species: Species;
  value: string;
  demo: boolean;
}

/**
 * For each station, its latest hour with a valid pollutant value and the valid values of the 24 hours
 * up to it (the real-time AQI's 1-h values and, under HJ 633-2012, its moving means). The latest hour
 * is found per station by the key's index (newest first), not by scanning the station's history.
 */
export async function recentValues(db: Db, stationIds: readonly number[]): Promise<RecentValue[]> {
  if (stationIds.length === 0) return [];
  const { rows } = await sql<{ station_id: number; latest: Date; at: Date; parameter: string; value: string; demo: boolean }>`
    SELECT l.station_id, l.latest, v.observed_at AS at, v.parameter, v.value::text AS value, v.demo
    FROM unnest(${[...stationIds]}::int[]) AS s(id)
    CROSS JOIN LATERAL (
      SELECT s.id AS station_id, h.observed_at AS latest FROM monitoring_air_hourly h
      WHERE h.station_id = s.id AND h.valid AND h.parameter = ANY(${PARAMETERS}::text[])
      ORDER BY h.observed_at DESC LIMIT 1) l
    JOIN monitoring_air_hourly v ON v.station_id = l.station_id
      AND v.observed_at > l.latest - interval '24 hours' AND v.observed_at <= l.latest
      AND v.valid AND v.parameter = ANY(${PARAMETERS}::text[])`.execute(db);
  return rows.map((r) => ({
    stationId: r.station_id,
    latest: new Date(r.latest).getTime(),
    at: new Date(r.at).getTime(),
    species: SPECIES_OF.get(r.parameter)!,
    value: r.value,
    demo: r.demo,
  }));
}

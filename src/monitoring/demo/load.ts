/**
 * Loading and removing 示例数据: a year of demo hours (air-year.ts) for every active air station,
 * written through the import's store path (partitions.ts, store.ts) and marked demo by the database
 * (0007_monitoring_evaluation): a demo load never overwrites a real value, `removeDemoData` deletes
 * the demo rows and nothing else. One transaction and one audit entry per station, so a long load
 * shows its progress and leaves whole stations behind if it stops.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { audited, SYSTEM_ACTOR, type Actor } from '../../audit/store.ts';
import { ensureAirPartitions } from '../data/partitions.ts';
import type { Observation } from '../data/records.ts';
import { writeObservations } from '../data/store.ts';
import { PARAMETER_OF } from '../evaluation/store.ts';
import { AIR_POLLUTANTS, demoAirYear } from './air-year.ts';

export type DemoOrigin = 'first-start' | 'command';

/** The last complete calendar year (CST) at a time: the default demo year, evaluable as a whole. */
export function defaultDemoYear(now = Date.now()): number {
  return new Date(now + 8 * 3_600_000).getUTCFullYear() - 1;
}

interface DemoStation {
  id: number;
  code: string;
  level: string;
}

async function airStations(db: Db): Promise<DemoStation[]> {
  return db.selectFrom('monitoring_site').select(['id', 'code', 'level']).where('kind', '=', 'air').where('status', '=', 'active').orderBy('code').execute();
}

/** A station's demo year as values to store; missing hours are simply absent, as from an analyser that sent nothing. */
function observationsOf(station: DemoStation, year: number): Observation[] {
  const observations: Observation[] = [];
  // County-town stations see somewhat less particulate matter than the city centre's national station.
  const particulateScale = station.level === 'national' ? 1 : 0.9;
  for (const hour of demoAirYear(station.code, year, { particulateScale })) {
    const ms = Date.parse(hour.hourEnding);
    for (const pollutant of AIR_POLLUTANTS) {
      const value = hour.values[pollutant];
      if (value === null) continue;
      observations.push({ siteId: station.id, series: 'air', at: hour.hourEnding, ms, parameter: PARAMETER_OF[pollutant], value: String(value), valid: true, invalidReason: null, review: 'raw' });
    }
  }
  return observations;
}

/** Observations grouped by the month (China Standard Time, YYYY-MM) of their hour-ending stamp, in order. */
function byMonth(observations: Observation[]): { month: string; observations: Observation[] }[] {
  const months = new Map<string, Observation[]>();
  for (const observation of observations) {
    const month = observation.at.slice(0, 7);
    const list = months.get(month);
    if (list) list.push(observation);
    else months.set(month, [observation]);
  }
  return [...months].map(([month, list]) => ({ month, observations: list }));
}

export interface DemoLoadResult {
  loadId: number;
  year: number;
  stations: number;
  values: number;
}

/** Loads the demo year for every active air station. Values already stored as real data stay as they are. */
export async function loadDemoYear(db: Db, year: number, origin: DemoOrigin, options: { actor?: Actor; signal?: AbortSignal } = {}): Promise<DemoLoadResult> {
  const actor = options.actor ?? SYSTEM_ACTOR;
  const stations = await airStations(db);
  const { id: loadId } = await db
    .insertInto('monitoring_demo_load')
    .values({ year, origin, stations_total: stations.length })
    .returning('id')
    .executeTakeFirstOrThrow();
  let values = 0;
  try {
    const hours: number[] = [];
    for (let ms = Date.UTC(year, 0, 1) - 7 * 3_600_000; ms <= Date.UTC(year + 1, 0, 1) - 8 * 3_600_000; ms += 3_600_000) hours.push(ms);
    await ensureAirPartitions(db, hours);
    for (const station of stations) {
      // Stopped between stations (the platform shutting down): what is written stays, whole stations only.
      if (options.signal?.aborted) throw new Error('载入被中止（平台停止）/ interrupted by shutdown');
      let written = 0;
      const observations = observationsOf(station, year);
      // A month at a time, each in its own transaction: PGlite runs one statement at a time, and a
      // first start serves its first users while it loads; a station's year at once held every
      // request (even /api/health) for seconds.
      for (const chunk of byMonth(observations)) {
        written += await audited(db, actor, async (trx, audit) => {
          await sql`SELECT set_config('qingshan.demo_load', 'on', true)`.execute(trx);
          const count = await writeObservations(trx, 'air', chunk.observations);
          await audit({ action: 'demo-load', entity: 'monitoring_air_hourly', entityId: station.code, after: { year, month: chunk.month, values: count, kept: chunk.observations.length - count } });
          return count;
        });
        await new Promise((resolve) => setImmediate(resolve));
      }
      values += written;
      await db
        .updateTable('monitoring_demo_load')
        .set((eb) => ({ stations_done: eb('stations_done', '+', 1), values_written: sql`values_written + ${written}` }))
        .where('id', '=', loadId)
        .execute();
    }
    await db.updateTable('monitoring_demo_load').set({ state: 'done', finished_at: new Date() }).where('id', '=', loadId).execute();
  } catch (error) {
    await db
      .updateTable('monitoring_demo_load')
      .set({ state: 'failed', finished_at: new Date(), error: error instanceof Error ? error.message : String(error) })
      .where('id', '=', loadId)
      .execute();
    throw error;
  }
  return { loadId, year, stations: stations.length, values };
}

/** Deletes every demo value, and only those. */
export async function removeDemoData(db: Db, actor: Actor = SYSTEM_ACTOR): Promise<{ values: number }> {
  return audited(db, actor, async (trx, audit) => {
    const { numDeletedRows } = await trx.deleteFrom('monitoring_air_hourly').where('demo', '=', true).executeTakeFirst();
    const values = Number(numDeletedRows);
    await audit({ action: 'demo-remove', entity: 'monitoring_air_hourly', entityId: null, after: { values } });
    return { values };
  });
}

export interface DemoStatus {
  present: boolean;
  values: number;
  stations: number;
  from: string | null;
  to: string | null;
  load: {
    year: number;
    origin: DemoOrigin;
    state: 'running' | 'done' | 'failed';
    stationsDone: number;
    stationsTotal: number;
    valuesWritten: number;
    startedAt: string;
    finishedAt: string | null;
    error: string | null;
  } | null;
}

export async function demoStatus(db: Db): Promise<DemoStatus> {
  const { rows } = await sql<{ values: string; stations: string; first: Date | null; last: Date | null }>`
    SELECT count(*) AS values, count(DISTINCT station_id) AS stations, min(observed_at) AS first, max(observed_at) AS last
    FROM monitoring_air_hourly WHERE demo`.execute(db);
  const summary = rows[0]!;
  const load = await db.selectFrom('monitoring_demo_load').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirst();
  const iso = (d: Date | null) => (d === null ? null : new Date(d).toISOString());
  return {
    present: Number(summary.values) > 0,
    values: Number(summary.values),
    stations: Number(summary.stations),
    from: iso(summary.first),
    to: iso(summary.last),
    load: load
      ? {
          year: load.year,
          origin: load.origin,
          state: load.state,
          stationsDone: load.stations_done,
          stationsTotal: load.stations_total,
          valuesWritten: Number(load.values_written),
          startedAt: new Date(load.started_at).toISOString(),
          finishedAt: iso(load.finished_at),
          error: load.error,
        }
      : null,
  };
}

/**
 * On the first start of an empty store (no air data, no demo load ever, at least one air station),
 * loads the demo year; resolves when done (true) or at once when there is nothing to do (false). The
 * caller runs it in the background. A failure is logged and recorded with the load, never thrown; a
 * load interrupted by `signal` stops between stations and is recorded as failed (`qingshan demo load`
 * completes it).
 */
export async function loadDemoOnFirstStart(db: Db, log: { info(msg: string): void; error(obj: unknown, msg?: string): void }, signal?: AbortSignal): Promise<boolean> {
  try {
    const loaded = await db.selectFrom('monitoring_demo_load').select('id').limit(1).executeTakeFirst();
    const data = await db.selectFrom('monitoring_air_hourly').select('station_id').limit(1).executeTakeFirst();
    const station = await db.selectFrom('monitoring_site').select('id').where('kind', '=', 'air').limit(1).executeTakeFirst();
    if (loaded || data || !station) return false;
    const year = defaultDemoYear();
    log.info(`示例数据：后台载入 ${year} 年空气小时数据 / loading the ${year} demo air year in the background`);
    const result = await loadDemoYear(db, year, 'first-start', { signal });
    log.info(`示例数据已载入 / demo data loaded: ${result.values} values, ${result.stations} stations`);
    return true;
  } catch (error) {
    log.error(error, '示例数据载入失败 / demo data load failed');
    return false;
  }
}

/**
 * Loading and removing 示例数据: a year of demo hours (air-year.ts) for every active air station and a
 * year of demo samples (water-year.ts) for every active section and source, written through the
 * import's store path (partitions.ts, store.ts) and marked demo by the database (0007_monitoring_evaluation,
 * 0009_water_demo): a demo load never overwrites a real value, `removeDemoData` deletes the demo rows
 * and nothing else. One transaction and one audit entry per station-month (air) or per site (water),
 * so a long load shows its progress and leaves whole stations behind if it stops. The load's station
 * counts are air stations; its water samples are counted apart.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { audited, SYSTEM_ACTOR, type Actor } from '../../audit/store.ts';
import { ensureAirPartitions } from '../data/partitions.ts';
import type { Observation } from '../data/records.ts';
import { writeObservations } from '../data/store.ts';
import { PARAMETER_OF } from '../evaluation/store.ts';
import { AIR_POLLUTANTS, demoAirYear } from './air-year.ts';
import { demoWaterYear, type DemoWaterSite } from './water-year.ts';

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

async function waterSites(db: Db): Promise<(DemoWaterSite & { id: number })[]> {
  const rows = await db
    .selectFrom('monitoring_site')
    .select(['id', 'code', 'kind', 'water_body', 'automatic'])
    .where('kind', 'in', ['section', 'source'])
    .where('status', '=', 'active')
    .orderBy('code')
    .execute();
  return rows.map((r) => ({ id: r.id, code: r.code, kind: r.kind as DemoWaterSite['kind'], waterBody: r.water_body ?? 'river', automatic: r.automatic }));
}

/** A water site's demo year as values to store, manual and automatic samples alike. */
function waterObservationsOf(site: DemoWaterSite & { id: number }, year: number): Observation[] {
  return demoWaterYear(site, year).flatMap((sample) =>
    Object.entries(sample.values).map(([parameter, value]) => ({
      siteId: site.id,
      series: sample.mode,
      at: sample.sampledAt,
      ms: Date.parse(sample.sampledAt),
      parameter,
      value: String(value),
      valid: true,
      invalidReason: null,
      review: 'raw' as const,
    })),
  );
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
  water: { sites: number; values: number };
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
  let water = { sites: 0, values: 0 };
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
    water = await loadWaterYear(db, loadId, year, actor, options.signal);
    await db.updateTable('monitoring_demo_load').set({ state: 'done', finished_at: new Date() }).where('id', '=', loadId).execute();
  } catch (error) {
    await db
      .updateTable('monitoring_demo_load')
      .set({ state: 'failed', finished_at: new Date(), error: error instanceof Error ? error.message : String(error) })
      .where('id', '=', loadId)
      .execute();
    throw error;
  }
  return { loadId, year, stations: stations.length, values, water };
}

/** The water part of a load: each active section and source, one transaction each (a year of a site is small). */
async function loadWaterYear(db: Db, loadId: number, year: number, actor: Actor, signal: AbortSignal | undefined): Promise<{ sites: number; values: number }> {
  const sites = await waterSites(db);
  let values = 0;
  for (const site of sites) {
    if (signal?.aborted) throw new Error('载入被中止（平台停止）/ interrupted by shutdown');
    const observations = waterObservationsOf(site, year);
    const written = await audited(db, actor, async (trx, audit) => {
      await sql`SELECT set_config('qingshan.demo_load', 'on', true)`.execute(trx);
      const count = await writeObservations(trx, 'water', observations);
      await audit({ action: 'demo-load', entity: 'monitoring_water_sample', entityId: site.code, after: { year, values: count, kept: observations.length - count } });
      return count;
    });
    values += written;
    await db.updateTable('monitoring_demo_load').set({ water_values_written: sql`water_values_written + ${written}` }).where('id', '=', loadId).execute();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { sites: sites.length, values };
}

/** Deletes every demo value, and only those. */
export async function removeDemoData(db: Db, actor: Actor = SYSTEM_ACTOR): Promise<{ values: number; waterValues: number }> {
  return audited(db, actor, async (trx, audit) => {
    const { numDeletedRows } = await trx.deleteFrom('monitoring_air_hourly').where('demo', '=', true).executeTakeFirst();
    const values = Number(numDeletedRows);
    await audit({ action: 'demo-remove', entity: 'monitoring_air_hourly', entityId: null, after: { values } });
    const water = await trx.deleteFrom('monitoring_water_sample').where('demo', '=', true).executeTakeFirst();
    const waterValues = Number(water.numDeletedRows);
    await audit({ action: 'demo-remove', entity: 'monitoring_water_sample', entityId: null, after: { values: waterValues } });
    return { values, waterValues };
  });
}

export interface DemoStatus {
  present: boolean;
  values: number;
  stations: number;
  from: string | null;
  to: string | null;
  /** Demo water samples: values, sites, first and last sampling time. */
  water: { values: number; sites: number; from: string | null; to: string | null };
  load: {
    year: number;
    origin: DemoOrigin;
    state: 'running' | 'done' | 'failed';
    stationsDone: number;
    stationsTotal: number;
    valuesWritten: number;
    waterValuesWritten: number;
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
  const water = (
    await sql<{ values: string; sites: string; first: Date | null; last: Date | null }>`
      SELECT count(*) AS values, count(DISTINCT site_id) AS sites, min(sampled_at) AS first, max(sampled_at) AS last
      FROM monitoring_water_sample WHERE demo`.execute(db)
  ).rows[0]!;
  const load = await db.selectFrom('monitoring_demo_load').selectAll().orderBy('id', 'desc').limit(1).executeTakeFirst();
  const iso = (d: Date | null) => (d === null ? null : new Date(d).toISOString());
  return {
    present: Number(summary.values) > 0 || Number(water.values) > 0,
    values: Number(summary.values),
    stations: Number(summary.stations),
    from: iso(summary.first),
    to: iso(summary.last),
    water: { values: Number(water.values), sites: Number(water.sites), from: iso(water.first), to: iso(water.last) },
    load: load
      ? {
          year: load.year,
          origin: load.origin,
          state: load.state,
          stationsDone: load.stations_done,
          stationsTotal: load.stations_total,
          valuesWritten: Number(load.values_written),
          waterValuesWritten: Number(load.water_values_written),
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
    log.info(`示例数据：后台载入 ${year} 年空气小时数据与水质样品 / loading the ${year} demo air and water year in the background`);
    const result = await loadDemoYear(db, year, 'first-start', { signal });
    log.info(`示例数据已载入 / demo data loaded: ${result.values} air values, ${result.stations} stations; ${result.water.values} water values, ${result.water.sites} sites`);
    return true;
  } catch (error) {
    log.error(error, '示例数据载入失败 / demo data load failed');
    return false;
  }
}

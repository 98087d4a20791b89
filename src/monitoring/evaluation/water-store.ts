/**
 * The water evaluation's data layer: the active sections and sources, and the valid values of a span
 * of days — each manual sample as stored, automatic data as daily means (the automatic station's
 * 4-hourly values averaged in SQL, so a year of them is a few hundred rows a site). Every rule of the
 * standard is applied afterwards, by the pure functions of water.ts and src/monitoring/water/.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';

/** A section (地表水断面) or source (饮用水水源地) as the evaluation groups it. */
export interface WaterSite {
  id: number;
  kind: 'section' | 'source';
  code: string;
  name: string;
  level: string;
  river: string | null;
  waterBody: 'river' | 'lake';
  /** 1..5; null when the registry has none. */
  targetClass: number | null;
  automatic: boolean;
  districtId: number;
  districtName: string;
  lon: number;
  lat: number;
}

function sitesQuery(db: Db) {
  return db
    .selectFrom('monitoring_site as s')
    .innerJoin('organisation as o', 'o.id', 's.district_id')
    .select([
      's.id',
      's.kind',
      's.code',
      's.name',
      's.level',
      's.river',
      's.target_class as targetClass',
      's.automatic',
      's.district_id as districtId',
      'o.name as districtName',
      sql<'river' | 'lake'>`coalesce(s.water_body, 'river')`.as('waterBody'),
      sql<number>`ST_X(s.geom)`.as('lon'),
      sql<number>`ST_Y(s.geom)`.as('lat'),
    ])
    .where('s.kind', 'in', ['section', 'source']);
}

/** Active sections or sources, by district and code. */
export async function waterSites(db: Db, kind: 'section' | 'source'): Promise<WaterSite[]> {
  const rows = await sitesQuery(db).where('s.kind', '=', kind).where('s.status', '=', 'active').orderBy('s.district_id').orderBy('s.code').execute();
  return rows as WaterSite[];
}

/** A section or source by id, whatever its status (its past data stay readable); null for air stations. */
export async function findWaterSite(db: Db, id: number): Promise<WaterSite | null> {
  const row = await sitesQuery(db).where('s.id', '=', id).executeTakeFirst();
  return (row as WaterSite | undefined) ?? null;
}

/** One valid value: a manual sample's, or an automatic station's mean of a day. */
export interface WaterReading {
  siteId: number;
  mode: 'manual' | 'automatic';
  /** The sample's time (manual, CST 'YYYY-MM-DDTHH:MI') or its day (automatic, 'YYYY-MM-DD'). */
  at: string;
  parameter: string;
  value: number;
  demo: boolean;
}

/**
 * Valid values of natural days [from, to] (CST) at the sites. Automatic values are stamped by the end
 * of their 4-hour window, so a value stamped 00:00 belongs to the day before.
 */
export async function waterReadings(
  db: Db,
  siteIds: readonly number[],
  parameters: readonly string[],
  from: string,
  to: string,
  withAutomatic: boolean,
): Promise<WaterReading[]> {
  if (siteIds.length === 0) return [];
  const start = `${from}T00:00:00+08:00`;
  const end = new Date(Date.parse(`${to}T00:00:00+08:00`) + 86_400_000).toISOString();
  const ids = [...siteIds];
  const codes = [...parameters];
  const manual = await sql<{ site_id: number; at: string; parameter: string; value: string; demo: boolean }>`
    SELECT site_id, to_char((sampled_at AT TIME ZONE 'UTC') + interval '8 hours', 'YYYY-MM-DD"T"HH24:MI') AS at, parameter, value::text AS value, demo
    FROM monitoring_water_sample
    WHERE site_id = ANY(${ids}::int[]) AND mode = 'manual' AND valid AND parameter = ANY(${codes}::text[])
      AND sampled_at >= ${start}::timestamptz AND sampled_at < ${end}::timestamptz`.execute(db);
  const readings: WaterReading[] = manual.rows.map((r) => ({ siteId: r.site_id, mode: 'manual', at: r.at, parameter: r.parameter, value: Number(r.value), demo: r.demo }));
  if (withAutomatic) {
    const automatic = await sql<{ site_id: number; at: string; parameter: string; value: string; demo: boolean }>`
      SELECT site_id, to_char((sampled_at AT TIME ZONE 'UTC') + interval '8 hours' - interval '1 second', 'YYYY-MM-DD') AS at, parameter,
        avg(value)::text AS value, bool_or(demo) AS demo
      FROM monitoring_water_sample
      WHERE site_id = ANY(${ids}::int[]) AND mode = 'automatic' AND valid AND parameter = ANY(${codes}::text[])
        AND sampled_at > ${start}::timestamptz AND sampled_at <= ${end}::timestamptz
      GROUP BY 1, 2, 3`.execute(db);
    for (const r of automatic.rows) readings.push({ siteId: r.site_id, mode: 'automatic', at: r.at, parameter: r.parameter, value: Number(r.value), demo: r.demo });
  }
  return readings;
}

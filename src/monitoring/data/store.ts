import { sql, type Transaction } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { Database } from '../../db/schema.ts';
import type { Medium, Observation, Review, Series } from './records.ts';
import { monitoringDataWritten } from './version.ts';

type Reader = Db | Transaction<Database>;

/** The two data tables, named once: air hours by station, water samples by site and mode. */
const TABLES = {
  air: { table: 'monitoring_air_hourly', site: 'station_id', at: 'observed_at', key: 'station_id, observed_at, parameter' },
  water: { table: 'monitoring_water_sample', site: 'site_id', at: 'sampled_at', key: 'site_id, mode, sampled_at, parameter' },
} as const;

/** Values per statement: arrays of this size bind fast on both back ends. */
const CHUNK = 5000;

/**
 * The ON CONFLICT clause of every write of values: a value sent again is updated, except a value
 * corrected by hand (the correction wins over a later copy of the raw feed) and an audited value
 * against a raw one.
 */
export function unlessKept(medium: Medium) {
  const t = TABLES[medium];
  const table = sql.raw(t.table);
  return sql`ON CONFLICT (${sql.raw(t.key)}) DO UPDATE SET
        value = EXCLUDED.value, valid = EXCLUDED.valid, invalid_reason = EXCLUDED.invalid_reason,
        review = EXCLUDED.review, received_at = now()
      WHERE NOT ${table}.corrected AND NOT (${table}.review = 'audited' AND EXCLUDED.review = 'raw')`;
}

/**
 * Inserts or updates values by their key (ON CONFLICT), so sending the same rows again updates them
 * and never duplicates them. Two kinds of row are kept as they are: a value corrected by hand (the
 * correction wins over a later copy of the raw feed) and an audited value against a raw one.
 * Returns how many values were written; the rest were kept.
 */
export async function writeObservations(trx: Transaction<Database>, medium: Medium, observations: readonly Observation[]): Promise<number> {
  monitoringDataWritten();
  const t = TABLES[medium];
  const table = sql.raw(t.table);
  const modeColumn = medium === 'water' ? sql.raw('mode, ') : sql.raw('');
  let written = 0;
  for (let start = 0; start < observations.length; start += CHUNK) {
    const chunk = observations.slice(start, start + CHUNK);
    const modes = medium === 'water' ? sql`${chunk.map((o) => o.series)}::text[], ` : sql``;
    const { rows } = await sql<{ one: number }>`
      INSERT INTO ${table} (${sql.raw(t.site)}, ${modeColumn}${sql.raw(t.at)}, parameter, value, valid, invalid_reason, review)
      SELECT * FROM unnest(
        ${chunk.map((o) => o.siteId)}::int[], ${modes}${chunk.map((o) => o.at)}::timestamptz[], ${chunk.map((o) => o.parameter)}::text[],
        ${chunk.map((o) => o.value)}::numeric[], ${chunk.map((o) => o.valid)}::boolean[], ${chunk.map((o) => o.invalidReason)}::text[],
        ${chunk.map((o) => o.review)}::text[])
      ${unlessKept(medium)}
      RETURNING 1 AS one`.execute(trx);
    written += rows.length;
  }
  return written;
}

/** One value of a series, with the value as received when it was corrected since. */
export interface SeriesValue {
  at: Date;
  mode: 'manual' | 'automatic' | null;
  parameter: string;
  value: string | null;
  valid: boolean;
  invalidReason: string | null;
  review: Review;
  corrected: boolean;
  originalValue: string | null;
}

/**
 * One site's values in a period [from, to) of instants, oldest first: the key's leading columns
 * (site, time) make this one index range per month partition.
 */
export async function seriesOf(
  db: Reader,
  medium: Medium,
  siteId: number,
  period: { from: number; to: number; inclusiveEnd: boolean },
  parameters?: readonly string[],
): Promise<SeriesValue[]> {
  const t = TABLES[medium];
  const at = sql.raw(`v.${t.at}`);
  const seriesOfRow = medium === 'air' ? sql`'air'` : sql`v.mode`;
  const end = period.inclusiveEnd ? sql`${at} <= ${new Date(period.to)}` : sql`${at} < ${new Date(period.to)}`;
  const start = period.inclusiveEnd ? sql`${at} > ${new Date(period.from)}` : sql`${at} >= ${new Date(period.from)}`;
  const only = parameters && parameters.length > 0 ? sql`AND v.parameter = ANY(${[...parameters]}::text[])` : sql``;
  const { rows } = await sql<{
    at: Date;
    mode: 'manual' | 'automatic' | null;
    parameter: string;
    value: string | null;
    valid: boolean;
    invalid_reason: string | null;
    review: Review;
    corrected: boolean;
    original_value: string | null;
  }>`
    SELECT ${at} AS at, ${medium === 'air' ? sql`NULL::text` : sql`v.mode`} AS mode, v.parameter, v.value, v.valid, v.invalid_reason, v.review, v.corrected,
      CASE WHEN v.corrected THEN (
        SELECT c.before_value FROM monitoring_correction c
        WHERE c.site_id = v.${sql.raw(t.site)} AND c.series = ${seriesOfRow} AND c.at = ${at} AND c.parameter = v.parameter
        ORDER BY c.id LIMIT 1) END AS original_value
    FROM ${sql.raw(t.table)} v
    WHERE v.${sql.raw(t.site)} = ${siteId} AND ${start} AND ${end} ${only}
    ORDER BY ${at}, v.parameter`.execute(db);
  return rows.map((r) => ({
    at: new Date(r.at),
    mode: r.mode,
    parameter: r.parameter,
    value: r.value,
    valid: r.valid,
    invalidReason: r.invalid_reason,
    review: r.review,
    corrected: r.corrected,
    originalValue: r.original_value,
  }));
}

export interface StoredValue {
  value: string | null;
  valid: boolean;
  invalidReason: string | null;
}

/** One stored value, locked for a change. */
export async function lockValue(trx: Transaction<Database>, series: Series, siteId: number, at: string, parameter: string): Promise<StoredValue | null> {
  const row =
    series === 'air'
      ? await trx
          .selectFrom('monitoring_air_hourly')
          .select(['value', 'valid', 'invalid_reason'])
          .where('station_id', '=', siteId)
          .where('observed_at', '=', new Date(at))
          .where('parameter', '=', parameter)
          .forUpdate()
          .executeTakeFirst()
      : await trx
          .selectFrom('monitoring_water_sample')
          .select(['value', 'valid', 'invalid_reason'])
          .where('site_id', '=', siteId)
          .where('mode', '=', series)
          .where('sampled_at', '=', new Date(at))
          .where('parameter', '=', parameter)
          .forUpdate()
          .executeTakeFirst();
  return row ? { value: row.value, valid: row.valid, invalidReason: row.invalid_reason } : null;
}

export async function setValue(trx: Transaction<Database>, series: Series, siteId: number, at: string, parameter: string, to: StoredValue): Promise<void> {
  monitoringDataWritten();
  const change = { value: to.value, valid: to.valid, invalid_reason: to.invalidReason, corrected: true };
  if (series === 'air') {
    await trx.updateTable('monitoring_air_hourly').set(change).where('station_id', '=', siteId).where('observed_at', '=', new Date(at)).where('parameter', '=', parameter).execute();
  } else {
    await trx
      .updateTable('monitoring_water_sample')
      .set(change)
      .where('site_id', '=', siteId)
      .where('mode', '=', series)
      .where('sampled_at', '=', new Date(at))
      .where('parameter', '=', parameter)
      .execute();
  }
}

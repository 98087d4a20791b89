/**
 * 监测预警, data layer: what the scan reads of the sites and their latest data, and the alerts
 * themselves. The rules (rules.ts) see none of this SQL.
 */
import { sql, type Transaction } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { Database } from '../../db/schema.ts';
import { meanOfSamples } from '../water/aggregation.ts';
import type { WaterParameterKey } from '../water/parameters.ts';
import type { WaterValues } from '../water/section-class.ts';
import { cstIso, cstMidnight } from '../data/time.ts';
import type { AlertKind, SiteFacts } from './rules.ts';
import { KEY_OF_PARAMETER } from '../evaluation/water.ts';

type Reader = Db | Transaction<Database>;

/** The store's water parameter codes and the GB 3838 items they are (the TLI-only chla and sd aside). */
export const WATER_ITEM_OF = Object.fromEntries(
  Object.entries(KEY_OF_PARAMETER).filter((entry): entry is [string, WaterParameterKey] => entry[1] !== 'Chla' && entry[1] !== 'SD'),
) as Readonly<Record<string, WaterParameterKey>>;

/** A site as the scan judges it, with the unit an alert of it goes to. */
export interface ScannedSite extends SiteFacts {
  id: number;
  code: string;
  name: string;
  /** The answerable unit (see 0010_monitoring_alerts): the district, or for a city-level site the 生态环境局. */
  responsibleId: number;
}

/**
 * The city's 生态环境局: the unit (not a district) under the city whose name ends so. Found by name
 * rather than by seed key, so another city's organisation tree finds its own.
 */
export async function ecologyBureau(db: Reader): Promise<{ id: number; name: string } | null> {
  const row = await db
    .selectFrom('organisation as o')
    .leftJoin('organisation as p', 'p.id', 'o.parent_id')
    .select(['o.id', 'o.name'])
    .where('o.kind', '=', 'unit')
    .where('o.active', '=', true)
    .where('o.name', 'like', '%生态环境局')
    .orderBy(sql`p.kind = 'city'`, 'desc')
    .orderBy('o.id')
    .executeTakeFirst();
  return row ?? null;
}

export async function scannedSites(db: Reader): Promise<ScannedSite[]> {
  const [rows, bureau] = await Promise.all([
    db
      .selectFrom('monitoring_site as s')
      .innerJoin('organisation as o', 'o.id', 's.district_id')
      .select(['s.id', 's.kind', 's.code', 's.name', 's.status', 's.automatic', 's.target_class', 's.water_body', 's.district_id', 'o.kind as district_kind'])
      .orderBy('s.id')
      .execute(),
    ecologyBureau(db),
  ]);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    code: r.code,
    name: r.name,
    status: r.status,
    automatic: r.automatic,
    targetClass: r.target_class,
    waterBody: r.water_body,
    responsibleId: r.district_kind === 'city' && bureau ? bureau.id : r.district_id,
  }));
}

/**
 * Each site's latest real data of any parameter, valid or not (a site sending flagged values is not
 * silent), ms. 示例数据 are left out: a generated hour is no sign of life of the station, and the end
 * of a demo year is no silence.
 */
export async function lastDataTimes(db: Reader, airIds: readonly number[], automaticIds: readonly number[]): Promise<Map<number, number>> {
  const found = new Map<number, number>();
  if (airIds.length > 0) {
    const { rows } = await sql<{ id: number; at: Date }>`
      SELECT s.id, l.observed_at AS at FROM unnest(${[...airIds]}::int[]) AS s(id)
      CROSS JOIN LATERAL (SELECT observed_at FROM monitoring_air_hourly h WHERE h.station_id = s.id AND NOT h.demo
        ORDER BY observed_at DESC LIMIT 1) l`.execute(db);
    for (const r of rows) found.set(r.id, new Date(r.at).getTime());
  }
  if (automaticIds.length > 0) {
    const { rows } = await sql<{ id: number; at: Date }>`
      SELECT s.id, l.sampled_at AS at FROM unnest(${[...automaticIds]}::int[]) AS s(id)
      CROSS JOIN LATERAL (SELECT sampled_at FROM monitoring_water_sample w WHERE w.site_id = s.id AND w.mode = 'automatic' AND NOT w.demo
        ORDER BY sampled_at DESC LIMIT 1) l`.execute(db);
    for (const r of rows) found.set(r.id, new Date(r.at).getTime());
  }
  return found;
}

export interface WaterReading {
  at: number;
  origin: 'manual' | 'automatic_day';
  values: WaterValues;
  demo: boolean;
}

interface ValueRow {
  id: number;
  at: Date;
  parameter: string;
  value: string;
  demo: boolean;
}

function valuesOf(rows: readonly ValueRow[]): Partial<Record<WaterParameterKey, number>> {
  const values: Partial<Record<WaterParameterKey, number>> = {};
  for (const r of rows) {
    const key = WATER_ITEM_OF[r.parameter];
    if (key) values[key] = Number(r.value);
  }
  return values;
}

/**
 * The water values each site is judged by now: its latest manual sample (valid values only), unless
 * its automatic station has a newer window, in which case the mean of each item over the valid
 * windows of that window's day (an automatic window belongs to the day it ends in, unless it ends at
 * midnight).
 */
export async function latestWater(db: Reader, siteIds: readonly number[]): Promise<Map<number, WaterReading>> {
  const found = new Map<number, WaterReading>();
  if (siteIds.length === 0) return found;
  const ids = [...siteIds];
  const { rows: manual } = await sql<ValueRow>`
    SELECT s.id, l.at, v.parameter, v.value::text AS value, v.demo FROM unnest(${ids}::int[]) AS s(id)
    CROSS JOIN LATERAL (SELECT sampled_at AS at FROM monitoring_water_sample w WHERE w.site_id = s.id AND w.mode = 'manual' AND w.valid
      ORDER BY sampled_at DESC LIMIT 1) l
    JOIN monitoring_water_sample v ON v.site_id = s.id AND v.mode = 'manual' AND v.sampled_at = l.at AND v.valid`.execute(db);
  const { rows: automaticLatest } = await sql<{ id: number; at: Date }>`
    SELECT s.id, l.at FROM unnest(${ids}::int[]) AS s(id)
    CROSS JOIN LATERAL (SELECT sampled_at AS at FROM monitoring_water_sample w WHERE w.site_id = s.id AND w.mode = 'automatic' AND w.valid
      ORDER BY sampled_at DESC LIMIT 1) l`.execute(db);

  const bySite = new Map<number, ValueRow[]>();
  for (const r of manual) bySite.set(r.id, [...(bySite.get(r.id) ?? []), r]);
  for (const [id, rows] of bySite) {
    found.set(id, { at: new Date(rows[0]!.at).getTime(), origin: 'manual', values: valuesOf(rows), demo: rows.some((r) => r.demo) });
  }

  for (const { id, at } of automaticLatest) {
    const latest = new Date(at).getTime();
    const manualAt = found.get(id)?.at;
    if (manualAt !== undefined && manualAt >= latest) continue;
    const day = cstIso(latest - 1).slice(0, 10);
    const start = new Date(cstMidnight(day));
    const end = new Date(cstMidnight(day) + 86_400_000);
    const windows = await db
      .selectFrom('monitoring_water_sample')
      .select(['site_id as id', 'sampled_at as at', 'parameter', sql<string>`value::text`.as('value'), 'demo'])
      .where('site_id', '=', id)
      .where('mode', '=', 'automatic')
      .where('valid', '=', true)
      .where('sampled_at', '>', start)
      .where('sampled_at', '<=', end)
      .execute();
    const samples = new Map<number, ValueRow[]>();
    for (const w of windows as ValueRow[]) {
      const key = new Date(w.at).getTime();
      samples.set(key, [...(samples.get(key) ?? []), w]);
    }
    found.set(id, {
      at: latest,
      origin: 'automatic_day',
      values: meanOfSamples([...samples.values()].map(valuesOf)),
      demo: windows.some((w) => w.demo),
    });
  }
  return found;
}

/** An alert as stored. */
export interface AlertRow {
  id: number;
  kind: AlertKind;
  siteId: number;
  organisationId: number;
  openedAt: Date;
  lastSeenAt: Date;
  closedAt: Date | null;
  detail: Record<string, unknown>;
  standard: string | null;
  demo: boolean;
  acknowledgedBy: number | null;
  acknowledgedAt: Date | null;
  taskItemId: number | null;
}

const ALERT_COLUMNS = [
  'a.id', 'a.kind', 'a.site_id as siteId', 'a.organisation_id as organisationId', 'a.opened_at as openedAt', 'a.last_seen_at as lastSeenAt',
  'a.closed_at as closedAt', 'a.detail', 'a.standard', 'a.demo', 'a.acknowledged_by as acknowledgedBy', 'a.acknowledged_at as acknowledgedAt',
  'a.task_item_id as taskItemId',
] as const;

export async function openAlertRows(trx: Reader): Promise<AlertRow[]> {
  return trx.selectFrom('monitoring_alert as a').select(ALERT_COLUMNS).where('a.closed_at', 'is', null).execute();
}

export async function alertRow(db: Reader, id: number, forUpdate = false): Promise<AlertRow | null> {
  let query = db.selectFrom('monitoring_alert as a').select(ALERT_COLUMNS).where('a.id', '=', id);
  if (forUpdate) query = query.forUpdate();
  return (await query.executeTakeFirst()) ?? null;
}

export interface NewAlert {
  kind: AlertKind;
  siteId: number;
  organisationId: number;
  openedAt: Date;
  lastSeenAt: Date;
  detail: Record<string, unknown>;
  standard: string | null;
  demo: boolean;
}

export async function insertAlert(trx: Transaction<Database>, alert: NewAlert): Promise<number> {
  const row = await trx
    .insertInto('monitoring_alert')
    .values({
      kind: alert.kind,
      site_id: alert.siteId,
      organisation_id: alert.organisationId,
      opened_at: alert.openedAt,
      last_seen_at: alert.lastSeenAt,
      detail: JSON.stringify(alert.detail),
      standard: alert.standard,
      demo: alert.demo,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function refreshAlert(trx: Transaction<Database>, id: number, seen: Pick<NewAlert, 'lastSeenAt' | 'detail' | 'standard' | 'demo'>): Promise<void> {
  await trx
    .updateTable('monitoring_alert')
    .set({ last_seen_at: seen.lastSeenAt, detail: JSON.stringify(seen.detail), standard: seen.standard, demo: seen.demo, updated_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}

/** Closes at the scan's time, never before the alert opened (data stamped ahead of the clock). */
export async function closeAlert(trx: Transaction<Database>, id: number, at: Date): Promise<void> {
  await trx
    .updateTable('monitoring_alert')
    .set({ closed_at: sql`greatest(${at}::timestamptz, opened_at)`, updated_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}

export async function markAcknowledged(trx: Transaction<Database>, id: number, userId: number | null): Promise<void> {
  await trx.updateTable('monitoring_alert').set({ acknowledged_by: userId, acknowledged_at: sql`now()`, updated_at: sql`now()` }).where('id', '=', id).execute();
}

export async function linkTaskItem(trx: Transaction<Database>, id: number, taskItemId: number): Promise<void> {
  await trx.updateTable('monitoring_alert').set({ task_item_id: taskItemId, updated_at: sql`now()` }).where('id', '=', id).execute();
}

/** An alert as the API lists it, with its site, unit and who acknowledged it. */
export interface AlertView {
  id: number;
  kind: AlertKind;
  site: { id: number; kind: 'air' | 'section' | 'source'; code: string; name: string; districtId: number; districtName: string };
  organisation: { id: number; name: string };
  openedAt: Date;
  lastSeenAt: Date;
  closedAt: Date | null;
  detail: Record<string, unknown>;
  standard: string | null;
  demo: boolean;
  acknowledgedAt: Date | null;
  acknowledgedBy: { id: number; name: string } | null;
  taskItemId: number | null;
}

export interface AlertFilter {
  status: 'open' | 'closed' | 'all';
  kind?: AlertKind | undefined;
  districtId?: number | undefined;
  siteId?: number | undefined;
  organisationId?: number | undefined;
  ids?: number[] | undefined;
}

function selectViews(db: Reader, filter: AlertFilter) {
  let query = db
    .selectFrom('monitoring_alert as a')
    .innerJoin('monitoring_site as s', 's.id', 'a.site_id')
    .innerJoin('organisation as d', 'd.id', 's.district_id')
    .innerJoin('organisation as r', 'r.id', 'a.organisation_id')
    .leftJoin('app_user as u', 'u.id', 'a.acknowledged_by');
  if (filter.status === 'open') query = query.where('a.closed_at', 'is', null);
  if (filter.status === 'closed') query = query.where('a.closed_at', 'is not', null);
  if (filter.kind) query = query.where('a.kind', '=', filter.kind);
  if (filter.districtId) query = query.where('s.district_id', '=', filter.districtId);
  if (filter.siteId) query = query.where('a.site_id', '=', filter.siteId);
  if (filter.organisationId) query = query.where('a.organisation_id', '=', filter.organisationId);
  if (filter.ids) query = query.where('a.id', 'in', filter.ids.length > 0 ? filter.ids : [0]);
  return query;
}

export async function listAlerts(db: Reader, filter: AlertFilter, page?: { page: number; pageSize: number }): Promise<{ items: AlertView[]; total: number }> {
  const { count } = await selectViews(db, filter).select((eb) => eb.fn.countAll<string>().as('count')).executeTakeFirstOrThrow();
  let query = selectViews(db, filter)
    .select([
      'a.id', 'a.kind', 'a.opened_at', 'a.last_seen_at', 'a.closed_at', 'a.detail', 'a.standard', 'a.demo', 'a.acknowledged_at', 'a.task_item_id',
      's.id as site_id', 's.kind as site_kind', 's.code as site_code', 's.name as site_name', 's.district_id', 'd.name as district_name',
      'r.id as organisation_id', 'r.name as organisation_name', 'u.id as user_id', 'u.display_name as user_name',
    ])
    // Open ones first, the newest data first.
    .orderBy(sql`a.closed_at IS NULL`, 'desc')
    .orderBy('a.last_seen_at', 'desc')
    .orderBy('a.id', 'desc');
  if (page) query = query.limit(page.pageSize).offset((page.page - 1) * page.pageSize);
  const rows = await query.execute();
  return {
    total: Number(count),
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      site: { id: r.site_id, kind: r.site_kind, code: r.site_code, name: r.site_name, districtId: r.district_id, districtName: r.district_name },
      organisation: { id: r.organisation_id, name: r.organisation_name },
      openedAt: r.opened_at,
      lastSeenAt: r.last_seen_at,
      closedAt: r.closed_at,
      detail: r.detail,
      standard: r.standard,
      demo: r.demo,
      acknowledgedAt: r.acknowledged_at,
      acknowledgedBy: r.user_id === null || r.acknowledged_at === null ? null : { id: r.user_id, name: r.user_name ?? '' },
      taskItemId: r.task_item_id,
    })),
  };
}

export async function alertView(db: Reader, id: number): Promise<AlertView | null> {
  const { items } = await listAlerts(db, { status: 'all', ids: [id] });
  return items[0] ?? null;
}

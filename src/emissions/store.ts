/**
 * 企业排放, data layer: enterprises (排污单位), their outlets (排放口), emission limits (排放限值), the
 * readings of the outlets' devices, and exceedance events (超标事件). The judgement (exceedance.ts)
 * and the routes see none of this SQL.
 */
import { sql, type Transaction } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { Database } from '../db/schema.ts';

export type Reader = Db | Transaction<Database>;

/** Organisation ids a caller may see, or null for all (auth/access.ts organisationScope). */
export type OrgScope = number[] | null;

const scoped = (scope: OrgScope) => (scope === null ? null : scope.length > 0 ? scope : [0]);

export const point = (lon: number | null | undefined, lat: number | null | undefined) =>
  lon === null || lon === undefined || lat === null || lat === undefined ? null : sql<string>`ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4490)`;

// ---- enterprises ----

/** 排污单位 as the API shows it. */
export interface Enterprise {
  id: number;
  organisationId: number;
  name: string;
  creditCode: string | null;
  district: { id: number; name: string };
  industry: string | null;
  address: string | null;
  lon: number | null;
  lat: number | null;
  active: boolean;
  note: string | null;
  outlets: number;
  openExceedances: number;
}

export interface EnterpriseFilter {
  scope: OrgScope;
  districtId?: number | undefined;
  q?: string | undefined;
  ids?: number[] | undefined;
}

function selectEnterprises(db: Reader, filter: EnterpriseFilter) {
  let query = db.selectFrom('enterprise as e').innerJoin('organisation as d', 'd.id', 'e.district_id');
  const scope = scoped(filter.scope);
  if (scope) query = query.where('e.organisation_id', 'in', scope);
  if (filter.districtId) query = query.where('e.district_id', '=', filter.districtId);
  if (filter.q) {
    const pattern = `%${filter.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb('e.name', 'ilike', pattern), eb('e.credit_code', 'ilike', pattern)]));
  }
  if (filter.ids) query = query.where('e.id', 'in', filter.ids.length > 0 ? filter.ids : [0]);
  return query;
}

export async function listEnterprises(db: Reader, filter: EnterpriseFilter, page?: { page: number; pageSize: number }): Promise<{ items: Enterprise[]; total: number }> {
  const { count } = await selectEnterprises(db, filter).select((eb) => eb.fn.countAll<string>().as('count')).executeTakeFirstOrThrow();
  let query = selectEnterprises(db, filter)
    .select([
      'e.id', 'e.organisation_id', 'e.name', 'e.credit_code', 'e.district_id', 'd.name as district_name', 'e.industry', 'e.address', 'e.active', 'e.note',
      sql<number | null>`ST_X(e.geom)`.as('lon'),
      sql<number | null>`ST_Y(e.geom)`.as('lat'),
      sql<number>`(SELECT count(*)::int FROM enterprise_outlet o WHERE o.enterprise_id = e.id)`.as('outlets'),
      sql<number>`(SELECT count(*)::int FROM emission_exceedance x JOIN enterprise_outlet o ON o.id = x.outlet_id WHERE o.enterprise_id = e.id AND x.closed_at IS NULL)`.as('open_exceedances'),
    ])
    .orderBy('e.name')
    .orderBy('e.id');
  if (page) query = query.limit(page.pageSize).offset((page.page - 1) * page.pageSize);
  const rows = await query.execute();
  return {
    total: Number(count),
    items: rows.map((r) => ({
      id: r.id,
      organisationId: r.organisation_id,
      name: r.name,
      creditCode: r.credit_code,
      district: { id: r.district_id, name: r.district_name },
      industry: r.industry,
      address: r.address,
      lon: r.lon === null ? null : Number(r.lon),
      lat: r.lat === null ? null : Number(r.lat),
      active: r.active,
      note: r.note,
      outlets: r.outlets,
      openExceedances: r.open_exceedances,
    })),
  };
}

export async function enterpriseView(db: Reader, id: number, scope: OrgScope = null): Promise<Enterprise | null> {
  const { items } = await listEnterprises(db, { scope, ids: [id] });
  return items[0] ?? null;
}

// ---- outlets ----

/** 排放口 as the API shows it. */
export interface Outlet {
  id: number;
  enterpriseId: number;
  code: string;
  name: string;
  medium: 'gas' | 'water';
  lon: number | null;
  lat: number | null;
  active: boolean;
  note: string | null;
}

function selectOutlets(db: Reader) {
  return db
    .selectFrom('enterprise_outlet as o')
    .select([
      'o.id', 'o.enterprise_id as enterpriseId', 'o.code', 'o.name', 'o.medium', 'o.active', 'o.note',
      sql<number | null>`ST_X(o.geom)`.as('lon'),
      sql<number | null>`ST_Y(o.geom)`.as('lat'),
    ]);
}

const outletOf = (r: Outlet): Outlet => ({ ...r, lon: r.lon === null ? null : Number(r.lon), lat: r.lat === null ? null : Number(r.lat) });

export async function outletsOf(db: Reader, enterpriseId: number): Promise<Outlet[]> {
  return (await selectOutlets(db).where('o.enterprise_id', '=', enterpriseId).orderBy('o.code').execute()).map(outletOf);
}

export async function outletView(db: Reader, id: number): Promise<Outlet | null> {
  const row = await selectOutlets(db).where('o.id', '=', id).executeTakeFirst();
  return row ? outletOf(row) : null;
}

/** The organisation an outlet's records belong to (its enterprise's), for scoping. */
export async function outletOwner(db: Reader, outletId: number): Promise<{ enterpriseId: number; organisationId: number } | null> {
  const row = await db
    .selectFrom('enterprise_outlet as o')
    .innerJoin('enterprise as e', 'e.id', 'o.enterprise_id')
    .select(['e.id as enterpriseId', 'e.organisation_id as organisationId'])
    .where('o.id', '=', outletId)
    .executeTakeFirst();
  return row ?? null;
}

// ---- limits ----

export type Basis = 'avg' | 'zs_avg';
export type Resolution = 'minute' | 'hour' | 'day';

/** 排放限值 as the API shows it. */
export interface EmissionLimit {
  id: number;
  outletId: number;
  factorCode: string;
  limitValue: number;
  unit: string;
  basis: Basis;
  resolution: Resolution;
  standard: string;
  clause: string | null;
  validFrom: string | null;
  validTo: string | null;
}

function selectLimits(db: Reader) {
  return db
    .selectFrom('emission_limit as l')
    .select([
      'l.id', 'l.outlet_id', 'l.factor_code', sql<string>`l.limit_value::text`.as('limit_value'), 'l.unit', 'l.basis', 'l.resolution', 'l.standard', 'l.clause',
      sql<string | null>`l.valid_from::text`.as('valid_from'),
      sql<string | null>`l.valid_to::text`.as('valid_to'),
    ]);
}

type LimitRow = Awaited<ReturnType<ReturnType<typeof selectLimits>['executeTakeFirstOrThrow']>>;

const limitOf = (r: LimitRow): EmissionLimit => ({
  id: r.id,
  outletId: r.outlet_id,
  factorCode: r.factor_code,
  limitValue: Number(r.limit_value),
  unit: r.unit,
  basis: r.basis,
  resolution: r.resolution,
  standard: r.standard,
  clause: r.clause,
  validFrom: r.valid_from,
  validTo: r.valid_to,
});

export async function limitsOf(db: Reader, outletId: number): Promise<EmissionLimit[]> {
  return (await selectLimits(db).where('l.outlet_id', '=', outletId).orderBy('l.factor_code').orderBy('l.id').execute()).map(limitOf);
}

export async function limitView(db: Reader, id: number): Promise<EmissionLimit | null> {
  const row = await selectLimits(db).where('l.id', '=', id).executeTakeFirst();
  return row ? limitOf(row) : null;
}

// ---- readings ----

/** The CN of the data that judge a limit of each resolution (HJ 212: 2051 minute, 2061 hour, 2031 day). */
export const CN_OF_RESOLUTION: Readonly<Record<Resolution, '2051' | '2061' | '2031'>> = { minute: '2051', hour: '2061', day: '2031' };

/** One period of one factor over an outlet's devices: the highest valid value, or null when none is valid. */
export interface PeriodReading {
  start: Date;
  value: number | null;
}

/**
 * The readings of an outlet's devices for one factor and CN from `since` (a period start) on. When
 * two devices report the same period, the higher valid value counts: an outlet is judged by what it
 * emitted, and a second analyser showing less does not undo the first showing more.
 */
export async function periodReadings(db: Reader, outletId: number, factorCode: string, cn: string, basis: Basis, since: Date): Promise<PeriodReading[]> {
  const column = basis === 'zs_avg' ? sql.ref('r.zs_avg') : sql.ref('r.avg');
  const { rows } = await sql<{ start: Date; value: string | null }>`
    SELECT r.data_time AS start, max(${column}) FILTER (WHERE r.valid)::text AS value
    FROM gateway_reading r JOIN gateway_device d ON d.id = r.device_id
    WHERE d.outlet_id = ${outletId} AND r.cn = ${cn} AND r.factor_code = ${factorCode} AND r.data_time >= ${since}
    GROUP BY r.data_time ORDER BY r.data_time`.execute(db);
  return rows.map((r) => ({ start: new Date(r.start), value: r.value === null ? null : Number(r.value) }));
}

// ---- exceedance events ----

/** An event as stored (what the scan needs of it). */
export interface ExceedanceRow {
  id: number;
  limitId: number;
  startedAt: Date;
  endedAt: Date;
  closedAt: Date | null;
  periods: number;
  peak: number;
}

export async function openExceedanceOf(trx: Reader, limitId: number): Promise<ExceedanceRow | null> {
  const row = await trx
    .selectFrom('emission_exceedance')
    .select(['id', 'limit_id as limitId', 'started_at as startedAt', 'ended_at as endedAt', 'closed_at as closedAt', 'periods', sql<string>`peak_value::text`.as('peak')])
    .where('limit_id', '=', limitId)
    .where('closed_at', 'is', null)
    .executeTakeFirst();
  return row ? { ...row, peak: Number(row.peak) } : null;
}

/** The end of the limit's latest event, open or closed: where the next scan resumes. */
export async function lastEventEnd(trx: Reader, limitId: number): Promise<Date | null> {
  const row = await trx.selectFrom('emission_exceedance').select((eb) => eb.fn.max('ended_at').as('at')).where('limit_id', '=', limitId).executeTakeFirst();
  return row?.at ? new Date(row.at) : null;
}

export interface NewExceedance {
  outletId: number;
  limitId: number;
  factorCode: string;
  startedAt: Date;
  endedAt: Date;
  closedAt: Date | null;
  periods: number;
  peak: number;
  limitValue: number;
  standard: string;
}

export async function insertExceedance(trx: Transaction<Database>, event: NewExceedance): Promise<number> {
  const row = await trx
    .insertInto('emission_exceedance')
    .values({
      outlet_id: event.outletId,
      limit_id: event.limitId,
      factor_code: event.factorCode,
      started_at: event.startedAt,
      ended_at: event.endedAt,
      closed_at: event.closedAt,
      periods: event.periods,
      peak_value: event.peak,
      limit_value: event.limitValue,
      standard: event.standard,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateExceedance(trx: Transaction<Database>, id: number, event: Pick<NewExceedance, 'endedAt' | 'closedAt' | 'periods' | 'peak'>): Promise<void> {
  await trx
    .updateTable('emission_exceedance')
    .set({ ended_at: event.endedAt, closed_at: event.closedAt, periods: event.periods, peak_value: event.peak, updated_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}

export async function markExceedanceAcknowledged(trx: Transaction<Database>, id: number, userId: number | null, note: string | null): Promise<void> {
  await trx
    .updateTable('emission_exceedance')
    .set({ acknowledged_by: userId, acknowledged_at: sql`now()`, note, updated_at: sql`now()` })
    .where('id', '=', id)
    .execute();
}

/** 超标事件 as the API lists it. */
export interface ExceedanceView {
  id: number;
  enterprise: { id: number; name: string; organisationId: number; districtId: number };
  outlet: { id: number; code: string; name: string };
  limitId: number;
  factorCode: string;
  unit: string;
  basis: Basis;
  resolution: Resolution;
  startedAt: Date;
  endedAt: Date;
  closedAt: Date | null;
  periods: number;
  peakValue: number;
  limitValue: number;
  standard: string;
  clause: string | null;
  acknowledgedAt: Date | null;
  acknowledgedBy: { id: number; name: string } | null;
  note: string | null;
}

export interface ExceedanceFilter {
  scope: OrgScope;
  status: 'open' | 'closed' | 'all';
  enterpriseId?: number | undefined;
  outletId?: number | undefined;
  /** Events that overlap [from, to). */
  from?: Date | undefined;
  to?: Date | undefined;
  unacknowledged?: boolean | undefined;
  ids?: number[] | undefined;
}

function selectExceedances(db: Reader, filter: ExceedanceFilter) {
  let query = db
    .selectFrom('emission_exceedance as x')
    .innerJoin('emission_limit as l', 'l.id', 'x.limit_id')
    .innerJoin('enterprise_outlet as o', 'o.id', 'x.outlet_id')
    .innerJoin('enterprise as e', 'e.id', 'o.enterprise_id')
    .leftJoin('app_user as u', 'u.id', 'x.acknowledged_by');
  const scope = scoped(filter.scope);
  if (scope) query = query.where('e.organisation_id', 'in', scope);
  if (filter.status === 'open') query = query.where('x.closed_at', 'is', null);
  if (filter.status === 'closed') query = query.where('x.closed_at', 'is not', null);
  if (filter.enterpriseId) query = query.where('e.id', '=', filter.enterpriseId);
  if (filter.outletId) query = query.where('o.id', '=', filter.outletId);
  if (filter.from) query = query.where('x.ended_at', '>', filter.from);
  if (filter.to) query = query.where('x.started_at', '<', filter.to);
  if (filter.unacknowledged) query = query.where('x.acknowledged_at', 'is', null);
  if (filter.ids) query = query.where('x.id', 'in', filter.ids.length > 0 ? filter.ids : [0]);
  return query;
}

export async function listExceedances(db: Reader, filter: ExceedanceFilter, page?: { page: number; pageSize: number }): Promise<{ items: ExceedanceView[]; total: number }> {
  const { count } = await selectExceedances(db, filter).select((eb) => eb.fn.countAll<string>().as('count')).executeTakeFirstOrThrow();
  let query = selectExceedances(db, filter)
    .select([
      'x.id', 'x.limit_id', 'x.factor_code', 'x.started_at', 'x.ended_at', 'x.closed_at', 'x.periods', sql<string>`x.peak_value::text`.as('peak_value'),
      sql<string>`x.limit_value::text`.as('limit_value'), 'x.standard', 'x.acknowledged_at', 'x.note',
      'l.unit', 'l.basis', 'l.resolution', 'l.clause',
      'o.id as outlet_id', 'o.code as outlet_code', 'o.name as outlet_name',
      'e.id as enterprise_id', 'e.name as enterprise_name', 'e.organisation_id', 'e.district_id',
      'u.id as user_id', 'u.display_name as user_name',
    ])
    // Open ones first, the latest first.
    .orderBy(sql`x.closed_at IS NULL`, 'desc')
    .orderBy('x.ended_at', 'desc')
    .orderBy('x.id', 'desc');
  if (page) query = query.limit(page.pageSize).offset((page.page - 1) * page.pageSize);
  const rows = await query.execute();
  return {
    total: Number(count),
    items: rows.map((r) => ({
      id: r.id,
      enterprise: { id: r.enterprise_id, name: r.enterprise_name, organisationId: r.organisation_id, districtId: r.district_id },
      outlet: { id: r.outlet_id, code: r.outlet_code, name: r.outlet_name },
      limitId: r.limit_id,
      factorCode: r.factor_code,
      unit: r.unit,
      basis: r.basis,
      resolution: r.resolution,
      startedAt: r.started_at,
      endedAt: r.ended_at,
      closedAt: r.closed_at,
      periods: r.periods,
      peakValue: Number(r.peak_value),
      limitValue: Number(r.limit_value),
      standard: r.standard,
      clause: r.clause,
      acknowledgedAt: r.acknowledged_at,
      acknowledgedBy: r.user_id === null || r.acknowledged_at === null ? null : { id: r.user_id, name: r.user_name ?? '' },
      note: r.note,
    })),
  };
}

export async function exceedanceView(db: Reader, id: number, scope: OrgScope = null): Promise<ExceedanceView | null> {
  const { items } = await listExceedances(db, { scope, status: 'all', ids: [id] });
  return items[0] ?? null;
}

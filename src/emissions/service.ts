/**
 * 企业排放: registering enterprises (each with its organisation, so its users log in as any unit's
 * do), their outlets and emission limits, and acknowledging exceedance events. Every change is audited.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import { audited, type Actor } from '../audit/store.ts';
import { inScope, organisationScope, type Principal } from '../auth/access.ts';
import { scopeOf } from '../auth/roles.ts';
import { problems } from '../server/problem.ts';
import {
  enterpriseView,
  exceedanceView,
  limitView,
  listExceedances,
  markExceedanceAcknowledged,
  outletOwner,
  outletView,
  point,
  type Basis,
  type EmissionLimit,
  type Enterprise,
  type ExceedanceView,
  type Outlet,
  type Resolution,
} from './store.ts';

/** The organisation kind-and-type an enterprise's organisation has. */
export const ENTERPRISE_UNIT_TYPE = 'enterprise';

export interface EnterpriseInput {
  name?: string;
  creditCode?: string | null;
  districtId?: number;
  industry?: string | null;
  address?: string | null;
  lon?: number | null;
  lat?: number | null;
  active?: boolean;
  note?: string | null;
}

async function checkDistrict(db: Db, districtId: number | undefined): Promise<void> {
  if (districtId === undefined) return;
  const district = await db.selectFrom('organisation').select('kind').where('id', '=', districtId).executeTakeFirst();
  if (district?.kind !== 'district') throw problems.badRequest('所在县区不存在', [{ field: 'districtId', message: '应为县（区）' }]);
}

/** Organisation names are unique (documents resolve units by name), and an enterprise's is its own. */
async function checkNameFree(db: Db, name: string | undefined, exceptOrganisationId: number | null): Promise<void> {
  if (name === undefined) return;
  const clash = await db
    .selectFrom('organisation')
    .select('name')
    .where((eb) => eb.or([eb('name', '=', name), sql<boolean>`${name} = ANY(aliases)`]))
    .$if(exceptOrganisationId !== null, (q) => q.where('id', '!=', exceptOrganisationId!))
    .executeTakeFirst();
  if (clash) throw problems.conflict(`名称「${name}」已被其他单位使用`, 'name');
}

async function checkCreditCodeFree(db: Db, creditCode: string | null | undefined, exceptId: number | null): Promise<void> {
  if (!creditCode) return;
  const clash = await db
    .selectFrom('enterprise')
    .select('name')
    .where('credit_code', '=', creditCode)
    .$if(exceptId !== null, (q) => q.where('id', '!=', exceptId!))
    .executeTakeFirst();
  if (clash) throw problems.conflict(`统一社会信用代码已登记为「${clash.name}」`, 'creditCode');
}

function enterpriseColumns(input: EnterpriseInput) {
  return {
    ...(input.name !== undefined && { name: input.name.trim() }),
    ...(input.creditCode !== undefined && { credit_code: input.creditCode }),
    ...(input.districtId !== undefined && { district_id: input.districtId }),
    ...(input.industry !== undefined && { industry: input.industry }),
    ...(input.address !== undefined && { address: input.address }),
    ...(input.lon !== undefined && input.lat !== undefined && { geom: point(input.lon, input.lat) }),
    ...(input.active !== undefined && { active: input.active }),
    ...(input.note !== undefined && { note: input.note }),
  };
}

/** Creates the enterprise and its organisation (a unit of type 'enterprise' under its district) together. */
export async function createEnterprise(db: Db, actor: Actor, input: EnterpriseInput & { name: string; districtId: number }): Promise<Enterprise> {
  await checkDistrict(db, input.districtId);
  await checkNameFree(db, input.name.trim(), null);
  await checkCreditCodeFree(db, input.creditCode, null);
  const id = await audited(db, actor, async (trx, audit) => {
    const organisation = await trx
      .insertInto('organisation')
      .values({
        key: `enterprise-${randomBytes(6).toString('hex')}`,
        name: input.name.trim(),
        full_name: null,
        kind: 'unit',
        unit_type: ENTERPRISE_UNIT_TYPE,
        district_type: null,
        code: input.creditCode ?? null,
        parent_id: input.districtId,
        note: null,
      })
      .returning(['id', 'key'])
      .executeTakeFirstOrThrow();
    const row = await trx
      .insertInto('enterprise')
      .values({ organisation_id: organisation.id, name: input.name.trim(), district_id: input.districtId, credit_code: null, industry: null, address: null, note: null, ...enterpriseColumns(input) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit({ action: 'create', entity: 'organisation', entityId: organisation.id, after: { key: organisation.key, name: input.name.trim(), kind: 'unit', unitType: ENTERPRISE_UNIT_TYPE, parentId: input.districtId } });
    await audit({ action: 'create', entity: 'enterprise', entityId: row.id, after: { ...input, organisationId: organisation.id } });
    return row.id;
  });
  return (await enterpriseView(db, id))!;
}

/** Updates the enterprise; its organisation follows its name, credit code, district and being active. */
export async function updateEnterprise(db: Db, actor: Actor, id: number, input: EnterpriseInput): Promise<Enterprise> {
  const before = await enterpriseView(db, id);
  if (!before) throw problems.notFound('企业');
  await checkDistrict(db, input.districtId);
  await checkNameFree(db, input.name?.trim(), before.organisationId);
  await checkCreditCodeFree(db, input.creditCode, id);
  await audited(db, actor, async (trx, audit) => {
    const columns = enterpriseColumns(input);
    if (Object.keys(columns).length > 0) await trx.updateTable('enterprise').set({ ...columns, updated_at: sql`now()` }).where('id', '=', id).execute();
    await trx
      .updateTable('organisation')
      .set({
        ...(columns.name !== undefined && { name: columns.name }),
        ...(columns.credit_code !== undefined && { code: columns.credit_code }),
        ...(columns.district_id !== undefined && { parent_id: columns.district_id }),
        ...(columns.active !== undefined && { active: columns.active }),
        updated_at: sql`now()`,
      })
      .where('id', '=', before.organisationId)
      .execute();
    await audit({ action: 'update', entity: 'enterprise', entityId: id, before, after: input });
  });
  return (await enterpriseView(db, id))!;
}

/** An enterprise the caller may read, or 404 (one outside the caller's scope is not admitted to exist). */
export async function readableEnterprise(db: Db, principal: Principal, id: number): Promise<Enterprise> {
  const enterprise = await enterpriseView(db, id, await organisationScope(db, principal, 'emissions.read'));
  if (!enterprise) throw problems.notFound('企业');
  return enterprise;
}

export async function readableOutlet(db: Db, principal: Principal, id: number): Promise<Outlet> {
  const owner = await outletOwner(db, id);
  if (!owner || !inScope(await organisationScope(db, principal, 'emissions.read'), owner.organisationId)) throw problems.notFound('排放口');
  return (await outletView(db, id))!;
}

export interface OutletInput {
  code?: string;
  name?: string;
  medium?: 'gas' | 'water';
  lon?: number | null;
  lat?: number | null;
  active?: boolean;
  note?: string | null;
}

function outletColumns(input: OutletInput) {
  return {
    ...(input.code !== undefined && { code: input.code }),
    ...(input.name !== undefined && { name: input.name.trim() }),
    ...(input.medium !== undefined && { medium: input.medium }),
    ...(input.lon !== undefined && input.lat !== undefined && { geom: point(input.lon, input.lat) }),
    ...(input.active !== undefined && { active: input.active }),
    ...(input.note !== undefined && { note: input.note }),
  };
}

async function checkOutletCodeFree(db: Db, enterpriseId: number, code: string | undefined, exceptId: number | null): Promise<void> {
  if (code === undefined) return;
  const clash = await db
    .selectFrom('enterprise_outlet')
    .select('id')
    .where('enterprise_id', '=', enterpriseId)
    .where('code', '=', code)
    .$if(exceptId !== null, (q) => q.where('id', '!=', exceptId!))
    .executeTakeFirst();
  if (clash) throw problems.conflict(`该企业已有编号为 ${code} 的排放口`, 'code');
}

export async function createOutlet(db: Db, actor: Actor, enterpriseId: number, input: OutletInput & { code: string; name: string; medium: 'gas' | 'water' }): Promise<Outlet> {
  if (!(await enterpriseView(db, enterpriseId))) throw problems.notFound('企业');
  await checkOutletCodeFree(db, enterpriseId, input.code, null);
  const id = await audited(db, actor, async (trx, audit) => {
    const row = await trx
      .insertInto('enterprise_outlet')
      .values({ enterprise_id: enterpriseId, code: input.code, name: input.name.trim(), medium: input.medium, note: null, ...outletColumns(input) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit({ action: 'create', entity: 'enterprise_outlet', entityId: row.id, after: { enterpriseId, ...input } });
    return row.id;
  });
  return (await outletView(db, id))!;
}

export async function updateOutlet(db: Db, actor: Actor, id: number, input: OutletInput): Promise<Outlet> {
  const before = await outletView(db, id);
  if (!before) throw problems.notFound('排放口');
  await checkOutletCodeFree(db, before.enterpriseId, input.code, id);
  await audited(db, actor, async (trx, audit) => {
    const columns = outletColumns(input);
    if (Object.keys(columns).length > 0) await trx.updateTable('enterprise_outlet').set({ ...columns, updated_at: sql`now()` }).where('id', '=', id).execute();
    await audit({ action: 'update', entity: 'enterprise_outlet', entityId: id, before, after: input });
  });
  return (await outletView(db, id))!;
}

export interface LimitInput {
  factorCode?: string;
  limitValue?: number;
  unit?: string;
  basis?: Basis;
  resolution?: Resolution;
  standard?: string;
  clause?: string;
  validFrom?: string | null;
  validTo?: string | null;
}

function limitColumns(input: LimitInput) {
  return {
    ...(input.factorCode !== undefined && { factor_code: input.factorCode }),
    ...(input.limitValue !== undefined && { limit_value: input.limitValue }),
    ...(input.unit !== undefined && { unit: input.unit }),
    ...(input.basis !== undefined && { basis: input.basis }),
    ...(input.resolution !== undefined && { resolution: input.resolution }),
    ...(input.standard !== undefined && { standard: input.standard.trim() }),
    ...(input.clause !== undefined && { clause: input.clause.trim() }),
    ...(input.validFrom !== undefined && { valid_from: input.validFrom }),
    ...(input.validTo !== undefined && { valid_to: input.validTo }),
  };
}

function checkValidity(validFrom: string | null | undefined, validTo: string | null | undefined): void {
  if (validFrom && validTo && validTo < validFrom) throw problems.badRequest('有效期止不能早于有效期起', [{ field: 'validTo', message: '不能早于有效期起' }]);
}

export async function createLimit(db: Db, actor: Actor, outletId: number, input: LimitInput & { factorCode: string; limitValue: number; unit: string; standard: string; clause: string }): Promise<EmissionLimit> {
  if (!(await outletView(db, outletId))) throw problems.notFound('排放口');
  checkValidity(input.validFrom, input.validTo);
  const id = await audited(db, actor, async (trx, audit) => {
    const row = await trx
      .insertInto('emission_limit')
      .values({ outlet_id: outletId, factor_code: input.factorCode, limit_value: input.limitValue, unit: input.unit, standard: input.standard, clause: input.clause, ...limitColumns(input) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit({ action: 'create', entity: 'emission_limit', entityId: row.id, after: { outletId, ...input } });
    return row.id;
  });
  return (await limitView(db, id))!;
}

/**
 * Changing a limit does not rejudge its past events: each keeps the limit value and standard it was
 * raised under (emission_exceedance.limit_value, standard), as a notice served under them stands.
 */
export async function updateLimit(db: Db, actor: Actor, id: number, input: LimitInput): Promise<EmissionLimit> {
  const before = await limitView(db, id);
  if (!before) throw problems.notFound('排放限值');
  checkValidity(input.validFrom === undefined ? before.validFrom : input.validFrom, input.validTo === undefined ? before.validTo : input.validTo);
  await audited(db, actor, async (trx, audit) => {
    const columns = limitColumns(input);
    if (Object.keys(columns).length > 0) await trx.updateTable('emission_limit').set({ ...columns, updated_at: sql`now()` }).where('id', '=', id).execute();
    await audit({ action: 'update', entity: 'emission_limit', entityId: id, before, after: input });
  });
  return (await limitView(db, id))!;
}

/** Deleting a limit deletes its events with it (the schema cascades); the audit keeps what was there. */
export async function deleteLimit(db: Db, actor: Actor, id: number): Promise<void> {
  const before = await limitView(db, id);
  if (!before) throw problems.notFound('排放限值');
  await audited(db, actor, async (trx, audit) => {
    const { events } = await trx.selectFrom('emission_exceedance').select((eb) => eb.fn.countAll<string>().as('events')).where('limit_id', '=', id).executeTakeFirstOrThrow();
    await trx.deleteFrom('emission_limit').where('id', '=', id).execute();
    await audit({ action: 'delete', entity: 'emission_limit', entityId: id, before: { ...before, exceedances: Number(events) } });
  });
}

/**
 * The enterprise itself, its district (users of the organisations above it, within their scope) or
 * the coordinator acknowledge an event, with an optional note; acknowledging twice keeps the first.
 */
export async function acknowledgeExceedance(db: Db, actor: Actor, principal: Principal, id: number, note: string | null): Promise<ExceedanceView> {
  const event = await exceedanceView(db, id, await organisationScope(db, principal, 'emissions.read'));
  if (!event) throw problems.notFound('超标事件');
  const scope = scopeOf(principal.user.role, 'emissions.act') === null ? [] : await organisationScope(db, principal, 'emissions.act');
  if (!inScope(scope, event.enterprise.organisationId)) throw problems.forbidden('只有该企业、其所在县区或综合协调人员可以确认超标事件 / only the enterprise, its district or the coordinator acknowledge');
  if (event.acknowledgedAt === null) {
    await audited(db, actor, async (trx, audit) => {
      await markExceedanceAcknowledged(trx, id, principal.user.id, note);
      await audit({ action: 'acknowledge', entity: 'emission_exceedance', entityId: id, after: { note } });
    });
  }
  return (await exceedanceView(db, id))!;
}

/**
 * The caller's inbox: open, unacknowledged events it may acknowledge (an enterprise user its own, a
 * district user its district's enterprises', the coordinator every one); none for the others, who
 * read events but do not answer for them.
 */
export async function exceedanceInbox(db: Db, principal: Principal): Promise<ExceedanceView[]> {
  if (scopeOf(principal.user.role, 'emissions.act') === null) return [];
  const scope = await organisationScope(db, principal, 'emissions.act');
  return (await listExceedances(db, { scope, status: 'open', unacknowledged: true })).items;
}

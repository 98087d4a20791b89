import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import { audited, type Actor } from '../audit/store.ts';
import { problems } from '../server/problem.ts';
import { getOrganisation, wouldCycle, type Organisation } from './store.ts';

export interface OrganisationInput {
  key?: string;
  name?: string;
  fullName?: string | null;
  kind?: Organisation['kind'];
  districtType?: string | null;
  unitType?: string | null;
  code?: string | null;
  codeOfficial?: boolean;
  parentId?: number | null;
  hostId?: number | null;
  aliases?: string[];
  note?: string | null;
  active?: boolean;
}

function columns(input: OrganisationInput) {
  return {
    ...(input.name !== undefined && { name: input.name.trim() }),
    ...(input.fullName !== undefined && { full_name: input.fullName }),
    ...(input.kind !== undefined && { kind: input.kind }),
    ...(input.districtType !== undefined && { district_type: input.districtType }),
    ...(input.unitType !== undefined && { unit_type: input.unitType }),
    ...(input.code !== undefined && { code: input.code }),
    ...(input.codeOfficial !== undefined && { code_official: input.codeOfficial }),
    ...(input.parentId !== undefined && { parent_id: input.parentId }),
    ...(input.hostId !== undefined && { host_id: input.hostId }),
    ...(input.aliases !== undefined && { aliases: [...new Set(input.aliases.map((a) => a.trim()).filter(Boolean))] }),
    ...(input.note !== undefined && { note: input.note }),
    ...(input.active !== undefined && { active: input.active }),
  };
}

/** A name or alias may belong to one organisation only, or documents could not be resolved to one. */
async function checkNamesFree(db: Db, names: string[], exceptId: number | null): Promise<void> {
  if (names.length === 0) return;
  const clash = await db
    .selectFrom('organisation')
    .select(['name'])
    .where((eb) => eb.or([eb('name', 'in', names), sql<boolean>`aliases && ARRAY[${sql.join(names)}]::text[]`]))
    .$if(exceptId !== null, (q) => q.where('id', '!=', exceptId!))
    .executeTakeFirst();
  if (clash) throw problems.conflict(`名称或别名已被「${clash.name}」使用`, 'aliases');
}

async function checkParent(db: Db, id: number | null, parentId: number | null | undefined): Promise<void> {
  if (parentId === undefined || parentId === null) return;
  if (!(await getOrganisation(db, parentId))) {
    throw problems.badRequest('上级组织不存在', [{ field: 'parentId', message: '上级组织不存在' }]);
  }
  if (id !== null && (parentId === id || (await wouldCycle(db, id, parentId)))) {
    throw problems.badRequest('上级组织不能是自己或自己的下级', [{ field: 'parentId', message: '会形成循环' }]);
  }
}

export async function createOrganisation(db: Db, actor: Actor, input: OrganisationInput & { key: string; name: string; kind: Organisation['kind'] }): Promise<Organisation> {
  const existing = await db.selectFrom('organisation').select('id').where('key', '=', input.key).executeTakeFirst();
  if (existing) throw problems.conflict(`标识 ${input.key} 已存在`, 'key');
  await checkNamesFree(db, [input.name, ...(input.aliases ?? [])], null);
  await checkParent(db, null, input.parentId);
  return audited(db, actor, async (trx, audit) => {
    const row = await trx
      .insertInto('organisation')
      .values({ key: input.key, name: input.name, kind: input.kind, parent_id: input.parentId ?? null, ...columns(input) })
      .returning('id')
      .executeTakeFirstOrThrow();
    const created = (await getOrganisation(trx, row.id))!;
    await audit({ action: 'create', entity: 'organisation', entityId: created.id, after: created });
    return created;
  });
}

export async function updateOrganisation(db: Db, actor: Actor, id: number, input: OrganisationInput): Promise<Organisation> {
  const current = await getOrganisation(db, id);
  if (!current) throw problems.notFound('组织机构');
  const names = [...(input.name !== undefined ? [input.name] : []), ...(input.aliases ?? [])];
  await checkNamesFree(db, names, id);
  await checkParent(db, id, input.parentId);
  if (input.active === false) {
    const activeChild = await db.selectFrom('organisation').select('id').where('parent_id', '=', id).where('active', '=', true).executeTakeFirst();
    if (activeChild) throw problems.conflict('请先停用其下级组织机构', 'active');
  }
  return audited(db, actor, async (trx, audit) => {
    const before = (await getOrganisation(trx, id))!;
    await trx.updateTable('organisation').set({ ...columns(input), updated_at: new Date() }).where('id', '=', id).execute();
    const after = (await getOrganisation(trx, id))!;
    await audit({ action: 'update', entity: 'organisation', entityId: id, before, after });
    return after;
  });
}

import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { audited, type Actor } from '../../audit/store.ts';
import { inScope, organisationScope, type Principal } from '../../auth/access.ts';
import { scopeOf } from '../../auth/roles.ts';
import { gridsWorkedBy } from '../../grids/store.ts';
import { problems } from '../../server/problem.ts';
import { item, items, standingOf } from '../service.ts';
import type { TaskItem } from '../store.ts';
import { mergeRows, peopleRights, type PeopleRights } from './rights.ts';
import { gridsOf, linksToGrids, personsOf, replacePeople, type ItemGrid, type ItemPerson, type PersonValues } from './store.ts';

/** 包保责任人 and 网格 of an item as one user sees them. */
export interface ItemPeople {
  rights: PeopleRights;
  /** Phone numbers are shown to those who may act on the item or edit its people, to no one else. */
  phoneVisible: boolean;
  persons: (ItemPerson & { editable: boolean })[];
  grids: (ItemGrid & { editable: boolean })[];
}

export interface PeopleInput {
  persons: { name: string; post?: string | null; organisationId?: number | null; phone?: string | null }[];
  gridIds: number[];
}

interface Access {
  rights: PeopleRights;
  /** Whether persons and grids of an organisation are the user's part: its own organisation's or under it. */
  ownsPart: (organisationId: number | null) => boolean;
  phoneVisible: boolean;
}

async function accessTo(db: Db, principal: Principal, task: TaskItem): Promise<Access> {
  let scope: number[] | null | undefined;
  try {
    scope = await organisationScope(db, principal, 'tasks.act');
  } catch {
    scope = undefined;
  }
  const ownsPart = (organisationId: number | null) => scope !== undefined && organisationId !== null && inScope(scope, organisationId);
  const rights = peopleRights({
    manages: scopeOf(principal.user.role, 'tasks.manage') !== null,
    actsFor: scope === undefined ? null : principal.user.organisationId,
    units: task.units,
  });
  const standing = await standingOf(principal, task);
  return { rights, ownsPart, phoneVisible: rights !== null || standing.responsible || standing.acceptor };
}

function view(access: Access, persons: ItemPerson[], grids: ItemGrid[]): ItemPeople {
  const editable = (organisationId: number | null) => access.rights === 'all' || (access.rights === 'own' && access.ownsPart(organisationId));
  return {
    rights: access.rights,
    phoneVisible: access.phoneVisible,
    persons: persons.map((p) => ({ ...p, phone: access.phoneVisible ? p.phone : null, editable: editable(p.organisationId) })),
    grids: grids.map((g) => ({ ...g, editable: editable(g.organisationId) })),
  };
}

export async function itemPeople(db: Db, principal: Principal, id: number): Promise<ItemPeople> {
  const task = await item(db, id);
  const [access, persons, grids] = await Promise.all([accessTo(db, principal, task), personsOf(db, id), gridsOf(db, id)]);
  return view(access, persons, grids);
}

const clean = (text: string | null | undefined) => text?.trim() || null;

/** What the audit trail keeps of an item's people: enough to read the change without joins. */
function auditView(persons: readonly PersonValues[], grids: readonly { id: number; code: string; name: string }[]) {
  return { persons: persons.map((p) => ({ ...p })), grids: grids.map(({ id, code, name }) => ({ id, code, name })) };
}

/**
 * Sets the item's 包保责任人 and 网格. With 'own' rights (a 责任单位 of an item without 牵头单位) the
 * submission is the unit's own part: persons of its organisations and grids they own.
 */
export async function setItemPeople(db: Db, actor: Actor, principal: Principal, id: number, input: PeopleInput): Promise<ItemPeople> {
  const task = await item(db, id);
  const access = await accessTo(db, principal, task);
  const rights = access.rights;
  if (rights === null) throw problems.forbidden('只有管理员、综合协调和本事项的牵头单位（无牵头单位时为各责任单位）可以设置包保责任人和网格');
  const submitted: PersonValues[] = input.persons.map((p) => ({ name: p.name.trim(), post: clean(p.post), organisationId: p.organisationId ?? null, phone: clean(p.phone) }));

  const found: { field: string; message: string }[] = [];
  const organisationIds = [...new Set(submitted.map((p) => p.organisationId).filter((o): o is number => o !== null))];
  const organisations = organisationIds.length ? await db.selectFrom('organisation').select(['id', 'active']).where('id', 'in', organisationIds).execute() : [];
  submitted.forEach((p, index) => {
    const field = `persons.${index}.organisationId`;
    const org = organisations.find((o) => o.id === p.organisationId);
    if (p.organisationId !== null && !org) found.push({ field, message: '组织机构不存在' });
    else if (org && !org.active) found.push({ field, message: '组织机构已停用' });
    else if (rights === 'own' && !access.ownsPart(p.organisationId)) found.push({ field, message: '只能填写本单位及下属单位的包保责任人' });
  });
  const current = await gridsOf(db, id);
  const grids = input.gridIds.length ? await db.selectFrom('grid').select(['id', 'code', 'name', 'active', 'organisation_id']).where('id', 'in', input.gridIds).execute() : [];
  input.gridIds.forEach((gridId, index) => {
    const field = `gridIds.${index}`;
    const grid = grids.find((g) => g.id === gridId);
    if (input.gridIds.indexOf(gridId) !== index) found.push({ field, message: '网格重复' });
    else if (!grid) found.push({ field, message: '网格不存在' });
    // A grid deactivated since it was linked may stay; a new link needs an active grid.
    else if (!grid.active && !current.some((g) => g.id === gridId)) found.push({ field, message: '网格已停用' });
    else if (rights === 'own' && !access.ownsPart(grid.organisation_id)) found.push({ field, message: '只能选择本单位及下属单位的网格' });
  });
  if (found.length > 0) throw problems.badRequest(found.map((f) => `${f.field}：${f.message}`).join('；'), found);

  await audited(db, actor, async (trx, audit) => {
    // Serialises edits of one item, so two units editing their own parts do not drop each other's.
    await sql`SELECT id FROM task_item WHERE id = ${id} FOR UPDATE`.execute(trx);
    const beforePersons = await personsOf(trx, id);
    const beforeGrids = await gridsOf(trx, id);
    const values = (p: ItemPerson): PersonValues => ({ name: p.name, post: p.post, organisationId: p.organisationId, phone: p.phone });
    const persons = mergeRows(rights, beforePersons.map(values), submitted, (p) => access.ownsPart(p.organisationId));
    const kept = mergeRows(rights, beforeGrids, [], (g) => access.ownsPart(g.organisationId));
    const afterGrids = [...kept, ...input.gridIds.filter((gridId) => !kept.some((g) => g.id === gridId)).map((gridId) => grids.find((g) => g.id === gridId)!)];
    await replacePeople(trx, id, persons, afterGrids.map((g) => g.id));
    await trx.updateTable('task_item').set({ updated_at: new Date() }).where('id', '=', id).execute();
    await audit({ action: 'set-people', entity: 'task_item', entityId: id, before: auditView(beforePersons.map(values), beforeGrids), after: auditView(persons, afterGrids) });
  });
  return itemPeople(db, principal, id);
}

/** 网格员的事项: items worked in the grids the user works, with the grids they are worked in. */
export async function gridTasks(db: Db, principal: Principal): Promise<(TaskItem & { grids: { id: number; code: string; name: string }[] })[]> {
  const links = await linksToGrids(db, await gridsWorkedBy(db, principal.user.id));
  if (links.length === 0) return [];
  const found = await items(db, { ids: [...new Set(links.map((l) => l.itemId))] });
  return found.map((task) => ({ ...task, grids: links.filter((l) => l.itemId === task.id).map((l) => l.grid) }));
}

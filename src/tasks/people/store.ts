import type { Transaction } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { Database } from '../../db/schema.ts';
import type { GridLevel } from '../../grids/rules.ts';

type Reader = Db | Transaction<Database>;

/** 包保责任人 of an item. */
export interface ItemPerson {
  id: number;
  name: string;
  /** 职务 */
  post: string | null;
  organisationId: number | null;
  organisationName: string | null;
  phone: string | null;
}

export interface ItemGrid {
  id: number;
  code: string;
  name: string;
  level: GridLevel;
  organisationId: number;
  organisationName: string;
  active: boolean;
}

export interface PersonValues {
  name: string;
  post: string | null;
  organisationId: number | null;
  phone: string | null;
}

export async function personsOf(db: Reader, itemId: number): Promise<ItemPerson[]> {
  const rows = await db
    .selectFrom('task_person as p')
    .leftJoin('organisation as o', 'o.id', 'p.organisation_id')
    .select(['p.id', 'p.name', 'p.post', 'p.organisation_id', 'o.name as organisation_name', 'p.phone'])
    .where('p.item_id', '=', itemId)
    .orderBy('p.position')
    .orderBy('p.id')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, post: r.post, organisationId: r.organisation_id, organisationName: r.organisation_name, phone: r.phone }));
}

export async function gridsOf(db: Reader, itemId: number): Promise<ItemGrid[]> {
  const rows = await db
    .selectFrom('task_grid as t')
    .innerJoin('grid as g', 'g.id', 't.grid_id')
    .innerJoin('organisation as o', 'o.id', 'g.organisation_id')
    .select(['g.id', 'g.code', 'g.name', 'g.level', 'g.organisation_id', 'o.name as organisation_name', 'g.active'])
    .where('t.item_id', '=', itemId)
    .orderBy('t.position')
    .execute();
  return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, level: r.level, organisationId: r.organisation_id, organisationName: r.organisation_name, active: r.active }));
}

/** Appends 包保责任人 to a new item (the import) or after clearing them (an edit). */
export async function insertPersons(trx: Transaction<Database>, itemId: number, persons: readonly PersonValues[]): Promise<void> {
  if (persons.length === 0) return;
  await trx
    .insertInto('task_person')
    .values(persons.map((p, position) => ({ item_id: itemId, position, name: p.name, post: p.post, organisation_id: p.organisationId, phone: p.phone })))
    .execute();
}

export async function replacePeople(trx: Transaction<Database>, itemId: number, persons: readonly PersonValues[], gridIds: readonly number[]): Promise<void> {
  await trx.deleteFrom('task_person').where('item_id', '=', itemId).execute();
  await insertPersons(trx, itemId, persons);
  await trx.deleteFrom('task_grid').where('item_id', '=', itemId).execute();
  if (gridIds.length > 0) {
    await trx.insertInto('task_grid').values(gridIds.map((gridId, position) => ({ item_id: itemId, grid_id: gridId, position }))).execute();
  }
}

/** Which items are worked in these grids, and in which of them. */
export async function linksToGrids(db: Db, gridIds: readonly number[]): Promise<{ itemId: number; grid: { id: number; code: string; name: string } }[]> {
  if (gridIds.length === 0) return [];
  const rows = await db
    .selectFrom('task_grid as t')
    .innerJoin('grid as g', 'g.id', 't.grid_id')
    .select(['t.item_id', 'g.id', 'g.code', 'g.name'])
    .where('t.grid_id', 'in', [...gridIds])
    .orderBy('g.code')
    .execute();
  return rows.map((r) => ({ itemId: r.item_id, grid: { id: r.id, code: r.code, name: r.name } }));
}

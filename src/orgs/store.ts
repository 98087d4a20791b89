import { sql, type Transaction } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { Database, OrganisationRow, OrganisationSource } from '../db/schema.ts';

/** 组织机构: the city, a district/county/zone, or a unit named by the city's documents. */
export interface Organisation {
  id: number;
  key: string;
  name: string;
  fullName: string | null;
  kind: 'city' | 'district' | 'unit';
  districtType: string | null;
  unitType: string | null;
  code: string | null;
  codeOfficial: boolean;
  parentId: number | null;
  /** 所在部门: the department a coordination body (议事协调机构) sits in. */
  hostId: number | null;
  aliases: string[];
  sources: OrganisationSource[];
  note: string | null;
  active: boolean;
}

export function toOrganisation(row: OrganisationRow): Organisation {
  return {
    id: row.id,
    key: row.key,
    name: row.name,
    fullName: row.full_name,
    kind: row.kind,
    districtType: row.district_type,
    unitType: row.unit_type,
    code: row.code,
    codeOfficial: row.code_official,
    parentId: row.parent_id,
    hostId: row.host_id,
    aliases: row.aliases,
    sources: row.sources,
    note: row.note,
    active: row.active,
  };
}

export interface OrganisationFilter {
  q?: string;
  kind?: string;
  active?: boolean;
  page: number;
  pageSize: number;
}

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export async function listOrganisations(db: Db, filter: OrganisationFilter): Promise<{ items: Organisation[]; total: number }> {
  let query = db.selectFrom('organisation');
  if (filter.q) {
    const pattern = likePattern(filter.q.trim());
    query = query.where((eb) =>
      eb.or([
        eb('name', 'ilike', pattern),
        eb('full_name', 'ilike', pattern),
        eb('key', 'ilike', pattern),
        eb('code', 'ilike', pattern),
        sql<boolean>`EXISTS (SELECT 1 FROM unnest(aliases) AS alias WHERE alias ILIKE ${pattern})`,
      ]),
    );
  }
  if (filter.kind) query = query.where('kind', '=', filter.kind as Organisation['kind']);
  if (filter.active !== undefined) query = query.where('active', '=', filter.active);
  const [rows, count] = await Promise.all([
    query
      .selectAll()
      .orderBy(sql`CASE kind WHEN 'city' THEN 0 WHEN 'district' THEN 1 ELSE 2 END`)
      .orderBy('code')
      .orderBy('id')
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute(),
    query.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toOrganisation), total: count.total };
}

export async function allOrganisations(db: Db): Promise<Organisation[]> {
  const rows = await db.selectFrom('organisation').selectAll().orderBy('id').execute();
  return rows.map(toOrganisation);
}

export async function getOrganisation(db: Db | Transaction<Database>, id: number): Promise<Organisation | null> {
  const row = await db.selectFrom('organisation').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toOrganisation(row) : null;
}

export type OrganisationTreeNode = Organisation & { children: OrganisationTreeNode[] };

/** Nests organisations under their parents; roots are those without a (known) parent. */
export function buildTree(organisations: readonly Organisation[]): OrganisationTreeNode[] {
  const nodes = new Map<number, OrganisationTreeNode>(organisations.map((o) => [o.id, { ...o, children: [] }]));
  const roots: OrganisationTreeNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId === null ? undefined : nodes.get(node.parentId);
    (parent ? parent.children : roots).push(node);
  }
  return roots;
}

/** True when making `parentId` the parent of `id` would close a loop. */
export async function wouldCycle(db: Db | Transaction<Database>, id: number, parentId: number): Promise<boolean> {
  const { rows } = await sql<{ found: boolean }>`
    WITH RECURSIVE ancestors AS (
      SELECT id, parent_id FROM organisation WHERE id = ${parentId}
      UNION ALL
      SELECT o.id, o.parent_id FROM organisation o JOIN ancestors a ON o.id = a.parent_id
    )
    SELECT EXISTS (SELECT 1 FROM ancestors WHERE id = ${id}) AS found`.execute(db);
  return rows[0]?.found ?? false;
}

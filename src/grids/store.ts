import { sql, type Transaction } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { Database } from '../db/schema.ts';
import type { GridLevel, MemberRole } from './rules.ts';

type Reader = Db | Transaction<Database>;

export interface GridMember {
  userId: number;
  username: string;
  displayName: string;
  role: MemberRole;
  active: boolean;
}

/** 网格 as lists and forms show it. */
export interface Grid {
  id: number;
  code: string;
  name: string;
  level: GridLevel;
  organisationId: number;
  organisationName: string;
  parentId: number | null;
  parentName: string | null;
  note: string | null;
  active: boolean;
  /** SHA-256 of the boundary (EWKB), so a change of it shows in the audit trail without the polygon itself. */
  geometrySha256: string | null;
  members: GridMember[];
  updatedAt: string;
}

export interface GridFilter {
  organisationId?: number;
  q?: string;
  level?: GridLevel;
  active?: boolean;
  page: number;
  pageSize: number;
}

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function baseQuery(db: Reader) {
  return db
    .selectFrom('grid as g')
    .innerJoin('organisation as o', 'o.id', 'g.organisation_id')
    .leftJoin('grid as p', 'p.id', 'g.parent_id');
}

const COLUMNS = [
  'g.id',
  'g.code',
  'g.name',
  'g.level',
  'g.organisation_id',
  'o.name as organisation_name',
  'g.parent_id',
  'p.name as parent_name',
  'g.note',
  'g.active',
  'g.updated_at',
  sql<string | null>`CASE WHEN g.geom IS NULL THEN NULL ELSE encode(sha256(ST_AsEWKB(g.geom)), 'hex') END`.as('geometry_sha256'),
] as const;

type GridRow = Awaited<ReturnType<ReturnType<typeof selectGrids>['execute']>>[number];

async function withMembers(db: Reader, rows: GridRow[]): Promise<Grid[]> {
  const members = rows.length
    ? await db
        .selectFrom('grid_member as m')
        .innerJoin('app_user as u', 'u.id', 'm.user_id')
        .select(['m.grid_id', 'm.user_id', 'u.username', 'u.display_name', 'm.role', 'u.active'])
        .where('m.grid_id', 'in', rows.map((r) => r.id))
        .orderBy(sql`m.role = 'chief'`, 'desc')
        .orderBy('u.display_name')
        .execute()
    : [];
  return rows.map((row) => ({
    id: row.id,
    code: row.code,
    name: row.name,
    level: row.level,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    parentId: row.parent_id,
    parentName: row.parent_name,
    note: row.note,
    active: row.active,
    geometrySha256: row.geometry_sha256,
    members: members
      .filter((m) => m.grid_id === row.id)
      .map((m) => ({ userId: m.user_id, username: m.username, displayName: m.display_name, role: m.role, active: m.active })),
    updatedAt: new Date(row.updated_at).toISOString(),
  }));
}

function selectGrids(db: Reader) {
  return baseQuery(db).select([...COLUMNS]);
}

/** Grids of an organisation and of everything under it, by code. */
export async function listGrids(db: Db, filter: GridFilter): Promise<{ items: Grid[]; total: number }> {
  let query = baseQuery(db);
  if (filter.organisationId !== undefined) {
    const subtree = sql<number>`(
      WITH RECURSIVE subtree AS (
        SELECT id FROM organisation WHERE id = ${filter.organisationId}
        UNION ALL
        SELECT c.id FROM organisation c JOIN subtree s ON c.parent_id = s.id
      ) SELECT id FROM subtree)`;
    query = query.where('g.organisation_id', 'in', subtree);
  }
  if (filter.q) {
    const pattern = likePattern(filter.q.trim());
    query = query.where((eb) => eb.or([eb('g.name', 'ilike', pattern), eb('g.code', 'ilike', pattern)]));
  }
  if (filter.level) query = query.where('g.level', '=', filter.level);
  if (filter.active !== undefined) query = query.where('g.active', '=', filter.active);
  const [rows, count] = await Promise.all([
    query
      .select([...COLUMNS])
      .orderBy('g.code')
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute(),
    query.select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow(),
  ]);
  return { items: await withMembers(db, rows), total: count.total };
}

export async function getGrid(db: Reader, id: number): Promise<Grid | null> {
  const rows = await selectGrids(db).where('g.id', '=', id).execute();
  return (await withMembers(db, rows))[0] ?? null;
}

/** The boundary as GeoJSON (coordinates in CGCS2000 longitude/latitude), or null. */
export async function gridGeometry(db: Reader, id: number): Promise<unknown> {
  const row = await db
    .selectFrom('grid')
    .select(sql<string | null>`ST_AsGeoJSON(geom)`.as('geojson'))
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.geojson ? (JSON.parse(row.geojson) as unknown) : null;
}

/** The boundary PostGIS would store for this GeoJSON, or why it cannot. */
export async function checkGeometry(db: Reader, geojson: unknown): Promise<string | null> {
  try {
    const { rows } = await sql<{ valid: boolean; inside: boolean }>`
      SELECT ST_IsValid(g) AS valid,
             ST_XMin(g) >= -180 AND ST_XMax(g) <= 180 AND ST_YMin(g) >= -90 AND ST_YMax(g) <= 90 AS inside
      FROM (SELECT ST_GeomFromGeoJSON(${JSON.stringify(geojson)}) AS g) AS input`.execute(db);
    const row = rows[0];
    if (!row?.valid) return '边界不是有效的多边形（自相交或未闭合）';
    if (!row.inside) return '边界坐标应为经纬度（CGCS2000）';
    return null;
  } catch {
    return '边界不是有效的 GeoJSON 多边形';
  }
}

/** A GeoJSON Polygon or MultiPolygon as the column stores it: MultiPolygon, CGCS2000. */
export function geometryValue(geojson: unknown) {
  return sql<string | null>`ST_Multi(ST_SetSRID(ST_GeomFromGeoJSON(${JSON.stringify(geojson)}), 4490))`;
}

/** True when `parentId` lies below `id` (or is it): making it the parent would close a loop. */
export async function wouldCycle(db: Reader, id: number, parentId: number): Promise<boolean> {
  const { rows } = await sql<{ found: boolean }>`
    WITH RECURSIVE ancestors AS (
      SELECT id, parent_id FROM grid WHERE id = ${parentId}
      UNION ALL
      SELECT g.id, g.parent_id FROM grid g JOIN ancestors a ON g.id = a.parent_id
    )
    SELECT EXISTS (SELECT 1 FROM ancestors WHERE id = ${id}) AS found`.execute(db);
  return rows[0]?.found ?? false;
}

/**
 * The grids a user works (as 网格长 or 网格员) and every grid below them: a township grid's chief
 * answers for its village grids too.
 */
export async function gridsWorkedBy(db: Db, userId: number): Promise<number[]> {
  const { rows } = await sql<{ id: number }>`
    WITH RECURSIVE worked AS (
      SELECT g.id FROM grid g JOIN grid_member m ON m.grid_id = g.id WHERE m.user_id = ${userId} AND g.active
      UNION
      SELECT g.id FROM grid g JOIN worked w ON g.parent_id = w.id WHERE g.active
    )
    SELECT id FROM worked`.execute(db);
  return rows.map((r) => r.id);
}

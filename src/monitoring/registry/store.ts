import { sql, type Transaction } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { Database } from '../../db/schema.ts';
import type { SiteKind, SiteSource, SiteStatus } from './site.ts';

type Reader = Db | Transaction<Database>;

/** A site ready to write: district resolved to its organisation. */
export interface SiteRecord {
  code: string;
  name: string;
  level: string;
  districtId: number;
  lon: number;
  lat: number;
  coordinatesApproximate: boolean;
  status: SiteStatus;
  river: string | null;
  targetClass: number | null;
  waterBody: 'river' | 'lake' | null;
  thousandTon: boolean;
  automatic: boolean;
  source: SiteSource | null;
  note: string | null;
}

/** A monitoring site as the API shows it, with its point as CGCS2000 lon/lat. */
export interface Site extends SiteRecord {
  id: number;
  kind: SiteKind;
  districtName: string;
  updatedAt: string;
}

export interface SiteFilter {
  q?: string;
  districtId?: number;
  level?: string;
  status?: SiteStatus;
  page: number;
  pageSize: number;
}

function selectSites(db: Reader, kind: SiteKind) {
  return db
    .selectFrom('monitoring_site as s')
    .innerJoin('organisation as o', 'o.id', 's.district_id')
    .where('s.kind', '=', kind);
}

function rowsToSites(rows: Awaited<ReturnType<typeof fetchRows>>): Site[] {
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    code: r.code,
    name: r.name,
    level: r.level,
    districtId: r.district_id,
    districtName: r.district_name,
    lon: Number(r.lon),
    lat: Number(r.lat),
    coordinatesApproximate: r.coordinates_approximate,
    status: r.status,
    river: r.river,
    targetClass: r.target_class,
    waterBody: r.water_body,
    thousandTon: r.thousand_ton,
    automatic: r.automatic,
    source: r.source_doc ? { doc: r.source_doc, clause: r.source_clause ?? '', text: r.source_text } : null,
    note: r.note,
    updatedAt: new Date(r.updated_at).toISOString(),
  }));
}

function fetchRows(query: ReturnType<typeof selectSites>) {
  return query
    .select([
      's.id',
      's.kind',
      's.code',
      's.name',
      's.level',
      's.district_id',
      'o.name as district_name',
      sql<number>`ST_X(s.geom)`.as('lon'),
      sql<number>`ST_Y(s.geom)`.as('lat'),
      's.coordinates_approximate',
      's.status',
      's.river',
      's.target_class',
      's.water_body',
      's.thousand_ton',
      's.automatic',
      's.source_doc',
      's.source_clause',
      's.source_text',
      's.note',
      's.updated_at',
    ])
    .execute();
}

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export async function listSites(db: Db, kind: SiteKind, filter: SiteFilter): Promise<{ items: Site[]; total: number }> {
  let query = selectSites(db, kind);
  if (filter.q) {
    const pattern = likePattern(filter.q.trim());
    query = query.where((eb) => eb.or([eb('s.name', 'ilike', pattern), eb('s.code', 'ilike', pattern), eb('s.river', 'ilike', pattern)]));
  }
  if (filter.districtId !== undefined) query = query.where('s.district_id', '=', filter.districtId);
  if (filter.level) query = query.where('s.level', '=', filter.level);
  if (filter.status) query = query.where('s.status', '=', filter.status);
  const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await fetchRows(
    query
      .orderBy('s.level')
      .orderBy('s.code')
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize),
  );
  return { items: rowsToSites(rows), total: Number(total.n) };
}

export async function findSite(db: Reader, kind: SiteKind, id: number): Promise<Site | null> {
  const rows = await fetchRows(selectSites(db, kind).where('s.id', '=', id));
  return rowsToSites(rows)[0] ?? null;
}

export async function sitesByCode(db: Reader, codes: readonly string[]): Promise<Map<string, { id: number; kind: SiteKind }>> {
  if (codes.length === 0) return new Map();
  const rows = await db.selectFrom('monitoring_site').select(['id', 'code', 'kind']).where('code', 'in', [...new Set(codes)]).execute();
  return new Map(rows.map((r) => [r.code, { id: r.id, kind: r.kind }]));
}

function columns(kind: SiteKind, site: SiteRecord) {
  return {
    kind,
    code: site.code,
    name: site.name,
    level: site.level,
    district_id: site.districtId,
    geom: sql<string>`ST_SetSRID(ST_MakePoint(${site.lon}::float8, ${site.lat}::float8), 4490)` as unknown as string,
    coordinates_approximate: site.coordinatesApproximate,
    status: site.status,
    river: site.river,
    target_class: site.targetClass,
    water_body: site.waterBody,
    thousand_ton: site.thousandTon,
    automatic: site.automatic,
    source_doc: site.source?.doc ?? null,
    source_clause: site.source?.clause ?? null,
    source_text: site.source?.text ?? null,
    note: site.note,
  };
}

export async function insertSite(trx: Transaction<Database>, kind: SiteKind, site: SiteRecord): Promise<number> {
  const row = await trx.insertInto('monitoring_site').values(columns(kind, site)).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateSiteRow(trx: Transaction<Database>, kind: SiteKind, id: number, site: SiteRecord): Promise<void> {
  await trx
    .updateTable('monitoring_site')
    .set({ ...columns(kind, site), updated_at: sql`now()` as unknown as string })
    .where('id', '=', id)
    .execute();
}

/** The site in the shape it is written, to change some fields and write it back. */
export function recordOf(site: Site): SiteRecord {
  const { id: _id, kind: _kind, districtName: _name, updatedAt: _at, ...record } = site;
  return record;
}

/** The layers of the one map with their current versions, and a layer's versions, as the API shows them. */
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { MapLayerZone, MapSourceFormat } from '../../db/schema.ts';

export interface LayerView {
  code: string;
  name: string;
  nameEn: string;
  geometryType: 'polygon' | 'line' | 'point';
  zones: { code: string; name: string; nameEn: string }[];
  sensitive: boolean;
  vectorTiles: boolean;
  screened: boolean;
  style: Record<string, unknown>;
  sortOrder: number;
  description: string | null;
  source: { doc: string | null; clause: string | null };
  current: null | {
    versionId: number;
    version: number;
    featureCount: number;
    demo: boolean;
    sourceName: string;
    sourceFormat: MapSourceFormat;
    importedAt: string;
    /** Null for a version the platform loaded itself (demo layers, seeds). */
    importedBy: { id: number; name: string } | null;
  };
  versionCount: number;
}

export interface LayerVersionView {
  versionId: number;
  version: number;
  current: boolean;
  sourceName: string;
  sourceFormat: MapSourceFormat;
  sourceSrid: number;
  encoding: string | null;
  demo: boolean;
  featureCount: number;
  note: string | null;
  importedAt: string;
  importedBy: { id: number; name: string } | null;
  report: Record<string, unknown>;
}

interface LayerRow {
  code: string;
  name: string;
  name_en: string;
  geometry_type: LayerView['geometryType'];
  zones: MapLayerZone[];
  sensitive: boolean;
  vector_tiles: boolean;
  screened: boolean;
  style: Record<string, unknown>;
  sort_order: number;
  description: string | null;
  doc: string | null;
  clause: string | null;
  version_id: number | null;
  version: number | null;
  feature_count: number | null;
  demo: boolean | null;
  source_name: string | null;
  source_format: MapSourceFormat | null;
  imported_at: Date | string | null;
  imported_by_id: number | null;
  imported_by_name: string | null;
  version_count: number;
}

const iso = (at: Date | string) => new Date(at).toISOString();

export async function listLayers(db: Db): Promise<LayerView[]> {
  const { rows } = await sql<LayerRow>`
    SELECT l.code, l.name, l.name_en, l.geometry_type, l.zones, l.sensitive, l.vector_tiles, l.screened, l.style,
           l.sort_order, l.description, l.doc, l.clause,
           v.id AS version_id, v.version, v.feature_count, v.demo, v.source_name, v.source_format, v.imported_at,
           u.id AS imported_by_id, u.display_name AS imported_by_name,
           (SELECT count(*) FROM map_layer_version c WHERE c.layer_code = l.code)::int AS version_count
    FROM map_layer l
    LEFT JOIN LATERAL (
      SELECT * FROM map_layer_version mv WHERE mv.layer_code = l.code ORDER BY mv.version DESC LIMIT 1
    ) v ON true
    LEFT JOIN app_user u ON u.id = v.imported_by
    ORDER BY l.sort_order, l.code`.execute(db);
  return rows.map((row) => ({
    code: row.code,
    name: row.name,
    nameEn: row.name_en,
    geometryType: row.geometry_type,
    zones: row.zones.map((z) => ({ code: z.code, name: z.name, nameEn: z.nameEn })),
    sensitive: row.sensitive,
    vectorTiles: row.vector_tiles,
    screened: row.screened,
    style: row.style,
    sortOrder: row.sort_order,
    description: row.description,
    source: { doc: row.doc, clause: row.clause },
    current:
      row.version_id === null
        ? null
        : {
            versionId: row.version_id,
            version: row.version!,
            featureCount: row.feature_count!,
            demo: row.demo!,
            sourceName: row.source_name!,
            sourceFormat: row.source_format!,
            importedAt: iso(row.imported_at!),
            importedBy: row.imported_by_id === null ? null : { id: row.imported_by_id, name: row.imported_by_name ?? '' },
          },
    versionCount: row.version_count,
  }));
}

export async function layerExists(db: Db, code: string): Promise<boolean> {
  return (await db.selectFrom('map_layer').select('code').where('code', '=', code).executeTakeFirst()) !== undefined;
}

/** A layer's versions, newest first; null when there is no such layer. */
export async function layerVersions(db: Db, code: string): Promise<LayerVersionView[] | null> {
  if (!(await layerExists(db, code))) return null;
  const rows = await db
    .selectFrom('map_layer_version as v')
    .leftJoin('app_user as u', 'u.id', 'v.imported_by')
    .select([
      'v.id',
      'v.version',
      'v.source_name',
      'v.source_format',
      'v.source_srid',
      'v.encoding',
      'v.demo',
      'v.feature_count',
      'v.note',
      'v.imported_at',
      'v.report',
      'u.id as user_id',
      'u.display_name as user_name',
    ])
    .where('v.layer_code', '=', code)
    .orderBy('v.version', 'desc')
    .execute();
  return rows.map((row, i) => ({
    versionId: row.id,
    version: row.version,
    current: i === 0,
    sourceName: row.source_name,
    sourceFormat: row.source_format,
    sourceSrid: row.source_srid,
    encoding: row.encoding,
    demo: row.demo,
    featureCount: row.feature_count,
    note: row.note,
    importedAt: iso(row.imported_at),
    importedBy: row.user_id === null ? null : { id: row.user_id, name: row.user_name ?? '' },
    report: row.report,
  }));
}

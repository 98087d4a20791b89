/**
 * A GeoPackage (OGC 12-128, an SQLite file) read with sql.js: its one feature table from
 * gpkg_contents and gpkg_geometry_columns, its system from gpkg_spatial_ref_sys, its geometry
 * blobs parsed by wkb.ts.
 */
import initSqlJs, { type Database, type SqlValue } from 'sql.js';
import { isKnownSrid, sridFromWkt, unknownSrid, type Result } from './crs.ts';
import type { Geometry } from './geojson.ts';
import type { ReadLimits } from './limits.ts';
import { parseGpkgGeometry, WkbError } from './wkb.ts';

export interface GeoPackageContent {
  table: string;
  geometries: (Geometry | null)[];
  properties: Record<string, unknown>[];
  /** null when the GeoPackage leaves the system undefined (srs_id 0 or -1). */
  srid: Result<number> | null;
  warnings: string[];
}

let engine: ReturnType<typeof initSqlJs> | null = null;

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

function rowsOf(db: Database, query: string, params: SqlValue[] = []): Record<string, SqlValue>[] {
  const statement = db.prepare(query, params);
  const rows: Record<string, SqlValue>[] = [];
  try {
    while (statement.step()) rows.push(statement.getAsObject());
  } finally {
    statement.free();
  }
  return rows;
}

function sridOf(db: Database, srsId: number): Result<number> | null {
  if (srsId === 0 || srsId === -1) return null;
  const [srs] = rowsOf(db, 'SELECT organization, organization_coordsys_id, definition FROM gpkg_spatial_ref_sys WHERE srs_id = ?', [srsId]);
  if (!srs) return { ok: false, error: `GeoPackage 引用的坐标系 ${srsId} 未在 gpkg_spatial_ref_sys 中定义 / undefined srs_id` };
  const code = Number(srs.organization_coordsys_id);
  if (String(srs.organization).toUpperCase() === 'EPSG' && Number.isInteger(code)) {
    return isKnownSrid(code) ? { ok: true, value: code } : { ok: false, error: unknownSrid(code) };
  }
  return typeof srs.definition === 'string' && srs.definition !== 'undefined'
    ? sridFromWkt(srs.definition)
    : { ok: false, error: `GeoPackage 的坐标系 ${String(srs.organization)}:${code} 无法识别 / unrecognised srs` };
}

export async function readGeoPackage(data: Uint8Array, limits: ReadLimits): Promise<Result<GeoPackageContent>> {
  engine ??= initSqlJs();
  const SQL = await engine;
  let db: Database;
  try {
    db = new SQL.Database(data);
  } catch {
    return { ok: false, error: 'GeoPackage 文件已损坏，无法打开 / broken GeoPackage' };
  }
  try {
    let layers: Record<string, SqlValue>[];
    try {
      layers = rowsOf(
        db,
        `SELECT c.table_name, g.column_name, g.srs_id FROM gpkg_contents c
         JOIN gpkg_geometry_columns g ON g.table_name = c.table_name
         WHERE c.data_type = 'features' ORDER BY c.table_name`,
      );
    } catch {
      return { ok: false, error: '不是 GeoPackage（缺少 gpkg_contents 或 gpkg_geometry_columns，或文件已损坏）/ not a GeoPackage' };
    }
    if (layers.length === 0) return { ok: false, error: 'GeoPackage 中没有要素表 / no feature table in the GeoPackage' };
    if (layers.length > 1) {
      const names = layers.map((l) => String(l.table_name)).join('、');
      return { ok: false, error: `GeoPackage 中有 ${layers.length} 个要素表（${names}），请每次导入一个 / one layer per import` };
    }
    const table = String(layers[0]!.table_name);
    const geometryColumn = String(layers[0]!.column_name);
    const srid = sridOf(db, Number(layers[0]!.srs_id));

    const [{ n } = { n: 0 }] = rowsOf(db, `SELECT count(*) AS n FROM ${quoted(table)}`);
    if (Number(n) > limits.features) return { ok: false, error: `要素 ${Number(n)} 个，超过上限 ${limits.features} 个 / too many features` };

    // The integer primary key (fid) is the file's bookkeeping, not an attribute.
    const keys = new Set(rowsOf(db, `PRAGMA table_info(${quoted(table)})`).filter((c) => Number(c.pk) > 0 && String(c.type).toUpperCase() === 'INTEGER').map((c) => String(c.name)));
    const warnings: string[] = [];
    const skipped = new Set<string>();
    const geometries: (Geometry | null)[] = [];
    const properties: Record<string, unknown>[] = [];
    for (const [index, row] of rowsOf(db, `SELECT * FROM ${quoted(table)}`).entries()) {
      const blob = row[geometryColumn];
      let geometry: Geometry | null = null;
      if (blob instanceof Uint8Array) {
        try {
          geometry = parseGpkgGeometry(blob).geometry;
        } catch (error) {
          if (!(error instanceof WkbError)) throw error;
          return { ok: false, error: `第 ${index + 1} 个要素的几何无法读取：${error.message}` };
        }
      }
      const attributes: Record<string, unknown> = {};
      for (const [column, value] of Object.entries(row)) {
        if (column === geometryColumn || keys.has(column)) continue;
        if (value instanceof Uint8Array) skipped.add(column);
        else attributes[column] = value;
      }
      geometries.push(geometry);
      properties.push(attributes);
    }
    if (skipped.size > 0) warnings.push(`二进制字段（${[...skipped].join('、')}）未导入 / binary columns skipped`);
    return { ok: true, value: { table, geometries, properties, srid, warnings } };
  } finally {
    db.close();
  }
}

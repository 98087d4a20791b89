import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { demoLayersRemoved, loadDemoLayers, removeDemoLayers, type DemoLayersResult } from '../../src/spatial/demo/load.ts';
import { loadDemoLayersOnFirstStart } from '../../src/spatial/demo/first-start.ts';
import { openTestStore, type TestStore } from '../support/db.ts';
import type { Db } from '../../src/db/connect.ts';

// The 示例 layers a first start shows: every configured kind gets version 1 marked demo, inside the
// city, with zones that do not overlap where the kind says so, the same on every store.
const layerCodes = (JSON.parse(readFileSync('seeds/bazhong/spatial/layers.json', 'utf8')) as { layers: { code: string }[] }).layers.map((l) => l.code);

let first: TestStore;
let second: TestStore;
let firstResult: DemoLayersResult;
/** The first store's layers as loaded, before a test removes them. */
let firstSummary: Record<string, { features: number; measure: number }>;
const silent = { info: () => undefined, error: () => undefined };

beforeAll(async () => {
  [first, second] = await Promise.all([openTestStore(), openTestStore()]);
  firstResult = await loadDemoLayers(first.storage.db);
  firstSummary = await summary(first.storage.db);
});
afterAll(async () => {
  await Promise.all([first?.dispose(), second?.dispose()]);
});

async function versionIdOf(db: Db, layer: string): Promise<number> {
  const row = await db.selectFrom('map_layer_version').select('id').where('layer_code', '=', layer).orderBy('version', 'desc').executeTakeFirstOrThrow();
  return row.id;
}

/** Feature count and total ellipsoidal area (or length for lines) per layer. */
async function summary(db: Db): Promise<Record<string, { features: number; measure: number }>> {
  const { rows } = await sql<{ layer: string; features: number; measure: number }>`
    SELECT v.layer_code AS layer, count(*)::int AS features,
      round(sum(CASE WHEN ST_Dimension(f.geom) = 1 THEN ST_Length(f.geom::geography) ELSE ST_Area(f.geom::geography) END)::numeric, 0)::float8 AS measure
    FROM map_layer_version v JOIN map_feature f ON f.layer_version_id = v.id GROUP BY v.layer_code`.execute(db);
  return Object.fromEntries(rows.map((r) => [r.layer, { features: r.features, measure: r.measure }]));
}

describe('demo layers', () => {
  it('gives every configured kind version 1, marked demo, with features, each with its audit entry', async () => {
    const db = first.storage.db;
    const versions = await db.selectFrom('map_layer_version').selectAll().orderBy('id').execute();
    expect(versions.map((v) => v.layer_code).sort()).toEqual([...layerCodes].sort());
    for (const version of versions) {
      expect(version.version).toBe(1);
      expect(version.demo).toBe(true);
      expect(version.feature_count).toBeGreaterThan(0);
      const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM map_feature WHERE layer_version_id = ${version.id}`.execute(db);
      expect(rows[0]!.n).toBe(version.feature_count);
    }
    const admin = versions.find((v) => v.layer_code === 'admin_boundary')!;
    expect(admin.source_format).toBe('package');
    expect(admin.note).toMatch(/示意/);
    expect(admin.note).toMatch(/审图号/);
    expect(versions.filter((v) => v.layer_code !== 'admin_boundary').every((v) => v.source_format === 'demo')).toBe(true);
    const districts = await db.selectFrom('map_feature').select(['name', 'properties', 'repaired']).where('layer_version_id', '=', admin.id).orderBy('source_index').execute();
    expect(districts.map((d) => d.name)).toEqual(['巴州区', '恩阳区', '通江县', '南江县', '平昌县']);
    expect(districts.every((d) => /^5119\d\d$/.test(String(d.properties.code)) && d.repaired)).toBe(true);

    const audits = await db.selectFrom('audit_entry').select(['entity_id', 'after']).where('action', '=', 'demo-load').where('entity', '=', 'map_layer_version').execute();
    expect(audits.map((a) => Number(a.entity_id)).sort((a, b) => a - b)).toEqual(versions.map((v) => v.id));
    expect(firstResult.loaded.map((l) => l.layer).sort()).toEqual([...layerCodes].sort());
  });

  it('keeps every feature inside the city, rivers as lines', async () => {
    const db = first.storage.db;
    const adminId = await versionIdOf(db, 'admin_boundary');
    // 1e-5 degree: about a metre.
    const { rows } = await sql<{ layer: string; outside: number; kinds: string[] }>`
      WITH city AS (SELECT ST_Buffer(ST_UnaryUnion(ST_Collect(geom)), 1e-5) AS g FROM map_feature WHERE layer_version_id = ${adminId})
      SELECT v.layer_code AS layer, count(*) FILTER (WHERE NOT ST_Covers((SELECT g FROM city), f.geom))::int AS outside,
        array_agg(DISTINCT ST_GeometryType(f.geom)) AS kinds
      FROM map_layer_version v JOIN map_feature f ON f.layer_version_id = v.id GROUP BY v.layer_code`.execute(db);
    expect(rows).toHaveLength(layerCodes.length);
    for (const row of rows) expect({ layer: row.layer, outside: row.outside }).toEqual({ layer: row.layer, outside: 0 });
    const kinds = (layer: string) => rows.find((r) => r.layer === layer)!.kinds;
    expect(kinds('river').every((k) => k === 'ST_LineString' || k === 'ST_MultiLineString')).toBe(true);
    expect(kinds('control_unit').every((k) => k === 'ST_Polygon' || k === 'ST_MultiPolygon')).toBe(true);
    const rivers = await db.selectFrom('map_feature').select(['name', 'properties']).where('layer_version_id', '=', await versionIdOf(db, 'river')).execute();
    expect(rivers.map((r) => r.name)).toEqual(expect.arrayContaining(['巴河', '通江河', '南江河', '恩阳河', '渠江']));
    expect(rivers.every((r) => r.properties.basin === '嘉陵江' && typeof r.properties.shoreline_rule === 'string')).toBe(true);
  });

  it('nests the water-source zones around each source without overlapping them', async () => {
    const db = first.storage.db;
    const id = await versionIdOf(db, 'water_source');
    // A zone's outline with its hole filled: the first zone lies in the second's, the second in the quasi zone's.
    const { rows } = await sql<{ site: string; first_in_second: boolean; second_in_quasi: boolean; overlap: number }>`
      WITH z AS (
        SELECT properties->>'site_code' AS site, zone, geom,
          (SELECT ST_Union(ST_MakePolygon(ST_ExteriorRing(d.geom))) FROM ST_Dump(geom) d) AS filled
        FROM map_feature WHERE layer_version_id = ${id}
      )
      SELECT a.site, ST_Covers(b.filled, a.geom) AS first_in_second, ST_Covers(c.filled, b.geom) AS second_in_quasi,
        ST_Area(ST_Intersection(a.geom, b.geom)) + ST_Area(ST_Intersection(b.geom, c.geom)) AS overlap
      FROM z a JOIN z b ON b.site = a.site AND b.zone = 'second' JOIN z c ON c.site = a.site AND c.zone = 'quasi'
      WHERE a.zone = 'first'`.execute(db);
    const sources = await db.selectFrom('monitoring_site').select('code').where('kind', '=', 'source').where('status', '=', 'active').execute();
    expect(rows.map((r) => r.site).sort()).toEqual(sources.map((s) => s.code).sort());
    for (const row of rows) {
      expect(row.first_in_second).toBe(true);
      expect(row.second_in_quasi).toBe(true);
      expect(row.overlap).toBeLessThan(1e-12);
    }
  });

  it('covers the city with control units that do not overlap, each with its admission list', async () => {
    const db = first.storage.db;
    const units = await versionIdOf(db, 'control_unit');
    const admin = await versionIdOf(db, 'admin_boundary');
    const { rows } = await sql<{ sum: number; union: number; city: number }>`
      SELECT (SELECT sum(ST_Area(geom::geography)) FROM map_feature WHERE layer_version_id = ${units}) AS sum,
        (SELECT ST_Area(ST_UnaryUnion(ST_Collect(geom), 1e-7)::geography) FROM map_feature WHERE layer_version_id = ${units}) AS union,
        (SELECT ST_Area(ST_UnaryUnion(ST_Collect(geom), 1e-7)::geography) FROM map_feature WHERE layer_version_id = ${admin}) AS city`.execute(db);
    const { sum, union, city } = rows[0]!;
    expect(Math.abs(sum - union) / union).toBeLessThan(0.001);
    expect(Math.abs(union - city) / city).toBeLessThan(0.001);
    const features = await db.selectFrom('map_feature').select(['zone', 'properties']).where('layer_version_id', '=', units).execute();
    expect(new Set(features.map((f) => f.zone))).toEqual(new Set(['priority', 'key', 'general']));
    for (const f of features) {
      for (const key of ['spatial_layout', 'emission_control', 'risk_prevention', 'resource_efficiency']) expect(String(f.properties[key])).toMatch(/示例/);
    }
  });

  it('loads nothing a second time; after removal a first start does not bring them back', async () => {
    const db = first.storage.db;
    const before = await summary(db);
    const again = await loadDemoLayers(db);
    expect(again.loaded).toEqual([]);
    expect(await summary(db)).toEqual(before);

    const removed = await removeDemoLayers(db);
    expect(removed.versions).toBe(layerCodes.length);
    expect(removed.features).toBe(Object.values(before).reduce((sum, l) => sum + l.features, 0));
    expect(await db.selectFrom('map_layer_version').select('id').execute()).toEqual([]);
    expect(await demoLayersRemoved(db)).toBe(true);
    expect(await loadDemoLayersOnFirstStart(db, silent)).toBe(0);
  });

  it('draws the same layers on another store, and leaves alone a layer that has a version', async () => {
    const db = second.storage.db;
    await db
      .insertInto('map_layer_version')
      .values({ layer_code: 'soil_risk_plot', version: 1, source_name: 'real.geojson', source_format: 'geojson', source_srid: 4490, feature_count: 0 })
      .execute();
    expect(await loadDemoLayersOnFirstStart(db, silent)).toBe(layerCodes.length - 1);
    const soil = await db.selectFrom('map_layer_version').select(['source_name', 'demo']).where('layer_code', '=', 'soil_risk_plot').execute();
    expect(soil).toEqual([{ source_name: 'real.geojson', demo: false }]);

    const { soil_risk_plot: _dropped, ...firstLayers } = firstSummary;
    const { soil_risk_plot: _none, ...secondLayers } = await summary(db);
    expect(secondLayers).toEqual(firstLayers);
  });
});

import { sql } from 'kysely';
import type { Db } from '../../src/db/connect.ts';

export interface FixtureFeature {
  name: string;
  zone: string | null;
  wkt: string;
  properties?: Record<string, unknown>;
}

/** Inserts a new (hence current) version of a layer with the given features, as an import would leave it. */
export async function insertLayerVersion(db: Db, layer: string, features: FixtureFeature[], options: { demo?: boolean } = {}) {
  const { rows } = await sql<{ next: number }>`SELECT coalesce(max(version), 0) + 1 AS next FROM map_layer_version WHERE layer_code = ${layer}`.execute(db);
  const version = Number(rows[0]!.next);
  const row = await db
    .insertInto('map_layer_version')
    .values({
      layer_code: layer,
      version,
      source_name: `${layer}-test.geojson`,
      source_format: 'geojson',
      source_srid: 4490,
      demo: options.demo ?? false,
      feature_count: features.length,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const ids: number[] = [];
  for (const [index, feature] of features.entries()) {
    const inserted = await sql<{ id: number }>`
      INSERT INTO map_feature (layer_version_id, source_index, name, zone, properties, geom)
      VALUES (${row.id}, ${index}, ${feature.name}, ${feature.zone}, ${JSON.stringify(feature.properties ?? {})}::jsonb, ST_GeomFromText(${feature.wkt}, 4490))
      RETURNING id`.execute(db);
    ids.push(Number(inserted.rows[0]!.id));
  }
  return { versionId: row.id, version, ids };
}

/** A square of side `size` degrees with its south-west corner at (lon, lat). */
export const square = (lon: number, lat: number, size: number) =>
  `POLYGON((${lon} ${lat}, ${lon + size} ${lat}, ${lon + size} ${lat + size}, ${lon} ${lat + size}, ${lon} ${lat}))`;

/**
 * Test layers near 巴中: 自然保护地 (an old version with one feature, a current one with three) and 河流.
 * The reserves lie side by side from west to east; the rivers run east–west at latitudes 32.0 and 31.5.
 */
export async function insertTestLayers(db: Db) {
  const old = await insertLayerVersion(db, 'nature_reserve', [{ name: '旧版保护地', zone: 'core', wkt: square(106.0, 31.0, 0.1) }]);
  const reserves = await insertLayerVersion(
    db,
    'nature_reserve',
    [
      { name: '诺水河国家级自然保护区', zone: 'core', wkt: square(106.8, 32.2, 0.2), properties: { 级别: '国家级', zone: '核心区' } },
      { name: '光雾山自然保护区', zone: 'general', wkt: square(107.1, 32.2, 0.2), properties: { 级别: '省级' } },
      { name: '米仓山自然保护区', zone: 'core', wkt: square(107.4, 32.2, 0.2), properties: { 级别: '国家级' } },
    ],
    { demo: true },
  );
  const rivers = await insertLayerVersion(db, 'river', [
    { name: '巴河', zone: null, wkt: 'LINESTRING(106.6 32.0, 106.9 32.0, 107.2 32.0)', properties: { basin: '嘉陵江' } },
    { name: '通江河', zone: null, wkt: 'LINESTRING(106.6 31.5, 107.2 31.5)', properties: { basin: '嘉陵江' } },
  ]);
  return { old, reserves, rivers };
}

// What the 一张图 end-to-end tests know of the map: a few known features — a nature reserve with its
// core zone, a river of the 嘉陵江 basin beside it, a red line, a district boundary marked 示例数据 —
// that insertTestLayers writes into map_layer_version + map_feature before the server starts
// (startServer's `prepare`), so the pages are tested against data that does not depend on the layer
// import; and what the tests do on the map: centre it, find the page pixel of a lon/lat.
import { sql } from 'kysely';
import type { Page } from 'playwright-core';
import type { Db } from '../../src/db/connect.ts';
import type { SessionOptions } from './support.ts';

export const SPATIAL_SHOTS = '/tmp/helpers/shots';

/** openSession's options for a map page: the test layers in the database, viewport pictures in SPATIAL_SHOTS. */
export function mapSessionOptions(prefix: string, adminPassword: string): SessionOptions {
  return {
    adminPassword,
    shots: { prefix, dir: SPATIAL_SHOTS, settleMs: 800, scrollToTop: false, fullPage: false },
    server: { prepare: insertTestLayers },
  };
}

/** The test's reserve: a general-control zone around a core zone, near 106.75°E 31.85°N. */
export const RESERVE = {
  name: '青山湖测试自然保护区',
  general: [
    [106.7, 31.81],
    [106.8, 31.81],
    [106.8, 31.89],
    [106.7, 31.89],
    [106.7, 31.81],
  ],
  core: [
    [106.735, 31.835],
    [106.765, 31.835],
    [106.765, 31.865],
    [106.735, 31.865],
    [106.735, 31.835],
  ],
  /** Inside the core zone. */
  centre: [106.75, 31.85] as [number, number],
};

export const RIVER = {
  name: '清水河（测试）',
  line: [
    [106.815, 31.79],
    [106.82, 31.85],
    [106.83, 31.91],
  ],
};

/** A red-line polygon west of the reserve: its layer is served as vector tiles. */
export const REDLINE = {
  name: '青山测试生态保护红线',
  ring: [
    [106.62, 31.8],
    [106.68, 31.8],
    [106.68, 31.88],
    [106.62, 31.88],
    [106.62, 31.8],
  ],
};

export const DISTRICT = {
  name: '青山测试区',
  ring: [
    [106.55, 31.7],
    [106.98, 31.7],
    [106.98, 32.02],
    [106.55, 32.02],
    [106.55, 31.7],
  ],
};

const wkt = {
  polygon: (ring: number[][]) => `POLYGON((${ring.map(([x, y]) => `${x} ${y}`).join(', ')}))`,
  line: (points: number[][]) => `LINESTRING(${points.map(([x, y]) => `${x} ${y}`).join(', ')})`,
};

async function addLayerVersion(
  db: Db,
  layer: string,
  demo: boolean,
  features: { name: string; zone: string | null; properties: Record<string, unknown>; wkt: string }[],
): Promise<void> {
  const version = await sql<{ id: number }>`
    INSERT INTO map_layer_version (layer_code, version, source_name, source_format, source_srid, demo, feature_count, note)
    VALUES (${layer}, COALESCE((SELECT max(version) FROM map_layer_version WHERE layer_code = ${layer}), 0) + 1,
            ${`e2e-${layer}.geojson`}, 'geojson', 4490, ${demo}, ${features.length}, 'end-to-end test data')
    RETURNING id`.execute(db);
  const versionId = version.rows[0]!.id;
  for (const [index, f] of features.entries()) {
    await sql`
      INSERT INTO map_feature (layer_version_id, source_index, name, zone, properties, geom)
      VALUES (${versionId}, ${index}, ${f.name}, ${f.zone}, ${JSON.stringify(f.properties)}::jsonb, ST_GeomFromText(${f.wkt}, 4490))`.execute(db);
  }
}

export async function insertTestLayers(db: Db): Promise<void> {
  await addLayerVersion(db, 'admin_boundary', true, [{ name: DISTRICT.name, zone: null, properties: { 行政代码: '511999' }, wkt: wkt.polygon(DISTRICT.ring) }]);
  await addLayerVersion(db, 'nature_reserve', false, [
    { name: RESERVE.name, zone: 'general', properties: { 级别: '省级', 类型: '自然保护区' }, wkt: wkt.polygon(RESERVE.general) },
    { name: RESERVE.name, zone: 'core', properties: { 级别: '省级', 类型: '自然保护区' }, wkt: wkt.polygon(RESERVE.core) },
  ]);
  await addLayerVersion(db, 'ecological_redline', false, [{ name: REDLINE.name, zone: null, properties: {}, wkt: wkt.polygon(REDLINE.ring) }]);
  await addLayerVersion(db, 'river', false, [{ name: RIVER.name, zone: 'tributary', properties: { basin: '嘉陵江', shoreline_rule: '岸线一公里内禁止新建化工项目' }, wkt: wkt.line(RIVER.line) }]);
}

interface MapElement extends HTMLElement {
  qsMap?: { pixelOf(lon: number, lat: number): [number, number] | null; centreOn(lon: number, lat: number, zoom: number): void };
}

/** Centres the map (by its test id) on a point at a zoom and waits for it to render. */
export async function centreMap(page: Page, testId: string, lon: number, lat: number, zoom: number): Promise<void> {
  await page.getByTestId(testId).waitFor();
  await page.waitForFunction((id) => !!(document.querySelector(`[data-testid="${id}"]`) as MapElement | null)?.qsMap, testId);
  await page.evaluate(
    ([id, x, y, z]) => (document.querySelector(`[data-testid="${id}"]`) as MapElement).qsMap!.centreOn(x as number, y as number, z as number),
    [testId, lon, lat, zoom] as const,
  );
}

/** The page pixel of a lon/lat on the map. */
export async function mapPixel(page: Page, testId: string, lon: number, lat: number): Promise<{ x: number; y: number }> {
  const pixel = await page.evaluate(
    ([id, x, y]) => (document.querySelector(`[data-testid="${id}"]`) as MapElement).qsMap!.pixelOf(x as number, y as number),
    [testId, lon, lat] as const,
  );
  if (!pixel) throw new Error(`no pixel for ${lon},${lat}`);
  return { x: pixel[0], y: pixel[1] };
}

// 一张图 screening (issue 7, "Benchmark"): layers of at least 50,000 polygons and 5 million vertices in
// all, and 1,000 random project sites. Each site is screened by the platform (screenSite: every
// current layer, overlaps on the ellipsoid, distances, rules) and, in the same run and alternating
// with it, by one direct PostGIS query computing the same overlaps. Reported: p50 and p95 of both and
// their ratio (goal ≤ 1.5), and how far the platform's overlap areas are from the direct query's
// geography areas (goal within 0.1 %). On PostgreSQL (when configured) and PGlite.
// Alone: node bin/run-ts.js bench/spatial.ts — also a section of `npm run bench`.
// Knobs: BENCH_SPATIAL_POLYGONS (50000), BENCH_SPATIAL_SITES (1000).
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import type { Storage } from '../src/db/connect.ts';
import { migrate } from '../src/db/migrate.ts';
import { seedOrganisations } from '../src/orgs/seed.ts';
import { seedMonitoringSites } from '../src/monitoring/registry/seed.ts';
import { seedSpatial } from '../src/spatial/seed.ts';
import { screenSite } from '../src/spatial/screening/query.ts';
import { seededRandom } from '../src/gateway/simulate/air-values.ts';
import { onEachBackend, type Backend } from './backends.ts';
import { count, inTempFolder } from './proc.ts';
import { median, percentile } from './report.ts';

/** The issue's goals: screening ≤ 1.5 × the direct query (p50 and p95); areas within 0.1 %. */
export const SPATIAL_GOAL_RATIO = 1.5;
export const SPATIAL_AREA_TOLERANCE = 0.001;

/** The screened layers the generated polygons go to, in equal shares. */
const BENCH_LAYERS = ['ecological_redline', 'nature_reserve', 'basic_farmland', 'forest_land', 'control_unit'];
/** quad_segs 25: a buffered point has 4 × 25 + 1 = 101 vertices. */
const QUAD_SEGS = 25;
/** 巴中's extent, roughly. */
const EXTENT = { minLon: 106.35, maxLon: 107.85, minLat: 31.25, maxLat: 32.75 };

export interface SpatialRun {
  backend: Backend;
  polygons: number;
  vertices: number;
  loadMs: number;
  sites: number;
  hits: number;
  screening: { p50: number; p95: number };
  direct: { p50: number; p95: number };
  /** Largest relative difference between a platform overlap area and the direct query's, over overlaps ≥ 1 m². */
  maxAreaDifference: number;
  /** Largest relative difference between a reported nearest-feature distance and geography's distance to that feature. */
  maxDistanceDifference: number;
}

export interface SpatialBench {
  polygons: number;
  sites: number;
  runs: SpatialRun[];
}

/** Random project sites: convex-ish polygons of 8–24 vertices, 100 m to 2 km across, as GeoJSON. */
export function projectSites(n: number): { type: 'Polygon'; coordinates: number[][][] }[] {
  // Seeded, so both back ends screen the same sites.
  const next = seededRandom(20261206);
  const sites = [];
  for (let i = 0; i < n; i += 1) {
    const lon = EXTENT.minLon + next() * (EXTENT.maxLon - EXTENT.minLon);
    const lat = EXTENT.minLat + next() * (EXTENT.maxLat - EXTENT.minLat);
    const radiusM = 50 + next() * 950;
    const vertices = 8 + Math.floor(next() * 17);
    const ring: number[][] = [];
    for (let v = 0; v < vertices; v += 1) {
      const angle = (2 * Math.PI * v) / vertices;
      const r = radiusM * (0.7 + 0.3 * next());
      ring.push([lon + (r * Math.cos(angle)) / (111_320 * Math.cos((lat * Math.PI) / 180)), lat + (r * Math.sin(angle)) / 110_574]);
    }
    ring.push(ring[0]!);
    sites.push({ type: 'Polygon' as const, coordinates: [ring] });
  }
  return sites;
}

/** One version per bench layer, its polygons generated in the database (buffered random points). */
export async function loadLayers(storage: Storage, polygons: number): Promise<void> {
  const perLayer = Math.ceil(polygons / BENCH_LAYERS.length);
  for (const [index, layer] of BENCH_LAYERS.entries()) {
    await storage.db.transaction().execute(async (trx) => {
      const version = await trx
        .insertInto('map_layer_version')
        .values({ layer_code: layer, version: 1, source_name: 'bench', source_format: 'demo', source_srid: 4490, demo: true, feature_count: perLayer })
        .returning('id')
        .executeTakeFirstOrThrow();
      // A seeded generator per layer: the same polygons on both back ends.
      await sql`SELECT setseed(${0.1 + index / 10})`.execute(trx);
      await sql`
        INSERT INTO map_feature (layer_version_id, source_index, name, geom)
        SELECT ${version.id}, i, ${layer} || ' ' || i,
          ST_Buffer(ST_SetSRID(ST_MakePoint(${EXTENT.minLon} + random() * ${EXTENT.maxLon - EXTENT.minLon},
                                            ${EXTENT.minLat} + random() * ${EXTENT.maxLat - EXTENT.minLat}), 4490),
                    0.002 + random() * 0.01, ${`quad_segs=${QUAD_SEGS}`})
        FROM generate_series(0, ${perLayer - 1}) AS i`.execute(trx);
    });
  }
  await sql`ANALYZE map_feature`.execute(storage.db);
}

/** Geography's distance from the site to each feature, for checking the screening's nearest distances. */
async function geographyDistances(storage: Storage, site: string, featureIds: number[]): Promise<Map<number, number>> {
  if (featureIds.length === 0) return new Map();
  const { rows } = await sql<{ id: number; distance: number }>`
    SELECT f.id, ST_Distance(f.geom::geography, ST_SetSRID(ST_GeomFromGeoJSON(${site}), 4490)::geography) AS distance
    FROM map_feature f WHERE f.id = ANY(${featureIds}::bigint[])`.execute(storage.db);
  return new Map(rows.map((r) => [Number(r.id), Number(r.distance)]));
}

/** The baseline: one query computing the overlaps of one site with every current layer's features. */
async function directOverlaps(storage: Storage, site: string): Promise<Map<string, number>> {
  const { rows } = await sql<{ id: string; area: number }>`
    WITH site AS (SELECT ST_SetSRID(ST_GeomFromGeoJSON(${site}), 4490) AS g),
    current AS (
      SELECT DISTINCT ON (v.layer_code) v.id FROM map_layer_version v JOIN map_layer l ON l.code = v.layer_code
      WHERE l.screened ORDER BY v.layer_code, v.version DESC
    )
    SELECT f.id::text AS id, ST_Area(ST_Intersection(f.geom, site.g)::geography) AS area
    FROM site, map_feature f
    WHERE f.layer_version_id IN (SELECT id FROM current) AND f.geom && site.g AND ST_Intersects(f.geom, site.g)`.execute(storage.db);
  return new Map(rows.map((r) => [r.id, Number(r.area)]));
}

async function runOn(backend: Backend, storage: Storage, polygons: number, siteCount: number, log: (m: string) => void): Promise<SpatialRun> {
  await migrate(storage);
  await seedOrganisations(storage.db, 'bazhong');
  await seedMonitoringSites(storage.db, 'bazhong');
  await seedSpatial(storage.db, 'bazhong');
  log(`spatial ${backend}: generating ${polygons} polygons`);
  let started = performance.now();
  await loadLayers(storage, polygons);
  const loadMs = performance.now() - started;
  const { rows } = await sql<{ polygons: number; vertices: number }>`
    SELECT count(*)::int AS polygons, sum(ST_NPoints(geom))::bigint::float8 AS vertices FROM map_feature`.execute(storage.db);
  const stored = { polygons: rows[0]!.polygons, vertices: Number(rows[0]!.vertices) };
  log(`spatial ${backend}: ${stored.polygons} polygons, ${stored.vertices} vertices in ${(loadMs / 1000).toFixed(1)} s; screening ${siteCount} sites`);

  const sites = projectSites(siteCount).map((g) => JSON.stringify(g));
  // Warm both paths (plans, caches) on a few sites before measuring.
  for (const site of sites.slice(0, 5)) {
    await screenSite(storage.db, { type: 'geojson', geometry: site }, 'chemical');
    await directOverlaps(storage, site);
  }
  const screening: number[] = [];
  const direct: number[] = [];
  let hits = 0;
  let maxAreaDifference = 0;
  let maxDistanceDifference = 0;
  for (const [i, site] of sites.entries()) {
    // Alternate which goes first, so drift in the machine's load hits both alike.
    const measureScreening = async () => {
      const t = performance.now();
      const result = await screenSite(storage.db, { type: 'geojson', geometry: site }, 'chemical');
      screening.push(performance.now() - t);
      return result;
    };
    const measureDirect = async () => {
      const t = performance.now();
      const areas = await directOverlaps(storage, site);
      direct.push(performance.now() - t);
      return areas;
    };
    const [result, areas] = i % 2 === 0 ? [await measureScreening(), await measureDirect()] : await measureDirect().then(async (a) => [await measureScreening(), a] as const);
    const platformAreas = new Map<string, number>();
    for (const layer of result.layers) for (const hit of layer.hits) platformAreas.set(String(hit.featureId), hit.overlapM2);
    if (platformAreas.size !== areas.size) throw new Error(`${backend}: site ${i}: screening found ${platformAreas.size} overlaps, the direct query ${areas.size}`);
    for (const [id, area] of areas) {
      hits += 1;
      if (area < 1) continue;
      const platform = platformAreas.get(id);
      if (platform === undefined) throw new Error(`${backend}: site ${i}: feature ${id} missing from the screening`);
      maxAreaDifference = Math.max(maxAreaDifference, Math.abs(platform - area) / area);
    }
    const nearest = result.distances.filter((d) => d.kind === 'layer' && d.distanceM > 0);
    const exact = await geographyDistances(storage, site, nearest.map((d) => d.featureId));
    for (const d of nearest) {
      const distance = exact.get(d.featureId)!;
      maxDistanceDifference = Math.max(maxDistanceDifference, Math.abs(d.distanceM - distance) / distance);
    }
  }
  const run: SpatialRun = {
    backend,
    polygons: stored.polygons,
    vertices: stored.vertices,
    loadMs,
    sites: siteCount,
    hits,
    screening: { p50: median(screening), p95: percentile(Float64Array.from(screening).sort(), 95) },
    direct: { p50: median(direct), p95: percentile(Float64Array.from(direct).sort(), 95) },
    maxAreaDifference,
    maxDistanceDifference,
  };
  log(
    `spatial ${backend}: screening p50 ${run.screening.p50.toFixed(1)} ms p95 ${run.screening.p95.toFixed(1)} ms; ` +
      `direct p50 ${run.direct.p50.toFixed(1)} ms p95 ${run.direct.p95.toFixed(1)} ms; ${hits} overlaps`,
  );
  return run;
}

export async function spatialBench(log: (message: string) => void): Promise<SpatialBench> {
  const polygons = count('BENCH_SPATIAL_POLYGONS', 50_000, 5, 1_000_000);
  const sites = count('BENCH_SPATIAL_SITES', 1000, 10, 100_000);
  return inTempFolder('spatial', async (folder) => {
    const runs = await onEachBackend('spatial', folder, (backend, storage) => runOn(backend, storage, polygons, sites, log), log);
    return { polygons, sites, runs };
  });
}

export function spatialTable(bench: SpatialBench): string {
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  const verdict = (ratio: number) => (ratio <= SPATIAL_GOAL_RATIO ? 'met' : 'NOT met');
  const lines = [
    `${bench.sites} random project sites (8–24 vertices, 100 m – 2 km across) against ${BENCH_LAYERS.length} layers of generated polygons (${QUAD_SEGS * 4 + 1} vertices each).`,
    '',
    '| Back end | polygons | vertices | load | overlaps found | screening p50 | p95 | direct query p50 | p95 | ratio p50 | ratio p95 | largest area difference | largest nearest-distance difference |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of bench.runs) {
    const p50 = r.screening.p50 / r.direct.p50;
    const p95 = r.screening.p95 / r.direct.p95;
    lines.push(
      `| ${r.backend} | ${r.polygons.toLocaleString('en-US')} | ${r.vertices.toLocaleString('en-US')} | ${(r.loadMs / 1000).toFixed(1)} s | ${r.hits.toLocaleString('en-US')} | ` +
        `${ms(r.screening.p50)} | ${ms(r.screening.p95)} | ${ms(r.direct.p50)} | ${ms(r.direct.p95)} | ` +
        `**${p50.toFixed(2)}** (${verdict(p50)}) | **${p95.toFixed(2)}** (${verdict(p95)}) | ${(r.maxAreaDifference * 100).toFixed(4)} % (${r.maxAreaDifference <= SPATIAL_AREA_TOLERANCE ? 'within' : 'NOT within'} 0.1 %) | ${(r.maxDistanceDifference * 100).toFixed(4)} % |`,
    );
  }
  return lines.join('\n');
}

if (resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)) {
  const log = (message: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
  const bench = await spatialBench(log);
  console.log(spatialTable(bench));
}

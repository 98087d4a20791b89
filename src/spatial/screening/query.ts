/**
 * The screening's SQL: building the site geometry (EPSG:4490) from a checked input, and, in one round
 * trip, what the site touches in the current version of every screened layer, what lies within the
 * distances the rules ask about, the nearest features of sensitive layers and the nearest monitoring
 * stations and sections, with the current rule set: the database function screening_facts (migration
 * 0013). Distances the rules ask about are geography's; the nearest features and stations are measured
 * on the ellipsoid between the closest points found in a plane scaled to it at the site (within 0.01 % of
 * geography); overlap areas are square degrees times the ellipsoid's factor at each part's centroid
 * (m2_per_square_degree, within 1e-6 of geography for a part 20 km across).
 * Works on PostgreSQL 15 / PostGIS 3.3 and on PGlite.
 */
import { sql, type RawBuilder } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { RuleVerdict } from '../../db/schema.ts';
import { evaluateScreening, zoneNameIn, type Evaluation, type LayerFacts, type ScreeningRuleRow } from './rules.ts';
import { GEOGRAPHIC_SRIDS, type SiteShape } from './site.ts';

/** The site geometry in EPSG:4490: a point or line buffered on the ellipsoid, or an area transformed. */
export function siteGeometrySql(shape: SiteShape): RawBuilder<unknown> {
  switch (shape.kind) {
    case 'point':
      // Geography in 4326: its coordinates are those of 4490 to within centimetres.
      // 32 segments a quarter: the circle's area is within 0.04 % of πr² (PostGIS's default 8 gives 0.6 % less).
      return sql`ST_SetSRID(ST_Buffer(ST_SetSRID(ST_MakePoint(${shape.lon}::float8, ${shape.lat}::float8), 4326)::geography, ${shape.radiusM}::float8, 'quad_segs=32')::geometry, 4490)`;
    case 'line': {
      const line = JSON.stringify({ type: 'LineString', coordinates: shape.coordinates });
      return sql`ST_SetSRID(ST_Buffer(ST_SetSRID(ST_GeomFromGeoJSON(${line}::text), 4326)::geography, ${shape.widthM / 2}::float8, 'endcap=flat join=round quad_segs=32')::geometry, 4490)`;
    }
    case 'area': {
      const geometry = JSON.stringify(shape.geometry);
      if (GEOGRAPHIC_SRIDS.includes(shape.srid)) return sql`ST_SetSRID(ST_GeomFromGeoJSON(${geometry}::text), 4490)`;
      return sql`ST_Transform(ST_SetSRID(ST_GeomFromGeoJSON(${geometry}::text), ${shape.srid}::integer), 4490)`;
    }
  }
}

export interface BuiltSite {
  ewkt: string;
  geojson: { type: string; coordinates: unknown };
  areaM2: number;
  valid: boolean;
  invalidReason: string | null;
}

export async function buildSite(db: Db, shape: SiteShape): Promise<BuiltSite> {
  const { rows } = await sql<{ ewkt: string; geojson: string; area: number; valid: boolean; reason: string }>`
    WITH s AS (SELECT ${siteGeometrySql(shape)} AS g)
    SELECT ST_AsEWKT(g) AS ewkt, ST_AsGeoJSON(g, 9) AS geojson, ST_Area(g::geography) AS area,
           ST_IsValid(g) AS valid, ST_IsValidReason(g) AS reason
    FROM s`.execute(db);
  const row = rows[0]!;
  return { ewkt: row.ewkt, geojson: JSON.parse(row.geojson), areaM2: Number(row.area), valid: row.valid, invalidReason: row.valid ? null : row.reason };
}

export interface ScreenedLayer extends LayerFacts {
  version: number | null;
  demo: boolean;
  sensitive: boolean;
}

export interface DistanceFact {
  kind: 'layer' | 'air_station' | 'water_section';
  layer: string | null;
  layerName: string;
  featureId: number;
  name: string | null;
  zone: string | null;
  zoneName: string | null;
  distanceM: number;
}

export interface ScreeningFacts {
  siteAreaM2: number;
  ruleSet: { id: number; version: number } | null;
  layers: ScreenedLayer[];
  distances: DistanceFact[];
  rules: ScreeningRuleRow[];
}

export interface ScreeningOutcome extends ScreeningFacts {
  evaluation: Evaluation;
}

export interface FactsRow {
  site_area: number;
  rule_set: { id: number; version: number } | null;
  layers: {
    code: string;
    name: string;
    zones: { code: string; name: string }[];
    geometry_type: string;
    sensitive: boolean;
    version_id: number | null;
    version: number | null;
    demo: boolean | null;
  }[];
  hits: { version_id: number; id: number; name: string | null; zone: string | null; properties: Record<string, unknown>; overlap: number }[];
  near: { version_id: number; id: number; name: string | null; zone: string | null; properties: Record<string, unknown>; distance: number }[];
  nearest: { version_id: number; id: number; name: string | null; zone: string | null; distance: number }[];
  stations: { kind: 'air' | 'section'; id: number; name: string; distance: number }[];
  rules: RuleRecord[];
}

/** A screening_rule row with its document's title, in the database's names. */
export interface RuleRecord {
  id: number;
  layer: string;
  zone: string | null;
  category: string | null;
  feature_filter: Record<string, string> | null;
  within_m: number | string | null;
  verdict: RuleVerdict;
  basis: string;
  doc: string | null;
  doc_title: string | null;
  clause: string | null;
}

export function ruleOf(r: RuleRecord): ScreeningRuleRow {
  return {
    id: r.id,
    layer: r.layer,
    zone: r.zone,
    category: r.category,
    featureFilter: r.feature_filter,
    withinM: r.within_m === null ? null : Number(r.within_m),
    verdict: r.verdict,
    basis: r.basis,
    doc: r.doc,
    docTitle: r.doc_title,
    clause: r.clause,
  };
}

/** A site as EWKT or GeoJSON text, or tagged with which it is. */
export type SiteText = string | { type: 'geojson' | 'ewkt'; geometry: string };

/**
 * What the site (EWKT or GeoJSON, EPSG:4490) touches, in one statement: the database function
 * screening_facts (migration 0013), planned once per connection. Features are found through the spatial
 * index (&&) before any exact test; the intersection is computed only for features that do not cover the
 * whole site; features within a rule's distance are pre-selected by a box widened by that distance in
 * degrees before the geography test.
 */
export async function screeningFacts(db: Db, site: SiteText, categoryCode: string): Promise<ScreeningFacts> {
  // The rule set's text is sent only when it is not the one this process already holds.
  const cached = ruleCache.get(db);
  const { rows } = await factsQuery(site, categoryCode, cached?.ruleSetId ?? null).execute(db);
  // The statement always yields one object; PGlite's PostGIS has been seen to yield none instead of
  // raising a geometry (topology) error. A screening must never pass for "nothing found".
  const row = rows[0] ? json(rows[0].facts) : null;
  if (!row) throw new Error('筛查查询未返回结果（几何运算失败）/ the screening statement returned no row (a geometry operation failed)');
  const ruleSet = row.rule_set;
  let rules: ScreeningRuleRow[];
  if (cached && ruleSet && cached.ruleSetId === ruleSet.id) rules = cached.rules;
  else {
    rules = row.rules.map(ruleOf);
    if (ruleSet) ruleCache.set(db, { ruleSetId: ruleSet.id, rules });
  }
  return { ...factsFromRow(row), ruleSet, rules };
}

/** The one statement behind screeningFacts; the rules come back only when they are not rule set `heldRuleSetId`. */
export function factsQuery(site: SiteText, categoryCode: string, heldRuleSetId: number | null): RawBuilder<{ facts: FactsRow | string | null }> {
  const text = typeof site === 'string' ? site : site.geometry;
  const geojson = typeof site === 'string' ? text.trimStart().startsWith('{') : site.type === 'geojson';
  return sql<{ facts: FactsRow | string | null }>`SELECT screening_facts(${text}::text, ${geojson}::boolean, ${categoryCode}::text, ${heldRuleSetId}::integer) AS facts`;
}

/** Rule sets never change once saved (an edit makes a new one), so a set read once can be kept. */
const ruleCache = new WeakMap<Db, { ruleSetId: number; rules: ScreeningRuleRow[] }>();

const json = <T>(value: T | string): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);

function factsFromRow(row: FactsRow): Omit<ScreeningFacts, 'ruleSet' | 'rules'> {
  const { layers: layerRows, hits, near, nearest, stations } = row;
  const layers: ScreenedLayer[] = layerRows.map((l) => ({
    layer: l.code,
    layerName: l.name,
    zones: (l.zones ?? []).map((z) => ({ code: z.code, name: z.name })),
    areal: l.geometry_type === 'polygon',
    versionId: l.version_id,
    version: l.version,
    demo: l.demo ?? false,
    sensitive: l.sensitive,
    hits: hits
      .filter((h) => h.version_id === l.version_id)
      .map((h) => ({ featureId: Number(h.id), name: h.name, zone: h.zone, properties: h.properties ?? {}, overlapM2: Number(h.overlap) })),
    near: near
      .filter((n) => n.version_id === l.version_id)
      .map((n) => ({ featureId: Number(n.id), name: n.name, zone: n.zone, properties: n.properties ?? {}, distanceM: Number(n.distance) })),
  }));
  const byVersion = new Map(layers.filter((l) => l.versionId !== null).map((l) => [l.versionId!, l]));
  const distances: DistanceFact[] = [
    ...nearest.map((n) => {
      const layer = byVersion.get(n.version_id)!;
      return { kind: 'layer' as const, layer: layer.layer, layerName: layer.layerName, featureId: Number(n.id), name: n.name, zone: n.zone, zoneName: zoneNameIn(layer.zones, n.zone), distanceM: Number(n.distance) };
    }),
    ...stations.map((s) => ({
      kind: s.kind === 'air' ? ('air_station' as const) : ('water_section' as const),
      layer: null,
      layerName: s.kind === 'air' ? '空气质量监测站' : '地表水监测断面',
      featureId: Number(s.id),
      name: s.name,
      zone: null,
      zoneName: null,
      distanceM: Number(s.distance),
    })),
  ];
  return { siteAreaM2: Number(row.site_area), layers, distances };
}

/**
 * Screens a site (EWKT or GeoJSON in EPSG:4490) for a project category without saving anything: the
 * facts and their evaluation. The benchmark calls this directly.
 */
export async function screenSite(db: Db, site: SiteText, categoryCode: string): Promise<ScreeningOutcome> {
  const facts = await screeningFacts(db, site, categoryCode);
  return { ...facts, evaluation: evaluateScreening(categoryCode, facts.rules, facts.layers) };
}

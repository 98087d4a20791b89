/**
 * What the report needs from the database beyond the screening itself (screening/service.ts reads
 * that): the geometry of the features it hit or came near (clipped to the figure's frame), their
 * layers' names and styles, the layer versions' sources, and the titles of the documents the rules cite.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { Screening } from '../screening/service.ts';
import type { Geometry } from '../screening/site.ts';
import { figureFrame, type FigureFeature, type FigureFrame, type FigureLayer } from './map-figure.ts';
import type { LayerStyle, ReportLayerVersion } from './types.ts';
import { DISTANCE_KIND_WORDS } from './words.ts';

const iso = (value: Date | string) => new Date(value).toISOString();

/** Monitoring stations are not map layers; the figure draws them as layers of their own. */
const STATION_LAYERS: Record<'air_station' | 'water_section', FigureLayer> = {
  air_station: { code: '#air_station', name: DISTANCE_KIND_WORDS.air_station, geometryType: 'point', style: { stroke: '#5b2c6f', fill: '#af7ac5', width: 1.5 }, demo: false, sortOrder: 0, symbol: 'triangle' },
  water_section: { code: '#water_section', name: DISTANCE_KIND_WORDS.water_section, geometryType: 'point', style: { stroke: '#1a5276', fill: '#5dade2', width: 1.5 }, demo: false, sortOrder: 1, symbol: 'square' },
};

const numericIds = (ids: Iterable<string | number>) => [...new Set([...ids].map(Number).filter((n) => Number.isSafeInteger(n)))];

export interface FigureData {
  frame: FigureFrame;
  layers: FigureLayer[];
  features: FigureFeature[];
}

/**
 * The figure's frame and content: every map feature the screening names (hits, control units, rules'
 * features, nearest sensitive features) and the monitoring stations it measured, in a frame around the
 * site that also takes in what lies within a few kilometres of it; geometry clipped to that frame and
 * simplified to about a pixel.
 */
export async function figureData(db: Db, s: Screening): Promise<FigureData> {
  const featureIds = numericIds([
    ...s.layers.flatMap((l) => l.hits.map((h) => h.featureId)),
    ...s.controlUnits.map((u) => u.featureId),
    ...s.rules.flatMap((r) => r.features.map((f) => f.featureId)),
    ...s.distances.filter((d) => d.kind === 'layer').map((d) => d.featureId),
  ]);
  const stationIds = numericIds(s.distances.filter((d) => d.kind !== 'layer').map((d) => d.featureId));
  const site = JSON.stringify(s.site);
  const siteGeom = sql`ST_SetSRID(ST_GeomFromGeoJSON(${site}), 4490)`;

  const nearest =
    featureIds.length === 0
      ? []
      : (
          await sql<{ lon: number; lat: number }>`
            SELECT ST_X(p) AS lon, ST_Y(p) AS lat
            FROM (SELECT ST_ClosestPoint(f.geom, ${siteGeom}) AS p FROM map_feature f WHERE f.id IN (${sql.join(featureIds)})) AS closest`.execute(db)
        ).rows;
  const stations =
    stationIds.length === 0
      ? []
      : (
          await sql<{ id: number; kind: 'air' | 'section' | 'source'; lon: number; lat: number }>`
            SELECT id, kind, ST_X(geom) AS lon, ST_Y(geom) AS lat FROM monitoring_site WHERE id IN (${sql.join(stationIds)})`.execute(db)
        ).rows;
  const frame = figureFrame(s.site, { include: [...nearest, ...stations].map((p) => [Number(p.lon), Number(p.lat)]) });

  // About one pixel of the 860-pixel-wide map, in degrees: finer detail would not show.
  const tolerance = (frame.east - frame.west) / 1000;
  const clipped =
    featureIds.length === 0
      ? []
      : (
          await sql<{ layer: string; geometry: string }>`
            SELECT v.layer_code AS layer,
                   ST_AsGeoJSON(ST_SimplifyPreserveTopology(ST_Intersection(f.geom, frame.g), ${tolerance}), 7) AS geometry
            FROM map_feature f
            JOIN map_layer_version v ON v.id = f.layer_version_id,
                 (SELECT ST_MakeEnvelope(${frame.west}, ${frame.south}, ${frame.east}, ${frame.north}, 4490) AS g) AS frame
            WHERE f.id IN (${sql.join(featureIds)}) AND f.geom && frame.g AND ST_Intersects(f.geom, frame.g)
            ORDER BY f.id`.execute(db)
        ).rows;

  const layerCodes = [...new Set(clipped.map((c) => c.layer))];
  const demoOf = new Map(s.layers.map((l) => [l.layer, l.demo]));
  const layerRows =
    layerCodes.length === 0
      ? []
      : await db.selectFrom('map_layer').select(['code', 'name', 'geometry_type', 'style', 'sort_order']).where('code', 'in', layerCodes).execute();
  const layers: FigureLayer[] = layerRows.map((l) => ({
    code: l.code,
    name: l.name,
    geometryType: l.geometry_type,
    style: l.style as LayerStyle,
    demo: demoOf.get(l.code) ?? false,
    sortOrder: l.sort_order,
  }));
  const features: FigureFeature[] = clipped.map((c) => ({ layer: c.layer, geometry: JSON.parse(c.geometry) as Geometry })).filter((f) => !isEmpty(f.geometry));

  for (const station of stations) {
    const layer = station.kind === 'air' ? STATION_LAYERS.air_station : STATION_LAYERS.water_section;
    if (!layers.includes(layer)) layers.push(layer);
    features.push({ layer: layer.code, geometry: { type: 'Point', coordinates: [Number(station.lon), Number(station.lat)] } });
  }
  return { frame, layers, features };
}

function isEmpty(geometry: Geometry): boolean {
  return geometry.type === 'GeometryCollection' ? geometry.geometries.every(isEmpty) : geometry.coordinates.length === 0;
}

/** The versions the screening used, with their source file and import time. */
export async function layerVersionsOf(db: Db, s: Screening): Promise<ReportLayerVersion[]> {
  const ids = s.layers.map((l) => l.versionId).filter((id): id is number => id !== null);
  const rows = ids.length === 0 ? [] : await db.selectFrom('map_layer_version').select(['id', 'source_name', 'imported_at']).where('id', 'in', ids).execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return s.layers.map((l) => {
    const row = l.versionId === null ? undefined : byId.get(l.versionId);
    return {
      layer: l.layer,
      layerName: l.layerName,
      versionId: l.versionId,
      version: l.version,
      demo: l.demo,
      sourceName: row?.source_name ?? null,
      importedAt: row ? iso(row.imported_at) : null,
    };
  });
}

/** Titles of the documents the rules cite, from source_document. */
export async function documentTitles(db: Db, s: Screening): Promise<Record<string, string>> {
  const ids = [...new Set(s.rules.map((r) => r.doc).filter((d): d is string => d !== null))];
  if (ids.length === 0) return {};
  const rows = await db.selectFrom('source_document').select(['id', 'title']).where('id', 'in', ids).execute();
  return Object.fromEntries(rows.map((r) => [r.id, r.title]));
}

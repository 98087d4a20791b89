// The site of a project as the screening form holds it, and what it sends: a drawn point with a
// radius, a line with a width or a polygon; pasted 界址点坐标 in a Gauss-Krüger zone; or a polygon
// read from an uploaded file. Also the preview the map shows before the server has seen the site.
import { circular } from 'ol/geom/Polygon.js';
import { positionsOf } from '../../../src/spatial/screening/site.ts';
import type { Geometry, Position, SiteInput } from './types.ts';

export type SiteMode = 'draw' | 'points' | 'file';
export type DrawKind = 'point' | 'line' | 'polygon';

export interface SiteDraft {
  mode: SiteMode;
  drawKind: DrawKind;
  drawn: Geometry | null;
  radiusM: number | null;
  widthM: number | null;
  pointsText: string;
  /** The coordinate system of pasted points or of an uploaded file; null: from the coordinates themselves. */
  srid: number | null;
  file: { name: string; geometry: Geometry; srid: number | null } | null;
}

export const EMPTY_SITE: SiteDraft = {
  mode: 'draw',
  drawKind: 'polygon',
  drawn: null,
  radiusM: 500,
  widthM: 50,
  pointsText: '',
  srid: null,
  file: null,
};

/** A choice of coordinate system for 界址点坐标: CGCS2000 3-degree Gauss-Krüger zones, 巴中's first. */
export interface SridOption {
  srid: number;
  zone: number;
  centralMeridian: number;
  prefixed: boolean;
}

export function gaussKrugerOptions(): SridOption[] {
  const options: SridOption[] = [];
  for (let zone = 25; zone <= 45; zone += 1) options.push({ srid: 4513 + zone - 25, zone, centralMeridian: zone * 3, prefixed: true });
  for (let cm = 75; cm <= 135; cm += 3) options.push({ srid: 4534 + (cm - 75) / 3, zone: cm / 3, centralMeridian: cm, prefixed: false });
  // 巴中 lies in zone 36, central meridian 108°E.
  const home = (o: SridOption) => (o.zone === 36 ? 0 : 1);
  return options.sort((a, b) => home(a) - home(b) || Number(a.prefixed === false) - Number(b.prefixed === false) || a.zone - b.zone);
}

export type SiteProblem = 'noDrawing' | 'radius' | 'width' | 'noPoints' | 'noFile' | 'notLonLat';

/** Whether a geometry's numbers can be longitude and latitude (a projected file's are metres). */
export function looksLonLat(geometry: Geometry): boolean {
  return positionsOf(geometry).every((p) => Math.abs(p[0]!) <= 180 && Math.abs(p[1]!) <= 90);
}

/** The request's site, or what is missing from the form. */
export function siteInputOf(draft: SiteDraft): { ok: true; site: SiteInput } | { ok: false; problem: SiteProblem } {
  if (draft.mode === 'points') {
    if (draft.pointsText.trim().split('\n').filter((l) => l.trim()).length < 3) return { ok: false, problem: 'noPoints' };
    return { ok: true, site: { kind: 'boundary_points', text: draft.pointsText, ...(draft.srid ? { srid: draft.srid } : {}) } };
  }
  if (draft.mode === 'file') {
    if (!draft.file) return { ok: false, problem: 'noFile' };
    const srid = draft.file.srid ?? draft.srid;
    if (!srid && !looksLonLat(draft.file.geometry)) return { ok: false, problem: 'notLonLat' };
    return { ok: true, site: { kind: 'geometry', geometry: draft.file.geometry, ...(srid ? { srid } : {}) } };
  }
  const g = draft.drawn;
  if (!g) return { ok: false, problem: 'noDrawing' };
  if (g.type === 'Point') {
    if (!draft.radiusM || draft.radiusM <= 0) return { ok: false, problem: 'radius' };
    return { ok: true, site: { kind: 'point', lon: g.coordinates[0], lat: g.coordinates[1], radiusM: draft.radiusM } };
  }
  if (g.type === 'LineString') {
    if (!draft.widthM || draft.widthM <= 0) return { ok: false, problem: 'width' };
    return { ok: true, site: { kind: 'line', coordinates: g.coordinates, widthM: draft.widthM } };
  }
  if (g.type === 'Polygon') return { ok: true, site: { kind: 'polygon', coordinates: g.coordinates } };
  return { ok: false, problem: 'noDrawing' };
}

/** What the map shows of the site being entered: a point's circle drawn geodesically, else the shape. */
export function sitePreview(draft: SiteDraft): Geometry | null {
  if (draft.mode === 'file') return draft.file && (draft.file.srid === 4326 || looksLonLat(draft.file.geometry)) ? draft.file.geometry : null;
  if (draft.mode !== 'draw' || !draft.drawn) return null;
  if (draft.drawn.type === 'Point' && draft.radiusM && draft.radiusM > 0) {
    const ring = circular(draft.drawn.coordinates, draft.radiusM, 64).getCoordinates()[0]!;
    return { type: 'Polygon', coordinates: [ring.map((p) => [p[0]!, p[1]!] as Position)] };
  }
  return draft.drawn;
}

/** The polygons of a GeoJSON object (a FeatureCollection, a Feature or a bare geometry), as one geometry. */
export function polygonsOf(value: unknown): Geometry | null {
  const polygons: Position[][][] = [];
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      node.forEach(visit);
      return;
    }
    const o = node as { type?: string; features?: unknown[]; geometry?: unknown; geometries?: unknown[]; coordinates?: unknown };
    if (o.type === 'FeatureCollection') o.features?.forEach(visit);
    else if (o.type === 'Feature') visit(o.geometry);
    else if (o.type === 'GeometryCollection') o.geometries?.forEach(visit);
    else if (o.type === 'Polygon') polygons.push(o.coordinates as Position[][]);
    else if (o.type === 'MultiPolygon') polygons.push(...(o.coordinates as Position[][][]));
  };
  visit(value);
  if (polygons.length === 0) return null;
  return polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0]! } : { type: 'MultiPolygon', coordinates: polygons };
}

/**
 * Reads an uploaded site: GeoJSON as it is (its coordinate system chosen in the form when it is not
 * lon/lat), a zipped Shapefile through shpjs, which reprojects by its .prj to WGS84.
 */
export async function readSiteFile(file: File): Promise<{ geometry: Geometry; srid: number | null } | 'unreadable' | 'noPolygon'> {
  const name = file.name.toLowerCase();
  try {
    if (name.endsWith('.zip')) {
      // @ts-ignore shpjs ships no type declarations
      const { default: shp } = (await import('shpjs')) as { default: (data: ArrayBuffer) => Promise<unknown> };
      const geometry = polygonsOf(await shp(await file.arrayBuffer()));
      if (!geometry) return 'noPolygon';
      return { geometry, srid: looksLonLat(geometry) ? 4326 : null };
    }
    const geometry = polygonsOf(JSON.parse(await file.text()));
    // GeoJSON is longitude and latitude by its standard, but files handed out here often hold
    // Gauss-Krüger metres: only those ask for their coordinate system.
    return geometry ? { geometry, srid: looksLonLat(geometry) ? 4326 : null } : 'noPolygon';
  } catch {
    return 'unreadable';
  }
}

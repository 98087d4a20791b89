/**
 * The GeoJSON geometry shapes the importer passes around (RFC 7946, positions [x, y] in the source
 * coordinate system), and pure checks of their structure: PostGIS would abort the whole transaction
 * on a malformed one, so they are refused feature by feature before any SQL sees them.
 */
export type Position = number[];

export type Geometry =
  | { type: 'Point'; coordinates: Position }
  | { type: 'MultiPoint'; coordinates: Position[] }
  | { type: 'LineString'; coordinates: Position[] }
  | { type: 'MultiLineString'; coordinates: Position[][] }
  | { type: 'Polygon'; coordinates: Position[][] }
  | { type: 'MultiPolygon'; coordinates: Position[][][] }
  | { type: 'GeometryCollection'; geometries: Geometry[] };

export type GeometryKind = 'polygon' | 'line' | 'point';

export const GEOMETRY_TYPES = ['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection'] as const;

const KIND_OF_TYPE: Record<string, GeometryKind | undefined> = {
  Point: 'point',
  MultiPoint: 'point',
  LineString: 'line',
  MultiLineString: 'line',
  Polygon: 'polygon',
  MultiPolygon: 'polygon',
};

export const KIND_NAMES: Record<GeometryKind, string> = { polygon: '面 / polygon', line: '线 / line', point: '点 / point' };

/** Every position of a geometry, in order. */
export function* positions(geometry: Geometry): Generator<Position> {
  switch (geometry.type) {
    case 'Point':
      // An empty point is written with no coordinates at all.
      if (geometry.coordinates.length > 0) yield geometry.coordinates;
      return;
    case 'MultiPoint':
    case 'LineString':
      yield* geometry.coordinates;
      return;
    case 'MultiLineString':
    case 'Polygon':
      for (const part of geometry.coordinates) yield* part;
      return;
    case 'MultiPolygon':
      for (const polygon of geometry.coordinates) for (const ring of polygon) yield* ring;
      return;
    case 'GeometryCollection':
      for (const member of geometry.geometries) yield* positions(member);
  }
}

export interface Bounds {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

/** The extent of many geometries, or null when they hold no position. */
export function boundsOf(geometries: Iterable<Geometry | null>): Bounds | null {
  let bounds: Bounds | null = null;
  for (const geometry of geometries) {
    if (!geometry) continue;
    for (const [x, y] of positions(geometry)) {
      if (x === undefined || y === undefined || !Number.isFinite(x) || !Number.isFinite(y)) continue;
      if (!bounds) bounds = { minX: x, minY: y, maxX: x, maxY: y };
      else {
        bounds.minX = Math.min(bounds.minX, x);
        bounds.minY = Math.min(bounds.minY, y);
        bounds.maxX = Math.max(bounds.maxX, x);
        bounds.maxY = Math.max(bounds.maxY, y);
      }
    }
  }
  return bounds;
}

function isPosition(value: unknown): value is Position {
  return Array.isArray(value) && value.length >= 2 && value.every((n) => typeof n === 'number');
}

function isArrayOf<T>(value: unknown, item: (v: unknown) => v is T): value is T[] {
  return Array.isArray(value) && value.every(item);
}

const isLine = (v: unknown): v is Position[] => isArrayOf(v, isPosition);
const isLines = (v: unknown): v is Position[][] => isArrayOf(v, isLine);
const isPolygons = (v: unknown): v is Position[][][] => isArrayOf(v, isLines);

/** A GeoJSON geometry object as read from a file, or null when it is none. */
export function asGeometry(value: unknown): Geometry | null {
  if (typeof value !== 'object' || value === null) return null;
  const { type, coordinates, geometries } = value as { type?: unknown; coordinates?: unknown; geometries?: unknown };
  switch (type) {
    case 'Point':
      return isPosition(coordinates) ? { type, coordinates } : Array.isArray(coordinates) && coordinates.length === 0 ? { type, coordinates: [] } : null;
    case 'MultiPoint':
    case 'LineString':
      return isLine(coordinates) ? { type, coordinates } : null;
    case 'MultiLineString':
    case 'Polygon':
      return isLines(coordinates) ? { type, coordinates } : null;
    case 'MultiPolygon':
      return isPolygons(coordinates) ? { type, coordinates } : null;
    case 'GeometryCollection': {
      if (!Array.isArray(geometries)) return null;
      const members = geometries.map(asGeometry);
      return members.every((m) => m !== null) ? { type, geometries: members as Geometry[] } : null;
    }
    default:
      return null;
  }
}

function closed(ring: Position[]): boolean {
  const first = ring[0];
  const last = ring[ring.length - 1];
  return first !== undefined && last !== undefined && first[0] === last[0] && first[1] === last[1];
}

function ringProblem(ring: Position[]): string | null {
  if (ring.length < 4) return `环少于 4 个点（${ring.length} 个）/ ring with fewer than 4 positions`;
  if (!closed(ring)) return '环未闭合 / ring not closed';
  return null;
}

/**
 * Why a geometry cannot be stored in a layer of `kind` (empty, of another kind, malformed), or null.
 * Self-intersections and the like are left to PostGIS, which repairs them.
 */
export function geometryProblem(geometry: Geometry | null, kind: GeometryKind): string | null {
  if (!geometry) return '几何为空 / no geometry';
  if (geometry.type === 'GeometryCollection') return `几何集合（GeometryCollection）不能导入${KIND_NAMES[kind]}图层 / geometry collection`;
  const found = KIND_OF_TYPE[geometry.type];
  const all = [...positions(geometry)];
  if (all.length === 0) return '几何为空 / empty geometry';
  if (found !== kind) return `几何类型 ${geometry.type}（${KIND_NAMES[found!]}）与图层类型（${KIND_NAMES[kind]}）不符 / wrong geometry type for the layer`;
  if (all.some((p) => !Number.isFinite(p[0]) || !Number.isFinite(p[1]))) return '坐标不是有限数值 / non-finite coordinate';
  switch (geometry.type) {
    case 'LineString':
      return geometry.coordinates.length < 2 ? '线少于 2 个点 / line with fewer than 2 positions' : null;
    case 'MultiLineString':
      return geometry.coordinates.some((line) => line.length < 2) ? '线少于 2 个点 / line with fewer than 2 positions' : null;
    case 'Polygon':
      return geometry.coordinates.map(ringProblem).find((p) => p !== null) ?? null;
    case 'MultiPolygon':
      if (geometry.coordinates.some((polygon) => polygon.length === 0)) return '多边形没有环 / polygon without rings';
      return geometry.coordinates.flatMap((polygon) => polygon.map(ringProblem)).find((p) => p !== null) ?? null;
    default:
      return null;
  }
}

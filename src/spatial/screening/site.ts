/**
 * A project's site as the user gives it (SiteInput): checked and turned into a shape the database
 * builds the site geometry from. Pure: no database, so every refusal is tested without one.
 *
 * 界址点坐标 (boundary points) come the way land departments write them: X is the northing (7 digits
 * in China), Y the easting, with the 3-degree zone as a 2-digit prefix (8 digits) or without (6 digits,
 * then the coordinate system must be chosen).
 */
export type Position = number[];
export interface Polygon {
  type: 'Polygon';
  coordinates: Position[][];
}
export interface MultiPolygon {
  type: 'MultiPolygon';
  coordinates: Position[][][];
}

/** GeoJSON geometry in lon/lat (EPSG:4490 numbers, which are WGS84's within centimetres). */
export type Geometry =
  | { type: 'Point'; coordinates: Position }
  | { type: 'MultiPoint'; coordinates: Position[] }
  | { type: 'LineString'; coordinates: Position[] }
  | { type: 'MultiLineString'; coordinates: Position[][] }
  | Polygon
  | MultiPolygon
  | { type: 'GeometryCollection'; geometries: Geometry[] };

export type SiteInput =
  | { kind: 'point'; lon: number; lat: number; radiusM: number }
  | { kind: 'line'; coordinates: [number, number][]; widthM: number }
  | { kind: 'polygon'; coordinates: [number, number][][] }
  | { kind: 'geometry'; geometry: Polygon | MultiPolygon; srid?: number }
  | { kind: 'boundary_points'; text: string; srid?: number };

/** What the database turns into the site (EPSG:4490): a buffered point or line, or an area in `srid`. */
export type SiteShape =
  | { kind: 'point'; lon: number; lat: number; radiusM: number }
  | { kind: 'line'; coordinates: [number, number][]; widthM: number }
  | { kind: 'area'; geometry: Polygon | MultiPolygon; srid: number };

export type Checked<T> = { ok: true; value: T; warnings: string[] } | { ok: false; error: string; field: string };

export const MAX_RADIUS_M = 50_000;
export const MAX_WIDTH_M = 5_000;
export const MAX_VERTICES = 20_000;

/** CGCS2000 3-degree Gauss-Krüger zones: with the zone prefix 4513–4533 (zones 25–45), without 4534–4554. */
export const GK_PREFIXED = { first: 4513, last: 4533, firstZone: 25 };
export const GK_PLAIN = { first: 4534, last: 4554, firstCentralMeridian: 75 };
export const GEOGRAPHIC_SRIDS = [4490, 4326];

export const zoneSrid = (zone: number) => GK_PREFIXED.first + (zone - GK_PREFIXED.firstZone);
export const isPrefixedGk = (srid: number) => srid >= GK_PREFIXED.first && srid <= GK_PREFIXED.last;
export const isPlainGk = (srid: number) => srid >= GK_PLAIN.first && srid <= GK_PLAIN.last;
export const isKnownSrid = (srid: number) => GEOGRAPHIC_SRIDS.includes(srid) || isPrefixedGk(srid) || isPlainGk(srid);

const fail = (field: string, error: string): { ok: false; error: string; field: string } => ({ ok: false, error, field });
const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function checkLonLat(position: unknown, where: string): string | null {
  if (!Array.isArray(position) || position.length < 2 || !isFiniteNumber(position[0]) || !isFiniteNumber(position[1])) {
    return `${where}不是 [经度, 纬度] 数对`;
  }
  const [lon, lat] = position as [number, number];
  if (lon < 73 || lon > 136 || lat < 3 || lat > 54) return `${where}（${lon}, ${lat}）不在我国范围内（经度 73–136，纬度 3–54）；是否把经纬度写反，或坐标不是经纬度？`;
  return null;
}

const samePoint = (a: Position, b: Position) => a[0] === b[0] && a[1] === b[1];

/** Drops repeated consecutive points and the closing point: what remains are the ring's distinct corners. */
export function ringCorners(ring: Position[]): Position[] {
  const corners: Position[] = [];
  for (const p of ring) if (corners.length === 0 || !samePoint(corners[corners.length - 1]!, p)) corners.push(p);
  while (corners.length > 1 && samePoint(corners[0]!, corners[corners.length - 1]!)) corners.pop();
  return corners;
}

function orientation(a: Position, b: Position, c: Position): number {
  const v = (b[1]! - a[1]!) * (c[0]! - b[0]!) - (b[0]! - a[0]!) * (c[1]! - b[1]!);
  return v === 0 ? 0 : v > 0 ? 1 : 2;
}

const onSegment = (a: Position, b: Position, p: Position) =>
  Math.min(a[0]!, b[0]!) <= p[0]! && p[0]! <= Math.max(a[0]!, b[0]!) && Math.min(a[1]!, b[1]!) <= p[1]! && p[1]! <= Math.max(a[1]!, b[1]!);

function segmentsIntersect(p1: Position, p2: Position, q1: Position, q2: Position): boolean {
  const o1 = orientation(p1, p2, q1);
  const o2 = orientation(p1, p2, q2);
  const o3 = orientation(q1, q2, p1);
  const o4 = orientation(q1, q2, p2);
  if (o1 !== o2 && o3 !== o4) return true;
  return (o1 === 0 && onSegment(p1, p2, q1)) || (o2 === 0 && onSegment(p1, p2, q2)) || (o3 === 0 && onSegment(q1, q2, p1)) || (o4 === 0 && onSegment(q1, q2, p2));
}

/**
 * The first pair of edges of a closed ring (given by its distinct corners) that cross or touch other
 * than at their shared corner, as 1-based edge numbers; null for a simple ring. Quadratic, which the
 * vertex limit keeps affordable.
 */
export function selfIntersection(corners: Position[]): [number, number] | null {
  const n = corners.length;
  for (let i = 0; i < n; i++) {
    const a1 = corners[i]!;
    const a2 = corners[(i + 1) % n]!;
    for (let j = i + 1; j < n; j++) {
      // Neighbouring edges share a corner; they only count when they fold back onto each other.
      const adjacent = j === i + 1 || (i === 0 && j === n - 1);
      const b1 = corners[j]!;
      const b2 = corners[(j + 1) % n]!;
      if (adjacent) {
        const shared = j === i + 1 ? a2 : a1;
        const otherA = j === i + 1 ? a1 : a2;
        const otherB = j === i + 1 ? b2 : b1;
        if (orientation(otherA, shared, otherB) === 0 && (onSegment(shared, otherA, otherB) || onSegment(shared, otherB, otherA))) return [i + 1, j + 1];
        continue;
      }
      if (segmentsIntersect(a1, a2, b1, b2)) return [i + 1, j + 1];
    }
  }
  return null;
}

function closedRing(ringLabel: string, field: string, ring: Position[]): Checked<Position[]> {
  const corners = ringCorners(ring);
  if (corners.length < 3) return fail(field, `${ringLabel}至少需要 3 个不同的点，现有 ${corners.length} 个`);
  const crossing = selfIntersection(corners);
  if (crossing) return fail(field, `${ringLabel}自相交：第 ${crossing[0]} 条边与第 ${crossing[1]} 条边相交，请检查点的顺序`);
  return { ok: true, value: [...corners, corners[0]!], warnings: [] };
}

function checkPolygonRings(rings: unknown, field: string, lonLat: boolean, label = ''): Checked<Position[][]> {
  if (!Array.isArray(rings) || rings.length === 0) return fail(field, `${label}多边形没有坐标环`);
  const closed: Position[][] = [];
  for (const [r, ring] of rings.entries()) {
    const ringLabel = `${label}${r === 0 ? '外环' : `第 ${r} 个内环`}`;
    if (!Array.isArray(ring)) return fail(field, `${ringLabel}不是坐标数组`);
    for (const [p, position] of ring.entries()) {
      const problem = lonLat
        ? checkLonLat(position, `${ringLabel}第 ${p + 1} 个点`)
        : Array.isArray(position) && position.length >= 2 && isFiniteNumber(position[0]) && isFiniteNumber(position[1])
          ? null
          : `${ringLabel}第 ${p + 1} 个点不是数对`;
      if (problem) return fail(field, problem);
    }
    const result = closedRing(ringLabel, field, ring as Position[]);
    if (!result.ok) return result;
    closed.push(result.value.map((p) => [p[0]!, p[1]!]));
  }
  return { ok: true, value: closed, warnings: [] };
}

function vertexCount(rings: Position[][]): number {
  return rings.reduce((n, ring) => n + ring.length, 0);
}

// ---- 界址点坐标 ----

export interface BoundaryPoint {
  name: string | null;
  /** Northing (北坐标) in metres. */
  x: number;
  /** Easting (东坐标) in metres, with the zone prefix when it was written with one. */
  y: number;
}

export interface BoundaryRing {
  points: BoundaryPoint[];
  srid: number;
  /** Closed ring as GeoJSON positions [easting, northing] in `srid`. */
  ring: [number, number][];
}

const NUMBER = /^[+-]?\d+(\.\d+)?$/;
const SEPARATORS = /[\s,，;；、]+/;

type Magnitude = 'northing' | 'prefixed_easting' | 'plain_easting' | 'other';

/** Which kind of coordinate a number can be, from its integer digits (China lies at northings 2–6 million m). */
function magnitude(value: number): Magnitude {
  const whole = Math.floor(Math.abs(value));
  if (whole >= 1_000_000 && whole < 10_000_000) return 'northing';
  if (whole >= 10_000_000 && whole < 100_000_000) {
    const zone = Math.floor(whole / 1_000_000);
    return zone >= 25 && zone <= 45 ? 'prefixed_easting' : 'other';
  }
  if (whole >= 100_000 && whole < 1_000_000) return 'plain_easting';
  return 'other';
}

/**
 * Reads 界址点坐标: one point per line, "J1 3530000.123 36500000.456" or "3530000.123,36500000.456"
 * (space, tab, comma or Chinese comma between), an optional point name or number first. The ring is
 * closed automatically; a list written Y before X throughout is swapped back with a warning.
 */
export function parseBoundaryPoints(text: string, chosenSrid?: number): Checked<BoundaryRing> {
  const field = 'site.text';
  if (typeof text !== 'string' || text.trim() === '') return fail(field, '界址点坐标为空：请每行填写一个点，格式如「J1 3530000.123 36500000.456」');
  const points: BoundaryPoint[] = [];
  const lines = text.split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const tokens = line.split(SEPARATORS).filter((t) => t !== '');
    const numbers = tokens.filter((t) => NUMBER.test(t)).map(Number);
    if (numbers.length < 2) {
      // A heading such as "点号 X Y" before the first point is allowed.
      if (points.length === 0 && numbers.length === 0) continue;
      return fail(field, `第 ${index + 1} 行「${line}」不是界址点：应为「点号 X Y」或「X,Y」`);
    }
    const [x, y] = numbers.slice(-2) as [number, number];
    const nameTokens = tokens.slice(0, tokens.length - 2);
    points.push({ name: nameTokens.length > 0 ? nameTokens.join(' ') : null, x, y });
  }
  if (points.length === 0) return fail(field, '界址点坐标中没有可识别的点');

  const warnings: string[] = [];
  const kinds = points.map((p) => [magnitude(p.x), magnitude(p.y)] as const);
  const looksSwapped = kinds.every(([kx, ky]) => kx !== 'northing' && kx !== 'other' && ky === 'northing');
  if (looksSwapped) {
    for (const p of points) [p.x, p.y] = [p.y, p.x];
    warnings.push('X、Y 似乎写反（X 应为 7 位的北坐标，Y 为东坐标），已按 X=北坐标、Y=东坐标交换');
  }
  for (const [i, p] of points.entries()) {
    const label = `第 ${i + 1} 个点${p.name ? `（${p.name}）` : ''}`;
    if (magnitude(p.x) !== 'northing') return fail(field, `${label}的 X=${p.x} 不是北坐标：X 应为 7 位整数部分的北坐标（如 3530000.123）`);
    const ky = magnitude(p.y);
    if (ky !== 'prefixed_easting' && ky !== 'plain_easting') {
      return fail(field, `${label}的 Y=${p.y} 不是东坐标：应为带 2 位带号的 8 位（如 36500000.456）或不带带号的 6 位（如 500000.456）`);
    }
  }

  const prefixed = points.filter((p) => magnitude(p.y) === 'prefixed_easting');
  if (prefixed.length > 0 && prefixed.length < points.length) return fail(field, '界址点的 Y 坐标有的带带号、有的不带，请统一');
  let srid: number;
  if (prefixed.length > 0) {
    const zones = new Set(prefixed.map((p) => Math.floor(p.y / 1_000_000)));
    if (zones.size > 1) return fail(field, `界址点分属不同的带（${[...zones].join('、')}），同一宗地应在同一带内`);
    const zone = [...zones][0]!;
    srid = zoneSrid(zone);
    if (chosenSrid !== undefined && chosenSrid !== srid) {
      return fail('site.srid', `Y 坐标的带号为 ${zone}（CGCS2000 3 度带，EPSG:${srid}），与所选坐标系 EPSG:${chosenSrid} 不符`);
    }
  } else {
    if (chosenSrid === undefined) {
      return fail('site.srid', 'Y 坐标不带带号（6 位），无法判断所在的带：请选择坐标系，如巴中所在的 CGCS2000 3 度带中央经线 108°（EPSG:4545）');
    }
    if (!isPlainGk(chosenSrid)) {
      return fail('site.srid', `Y 坐标不带带号，所选坐标系应为不带带号的 CGCS2000 3 度带（EPSG:${GK_PLAIN.first}–${GK_PLAIN.last}），而不是 EPSG:${chosenSrid}`);
    }
    srid = chosenSrid;
  }

  const ring = closedRing('界址点围成的地块', field, points.map((p) => [p.y, p.x]));
  if (!ring.ok) return ring;
  return { ok: true, value: { points, srid, ring: ring.value as [number, number][] }, warnings };
}

// ---- SiteInput ----

/** Checks a SiteInput and gives the shape to build in the database, with clear Chinese refusals. */
export function checkSite(input: unknown): Checked<SiteShape> {
  if (typeof input !== 'object' || input === null) return fail('site', '缺少项目选址');
  const site = input as Record<string, unknown>;
  switch (site.kind) {
    case 'point': {
      const problem = checkLonLat([site.lon, site.lat], '点位');
      if (problem) return fail('site', problem);
      if (!isFiniteNumber(site.radiusM) || site.radiusM <= 0 || site.radiusM > MAX_RADIUS_M) {
        return fail('site.radiusM', `半径应为大于 0、不超过 ${MAX_RADIUS_M} 的米数`);
      }
      return { ok: true, value: { kind: 'point', lon: site.lon as number, lat: site.lat as number, radiusM: site.radiusM }, warnings: [] };
    }
    case 'line': {
      if (!Array.isArray(site.coordinates)) return fail('site.coordinates', '线路坐标应为 [经度, 纬度] 的数组');
      for (const [i, position] of site.coordinates.entries()) {
        const problem = checkLonLat(position, `线路第 ${i + 1} 个点`);
        if (problem) return fail('site.coordinates', problem);
      }
      const coordinates = (site.coordinates as [number, number][]).map((p) => [p[0], p[1]] as [number, number]);
      const distinct = coordinates.filter((p, i) => i === 0 || !samePoint(coordinates[i - 1]!, p));
      if (distinct.length < 2) return fail('site.coordinates', '线路至少需要 2 个不同的点');
      if (distinct.length > MAX_VERTICES) return fail('site.coordinates', `线路的点过多（最多 ${MAX_VERTICES} 个）`);
      if (!isFiniteNumber(site.widthM) || site.widthM <= 0 || site.widthM > MAX_WIDTH_M) {
        return fail('site.widthM', `线路宽度应为大于 0、不超过 ${MAX_WIDTH_M} 的米数`);
      }
      return { ok: true, value: { kind: 'line', coordinates: distinct, widthM: site.widthM }, warnings: [] };
    }
    case 'polygon': {
      const rings = checkPolygonRings(site.coordinates, 'site.coordinates', true);
      if (!rings.ok) return rings;
      if (vertexCount(rings.value) > MAX_VERTICES) return fail('site.coordinates', `多边形的点过多（最多 ${MAX_VERTICES} 个）`);
      return { ok: true, value: { kind: 'area', geometry: { type: 'Polygon', coordinates: rings.value }, srid: 4490 }, warnings: [] };
    }
    case 'geometry': {
      const srid = site.srid ?? 4490;
      if (!isFiniteNumber(srid) || !isKnownSrid(srid)) {
        return fail('site.srid', `不支持的坐标系 EPSG:${String(srid)}：可用 4490（CGCS2000）、4326（WGS84）、4513–4554（CGCS2000 3 度带）`);
      }
      const geometry = site.geometry as { type?: unknown; coordinates?: unknown } | undefined;
      if (!geometry || (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon')) {
        return fail('site.geometry', '几何应为 GeoJSON 的 Polygon 或 MultiPolygon');
      }
      const lonLat = GEOGRAPHIC_SRIDS.includes(srid);
      if (geometry.type === 'Polygon') {
        const rings = checkPolygonRings(geometry.coordinates, 'site.geometry', lonLat);
        if (!rings.ok) return rings;
        if (vertexCount(rings.value) > MAX_VERTICES) return fail('site.geometry', `多边形的点过多（最多 ${MAX_VERTICES} 个）`);
        return { ok: true, value: { kind: 'area', geometry: { type: 'Polygon', coordinates: rings.value }, srid }, warnings: [] };
      }
      if (!Array.isArray(geometry.coordinates) || geometry.coordinates.length === 0) return fail('site.geometry', 'MultiPolygon 没有多边形');
      const polygons: Position[][][] = [];
      for (const [i, polygon] of geometry.coordinates.entries()) {
        const rings = checkPolygonRings(polygon, 'site.geometry', lonLat, `第 ${i + 1} 个多边形的`);
        if (!rings.ok) return rings;
        polygons.push(rings.value);
      }
      if (polygons.reduce((n, p) => n + vertexCount(p), 0) > MAX_VERTICES) return fail('site.geometry', `多边形的点过多（最多 ${MAX_VERTICES} 个）`);
      return { ok: true, value: { kind: 'area', geometry: { type: 'MultiPolygon', coordinates: polygons }, srid }, warnings: [] };
    }
    case 'boundary_points': {
      if (site.srid !== undefined && (!isFiniteNumber(site.srid) || !(isPrefixedGk(site.srid) || isPlainGk(site.srid)))) {
        return fail('site.srid', `界址点坐标应为 CGCS2000 3 度带坐标（EPSG:${GK_PREFIXED.first}–${GK_PLAIN.last}），不是 EPSG:${String(site.srid)}`);
      }
      const parsed = parseBoundaryPoints(site.text as string, site.srid as number | undefined);
      if (!parsed.ok) return parsed;
      return { ok: true, value: { kind: 'area', geometry: { type: 'Polygon', coordinates: [parsed.value.ring] }, srid: parsed.value.srid }, warnings: parsed.warnings };
    }
    default:
      return fail('site.kind', '选址方式应为 point（点+半径）、line（线+宽度）、polygon（多边形）、geometry（上传的几何）或 boundary_points（界址点坐标）之一');
  }
}

/** Every position of a geometry, in order (for extents and coordinate checks). */
export function positionsOf(geometry: Geometry): Position[] {
  switch (geometry.type) {
    case 'Point':
      return [geometry.coordinates];
    case 'MultiPoint':
    case 'LineString':
      return geometry.coordinates;
    case 'MultiLineString':
    case 'Polygon':
      return geometry.coordinates.flat();
    case 'MultiPolygon':
      return geometry.coordinates.flat(2);
    case 'GeometryCollection':
      return geometry.geometries.flatMap(positionsOf);
  }
}

/**
 * Pure shape makers for the 示例 layers: a seeded random source, irregular patches ("blobs") around a
 * centre, meandering polylines through fixed points, and a jittered grid of small patches. Every
 * function is deterministic given its seed, so a demo load draws the same map on every store.
 */

export type LonLat = [number, number];

export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: LonLat[][];
}

export interface LineGeometry {
  type: 'LineString';
  coordinates: LonLat[];
}

/** A random source: mulberry32 seeded from a string, so each feature's shape depends on its name only. */
export function seededRandom(seed: string): () => number {
  let state = 2166136261;
  for (const char of seed) state = Math.imul(state ^ char.codePointAt(0)!, 16777619) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Metres per degree of latitude and of longitude at a latitude, on the GRS80/WGS84 ellipsoid (series to cm). */
function metresPerDegree(latDeg: number): { lat: number; lon: number } {
  const phi = (latDeg * Math.PI) / 180;
  return {
    lat: 111_132.92 - 559.82 * Math.cos(2 * phi) + 1.175 * Math.cos(4 * phi),
    lon: 111_412.84 * Math.cos(phi) - 93.5 * Math.cos(3 * phi),
  };
}

/**
 * How to widen a line by `widthM` in plain degrees: stretch longitudes by `xScale` so that a degree
 * either way is as long on the ground, buffer by `distance` degrees, shrink back. Good to well under
 * 1 % over a city, and needs no projection library (on PGlite the first geography buffer of a session
 * loads PROJ's database, which takes seconds).
 */
export function stripScale(latDeg: number, widthM: number): { xScale: number; distance: number } {
  const scale = metresPerDegree(latDeg);
  return { xScale: scale.lon / scale.lat, distance: widthM / scale.lat };
}

/** A point `east` and `north` metres from `origin` (local flat approximation, well within 0.1 % over 10 km). */
export function offset(origin: LonLat, east: number, north: number): LonLat {
  const scale = metresPerDegree(origin[1] + north / 2 / 111_000);
  return [round(origin[0] + east / scale.lon), round(origin[1] + north / scale.lat)];
}

/** Approximate ground distance in metres (for placing demo shapes, not for results). */
export function distanceM(a: LonLat, b: LonLat): number {
  const scale = metresPerDegree((a[1] + b[1]) / 2);
  return Math.hypot((b[0] - a[0]) * scale.lon, (b[1] - a[1]) * scale.lat);
}

/** Six decimals: about 0.1 m, so the numbers a database gives back are the numbers written. */
function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

export interface BlobOptions {
  /** Stretch along `rotation` (1: round). The patch's largest extent is radius × aspect × (1 + roughness). */
  aspect?: number;
  /** Direction of the long axis, radians counter-clockwise from east. */
  rotation?: number;
  /** Relative amplitude of the wobble of the outline (0: an ellipse). Keep below 0.5. */
  roughness?: number;
  vertices?: number;
}

/**
 * An irregular patch around `centre`: an ellipse whose radius wobbles with a few low harmonics. The
 * outline is star-shaped around the centre, so the polygon is always simple (valid).
 */
export function blob(centre: LonLat, radiusM: number, random: () => number, options: BlobOptions = {}): PolygonGeometry {
  const { aspect = 1, rotation = 0, roughness = 0.15, vertices = 48 } = options;
  const harmonics = [2, 3, 4, 5].map((k) => ({ k, amplitude: random(), phase: random() * 2 * Math.PI }));
  const total = harmonics.reduce((sum, h) => sum + h.amplitude, 0) || 1;
  const ring: LonLat[] = [];
  for (let i = 0; i < vertices; i += 1) {
    const theta = (2 * Math.PI * i) / vertices;
    const wobble = harmonics.reduce((sum, h) => sum + (h.amplitude / total) * Math.cos(h.k * theta + h.phase), 0);
    const r = radiusM * (1 + roughness * wobble);
    const x = r * Math.cos(theta) * aspect;
    const y = (r * Math.sin(theta)) / aspect;
    const east = x * Math.cos(rotation) - y * Math.sin(rotation);
    const north = x * Math.sin(rotation) + y * Math.cos(rotation);
    ring.push(offset(centre, east, north));
  }
  ring.push(ring[0]!);
  return { type: 'Polygon', coordinates: [ring] };
}

/** A circle of `radiusM` metres around `centre`, as a polygon of `vertices` points on it. */
export function circle(centre: LonLat, radiusM: number, vertices = 72): PolygonGeometry {
  const ring: LonLat[] = [];
  for (let i = 0; i < vertices; i += 1) {
    const theta = (2 * Math.PI * i) / vertices;
    ring.push(offset(centre, radiusM * Math.cos(theta), radiusM * Math.sin(theta)));
  }
  ring.push(ring[0]!);
  return { type: 'Polygon', coordinates: [ring] };
}

/** The largest distance a blob of these options can reach from its centre. */
export function blobReachM(radiusM: number, options: BlobOptions = {}): number {
  const { aspect = 1, roughness = 0.15 } = options;
  return radiusM * Math.max(aspect, 1 / aspect) * (1 + roughness);
}

/** The smallest distance from its centre at which a blob of these options can end. */
export function blobInnerReachM(radiusM: number, options: BlobOptions = {}): number {
  const { aspect = 1, roughness = 0.15 } = options;
  return radiusM * Math.min(aspect, 1 / aspect) * (1 - roughness);
}

/**
 * A polyline through `through` (kept exactly, e.g. a monitoring section on the river) that meanders
 * between them: each leg is split into `steps` and pushed sideways by a smooth random amount that is
 * zero at both ends of the leg.
 */
export function meander(through: LonLat[], random: () => number, options: { steps?: number; amplitude?: number } = {}): LonLat[] {
  const { steps = 8, amplitude = 0.08 } = options;
  const line: LonLat[] = [through[0]!];
  for (let leg = 1; leg < through.length; leg += 1) {
    const from = through[leg - 1]!;
    const to = through[leg]!;
    const length = distanceM(from, to);
    const scale = metresPerDegree(from[1]);
    // The leg's direction in metres, and the unit vector across it.
    const dx = (to[0] - from[0]) * scale.lon;
    const dy = (to[1] - from[1]) * scale.lat;
    const across: [number, number] = length === 0 ? [0, 0] : [-dy / length, dx / length];
    const waves = [1, 2, 3].map((k) => ({ k, amplitude: (random() - 0.5) * 2, phase: random() * Math.PI }));
    for (let step = 1; step < steps; step += 1) {
      const t = step / steps;
      const envelope = Math.sin(Math.PI * t);
      const side = waves.reduce((sum, w) => sum + (w.amplitude / w.k) * Math.sin(w.k * Math.PI * t + w.phase), 0);
      const push = amplitude * length * envelope * side * 0.6;
      const base: LonLat = [from[0] + (to[0] - from[0]) * t, from[1] + (to[1] - from[1]) * t];
      line.push(offset(base, across[0] * push, across[1] * push));
    }
    line.push(to);
  }
  return line;
}

/**
 * Centres of a jittered grid over a box: one candidate per cell of `cellM`, kept with the probability
 * `density(centre)` gives; the jitter keeps a patch of up to `cellM * 0.3` reach inside its own cell, so
 * patches never overlap each other.
 */
export function jitteredCentres(
  box: { west: number; south: number; east: number; north: number },
  cellM: number,
  random: () => number,
  density: (centre: LonLat) => number,
): LonLat[] {
  const centres: LonLat[] = [];
  const scale = metresPerDegree((box.south + box.north) / 2);
  const cellLat = cellM / scale.lat;
  const cellLon = cellM / scale.lon;
  for (let lat = box.south + cellLat / 2; lat < box.north; lat += cellLat) {
    for (let lon = box.west + cellLon / 2; lon < box.east; lon += cellLon) {
      const jitterEast = (random() - 0.5) * 0.4 * cellM;
      const jitterNorth = (random() - 0.5) * 0.4 * cellM;
      const keep = random();
      const centre = offset([lon, lat], jitterEast, jitterNorth);
      if (keep < density(centre)) centres.push(centre);
    }
  }
  return centres;
}

/** A smooth pseudo-random field in [0, 1] over the map, for clustering patches (farmland in valleys). */
export function smoothField(random: () => number, wavelengthDeg = 0.12): (at: LonLat) => number {
  const waves = [0, 1, 2, 3].map(() => ({
    angle: random() * Math.PI,
    phase: random() * 2 * Math.PI,
    scale: wavelengthDeg * (0.7 + random() * 0.6),
  }));
  return ([lon, lat]) => {
    const sum = waves.reduce((acc, w) => acc + Math.sin(((lon * Math.cos(w.angle) + lat * Math.sin(w.angle)) / w.scale) * 2 * Math.PI + w.phase), 0);
    return (sum / waves.length + 1) / 2;
  };
}

/** Whether a point lies inside a (multi)polygon given as GeoJSON coordinates (even-odd rule, holes included). */
export function pointInPolygons(point: LonLat, polygons: LonLat[][][]): boolean {
  const [x, y] = point;
  return polygons.some((rings) => {
    let inside = false;
    for (const ring of rings) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i, i += 1) {
        const [xi, yi] = ring[i]!;
        const [xj, yj] = ring[j]!;
        if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
    return inside;
  });
}

/** A point to place a planned shape by: the mean of a polygon's outline, or a line's middle vertex. */
export function anchorOf(geometry: PolygonGeometry | LineGeometry): LonLat {
  if (geometry.type === 'LineString') return geometry.coordinates[Math.floor(geometry.coordinates.length / 2)]!;
  const ring = geometry.coordinates[0]!.slice(0, -1);
  return [ring.reduce((sum, c) => sum + c[0], 0) / ring.length, ring.reduce((sum, c) => sum + c[1], 0) / ring.length];
}

/**
 * Hex EWKB of a GeoJSON polygon, multipolygon or line with an SRID: the database reads it many times
 * faster than GeoJSON (PGlite parses GeoJSON slowly), and it is exact (doubles as written).
 */
export function toEwkbHex(
  geometry: { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] } | { type: 'LineString'; coordinates: number[][] },
  srid: number,
): string {
  const parts: Buffer[] = [];
  const header = (type: number, withSrid: boolean) => {
    const b = Buffer.alloc(withSrid ? 9 : 5);
    b.writeUInt8(1, 0);
    b.writeUInt32LE(withSrid ? (type | 0x20000000) >>> 0 : type, 1);
    if (withSrid) b.writeUInt32LE(srid, 5);
    parts.push(b);
  };
  const count = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(n, 0);
    parts.push(b);
  };
  const points = (list: number[][]) => {
    count(list.length);
    const b = Buffer.alloc(16 * list.length);
    list.forEach((p, i) => {
      b.writeDoubleLE(p[0]!, 16 * i);
      b.writeDoubleLE(p[1]!, 16 * i + 8);
    });
    parts.push(b);
  };
  const polygon = (rings: number[][][]) => {
    count(rings.length);
    rings.forEach(points);
  };
  if (geometry.type === 'LineString') {
    header(2, true);
    points(geometry.coordinates);
  } else if (geometry.type === 'Polygon') {
    header(3, true);
    polygon(geometry.coordinates);
  } else {
    header(6, true);
    count(geometry.coordinates.length);
    for (const rings of geometry.coordinates) {
      header(3, false);
      polygon(rings);
    }
  }
  return Buffer.concat(parts).toString('hex');
}

/**
 * A Mapbox Vector Tile (specification 2.1) encoder for one layer, for PostGIS builds without
 * protobuf-c (PGlite's), where ST_AsMVT and ST_AsMVTGeom are missing. The geometry arrives already in
 * tile coordinates (integers, y down), clipped to the tile and its buffer.
 */

export type TileGeometry =
  | { type: 'Point'; coordinates: number[] }
  | { type: 'MultiPoint'; coordinates: number[][] }
  | { type: 'LineString'; coordinates: number[][] }
  | { type: 'MultiLineString'; coordinates: number[][][] }
  | { type: 'Polygon'; coordinates: number[][][] }
  | { type: 'MultiPolygon'; coordinates: number[][][][] }
  | { type: 'GeometryCollection'; geometries: TileGeometry[] };

export interface TileFeature {
  id: number;
  properties: Record<string, string | number | boolean | null>;
  geometry: TileGeometry;
}

const GEOM_POINT = 1;
const GEOM_LINESTRING = 2;
const GEOM_POLYGON = 3;

class Writer {
  private bytes: number[] = [];

  varint(value: number): this {
    let v = value;
    while (v >= 0x80) {
      this.bytes.push((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    this.bytes.push(v);
    return this;
  }

  tag(field: number, wireType: 0 | 1 | 2): this {
    return this.varint(field * 8 + wireType);
  }

  bytesField(field: number, data: Uint8Array): this {
    this.tag(field, 2).varint(data.length);
    for (const b of data) this.bytes.push(b);
    return this;
  }

  stringField(field: number, text: string): this {
    return this.bytesField(field, new TextEncoder().encode(text));
  }

  packed(field: number, values: number[]): this {
    const inner = new Writer();
    for (const value of values) inner.varint(value);
    return this.bytesField(field, inner.finish());
  }

  double(field: number, value: number): this {
    this.tag(field, 1);
    const view = new DataView(new ArrayBuffer(8));
    view.setFloat64(0, value, true);
    for (let i = 0; i < 8; i++) this.bytes.push(view.getUint8(i));
    return this;
  }

  finish(): Uint8Array {
    return Uint8Array.from(this.bytes);
  }
}

const zigzag = (n: number) => (n < 0 ? -2 * n - 1 : 2 * n);
const command = (id: number, count: number) => (id & 0x7) | (count << 3);

/** Twice the signed area in the specification's sense: positive for an exterior ring (clockwise, y down). */
function ringArea(ring: number[][]): number {
  let sum = 0;
  for (let i = 0; i < ring.length - 1; i++) sum += ring[i]![0]! * ring[i + 1]![1]! - ring[i + 1]![0]! * ring[i]![1]!;
  return sum;
}

interface Encoded {
  type: number;
  commands: number[];
}

class Cursor {
  x = 0;
  y = 0;
  commands: number[] = [];

  moveTo(points: number[][]) {
    this.commands.push(command(1, points.length));
    this.deltas(points);
  }

  lineTo(points: number[][]) {
    if (points.length === 0) return;
    this.commands.push(command(2, points.length));
    this.deltas(points);
  }

  closePath() {
    this.commands.push(command(7, 1));
  }

  private deltas(points: number[][]) {
    for (const [x, y] of points) {
      this.commands.push(zigzag(x! - this.x), zigzag(y! - this.y));
      this.x = x!;
      this.y = y!;
    }
  }
}

/** Consecutive repeated vertices dropped: a zero-length step means nothing in a tile. */
function distinct(points: number[][]): number[][] {
  return points.filter((p, i) => i === 0 || p[0] !== points[i - 1]![0] || p[1] !== points[i - 1]![1]);
}

function encodeGeometry(geometry: TileGeometry): Encoded | null {
  const cursor = new Cursor();
  switch (geometry.type) {
    case 'Point':
    case 'MultiPoint': {
      const points = geometry.type === 'Point' ? [geometry.coordinates] : geometry.coordinates;
      if (points.length === 0) return null;
      cursor.moveTo(points);
      return { type: GEOM_POINT, commands: cursor.commands };
    }
    case 'LineString':
    case 'MultiLineString': {
      const lines = (geometry.type === 'LineString' ? [geometry.coordinates] : geometry.coordinates).map(distinct).filter((l) => l.length >= 2);
      if (lines.length === 0) return null;
      for (const line of lines) {
        cursor.moveTo([line[0]!]);
        cursor.lineTo(line.slice(1));
      }
      return { type: GEOM_LINESTRING, commands: cursor.commands };
    }
    case 'Polygon':
    case 'MultiPolygon': {
      const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
      let rings = 0;
      for (const polygon of polygons) {
        for (const [index, raw] of polygon.entries()) {
          const ring = distinct(raw);
          if (ring.length < 4) {
            if (index === 0) break; // a collapsed exterior takes its holes with it
            continue;
          }
          const area = ringArea(ring);
          if (area === 0) {
            if (index === 0) break;
            continue;
          }
          const exterior = index === 0;
          const oriented = (area > 0) === exterior ? ring : [...ring].reverse();
          cursor.moveTo([oriented[0]!]);
          cursor.lineTo(oriented.slice(1, -1));
          cursor.closePath();
          rings++;
        }
      }
      return rings === 0 ? null : { type: GEOM_POLYGON, commands: cursor.commands };
    }
    case 'GeometryCollection':
      return null;
  }
}

/** The features of a GeometryCollection one per geometry, since a tile feature has one type. */
function flatten(feature: TileFeature): TileFeature[] {
  if (feature.geometry.type !== 'GeometryCollection') return [feature];
  return feature.geometry.geometries.flatMap((geometry) => flatten({ ...feature, geometry }));
}

/** One layer's tile; an empty array when no feature has anything left to draw. */
export function encodeTile(layerName: string, features: TileFeature[], extent = 4096): Uint8Array {
  const keys: string[] = [];
  const keyIndex = new Map<string, number>();
  const values: Writer[] = [];
  const valueIndex = new Map<string, number>();
  const layer = new Writer();
  layer.varint(15 * 8).varint(2); // version = 2
  layer.stringField(1, layerName);
  let count = 0;
  for (const feature of features.flatMap(flatten)) {
    const encoded = encodeGeometry(feature.geometry);
    if (!encoded) continue;
    const tags: number[] = [];
    for (const [key, value] of Object.entries(feature.properties)) {
      if (value === null || value === undefined) continue;
      if (!keyIndex.has(key)) {
        keyIndex.set(key, keys.length);
        keys.push(key);
      }
      const valueKey = `${typeof value}:${String(value)}`;
      if (!valueIndex.has(valueKey)) {
        valueIndex.set(valueKey, values.length);
        const v = new Writer();
        if (typeof value === 'string') v.stringField(1, value);
        else if (typeof value === 'boolean') v.tag(7, 0).varint(value ? 1 : 0);
        else if (Number.isInteger(value) && value >= 0) v.tag(5, 0).varint(value);
        else if (Number.isInteger(value)) v.tag(6, 0).varint(zigzag(value));
        else v.double(3, value);
        values.push(v);
      }
      tags.push(keyIndex.get(key)!, valueIndex.get(valueKey)!);
    }
    const f = new Writer();
    f.tag(1, 0).varint(feature.id);
    if (tags.length > 0) f.packed(2, tags);
    f.tag(3, 0).varint(encoded.type);
    f.packed(4, encoded.commands);
    layer.bytesField(2, f.finish());
    count++;
  }
  if (count === 0) return new Uint8Array(0);
  for (const key of keys) layer.stringField(3, key);
  for (const value of values) layer.bytesField(4, value.finish());
  layer.tag(5, 0).varint(extent);
  return new Writer().bytesField(3, layer.finish()).finish();
}

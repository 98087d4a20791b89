/**
 * Well-known binary (OGC/ISO, with the EWKB flag bits too) to GeoJSON geometry, and the GeoPackage
 * geometry blob around it ('GP', version, flags, srs_id, envelope, WKB). Z and M values are dropped:
 * the map is two-dimensional.
 */
import type { Geometry, Position } from './geojson.ts';

export class WkbError extends Error {}

const TYPES = ['', 'Point', 'LineString', 'Polygon', 'MultiPoint', 'MultiLineString', 'MultiPolygon', 'GeometryCollection'] as const;

class Reader {
  at = 0;
  little = true;
  constructor(readonly view: DataView) {}
  need(bytes: number) {
    if (this.at + bytes > this.view.byteLength) throw new WkbError('WKB 数据不完整 / truncated WKB');
  }
  byte(): number {
    this.need(1);
    return this.view.getUint8(this.at++);
  }
  uint32(): number {
    this.need(4);
    const v = this.view.getUint32(this.at, this.little);
    this.at += 4;
    return v;
  }
  double(): number {
    this.need(8);
    const v = this.view.getFloat64(this.at, this.little);
    this.at += 8;
    return v;
  }
}

function readGeometry(r: Reader, depth: number): Geometry {
  if (depth > 8) throw new WkbError('WKB 嵌套过深 / WKB nested too deeply');
  const order = r.byte();
  if (order > 1) throw new WkbError('WKB 字节序标记无效 / invalid WKB byte order');
  r.little = order === 1;
  const raw = r.uint32();
  let dims = 2;
  // EWKB: flag bits for Z, M and an embedded SRID.
  if (raw & 0x80000000) dims += 1;
  if (raw & 0x40000000) dims += 1;
  if (raw & 0x20000000) r.uint32();
  let code = raw & 0x0fffffff;
  // ISO: 1000s for Z, 2000s for M, 3000s for ZM.
  const iso = Math.floor(code / 1000);
  if (iso >= 1 && iso <= 3) {
    dims += iso === 3 ? 2 : 1;
    code %= 1000;
  }
  const type = TYPES[code];
  if (!type) throw new WkbError(`不支持的 WKB 几何类型 ${raw} / unsupported WKB type`);
  // A count read from a corrupt file must not allocate more than the bytes left could hold.
  const count = (smallest: number) => {
    const n = r.uint32();
    r.need(n * smallest);
    return n;
  };
  const point = (): Position => {
    const x = r.double();
    const y = r.double();
    for (let d = 2; d < dims; d += 1) r.double();
    return [x, y];
  };
  const points = (): Position[] => {
    return Array.from({ length: count(dims * 8) }, point);
  };
  const rings = (): Position[][] => Array.from({ length: count(4) }, points);
  const members = (expected: string): Geometry[] =>
    Array.from({ length: count(5) }, () => {
      const member = readGeometry(r, depth + 1);
      if (expected && member.type !== expected) throw new WkbError(`WKB 集合中出现 ${member.type} / unexpected member`);
      return member;
    });
  switch (type) {
    case 'Point': {
      const p = point();
      // An empty point is written as NaN coordinates.
      return { type, coordinates: Number.isNaN(p[0]) && Number.isNaN(p[1]) ? [] : p };
    }
    case 'LineString':
      return { type, coordinates: points() };
    case 'Polygon':
      return { type, coordinates: rings() };
    case 'MultiPoint':
      return { type, coordinates: members('Point').map((m) => (m as { coordinates: Position }).coordinates).filter((c) => c.length > 0) };
    case 'MultiLineString':
      return { type, coordinates: members('LineString').map((m) => (m as { coordinates: Position[] }).coordinates) };
    case 'MultiPolygon':
      return { type, coordinates: members('Polygon').map((m) => (m as { coordinates: Position[][] }).coordinates) };
    case 'GeometryCollection':
      return { type, geometries: members('') };
  }
}

export function parseWkb(bytes: Uint8Array): Geometry {
  return readGeometry(new Reader(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)), 0);
}

const ENVELOPE_BYTES = [0, 32, 48, 48, 64];

/** A GeoPackage geometry blob: its srs_id, and its geometry (null when the empty flag is set). */
export function parseGpkgGeometry(bytes: Uint8Array): { srsId: number; geometry: Geometry | null } {
  if (bytes.length < 8 || bytes[0] !== 0x47 || bytes[1] !== 0x50) throw new WkbError('不是 GeoPackage 几何（缺少 GP 标记）/ not a GeoPackage geometry');
  const flags = bytes[3]!;
  if (flags & 0x20) throw new WkbError('不支持扩展 GeoPackage 几何 / extended GeoPackage geometry not supported');
  const envelope = ENVELOPE_BYTES[(flags >> 1) & 0x07];
  if (envelope === undefined) throw new WkbError('GeoPackage 几何的包络标记无效 / invalid envelope flag');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const srsId = view.getInt32(4, (flags & 0x01) === 1);
  if (flags & 0x10) return { srsId, geometry: null };
  return { srsId, geometry: parseWkb(bytes.subarray(8 + envelope)) };
}

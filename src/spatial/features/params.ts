/**
 * Reading the map's query parameters (bounding boxes, tile addresses, search text): pure functions,
 * apart from the database, so that the routes only pass on what these accept.
 */
import type { MapLayerZone } from '../../db/schema.ts';

/** [minLon, minLat, maxLon, maxLat], in degrees. */
export type Bbox = [number, number, number, number];

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * A bbox parameter "a,b,c,d" (or six numbers with heights, which are dropped). `latFirst` reads it in
 * EPSG axis order (minLat,minLon,maxLat,maxLon), as OGC API asks for a bbox-crs of EPSG:4490.
 */
export function parseBbox(text: string, options: { latFirst?: boolean } = {}): Parsed<Bbox> {
  const parts = text.split(',').map((part) => part.trim());
  if (parts.length !== 4 && parts.length !== 6) {
    return { ok: false, error: 'bbox 应为 4 个数：最小经度,最小纬度,最大经度,最大纬度 / bbox needs 4 numbers' };
  }
  const numbers = parts.map((part) => (part === '' ? Number.NaN : Number(part)));
  if (numbers.some((n) => !Number.isFinite(n))) return { ok: false, error: 'bbox 含非数字 / bbox has a non-number' };
  const [a, b, c, d] = parts.length === 6 ? [numbers[0]!, numbers[1]!, numbers[3]!, numbers[4]!] : (numbers as Bbox);
  const [minLon, minLat, maxLon, maxLat] = options.latFirst ? [b, a, d, c] : [a, b, c, d];
  if (minLon < -180 || maxLon > 180 || minLat < -90 || maxLat > 90) {
    return { ok: false, error: 'bbox 超出经纬度范围 / bbox outside longitude/latitude range' };
  }
  if (minLon > maxLon || minLat > maxLat) {
    return { ok: false, error: 'bbox 的最小值大于最大值 / bbox minimum above maximum' };
  }
  return { ok: true, value: [minLon, minLat, maxLon, maxLat] };
}

export const MAX_TILE_ZOOM = 22;

/** Whether x and y address a tile of zoom z in the XYZ (Web Mercator, origin top left) scheme. */
export function tileInRange(z: number, x: number, y: number): boolean {
  if (!Number.isInteger(z) || z < 0 || z > MAX_TILE_ZOOM) return false;
  const size = 2 ** z;
  return Number.isInteger(x) && Number.isInteger(y) && x >= 0 && y >= 0 && x < size && y < size;
}

/** The zone's name in the layer's configuration, or null for no zone or one the layer does not list. */
export function zoneNameOf(zones: readonly MapLayerZone[], zone: string | null): string | null {
  if (zone === null) return null;
  return zones.find((z) => z.code === zone)?.name ?? null;
}

/** A LIKE pattern matching text anywhere, with the text's own % _ and \ taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** A comma list of layer codes ("a,b"), empty entries dropped, each once. */
export function layerList(text: string | undefined): string[] {
  if (!text) return [];
  return [...new Set(text.split(',').map((code) => code.trim()).filter(Boolean))];
}

/**
 * The lon/lat box a Web Mercator tile covers, widened on each side by `margin` tiles (the part of a
 * tile's buffer), clipped to the world: the box the index searches for the tile's features.
 */
export function tileSearchBox(z: number, x: number, y: number, margin = 0): Bbox {
  const size = 2 ** z;
  const lon = (column: number) => Math.min(180, Math.max(-180, (column / size) * 360 - 180));
  const lat = (row: number) => {
    const clamped = Math.min(size, Math.max(0, row));
    return (Math.atan(Math.sinh(Math.PI * (1 - (2 * clamped) / size))) * 180) / Math.PI;
  };
  return [lon(x - margin), lat(y + 1 + margin), lon(x + 1 + margin), lat(y - margin)];
}

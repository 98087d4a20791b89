/**
 * The coordinate systems the platform knows, how a file names them (.prj WKT, GeoJSON `crs`,
 * GeoPackage srs), and whether a file's coordinates look as if they were in the system it names:
 * a Gauss-Krüger file declared without its zone prefix lands hundreds of kilometres away, so such
 * mismatches are refused with the system the numbers point to.
 */
import type { Bounds } from './geojson.ts';
import { childrenOf, descendants, epsgCodeOf, nameOf, parseWkt, type WktNode } from './wkt.ts';

export const CGCS2000 = 4490;
export const WGS84 = 4326;
/** CGCS2000 3-degree Gauss-Krüger zones 25–45 with the zone number prefixed to the easting. */
const ZONE_PREFIXED_FIRST = 4513;
const FIRST_ZONE = 25;
const LAST_ZONE = 45;
/** The same zones without the prefix, named by central meridian 75°E–135°E. */
const CM_FIRST = 4534;
const FIRST_CM = 75;
const LAST_CM = 135;

export type Result<T> = { ok: true; value: T } | { ok: false; error: string };

export const zonePrefixedSrid = (zone: number) => ZONE_PREFIXED_FIRST + zone - FIRST_ZONE;
export const centralMeridianSrid = (cm: number) => CM_FIRST + (cm - FIRST_CM) / 3;

/** The zone of a prefixed system, or null. */
function prefixedZone(srid: number): number | null {
  const zone = srid - ZONE_PREFIXED_FIRST + FIRST_ZONE;
  return zone >= FIRST_ZONE && zone <= LAST_ZONE ? zone : null;
}

/** The central meridian of a system without prefix, or null. */
function centralMeridian(srid: number): number | null {
  const cm = FIRST_CM + (srid - CM_FIRST) * 3;
  return cm >= FIRST_CM && cm <= LAST_CM ? cm : null;
}

export function isGeographic(srid: number): boolean {
  return srid === CGCS2000 || srid === WGS84;
}

export function isKnownSrid(srid: number): boolean {
  return Number.isInteger(srid) && (isGeographic(srid) || prefixedZone(srid) !== null || centralMeridian(srid) !== null);
}

/** A system as a user would recognise it, Chinese first. */
export function describeSrid(srid: number): string {
  if (srid === CGCS2000) return 'EPSG:4490 CGCS2000 经纬度 / geographic';
  if (srid === WGS84) return 'EPSG:4326 WGS 84 经纬度 / geographic';
  const zone = prefixedZone(srid);
  if (zone !== null) return `EPSG:${srid} CGCS2000 3 度带高斯-克吕格第 ${zone} 带（带带号）/ 3-degree GK zone ${zone}`;
  const cm = centralMeridian(srid);
  if (cm !== null) return `EPSG:${srid} CGCS2000 3 度带高斯-克吕格中央经线 ${cm}°E（不带带号）/ 3-degree GK CM ${cm}E`;
  return `EPSG:${srid}`;
}

export const KNOWN_SYSTEMS_HINT =
  '平台支持 EPSG:4490（CGCS2000 经纬度）、4326（WGS 84）、4513–4533（CGCS2000 3 度带带带号）、4534–4554（不带带号）/ supported: 4490, 4326, 4513–4533, 4534–4554';

export function unknownSrid(srid: number): string {
  return `不支持的坐标系 EPSG:${srid}；${KNOWN_SYSTEMS_HINT}`;
}

// ---- .prj and other WKT ----------------------------------------------------------------------

const simple = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_|_$/g, '');

function geographicKind(node: WktNode): number | null {
  const code = epsgCodeOf(node);
  if (code !== null && isGeographic(code)) return code;
  const names = [nameOf(node), ...childrenOf(node, 'DATUM', 'GEODETICDATUM', 'TRF').map(nameOf)].map(simple);
  if (names.some((n) => /cgcs_?2000|china_2000|china_geodetic_coordinate_system_2000/.test(n))) return CGCS2000;
  if (names.some((n) => /^(gcs_)?wgs_?84$|^(d_)?wgs_?1984$|world_geodetic_system_1984/.test(n))) return WGS84;
  return null;
}

/** Projection parameters by simplified name: central_meridian, false_easting, … */
function parameters(node: WktNode): Map<string, number> {
  const out = new Map<string, number>();
  for (const n of descendants(node)) {
    if (n.keyword !== 'PARAMETER') continue;
    const [name, value] = n.values;
    if (typeof name === 'string' && typeof value === 'number') out.set(simple(name), value);
  }
  return out;
}

function projectionName(node: WktNode): string {
  const projection = [...descendants(node)].find((n) => n.keyword === 'PROJECTION' || n.keyword === 'METHOD');
  return projection ? simple(nameOf(projection)) : '';
}

/** The system a Gauss-Krüger definition's parameters describe, or why not. */
function fromParameters(node: WktNode): number | null {
  const p = parameters(node);
  const projection = projectionName(node);
  if (projection && !/transverse_mercator|gauss_kruger/.test(projection)) return null;
  const cm = p.get('central_meridian') ?? p.get('longitude_of_natural_origin') ?? p.get('longitude_of_origin');
  const falseEasting = p.get('false_easting');
  if (cm === undefined || falseEasting === undefined) return null;
  const scale = p.get('scale_factor') ?? p.get('scale_factor_at_natural_origin') ?? 1;
  const origin = p.get('latitude_of_origin') ?? p.get('latitude_of_natural_origin') ?? 0;
  const falseNorthing = p.get('false_northing') ?? 0;
  if (scale !== 1 || origin !== 0 || falseNorthing !== 0 || cm % 3 !== 0 || cm < FIRST_CM || cm > LAST_CM) return null;
  if (falseEasting === 500000) return centralMeridianSrid(cm);
  if (falseEasting === (cm / 3) * 1e6 + 500000) return zonePrefixedSrid(cm / 3);
  return null;
}

/** The system a name such as "CGCS2000 / 3-degree Gauss-Kruger zone 36" or "CGCS2000_3_Degree_GK_CM_108E" names. */
function fromName(name: string): number | null {
  const n = simple(name);
  if (!/3_degree/.test(n)) return null;
  const cm = /(?:^|_)cm_?(\d{2,3})_?e(?:_|$)/.exec(n);
  if (cm) {
    const value = Number(cm[1]);
    return value % 3 === 0 && value >= FIRST_CM && value <= LAST_CM ? centralMeridianSrid(value) : null;
  }
  const zone = /(?:^|_)zone_?(\d{2})(?:_|$)/.exec(n);
  if (zone) {
    const value = Number(zone[1]);
    return value >= FIRST_ZONE && value <= LAST_ZONE ? zonePrefixedSrid(value) : null;
  }
  return null;
}

/**
 * The EPSG code of a .prj (or any WKT) among the systems the platform knows, or a refusal that
 * names what the WKT says it is.
 */
export function sridFromWkt(text: string): Result<number> {
  const root = parseWkt(text);
  if (!root) return { ok: false, error: '无法解析坐标系定义（.prj 不是 WKT）/ the .prj is not WKT' };
  const name = nameOf(root) || root.keyword;
  const refuse = (why: string) => ({ ok: false as const, error: `不支持的坐标系「${name}」${why}；${KNOWN_SYSTEMS_HINT}` });
  const code = epsgCodeOf(root);
  if (code !== null && isKnownSrid(code)) return { ok: true, value: code };

  if (['GEOGCS', 'GEOGCRS', 'GEODCRS', 'GEOGRAPHICCRS', 'GEODETICCRS'].includes(root.keyword)) {
    const srid = geographicKind(root);
    return srid === null ? refuse('（不是 CGCS2000 或 WGS 84）') : { ok: true, value: srid };
  }
  if (root.keyword === 'PROJCS' || root.keyword === 'PROJCRS' || root.keyword === 'PROJECTEDCRS') {
    const base = childrenOf(root, 'GEOGCS', 'BASEGEOGCRS', 'BASEGEODCRS', 'GEOGCRS')[0];
    if (!base || geographicKind(base) !== CGCS2000) return refuse('（基准不是 CGCS2000）');
    const named = fromName(name);
    const computed = fromParameters(root);
    if (named !== null && computed !== null && named !== computed) {
      return refuse(`（名称指 EPSG:${named}，参数却是 EPSG:${computed}）`);
    }
    const srid = computed ?? named;
    return srid === null ? refuse('（不是 CGCS2000 3 度带高斯-克吕格）') : { ok: true, value: srid };
  }
  return refuse('');
}

// ---- GeoJSON `crs` ---------------------------------------------------------------------------

/** The system a GeoJSON's legacy `crs` member names ("EPSG:4490", "urn:ogc:def:crs:EPSG::4490", CRS84). */
export function sridFromGeoJsonCrs(crs: unknown): Result<number> {
  const { type, properties } = (crs ?? {}) as { type?: unknown; properties?: { name?: unknown; code?: unknown } };
  let srid: number | null = null;
  if (type === 'name' && typeof properties?.name === 'string') {
    const name = properties.name.trim();
    if (/(^|:)CRS:?84$/i.test(name)) srid = WGS84;
    else {
      const match = /EPSG:(?:[\d.]*:)?(\d+)$/i.exec(name);
      if (match) srid = Number(match[1]);
    }
  } else if (type === 'EPSG' && properties?.code !== undefined) {
    srid = Number(properties.code);
  }
  if (srid === null || !Number.isInteger(srid)) return { ok: false, error: `无法识别 GeoJSON 的 crs 成员：${JSON.stringify(crs)} / unrecognised crs` };
  return isKnownSrid(srid) ? { ok: true, value: srid } : { ok: false, error: unknownSrid(srid) };
}

// ---- Do the numbers fit the system? ------------------------------------------------------------

const looksGeographic = (b: Bounds) => b.minX >= -180 && b.maxX <= 180 && b.minY >= -90 && b.maxY <= 90;
const prefixOf = (x: number) => Math.floor(x / 1e6);
const range = (b: Bounds) => `x ${b.minX.toFixed(3)}…${b.maxX.toFixed(3)}，y ${b.minY.toFixed(3)}…${b.maxY.toFixed(3)}`;

/** The zone prefix every easting carries, or null when they carry none or different ones. */
function commonZonePrefix(b: Bounds): number | null {
  const zone = prefixOf(b.minX);
  return zone === prefixOf(b.maxX) && zone >= FIRST_ZONE && zone <= LAST_ZONE ? zone : null;
}

const noPrefix = (b: Bounds) => b.minX > 0 && b.maxX < 1e6;

function likelyProjected(b: Bounds): string {
  const zone = commonZonePrefix(b);
  if (zone !== null) return `东坐标带有带号 ${zone}，可能是 ${describeSrid(zonePrefixedSrid(zone))}`;
  if (noPrefix(b)) return '东坐标不带带号，可能是不带带号的 3 度带高斯-克吕格（巴中为 EPSG:4545，中央经线 108°E），请选择坐标系';
  return '请选择文件实际所用的坐标系';
}

/**
 * Why a file's coordinates cannot be in the system it names, with the system they point to; null
 * when they can. Eastings are x, as Shapefiles, GeoJSON and GeoPackages store them.
 */
export function coordinateMismatch(srid: number, bounds: Bounds | null): string | null {
  if (!bounds) return null;
  const problem = mismatch(srid, bounds);
  if (problem === null) return null;
  // Surveyors write X for the northing: a file that follows them has its axes the other way round.
  const swapped = { minX: bounds.minY, maxX: bounds.maxY, minY: bounds.minX, maxY: bounds.maxX };
  return mismatch(srid, swapped) === null ? `${problem}；x 与 y 像是颠倒了（测量习惯 X 为北坐标），请交换后重新导入 / x and y look swapped` : problem;
}

function mismatch(srid: number, bounds: Bounds): string | null {
  const named = describeSrid(srid);
  if (isGeographic(srid)) {
    if (looksGeographic(bounds)) return null;
    return `坐标（${range(bounds)}）超出经纬度范围，不是 ${named}；看来是投影坐标：${likelyProjected(bounds)} / coordinates out of lon/lat range: choose a Gauss-Krüger zone`;
  }
  if (looksGeographic(bounds)) {
    return `坐标（${range(bounds)}）像经纬度，不是 ${named}；应为 EPSG:4490（CGCS2000 经纬度）/ coordinates look like lon/lat`;
  }
  // Northings of the Gauss-Krüger zones run from the equator; beyond these a transform can only fail.
  if (bounds.minY < 0 || bounds.maxY >= 1e7) {
    return `北坐标（${range(bounds)}）超出高斯-克吕格的范围（0–10000000），不是 ${named} / northings out of range`;
  }
  const zone = prefixedZone(srid);
  if (zone !== null) {
    const found = commonZonePrefix(bounds);
    if (found === zone) return null;
    if (noPrefix(bounds)) {
      return `东坐标（${range(bounds)}）不带带号，不是 ${named}；应为 ${describeSrid(centralMeridianSrid(zone * 3))} / eastings carry no zone prefix`;
    }
    if (found !== null) return `东坐标带号为 ${found}，不是第 ${zone} 带；应为 ${describeSrid(zonePrefixedSrid(found))} / eastings are in another zone`;
    return `东坐标（${range(bounds)}）不在第 ${zone} 带（应为 ${zone}000000–${zone}999999）/ eastings outside the zone`;
  }
  if (noPrefix(bounds)) return null;
  const found = commonZonePrefix(bounds);
  if (found !== null) {
    return `东坐标带有带号 ${found}（${range(bounds)}），不是 ${named}；应为 ${describeSrid(zonePrefixedSrid(found))} / eastings carry a zone prefix`;
  }
  return `东坐标（${range(bounds)}）不是不带带号的高斯-克吕格坐标（应在 0–1000000 之间），不是 ${named} / eastings out of range`;
}

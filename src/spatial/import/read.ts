/**
 * Reads an uploaded spatial file — a zipped Shapefile, GeoJSON or a GeoPackage — into GeoJSON
 * geometries in the file's own coordinate system, with the system and (for Shapefiles) the
 * attribute encoding it decided and how. Pure apart from sql.js: nothing is stored here; the store
 * transforms to EPSG:4490. Every refusal says precisely why, Chinese first.
 */
import { coordinateMismatch, describeSrid, isKnownSrid, sridFromGeoJsonCrs, unknownSrid, WGS84, type Result } from './crs.ts';
import { encodingLabel, type EncodingSource } from './dbf.ts';
import { asGeometry, boundsOf, type Geometry } from './geojson.ts';
import { readGeoPackage } from './geopackage.ts';
import { megabytes, READ_LIMITS, type ReadLimits } from './limits.ts';
import { readZippedShapefile } from './shapefile.ts';

export type SpatialFormat = 'shapefile' | 'geojson' | 'geopackage';
export type SridSource = 'option' | 'prj' | 'crs' | 'geopackage' | 'rfc7946';

export interface SpatialFeature {
  /** Position in the file, 0-based. */
  index: number;
  /** null for a Shapefile's null shape or a GeoJSON feature without geometry: the store refuses it. */
  geometry: Geometry | null;
  properties: Record<string, unknown>;
}

export interface SpatialFile {
  format: SpatialFormat;
  srid: number;
  sridSource: SridSource;
  encoding: string | null;
  encodingSource: EncodingSource | null;
  features: SpatialFeature[];
  /** How the coordinate system and encoding were decided, Chinese first. */
  notes: string[];
  warnings: string[];
}

export interface ReadOptions {
  srid?: number;
  encoding?: string;
  /** Tests lower these; the defaults are the named constants in limits.ts. */
  limits?: Partial<ReadLimits>;
}

/** A refusal names the form field to correct: the file, the chosen coordinate system or the encoding. */
export type ReadResult = { ok: true; value: SpatialFile } | { ok: false; error: string; field: 'file' | 'srid' | 'encoding' };

const refuse = (error: string, field: 'file' | 'srid' | 'encoding' = 'file') => ({ ok: false as const, error, field });

export const NO_COORDINATE_SYSTEM = '缺少坐标系（.prj），请选择坐标系 / no coordinate system: choose one';

const SUPPORTED = '请上传 zip 压缩的 Shapefile（含 .shp、.shx、.dbf、.prj，可带 .cpg）、GeoJSON（.geojson/.json）或 GeoPackage（.gpkg）';

const startsWith = (data: Uint8Array, text: string) => data.length >= text.length && [...text].every((c, i) => data[i] === c.charCodeAt(0));

function formatOf(name: string, data: Uint8Array): Result<SpatialFormat> {
  const extension = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1).toLowerCase() : '';
  const zip = startsWith(data, 'PK\u0003\u0004') || startsWith(data, 'PK\u0005\u0006');
  const sqlite = startsWith(data, 'SQLite format 3\u0000');
  const text = new TextDecoder().decode(data.subarray(0, 64)).replace(/^\uFEFF/, '').trimStart();
  switch (extension) {
    case 'zip':
      return zip ? { ok: true, value: 'shapefile' } : { ok: false, error: `「${name}」不是 zip 压缩包（文件已损坏或扩展名不符）/ not a zip file` };
    case 'geojson':
    case 'json':
      return text.startsWith('{') ? { ok: true, value: 'geojson' } : { ok: false, error: `「${name}」不是 JSON 文本 / not JSON` };
    case 'gpkg':
      return sqlite ? { ok: true, value: 'geopackage' } : { ok: false, error: `「${name}」不是 GeoPackage（不是 SQLite 文件）/ not a GeoPackage` };
    case 'shp':
    case 'shx':
    case 'dbf':
    case 'prj':
      return { ok: false, error: `只上传了 .${extension}：请将 .shp、.shx、.dbf、.prj（及 .cpg）一起压缩为 zip 上传 / zip the Shapefile's parts together` };
    default:
      if (zip) return { ok: true, value: 'shapefile' };
      if (sqlite) return { ok: true, value: 'geopackage' };
      return { ok: false, error: `不支持的文件类型「${name}」：${SUPPORTED} / unsupported file type` };
  }
}

interface Parsed {
  geometries: (Geometry | null)[];
  properties: Record<string, unknown>[];
  srid: Result<number> | null;
  sridSource: SridSource;
  encoding: { encoding: string; source: EncodingSource; note: string } | null;
  warnings: string[];
}

function readGeoJson(data: Uint8Array, limits: ReadLimits): Result<Parsed> {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8').decode(data).replace(/^\uFEFF/, ''));
  } catch (error) {
    return { ok: false, error: `GeoJSON 不是有效的 JSON（${(error as Error).message}）/ invalid JSON` };
  }
  const root = (json ?? {}) as { type?: unknown; features?: unknown; crs?: unknown };
  let items: { geometry: unknown; properties: unknown }[];
  if (root.type === 'FeatureCollection') {
    if (!Array.isArray(root.features)) return { ok: false, error: 'FeatureCollection 缺少 features 数组 / features missing' };
    items = root.features as { geometry: unknown; properties: unknown }[];
  } else if (root.type === 'Feature') {
    items = [root as { geometry: unknown; properties: unknown }];
  } else if (asGeometry(root)) {
    items = [{ geometry: root, properties: {} }];
  } else {
    return { ok: false, error: '不是 GeoJSON（应为 FeatureCollection、Feature 或几何对象）/ not GeoJSON' };
  }
  if (items.length > limits.features) return { ok: false, error: `要素 ${items.length} 个，超过上限 ${limits.features} 个 / too many features` };
  const geometries: (Geometry | null)[] = [];
  const properties: Record<string, unknown>[] = [];
  for (const [index, item] of items.entries()) {
    if (typeof item !== 'object' || item === null) return { ok: false, error: `第 ${index + 1} 个要素不是对象 / feature ${index + 1} is not an object` };
    const geometry = item.geometry === null || item.geometry === undefined ? null : asGeometry(item.geometry);
    if (item.geometry && !geometry) {
      return { ok: false, error: `第 ${index + 1} 个要素的几何不是有效的 GeoJSON（类型或坐标有误）/ feature ${index + 1}: invalid geometry` };
    }
    geometries.push(geometry);
    properties.push(typeof item.properties === 'object' && item.properties !== null ? (item.properties as Record<string, unknown>) : {});
  }
  // RFC 7946: without a crs member the coordinates are WGS 84 longitude/latitude.
  const named = root.crs !== undefined && root.crs !== null;
  return {
    ok: true,
    value: { geometries, properties, srid: named ? sridFromGeoJsonCrs(root.crs) : { ok: true, value: WGS84 }, sridSource: named ? 'crs' : 'rfc7946', encoding: null, warnings: [] },
  };
}

async function parse(format: SpatialFormat, data: Uint8Array, options: ReadOptions, limits: ReadLimits): Promise<Result<Parsed>> {
  switch (format) {
    case 'shapefile': {
      const read = readZippedShapefile(data, { encoding: options.encoding }, limits);
      return read.ok ? { ok: true, value: { ...read.value, sridSource: 'prj' } } : read;
    }
    case 'geojson':
      return readGeoJson(data, limits);
    case 'geopackage': {
      const read = await readGeoPackage(data, limits);
      return read.ok ? { ok: true, value: { ...read.value, sridSource: 'geopackage', encoding: null } } : read;
    }
  }
}

/** Drops characters jsonb cannot hold (NUL) from attribute text. */
function clean(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(/\u0000/g, '');
  if (Array.isArray(value)) return value.map(clean);
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.replace(/\u0000/g, ''), clean(v)]));
  if (typeof value === 'number' && !Number.isFinite(value)) return null;
  if (typeof value === 'bigint') return Number(value);
  return value;
}

export async function readSpatialFile(file: { name: string; data: Buffer | Uint8Array }, options: ReadOptions = {}): Promise<ReadResult> {
  const limits: ReadLimits = { ...READ_LIMITS, ...options.limits };
  const { name, data } = file;
  if (data.length === 0) return refuse(`「${name}」是空文件 / empty file`);
  if (data.length > limits.uploadBytes) {
    return refuse(`文件 ${megabytes(data.length)}，超过上限 ${megabytes(limits.uploadBytes)} / file over the size limit`);
  }
  if (options.srid !== undefined && !isKnownSrid(options.srid)) return refuse(unknownSrid(options.srid), 'srid');
  if (options.encoding && !encodingLabel(options.encoding)) return refuse(`不认识的字符编码「${options.encoding}」/ unknown encoding`, 'encoding');

  const format = formatOf(name, data);
  if (!format.ok) return refuse(format.error);
  const parsed = await parse(format.value, data, options, limits);
  if (!parsed.ok) return refuse(parsed.error);
  const { geometries, properties, encoding } = parsed.value;
  const warnings = [...parsed.value.warnings];
  const notes: string[] = [];
  if (options.encoding && format.value !== 'shapefile') warnings.push(`${format.value === 'geojson' ? 'GeoJSON' : 'GeoPackage'} 的文字总是 UTF-8，所选编码未使用 / encoding ignored`);

  let srid: number;
  let sridSource: SridSource;
  const declared = parsed.value.srid;
  if (options.srid !== undefined) {
    srid = options.srid;
    sridSource = 'option';
    notes.push(`坐标系按所选：${describeSrid(srid)} / coordinate system chosen by the user`);
    if (declared?.ok && declared.value !== srid) warnings.push(`文件声明的坐标系是 ${describeSrid(declared.value)}，已按所选 ${describeSrid(srid)} 读取`);
    if (declared && !declared.ok) warnings.push(`文件自带的坐标系未采用（${declared.error}）`);
  } else if (declared === null) {
    return refuse(NO_COORDINATE_SYSTEM, 'srid');
  } else if (!declared.ok) {
    return refuse(`${declared.error}；可选择坐标系后重新导入`, 'srid');
  } else {
    srid = declared.value;
    sridSource = parsed.value.sridSource;
    const from = { prj: '.prj', crs: 'GeoJSON 的 crs 成员', geopackage: 'GeoPackage 的 gpkg_spatial_ref_sys', rfc7946: 'GeoJSON 规范（RFC 7946，无 crs 即 WGS 84）', option: '' }[sridSource];
    notes.push(`坐标系取自 ${from}：${describeSrid(srid)}`);
  }
  if (encoding) notes.push(encoding.note);

  const mismatch = coordinateMismatch(srid, boundsOf(geometries));
  if (mismatch) return refuse(mismatch, 'srid');

  return {
    ok: true,
    value: {
      format: format.value,
      srid,
      sridSource,
      encoding: encoding?.encoding ?? null,
      encodingSource: encoding?.source ?? null,
      features: geometries.map((geometry, index) => ({ index, geometry, properties: clean(properties[index] ?? {}) as Record<string, unknown> })),
      notes,
      warnings,
    },
  };
}

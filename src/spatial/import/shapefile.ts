/**
 * A zipped Shapefile: its parts found in the zip (one layer per import), geometry read by shpjs
 * without a projection so that coordinates stay as the file holds them, attributes by dbf.ts in
 * the encoding it decides, and the coordinate system named by the .prj.
 */
import { unzipSync } from 'fflate';
import { parseShp } from 'shpjs';
import type { Result } from './crs.ts';
import { sridFromWkt } from './crs.ts';
import { chooseEncoding, dbfLayout, readDbf, type EncodingChoice } from './dbf.ts';
import { asGeometry, type Geometry } from './geojson.ts';
import { megabytes, type ReadLimits } from './limits.ts';

export interface ShapefileContent {
  geometries: (Geometry | null)[];
  properties: Record<string, unknown>[];
  /** The .prj's system, null without a .prj; a .prj naming an unknown system is a refusal. */
  srid: Result<number> | null;
  encoding: EncodingChoice;
  warnings: string[];
}

const PART_EXTENSIONS = ['shp', 'shx', 'dbf', 'prj', 'cpg'] as const;
type Part = (typeof PART_EXTENSIONS)[number];

const extensionOf = (name: string) => name.slice(name.lastIndexOf('.') + 1).toLowerCase();
const baseOf = (name: string) => name.slice(0, name.lastIndexOf('.'));
const ignored = (name: string) => name.endsWith('/') || name.startsWith('__MACOSX/') || name.includes('/__MACOSX/') || /(^|\/)\._/.test(name);

const SHP_FILE_CODE = 9994;

export function readZippedShapefile(data: Uint8Array, options: { encoding?: string }, limits: ReadLimits): Result<ShapefileContent> {
  const entries: { name: string; originalSize: number }[] = [];
  try {
    unzipSync(data, {
      filter: (file) => {
        entries.push({ name: file.name, originalSize: file.originalSize });
        return false;
      },
    });
  } catch {
    return { ok: false, error: 'zip 压缩包已损坏或不完整，无法打开 / broken zip' };
  }
  const names = entries.map((e) => e.name).filter((n) => !ignored(n));
  const shps = names.filter((n) => extensionOf(n) === 'shp');
  if (shps.length === 0) {
    const listed = names.slice(0, 8).join('、') || '（空）';
    return { ok: false, error: `压缩包中没有 .shp 文件（内有：${listed}）；请将 .shp、.shx、.dbf、.prj 一起压缩上传 / no .shp in the zip` };
  }
  if (shps.length > 1) {
    return { ok: false, error: `压缩包中有 ${shps.length} 个图层（${shps.slice(0, 5).join('、')}），请每次导入一个 / one layer per import` };
  }
  const base = baseOf(shps[0]!).toLowerCase();
  const wanted = new Map<string, Part>();
  for (const name of names) {
    const extension = extensionOf(name);
    if (baseOf(name).toLowerCase() === base && (PART_EXTENSIONS as readonly string[]).includes(extension)) wanted.set(name, extension as Part);
  }
  const total = entries.filter((e) => wanted.has(e.name)).reduce((sum, e) => sum + e.originalSize, 0);
  if (total > limits.unzippedBytes) {
    return { ok: false, error: `解压后共 ${megabytes(total)}，超过上限 ${megabytes(limits.unzippedBytes)} / unzipped size over the limit` };
  }
  const parts: Partial<Record<Part, Uint8Array>> = {};
  try {
    const files = unzipSync(data, { filter: (file) => wanted.has(file.name) });
    for (const [name, bytes] of Object.entries(files)) parts[wanted.get(name)!] = bytes;
  } catch {
    return { ok: false, error: 'zip 压缩包已损坏，无法解压 / broken zip' };
  }
  const shp = parts.shp!;
  if (!parts.dbf) return { ok: false, error: `压缩包中缺少 ${base}.dbf（属性表）/ the .dbf is missing` };
  const warnings: string[] = [];
  if (!parts.shx) warnings.push(`压缩包中缺少 ${base}.shx（索引），已按 .shp 顺序读取 / the .shx is missing`);

  if (shp.length < 100 || new DataView(shp.buffer, shp.byteOffset, shp.byteLength).getInt32(0, false) !== SHP_FILE_CODE) {
    return { ok: false, error: `${base}.shp 不是有效的 Shapefile（文件头无效）/ invalid .shp header` };
  }
  let rows: unknown[];
  try {
    rows = parseShp(shp);
  } catch (error) {
    return { ok: false, error: `${base}.shp 无法读取（${(error as Error).message}）/ unreadable .shp` };
  }

  const layout = dbfLayout(parts.dbf);
  if (!layout.ok) return layout;
  if (layout.value.records !== rows.length) {
    return { ok: false, error: `.shp 有 ${rows.length} 个要素而 .dbf 有 ${layout.value.records} 行，文件不完整 / .shp and .dbf disagree` };
  }
  if (rows.length > limits.features) {
    return { ok: false, error: `要素 ${rows.length} 个，超过上限 ${limits.features} 个 / too many features` };
  }
  const cpg = parts.cpg ? new TextDecoder('utf-8').decode(parts.cpg) : undefined;
  const encoding = chooseEncoding(parts.dbf, layout.value, { option: options.encoding, cpg });
  if (!encoding.ok) return encoding;
  const properties = readDbf(parts.dbf, layout.value, encoding.value.encoding);

  const srid = parts.prj ? sridFromWkt(new TextDecoder('utf-8').decode(parts.prj)) : null;
  return { ok: true, value: { geometries: rows.map(asGeometry), properties, srid, encoding: encoding.value, warnings } };
}

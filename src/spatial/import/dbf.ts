/**
 * A Shapefile's attribute table (dBASE III .dbf) and the text encoding of its strings. Chinese
 * Shapefiles are mostly GBK and often come without a .cpg, so the encoding is decided in this order:
 * the user's choice, the .cpg, the DBF language-driver byte, and last the bytes themselves (valid
 * UTF-8 is UTF-8, anything else GBK).
 */
import type { Result } from './crs.ts';

export type EncodingSource = 'option' | 'cpg' | 'language_driver' | 'detected';

export interface EncodingChoice {
  /** A WHATWG encoding label TextDecoder accepts: 'utf-8', 'gbk', … */
  encoding: string;
  source: EncodingSource;
  /** How it was decided, Chinese first. */
  note: string;
}

/** Code pages written in .cpg files and chosen by users, as TextDecoder labels. */
const CODE_PAGES: Record<string, string> = {
  '65001': 'utf-8',
  '936': 'gbk',
  '20936': 'gbk',
  '54936': 'gb18030',
  '950': 'big5',
  '1252': 'windows-1252',
  '88591': 'iso-8859-1',
  '437': 'ibm866', // not exact, but ASCII-compatible; DOS code page 437 files are ASCII in practice
};

/** DBF language-driver ids that name an encoding. 0x57 ("ANSI", the writer's code page) says nothing. */
const LANGUAGE_DRIVERS: Record<number, string> = {
  0x4d: 'gbk', // code page 936, PRC GBK
  0x7a: 'gbk', // code page 936 (Visual FoxPro)
  0x4f: 'big5', // code page 950
  0x03: 'windows-1252',
  0x57: '',
};

/** The TextDecoder label for an encoding name such as "GBK", "CP936", "936", "UTF-8", or null. */
export function encodingLabel(name: string): string | null {
  const text = name.trim().replace(/^\uFEFF/, '');
  if (!text) return null;
  const digits = /^(?:cp|ansi|windows-?)?(\d+)$/i.exec(text);
  if (digits && CODE_PAGES[digits[1]!]) return CODE_PAGES[digits[1]!]!;
  try {
    return new TextDecoder(text).encoding;
  } catch {
    return null;
  }
}

export interface DbfField {
  name: string;
  type: string;
  length: number;
  decimals: number;
  offset: number;
}

export interface DbfLayout {
  records: number;
  headerLength: number;
  recordLength: number;
  languageDriver: number;
  fields: DbfField[];
  /** Raw bytes of each field name. */
  nameBytes: Uint8Array[];
}

export function dbfLayout(data: Uint8Array): Result<DbfLayout> {
  if (data.length < 33) return { ok: false, error: '.dbf 文件过短，已损坏 / .dbf truncated' };
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const records = view.getUint32(4, true);
  const headerLength = view.getUint16(8, true);
  const recordLength = view.getUint16(10, true);
  if (headerLength < 33 || headerLength > data.length || recordLength < 1) return { ok: false, error: '.dbf 文件头无效，已损坏 / invalid .dbf header' };
  const fields: DbfField[] = [];
  const nameBytes: Uint8Array[] = [];
  let offset = 1; // the deletion flag comes first
  for (let at = 32; at + 32 <= headerLength && data[at] !== 0x0d; at += 32) {
    const raw = data.subarray(at, at + 11);
    const end = raw.indexOf(0);
    nameBytes.push(raw.subarray(0, end < 0 ? 11 : end));
    const length = data[at + 16]!;
    fields.push({ name: '', type: String.fromCharCode(data[at + 11]!).toUpperCase(), length, decimals: data[at + 17]!, offset });
    offset += length;
  }
  if (offset > recordLength) return { ok: false, error: '.dbf 字段长度与记录长度不符，已损坏 / inconsistent .dbf record length' };
  return { ok: true, value: { records, headerLength, recordLength, languageDriver: data[29]!, fields, nameBytes } };
}

/** All bytes that hold text: field names and character values. */
function textBytes(data: Uint8Array, layout: DbfLayout): Uint8Array[] {
  const out = [...layout.nameBytes];
  const textFields = layout.fields.filter((f) => f.type === 'C' || f.type === 'M');
  for (let r = 0; r < layout.records; r += 1) {
    const start = layout.headerLength + r * layout.recordLength;
    if (start + layout.recordLength > data.length) break;
    for (const field of textFields) out.push(data.subarray(start + field.offset, start + field.offset + field.length));
  }
  return out;
}

const isAscii = (bytes: Uint8Array) => bytes.every((b) => b < 0x80);

/**
 * True when the bytes are UTF-8. A value cut at its field's width may end inside a character, so an
 * incomplete sequence at the very end is allowed.
 */
export function isUtf8(bytes: Uint8Array): boolean {
  let at = 0;
  while (at < bytes.length) {
    const b = bytes[at]!;
    const extra = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (extra < 0) return false;
    for (let k = 1; k <= extra; k += 1) {
      if (at + k >= bytes.length) return true;
      if ((bytes[at + k]! & 0xc0) !== 0x80) return false;
    }
    at += extra + 1;
  }
  return true;
}

function trimPadding(bytes: Uint8Array): Uint8Array {
  let end = bytes.length;
  while (end > 0 && (bytes[end - 1] === 0x20 || bytes[end - 1] === 0)) end -= 1;
  return bytes.subarray(0, end);
}

export function chooseEncoding(data: Uint8Array, layout: DbfLayout, given: { option?: string; cpg?: string }): Result<EncodingChoice> {
  if (given.option) {
    const encoding = encodingLabel(given.option);
    if (!encoding) return { ok: false, error: `不认识的字符编码「${given.option}」/ unknown encoding` };
    return { ok: true, value: { encoding, source: 'option', note: `按所选编码 ${encoding} 读取属性 / encoding chosen by the user` } };
  }
  const warnings: string[] = [];
  if (given.cpg !== undefined) {
    const encoding = encodingLabel(given.cpg);
    if (encoding) return { ok: true, value: { encoding, source: 'cpg', note: `按 .cpg（${given.cpg.trim()}）以 ${encoding} 读取属性 / encoding from the .cpg` } };
    warnings.push(`.cpg 写的编码「${given.cpg.trim()}」无法识别，已忽略`);
  }
  const driver = LANGUAGE_DRIVERS[layout.languageDriver];
  if (driver) {
    const hex = `0x${layout.languageDriver.toString(16).toUpperCase().padStart(2, '0')}`;
    return { ok: true, value: { encoding: driver, source: 'language_driver', note: `按 DBF 语言驱动标记 ${hex} 以 ${driver} 读取属性 / encoding from the DBF language driver` } };
  }
  const chunks = textBytes(data, layout);
  const prefix = warnings.length > 0 ? `${warnings.join('；')}；` : '';
  if (chunks.every(isAscii)) {
    return { ok: true, value: { encoding: 'utf-8', source: 'detected', note: `${prefix}属性只含 ASCII 字符，按 utf-8 读取 / ASCII only` } };
  }
  if (chunks.every((c) => isUtf8(trimPadding(c)))) {
    return { ok: true, value: { encoding: 'utf-8', source: 'detected', note: `${prefix}无 .cpg，属性是有效的 UTF-8，按 utf-8 读取 / detected UTF-8` } };
  }
  return { ok: true, value: { encoding: 'gbk', source: 'detected', note: `${prefix}无 .cpg，属性不是 UTF-8，按 GBK 读取 / detected GBK` } };
}

function value(field: DbfField, bytes: Uint8Array, decoder: TextDecoder): unknown {
  const text = decoder.decode(trimPadding(bytes)).replace(/\u0000/g, '');
  switch (field.type) {
    case 'N':
    case 'F': {
      const trimmed = text.trim();
      if (trimmed === '' || /^\*+$/.test(trimmed)) return null;
      const n = Number(trimmed);
      return Number.isFinite(n) ? n : trimmed;
    }
    case 'L': {
      const c = text.trim().toUpperCase();
      return 'YT'.includes(c) && c ? true : 'NF'.includes(c) && c ? false : null;
    }
    case 'D': {
      const m = /^(\d{4})(\d{2})(\d{2})$/.exec(text.trim());
      return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
    }
    default: {
      const trimmed = text.trim();
      return trimmed === '' ? null : trimmed;
    }
  }
}

/** The attribute rows (deleted records included as empty rows, so that row n is shape n). */
export function readDbf(data: Uint8Array, layout: DbfLayout, encoding: string): Record<string, unknown>[] {
  const decoder = new TextDecoder(encoding);
  const names = layout.nameBytes.map((bytes, i) => decoder.decode(bytes).trim() || `field_${i + 1}`);
  const rows: Record<string, unknown>[] = [];
  for (let r = 0; r < layout.records; r += 1) {
    const start = layout.headerLength + r * layout.recordLength;
    if (start + layout.recordLength > data.length) break;
    const row: Record<string, unknown> = {};
    if (data[start] !== 0x2a) {
      layout.fields.forEach((field, i) => {
        row[names[i]!] = value(field, data.subarray(start + field.offset, start + field.offset + field.length), decoder);
      });
    }
    rows.push(row);
  }
  return rows;
}

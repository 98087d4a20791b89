import type ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { cellText } from '../../tasks/exports/cell-text.ts';

/** One data row of an uploaded table: its row number as the user sees it, and its cells by header. */
export interface TableRow {
  row: number;
  cells: Map<string, string>;
}

export interface Table {
  /** Where a row stands, for messages: "数据!第5行" for a workbook, "第5行" for a CSV file. */
  where(row: number): string;
  headers: string[];
  rows: TableRow[];
}

/**
 * A cell as text. Date cells are written back as the wall time the sheet shows: exceljs hands an
 * Excel date over as if it were UTC, and monitoring times are China Standard Time.
 */
function cellString(value: ExcelJS.CellValue | undefined): string {
  if (value instanceof Date) {
    const iso = value.toISOString();
    return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  }
  if (typeof value === 'number') return String(value);
  return cellText(value);
}

function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // Excel in China saves "CSV" in GB18030 (GBK).
    return new TextDecoder('gb18030').decode(bytes);
  }
}

function fromRecords(records: { record: string[]; line: number }[], where: (row: number) => string): Table {
  const [head, ...body] = records;
  const headers = (head?.record ?? []).map((h) => h.trim());
  const rows = body
    .map(({ record, line }) => ({ row: line, cells: new Map(headers.map((h, i) => [h, (record[i] ?? '').trim()])) }))
    .filter((r) => [...r.cells.values()].some((v) => v !== ''));
  return { where, headers, rows };
}

function readCsv(bytes: Buffer): Table | { refused: string } {
  let parsed: { record: string[]; info: { lines: number } }[];
  try {
    parsed = parse(decodeText(bytes), { bom: true, info: true, relax_column_count: true, skip_empty_lines: true }) as unknown as typeof parsed;
  } catch (error) {
    return { refused: `无法读取 CSV 文件：${(error as Error).message}` };
  }
  return fromRecords(parsed.map((p) => ({ record: p.record, line: p.info.lines })), (row) => `第${row}行`);
}

async function readXlsx(bytes: Buffer): Promise<Table | { refused: string }> {
  // exceljs takes about a second to load: only when a workbook arrives, never at start-up.
  const { openWorkbook } = await import('../../tasks/exports/xlsx-file.ts');
  const opened = await openWorkbook(bytes);
  if ('refused' in opened) return opened;
  const sheet = opened.workbook.worksheets[0]!;
  const records: { record: string[]; line: number }[] = [];
  sheet.eachRow((row, line) => {
    const record: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, column) => {
      record[column - 1] = cellString(cell.value);
    });
    records.push({ record: Array.from(record, (v) => v ?? ''), line });
  });
  return fromRecords(records, (row) => `${sheet.name}!第${row}行`);
}

/** Reads an upload as CSV or XLSX (the first worksheet), by its content: an XLSX is a ZIP. */
/** An XLSX file is a zip: it starts with a local file header. */
export const isXlsx = (bytes: Buffer): boolean => bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50;

export async function readTable(bytes: Buffer): Promise<Table | { refused: string }> {
  const table = isXlsx(bytes) ? await readXlsx(bytes) : readCsv(bytes);
  if ('refused' in table) return table;
  if (table.headers.length === 0) return { refused: '文件为空：第1行应为表头' };
  if (table.rows.length === 0) return { refused: '文件中没有数据行' };
  return table;
}

/** A header as compared: case, spaces, subscripts, punctuation and a unit in brackets do not count. */
export function headerKey(text: string): string {
  return text
    .replace(/[（(][^）)]*[）)]\s*$/, '')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s._\-·/]/g, '');
}

import type { FieldProblem } from '../registry/site.ts';
import type { Locator, Medium, Parameter, RecordInput, Review } from './records.ts';
import { headerKey, type Table } from './table-file.ts';

/**
 * The layout of a data file: one row per station-hour (air) or per sample (water), a column per
 * parameter (by code or name: PM2.5, pm2_5, PM₂.₅, 氨氮, NH3-N…), and optionally a "<项目>标记"
 * column whose text marks that value invalid and says why. Times are CST, hours stamped by their end.
 */
const FIXED: Record<'site' | 'at' | 'mode' | 'review', string[]> = {
  site: ['站点编码', '点位编码', '编码', 'site', 'code'],
  at: ['时间', '监测时间', '采样时间', 'at', 'time'],
  mode: ['方式', '监测方式', 'mode'],
  review: ['审核状态', 'review'],
};
const FLAG_SUFFIXES = ['标记', '无效原因'];

const MODES: Record<string, 'manual' | 'automatic'> = { 手工: 'manual', manual: 'manual', 自动: 'automatic', automatic: 'automatic' };
const REVIEWS: Record<string, Review> = { 原始: 'raw', raw: 'raw', 已审核: 'audited', 审核: 'audited', audited: 'audited' };

/** Extra names a parameter goes by in files, beside its code and its name. */
const ALIASES: Record<string, string[]> = { nh3_n: ['NH3-N', 'NH₃-N'], do: ['DO'], tp: ['TP'], tn: ['TN'], codmn: ['CODMn'], cod: ['COD', 'CODcr'], bod5: ['BOD5'], temperature: ['温度'] };

/** Which column of a data file holds what: resolved once from the header row. */
export interface DataColumns {
  fixed: Map<keyof typeof FIXED, string>;
  values: Map<string, string>;
  flags: Map<string, string>;
  /** How a parameter is named in messages: its column's header. */
  labelOf: Map<string, string>;
}

/** Reads the header row; a problem here refuses the file before any row is read. */
export function dataColumns(headers: readonly string[], parameters: readonly Parameter[]): { columns: DataColumns; problems: FieldProblem[] } {
  const names = new Map<string, string>();
  for (const p of parameters) for (const n of [p.code, p.name, ...(ALIASES[p.code] ?? [])]) names.set(headerKey(n), p.code);
  const fixed = new Map<keyof typeof FIXED, string>();
  const valueColumns = new Map<string, string>();
  const flagColumns = new Map<string, string>();
  const unknown: string[] = [];
  for (const header of headers) {
    if (!header) continue;
    const key = headerKey(header);
    const fixedField = (Object.keys(FIXED) as (keyof typeof FIXED)[]).find((f) => FIXED[f].some((l) => headerKey(l) === key));
    if (fixedField) {
      fixed.set(fixedField, header);
      continue;
    }
    const suffix = FLAG_SUFFIXES.find((s) => header.trim().endsWith(s));
    const code = names.get(suffix ? headerKey(header.trim().slice(0, -suffix.length)) : key);
    if (code && suffix) flagColumns.set(code, header);
    else if (code) valueColumns.set(code, header);
    else unknown.push(header);
  }
  const problems: FieldProblem[] = [];
  for (const field of ['site', 'at'] as const) if (!fixed.has(field)) problems.push({ field: '表头', message: `缺少列「${FIXED[field][0]}」` });
  for (const header of unknown) problems.push({ field: '表头', message: `「${header}」不是监测项目（项目见 /api/monitoring/parameters）` });
  if (valueColumns.size === 0) problems.push({ field: '表头', message: '没有监测项目列' });
  for (const [code, header] of flagColumns) if (!valueColumns.has(code)) problems.push({ field: '表头', message: `「${header}」没有对应的数值列` });
  const labelOf = new Map(parameters.map((p) => [p.code, valueColumns.get(p.code) ?? p.name]));
  return { columns: { fixed, values: valueColumns, flags: flagColumns, labelOf }, problems };
}

/** One data row as a record; a mode or review state it cannot read goes to `problem`. */
export function rowRecord(
  medium: Medium,
  columns: DataColumns,
  cell: (header: string) => string,
  where: string,
  problem: (problem: FieldProblem) => void,
): RecordInput {
  const get = (field: keyof typeof FIXED) => {
    const header = columns.fixed.get(field);
    return header === undefined ? '' : cell(header);
  };
  const modeText = get('mode');
  const reviewText = get('review');
  const values: Record<string, string | null> = {};
  const invalid: Record<string, string> = {};
  for (const [code, header] of columns.values) values[code] = cell(header) || null;
  for (const [code, header] of columns.flags) {
    const flag = cell(header);
    if (flag) invalid[code] = flag;
  }
  const record: RecordInput = { site: get('site'), at: get('at'), values, invalid };
  if (medium === 'water' && modeText) {
    const mode = MODES[modeText.toLowerCase()];
    if (mode) record.mode = mode;
    else problem({ field: `${where} ${columns.fixed.get('mode')}`, message: '应为 手工 或 自动' });
  }
  if (reviewText) {
    const review = REVIEWS[reviewText.toLowerCase()];
    if (review) record.review = review;
    else problem({ field: `${where} ${columns.fixed.get('review')}`, message: '应为 原始 或 已审核' });
  }
  return record;
}

/** Where a record's fields stand in a file, given where the record stands. */
export function fileLocator(columns: DataColumns, where: (index: number) => string): Locator {
  return {
    record: where,
    field: (index, field) => {
      if (field === 'site' || field === 'at') return `${where(index)} ${columns.fixed.get(field)}`;
      const [kind, code] = field.split('.') as [string, string];
      const header = kind === 'invalid' ? columns.flags.get(code) : columns.labelOf.get(code);
      return `${where(index)} ${header ?? code}`;
    },
  };
}

export function dataRecords(medium: Medium, table: Table, parameters: readonly Parameter[]): { records: RecordInput[]; at: Locator; problems: FieldProblem[] } {
  const { columns, problems } = dataColumns(table.headers, parameters);
  const rowNumbers: number[] = [];
  const records: RecordInput[] = [];
  for (const { row, cells } of table.rows) {
    records.push(rowRecord(medium, columns, (header) => cells.get(header) ?? '', table.where(row), (p) => problems.push(p)));
    rowNumbers.push(row);
  }
  return { records, at: fileLocator(columns, (index) => table.where(rowNumbers[index]!)), problems };
}

/** Where a pushed record's fields stand: records[3].values.pm2_5. */
export const pushLocator: Locator = {
  record: (index) => `records[${index}]`,
  field: (index, field) => `records[${index}].${field}`,
};

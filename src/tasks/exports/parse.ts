import type ExcelJS from 'exceljs';
import type { TaskItemInput, TaskListInput } from '../list-format.ts';
import { ACCEPTANCE_LABELS, SCHEDULE_LABELS } from './labels.ts';
import { cellText } from './cell-text.ts';
import { EXAMPLE_MARK, ITEM_COLUMNS, ITEM_SHEET, LIST_FIELDS, LIST_SHEET, LIST_VALUE_ROW, type ItemColumn, type ListField } from './template.ts';

export interface SheetProblem {
  /** Where in the workbook, e.g. "事项!第5行 责任单位". */
  field: string;
  message: string;
}

export interface ParsedTaskList {
  input: TaskListInput;
  problems: SheetProblem[];
  /** Where an import problem's path (items[2].children[0].responsible[1]) stands in the workbook. */
  locate(path: string): string;
}

const SPLIT_UNITS = /[、，,；;\n\r]+/;

/** Excel's day count for 2000-01-01 and 2100-12-31: a number in between in 完成时限 is a date. */
const SERIAL_2000 = 36526;
const SERIAL_2100 = 73415;

/**
 * 完成时限 as the import's deadline parser reads it: as written, except what Excel or the user made
 * of a date (a date cell, a day count, 2026-12-31, 2026/6) is written the Chinese way, and a bare
 * year (2026) means that year.
 */
export function deadlineText(value: ExcelJS.CellValue | undefined): string {
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= 2000 && value <= 2100) return `${value}年`;
    if (value >= SERIAL_2000 && value <= SERIAL_2100) return cellText(new Date(Math.round((value - 25569) * 86_400_000)));
  }
  const text = cellText(value);
  const iso = /^(20\d{2})\s*[-/.]\s*(\d{1,2})(?:\s*[-/.]\s*(\d{1,2}))?$/.exec(text);
  if (iso) return `${iso[1]}年${Number(iso[2])}月${iso[3] ? `${Number(iso[3])}日` : ''}`;
  if (/^20\d{2}$/.test(text)) return `${text}年`;
  return text;
}

function units(text: string): string[] {
  return text.split(SPLIT_UNITS).map((s) => s.trim()).filter(Boolean);
}

/** Header cells to column numbers, by label (a note in brackets after the label is allowed). */
function headerColumns(sheet: ExcelJS.Worksheet): Map<string, number> {
  const found = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, column) => {
    const label = cellText(cell.value).replace(/[（(].*$/, '').trim();
    if (label && !found.has(label)) found.set(label, column);
  });
  return found;
}

function choice<K extends string>(text: string, labels: Record<K, string>): K | undefined {
  const entries = Object.entries(labels) as [K, string][];
  return entries.find(([key, label]) => text === key || text === label || (text.length >= 2 && label.startsWith(text)))?.[0];
}

const ROW_LABEL = (row: number, label: string) => `${ITEM_SHEET}!第${row}行 ${label}`;
const LIST_LABEL = (label: string) => `${LIST_SHEET}!第${LIST_VALUE_ROW}行 ${label}`;

const ITEM_FIELD_LABELS: Record<string, string> = {
  ref: '编号',
  heading: '所属标题',
  title: '事项',
  text: '原文',
  clause: '条款',
  lead: '牵头单位',
  responsible: '责任单位',
  supervising: '督导单位',
  deadline: '完成时限',
  public: '公开',
  milestones: '节点',
};

/**
 * Reads a filled-in import template into a task list, row by row. Everything that can be checked
 * without the database is checked here (required cells, 上级编号, 公开, the list's fields); units and
 * deadlines are checked by the import's planning, whose paths `locate` maps back to rows.
 */
export function parseTaskListWorkbook(workbook: ExcelJS.Workbook): ParsedTaskList {
  const problems: SheetProblem[] = [];
  const itemRows: number[] = [];
  const childRows: number[][] = [];
  const listLabel = (key: string) => LIST_LABEL(LIST_FIELDS.find((f) => f.key === key)?.label ?? key);
  const locate = (path: string): string => {
    const list = /^list\.(\w+)/.exec(path);
    if (list) return listLabel(list[1]!);
    if (path === 'items') return ITEM_SHEET;
    const item = /^items\[(\d+)\](?:\.children\[(\d+)\])?(?:\.(\w+))?/.exec(path);
    if (!item) return path;
    const index = Number(item[1]);
    const row = item[2] === undefined ? itemRows[index] : childRows[index]?.[Number(item[2])];
    if (row === undefined) return path;
    return ROW_LABEL(row, ITEM_FIELD_LABELS[item[3] ?? ''] ?? '');
  };

  const input: TaskListInput = {
    list: { key: '', doc: null, title: '', year: 0, reportSchedule: null, acceptance: 'supervisor' },
    items: [],
  };

  const head = workbook.getWorksheet(LIST_SHEET);
  if (!head) {
    problems.push({ field: LIST_SHEET, message: `缺少工作表「${LIST_SHEET}」，请使用平台下载的导入模板` });
  } else {
    const columns = headerColumns(head);
    const value = (key: ListField): string => {
      const field = LIST_FIELDS.find((f) => f.key === key)!;
      const column = columns.get(field.label);
      return column === undefined ? '' : cellText(head.getCell(LIST_VALUE_ROW, column).value);
    };
    for (const field of LIST_FIELDS) {
      if (!columns.has(field.label)) problems.push({ field: LIST_SHEET, message: `缺少列「${field.label}」，请使用平台下载的导入模板` });
    }
    input.list.key = value('key');
    input.list.title = value('title');
    if (!input.list.key) problems.push({ field: listLabel('key'), message: '必填' });
    if (!input.list.title) problems.push({ field: listLabel('title'), message: '必填' });
    input.list.doc = value('doc') || null;
    const year = value('year').replace(/年$/, '');
    if (!year) problems.push({ field: listLabel('year'), message: '必填' });
    else if (!/^\d{4}$/.test(year)) problems.push({ field: listLabel('year'), message: `「${year}」不是年份` });
    else input.list.year = Number(year);
    const schedule = value('reportSchedule');
    if (schedule) {
      const key = choice(schedule, SCHEDULE_LABELS);
      if (key) input.list.reportSchedule = key;
      else problems.push({ field: listLabel('reportSchedule'), message: `应为 ${Object.values(SCHEDULE_LABELS).join('、')} 之一` });
    }
    const acceptance = value('acceptance');
    const acceptanceKey = acceptance ? choice(acceptance, ACCEPTANCE_LABELS) : undefined;
    if (!acceptance) problems.push({ field: listLabel('acceptance'), message: '必填' });
    else if (!acceptanceKey) problems.push({ field: listLabel('acceptance'), message: `应为 ${Object.values(ACCEPTANCE_LABELS).join('、')} 之一` });
    else input.list.acceptance = acceptanceKey;
  }

  const sheet = workbook.getWorksheet(ITEM_SHEET);
  if (!sheet) {
    problems.push({ field: ITEM_SHEET, message: `缺少工作表「${ITEM_SHEET}」，请使用平台下载的导入模板` });
    return { input, problems, locate };
  }
  const columns = headerColumns(sheet);
  const missing = ITEM_COLUMNS.filter((c) => ['ref', 'parent', 'title'].includes(c.key) && !columns.has(c.label));
  for (const c of missing) problems.push({ field: ITEM_SHEET, message: `缺少列「${c.label}」，请使用平台下载的导入模板` });
  if (missing.length > 0) return { input, problems, locate };

  const measures: { row: number; parent: string; item: TaskItemInput }[] = [];
  sheet.eachRow((row, r) => {
    if (r < 2) return;
    const get = (key: ItemColumn): string => {
      const column = columns.get(ITEM_COLUMNS.find((c) => c.key === key)!.label);
      if (column === undefined) return '';
      const value = row.getCell(column).value;
      return key === 'deadline' ? deadlineText(value) : cellText(value);
    };
    const cells = Object.fromEntries(ITEM_COLUMNS.map((c) => [c.key, get(c.key)])) as Record<ItemColumn, string>;
    if (Object.values(cells).every((v) => v === '')) return;
    if (cells.title.startsWith(EXAMPLE_MARK)) return;
    if (!cells.ref) problems.push({ field: ROW_LABEL(r, '编号'), message: '必填' });
    if (!cells.title) problems.push({ field: ROW_LABEL(r, '事项'), message: '必填' });
    let isPublic = false;
    if (['是', 'Y', 'y', 'yes', 'true', 'TRUE', '公开'].includes(cells.public)) isPublic = true;
    else if (!['', '否', 'N', 'n', 'no', 'false', 'FALSE', '不公开'].includes(cells.public)) problems.push({ field: ROW_LABEL(r, '公开'), message: '应为 是 或 否' });
    const item: TaskItemInput = {
      ref: cells.ref,
      heading: cells.heading || null,
      title: cells.title,
      text: cells.text || cells.title,
      clause: cells.clause || (cells.parent ? `${cells.parent} ${cells.ref}` : cells.ref),
      lead: units(cells.lead),
      responsible: units(cells.responsible),
      supervising: units(cells.supervising),
      persons: [],
      deadline: cells.deadline || null,
      targets: [],
      indicator: null,
      public: isPublic,
      milestones: [],
      assets: [],
      children: [],
    };
    if (cells.parent) {
      measures.push({ row: r, parent: cells.parent, item });
    } else {
      itemRows.push(r);
      childRows.push([]);
      input.items.push(item);
    }
  });
  for (const measure of measures) {
    const index = input.items.findIndex((i) => i.ref === measure.parent);
    if (index < 0) {
      problems.push({ field: ROW_LABEL(measure.row, '上级编号'), message: `「${measure.parent}」不是本表中事项的编号（措施只能挂在事项下）` });
      continue;
    }
    input.items[index]!.children!.push(measure.item);
    childRows[index]!.push(measure.row);
  }
  if (input.items.length === 0 && measures.length === 0) problems.push({ field: ITEM_SHEET, message: '没有填写事项' });
  return { input, problems, locate };
}

import ExcelJS from 'exceljs';
import { ACCEPTANCE_LABELS, SCHEDULE_LABELS } from './labels.ts';
import { BODY_FONT, BORDER, styleHeader } from './list-export.ts';

/**
 * The import template (导入模板): sheet 清单 describes the list in one row under a note row, sheet
 * 事项 holds one row per item or measure. The parser reads columns by their headers, so the order
 * here is only the suggested one.
 */
export const LIST_SHEET = '清单';
export const ITEM_SHEET = '事项';
export const REFERENCE_SHEET = '参考';

/** 清单: header row 1, note row 2, values row 3. */
export const LIST_VALUE_ROW = 3;

export const LIST_FIELDS = [
  { key: 'key', label: '清单标识', width: 14, note: '必填。小写字母、数字和 -，如 2026-ydyd；导入后不可重复' },
  { key: 'title', label: '清单名称', width: 40, note: '必填。如「巴中市生态环境保护委员会2026年工作要点」' },
  { key: 'doc', label: '文件编号', width: 12, note: '选填。来源文件在平台登记的编号（见「参考」表）；未登记的文件留空' },
  { key: 'year', label: '年份', width: 10, note: '必填。清单所属年份（跨年清单填第一年），2000–2100' },
  { key: 'reportSchedule', label: '报送周期', width: 12, note: `选填，下拉选择：${Object.values(SCHEDULE_LABELS).join('、')}；留空按每季度` },
  { key: 'acceptance', label: '验收方式', width: 18, note: `必填，下拉选择：${ACCEPTANCE_LABELS.supervisor}（排第一位的督导单位验收）、${ACCEPTANCE_LABELS.lead}、${ACCEPTANCE_LABELS.coordinator}（市环委办）` },
] as const;
export type ListField = (typeof LIST_FIELDS)[number]['key'];

/** 事项: header row 1, then data; a row whose 事项 starts with EXAMPLE_MARK is the example and is skipped. */
export const ITEM_COLUMNS = [
  { key: 'ref', label: '编号', width: 8, note: '必填。按文件原样，如 一、（一）、1' },
  { key: 'parent', label: '上级编号', width: 9, note: '事项留空；整改措施填所属事项的编号' },
  { key: 'heading', label: '所属标题', width: 22, note: '选填。文件中事项所在的标题，如「一、深入打好蓝天保卫战」' },
  { key: 'title', label: '事项', width: 40, note: '必填。事项或措施的标题（首句）' },
  { key: 'text', label: '原文', width: 50, note: '选填。文件原文；留空则与「事项」相同' },
  { key: 'clause', label: '条款', width: 14, note: '选填。在文件中的位置；留空则按编号生成' },
  { key: 'lead', label: '牵头单位', width: 16, note: '多个单位用、分隔，按文件原样书写' },
  { key: 'responsible', label: '责任单位', width: 26, note: '多个单位用、分隔；须为组织机构中的单位、别名或「各县（区）人民政府」等统称' },
  { key: 'supervising', label: '督导单位', width: 16, note: '多个单位用、分隔；排第一位的为验收单位' },
  { key: 'deadline', label: '完成时限', width: 16, note: '按文件原样，如「2026年12月底前」「持续推进」；措施留空则随所属事项' },
  { key: 'public', label: '公开', width: 7, note: '是 / 否（留空为否）：是否向社会公开' },
] as const;
export type ItemColumn = (typeof ITEM_COLUMNS)[number]['key'];

export const EXAMPLE_MARK = '【示例】';

export const EXAMPLE_ROW: Record<ItemColumn, string> = {
  ref: '（一）',
  parent: '',
  heading: '一、深入打好蓝天保卫战',
  title: `${EXAMPLE_MARK}开展夏季臭氧污染防治攻坚（本行为示例，导入时自动跳过，可删除）`,
  text: '开展夏季臭氧污染防治攻坚，加强挥发性有机物综合治理。',
  clause: '（一）',
  lead: '市生态环境局',
  responsible: '市经济和信息化局、各县（区）人民政府',
  supervising: '',
  deadline: '2026年9月底前',
  public: '否',
};

const MAX_ITEM_ROWS = 1000;

export interface TemplateOptions {
  /** Registered source documents, offered in 文件编号. */
  documents: readonly { id: string; title: string }[];
  /** Unit names and collective phrases the import resolves, listed for reference. */
  units: readonly string[];
}

function list(values: readonly string[]): string {
  return `"${values.join(',')}"`;
}

export function templateWorkbook(options: TemplateOptions): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '青山 Qingshan';

  const head = workbook.addWorksheet(LIST_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  head.columns = LIST_FIELDS.map((f) => ({ width: f.width }));
  head.getRow(1).values = LIST_FIELDS.map((f) => f.label);
  styleHeader(head.getRow(1));
  const notes = head.getRow(2);
  notes.values = LIST_FIELDS.map((f) => f.note);
  notes.font = { ...BODY_FONT, italic: true, color: { argb: 'FF666666' } };
  notes.alignment = { vertical: 'top', wrapText: true };
  notes.height = 60;
  const values = head.getRow(LIST_VALUE_ROW);
  values.font = BODY_FONT;
  for (let c = 1; c <= LIST_FIELDS.length; c += 1) {
    values.getCell(c).border = BORDER;
    values.getCell(c).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFFDE7' } };
  }
  const column = (key: ListField) => LIST_FIELDS.findIndex((f) => f.key === key) + 1;
  values.getCell(column('year')).dataValidation = {
    type: 'whole', operator: 'between', allowBlank: false, formulae: [2000, 2100], showErrorMessage: true, errorTitle: '年份', error: '请填写 2000–2100 的年份',
  };
  values.getCell(column('reportSchedule')).dataValidation = {
    type: 'list', allowBlank: true, formulae: [list(Object.values(SCHEDULE_LABELS))], showErrorMessage: true, errorTitle: '报送周期', error: '请从下拉列表中选择',
  };
  values.getCell(column('acceptance')).dataValidation = {
    type: 'list', allowBlank: false, formulae: [list(Object.values(ACCEPTANCE_LABELS))], showErrorMessage: true, errorTitle: '验收方式', error: '请从下拉列表中选择',
  };
  if (options.documents.length > 0) {
    values.getCell(column('doc')).dataValidation = {
      type: 'list', allowBlank: true, formulae: [`'${REFERENCE_SHEET}'!$A$2:$A$${options.documents.length + 1}`], showErrorMessage: true, errorTitle: '文件编号', error: '请填写已登记的文件编号，或留空',
    };
  }

  const rows = workbook.addWorksheet(ITEM_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  rows.columns = ITEM_COLUMNS.map((c) => ({ width: c.width }));
  rows.getRow(1).values = ITEM_COLUMNS.map((c) => c.label);
  styleHeader(rows.getRow(1));
  ITEM_COLUMNS.forEach((c, index) => {
    rows.getRow(1).getCell(index + 1).note = c.note;
  });
  const example = rows.getRow(2);
  example.values = ITEM_COLUMNS.map((c) => EXAMPLE_ROW[c.key]);
  example.font = { ...BODY_FONT, italic: true, color: { argb: 'FF808080' } };
  example.alignment = { vertical: 'top', wrapText: true };
  const publicColumn = rows.getColumn(ITEM_COLUMNS.findIndex((c) => c.key === 'public') + 1).letter;
  // One validation over the whole range (exceljs types leave out the sheet's own list of them).
  (rows as unknown as { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } }).dataValidations.add(`${publicColumn}2:${publicColumn}${MAX_ITEM_ROWS}`, {
    type: 'list', allowBlank: true, formulae: ['"是,否"'], showErrorMessage: true, errorTitle: '公开', error: '请选择 是 或 否',
  });
  for (const c of ['ref', 'parent', 'deadline'] as const) {
    // Text cells: Excel must not turn 2026.12 into a number or 1-2 into a date.
    rows.getColumn(ITEM_COLUMNS.findIndex((x) => x.key === c) + 1).numFmt = '@';
  }

  const reference = workbook.addWorksheet(REFERENCE_SHEET);
  reference.columns = [{ width: 12 }, { width: 50 }, { width: 4 }, { width: 36 }];
  reference.getRow(1).values = ['文件编号', '文件名称', '', '可用的单位名称与统称'];
  styleHeader(reference.getRow(1));
  const longest = Math.max(options.documents.length, options.units.length);
  for (let i = 0; i < longest; i += 1) {
    const doc = options.documents[i];
    const row = reference.getRow(i + 2);
    row.values = [doc?.id ?? null, doc?.title ?? null, null, options.units[i] ?? null];
    row.font = BODY_FONT;
  }
  return workbook;
}

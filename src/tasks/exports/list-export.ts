import ExcelJS from 'exceljs';
import { describeReason } from '../colour.ts';
import { COLOUR_FILLS, COLOUR_LABELS, STATE_LABELS } from './labels.ts';
import { parentRef, type ExportRow } from './rows.ts';

/** Columns of a list's export, in the documents' own order. */
export const LIST_COLUMNS = [
  { header: '编号', width: 8 },
  { header: '上级编号', width: 9 },
  { header: '事项/整改措施', width: 42 },
  { header: '原文', width: 60 },
  { header: '牵头单位', width: 16 },
  { header: '责任单位', width: 26 },
  { header: '督导单位', width: 16 },
  { header: '完成时限', width: 14 },
  { header: '状态', width: 9 },
  { header: '红黄绿', width: 7 },
  { header: '原因', width: 34 },
  { header: '进度%', width: 7 },
  { header: '最近报送', width: 12 },
] as const;

/** Rows above the header: the list's title. The header row is frozen under it. */
export const LIST_HEADER_ROW = 2;

export const BODY_FONT = { name: '宋体', size: 10 } as const;
const THIN = { style: 'thin' as const, color: { argb: 'FF999999' } };
export const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** An ISO date as an Excel date cell value (midnight UTC, which Excel shows as that day). */
export function excelDate(iso: string | null): Date | null {
  return iso ? new Date(`${iso}T00:00:00Z`) : null;
}

export function styleHeader(row: ExcelJS.Row): void {
  row.font = { ...BODY_FONT, bold: true };
  row.alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  row.height = 24;
  row.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7EEF7' } };
    cell.border = BORDER;
  });
}

/** A merged title row across `columns` columns. */
export function titleRow(sheet: ExcelJS.Worksheet, rowNumber: number, columns: number, text: string, size = 16): void {
  sheet.mergeCells(rowNumber, 1, rowNumber, columns);
  const cell = sheet.getCell(rowNumber, 1);
  cell.value = text;
  cell.font = { name: '宋体', size, bold: true };
  cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  sheet.getRow(rowNumber).height = size * 2;
}

/**
 * The whole list as a workbook in the documents' layout: the document's headings as merged rows,
 * each item followed by its measures (上级编号 names the item), units and deadlines as written,
 * the computed 红黄绿 with its reasons as of `today`.
 */
export function listWorkbook(list: { key: string; title: string }, rows: readonly ExportRow[], today: string): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '青山 Qingshan';
  workbook.created = new Date(`${today}T00:00:00Z`);
  const sheet = workbook.addWorksheet('督办清单', {
    views: [{ state: 'frozen', ySplit: LIST_HEADER_ROW, xSplit: 0 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${LIST_HEADER_ROW}:${LIST_HEADER_ROW}` },
  });
  sheet.columns = LIST_COLUMNS.map((c) => ({ width: c.width }));
  titleRow(sheet, 1, LIST_COLUMNS.length, `${list.title}（红黄绿截至 ${today}）`);
  const header = sheet.getRow(LIST_HEADER_ROW);
  header.values = LIST_COLUMNS.map((c) => c.header);
  styleHeader(header);

  let heading: string | null = null;
  for (const row of rows) {
    const task = row.task;
    if (row.depth === 0 && task.heading && task.heading !== heading) {
      heading = task.heading;
      const at = sheet.rowCount + 1;
      sheet.mergeCells(at, 1, at, LIST_COLUMNS.length);
      const cell = sheet.getCell(at, 1);
      cell.value = task.heading;
      cell.font = { ...BODY_FONT, size: 11, bold: true };
      cell.alignment = { vertical: 'middle', wrapText: true };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } };
      cell.border = BORDER;
      sheet.getRow(at).height = 20;
    }
    const added = sheet.addRow([
      task.ref,
      parentRef(row),
      task.title,
      row.text,
      row.written.lead.join('、'),
      row.written.responsible.join('、'),
      row.written.supervising.join('、'),
      task.deadlineText ?? '',
      STATE_LABELS[task.state] ?? task.state,
      COLOUR_LABELS[task.colour],
      task.reasons.map(describeReason).join('；'),
      task.progress,
      excelDate(task.lastReportOn),
    ]);
    added.font = { ...BODY_FONT, bold: row.depth === 0 };
    added.alignment = { vertical: 'top', wrapText: true };
    added.eachCell({ includeEmpty: true }, (cell) => {
      cell.border = BORDER;
    });
    added.getCell(1).alignment = { vertical: 'top', horizontal: 'center', wrapText: true };
    added.getCell(2).alignment = { vertical: 'top', horizontal: 'center', wrapText: true };
    const colour = added.getCell(10);
    colour.alignment = { vertical: 'top', horizontal: 'center' };
    colour.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: COLOUR_FILLS[task.colour] } };
    added.getCell(13).numFmt = 'yyyy-mm-dd';
  }
  sheet.autoFilter = { from: { row: LIST_HEADER_ROW, column: 1 }, to: { row: LIST_HEADER_ROW, column: LIST_COLUMNS.length } };
  return workbook;
}

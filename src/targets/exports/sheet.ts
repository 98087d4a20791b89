import ExcelJS from 'exceljs';
import { BODY_FONT, BORDER, styleHeader, titleRow } from '../../tasks/exports/list-export.ts';
import { rowHeights } from './row-heights.ts';
import { mergeSpans, type SpanColumn } from './spans.ts';

/** A column of a document's indicator table: its header, how its cells merge, and what a line puts in it. */
export interface SheetColumn<L> extends SpanColumn {
  header: string;
  width: number;
  center?: boolean;
  /** Characters stacked top to bottom, as 附件2 prints its 领域. */
  vertical?: boolean;
  value: (line: L) => string | number | null;
  fill?: (line: L) => string | undefined;
}

/** Rows above the header: the title and a line saying what the figures are. */
export const TABLE_HEADER_ROW = 3;

/**
 * A document's indicator table as a workbook in the document's layout: its title, the header (columns of
 * one header merged, as 指标名称 over the row's name and its sub-indicators), one line per target with
 * the document's merged cells rebuilt (see spans.ts), printed landscape on A4 with the header repeated.
 */
export function tableWorkbook<L>(options: {
  sheetName: string;
  title: string;
  subtitle: string;
  columns: readonly SheetColumn<L>[];
  lines: readonly L[];
  rowOf: (line: L) => number;
}): ExcelJS.Workbook {
  const { columns, lines } = options;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '青山 Qingshan';
  const sheet = workbook.addWorksheet(options.sheetName, {
    views: [{ state: 'frozen', ySplit: TABLE_HEADER_ROW }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${TABLE_HEADER_ROW}:${TABLE_HEADER_ROW}` },
  });
  sheet.columns = columns.map((c) => ({ width: c.width }));
  titleRow(sheet, 1, columns.length, options.title);
  sheet.mergeCells(2, 1, 2, columns.length);
  const info = sheet.getCell(2, 1);
  info.value = options.subtitle;
  info.font = BODY_FONT;
  info.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  sheet.getRow(2).height = 18;

  const header = sheet.getRow(TABLE_HEADER_ROW);
  header.values = columns.map((c) => c.header);
  styleHeader(header);
  for (let c = 0; c < columns.length; ) {
    let end = c;
    while (end + 1 < columns.length && columns[end + 1]!.header === columns[c]!.header) end += 1;
    if (end > c) sheet.mergeCells(TABLE_HEADER_ROW, c + 1, TABLE_HEADER_ROW, end + 1);
    c = end + 1;
  }

  const first = TABLE_HEADER_ROW + 1;
  const values = lines.map((line) => columns.map((c) => c.value(line)));
  values.forEach((cells, index) => {
    const row = sheet.getRow(first + index);
    row.values = cells;
    row.font = BODY_FONT;
    columns.forEach((column, c) => {
      const cell = row.getCell(c + 1);
      cell.border = BORDER;
      cell.alignment = {
        vertical: 'middle',
        horizontal: column.center || column.vertical ? 'center' : 'left',
        wrapText: true,
        ...(column.vertical ? { textRotation: 'vertical' as const } : {}),
      };
      const fill = column.fill?.(lines[index]!);
      if (fill) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: fill } };
    });
  });
  const spans = mergeSpans(
    columns,
    lines.map((line, index) => ({ row: options.rowOf(line), values: values[index]! })),
  );
  for (const span of spans) sheet.mergeCells(first + span.top, span.left + 1, first + span.bottom, span.right + 1);
  const heights = rowHeights(
    columns.map((c) => c.width),
    values.map((cells) => cells.map((v) => (v === null ? '' : String(v)))),
    spans,
    columns.map((c) => c.vertical ?? false),
  );
  heights.forEach((height, index) => {
    sheet.getRow(first + index).height = height;
  });
  return workbook;
}

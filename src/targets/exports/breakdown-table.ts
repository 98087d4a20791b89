import type ExcelJS from 'exceljs';
import { assessmentColumns, nameColumns, tableSubtitle } from './columns.ts';
import { ATTRIBUTE_LABELS } from './labels.ts';
import type { ExportDocument, ExportLine } from './rows.ts';
import { tableWorkbook, type SheetColumn } from './sheet.ts';

type Line = { line: ExportLine; task: string };

/**
 * 000 附件2 任务分解表 as the plan prints it — 领域 and 任务 merged over their rows, a row with several
 * sub-indicators (第11、12、15、19、33、34行) as one row whose shared cells are merged over a line per
 * sub-indicator, 主要任务 from the task list, deadline and units as written — with the latest value and
 * the assessment of each indicator.
 */
export function breakdownWorkbook(document: ExportDocument, tasks: ReadonlyMap<number, string>, asOfYear: number): ExcelJS.Workbook {
  const lines: Line[] = document.lines.map((line) => ({ line, task: line.target.row === null ? '' : (tasks.get(line.target.row) ?? '') }));
  const columns: SheetColumn<Line>[] = [
    { header: '领域', width: 5, merge: 'group', vertical: true, value: ({ line }) => line.target.domain ?? '' },
    { header: '任务', width: 12, merge: 'group', center: true, value: ({ line }) => line.target.group },
    { header: '序号', width: 5, merge: 'row', center: true, value: ({ line }) => line.target.row },
    ...nameColumns<Line>(14, 14),
    { header: '指标值', width: 14, merge: 'row', center: true, value: ({ line }) => line.target.targetAsWritten },
    { header: '指示属性', width: 7, merge: 'row', center: true, value: ({ line }) => (line.target.attribute ? ATTRIBUTE_LABELS[line.target.attribute] : '') },
    { header: '主要任务', width: 48, merge: 'row', value: ({ task }) => task },
    { header: '完成时限', width: 9, merge: 'row', center: true, value: ({ line }) => line.target.deadlineText ?? '' },
    { header: '牵头单位', width: 14, merge: 'row', value: ({ line }) => line.written.lead.join('、') },
    { header: '责任单位', width: 24, merge: 'row', value: ({ line }) => line.written.responsible.join('、') },
    ...assessmentColumns<Line>({ source: false }),
  ];
  return tableWorkbook({
    sheetName: '任务分解表',
    title: `《${document.title}》附件2 任务分解表`,
    subtitle: tableSubtitle(asOfYear),
    columns,
    lines,
    rowOf: ({ line }) => line.target.row ?? -line.target.position,
  });
}

import type ExcelJS from 'exceljs';
import { assessmentColumns, nameColumns, tableSubtitle } from './columns.ts';
import { ATTRIBUTE_LABELS } from './labels.ts';
import type { ExportDocument, ExportLine } from './rows.ts';
import { tableWorkbook, type SheetColumn } from './sheet.ts';

/**
 * 001 专栏一 as the plan prints it — 类别 merged over its rows, 序号, 指标名称, 基准值 and 目标 as written,
 * 指标属性 — with the latest value, its source and the assessment beside each indicator.
 */
export function columnOneWorkbook(document: ExportDocument, asOfYear: number): ExcelJS.Workbook {
  const lines = document.lines.map((line) => ({ line }));
  const baselineYear = document.lines.find((l) => l.baseline)?.baseline?.year;
  const targetYear = document.lines[0]?.target.year;
  const columns: SheetColumn<{ line: ExportLine }>[] = [
    { header: '类别', width: 18, merge: 'group', center: true, value: ({ line }) => line.target.group },
    { header: '序号', width: 6, merge: 'row', center: true, value: ({ line }) => line.target.row },
    ...nameColumns<{ line: ExportLine }>(30, 12),
    { header: baselineYear ? `${baselineYear}年基准值` : '基准值', width: 12, merge: 'row', center: true, value: ({ line }) => line.baseline?.asWritten ?? '' },
    { header: targetYear ? `${targetYear}年目标` : '目标', width: 18, merge: 'row', center: true, value: ({ line }) => line.target.targetAsWritten },
    { header: '指标属性', width: 8, merge: 'row', center: true, value: ({ line }) => (line.target.attribute ? ATTRIBUTE_LABELS[line.target.attribute] : '') },
    ...assessmentColumns<{ line: ExportLine }>({ source: true }),
  ];
  return tableWorkbook({
    sheetName: '专栏一',
    title: `《${document.title}》专栏一 主要指标`,
    subtitle: tableSubtitle(asOfYear),
    columns,
    lines,
    rowOf: ({ line }) => line.target.row ?? -line.target.position,
  });
}

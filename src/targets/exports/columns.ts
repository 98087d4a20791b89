import { STATUS_FILLS, STATUS_LABELS, valueText } from './labels.ts';
import type { ExportLine } from './rows.ts';
import type { SheetColumn } from './sheet.ts';

// Columns both document tables share.

/** 指标名称 over two columns: the row's name, and its sub-indicator where the seed splits a row (专栏一 序号11). */
export const nameColumns = <L extends { line: ExportLine }>(width: number, subWidth: number): SheetColumn<L>[] => [
  { header: '指标名称', width, merge: 'row', value: ({ line }) => line.target.rowName ?? line.target.nameAsWritten },
  { header: '指标名称', width: subWidth, merge: 'line', yieldsLeft: true, value: ({ line }) => (line.target.rowName ? line.target.nameAsWritten : '') },
];

/** 最新值, 评估 (coloured) and 原因: what the exports add to a document's own columns. */
export const assessmentColumns = <L extends { line: ExportLine }>(options: { source: boolean }): SheetColumn<L>[] => [
  { header: '最新值', width: 18, merge: 'line', value: ({ line }) => (line.latest ? valueText(line.latest, line.indicator.unit) : '') },
  ...(options.source ? [{ header: '来源', width: 20, merge: 'line' as const, value: ({ line }: L) => line.latest?.source ?? '' }] : []),
  { header: '评估', width: 9, merge: 'line', center: true, value: ({ line }) => STATUS_LABELS[line.status], fill: ({ line }) => STATUS_FILLS[line.status] },
  { header: '原因', width: 48, merge: 'line', value: ({ line }) => line.reasons.join('；') },
];

/** The line under a table's title: what its figures are. */
export const tableSubtitle = (asOfYear: number) => `评估截至${asOfYear}年：最新值为截至该年已审核的全市数值，评估为已达标、预计达标、有风险、未达标或无数据，原因列写明依据`;

/** An import report as lines of text for the command line, Chinese first. */
import { describeSrid } from './crs.ts';
import type { FeatureNote, ImportReport } from './store.ts';

const ENCODING_SOURCES: Record<string, string> = {
  option: '所选 / chosen',
  cpg: '.cpg',
  language_driver: 'DBF 语言驱动 / language driver',
  detected: '检测 / detected',
};

const feature = (note: FeatureNote) => `  第 ${note.index + 1} 个${note.name ? `「${note.name}」` : ''}：${note.reason}`;

export function reportLines(report: ImportReport): string[] {
  const { counts } = report;
  const lines = [
    `文件 / file: ${report.sourceName}（${report.format}）→ 图层 / layer ${report.layer}`,
    `坐标系 / coordinate system: ${describeSrid(report.srid)}，入库为 EPSG:4490 / stored in EPSG:4490`,
  ];
  if (report.encoding) lines.push(`属性编码 / encoding: ${report.encoding}（${ENCODING_SOURCES[report.encodingSource ?? ''] ?? '—'}）`);
  lines.push(`读取 ${counts.read} 个要素，导入 ${counts.imported} 个，修复 ${counts.repaired} 个，拒绝 ${counts.refused} 个 / read ${counts.read}, imported ${counts.imported}, repaired ${counts.repaired}, refused ${counts.refused}`);
  if (report.repaired.length > 0) lines.push('已修复 / repaired:', ...report.repaired.map(feature));
  if (report.refused.length > 0) lines.push(report.skippedRefused ? '已跳过 / skipped:' : '无法导入 / refused:', ...report.refused.map(feature));
  const listedOut = counts.refused - report.refused.length + counts.repaired - report.repaired.length;
  if (listedOut > 0) lines.push(`（另有 ${listedOut} 个未逐一列出 / more not listed）`);
  if (report.warnings.length > 0) lines.push('提示 / warnings:', ...report.warnings.map((w) => `  ${w}`));
  if (report.notes.length > 0) lines.push('说明 / notes:', ...report.notes.map((n) => `  ${n}`));
  return lines;
}

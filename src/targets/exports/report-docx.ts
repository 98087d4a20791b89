import { Paragraph, type Table } from 'docx';
import { chineseNumber } from '../../tasks/exports/chinese.ts';
import { body, heading, officialDocx, signature, table, title, TYPE_AREA_WIDTH } from '../../tasks/exports/official-docx.ts';
import { STATUS_FILLS, STATUS_LABELS } from './labels.ts';
import {
  FLAGGED_INTRO,
  REPORT_CLOSING,
  reportIntro,
  reportTitle,
  sectionHeading,
  unitHeading,
  UNLABELLED_HEADING,
  unlabelledIntro,
  type AssessmentReport,
  type ReportLine,
} from './report.ts';

/** Column widths in twips, adding up to the type area. */
const COLUMNS = [
  { header: '序号', width: 560, center: true },
  { header: '指标', width: 2100 },
  { header: '目标', width: 1500 },
  { header: '最新值', width: 1300 },
  { header: '评估', width: 800, center: true },
  { header: '原因', width: TYPE_AREA_WIDTH - 560 - 2100 - 1500 - 1300 - 800 },
];
const STATUS_COLUMN = 4;

function targetTable(lines: readonly ReportLine[]): Table {
  return table(
    COLUMNS,
    lines.map((l, index) => [String(index + 1), `${l.name}（${l.clause}）`, l.target, l.latest, STATUS_LABELS[l.status], l.reasons]),
    (row, column) => (column === STATUS_COLUMN ? STATUS_FILLS[lines[row]!.status].slice(2) : undefined),
  );
}

/**
 * 年度目标评估报告 as a Word document in the government layout (official-docx.ts): the counts, a section
 * per document with its binding targets in a table, then the targets 有风险 or 未达标 under their lead
 * units, the issuer and the 成文日期.
 */
export async function reportDocx(r: AssessmentReport): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [title(reportTitle(r), 400), ...reportIntro(r).map((text) => body(text, { indent: true }))];
  r.documents.forEach((document, index) => {
    children.push(heading(`${chineseNumber(index + 1)}、${sectionHeading(document)}`), targetTable(document.lines));
  });
  let section = r.documents.length;
  if (r.unlabelled.length > 0) {
    children.push(heading(`${chineseNumber((section += 1))}、${UNLABELLED_HEADING}`), body(unlabelledIntro(r), { indent: true }));
    const lines = r.unlabelled.flatMap((d) => d.lines.map((l) => ({ ...l, clause: `${d.id} ${l.clause}` })));
    if (lines.length > 0) children.push(targetTable(lines));
  }
  children.push(heading(`${chineseNumber(section + 1)}、有风险和未达标的约束性目标（按牵头单位）`));
  if (r.units.length === 0) children.push(body(`截至${r.year}年，没有评估为有风险或未达标的约束性目标。`, { indent: true }));
  else children.push(body(FLAGGED_INTRO, { indent: true }));
  r.units.forEach((unit, index) => {
    children.push(heading(`（${chineseNumber(index + 1)}）${unitHeading(unit)}`, 2));
    unit.lines.forEach((l, n) => {
      const reasons = l.reasons ? `${l.reasons}。` : '';
      children.push(body(`${n + 1}. ${l.name}（《${l.docTitle}》${l.clause}）：${STATUS_LABELS[l.status]}。${reasons}`, { indent: true }));
    });
  });
  children.push(new Paragraph({ spacing: { before: 240 }, children: [] }), body(REPORT_CLOSING, { indent: true, keepNext: true }), ...signature(r.issuer, r.date));
  return officialDocx(reportTitle(r), children);
}

import { AlignmentType, Paragraph, type Table } from 'docx';
import ExcelJS from 'exceljs';
import { BULLETIN_CLOSING, bulletinIntro, bulletinTitle, type Bulletin, type BulletinUnit } from './bulletin.ts';
import { chineseNumber } from './chinese.ts';
import { COLOUR_FILLS, COLOUR_LABELS } from './labels.ts';
import { BODY_FONT, BORDER, styleHeader, titleRow } from './list-export.ts';
import { body, BODY, heading, officialDocx, run, SAN_HAO, signature, table, title } from './official-docx.ts';

// ── DOCX ───────────────────────────────────────────────────────────────────────

/** Column widths in twips; they add up to the type area of an A4 page under GB/T 9704 margins. */
const TABLE_COLUMNS = [
  { header: '序号', width: 560, center: true },
  { header: '清单', width: 1400 },
  { header: '编号', width: 700, center: true },
  { header: '事项', width: 2500 },
  { header: '完成时限', width: 1050 },
  { header: '状态', width: 760, center: true },
  { header: '颜色', width: 560, center: true },
  { header: '原因', width: 1315 },
];
const COLOUR_COLUMN = 6;

function unitTable(unit: BulletinUnit): Table {
  return table(
    TABLE_COLUMNS,
    unit.rows.map((r, index) => [String(index + 1), r.listTitle, r.ref, r.title, r.deadline, r.state, COLOUR_LABELS[r.colour], r.reasons]),
    (row, column) => (column === COLOUR_COLUMN ? COLOUR_FILLS[unit.rows[row]!.colour].slice(2) : undefined),
  );
}

/** The 通报 as a Word document in the usual layout: A4, GB/T 9704 margins, 二号 title, 三号 仿宋 body. */
export async function bulletinDocx(b: Bulletin): Promise<Buffer> {
  const year = b.to.slice(0, 4);
  const children: (Paragraph | Table)[] = [
    title(bulletinTitle(b)),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 400 }, children: [run(`督办通报〔${year}〕第　　期`, BODY, SAN_HAO)] }),
    body('各有关单位：'),
    body(bulletinIntro(b), { indent: true }),
  ];
  if (b.units.length === 0) children.push(body('本期无红色、黄色事项。', { indent: true }));
  b.units.forEach((unit, index) => {
    const parts = [unit.red ? `红色 ${unit.red} 项` : '', unit.yellow ? `黄色 ${unit.yellow} 项` : ''].filter(Boolean).join('、');
    children.push(heading(`${chineseNumber(index + 1)}、${unit.name}（${parts}）`), unitTable(unit));
  });
  children.push(new Paragraph({ spacing: { before: 240 }, children: [] }), body(BULLETIN_CLOSING, { indent: true }), ...signature(b.issuer, b.to));
  return officialDocx(bulletinTitle(b), children);
}

// ── XLSX ───────────────────────────────────────────────────────────────────────

export const BULLETIN_COLUMNS = [
  { header: '单位', width: 18 },
  { header: '序号', width: 6 },
  { header: '清单', width: 26 },
  { header: '编号', width: 8 },
  { header: '事项', width: 46 },
  { header: '完成时限', width: 14 },
  { header: '状态', width: 9 },
  { header: '颜色', width: 6 },
  { header: '原因', width: 40 },
] as const;
export const BULLETIN_HEADER_ROW = 3;

/** The same rows as the DOCX (unit in every row, for filtering), plus a 汇总 sheet of counts by unit. */
export function bulletinWorkbook(b: Bulletin): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = '青山 Qingshan';
  const sheet = workbook.addWorksheet('通报', {
    views: [{ state: 'frozen', ySplit: BULLETIN_HEADER_ROW }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${BULLETIN_HEADER_ROW}:${BULLETIN_HEADER_ROW}` },
  });
  sheet.columns = BULLETIN_COLUMNS.map((c) => ({ width: c.width }));
  titleRow(sheet, 1, BULLETIN_COLUMNS.length, bulletinTitle(b));
  sheet.mergeCells(2, 1, 2, BULLETIN_COLUMNS.length);
  const info = sheet.getCell(2, 1);
  info.value = bulletinIntro(b);
  info.font = BODY_FONT;
  info.alignment = { wrapText: true, vertical: 'top' };
  sheet.getRow(2).height = 48;
  sheet.getRow(BULLETIN_HEADER_ROW).values = BULLETIN_COLUMNS.map((c) => c.header);
  styleHeader(sheet.getRow(BULLETIN_HEADER_ROW));
  for (const unit of b.units) {
    unit.rows.forEach((r, index) => {
      const row = sheet.addRow([unit.name, index + 1, r.listTitle, r.ref, r.title, r.deadline, r.state, COLOUR_LABELS[r.colour], r.reasons]);
      row.font = BODY_FONT;
      row.alignment = { vertical: 'top', wrapText: true };
      row.eachCell({ includeEmpty: true }, (cell) => {
        cell.border = BORDER;
      });
      row.getCell(8).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: COLOUR_FILLS[r.colour] } };
    });
  }
  sheet.autoFilter = { from: { row: BULLETIN_HEADER_ROW, column: 1 }, to: { row: BULLETIN_HEADER_ROW, column: BULLETIN_COLUMNS.length } };

  const summary = workbook.addWorksheet('汇总', { views: [{ state: 'frozen', ySplit: 1 }] });
  summary.columns = [{ width: 6 }, { width: 28 }, { width: 8 }, { width: 8 }, { width: 8 }];
  summary.getRow(1).values = ['序号', '单位', '红色', '黄色', '合计'];
  styleHeader(summary.getRow(1));
  b.units.forEach((unit, index) => {
    const row = summary.addRow([index + 1, unit.name, unit.red, unit.yellow, unit.red + unit.yellow]);
    row.font = BODY_FONT;
    row.eachCell((cell) => {
      cell.border = BORDER;
    });
  });
  const total = summary.addRow(['', '合计（同一事项只计一次）', b.counts.red, b.counts.yellow, b.counts.red + b.counts.yellow]);
  total.font = { ...BODY_FONT, bold: true };
  total.eachCell({ includeEmpty: true }, (cell) => {
    cell.border = BORDER;
  });
  return workbook;
}

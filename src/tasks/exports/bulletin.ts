import {
  AlignmentType,
  Document,
  Footer,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type IRunOptions,
} from 'docx';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { getSetting, SETTING_KEYS } from '../../settings/store.ts';
import { describeReason, type Colour } from '../colour.ts';
import { chineseDate, chineseNumber, writtenDate } from './chinese.ts';
import { COLOUR_FILLS, COLOUR_LABELS, STATE_LABELS } from './labels.ts';
import { BODY_FONT, BORDER, styleHeader, titleRow } from './list-export.ts';
import { displayRef, exportRows } from './rows.ts';

/** One red or yellow item under one of its units. */
export interface BulletinRow {
  itemId: number;
  listKey: string;
  listTitle: string;
  ref: string;
  title: string;
  deadline: string;
  state: string;
  colour: Exclude<Colour, 'green'>;
  reasons: string;
}

export interface BulletinUnit {
  /** null for items that name no lead or responsible unit. */
  organisationId: number | null;
  name: string;
  red: number;
  yellow: number;
  rows: BulletinRow[];
}

export interface Bulletin {
  from: string;
  to: string;
  list: { key: string; title: string } | null;
  /** Items and measures in the bulletin's scope, by colour as of `to`. */
  counts: { total: number; red: number; yellow: number; green: number };
  /** Progress reports filed from `from` to `to`. */
  reports: number;
  issuer: string | null;
  units: BulletinUnit[];
}

export const NO_UNIT = '未明确责任单位';

/**
 * 通报: the red and yellow items as of `to`, under every lead or responsible unit they name (a unit
 * once, its most red first), in the documents' order within a unit.
 */
export async function bulletin(db: Db, options: { from: string; to: string; listKey?: string }): Promise<Bulletin> {
  const rows = await exportRows(db, options.listKey, options.to);
  const flagged = rows.filter((r) => r.task.colour !== 'green');
  const units = new Map<string, BulletinUnit>();
  for (const row of flagged) {
    const task = row.task;
    const entry: BulletinRow = {
      itemId: task.id,
      listKey: task.listKey,
      listTitle: task.listTitle,
      ref: displayRef(row),
      title: task.title,
      deadline: task.deadlineText ?? '',
      state: STATE_LABELS[task.state] ?? task.state,
      colour: task.colour as BulletinRow['colour'],
      reasons: task.reasons.map(describeReason).join('；'),
    };
    const named = task.units.filter((u) => u.role !== 'supervising');
    const targets = named.length > 0 ? named.map((u) => ({ key: `o${u.organisationId}`, organisationId: u.organisationId as number | null, name: u.name })) : [{ key: 'none', organisationId: null, name: NO_UNIT }];
    for (const target of targets) {
      const unit = units.get(target.key) ?? { organisationId: target.organisationId, name: target.name, red: 0, yellow: 0, rows: [] };
      if (unit.rows.some((r) => r.itemId === task.id)) continue;
      unit.rows.push(entry);
      unit[entry.colour] += 1;
      units.set(target.key, unit);
    }
  }
  const ordered = [...units.values()].sort(
    (a, b) => Number(a.organisationId === null) - Number(b.organisationId === null) || b.red - a.red || b.yellow - a.yellow || a.name.localeCompare(b.name, 'zh-CN'),
  );

  let reportQuery = db
    .selectFrom('task_report as r')
    .innerJoin('task_item as i', 'i.id', 'r.item_id')
    .innerJoin('task_list as l', 'l.id', 'i.list_id')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('r.filed_on', '>=', options.from)
    .where('r.filed_on', '<=', options.to);
  if (options.listKey) reportQuery = reportQuery.where('l.key', '=', options.listKey);
  const [{ n: reports }, coordinatorId, list] = await Promise.all([
    reportQuery.executeTakeFirstOrThrow(),
    getSetting<number | null>(db, SETTING_KEYS.coordinatorOrganisation, null),
    options.listKey ? db.selectFrom('task_list').select(['key', 'title']).where('key', '=', options.listKey).executeTakeFirst() : Promise.resolve(undefined),
  ]);
  const coordinator = coordinatorId === null ? undefined : await db.selectFrom('organisation').select(['name', 'full_name']).where('id', '=', coordinatorId).executeTakeFirst();
  const count = (colour: Colour) => rows.filter((r) => r.task.colour === colour).length;
  return {
    from: options.from,
    to: options.to,
    list: list ?? null,
    counts: { total: rows.length, red: count('red'), yellow: count('yellow'), green: count('green') },
    reports,
    issuer: coordinator ? (coordinator.full_name ?? coordinator.name) : null,
    units: ordered,
  };
}

export function bulletinTitle(b: Pick<Bulletin, 'list'>): string {
  return b.list ? `关于《${b.list.title}》督办事项推进情况的通报` : '关于生态环境保护督办事项推进情况的通报';
}

function intro(b: Bulletin): string {
  return (
    `为压紧压实工作责任，推动督办事项按期落实，现将${writtenDate(b.from)}至${writtenDate(b.to)}督办事项推进情况通报如下。` +
    `截至${writtenDate(b.to)}，纳入督办的事项（含整改措施）共 ${b.counts.total} 项，红色 ${b.counts.red} 项、黄色 ${b.counts.yellow} 项、绿色 ${b.counts.green} 项；` +
    `期间各单位共报送进度 ${b.reports} 次。红色、黄色事项按牵头和责任单位列示如下（同一事项涉及多个单位的，在各单位下分别列示；按红色、黄色事项数量排序）。`
  );
}

const CLOSING = '请各有关单位对照本通报，认真分析红色、黄色事项滞后原因，逐项明确整改措施和完成时限，压实责任、加快推进，并按规定时限报送整改进展。';

// ── DOCX ───────────────────────────────────────────────────────────────────────

/** 号 sizes in half-points, as Word counts them. */
const ER_HAO = 44; // 二号 22pt
const SAN_HAO = 32; // 三号 16pt
const WU_HAO = 21; // 五号 10.5pt
const TITLE_FONT = '宋体';
const BODY = '仿宋_GB2312';
const HEADING = '黑体';

const run = (text: string, font: string, size: number, extra: Partial<IRunOptions> = {}) =>
  new TextRun({ text, font: { ascii: font, eastAsia: font, hAnsi: font, cs: font }, size, ...extra });

const body = (text: string, options: { indent?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType]; right?: number } = {}) =>
  new Paragraph({
    children: [run(text, BODY, SAN_HAO)],
    alignment: options.align ?? AlignmentType.JUSTIFIED,
    indent: options.indent ? { firstLine: 640 } : options.right ? { right: options.right } : undefined,
    spacing: { line: 560, lineRule: 'exact' },
  });

/** Column widths in twips; they add up to the type area of an A4 page under GB/T 9704 margins. */
const TABLE_COLUMNS: { header: string; width: number }[] = [
  { header: '序号', width: 560 },
  { header: '清单', width: 1400 },
  { header: '编号', width: 700 },
  { header: '事项', width: 2500 },
  { header: '完成时限', width: 1050 },
  { header: '状态', width: 760 },
  { header: '颜色', width: 560 },
  { header: '原因', width: 1315 },
];

function tableCell(text: string, width: number, options: { bold?: boolean; fill?: string; center?: boolean } = {}): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    shading: options.fill ? { type: ShadingType.CLEAR, color: 'auto', fill: options.fill } : undefined,
    margins: { left: 60, right: 60, top: 30, bottom: 30 },
    children: [new Paragraph({ alignment: options.center ? AlignmentType.CENTER : AlignmentType.LEFT, children: [run(text, BODY, WU_HAO, { bold: options.bold })] })],
  });
}

function unitTable(unit: BulletinUnit): Table {
  const header = new TableRow({ tableHeader: true, cantSplit: true, children: TABLE_COLUMNS.map((c) => tableCell(c.header, c.width, { bold: true, fill: 'E7EEF7', center: true })) });
  const rows = unit.rows.map((r, index) => {
    const values = [String(index + 1), r.listTitle, r.ref, r.title, r.deadline, r.state, COLOUR_LABELS[r.colour], r.reasons];
    return new TableRow({
      cantSplit: true,
      children: values.map((v, c) => tableCell(v, TABLE_COLUMNS[c]!.width, { center: [0, 2, 5, 6].includes(c), fill: c === 6 ? COLOUR_FILLS[r.colour].slice(2) : undefined })),
    });
  });
  return new Table({
    width: { size: TABLE_COLUMNS.reduce((n, c) => n + c.width, 0), type: WidthType.DXA },
    columnWidths: TABLE_COLUMNS.map((c) => c.width),
    layout: TableLayoutType.FIXED,
    rows: [header, ...rows],
  });
}

/** The 通报 as a Word document in the usual layout: A4, GB/T 9704 margins, 二号 title, 三号 仿宋 body. */
export async function bulletinDocx(b: Bulletin): Promise<Buffer> {
  const year = b.to.slice(0, 4);
  const children: (Paragraph | Table)[] = [
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 200, line: 700, lineRule: 'atLeast' }, children: [run(bulletinTitle(b), TITLE_FONT, ER_HAO, { bold: true })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 400 }, children: [run(`督办通报〔${year}〕第　　期`, BODY, SAN_HAO)] }),
    body('各有关单位：'),
    body(intro(b), { indent: true }),
  ];
  if (b.units.length === 0) children.push(body('本期无红色、黄色事项。', { indent: true }));
  b.units.forEach((unit, index) => {
    const parts = [unit.red ? `红色 ${unit.red} 项` : '', unit.yellow ? `黄色 ${unit.yellow} 项` : ''].filter(Boolean).join('、');
    children.push(
      new Paragraph({ indent: { firstLine: 640 }, spacing: { before: 240, after: 120, line: 560, lineRule: 'exact' }, keepNext: true, children: [run(`${chineseNumber(index + 1)}、${unit.name}（${parts}）`, HEADING, SAN_HAO)] }),
      unitTable(unit),
    );
  });
  children.push(
    new Paragraph({ spacing: { before: 240 }, children: [] }),
    body(CLOSING, { indent: true }),
    new Paragraph({ spacing: { before: 480 }, children: [] }),
    // 成文日期 右空四字; the issuer stands above it.
    ...(b.issuer ? [body(b.issuer, { align: AlignmentType.RIGHT, right: 640 })] : []),
    body(chineseDate(b.to), { align: AlignmentType.RIGHT, right: 1280 }),
  );
  const document = new Document({
    creator: '青山 Qingshan',
    title: bulletinTitle(b),
    styles: { default: { document: { run: { font: { ascii: BODY, eastAsia: BODY, hAnsi: BODY, cs: BODY }, size: SAN_HAO } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838 },
            // GB/T 9704: 天头 37 mm, 订口 28 mm; type area 156 × 225 mm.
            margin: { top: 2098, bottom: 1984, left: 1587, right: 1474 },
          },
        },
        // 页码: 四号半角宋体, 一字线 on either side.
        footers: {
          default: new Footer({
            children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [run('— ', TITLE_FONT, 28), new TextRun({ children: [PageNumber.CURRENT], font: TITLE_FONT, size: 28 }), run(' —', TITLE_FONT, 28)] })],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(document);
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
  info.value = intro(b);
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

export function bulletinFileName(b: Pick<Bulletin, 'from' | 'to' | 'list'>, ext: 'docx' | 'xlsx'): string {
  return `督办通报${b.list ? `-${b.list.key}` : ''}-${b.from}至${b.to}.${ext}`;
}

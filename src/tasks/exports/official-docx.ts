// The layout of a government document (党政机关公文格式, GB/T 9704) in Word, shared by every DOCX the
// platform writes: A4 with its margins, 二号 title, 三号 仿宋 body, 黑体/楷体 headings, 五号 tables,
// 页码 in the footer, 成文日期 右空四字.
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
import { chineseDate } from './chinese.ts';

/** 号 sizes in half-points, as Word counts them. */
export const ER_HAO = 44; // 二号 22pt
export const SAN_HAO = 32; // 三号 16pt
export const WU_HAO = 21; // 五号 10.5pt
export const TITLE_FONT = '宋体';
export const BODY = '仿宋_GB2312';
export const HEADING = '黑体';
export const SUBHEADING = '楷体_GB2312';

/** The type area's width in twips: A4 less the GB/T 9704 margins; tables' columns add up to it. */
export const TYPE_AREA_WIDTH = 8845;

/** One character of 三号 in twips: the first-line indent of a paragraph is two of them. */
const CHARACTER = 320;

export const run = (text: string, font: string, size: number, extra: Partial<IRunOptions> = {}) =>
  new TextRun({ text, font: { ascii: font, eastAsia: font, hAnsi: font, cs: font }, size, ...extra });

export const body = (text: string, options: { indent?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType]; right?: number; keepNext?: boolean } = {}) =>
  new Paragraph({
    children: [run(text, BODY, SAN_HAO)],
    alignment: options.align ?? AlignmentType.JUSTIFIED,
    indent: options.indent ? { firstLine: 2 * CHARACTER } : options.right ? { right: options.right } : undefined,
    spacing: { line: 560, lineRule: 'exact' },
    keepNext: options.keepNext,
  });

/** The title: 二号 宋体, centred. */
export const title = (text: string, after = 200) =>
  new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after, line: 700, lineRule: 'atLeast' }, children: [run(text, TITLE_FONT, ER_HAO, { bold: true })] });

/** A heading of the first level (一、…, 黑体) or the second ((一)…, 楷体), kept with what follows. */
export const heading = (text: string, level: 1 | 2 = 1) =>
  new Paragraph({
    indent: { firstLine: 2 * CHARACTER },
    spacing: { before: level === 1 ? 240 : 120, after: 120, line: 560, lineRule: 'exact' },
    keepNext: true,
    children: [run(text, level === 1 ? HEADING : SUBHEADING, SAN_HAO)],
  });

export function tableCell(text: string, width: number, options: { bold?: boolean; fill?: string; center?: boolean } = {}): TableCell {
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    shading: options.fill ? { type: ShadingType.CLEAR, color: 'auto', fill: options.fill } : undefined,
    margins: { left: 60, right: 60, top: 30, bottom: 30 },
    children: [new Paragraph({ alignment: options.center ? AlignmentType.CENTER : AlignmentType.LEFT, children: [run(text, BODY, WU_HAO, { bold: options.bold })] })],
  });
}

/** A table of 五号 text with a repeated header row; `cells` gives each body cell its fill and alignment. */
export function table(
  columns: readonly { header: string; width: number; center?: boolean }[],
  rows: readonly (readonly string[])[],
  fillOf: (row: number, column: number) => string | undefined = () => undefined,
): Table {
  const header = new TableRow({ tableHeader: true, cantSplit: true, children: columns.map((c) => tableCell(c.header, c.width, { bold: true, fill: 'E7EEF7', center: true })) });
  const body = rows.map(
    (values, r) =>
      new TableRow({ cantSplit: true, children: values.map((v, c) => tableCell(v, columns[c]!.width, { center: columns[c]!.center, fill: fillOf(r, c) })) }),
  );
  return new Table({
    width: { size: columns.reduce((n, c) => n + c.width, 0), type: WidthType.DXA },
    columnWidths: columns.map((c) => c.width),
    layout: TableLayoutType.FIXED,
    rows: [header, ...body],
  });
}

/**
 * The closing lines: the issuer (when known) above the 成文日期, 右空四字, kept on one page (a 成文日期
 * alone on a page is what GB/T 9704 asks to avoid; keep the paragraph before it with it too).
 */
export function signature(issuer: string | null, date: string): Paragraph[] {
  return [
    new Paragraph({ spacing: { before: 480 }, keepNext: true, children: [] }),
    ...(issuer ? [body(issuer, { align: AlignmentType.RIGHT, right: 2 * CHARACTER, keepNext: true })] : []),
    body(chineseDate(date), { align: AlignmentType.RIGHT, right: 4 * CHARACTER }),
  ];
}

/** The document on A4 under GB/T 9704 margins, with the page number in the footer. */
export async function officialDocx(documentTitle: string, children: (Paragraph | Table)[]): Promise<Buffer> {
  const document = new Document({
    creator: '青山 Qingshan',
    title: documentTitle,
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

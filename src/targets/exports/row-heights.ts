import type { Span } from './spans.ts';

/**
 * Row heights for wrapped text. A spreadsheet stores no height for a row it should fit to its text, and
 * LibreOffice (like WPS) then shows one line and cuts the rest, so the heights are estimated here: a
 * character of 宋体 10pt takes about 1.9 column-width units for a CJK character and 1 for a Latin one.
 */
const CJK_WIDTH = 1.9;
const LATIN_WIDTH = 1;
/** Points per line of 10pt text, and the least height of a row. */
export const LINE_HEIGHT = 13.5;
const MIN_HEIGHT = 16;
/** Cell padding, in column-width units. */
const PADDING = 1;

const wide = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u;

/** How many lines `text` takes in a cell `width` units wide (stacked one character a line when `vertical`). */
export function wrappedLines(text: string, width: number, vertical = false): number {
  if (text === '') return 0;
  if (vertical) return [...text].length;
  const room = Math.max(1, width - PADDING);
  return text.split('\n').reduce((lines, paragraph) => {
    const units = [...paragraph].reduce((n, ch) => n + (wide.test(ch) ? CJK_WIDTH : LATIN_WIDTH), 0);
    return lines + Math.max(1, Math.ceil(units / room));
  }, 0);
}

/**
 * The height of each line of a table: enough for its own cells' text, and for a cell merged over several
 * lines the lines share what it needs.
 */
export function rowHeights(widths: readonly number[], texts: readonly (readonly string[])[], spans: readonly Span[], vertical: readonly boolean[] = []): number[] {
  const covered = new Map<string, Span>();
  for (const span of spans) for (let l = span.top; l <= span.bottom; l += 1) for (let c = span.left; c <= span.right; c += 1) covered.set(`${l}:${c}`, span);
  const spanWidth = (span: Span) => widths.slice(span.left, span.right + 1).reduce((n, w) => n + w, 0);
  const needed = (l: number, c: number, span: Span) => wrappedLines(texts[l]![c]!, spanWidth(span), vertical[c]) * LINE_HEIGHT + 4;

  const heights = texts.map((cells, l) =>
    cells.reduce((h, _, c) => {
      const span = covered.get(`${l}:${c}`) ?? { top: l, bottom: l, left: c, right: c };
      return span.top === l && span.bottom === l && span.left === c ? Math.max(h, needed(l, c, span)) : h;
    }, MIN_HEIGHT),
  );
  for (const span of spans) {
    if (span.bottom === span.top) continue;
    const rows = span.bottom - span.top + 1;
    const short = needed(span.top, span.left, span) - heights.slice(span.top, span.bottom + 1).reduce((n, h) => n + h, 0);
    if (short > 0) for (let l = span.top; l <= span.bottom; l += 1) heights[l]! += short / rows;
  }
  return heights.map((h) => Math.round(h * 10) / 10);
}

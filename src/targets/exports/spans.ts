/**
 * Merged cells of a document's indicator table, rebuilt from its lines (one line per target):
 * - `group` columns (类别; 领域, 任务) merge over consecutive lines with the same value, never across a
 *   break of a group column to their left (a 任务 ends where its 领域 does);
 * - `row` columns (序号, 指标值, 牵头单位 …) merge over the lines of one document row when they all
 *   hold the same value, so a row with sub-indicators (000 第11行) shows its shared cells once;
 * - `line` columns (最新值, 评估 …) are the line's own;
 * - a column that `yieldsLeft` is covered by the cell to its left where the line leaves it empty and that
 *   cell stands alone: a 指标名称 without sub-indicators spans both name columns.
 */
export type MergeRule = 'group' | 'row' | 'line';

export interface SpanColumn {
  merge: MergeRule;
  yieldsLeft?: boolean;
}

export interface SpanLine {
  /** The document row the line belongs to. */
  row: number;
  values: readonly unknown[];
}

/** A merged range, by 0-based line and column index, both ends included. */
export interface Span {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

const empty = (value: unknown) => value === null || value === undefined || value === '';

export function mergeSpans(columns: readonly SpanColumn[], lines: readonly SpanLine[]): Span[] {
  const spans: Span[] = [];
  const vertical = new Set<string>();
  const addVertical = (column: number, top: number, bottom: number) => {
    if (bottom <= top) return;
    spans.push({ top, bottom, left: column, right: column });
    for (let l = top; l <= bottom; l += 1) vertical.add(`${l}:${column}`);
  };

  // Where a group column to the left starts a new run, every group column to its right does too.
  const breaks = new Set<number>([0]);
  columns.forEach((column, c) => {
    if (column.merge !== 'group') return;
    let top = 0;
    for (let l = 1; l <= lines.length; l += 1) {
      const ends = l === lines.length || breaks.has(l) || lines[l]!.values[c] !== lines[top]!.values[c] || empty(lines[l]!.values[c]);
      if (!ends) continue;
      if (!empty(lines[top]!.values[c])) addVertical(c, top, l - 1);
      breaks.add(l);
      top = l;
    }
  });

  const rows: [number, number][] = [];
  lines.forEach((line, l) => {
    const last = rows.at(-1);
    if (last && lines[last[1]]!.row === line.row && last[1] === l - 1) last[1] = l;
    else rows.push([l, l]);
  });
  columns.forEach((column, c) => {
    if (column.merge !== 'row') return;
    for (const [top, bottom] of rows) {
      if (lines.slice(top, bottom + 1).every((line) => line.values[c] === lines[top]!.values[c])) addVertical(c, top, bottom);
    }
  });

  columns.forEach((column, c) => {
    if (!column.yieldsLeft || c === 0) return;
    lines.forEach((line, l) => {
      if (empty(line.values[c]) && !vertical.has(`${l}:${c - 1}`) && !vertical.has(`${l}:${c}`)) spans.push({ top: l, bottom: l, left: c - 1, right: c });
    });
  });
  return spans;
}

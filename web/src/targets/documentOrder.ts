// A document's targets in the document's own order and grouping. The API lists a document's targets
// in the seed's order, indicator by indicator, so one heading of the document can come back several
// times (003 一、总体要求 around its neighbours); here each heading comes once, in the order its number
// gives, with its targets by 序号 (000 附件2, 001 专栏一) or by clause ("（五）2." after "（五）1.").
import type { AssessedTarget } from './types.ts';

// 一 二 三 四 五 六 七 八 九, and 十: as code points, since Chinese text belongs in the message files.
const DIGITS = ['\u4e00', '\u4e8c', '\u4e09', '\u56db', '\u4e94', '\u516d', '\u4e03', '\u516b', '\u4e5d'];
const TEN = '\u5341';
const NUMBERS = new RegExp(`[0-9]+|[${DIGITS.join('')}${TEN}]+`, 'g');

/** 一 → 1, 十一 → 11, 二十三 → 23 (the numbers headings and clauses use). */
export function chineseNumeral(text: string): number {
  const at = text.indexOf(TEN);
  const digit = (s: string) => DIGITS.indexOf(s) + 1;
  if (at < 0) return [...text].reduce((n, c) => n * 10 + digit(c), 0);
  const tens = at === 0 ? 1 : digit(text.slice(0, at));
  const ones = text.slice(at + 1);
  return tens * 10 + (ones ? digit(ones) : 0);
}

/** The numbers in a clause or heading, in order: "（五）2." → [5, 2], "任务清单 六" → [6]. */
export function numbersIn(text: string): number[] {
  return [...text.matchAll(NUMBERS)].map(([m]) => (/^[0-9]/.test(m) ? Number(m) : chineseNumeral(m)));
}

function compareNumbers(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

function compareTargets(a: AssessedTarget['target'], b: AssessedTarget['target']): number {
  const byPlace = a.row !== null && b.row !== null ? a.row - b.row : compareNumbers(numbersIn(a.clause), numbersIn(b.clause));
  return byPlace || (a.sub ?? 0) - (b.sub ?? 0);
}

export interface TargetGroup {
  name: string | null;
  rows: AssessedTarget[];
}

/** The groups merged by heading and ordered as the document numbers them; a heading without a number last. */
export function inDocumentOrder(groups: readonly TargetGroup[]): TargetGroup[] {
  const merged = new Map<string | null, AssessedTarget[]>();
  for (const g of groups) merged.set(g.name, [...(merged.get(g.name) ?? []), ...g.rows]);
  const rank = (name: string | null, rows: AssessedTarget[]): number[] => {
    const rowNumbers = rows.flatMap((r) => (r.target.row === null ? [] : [r.target.row]));
    if (rowNumbers.length > 0) return [Math.min(...rowNumbers)];
    const first = name === null ? undefined : numbersIn(name)[0];
    return first === undefined ? [Number.MAX_SAFE_INTEGER] : [first];
  };
  return [...merged.entries()]
    .map(([name, rows]) => ({ name, rows: [...rows].sort((a, b) => compareTargets(a.target, b.target)), rank: rank(name, rows) }))
    .sort((a, b) => compareNumbers(a.rank, b.rank))
    .map(({ name, rows }) => ({ name, rows }));
}

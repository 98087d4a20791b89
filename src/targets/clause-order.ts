const DIGITS: Record<string, number> = { 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 一 … 九十九 as a number. */
function chineseNumeral(text: string): number {
  const ten = text.indexOf('十');
  if (ten < 0) return DIGITS[text] ?? 0;
  const tens = ten === 0 ? 1 : (DIGITS[text.slice(0, ten)] ?? 0);
  const units = ten === text.length - 1 ? 0 : (DIGITS[text.slice(ten + 1)] ?? 0);
  return tens * 10 + units;
}

/**
 * The numbers of a clause in reading order — "附件2 第11行" → [2, 11], "三（三）" → [3, 3],
 * "（九）2." → [9, 2] — so that targets sort as their document numbers them. Targets are stored in
 * the order indicators first appear across the documents, which is not any one document's order.
 */
export function clauseOrder(clause: string): number[] {
  return [...clause.matchAll(/\d+|[一二三四五六七八九十零]+/g)].map((m) => (/\d/.test(m[0]) ? Number(m[0]) : chineseNumeral(m[0])));
}

/** Compares two clauses by their numbers; a clause that is a prefix of another comes first. */
export function compareClauses(a: string, b: string): number {
  const x = clauseOrder(a);
  const y = clauseOrder(b);
  for (let i = 0; i < Math.min(x.length, y.length); i += 1) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

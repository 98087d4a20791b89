/**
 * The decimals a target's figure is written with: "<27.0" → 1, which the number 27 cannot keep.
 * Looks for the figure in the words as written; without it, the figure's own decimals.
 */
export function writtenDecimals(asWritten: string, figure: number): number {
  for (const token of asWritten.match(/\d+(?:\.\d+)?/g) ?? []) {
    if (Number(token) === Math.abs(figure)) return token.includes('.') ? token.length - token.indexOf('.') - 1 : 0;
  }
  const own = String(figure);
  return own.includes('.') ? own.length - own.indexOf('.') - 1 : 0;
}

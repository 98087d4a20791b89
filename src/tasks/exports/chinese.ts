/**
 * Chinese numerals for official documents: the 成文日期 (二〇二六年十一月二十三日) and the ordinal
 * of a section heading (一、二、… 十一、…).
 */

const DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1–99 in words as headings count: 一, 十, 十一, 二十, 二十三. */
export function chineseNumber(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) return String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 0 ? '' : tens === 1 ? '十' : `${DIGITS[tens]}十`}${ones === 0 ? '' : DIGITS[ones]}`;
}

/**
 * An ISO date as a document's 成文日期: the year digit by digit (二〇二六), month and day in words
 * (十一月二十三日). Throws on anything that is not a real calendar date.
 */
export function chineseDate(iso: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const [year, month, day] = match ? [Number(match[1]), Number(match[2]), Number(match[3])] : [NaN, NaN, NaN];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (!match || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    throw new RangeError(`not a date: ${iso}`);
  }
  const yearText = [...String(year)].map((d) => DIGITS[Number(d)]).join('');
  return `${yearText}年${chineseNumber(month)}月${chineseNumber(day)}日`;
}

/** An ISO date as body text writes it: 2026年11月23日. */
export function writtenDate(iso: string): string {
  const [year, month, day] = iso.split('-').map(Number);
  return `${year}年${month}月${day}日`;
}

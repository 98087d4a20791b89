import { describe, expect, it } from 'vitest';
import { chineseDate, chineseNumber, writtenDate } from './chinese.ts';

describe('chineseDate: 成文日期 in Chinese numerals', () => {
  it.each([
    ['2026-11-23', '二〇二六年十一月二十三日'],
    ['2026-01-01', '二〇二六年一月一日'],
    ['2020-10-10', '二〇二〇年十月十日'],
    ['2021-12-31', '二〇二一年十二月三十一日'],
    ['2024-02-29', '二〇二四年二月二十九日'],
    ['2030-05-20', '二〇三〇年五月二十日'],
    ['2019-07-15', '二〇一九年七月十五日'],
    ['2000-09-30', '二〇〇〇年九月三十日'],
  ])('%s → %s', (iso, words) => {
    expect(chineseDate(iso)).toBe(words);
  });

  it.each(['2025-02-29', '2026-13-01', '2026-11-31', '2026-1-1', '20261123', ''])('refuses %j', (text) => {
    expect(() => chineseDate(text)).toThrow(RangeError);
  });
});

describe('chineseNumber: heading ordinals', () => {
  it.each([
    [1, '一'],
    [9, '九'],
    [10, '十'],
    [11, '十一'],
    [19, '十九'],
    [20, '二十'],
    [21, '二十一'],
    [99, '九十九'],
    [100, '100'],
  ])('%i → %s', (n, words) => {
    expect(chineseNumber(n)).toBe(words);
  });
});

describe('writtenDate', () => {
  it('writes a body-text date without leading zeros', () => {
    expect(writtenDate('2026-01-05')).toBe('2026年1月5日');
  });
});

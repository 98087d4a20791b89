import { describe, expect, it } from 'vitest';
import { LINE_HEIGHT, rowHeights, wrappedLines } from './row-heights.ts';

describe('wrappedLines', () => {
  it.each([
    { text: '', width: 10, expected: 0 },
    { text: '已达标', width: 9, expected: 1 },
    { text: '尚无已审核的年度数值', width: 9, expected: 3 },
    { text: '98.1%', width: 9, expected: 1 },
    { text: 'abcdefghijklmnop', width: 9, expected: 2 },
    { text: '第一行\n第二行', width: 20, expected: 2 },
    { text: '生态安全', width: 5, vertical: true, expected: 4 },
  ])('$text in $width units: $expected line(s)', ({ text, width, vertical, expected }) => {
    expect(wrappedLines(text, width, vertical)).toBe(expected);
  });
});

describe('rowHeights', () => {
  it('fits each line to its longest cell and shares a merged cell’s height among its lines', () => {
    const long = '字'.repeat(40);
    const heights = rowHeights(
      [10, 10],
      [
        ['短', long],
        [long, ''],
        [long, ''],
      ],
      [{ top: 1, bottom: 2, left: 0, right: 1 }],
    );
    expect(wrappedLines(long, 10)).toBeGreaterThan(wrappedLines(long, 20));
    expect(heights[0]).toBeCloseTo(wrappedLines(long, 10) * LINE_HEIGHT + 4, 0);
    expect(heights[1]! + heights[2]!).toBeCloseTo(wrappedLines(long, 20) * LINE_HEIGHT + 4, 0);
    expect(heights[1]).toBe(heights[2]);
    expect(heights[1]).toBeLessThan(heights[0]!);
  });

  it('gives an empty line the least height', () => {
    expect(rowHeights([10], [[''], ['']], [])).toEqual([16, 16]);
  });
});

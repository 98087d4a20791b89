import { describe, expect, it } from 'vitest';
import { writtenDecimals } from './written-decimals.ts';

describe('writtenDecimals', () => {
  it.each([
    ['<27.0', 27, 1],
    ['≥96', 96, 0],
    ['力争达到97%', 97, 0],
    ['比2020年下降14.50%', 14.5, 2],
    ['2020 年为 10.71万吨，≤ 10.71', 10.71, 2],
    ['保持稳定', 63, 0],
    ['约 27.40', 27.4, 2],
    ['比2020年下降14.5%', -14.5, 1],
  ] as const)('%s (figure %d) → %d', (text, figure, decimals) => {
    expect(writtenDecimals(text, figure)).toBe(decimals);
  });

  it('falls back to the figure’s own decimals when the words do not write it', () => {
    expect(writtenDecimals('完成省定目标', 41.5)).toBe(1);
  });
});

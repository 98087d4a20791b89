import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { aqiLevelOf, computeAqi, describeAqiNote, type AqiNote } from './aqi.ts';
import { calcAqi } from './calculator.ts';

interface Case {
  name: string;
  input: unknown;
  expect: Record<string, unknown>;
}
const cases = JSON.parse(readFileSync(new URL('./aqi.cases.json', import.meta.url), 'utf8')) as Case[];

describe('AQI (HJ 633-2012, HJ 633-2026)', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(calcAqi(c.input)).toMatchObject(c.expect);
  });

  it.each([
    [0, 1, '优', '#00E400'],
    [50, 1, '优', '#00E400'],
    [51, 2, '良', '#FFFF00'],
    [100, 2, '良', '#FFFF00'],
    [101, 3, '轻度污染', '#FF7E00'],
    [150, 3, '轻度污染', '#FF7E00'],
    [151, 4, '中度污染', '#FF0000'],
    [200, 4, '中度污染', '#FF0000'],
    [201, 5, '重度污染', '#99004C'],
    [300, 5, '重度污染', '#99004C'],
    [301, 6, '严重污染', '#7E0023'],
    [500, 6, '严重污染', '#7E0023'],
  ])('AQI %s is level %s %s %s', (aqi, level, category, color) => {
    expect(aqiLevelOf(aqi)).toMatchObject({ level, category, color });
  });

  it('gives the RGB and CMYK of HJ 633 Appendix A', () => {
    expect(aqiLevelOf(250)).toMatchObject({ colourName: '紫色', rgb: [153, 0, 76], cmyk: [10, 100, 40, 30] });
    expect(aqiLevelOf(75)).toMatchObject({ colourName: '黄色', rgb: [255, 255, 0], cmyk: [0, 0, 100, 0] });
  });

  it('takes exact fractions as well as numbers (a daily mean of 20 hours)', () => {
    // 1481/20 = 74.05 µg/m³: 2012 → 50 + ceil(50 × 39.05/40) = 50 + ceil(48.8125) = 99; 2026 → 74 → 100 + ceil(50 × 14/55) = 113.
    const mean = { num: 1481n, den: 20n };
    expect(computeAqi('HJ633-2012', 'daily', { 'PM2.5_24h': mean }).iaqi['PM2.5_24h']).toBe(99);
    expect(computeAqi('HJ633-2026', 'daily', { 'PM2.5_24h': mean }).iaqi['PM2.5_24h']).toBe(113);
  });

  it('words every note in Chinese', () => {
    const notes = cases.flatMap((c) => calcAqi(c.input).notes);
    const everyCode: Record<AqiNote['code'], true> = { above_last_breakpoint: true, so2_1h_over_800: true, o3_8h_over_800: true, missing: true, not_published: true };
    expect(new Set(notes.map((n) => n.code))).toEqual(new Set(Object.keys(everyCode)));
    for (const note of notes) expect(describeAqiNote(note)).toMatch(/[\u4e00-\u9fff]/);
    expect(describeAqiNote({ code: 'above_last_breakpoint', indicator: 'PM10_24h' })).toContain('约定');
  });

  it('refuses an indicator the standard does not have in that mode', () => {
    expect(() => computeAqi('HJ633-2026', 'daily', { O3_1h_max: 100 })).toThrow(/O3_1h_max/);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WATER_CLASSES, type WaterBody, type WaterClass } from './parameters.ts';
import { classifySection, isGoodQuality, meetsTargetClass, statusOfClass, type SectionClassification, type WaterValues } from './section-class.ts';

interface Case {
  name: string;
  waterBody: WaterBody;
  values: WaterValues;
  expect: Partial<SectionClassification>;
}
const cases = JSON.parse(readFileSync(new URL('./section-class.cases.json', import.meta.url), 'utf8')) as Case[];

describe('classifySection (单因子评价)', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const result = classifySection(c.values, c.waterBody);
    const { classes, ...rest } = c.expect;
    expect(result).toMatchObject(rest);
    if (classes) expect(result.classes).toEqual(classes);
  });

  it('has a case for every status', () => {
    const statuses = new Set(cases.map((c) => c.expect.status).filter(Boolean));
    expect(statuses).toEqual(new Set(['优', '良好', '轻度污染', '中度污染', '重度污染']));
  });
});

describe('descriptors, 水质优良 and target classes', () => {
  const expected: Record<WaterClass, [string, boolean]> = {
    I: ['优', true],
    II: ['优', true],
    III: ['良好', true],
    IV: ['轻度污染', false],
    V: ['中度污染', false],
    劣V: ['重度污染', false],
  };
  it.each(WATER_CLASSES.map((c) => [c] as const))('class %s', (c) => {
    expect([statusOfClass(c), isGoodQuality(c)]).toEqual(expected[c]);
  });

  it('meets a target class when as good or better', () => {
    expect(meetsTargetClass('II', 'III')).toBe(true);
    expect(meetsTargetClass('III', 'III')).toBe(true);
    expect(meetsTargetClass('IV', 'III')).toBe(false);
    expect(meetsTargetClass('劣V', 'V')).toBe(false);
    expect(meetsTargetClass('V', '劣V')).toBe(true);
  });
});

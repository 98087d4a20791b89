import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { itemClass } from './item-class.ts';
import { CLASS_PARAMETERS, WATER_PARAMETERS, waterParameter, type WaterBody, type WaterClass, type WaterParameterKey } from './parameters.ts';

interface Case {
  name: string;
  parameter: WaterParameterKey;
  waterBody: WaterBody;
  value: number;
  class: WaterClass;
}
/** Every limit of Table 1 at, just below and just above it, built from the standard's table. */
const cases = JSON.parse(readFileSync(new URL('./item-class.cases.json', import.meta.url), 'utf8')) as Case[];

describe('itemClass (GB 3838-2002 Table 1)', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(itemClass(waterParameter(c.parameter), c.value, c.waterBody)).toBe(c.class);
  });

  it('has boundary cases for every item with limits, TP for both water bodies', () => {
    const covered = new Set(cases.map((c) => c.parameter));
    expect(covered).toEqual(new Set(WATER_PARAMETERS.filter((p) => p.rule.kind !== 'none').map((p) => p.key)));
    expect(new Set(cases.filter((c) => c.parameter === 'TP').map((c) => c.waterBody))).toEqual(new Set(['river', 'lake']));
    // 5 limits × (at, below, above) per item and water body.
    expect(cases.filter((c) => c.parameter === 'TP' && c.waterBody === 'lake')).toHaveLength(15);
  });

  it('reads the river and lake TP limits apart', () => {
    const tp = waterParameter('TP');
    expect(itemClass(tp, 0.05, 'river')).toBe('II');
    expect(itemClass(tp, 0.05, 'lake')).toBe('III');
  });

  it('compares the written decimal, not its binary double', () => {
    // 0.1 + 0.2 is 0.30000000000000004 in binary: above the river TP class IV limit 0.3.
    const tp = waterParameter('TP');
    expect(itemClass(tp, 0.3, 'river')).toBe('IV');
    expect(itemClass(tp, 0.1 + 0.2, 'river')).toBe('V');
  });

  it('has 21 class items: all but 水温, 总氮 and 粪大肠菌群', () => {
    expect(WATER_PARAMETERS).toHaveLength(24);
    expect(CLASS_PARAMETERS).toHaveLength(21);
    expect(WATER_PARAMETERS.filter((p) => p.role === 'reference').map((p) => p.name)).toEqual(['水温', '总氮', '粪大肠菌群']);
  });

  it('refuses 水温, which has no class limits', () => {
    expect(() => itemClass(waterParameter('WaterTemp'), 20, 'river')).toThrow(RangeError);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { calcWaterClass, type WaterClassOutput } from './calculator.ts';
import { CalculatorInputError } from '../calculators/input-error.ts';

type Case = { name: string; input: unknown } & ({ expect: WaterClassOutput } | { error: { field: string; zh: string } });
const cases = JSON.parse(readFileSync(new URL('./calculator.cases.json', import.meta.url), 'utf8')) as Case[];

function errorOf(input: unknown): CalculatorInputError {
  try {
    calcWaterClass(input);
  } catch (error) {
    if (error instanceof CalculatorInputError) return error;
    throw error;
  }
  throw new Error('no error thrown');
}

describe('calcWaterClass (calc water-class)', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    if ('expect' in c) {
      expect(calcWaterClass(c.input)).toEqual(c.expect);
    } else {
      const error = errorOf(c.input);
      expect(error.field).toBe(c.error.field);
      expect(error.messageZh).toContain(c.error.zh);
      expect(error.message).toContain(c.error.field);
      expect(error.message).toMatch(/[\u4e00-\u9fff].* \/ .*[a-z]/);
    }
  });

  it('lists item classes in Table 1 order whatever the input order', () => {
    const output = calcWaterClass({ waterBody: 'river', values: { Hg: 0.00002, TP: 0.08, pH: 7.6, COD: 14 } });
    expect(Object.keys(output.classes)).toEqual(['pH', 'COD', 'TP', 'Hg']);
  });

  it('returns plain JSON', () => {
    const c = cases[2]!;
    const output = calcWaterClass(c.input);
    expect(JSON.parse(JSON.stringify(output))).toEqual(output);
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { mainPollutants, type MainPollutant } from './main-pollutants.ts';
import type { WaterBody } from './parameters.ts';
import type { WaterValues } from './section-class.ts';

interface Case {
  name: string;
  waterBody: WaterBody;
  values: WaterValues;
  expect: MainPollutant[];
}
const cases = JSON.parse(readFileSync(new URL('./main-pollutants.cases.json', import.meta.url), 'utf8')) as Case[];

describe('mainPollutants (主要污染指标)', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(mainPollutants(c.values, c.waterBody)).toEqual(c.expect);
  });

  it('does not depend on the order the values come in', () => {
    for (const c of cases) {
      const reversed = Object.fromEntries(Object.entries(c.values).reverse()) as WaterValues;
      expect(mainPollutants(reversed, c.waterBody), c.name).toEqual(c.expect);
    }
  });

  it('takes the rounding and the count as options', () => {
    expect(mainPollutants({ CODMn: 8, 'NH3-N': 2.3, TP: 0.35 }, 'river', { multipleDecimals: 1, limit: 2 })).toEqual([
      { parameter: 'NH3-N', class: '劣V', exceedMultiple: 1.3 },
      { parameter: 'TP', class: 'V', exceedMultiple: 0.8 },
    ]);
  });
});

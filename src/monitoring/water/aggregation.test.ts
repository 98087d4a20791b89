import { describe, expect, it } from 'vitest';
import { meanOfSamples, minimumSamples, periodMean } from './aggregation.ts';

const monthly = (n: number, value = 1) => Array.from({ length: n }, () => ({ COD: value }));

describe('periodMean (评价时段均值)', () => {
  it('takes one sample for a week, ten days or a month', () => {
    for (const period of ['week', 'ten_days', 'month'] as const) expect(periodMean([{ COD: 12 }], period)).toEqual({ values: { COD: 12 }, insufficient: [] });
  });

  it('needs two samples for a quarter', () => {
    expect(periodMean([{ COD: 12 }], 'quarter')).toEqual({ values: {}, insufficient: ['COD'] });
    expect(periodMean([{ COD: 12 }, { COD: 18 }], 'quarter').values).toEqual({ COD: 15 });
  });

  it('needs 12 monthly values for a year, 8 where ice prevents sampling', () => {
    expect(periodMean(monthly(11), 'year').insufficient).toEqual(['COD']);
    expect(periodMean(monthly(12), 'year').values).toEqual({ COD: 1 });
    expect(periodMean(monthly(8), 'year', { iceBound: true }).values).toEqual({ COD: 1 });
    expect(periodMean(monthly(7), 'year', { iceBound: true }).insufficient).toEqual(['COD']);
    expect([minimumSamples('month'), minimumSamples('quarter'), minimumSamples('year'), minimumSamples('year', { iceBound: true })]).toEqual([1, 2, 12, 8]);
  });

  it('averages each item over the samples that have it', () => {
    const samples = [{ COD: 10, TP: 0.1 }, { COD: 20, TP: null }, { COD: 30 }];
    expect(periodMean(samples, 'quarter')).toEqual({ values: { COD: 20 }, insufficient: ['TP'] });
    expect(meanOfSamples(samples)).toEqual({ COD: 20, TP: 0.1 });
  });

  it('sums exact decimals', () => {
    // In binary, (0.1 + 0.2) / 2 is 0.15000000000000002.
    expect(meanOfSamples([{ 'NH3-N': 0.1 }, { 'NH3-N': 0.2 }])).toEqual({ 'NH3-N': 0.15 });
    expect(meanOfSamples([{ TP: 0.1 }, { TP: 0.2 }, { TP: 0.2 }])).toEqual({ TP: 0.5 / 3 });
  });
});

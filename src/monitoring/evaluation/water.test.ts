import { describe, expect, it } from 'vitest';
import { classChange, drinkingExceedances, evaluateValues, monthlyMeans, percentOf, qualityRatios, sourceLimitClass, yearMeans } from './water.ts';
import type { WaterReading } from './water-store.ts';

const reading = (at: string, parameter: string, value: number, demo = false, mode: 'manual' | 'automatic' = 'manual'): WaterReading => ({ siteId: 1, mode, at, parameter, value, demo });

describe('water evaluation over samples', () => {
  it('averages the samples of a month per item, and a year as the mean of its monthly values', () => {
    const months = monthlyMeans([
      reading('2025-01-10T10:00', 'tp', 0.1),
      reading('2025-01-20T10:00', 'tp', 0.2),
      reading('2025-01-20T10:00', 'do', 7),
      reading('2025-02-10T10:00', 'tp', 0.3, true),
      reading('2025-02-10T10:00', 'unknown', 1),
    ]);
    expect(months).toEqual([
      { month: '2025-01', values: { TP: 0.15, DO: 7 }, samples: 2, demo: false },
      { month: '2025-02', values: { TP: 0.3 }, samples: 1, demo: true },
    ]);
    // (0.15 + 0.3) / 2, not (0.1 + 0.2 + 0.3) / 3: each month weighs the same.
    expect(yearMeans(months)).toEqual({ values: { TP: 0.225, DO: 7 }, months: 2, demo: true });
  });

  it('classes a section, says whether it meets its target, and names main pollutants with 超标倍数 only below class III', () => {
    const good = evaluateValues({ DO: 6.5, 'NH3-N': 0.4, TP: 0.15 }, 'river', 2);
    expect(good).toMatchObject({ class: 'III', status: '良好', colour: { key: 'green' }, good: true, meetsTarget: false, mainPollutants: [] });
    const poor = evaluateValues({ DO: 6.5, 'NH3-N': 1.2, TP: 0.25 }, 'river', 3);
    expect(poor).toMatchObject({ class: 'IV', status: '轻度污染', good: false, meetsTarget: false });
    expect(poor.mainPollutants).toEqual([
      { parameter: 'TP', name: '总磷', class: 'IV', exceedMultiple: 0.25 },
      { parameter: 'NH3-N', name: '氨氮', class: 'IV', exceedMultiple: 0.2 },
    ]);
    expect(evaluateValues({}, 'river', 2)).toMatchObject({ class: null, good: null, meetsTarget: null });
  });

  it('classes lake TN apart and computes the trophic index when its five inputs are there', () => {
    const lake = evaluateValues({ TP: 0.02, TN: 0.6, CODMn: 2.5, Chla: 5, SD: 2 }, 'lake', 2);
    expect(lake).toMatchObject({ class: 'II', totalNitrogenClass: 'III' });
    expect(lake.trophic?.grade).toBe('中营养');
    expect(evaluateValues({ TP: 0.02, TN: 0.6, CODMn: 2.5 }, 'lake', 2).trophic).toBeNull();
  });

  it('counts 优良率, 达标率 and 劣V share over the sections that have a class', () => {
    const ratios = qualityRatios([
      { class: 'II', meetsTarget: true },
      { class: 'III', meetsTarget: false },
      { class: '劣V', meetsTarget: false },
      { class: null, meetsTarget: null },
    ]);
    expect(ratios).toEqual({ total: 3, good: 2, meetsTarget: 1, worst: 1, goodPercent: 66.7, meetsTargetPercent: 33.3, worstPercent: 33.3 });
    expect(qualityRatios([]).goodPercent).toBeNull();
    expect(percentOf(1, 8)).toBe(12.5);
  });

  it('tells 同比 better, same or worse', () => {
    expect(classChange('II', 'III')).toBe('better');
    expect(classChange('III', 'III')).toBe('same');
    expect(classChange('劣V', 'V')).toBe('worse');
    expect(classChange('II', null)).toBeNull();
  });

  it('holds a source to class III, or to its own target when stricter, and lists exceedances with multiples', () => {
    expect(sourceLimitClass(2)).toBe('II');
    expect(sourceLimitClass(3)).toBe('III');
    expect(sourceLimitClass(4)).toBe('III');
    expect(sourceLimitClass(null)).toBe('III');
    expect(drinkingExceedances({ TP: 0.03, DO: 7, pH: 7.5, TN: 1.8, FecalColiform: 50000 }, 'lake', 'II')).toEqual([
      { parameter: 'TP', name: '总磷', value: 0.03, class: 'III', limit: '0.025', exceedMultiple: 0.2 },
    ]);
    expect(drinkingExceedances({ DO: 4, pH: 9.5, 'NH3-N': 0.9 }, 'river', 'III')).toEqual([
      { parameter: 'pH', name: 'pH值', value: 9.5, class: '劣V', limit: '6–9', exceedMultiple: null },
      { parameter: 'DO', name: '溶解氧', value: 4, class: 'IV', limit: '5', exceedMultiple: null },
    ]);
  });
});

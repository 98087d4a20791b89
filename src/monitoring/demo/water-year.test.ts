import { describe, expect, it } from 'vitest';
import { classifySection, mainPollutants } from '../water/index.ts';
import { KEY_OF_PARAMETER, type WaterMeans } from '../evaluation/water.ts';
import { AUTOMATIC_PARAMETERS, demoWaterYear, LAKE_PARAMETERS, MANUAL_PARAMETERS, type DemoWaterSample, type DemoWaterSite } from './water-year.ts';

const SECTIONS: DemoWaterSite[] = ['SW-SBY', 'SW-JL', 'SW-JB'].map((code) => ({ code, kind: 'section', waterBody: 'river', automatic: false }));
const RESERVOIR: DemoWaterSite = { code: 'DW-HCSK', kind: 'source', waterBody: 'lake', automatic: true };

const manual = (samples: DemoWaterSample[]) => samples.filter((s) => s.mode === 'manual');
const valuesOf = (sample: DemoWaterSample): WaterMeans => Object.fromEntries(Object.entries(sample.values).map(([code, v]) => [KEY_OF_PARAMETER[code], v]));
const monthOf = (s: DemoWaterSample) => Number(s.sampledAt.slice(5, 7));

describe('demo water year', () => {
  it('has one manual sample a month with every item a lab measures, and the trophic inputs for lakes', () => {
    const river = manual(demoWaterYear(SECTIONS[0]!, 2025));
    expect(river.map(monthOf)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    for (const s of river) expect(Object.keys(s.values).sort()).toEqual([...MANUAL_PARAMETERS].sort());
    for (const s of manual(demoWaterYear(RESERVOIR, 2025))) expect(Object.keys(s.values).sort()).toEqual([...MANUAL_PARAMETERS, ...LAKE_PARAMETERS].sort());
    expect(river[0]!.sampledAt).toMatch(/^2025-01-\d{2}T10:00:00\+08:00$/);
  });

  it('gives automatic sites a sample every 4 hours, stamped by the end of the window, a few missing', () => {
    const automatic = demoWaterYear(RESERVOIR, 2025).filter((s) => s.mode === 'automatic');
    expect(automatic.length).toBeLessThan(365 * 6);
    expect(automatic.length).toBeGreaterThan(365 * 6 * 0.97);
    expect(automatic[0]!.sampledAt).toBe('2025-01-01T04:00:00+08:00');
    for (const s of automatic) expect(Object.keys(s.values).sort()).toEqual([...AUTOMATIC_PARAMETERS].sort());
    expect(new Set(automatic.map((s) => s.sampledAt)).size).toBe(automatic.length);
    expect(demoWaterYear(SECTIONS[0]!, 2025).every((s) => s.mode === 'manual')).toBe(true);
  });

  it('is the same for the same site and year, and differs between sites', () => {
    expect(demoWaterYear(SECTIONS[0]!, 2025)).toEqual(demoWaterYear(SECTIONS[0]!, 2025));
    expect(demoWaterYear(SECTIONS[1]!, 2025)[0]).not.toEqual(demoWaterYear(SECTIONS[0]!, 2025)[0]);
  });

  it('is seasonal: less oxygen and more phosphorus in the flood season', () => {
    for (const site of [...SECTIONS, RESERVOIR]) {
      const samples = manual(demoWaterYear(site, 2025));
      const mean = (months: number[], code: string) => {
        const picked = samples.filter((s) => months.includes(monthOf(s)));
        return picked.reduce((sum, s) => sum + s.values[code]!, 0) / picked.length;
      };
      expect(mean([6, 7, 8], 'do')).toBeLessThan(mean([12, 1, 2], 'do') - 1.5);
      expect(mean([6, 7, 8], 'tp')).toBeGreaterThan(1.3 * mean([12, 1, 2], 'tp'));
    }
  });

  it('meets class II most months, with a few months of class III and at least one below class III showing a main pollutant', () => {
    const classes = SECTIONS.flatMap((site) => manual(demoWaterYear(site, 2025)).map((s) => classifySection(valuesOf(s), 'river').class));
    const count = (c: string) => classes.filter((x) => x === c).length;
    expect(count('II') / classes.length).toBeGreaterThan(0.75);
    expect(count('III')).toBeGreaterThanOrEqual(2);
    expect(count('I') + count('II') + count('III') + count('IV')).toBe(classes.length);
    const worse = SECTIONS.flatMap((site) => manual(demoWaterYear(site, 2025)).map((s) => mainPollutants(valuesOf(s), 'river'))).filter((p) => p.length > 0);
    expect(worse.length).toBeGreaterThanOrEqual(1);
    expect(worse[0]![0]!.exceedMultiple).toBeGreaterThan(0);
  });
});

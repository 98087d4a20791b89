import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { percentile } from './annual-evaluation.ts';
import { calcAirAnnual } from './calculator.ts';
import { fractionOf, toNumber } from './exact-decimal.ts';

const percentiles = JSON.parse(readFileSync(new URL('./percentile.cases.json', import.meta.url), 'utf8')) as {
  cases: { n?: number; sequence?: 'i' | 'i²'; values?: number[]; p: number; expected: number; why: string }[];
};

/** Every date of a year, YYYY-MM-DD. */
function datesOf(year: number): string[] {
  const dates: string[] = [];
  for (let t = Date.UTC(year, 0, 1); new Date(t).getUTCFullYear() === year; t += 86_400_000) dates.push(new Date(t).toISOString().slice(0, 10));
  return dates;
}

type DayValues = Record<string, number | null | undefined>;
const CLEAN: DayValues = { SO2_24h: 10, NO2_24h: 30, PM10_24h: 60, 'PM2.5_24h': 41, CO_24h: 0.9, O3_8h_max: 80 };
/** A daily-form year: `clean` values every day, changed by `vary` where it says. */
const yearOf = (year: number, vary: (date: string, i: number) => DayValues | null = () => ({})) =>
  datesOf(year).flatMap((date, i) => {
    const change = vary(date, i);
    return change === null ? [] : [{ date, ...CLEAN, ...change }];
  });

describe('percentile (HJ 663 Appendix A)', () => {
  it.each(percentiles.cases.map((c) => [`${c.n ?? c.values!.length} values, p${c.p} = ${c.expected} (${c.why})`, c] as const))('%s', (_name, c) => {
    const values = c.values ?? Array.from({ length: c.n! }, (_, k) => (c.sequence === 'i' ? k + 1 : (k + 1) ** 2));
    expect(toNumber(percentile(values.reverse().map((v) => fractionOf(v)), c.p))).toBe(c.expected);
  });
});

describe('annual evaluation', () => {
  it('evaluates a clean year: means, percentiles, attainment, days, composite index', () => {
    const result = calcAirAnnual({ standard: 'HJ633-2012', year: 2025, days: yearOf(2025) });
    expect(result).toMatchObject({
      standard: 'HJ633-2012',
      generation: { aqi: 'HJ633-2012', assessment: 'HJ663-2013', quality: 'GB3095-2012' },
      limitSet: 'GB3095-2012',
      perPollutant: {
        SO2: { validDays: 365, meetsValidity: true, annualMean: 10, p98: 10, attains: true, limits: { annualMean: 60, p98: 150 } },
        'PM2.5': { annualMean: 41, p95: 41, attains: false, exceedMultiples: { annualMean: 0.17 } }, // (41 − 35)/35 = 0.171
        CO: { p95: 0.9, attains: true },
        O3: { p90: 80, attains: true },
      },
      attainsGradeII: false,
      // PM2.5 41 → 50 + ceil(50 × 6/40) = 58 every day.
      days: { calendarDays: 365, validAqiDays: 365, goodDays: 365, goodDayRatioPercent: 100, heavyPollutionDays: 0, categories: { 优: 0, 良: 365 } },
      // 10/60 + 30/40 + 60/70 + 41/35 + 0.9/4 + 80/160 = 3.6702
      compositeIndex: 3.67,
      compositeIndexDetail: { basis: { weights: 'plain', limitSet: 'GB3095-2012', verified: true } },
    });
    expect(result.dailyAqi).toEqual(Array(365).fill(58));
    expect(result.perPollutant.CO).not.toHaveProperty('annualMean');
  });

  it('needs 324 valid days a year: 324 pass, 323 fail (every month ≥ 27, February ≥ 25)', () => {
    // Removable days keeping every month at its minimum: 4 in 31-day months, 3 in 30-day months and February.
    const removable = datesOf(2025).filter((d) => Number(d.slice(8)) > (d.slice(5, 7) === '02' ? 25 : 27));
    expect(removable).toHaveLength(43);
    const without = (n: number) => new Set(removable.slice(0, n));
    const run = (n: number) => calcAirAnnual({ standard: 'HJ633-2012', year: 2025, days: yearOf(2025, (d) => (without(n).has(d) ? null : {})) }).perPollutant.SO2;
    expect(run(41)).toMatchObject({ validDays: 324, meetsValidity: true, monthsBelowMinimum: [], attains: true });
    expect(run(42)).toMatchObject({ validDays: 323, meetsValidity: false, monthsBelowMinimum: [], attains: null });
  });

  it('needs 25 valid days in February and 27 in other months', () => {
    const run = (feb: number, mar = 31) =>
      calcAirAnnual({
        standard: 'HJ633-2012',
        year: 2025,
        days: yearOf(2025, (d) => ((d.startsWith('2025-02') && Number(d.slice(8)) > feb) || (d.startsWith('2025-03') && Number(d.slice(8)) > mar) ? null : {})),
      }).perPollutant.NO2;
    expect(run(25)).toMatchObject({ validDays: 362, meetsValidity: true });
    expect(run(24)).toMatchObject({ validDays: 361, meetsValidity: false, monthsBelowMinimum: [2] });
    expect(run(28, 27)).toMatchObject({ meetsValidity: true });
    expect(run(28, 26)).toMatchObject({ meetsValidity: false, monthsBelowMinimum: [3] });
  });

  it('drops a daily mean of 19 hours and keeps one of 20', () => {
    const run = (n: number) => calcAirAnnual({ standard: 'HJ633-2012', year: 2025, days: yearOf(2025, (_d, i) => (i < 10 ? { 'PM2.5_n': n } : {})) });
    expect(run(19).perPollutant['PM2.5'].validDays).toBe(355);
    expect(run(20).perPollutant['PM2.5'].validDays).toBe(365);
  });

  it('keeps an O3 day of 13 windows only when it exceeds 160', () => {
    const run = (o3: number, windows: number) =>
      calcAirAnnual({ standard: 'HJ633-2012', year: 2025, days: yearOf(2025, (_d, i) => (i === 0 ? { O3_8h_max: o3, O3_8h_windows: windows } : {})) }).perPollutant.O3.validDays;
    expect(run(150, 14)).toBe(365);
    expect(run(150, 13)).toBe(364);
    expect(run(161, 13)).toBe(365);
    expect(run(160, 13)).toBe(364);
  });

  it('compares annual statistics with the limits after GB/T 8170 rounding', () => {
    // 364 days at a, one day at b: mean = (364a + b)/365.
    const pm25 = (a: number, b: number) =>
      calcAirAnnual({ standard: 'HJ633-2012', year: 2025, days: yearOf(2025, (_d, i) => ({ 'PM2.5_24h': i === 0 ? b : a })) }).perPollutant['PM2.5'];
    expect(pm25(35, 217.5)).toMatchObject({ annualMean: 36, attains: false, exceedMultiples: { annualMean: 0.03 } }); // 35.5 → 36; 1/35 = 0.029
    expect(pm25(34, 216.5)).toMatchObject({ annualMean: 34, attains: true, exceedMultiples: {} }); // 34.5 → 34
    expect(pm25(35, 35)).toMatchObject({ annualMean: 35, attains: true }); // equal to the limit attains
  });

  it('takes CO p95 to one decimal and O3 p90 to an integer', () => {
    // CO i/10 and O3 i for i = 1…365: CO p95 = 34.68 → 34.7, (34.7 − 4)/4 = 7.675 → 7.68; O3 p90 = 328.6 → 329.
    const result = calcAirAnnual({ standard: 'HJ633-2012', year: 2025, days: yearOf(2025, (_d, i) => ({ CO_24h: (i + 1) / 10, O3_8h_max: i + 1 })) });
    expect(result.perPollutant.CO).toMatchObject({ p95: 34.7, attains: false, exceedMultiples: { p95: 7.68 } });
    expect(result.perPollutant.O3).toMatchObject({ p90: 329, attains: false, exceedMultiples: { p90: 1.06 } }); // 169/160 = 1.05625
  });

  it('counts days by category, heavy and severe pollution, and the good-day ratio to one decimal', () => {
    // PM2.5 2012: 30 → 43 优; 60 → 50 + ceil(31.25) = 82 良; 120 → 158 中度; 200 → 250 重度; 400 → 300 + ceil(33.3) = 334 严重.
    const plan = [
      ...Array<number>(300).fill(30),
      ...Array<number>(40).fill(60),
      ...Array<number>(15).fill(120),
      ...Array<number>(7).fill(200),
      ...Array<number>(3).fill(400),
    ];
    const result = calcAirAnnual({ standard: 'HJ633-2012', year: 2025, days: yearOf(2025, (_d, i) => ({ 'PM2.5_24h': plan[i]!, PM10_24h: 30 })) });
    expect(result.days).toEqual({
      calendarDays: 365,
      excludedDays: 0,
      validAqiDays: 365,
      categories: { 优: 300, 良: 40, 轻度污染: 0, 中度污染: 15, 重度污染: 7, 严重污染: 3 },
      goodDays: 340,
      goodDayRatioPercent: 93.2, // 340/365 = 93.15…
      heavyPollutionDays: 10,
      severePollutionDays: 3,
    });
  });

  it('leaves excluded days (扣沙 / 例外事件) out of the days and the concentrations', () => {
    const sand = datesOf(2025).slice(60, 70);
    const days = yearOf(2025, (d) => ({ 'PM2.5_24h': sand.includes(d) ? 200 : 30, PM10_24h: 30 }));
    const kept = calcAirAnnual({ standard: 'HJ633-2012', year: 2025, days });
    // (355 × 30 + 10 × 200)/365 = 34.66 → 35; 355/365 = 97.26 %.
    expect(kept.perPollutant['PM2.5'].annualMean).toBe(35);
    expect(kept.days).toMatchObject({ validAqiDays: 365, goodDays: 355, goodDayRatioPercent: 97.3, heavyPollutionDays: 10 });
    const excluded = calcAirAnnual({ standard: 'HJ633-2012', year: 2025, days, excludedDates: sand });
    expect(excluded.perPollutant['PM2.5']).toMatchObject({ annualMean: 30, validDays: 355 });
    expect(excluded.days).toMatchObject({ excludedDays: 10, validAqiDays: 355, goodDays: 355, goodDayRatioPercent: 100, heavyPollutionDays: 0 });
  });

  it('counts a day with a pollutant missing only when the others give AQI > 100 (有效监测天数), configurable for 2012 data', () => {
    // Days 0–9 lack CO with AQI 58; days 10–14 lack CO with PM2.5 120 → 158.
    const days = yearOf(2025, (_d, i) => (i < 10 ? { CO_24h: null } : i < 15 ? { CO_24h: null, 'PM2.5_24h': 120 } : {}));
    const strict = calcAirAnnual({ standard: 'HJ633-2012', year: 2025, days });
    expect(strict.validDayRule).toBe('six-or-over-100');
    expect(strict.days).toMatchObject({ validAqiDays: 355, goodDays: 350 });
    expect(strict.dailyAqi.slice(0, 16)).toEqual([...Array(10).fill(null), ...Array(5).fill(158), 58]);
    const lax = calcAirAnnual({ standard: 'HJ633-2012', year: 2025, days, validDayRule: 'any-pollutant' });
    expect(lax.days).toMatchObject({ validAqiDays: 365, goodDays: 360 });
    // HJ 633-2026 data always follow §5.3.1.
    const recent = calcAirAnnual({ standard: 'HJ633-2026', year: 2027, days: yearOf(2027, (_d, i) => (i < 10 ? { CO_24h: null } : {})), validDayRule: 'any-pollutant' });
    expect(recent).toMatchObject({ validDayRule: 'six-or-over-100', days: { validAqiDays: 355 } });
  });

  it('gives a lower 优良天数比例 under 2026 than 2012 when PM2.5 days sit between 60 and 75', () => {
    // 100 days of PM2.5 65: 2012 → 50 + ceil(50 × 30/40) = 88 (良); 2026 → 100 + ceil(50 × 5/55) = 105 (轻度).
    const days = yearOf(2025, (_d, i) => ({ 'PM2.5_24h': i < 100 ? 65 : 30, PM10_24h: 30 }));
    const old = calcAirAnnual({ standard: 'HJ633-2012', year: 2025, days });
    const revised = calcAirAnnual({ standard: 'HJ633-2026', year: 2025, days });
    expect(old.days.goodDayRatioPercent).toBe(100);
    expect(revised.days.goodDayRatioPercent).toBe(72.6); // 265/365 = 72.60 %
    expect(revised.days.goodDayRatioPercent!).toBeLessThan(old.days.goodDayRatioPercent!);
    // And the revised limits: PM2.5 mean (100 × 65 + 265 × 30)/365 = 39.6 → 40 against 30 (transition) rather than 35.
    expect(revised).toMatchObject({ limitSet: 'GB3095-2026-transition', perPollutant: { 'PM2.5': { annualMean: 40, limits: { annualMean: 30, p95: 60 } } } });
    expect(old.perPollutant['PM2.5'].limits).toEqual({ annualMean: 35, p95: 75 });
  });

  it('judges 2031 onwards against the final GB 3095-2026 limits, and lets the composite index use them', () => {
    const result = calcAirAnnual({ year: 2031, days: yearOf(2031), compositeIndex: { limitSet: 'GB3095-2026-final', weights: 'weighted-3-2-2' } });
    expect(result).toMatchObject({ standard: 'HJ633-2026', limitSet: 'GB3095-2026-final', perPollutant: { NO2: { limits: { annualMean: 30, p98: 50 }, attains: true } } });
    // 10/20 + 2 × 30/30 + 60/50 + 3 × 41/25 + 0.9/4 + 2 × 80/160 = 0.5 + 2 + 1.2 + 4.92 + 0.225 + 1 = 9.845 → 9.84
    expect(result.compositeIndex).toBe(9.84);
    expect(result.compositeIndexDetail!.basis).toEqual({ weights: 'weighted-3-2-2', limitSet: 'GB3095-2026-final', verified: false });
  });

  it('has no composite index when a pollutant has no data', () => {
    const result = calcAirAnnual({ standard: 'HJ633-2012', year: 2025, days: yearOf(2025, () => ({ CO_24h: null, 'PM2.5_24h': 30 })) });
    expect(result.compositeIndex).toBeNull();
    expect(result.perPollutant.CO).toMatchObject({ validDays: 0, p95: null, attains: null });
    expect(result.attainsGradeII).toBeNull();
  });
});

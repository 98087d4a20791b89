import { describe, expect, it } from 'vitest';
import { calcAirAnnual } from '../air/calculator.ts';
import { demoAirYear, type AirPollutant, type DemoHour } from './air-year.ts';

const year = demoAirYear('bazhong-city', 2025);

const monthOf = (h: DemoHour) => Number(h.hourEnding.slice(5, 7));
const hourOf = (h: DemoHour) => Number(h.hourEnding.slice(11, 13));
function meanOf(hours: DemoHour[], pollutant: AirPollutant): number {
  const values = hours.map((h) => h.values[pollutant]).filter((v): v is number => v !== null);
  return values.reduce((a, b) => a + b, 0) / values.length;
}

describe('demo air year', () => {
  it('covers the calendar year hour by hour, stamped by the end of each hour in China Standard Time', () => {
    expect(year).toHaveLength(8760);
    expect(demoAirYear('bazhong-city', 2024)).toHaveLength(8784);
    expect(year[0]!.hourEnding).toBe('2025-01-01T01:00:00+08:00');
    expect(year.at(-1)!.hourEnding).toBe('2026-01-01T00:00:00+08:00');
    expect(new Set(year.map((h) => h.hourEnding)).size).toBe(8760);
  });

  it('is the same for the same station and year, and differs between stations', () => {
    expect(demoAirYear('bazhong-city', 2025)).toEqual(year);
    expect(demoAirYear('nanjiang', 2025).slice(0, 48)).not.toEqual(year.slice(0, 48));
  });

  it('has a PM2.5 winter and an O3 summer, and O3 peaking in the afternoon', () => {
    const winter = year.filter((h) => [12, 1, 2].includes(monthOf(h)));
    const summer = year.filter((h) => [6, 7, 8].includes(monthOf(h)));
    expect(meanOf(winter, 'PM2.5')).toBeGreaterThan(1.5 * meanOf(summer, 'PM2.5'));
    const afternoon = (hours: DemoHour[]) => hours.filter((h) => hourOf(h) >= 14 && hourOf(h) <= 16);
    expect(meanOf(afternoon(summer), 'O3')).toBeGreaterThan(1.5 * meanOf(afternoon(winter), 'O3'));
    expect(meanOf(year.filter((h) => hourOf(h) === 15), 'O3')).toBeGreaterThan(2 * meanOf(year.filter((h) => hourOf(h) === 5), 'O3'));
    for (const h of year.filter((x) => x.values.PM10 !== null)) expect(h.values.PM10!).toBeGreaterThan(h.values['PM2.5']!);
  });

  it('misses a few hours, some of them in outages of several hours', () => {
    const missing = year.map((h) => h.values.SO2 === null);
    const share = missing.filter(Boolean).length / year.length;
    expect(share).toBeGreaterThan(0.005);
    expect(share).toBeLessThan(0.05);
    let longest = 0;
    let run = 0;
    for (const m of missing) longest = Math.max(longest, (run = m ? run + 1 : 0));
    expect(longest).toBeGreaterThanOrEqual(4);
  });

  it('evaluates like a city near its targets, and lower under the 2026 rules', () => {
    const input = { year: 2025, hours: year.map((h) => ({ time: h.hourEnding, ...h.values })) };
    const old = calcAirAnnual({ ...input, standard: 'HJ633-2012' });
    const revised = calcAirAnnual({ ...input, standard: 'HJ633-2026' });
    expect(old.days.goodDayRatioPercent).toBeGreaterThan(85);
    expect(old.days.goodDayRatioPercent).toBeLessThan(99.5);
    expect(revised.days.goodDayRatioPercent).toBeLessThan(old.days.goodDayRatioPercent!);
    const pm25 = old.perPollutant['PM2.5'] as { annualMean: number };
    expect(pm25.annualMean).toBeGreaterThan(20);
    expect(pm25.annualMean).toBeLessThan(35);
  });
});

import { describe, expect, it } from 'vitest';
import { AIR_FACTORS, METEOROLOGY_FACTORS, airValues, beijingHour, drawSiteLevel, ozoneShape, seededRandom, trafficShape } from './air-values.ts';

const HOUR = 3_600_000;
/** 2026-03-01 00:00 Beijing time. */
const MIDNIGHT = Date.UTC(2026, 1, 28, 16);

/** Mean of one factor's Avg at a Beijing hour over many days (noise averages out). */
function meanAt(hour: number, code: string, days = 200): number {
  const random = seededRandom(7);
  let sum = 0;
  for (let day = 0; day < days; day++) {
    const values = airValues(MIDNIGHT + day * 24 * HOUR + hour * HOUR, random, { siteLevel: 1, otherFlagRate: 0, instant: false });
    sum += Number(values.find((value) => value.code === code)!.avg);
  }
  return sum / days;
}

describe('simulated air values', () => {
  it('gives the same values for the same seed, and other values for another', () => {
    const options = { siteLevel: 1, otherFlagRate: 0.1, instant: false };
    expect(airValues(MIDNIGHT, seededRandom(1), options)).toEqual(airValues(MIDNIGHT, seededRandom(1), options));
    expect(airValues(MIDNIGHT, seededRandom(1), options)).not.toEqual(airValues(MIDNIGHT, seededRandom(2), options));
  });

  it('sends the six AQI pollutants, never negative, min ≤ avg ≤ max, PM10 above PM2.5, in the units stations use', () => {
    const random = seededRandom(3);
    for (let hour = 0; hour < 24 * 30; hour++) {
      const values = airValues(MIDNIGHT + hour * HOUR, random, { siteLevel: drawSiteLevel(random), otherFlagRate: 0, instant: false }).slice(0, 6);
      expect(values.map((value) => value.code)).toEqual(Object.values(AIR_FACTORS));
      for (const value of values) {
        expect(Number(value.min)).toBeGreaterThan(0);
        expect(Number(value.min)).toBeLessThanOrEqual(Number(value.avg));
        expect(Number(value.avg)).toBeLessThanOrEqual(Number(value.max));
        expect(value.flag).toBe('N');
      }
      const [pm25, pm10, so2, no2, co, o3] = values;
      expect(pm25!.avg).toMatch(/^\d+$/);
      expect(Number(pm10!.avg)).toBeGreaterThanOrEqual(Number(pm25!.avg));
      // Gases in mg/m³: well under 1 for SO2, NO2 and O3 at an ambient station; CO around half a mg.
      for (const gas of [so2, no2, o3]) expect(gas!.avg).toMatch(/^0\.\d{3}$/);
      expect(Number(co!.avg)).toBeLessThan(3);
    }
  });

  it('sends the station meteorology after the pollutants, in the decimals of Table B.2 and within what 巴中 sees', () => {
    const random = seededRandom(5);
    for (let hour = 0; hour < 24 * 400; hour += 7) {
      const values = airValues(MIDNIGHT + hour * HOUR, random, { siteLevel: 1, otherFlagRate: 0, instant: false });
      expect(values.map((value) => value.code)).toEqual([...Object.values(AIR_FACTORS), ...Object.values(METEOROLOGY_FACTORS)]);
      const [temperature, humidity, pressure, windSpeed, windDirection] = values.slice(6);
      for (const value of values.slice(6)) {
        expect(Number(value.min)).toBeLessThanOrEqual(Number(value.avg));
        expect(Number(value.avg)).toBeLessThanOrEqual(Number(value.max));
      }
      expect(temperature!.avg).toMatch(/^-?\d+\.\d$/);
      expect(Number(temperature!.avg)).toBeGreaterThan(-10);
      expect(Number(temperature!.avg)).toBeLessThan(42);
      expect(Number(humidity!.avg)).toBeGreaterThanOrEqual(5);
      expect(Number(humidity!.avg)).toBeLessThanOrEqual(100);
      // kPa, three decimals: about 960 hPa at the city's height.
      expect(pressure!.avg).toMatch(/^\d{2}\.\d{3}$/);
      expect(Number(pressure!.avg)).toBeGreaterThan(94);
      expect(Number(pressure!.avg)).toBeLessThan(98);
      expect(Number(windSpeed!.avg)).toBeGreaterThanOrEqual(0);
      expect(windDirection!.avg).toMatch(/^\d{1,3}$/);
      expect(Number(windDirection!.avg)).toBeLessThan(360);
    }
  });

  it('is colder in January than in July, and warmer in the afternoon than before dawn', () => {
    const JANUARY = Date.UTC(2026, 0, 15, 16);
    const JULY = Date.UTC(2026, 6, 15, 16);
    const meanTemperature = (start: number, hour: number) => {
      const random = seededRandom(9);
      let sum = 0;
      for (let day = 0; day < 10; day++) sum += Number(airValues(start + day * 24 * HOUR + hour * HOUR, random, { siteLevel: 1, otherFlagRate: 0, instant: false })[6]!.avg);
      return sum / 10;
    };
    expect(meanTemperature(JANUARY, 15)).toBeLessThan(meanTemperature(JULY, 15) - 15);
    expect(meanTemperature(JULY, 15)).toBeGreaterThan(meanTemperature(JULY, 5) + 4);
  });

  it('has the day of a city station: NO2 up at the morning rush, O3 up in the afternoon', () => {
    expect(meanAt(8, AIR_FACTORS.no2)).toBeGreaterThan(1.5 * meanAt(3, AIR_FACTORS.no2));
    expect(meanAt(15, AIR_FACTORS.o3)).toBeGreaterThan(2.5 * meanAt(3, AIR_FACTORS.o3));
    expect(trafficShape(8)).toBeGreaterThan(trafficShape(13));
    expect(ozoneShape(15)).toBeGreaterThan(ozoneShape(8));
  });

  it('flags about the asked share of values other than N', () => {
    const random = seededRandom(11);
    let flagged = 0;
    let total = 0;
    for (let hour = 0; hour < 2000; hour++) {
      for (const value of airValues(MIDNIGHT + hour * HOUR, random, { siteLevel: 1, otherFlagRate: 0.05, instant: true })) {
        total++;
        if (value.flag !== 'N') {
          flagged++;
          expect(['M', 'C', 'D', 'B']).toContain(value.flag);
        }
        expect(value.min).toBe(value.avg);
      }
    }
    expect(flagged / total).toBeGreaterThan(0.04);
    expect(flagged / total).toBeLessThan(0.06);
  });

  it('reads the hour of day on the Beijing clock', () => {
    expect(beijingHour(MIDNIGHT)).toBe(0);
    expect(beijingHour(MIDNIGHT + 15 * HOUR + 30 * 60_000)).toBe(15.5);
  });
});

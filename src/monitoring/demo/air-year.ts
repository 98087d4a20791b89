/**
 * 示例数据: a plausible year of hourly air data for one station, so that a first start shows living
 * pages before any real data arrive. Everything it makes is marked as demo data where it is stored
 * and shown. Deterministic: the same station key and year give the same series.
 *
 * The shape follows what 巴中's own figures and the basin's climate suggest: PM2.5 near 27 µg/m³ over
 * the year, high in winter (inversions, heating season in the wider basin) and low in the rainy summer;
 * O3 peaking in the afternoons of May–August; NO2 and CO with morning and evening traffic peaks; SO2
 * low all year. Pollution comes in episodes of a few days (a slowly varying factor), not hour by hour,
 * and about 2 % of hours are missing, partly in outages of several hours as real analysers have.
 */

export const AIR_POLLUTANTS = ['SO2', 'NO2', 'PM10', 'PM2.5', 'CO', 'O3'] as const;
export type AirPollutant = (typeof AIR_POLLUTANTS)[number];

export interface DemoHour {
  /** The end of the hour, China Standard Time, ISO 8601 with +08:00 (the convention of the store). */
  hourEnding: string;
  values: Record<AirPollutant, number | null>;
}

/** mulberry32: small, fast and good enough for demo data; seeded from the station key. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function hashOf(text: string): number {
  let hash = 2166136261;
  for (const char of text) hash = Math.imul(hash ^ char.codePointAt(0)!, 16777619);
  return hash >>> 0;
}

/** A standard normal draw (Box–Muller). */
export const normal = (next: () => number) => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());

/** 1 in mid-January, −1 in mid-July. */
const winterness = (dayOfYear: number) => Math.cos((2 * Math.PI * (dayOfYear - 15)) / 365.25);
/** 1 around mid-June, 0 in winter: the O3 season. */
const summerness = (dayOfYear: number) => Math.max(0, Math.cos((2 * Math.PI * (dayOfYear - 170)) / 365.25));

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function isoHourEnding(year: number, dayOfYear: number, hourEnd: number): string {
  // Built in UTC arithmetic, then written with the +08:00 offset, so no local time zone leaks in.
  const start = Date.UTC(year, 0, 1) + (dayOfYear - 1) * 86_400_000 + hourEnd * 3_600_000;
  const d = new Date(start);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:00:00+08:00`;
}

export interface DemoOptions {
  /** Scales the particulate level of the station (urban 1.0; a background station lower). */
  particulateScale?: number;
  /** Share of hours left missing at random, besides outages. */
  missingShare?: number;
}

/** One station's hourly series for a calendar year, hour-ending stamps from 01:00 on 1 January. */
export function demoAirYear(stationKey: string, year: number, options: DemoOptions = {}): DemoHour[] {
  const next = random(hashOf(`${stationKey}/${year}`));
  const scale = (options.particulateScale ?? 1) * (0.9 + 0.2 * next());
  const missingShare = options.missingShare ?? 0.012;
  const days = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 366 : 365;
  const hours: DemoHour[] = [];
  // The episode factor: an AR(1) process on the log scale that changes over days.
  let episode = 0;
  let outageLeft = 0;
  for (let day = 1; day <= days; day += 1) {
    const winter = winterness(day);
    const summer = summerness(day);
    for (let hour = 0; hour < 24; hour += 1) {
      episode = 0.985 * episode + 0.07 * normal(next);
      const hourEnd = hour + 1;
      // Traffic peaks around 08:00 and 20:00; a shallow night-time boundary layer keeps particles up.
      const traffic = 1 + 0.35 * Math.exp(-((hourEnd - 8.5) ** 2) / 4) + 0.45 * Math.exp(-((hourEnd - 20.5) ** 2) / 6);
      const sunlight = Math.max(0, Math.sin((Math.PI * (hourEnd - 7)) / 12));
      const pm25 = Math.max(3, 23 * scale * (1 + 0.55 * winter) * Math.exp(episode) * (0.85 + 0.15 * traffic) + 3 * normal(next));
      const pm10 = Math.max(pm25 + 2, pm25 * (1.55 + 0.15 * next()) + 4 * normal(next));
      const no2 = Math.max(2, 22 * (1 + 0.25 * winter) * traffic * Math.exp(0.5 * episode) * (1 - 0.3 * sunlight) + 3 * normal(next));
      const o3 = Math.max(2, (25 + 70 * summer + 25 * (1 - Math.abs(winter))) * (0.35 + 1.3 * sunlight ** 1.5) * Math.exp(0.25 * episode) - 0.4 * no2 + 8 * normal(next));
      const so2 = Math.max(2, 8 * (1 + 0.3 * winter) * Math.exp(0.3 * episode) + 1.5 * normal(next));
      const co = Math.max(0.2, 0.7 * (1 + 0.35 * winter) * Math.exp(0.5 * episode) * (0.85 + 0.15 * traffic) + 0.08 * normal(next));

      if (outageLeft === 0 && next() < 0.0009) outageLeft = 4 + Math.floor(next() * 24);
      const missing = outageLeft > 0 || next() < missingShare;
      if (outageLeft > 0) outageLeft -= 1;
      hours.push({
        hourEnding: isoHourEnding(year, day, hourEnd),
        values: missing
          ? { SO2: null, NO2: null, PM10: null, 'PM2.5': null, CO: null, O3: null }
          : { SO2: Math.round(so2), NO2: Math.round(no2), PM10: Math.round(pm10), 'PM2.5': Math.round(pm25), CO: Math.round(co * 10) / 10, O3: Math.round(o3) },
      });
    }
  }
  return hours;
}

/**
 * Plausible ambient air values for the simulated devices (模拟数采仪): the six AQI pollutants in the units an
 * air station's 数采仪 sends (Table B.2: particles in μg/m³, gases in mg/m³, as `air-profile.json` maps them),
 * with the day's shape a city station shows — NO2, CO and particles rising with the morning and evening
 * traffic, O3 peaking in the afternoon sun and eating NO2 — plus noise and each station's own level; then
 * the station's five meteorological factors (气温, 湿度, 气压, 风速, 风向), which a national-network station
 * reports in the same packet and the default air profile maps.
 *
 * Pure: the random source is passed in, so a seeded source gives the same values every run.
 */

/** A random source in [0, 1), like Math.random. */
export type RandomSource = () => number;

/** One factor's values for an interval (or an instant, for real-time data). */
export interface AirValue {
  /** Factor code (因子编码, Table B.2). */
  code: string;
  avg: string;
  min: string;
  max: string;
  /** Data flag (数据标记, Table 8): N, or now and then M, C, D or B. */
  flag: string;
}

export const AIR_FACTORS = {
  pm2_5: 'a34004',
  pm10: 'a34002',
  so2: 'a21026',
  no2: 'a21004',
  co: 'a21005',
  o3: 'a05024',
} as const;

/** Meteorology, by the store's parameter code, in the order a station sends it after the pollutants. */
export const METEOROLOGY_FACTORS = {
  temperature: 'a01001',
  humidity: 'a01002',
  pressure: 'a01006',
  wind_speed: 'a01007',
  wind_direction: 'a01008',
} as const;

/** Flags other than N a station sends now and then: 维护, 校准, 故障, 通讯异常. */
const OTHER_FLAGS = ['M', 'C', 'D', 'B'] as const;

/** mulberry32: small, fast, and good enough for demo data; the same seed gives the same sequence. */
export function seededRandom(seed: number): RandomSource {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal noise (Box–Muller). */
function gaussian(random: RandomSource): number {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

const bump = (hour: number, peak: number, width: number) => Math.exp(-((hour - peak) ** 2) / (2 * width ** 2));

/** Morning (08h) and evening (19h) rush hours, 0..1. */
export function trafficShape(hour: number): number {
  return Math.min(1, bump(hour, 8, 1.5) + 0.8 * bump(hour, 19, 2));
}

/** Afternoon photochemistry, peaking at 15h, 0..1. */
export function ozoneShape(hour: number): number {
  return bump(hour, 15, 3);
}

/** Beijing hour of day (0 ≤ h < 24, fractional) of an instant: the standard's clock (UTC+8, no DST). */
export function beijingHour(ms: number): number {
  return (((ms / 3_600_000 + 8) % 24) + 24) % 24;
}

export interface AirValueOptions {
  /** The station's own level (1 = a typical city station); each device draws one once. */
  siteLevel: number;
  /** Chance that one factor's value carries a flag other than N. */
  otherFlagRate: number;
  /** Real-time data (2011) are instants: min and max equal the value. */
  instant: boolean;
}

/** A station's level between 0.7 and 1.4, drawn once per device. */
export function drawSiteLevel(random: RandomSource): number {
  return 0.7 + 0.7 * random();
}

/**
 * The six pollutants and the meteorology at an instant (the start of the interval for minute and hour data).
 * Concentrations are never negative; particles are whole μg/m³, gases mg/m³ to three decimals, as stations
 * send them; meteorology in the decimals of Table B.2 (N3.1, N3.1, N5.3 kPa, N4.1, N4).
 */
export function airValues(ms: number, random: RandomSource, options: AirValueOptions): AirValue[] {
  const hour = beijingHour(ms);
  const traffic = trafficShape(hour);
  const ozone = ozoneShape(hour);
  const level = options.siteLevel;
  const noisy = (mean: number, spread: number) => mean * Math.max(0.2, 1 + spread * gaussian(random));

  const pm25 = noisy(level * (26 + 18 * traffic - 6 * ozone), 0.15);
  const pm10 = pm25 * (1.45 + 0.35 * random());
  const so2 = noisy(level * (0.007 + 0.004 * ozone), 0.2);
  const no2 = noisy(level * (0.016 + 0.024 * traffic - 0.006 * ozone), 0.15);
  const co = noisy(level * (0.5 + 0.35 * traffic), 0.1);
  const o3 = noisy(0.02 + 0.115 * ozone, 0.12);

  const flagOf = () => (random() < options.otherFlagRate ? OTHER_FLAGS[Math.floor(random() * OTHER_FLAGS.length)]! : 'N');
  const factor = (code: string, mean: number, decimals: number): AirValue => {
    const floor = 10 ** -decimals;
    const write = (value: number) => Math.max(floor, value).toFixed(decimals);
    const low = options.instant ? mean : mean * (1 - 0.1 - 0.2 * random());
    const high = options.instant ? mean : mean * (1 + 0.1 + 0.3 * random());
    return { code, avg: write(mean), min: write(low), max: write(high), flag: flagOf() };
  };
  // Meteorology swings about its mean, and a temperature may fall below zero.
  const weather = (code: string, mean: number, swing: number, decimals: number, bounds: [number, number]): AirValue => {
    const write = (value: number) => Math.min(bounds[1], Math.max(bounds[0], value)).toFixed(decimals);
    const low = options.instant ? mean : mean - swing * (0.5 + random());
    const high = options.instant ? mean : mean + swing * (0.5 + random());
    return { code, avg: write(mean), min: write(low), max: write(high), flag: flagOf() };
  };
  // 巴中: about 6 °C in January and 27 °C in July, the day's warmest hour mid-afternoon.
  const season = Math.cos((2 * Math.PI * (dayOfYear(ms) - 200)) / 365);
  const daily = Math.cos((2 * Math.PI * (hour - 15)) / 24);
  const temperature = 16.5 + 10.5 * season + 4 * daily + 0.8 * gaussian(random);
  const humidity = 75 - 12 * daily + 4 * gaussian(random);
  // About 960 hPa at the city's height, sent in kPa; higher in the cold season.
  const pressure = 96.2 - 0.6 * season + 0.1 * gaussian(random);
  const windSpeed = Math.abs(1.2 + 0.8 * Math.max(0, daily) + 0.5 * gaussian(random));
  const windDirection = (((20 + 40 * gaussian(random)) % 360) + 360) % 360;
  return [
    factor(AIR_FACTORS.pm2_5, pm25, 0),
    factor(AIR_FACTORS.pm10, pm10, 0),
    factor(AIR_FACTORS.so2, so2, 3),
    factor(AIR_FACTORS.no2, no2, 3),
    factor(AIR_FACTORS.co, co, 3),
    factor(AIR_FACTORS.o3, o3, 3),
    weather(METEOROLOGY_FACTORS.temperature, temperature, 1, 1, [-30, 50]),
    weather(METEOROLOGY_FACTORS.humidity, humidity, 3, 1, [5, 100]),
    weather(METEOROLOGY_FACTORS.pressure, pressure, 0.05, 3, [80, 110]),
    weather(METEOROLOGY_FACTORS.wind_speed, windSpeed, 0.4, 1, [0, 60]),
    weather(METEOROLOGY_FACTORS.wind_direction, windDirection, 0, 0, [0, 359]),
  ];
}

/** Day of the year (1–366) on the Beijing calendar. */
function dayOfYear(ms: number): number {
  const beijing = new Date(ms + 8 * 3_600_000);
  return Math.floor((beijing.getTime() - Date.UTC(beijing.getUTCFullYear(), 0, 1)) / 86_400_000) + 1;
}

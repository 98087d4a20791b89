/**
 * 示例数据: a plausible year of water samples for one surface-water section or drinking-water source,
 * so the water pages and alerts have something to show before any real data arrive. Everything it
 * makes is marked demo where it is stored. Deterministic: the same site and year give the same samples.
 *
 * Manual samples, one a month (the lab's sampling day near the middle of the month), carry every
 * GB 3838 Table 1 item a lab measures — lakes and reservoirs also chlorophyll a and transparency for
 * the trophic index. Sites with a 水质自动站 also get a sample every 4 hours of the nine items such a
 * station measures, stamped by the end of its window.
 *
 * The shape follows the hill rivers of the upper Jialing basin: class II most of the year; in the
 * flood season (June–September) runoff carries phosphorus and organic matter in, and warm water holds
 * less oxygen; one storm month of the flood season takes TP to class III (below a class-II target);
 * some river sections see one winter low-flow month where ammonia reaches class IV (urban sewage
 * diluted by little water), so a main pollutant with its 超标倍数 is there to show. Metals, cyanide,
 * phenol and the like stay far below class I, as in the city's bulletins.
 */
import { hashOf, normal, random } from './air-year.ts';

export interface DemoWaterSite {
  code: string;
  kind: 'section' | 'source';
  waterBody: 'river' | 'lake';
  automatic: boolean;
}

/** One sample: values by the store's parameter codes (0005_monitoring). */
export interface DemoWaterSample {
  mode: 'manual' | 'automatic';
  /** China Standard Time, ISO 8601 with +08:00. */
  sampledAt: string;
  values: Record<string, number>;
}

/** What a lab measures every month (GB 3838 Table 1 less 水温, which the automatic station gives). */
export const MANUAL_PARAMETERS = [
  'ph', 'do', 'codmn', 'cod', 'bod5', 'nh3_n', 'tp', 'tn', 'cu', 'zn', 'fluoride', 'se', 'as', 'hg', 'cd', 'cr6', 'pb', 'cyanide',
  'volatile_phenol', 'petroleum', 'las', 'sulfide', 'fecal_coliform',
] as const;
/** Lakes and reservoirs: the trophic-index inputs besides TP, TN and CODMn. */
export const LAKE_PARAMETERS = ['chla', 'sd'] as const;
/** What a 水质自动站 measures (the five conventional parameters and the nutrients). */
export const AUTOMATIC_PARAMETERS = ['ph', 'do', 'codmn', 'nh3_n', 'tp', 'tn', 'turbidity', 'conductivity', 'water_temperature'] as const;

const DECIMALS: Record<string, number> = {
  ph: 2, do: 1, codmn: 1, cod: 0, bod5: 1, nh3_n: 3, tp: 3, tn: 2, cu: 4, zn: 3, fluoride: 2, se: 4, as: 4, hg: 5, cd: 5, cr6: 3, pb: 4,
  cyanide: 3, volatile_phenol: 4, petroleum: 2, las: 2, sulfide: 3, fecal_coliform: -1, chla: 1, sd: 1, conductivity: 0, turbidity: 1,
  water_temperature: 1,
};

/** Trace items: typical levels far below class I, as a lab reports them. */
const TRACES: Record<string, number> = {
  cu: 0.002, zn: 0.01, fluoride: 0.25, se: 0.0004, as: 0.001, hg: 0.00002, cd: 0.0002, cr6: 0.004, pb: 0.002, cyanide: 0.002,
  volatile_phenol: 0.0006, petroleum: 0.02, las: 0.05, sulfide: 0.01,
};

const pad = (n: number) => String(n).padStart(2, '0');

function round(parameter: string, value: number): number {
  const decimals = DECIMALS[parameter] ?? 3;
  const factor = 10 ** decimals;
  const rounded = Math.round(value * factor) / factor;
  // Never 0 where a lab reports a small positive value (or half its detection limit).
  return rounded > 0 ? rounded : 1 / factor;
}

/** Water temperature (℃) on a day of the year: about 8 in mid-January, 25 in late July. */
const temperatureOn = (dayOfYear: number) => 16.5 - 8.5 * Math.cos((2 * Math.PI * (dayOfYear - 20)) / 365.25);

/** Dissolved-oxygen saturation (mg/L) at a temperature, fresh water at sea level (a quadratic fit). */
const saturationAt = (t: number) => 14.62 - 0.3898 * t + 0.006969 * t * t;

/** How much of the flood season a month is in (0 outside June–September). */
const FLOOD: Record<number, number> = { 6: 0.6, 7: 1, 8: 0.8, 9: 0.4 };

interface MonthState {
  flood: number;
  storm: boolean;
  lowFlow: boolean;
}

/** The conventional and nutrient items of a site on a day: the month's state, the day's temperature, noise. */
function conventional(site: DemoWaterSite, scale: number, state: MonthState, dayOfYear: number, next: () => number, noise: number): Record<string, number> {
  const t = temperatureOn(dayOfYear);
  const jitter = () => Math.exp(noise * normal(next));
  const lake = site.waterBody === 'lake';
  const stormFactor = state.storm ? 1 : 0;
  const codmn = (lake ? 2.3 : 2.4) * scale * (1 + 0.35 * state.flood) * (1 + 0.4 * stormFactor) * jitter();
  const tp = lake
    ? 0.016 * scale * (1 + 0.45 * state.flood) * (1 + 0.4 * stormFactor) * jitter()
    : 0.045 * scale * (1 + 0.8 * state.flood) * (1 + 0.75 * stormFactor) * jitter();
  // Winter low flow dilutes less; a low-flow month at a river section under town sewage goes further.
  const winter = Math.max(0, Math.cos((2 * Math.PI * (dayOfYear - 15)) / 365.25));
  const nh3n = (lake ? 0.12 : 0.18) * scale * (1 + 0.5 * winter) * (state.lowFlow ? 4.2 : 1) * (1 + 0.3 * stormFactor) * jitter();
  const tn = (lake ? 0.55 : 1.25) * scale * (1 + 0.2 * state.flood) * jitter();
  const doSat = saturationAt(t) * (0.93 - 0.06 * state.flood - 0.06 * stormFactor) * Math.exp(0.03 * normal(next));
  return {
    water_temperature: t + 0.8 * normal(next),
    ph: 7.9 + 0.15 * normal(next) - 0.1 * state.flood,
    do: doSat,
    codmn,
    nh3_n: nh3n,
    tp,
    tn,
    turbidity: (lake ? 3 : 8) * (1 + (lake ? 1 : 4) * state.flood + 3 * stormFactor) * jitter(),
    conductivity: (lake ? 240 : 320) * (1 - 0.15 * state.flood) * Math.exp(0.04 * normal(next)),
  };
}

/** One site's samples for a calendar year, manual samples first, each list in time order. */
export function demoWaterYear(site: DemoWaterSite, year: number): DemoWaterSample[] {
  const next = random(hashOf(`water/${site.code}/${year}`));
  const scale = 0.85 + 0.3 * next();
  const stormMonth = 6 + Math.floor(next() * 3);
  // A town-downstream river section: one winter month of low flow with ammonia at class IV.
  const lowFlowMonth = site.kind === 'section' && site.waterBody === 'river' && next() < 0.5 ? 1 + Math.floor(next() * 2) : 0;
  const samplingDay = 8 + Math.floor(next() * 7);
  const monthState = (month: number): MonthState => ({ flood: FLOOD[month] ?? 0, storm: month === stormMonth, lowFlow: month === lowFlowMonth });
  const dayOfYear = (month: number, day: number) => (Date.UTC(year, month - 1, day) - Date.UTC(year, 0, 1)) / 86_400_000 + 1;

  const samples: DemoWaterSample[] = [];
  for (let month = 1; month <= 12; month += 1) {
    const state = monthState(month);
    const c = conventional(site, scale, state, dayOfYear(month, samplingDay), next, 0.1);
    const values: Record<string, number> = {
      ph: c.ph!, do: c.do!, codmn: c.codmn!, cod: c.codmn! * (3.1 + 0.3 * next()), bod5: c.codmn! * (0.5 + 0.1 * next()), nh3_n: c.nh3_n!, tp: c.tp!, tn: c.tn!,
      fecal_coliform: 700 * scale * (1 + 2 * state.flood) * Math.exp(0.4 * normal(next)),
    };
    for (const [parameter, level] of Object.entries(TRACES)) values[parameter] = level * Math.exp(0.25 * normal(next));
    if (site.waterBody === 'lake') {
      const summer = Math.max(0, Math.cos((2 * Math.PI * (dayOfYear(month, 15) - 200)) / 365.25));
      values.chla = (3 + 6 * summer + 2 * Number(state.storm)) * Math.exp(0.15 * normal(next));
      values.sd = (2.3 - 0.8 * summer - 0.4 * Number(state.storm)) * Math.exp(0.08 * normal(next));
    }
    const rounded: Record<string, number> = {};
    for (const parameter of [...MANUAL_PARAMETERS, ...(site.waterBody === 'lake' ? LAKE_PARAMETERS : [])]) rounded[parameter] = round(parameter, values[parameter]!);
    samples.push({ mode: 'manual', sampledAt: `${year}-${pad(month)}-${pad(samplingDay)}T10:00:00+08:00`, values: rounded });
  }

  if (site.automatic) {
    const start = Date.UTC(year, 0, 1);
    const windows = (Date.UTC(year + 1, 0, 1) - start) / (4 * 3_600_000);
    for (let w = 1; w <= windows; w += 1) {
      // Ends of 4-hour windows, written in CST by UTC arithmetic on the CST wall clock.
      const end = new Date(start + w * 4 * 3_600_000);
      const startOfWindow = new Date(end.getTime() - 1);
      const month = startOfWindow.getUTCMonth() + 1;
      const day = Math.floor((startOfWindow.getTime() - start) / 86_400_000) + 1;
      const c = conventional(site, scale, monthState(month), day, next, 0.06);
      // Daylight photosynthesis lifts oxygen in the afternoon, night respiration lowers it.
      const hour = end.getUTCHours() === 0 ? 24 : end.getUTCHours();
      c.do = c.do! * (1 + 0.05 * Math.sin((Math.PI * (hour - 10)) / 12));
      // About 1 % of windows missing: maintenance, reagent change.
      if (next() < 0.01) continue;
      const values: Record<string, number> = {};
      for (const parameter of AUTOMATIC_PARAMETERS) values[parameter] = round(parameter, c[parameter]!);
      samples.push({
        mode: 'automatic',
        sampledAt: `${end.getUTCFullYear()}-${pad(end.getUTCMonth() + 1)}-${pad(end.getUTCDate())}T${pad(end.getUTCHours())}:00:00+08:00`,
        values,
      });
    }
  }
  return samples;
}

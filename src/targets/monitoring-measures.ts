/**
 * The values of indicators bound to 环境监测 (Binding module 'monitoring'): each measure of a year for
 * the city and, where the monitoring module evaluates them, its districts, with what it rests on (the
 * standard, the days or sites counted, a year to date, 示例数据). Only the years the store holds data
 * for are computed; the indicator's entered values stand for the others.
 */
import type { Db } from '../db/connect.ts';
import { airDataYears, airYearFigures, waterDataYears, type AirAreaFigures, type AirYearFigures } from '../monitoring/evaluation/annual-figures.ts';
import { evaluateSections, evaluateSources, percentOf, WATER_STANDARD } from '../monitoring/evaluation/water.ts';
import { isGoodQuality } from '../monitoring/water/section-class.ts';
import type { MonitoringMeasure } from './model.ts';

/** What a computed monitoring value rests on. */
export interface MonitoringBasis {
  /** The standard the figure was computed under: HJ633-2012, HJ633-2026, GB3838-2002. */
  standard: string;
  /** 2026: the air standards changed on 1 March; the year is evaluated under the 2026 generation. */
  straddlesChange: boolean;
  /** The year is not over: a figure to date. */
  partial: boolean;
  demo: boolean;
  /** Air: valid days counted (优良天数比例: valid AQI days; PM2.5: valid PM2.5 days). */
  days?: number;
  /** PM2.5: the year's HJ 663 validity (324 valid days) is met. */
  meetsValidity?: boolean;
  /** Water: the sections or sources with a class in the year, and those counted (优良, or 达到或优于Ⅲ类). */
  sites?: number;
  counted?: number;
}

export interface MeasureYear {
  year: number;
  city: number | null;
  districts: Map<number, number | null>;
  basis: MonitoringBasis;
}

/** The measures computed now; any other stays pending (entered values count). */
const ACTIVE = new Set<MonitoringMeasure>(['air_good_days_ratio', 'pm25_annual_mean', 'section_good_ratio', 'drinking_water_source_compliance']);

export const isActiveMonitoringMeasure = (measure: MonitoringMeasure): boolean => ACTIVE.has(measure);

const AIR_VALUE: Partial<Record<MonitoringMeasure, (f: AirAreaFigures) => { value: number | null; days: number; meetsValidity?: boolean }>> = {
  air_good_days_ratio: (f) => ({ value: f.goodDayRatioPercent, days: f.validAqiDays }),
  pm25_annual_mean: (f) => ({ value: f.pm25AnnualMean, days: f.pm25ValidDays, meetsValidity: f.pm25MeetsValidity }),
};

/**
 * A reader of monitoring measures for one assessment (`today`: YYYY-MM-DD, CST): each year is
 * evaluated once however many indicators bind to it.
 */
export function monitoringMeasures(db: Db, today: string, city: { id: number; name: string }) {
  const airYears = new Map<number, Promise<AirYearFigures>>();
  let years: Promise<number[]> | undefined;
  const airYear = (year: number) => {
    let figures = airYears.get(year);
    if (!figures) airYears.set(year, (figures = airYearFigures(db, year, today, city)));
    return figures;
  };
  let waterYears: Promise<number[]> | undefined;
  const waterSeries = async (measure: MonitoringMeasure, asOfYear: number): Promise<MeasureYear[]> => {
    waterYears ??= waterDataYears(db);
    const out: MeasureYear[] = [];
    for (const year of (await waterYears).filter((y) => y <= asOfYear)) {
      const period = { kind: 'year', year } as const;
      const common = { standard: WATER_STANDARD.standard, straddlesChange: false, partial: today <= `${year}-12-31` };
      if (measure === 'section_good_ratio') {
        // 断面水质优良率: sections at Ⅰ–Ⅲ among those with a class (the annual mean of the manual samples).
        const result = await evaluateSections(db, period, 'manual', city);
        out.push({
          year,
          city: result.city.goodPercent,
          districts: new Map(result.districts.map((d) => [d.id, d.goodPercent])),
          basis: { ...common, demo: result.demo, sites: result.city.total, counted: result.city.good },
        });
      } else {
        // 城市集中式饮用水水源水质达到或优于Ⅲ类比例: the city-level sources (seed note of the indicator),
        // by the class of their annual mean.
        const result = await evaluateSources(db, period, 'manual');
        const classed = result.sources.filter((s) => s.site.level === 'city' && s.evaluation?.class);
        const good = classed.filter((s) => isGoodQuality(s.evaluation!.class!)).length;
        out.push({
          year,
          city: percentOf(good, classed.length),
          districts: new Map(),
          basis: { ...common, demo: classed.some((s) => s.evaluation!.demo), sites: classed.length, counted: good },
        });
      }
    }
    return out;
  };
  return {
    /** The measure's values for the years with data up to `asOfYear`, in order. */
    async series(measure: MonitoringMeasure, asOfYear: number): Promise<MeasureYear[]> {
      if (measure === 'section_good_ratio' || measure === 'drinking_water_source_compliance') return waterSeries(measure, asOfYear);
      const pick = AIR_VALUE[measure];
      if (!pick) return [];
      years ??= airDataYears(db);
      const wanted = (await years).filter((y) => y <= asOfYear);
      const out: MeasureYear[] = [];
      for (const year of wanted) {
        const figures = await airYear(year);
        const city = figures.city ? pick(figures.city) : null;
        out.push({
          year,
          city: city?.value ?? null,
          districts: new Map([...figures.districts].map(([id, f]) => [id, pick(f).value])),
          basis: {
            standard: figures.standard,
            straddlesChange: figures.straddlesChange,
            partial: figures.partial,
            demo: figures.demo,
            days: city?.days ?? 0,
            ...(city?.meetsValidity === undefined ? {} : { meetsValidity: city.meetsValidity }),
          },
        });
      }
      return out;
    },
  };
}

/**
 * Surface-water and drinking-water evaluation over stored samples (GB 3838-2002 and the 地表水环境质量
 * 评价办法（试行）): a site's value of a month and of a year, its class, 水质状况, colour, 主要污染指标
 * and whether it meets its target; the city's and each district's 断面水质优良率 and 达标率; the 同比
 * of every month; the compliance of drinking-water sources. The rules are the pure functions below
 * and those of src/monitoring/water/; water-store.ts reads the data.
 *
 * Time aggregation (评价办法): a month's value of an item is its sample, or the mean of its samples;
 * a year's is the mean of the monthly values. By default only manual (laboratory) samples count, as in
 * the official assessment; on request the automatic station's daily means count as samples beside
 * them. Every result says which (`basis`), the standard, and whether it rests on 示例数据.
 */
import Big from 'big.js';
import type { Db } from '../../db/connect.ts';
import { periodMean } from '../water/aggregation.ts';
import { classLimits, itemClass } from '../water/item-class.ts';
import { mainPollutants } from '../water/main-pollutants.ts';
import { CLASS_PARAMETERS, classRank, WATER_CLASSES, waterParameter, type WaterBody, type WaterClass, type WaterParameterKey } from '../water/parameters.ts';
import { classifySection, isGoodQuality, meetsTargetClass, type StatusColour, type WaterQualityStatus } from '../water/section-class.ts';
import { TROPHIC_PARAMETERS, trophicState, type TrophicGrade } from '../water/trophic-state.ts';
import { periodLabel, type Period } from './periods.ts';
import { waterReadings, waterSites, type WaterReading, type WaterSite } from './water-store.ts';

export const WATER_STANDARD = { standard: 'GB3838-2002', method: '地表水环境质量评价办法（试行）（环办〔2011〕22号）' } as const;

/** manual: laboratory samples only (default, the official basis); manual+automatic: automatic daily means too. */
export type DataBasis = 'manual' | 'manual+automatic';

/** GB 3838 items and the two trophic-only inputs, keyed as in src/monitoring/water/. */
export type WaterKey = WaterParameterKey | 'Chla' | 'SD';
export type WaterMeans = Partial<Record<WaterKey, number>>;

/** The store's parameter codes (0005_monitoring) and the items they are. */
export const KEY_OF_PARAMETER: Readonly<Record<string, WaterKey>> = {
  water_temperature: 'WaterTemp', ph: 'pH', do: 'DO', codmn: 'CODMn', cod: 'COD', bod5: 'BOD5', nh3_n: 'NH3-N', tp: 'TP', tn: 'TN',
  cu: 'Cu', zn: 'Zn', fluoride: 'F', se: 'Se', as: 'As', hg: 'Hg', cd: 'Cd', cr6: 'Cr6+', pb: 'Pb', cyanide: 'CN',
  volatile_phenol: 'VolatilePhenol', petroleum: 'Petroleum', las: 'LAS', sulfide: 'Sulfide', fecal_coliform: 'FecalColiform', chla: 'Chla', sd: 'SD',
};
export const EVALUATED_PARAMETERS = Object.keys(KEY_OF_PARAMETER);

/** The value of each item over a month, from the month's samples. */
export interface MonthMeans {
  /** YYYY-MM */
  month: string;
  values: WaterMeans;
  /** Samples (manual) and days of automatic data the month rests on. */
  samples: number;
  demo: boolean;
}

/** Groups one site's readings by month (CST) and averages each item over the month's samples. */
export function monthlyMeans(readings: readonly WaterReading[]): MonthMeans[] {
  const months = new Map<string, { samples: Partial<Record<WaterKey, number>>[]; times: Set<string>; demo: boolean }>();
  for (const r of readings) {
    const key = KEY_OF_PARAMETER[r.parameter];
    if (!key) continue;
    const month = r.at.slice(0, 7);
    const entry = months.get(month) ?? { samples: [], times: new Set<string>(), demo: false };
    entry.samples.push({ [key]: r.value });
    entry.times.add(`${r.mode}/${r.at}`);
    entry.demo ||= r.demo;
    months.set(month, entry);
  }
  return [...months]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([month, { samples, times, demo }]) => ({ month, values: periodMean(samples, 'month').values, samples: times.size, demo }));
}

/** A year's values: the mean of its monthly values (评价办法: 12 monthly values, fewer say so). */
export function yearMeans(months: readonly MonthMeans[]): { values: WaterMeans; months: number; demo: boolean } {
  return { values: periodMean(months.map((m) => m.values), 'month').values, months: months.length, demo: months.some((m) => m.demo) };
}

const MONTHS_A_YEAR = 12;
const CLASS_III = classRank('III');

export interface NamedPollutant {
  parameter: WaterParameterKey;
  name: string;
  class: WaterClass;
  /** 超标倍数 over class III; null for pH and 溶解氧. */
  exceedMultiple: number | null;
}

/** The classes and findings of a site's values over a period. */
export interface ValuesEvaluation {
  /** The worst class of the 21 class items measured; null when none is. */
  class: WaterClass | null;
  status: WaterQualityStatus | null;
  colour: StatusColour | null;
  /** 水质优良 (I–III). */
  good: boolean | null;
  /** Meets the site's target class; null without a class or target. */
  meetsTarget: boolean | null;
  mainPollutants: NamedPollutant[];
  /** Lakes and reservoirs: 总氮 classed apart. */
  totalNitrogenClass: WaterClass | null;
  /** Lakes and reservoirs: 综合营养状态指数 when all five inputs are there. */
  trophic: { value: number; grade: TrophicGrade } | null;
  /** Class of each item measured (reference items too). */
  classes: Partial<Record<WaterParameterKey, WaterClass>>;
}

export const classOfTarget = (target: number | null): WaterClass | null => (target === null ? null : WATER_CLASSES[target - 1]!);

export function evaluateValues(values: WaterMeans, waterBody: WaterBody, targetClass: number | null): ValuesEvaluation {
  const section = classifySection(values, waterBody);
  const target = classOfTarget(targetClass);
  const trophicInputs = TROPHIC_PARAMETERS.every((p) => (values[p] ?? 0) > 0) ? { Chla: values.Chla!, TP: values.TP!, TN: values.TN!, SD: values.SD!, CODMn: values.CODMn! } : null;
  return {
    class: section.class,
    status: section.status,
    colour: section.colour,
    good: section.class && isGoodQuality(section.class),
    meetsTarget: section.class && target && meetsTargetClass(section.class, target),
    mainPollutants: mainPollutants(values, waterBody).map((p) => ({ ...p, name: waterParameter(p.parameter).name })),
    totalNitrogenClass: section.totalNitrogenClass,
    trophic: waterBody === 'lake' && trophicInputs ? trophicState(trophicInputs) : null,
    classes: section.classes,
  };
}

/** 断面水质优良率, 达标率 and the share of 劣V over the sections that have a class. */
export interface QualityRatios {
  total: number;
  good: number;
  meetsTarget: number;
  worst: number;
  goodPercent: number | null;
  meetsTargetPercent: number | null;
  worstPercent: number | null;
}

/** A share in percent with one decimal (half up, as bulletins print them). */
export const percentOf = (part: number, whole: number): number | null =>
  whole === 0 ? null : Number(new Big(part).times(100).div(whole).round(1, Big.roundHalfUp));

export function qualityRatios(items: readonly Pick<ValuesEvaluation, 'class' | 'meetsTarget'>[]): QualityRatios {
  const classed = items.filter((i) => i.class !== null);
  const good = classed.filter((i) => isGoodQuality(i.class!)).length;
  const meetsTarget = classed.filter((i) => i.meetsTarget === true).length;
  const worst = classed.filter((i) => i.class === '劣V').length;
  const total = classed.length;
  return { total, good, meetsTarget, worst, goodPercent: percentOf(good, total), meetsTargetPercent: percentOf(meetsTarget, total), worstPercent: percentOf(worst, total) };
}

/** 同比: a class against the same period a year before. */
export type ClassChange = 'better' | 'same' | 'worse';

export function classChange(now: WaterClass | null, before: WaterClass | null): ClassChange | null {
  if (now === null || before === null) return null;
  const d = classRank(now) - classRank(before);
  return d < 0 ? 'better' : d > 0 ? 'worse' : 'same';
}

/**
 * The class a drinking-water source is held to. GB 3838 assigns class III to the second-grade
 * protection zone of a drinking-water source (and 集中式饮用水水源地 are assessed against class III in
 * the national monitoring programme); a source whose own target is stricter (化成水库: II) is held to
 * that target instead, because that is what its managers answer for. A laxer target never lowers the bar.
 */
export function sourceLimitClass(targetClass: number | null): WaterClass {
  const target = classOfTarget(targetClass);
  return target !== null && classRank(target) < CLASS_III ? target : 'III';
}

/** One item of a source above the class it is held to. */
export interface Exceedance {
  parameter: WaterParameterKey;
  name: string;
  value: number;
  class: WaterClass;
  /** The limit of the class the source is held to, as printed in GB 3838 ('6–9' for pH). */
  limit: string;
  /** (C − limit)/limit, two decimals; null for pH and 溶解氧. */
  exceedMultiple: number | null;
}

/**
 * The class items of a source worse than its class, in Table 1 order. The 21 class items only: 总氮 and
 * 粪大肠菌群 are reference items of the 评价办法 and not part of a source's compliance.
 */
export function drinkingExceedances(values: WaterMeans, waterBody: WaterBody, limitClass: WaterClass): Exceedance[] {
  const rank = classRank(limitClass);
  const found: Exceedance[] = [];
  for (const parameter of CLASS_PARAMETERS) {
    const value = values[parameter.key];
    if (value === undefined) continue;
    const c = itemClass(parameter, value, waterBody);
    if (classRank(c) <= rank) continue;
    const rule = parameter.rule;
    const limit = rule.kind === 'range' ? `${rule.low}–${rule.high}` : classLimits(parameter, waterBody)[rank]!;
    const multiple = rule.kind === 'atMost' ? Number(new Big(value).minus(limit).div(limit).round(2, Big.roundHalfEven)) : null;
    found.push({ parameter: parameter.key, name: parameter.name, value, class: c, limit, exceedMultiple: multiple });
  }
  return found;
}

// ————— over the store —————

/** What a site's period rests on and how it is judged. */
export interface SitePeriod extends ValuesEvaluation {
  period: string;
  values: WaterMeans;
  /** Year: months with data; month: samples (and automatic days). */
  months: number | null;
  samples: number;
  /** A year with all 12 monthly values, or a month with data. */
  complete: boolean;
  demo: boolean;
}

const pad = (n: number) => String(n).padStart(2, '0');

function sitePeriod(site: WaterSite, period: Period, months: readonly MonthMeans[]): SitePeriod | null {
  if (period.kind === 'month') {
    const month = months.find((m) => m.month === periodLabel(period));
    if (!month) return null;
    return { period: month.month, ...evaluateValues(month.values, site.waterBody, site.targetClass), values: month.values, months: null, samples: month.samples, complete: true, demo: month.demo };
  }
  const ofYear = months.filter((m) => m.month.startsWith(`${period.year}-`));
  if (ofYear.length === 0) return null;
  const year = yearMeans(ofYear);
  return {
    period: String(period.year),
    ...evaluateValues(year.values, site.waterBody, site.targetClass),
    values: year.values,
    months: year.months,
    samples: ofYear.reduce((n, m) => n + m.samples, 0),
    complete: year.months >= MONTHS_A_YEAR,
    demo: year.demo,
  };
}

const previousYear = (period: Period): Period => ({ ...period, year: period.year - 1 });

/** Monthly means of each site over the period's year and the year before (for 同比). */
async function monthsOfSites(db: Db, sites: readonly WaterSite[], year: number, basis: DataBasis): Promise<Map<number, MonthMeans[]>> {
  const readings = await waterReadings(db, sites.map((s) => s.id), EVALUATED_PARAMETERS, `${year - 1}-01-01`, `${year}-12-31`, basis === 'manual+automatic');
  const bySite = new Map<number, WaterReading[]>();
  for (const r of readings) {
    const list = bySite.get(r.siteId);
    if (list) list.push(r);
    else bySite.set(r.siteId, [r]);
  }
  return new Map(sites.map((s) => [s.id, monthlyMeans(bySite.get(s.id) ?? [])]));
}

export interface TrendMonth {
  month: string;
  class: WaterClass | null;
  lastYearClass: WaterClass | null;
  change: ClassChange | null;
}

export interface SectionResult {
  site: WaterSite;
  evaluation: SitePeriod | null;
  /** The same period a year before. */
  lastYear: { period: string; class: WaterClass | null } | null;
  change: ClassChange | null;
  /** Each month of the period's year against the same month a year before. */
  trend: TrendMonth[];
}

export interface AreaRatios extends QualityRatios {
  id: number;
  name: string;
}

export interface SectionsEvaluation {
  period: string;
  standard: typeof WATER_STANDARD;
  basis: DataBasis;
  demo: boolean;
  city: AreaRatios;
  districts: AreaRatios[];
  sections: SectionResult[];
}

function trendOf(site: WaterSite, year: number, months: readonly MonthMeans[]): TrendMonth[] {
  const classOf = (y: number, m: number) => sitePeriod(site, { kind: 'month', year: y, month: m }, months)?.class ?? null;
  return Array.from({ length: 12 }, (_, i) => {
    const now = classOf(year, i + 1);
    const before = classOf(year - 1, i + 1);
    return { month: `${year}-${pad(i + 1)}`, class: now, lastYearClass: before, change: classChange(now, before) };
  });
}

/** The sections of the city over a period: each with its class, target, 同比 and trend; the city's and districts' ratios. */
export async function evaluateSections(db: Db, period: Period, basis: DataBasis, city: { id: number; name: string }): Promise<SectionsEvaluation> {
  const sites = await waterSites(db, 'section');
  const months = await monthsOfSites(db, sites, period.year, basis);
  const sections = sites.map((site): SectionResult => {
    const own = months.get(site.id)!;
    const evaluation = sitePeriod(site, period, own);
    const before = sitePeriod(site, previousYear(period), own);
    return {
      site,
      evaluation,
      lastYear: before && { period: before.period, class: before.class },
      change: classChange(evaluation?.class ?? null, before?.class ?? null),
      trend: trendOf(site, period.year, own),
    };
  });
  const evaluated = sections.flatMap((s) => (s.evaluation ? [s.evaluation] : []));
  const districts = new Map<number, { name: string; items: SitePeriod[] }>();
  for (const s of sections) {
    const entry = districts.get(s.site.districtId) ?? { name: s.site.districtName, items: [] };
    if (s.evaluation) entry.items.push(s.evaluation);
    districts.set(s.site.districtId, entry);
  }
  return {
    period: periodLabel(period),
    standard: WATER_STANDARD,
    basis,
    demo: evaluated.some((e) => e.demo),
    city: { id: city.id, name: city.name, ...qualityRatios(evaluated) },
    districts: [...districts].map(([id, { name, items }]) => ({ id, name, ...qualityRatios(items) })),
    sections,
  };
}

/** A site's twelve months and its year, for one section or source. */
export interface SiteMonths {
  site: WaterSite;
  year: number;
  standard: typeof WATER_STANDARD;
  basis: DataBasis;
  demo: boolean;
  /** Sources: the class they are held to. */
  limitClass: WaterClass | null;
  months: (TrendMonth & { evaluation: SitePeriod | null; exceedances: Exceedance[] | null })[];
  yearEvaluation: SitePeriod | null;
}

export async function siteMonths(db: Db, site: WaterSite, year: number, basis: DataBasis): Promise<SiteMonths> {
  const own = (await monthsOfSites(db, [site], year, basis)).get(site.id)!;
  const limitClass = site.kind === 'source' ? sourceLimitClass(site.targetClass) : null;
  const months = trendOf(site, year, own).map((t, i) => {
    const evaluation = sitePeriod(site, { kind: 'month', year, month: i + 1 }, own);
    return { ...t, evaluation, exceedances: evaluation && limitClass ? drinkingExceedances(evaluation.values, site.waterBody, limitClass) : null };
  });
  const yearEvaluation = sitePeriod(site, { kind: 'year', year }, own);
  return {
    site,
    year,
    standard: WATER_STANDARD,
    basis,
    demo: months.some((m) => m.evaluation?.demo) || (yearEvaluation?.demo ?? false),
    limitClass,
    months,
    yearEvaluation,
  };
}

export const SOURCE_LEVELS = ['city', 'county', 'township'] as const;
export type SourceLevel = (typeof SOURCE_LEVELS)[number];

export interface ComplianceRate {
  total: number;
  compliant: number;
  percent: number | null;
}

export interface SourceResult {
  site: WaterSite;
  limitClass: WaterClass;
  evaluation: SitePeriod | null;
  exceedances: Exceedance[];
  /** 达标: no item above the class the source is held to; null without data. */
  compliant: boolean | null;
  /** Year: the months whose own values exceeded. */
  exceedanceMonths: string[];
}

export interface DrinkingEvaluation {
  period: string;
  standard: typeof WATER_STANDARD;
  basis: DataBasis;
  demo: boolean;
  /** 饮用水水源达标率 over all sources with data. */
  city: ComplianceRate;
  levels: ({ level: SourceLevel } & ComplianceRate)[];
  sources: SourceResult[];
}

function complianceRate(sources: readonly SourceResult[]): ComplianceRate {
  const judged = sources.filter((s) => s.compliant !== null);
  const compliant = judged.filter((s) => s.compliant).length;
  return { total: judged.length, compliant, percent: percentOf(compliant, judged.length) };
}

/** The drinking-water sources over a period: each item against the class the source is held to. */
export async function evaluateSources(db: Db, period: Period, basis: DataBasis): Promise<DrinkingEvaluation> {
  const sites = await waterSites(db, 'source');
  const months = await monthsOfSites(db, sites, period.year, basis);
  const sources = sites.map((site): SourceResult => {
    const own = months.get(site.id)!;
    const limitClass = sourceLimitClass(site.targetClass);
    const evaluation = sitePeriod(site, period, own);
    const exceedances = evaluation ? drinkingExceedances(evaluation.values, site.waterBody, limitClass) : [];
    const exceedanceMonths =
      period.kind === 'year'
        ? own.filter((m) => m.month.startsWith(`${period.year}-`) && drinkingExceedances(m.values, site.waterBody, limitClass).length > 0).map((m) => m.month)
        : [];
    return { site, limitClass, evaluation, exceedances, compliant: evaluation ? exceedances.length === 0 : null, exceedanceMonths };
  });
  return {
    period: periodLabel(period),
    standard: WATER_STANDARD,
    basis,
    demo: sources.some((s) => s.evaluation?.demo),
    city: complianceRate(sources),
    levels: SOURCE_LEVELS.map((level) => ({ level, ...complianceRate(sources.filter((s) => s.site.level === level)) })),
    sources,
  };
}

// ————— for the targets module —————

async function cityOf(db: Db): Promise<{ id: number; name: string }> {
  return db.selectFrom('organisation').select(['id', 'name']).where('kind', '=', 'city').orderBy('id').executeTakeFirstOrThrow();
}

/**
 * 断面水质优良率 of a year (manual samples, annual means): share of the active sections with data at
 * I–III. Every section of the registry counts; the registry holds the assessed (国控、省控、市控) ones.
 */
export async function sectionGoodRatio(db: Db, year: number): Promise<{ percent: number | null; good: number; total: number; demo: boolean }> {
  const result = await evaluateSections(db, { kind: 'year', year }, 'manual', await cityOf(db));
  return { percent: result.city.goodPercent, good: result.city.good, total: result.city.total, demo: result.demo };
}

/** 集中式饮用水水源地水质达标率 of a year (manual samples, annual means): share of sources with no exceedance. */
export async function drinkingWaterComplianceRate(db: Db, year: number): Promise<{ percent: number | null; compliant: number; total: number; demo: boolean }> {
  const result = await evaluateSources(db, { kind: 'year', year }, 'manual');
  return { percent: result.city.percent, compliant: result.city.compliant, total: result.city.total, demo: result.demo };
}

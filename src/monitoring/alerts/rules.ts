/**
 * 监测预警 rules: from what is known of one site now (its latest real-time AQI, its latest water
 * values, the time of its last data) to the alert conditions it is in, each with its detail. Pure:
 * the scan (service.ts) gathers the state and keeps the alerts.
 *
 * - aqi_heavy: the real-time AQI of the latest hour is above 200 (重度污染 and worse, HJ 633 Table 2),
 *   under the standard in force at that hour. Only a current hour counts: once the station has been
 *   silent for longer than the threshold, its last AQI is history and the silence is the alert.
 * - section_below_target: the GB 3838 class of a section (single-factor method over the 21 class
 *   items) is worse than its target class.
 * - drinking_exceedance: an item of a drinking-water source is worse than the class it is held to:
 *   class III, or its target class where that is stricter (GB 3838 §4 puts 集中式生活饮用水地表水源地
 *   in classes II–III; the same rule as the drinking-water evaluation, evaluation/water.ts).
 * - station_silent: an active air station, or a water site with an automatic station, whose last data
 *   is more than the threshold of hours old. A site that never sent data raises nothing: there is no
 *   silence to measure, only a site not yet connected (the scan counts real data only, so a site with
 *   示例数据 alone is one of these).
 *
 * Water items: 超标倍数 = (C − L)/L with L the limit of the class judged against (a section's target
 * class; a source's class as above), rounded half to even to 2 decimals; pH and 溶解氧 have none (评价办法).
 */
import Big from 'big.js';
import type { AqiStandard } from '../air/standard-versions.ts';
import { classLimits, decimalOf, itemClass } from '../water/item-class.ts';
import { CLASS_PARAMETERS, classRank, hasExceedMultiple, isEvaluated, WATER_CLASSES, type WaterBody, type WaterClass } from '../water/parameters.ts';
import { classifySection, type WaterValues } from '../water/section-class.ts';

export const ALERT_KINDS = ['aqi_heavy', 'section_below_target', 'drinking_exceedance', 'station_silent'] as const;
/** 预警类型. */
export type AlertKind = (typeof ALERT_KINDS)[number];

/** The AQI above which an hour raises an alert: 201 is the first AQI of 重度污染. */
export const HEAVY_AQI_ABOVE = 200;
export const DEFAULT_SILENT_HOURS = 6;
export const WATER_STANDARD = 'GB3838-2002';
/** The class a drinking-water source is held to, unless its own target class is stricter. */
const DRINKING_DEFAULT_CLASS = 3;
const HOUR_MS = 3_600_000;

export interface AlertThresholds {
  /** A site is silent after more than this many hours without data. */
  silentHours: number;
}

export interface SiteFacts {
  kind: 'air' | 'section' | 'source';
  status: 'active' | 'suspended' | 'retired';
  /** Has a 水质自动监测站 (water sites only). */
  automatic: boolean;
  /** GB 3838 class 1–5 (Ⅰ–Ⅴ) the water must meet. */
  targetClass: number | null;
  waterBody: WaterBody | null;
}

/** The real-time AQI of a station's latest hour (实时报), as src/monitoring/evaluation computes it. */
export interface LatestAqi {
  /** The hour's end, ISO 8601. */
  at: string;
  standard: AqiStandard;
  aqi: number | null;
  category: string | null;
  primaryPollutants: string[];
  iaqi: Record<string, number | null>;
  demo: boolean;
}

/** The water values a site is judged by now: its latest manual sample, or its latest day of automatic data. */
export interface LatestWater {
  /** The sample time, or the last automatic window of the day, ISO 8601. */
  at: string;
  origin: 'manual' | 'automatic_day';
  values: WaterValues;
  demo: boolean;
}

export interface SiteState {
  site: SiteFacts;
  /** The scan's time, ISO 8601. */
  now: string;
  /** The site's latest data of any kind (air hours; automatic water windows). */
  lastData: { at: string; demo: boolean } | null;
  aqi: LatestAqi | null;
  water: LatestWater | null;
}

export interface ExceedingItem {
  parameter: string;
  name: string;
  value: number;
  class: WaterClass;
  /** The limit of the class judged against, as GB 3838 prints it. */
  limit: string;
  exceedMultiple: number | null;
}

export interface AlertCondition {
  kind: AlertKind;
  /** The data time that shows the condition, ISO 8601. */
  at: string;
  standard: string | null;
  demo: boolean;
  detail: Record<string, unknown>;
}

const classOf = (n: number): WaterClass => WATER_CLASSES[n - 1]!;

export function alertConditions(state: SiteState, thresholds: AlertThresholds): AlertCondition[] {
  const { site } = state;
  if (site.status !== 'active') return [];
  const found: AlertCondition[] = [];
  const now = Date.parse(state.now);
  const current = (at: string) => now - Date.parse(at) <= thresholds.silentHours * HOUR_MS;

  const watchedForSilence = site.kind === 'air' || site.automatic;
  if (watchedForSilence && state.lastData && !current(state.lastData.at)) {
    const hours = (now - Date.parse(state.lastData.at)) / HOUR_MS;
    found.push({
      kind: 'station_silent',
      at: state.lastData.at,
      standard: null,
      demo: state.lastData.demo,
      detail: { lastDataAt: state.lastData.at, hoursSilent: Math.floor(hours * 10) / 10, thresholdHours: thresholds.silentHours },
    });
  }

  const { aqi } = state;
  if (site.kind === 'air' && aqi && aqi.aqi !== null && aqi.aqi > HEAVY_AQI_ABOVE && current(aqi.at)) {
    found.push({
      kind: 'aqi_heavy',
      at: aqi.at,
      standard: aqi.standard,
      demo: aqi.demo,
      detail: { hour: aqi.at, aqi: aqi.aqi, category: aqi.category, primaryPollutants: aqi.primaryPollutants, iaqi: aqi.iaqi },
    });
  }

  const { water } = state;
  if (water && site.kind !== 'air') {
    const waterBody = site.waterBody ?? 'river';
    const judged = site.kind === 'source' ? Math.min(site.targetClass ?? DRINKING_DEFAULT_CLASS, DRINKING_DEFAULT_CLASS) : site.targetClass;
    if (judged !== null) {
      const exceeding = itemsWorseThan(water.values, waterBody, classOf(judged));
      const sectionClass = classifySection(water.values, waterBody).class;
      const sampled = { sampledAt: water.at, origin: water.origin, waterBody };
      if (site.kind === 'section' && exceeding.length > 0) {
        found.push({
          kind: 'section_below_target',
          at: water.at,
          standard: WATER_STANDARD,
          demo: water.demo,
          detail: { ...sampled, class: sectionClass, targetClass: classOf(judged), exceeding },
        });
      }
      if (site.kind === 'source' && exceeding.length > 0) {
        found.push({
          kind: 'drinking_exceedance',
          at: water.at,
          standard: WATER_STANDARD,
          demo: water.demo,
          detail: { ...sampled, class: sectionClass, limitClass: classOf(judged), targetClass: site.targetClass === null ? null : classOf(site.targetClass), exceeding },
        });
      }
    }
  }
  return found;
}

/** The class items (GB 3838 Table 1 order) whose class is worse than `limitClass`, with their 超标倍数 over its limit. */
export function itemsWorseThan(values: WaterValues, waterBody: WaterBody, limitClass: WaterClass): ExceedingItem[] {
  const limitIndex = classRank(limitClass);
  const items: ExceedingItem[] = [];
  for (const parameter of CLASS_PARAMETERS) {
    const value = values[parameter.key];
    if (value === undefined || value === null || !isEvaluated(parameter, waterBody)) continue;
    const itemClassOf = itemClass(parameter, value, waterBody);
    if (classRank(itemClassOf) <= limitIndex) continue;
    const limit = parameter.rule.kind === 'range' ? `${parameter.rule.low}–${parameter.rule.high}` : classLimits(parameter, waterBody)[limitIndex]!;
    items.push({
      parameter: parameter.key,
      name: parameter.name,
      value,
      class: itemClassOf,
      limit,
      exceedMultiple: hasExceedMultiple(parameter) ? multipleOver(value, limit) : null,
    });
  }
  return items;
}

// A constructor of its own: the division precision is this module's, whatever others set on Big.
const Exact = Big();
Exact.DP = 30;

function multipleOver(value: number, limit: string): number {
  const l = new Exact(limit);
  return Number(new Exact(decimalOf(value)).minus(l).div(l).round(2, Big.roundHalfEven));
}

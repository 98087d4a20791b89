/**
 * An alert in words (Chinese): the title and text of the 督办 item opened for it, and the summary the
 * API gives beside the structured detail. Pure.
 */
import { waterParameter, type WaterParameterKey } from '../water/parameters.ts';
import type { AlertKind, ExceedingItem } from './rules.ts';

export interface AlertFacts {
  kind: AlertKind;
  siteName: string;
  districtName: string;
  /** ISO 8601. */
  openedAt: string;
  lastSeenAt: string;
  detail: Record<string, unknown>;
  standard: string | null;
  demo: boolean;
}

const ROMAN: Record<string, string> = { I: 'Ⅰ', II: 'Ⅱ', III: 'Ⅲ', IV: 'Ⅳ', V: 'Ⅴ', 劣V: '劣Ⅴ' };
const roman = (c: unknown) => ROMAN[String(c)] ?? String(c);
/** 2026-12-05T10:00:00+08:00 → 2026-12-05 10:00 (China Standard Time, as stored). */
const stamp = (iso: unknown) => String(iso).slice(0, 16).replace('T', ' ');

/** What the answerable unit is asked to do about a pollution finding. */
const ACT = '请责任单位核查原因、落实管控或整改措施，并按期报告进展。';

function itemWords(item: ExceedingItem): string {
  const unit = waterParameter(item.parameter as WaterParameterKey).unit;
  const shownUnit = unit === '无量纲' ? '' : ` ${unit}`;
  const multiple = item.exceedMultiple === null ? '' : `，超标 ${item.exceedMultiple} 倍`;
  return `${item.name} ${item.value}${shownUnit}（${roman(item.class)}类，限值 ${item.limit}${multiple}）`;
}

export function alertTitle(alert: AlertFacts): string {
  const d = alert.detail;
  switch (alert.kind) {
    case 'aqi_heavy':
      return `${alert.siteName}：空气质量${String(d.category)}（AQI ${String(d.aqi)}）`;
    case 'section_below_target':
      return `${alert.siteName}：水质${roman(d.class)}类，未达到目标${roman(d.targetClass)}类`;
    case 'drinking_exceedance':
      return `${alert.siteName}：饮用水水源地水质超过${roman(d.limitClass)}类标准`;
    case 'station_silent':
      return `${alert.siteName}：超过 ${String(d.thresholdHours)} 小时无监测数据`;
  }
}

/** What was found, when, by which standard: one paragraph. */
export function alertText(alert: AlertFacts): string {
  const d = alert.detail;
  const where = `${alert.siteName}（${alert.districtName}）`;
  const demo = alert.demo ? '（示例数据，仅供演示）' : '';
  const by = alert.standard ? `按 ${alert.standard} 评价。` : '';
  switch (alert.kind) {
    case 'aqi_heavy': {
      const pollutants = (d.primaryPollutants as string[] | undefined)?.join('、') || '无';
      return `${where}${stamp(d.hour)}（小时结束时刻）实时空气质量指数 AQI 为 ${String(d.aqi)}，${String(d.category)}，首要污染物：${pollutants}。${by}自 ${stamp(alert.openedAt)} 起持续，最近一次 ${stamp(alert.lastSeenAt)}。${ACT}${demo}`;
    }
    case 'section_below_target':
    case 'drinking_exceedance': {
      const origin = d.origin === 'manual' ? '手工监测' : '自动监测当日均值';
      const items = (d.exceeding as ExceedingItem[]).map(itemWords).join('；');
      const target = alert.kind === 'section_below_target' ? `目标${roman(d.targetClass)}类` : `按${roman(d.limitClass)}类标准评价`;
      return `${where}${stamp(d.sampledAt)} ${origin}水质为${roman(d.class)}类，${target}。超标项目：${items}。${by}${ACT}${demo}`;
    }
    case 'station_silent':
      return `${where}最后一次监测数据时间为 ${stamp(d.lastDataAt)}，已 ${String(d.hoursSilent)} 小时未收到数据（预警阈值 ${String(d.thresholdHours)} 小时）。请核查站点设备与数据传输。${demo}`;
  }
}

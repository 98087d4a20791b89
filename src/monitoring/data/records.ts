import type { Db } from '../../db/connect.ts';
import type { FieldProblem } from '../registry/site.ts';
import { sitesByCode } from '../registry/store.ts';
import { cstIso, isWholeHour, parseMonitoringTime } from './time.ts';

export type Medium = 'air' | 'water';
export type Series = 'air' | 'manual' | 'automatic';
export type Review = 'raw' | 'audited';

export interface Parameter {
  code: string;
  medium: Medium;
  name: string;
  unit: string;
  optional: boolean;
  signed: boolean;
}

export async function loadParameters(db: Db, medium?: Medium): Promise<Parameter[]> {
  let query = db.selectFrom('monitoring_parameter').select(['code', 'medium', 'name', 'unit', 'optional', 'signed']);
  if (medium) query = query.where('medium', '=', medium);
  return query.orderBy('medium').orderBy('position').execute();
}

/**
 * One station-hour (air) or one sample (water) as a push or a file row gives it: the site's code,
 * the time, the values by parameter code, and the reason for each value that is invalid.
 */
export interface RecordInput {
  site: string;
  at: string;
  /** Water only: 手工 (manual, default) or 自动 (automatic). */
  mode?: 'manual' | 'automatic';
  review?: Review;
  values: Record<string, number | string | null>;
  invalid?: Record<string, string>;
}

/** One value ready to write. */
export interface Observation {
  siteId: number;
  series: Series;
  /** ISO 8601, CST. */
  at: string;
  ms: number;
  parameter: string;
  value: string | null;
  valid: boolean;
  invalidReason: string | null;
  review: Review;
}

/** Where a record and its fields stand in what the user sent, for messages. */
export interface Locator {
  record(index: number): string;
  field(index: number, field: string): string;
}

const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** A number as written, kept exact: "2.20" stays "2.20"; a JS number is written as its shortest form. */
function decimalOf(value: number | string): string | null {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value.trim();
  return DECIMAL.test(text) ? text : null;
}

/**
 * Checks a batch whole and turns it into values: every problem is reported with where it is (no
 * value is written unless none is found). Sites must exist and be of the medium's kind; times are
 * whole hours for hourly and automatic data; parameters are the medium's; a value is a decimal,
 * not negative unless the parameter is signed (temperatures); the same value twice is refused.
 */
export async function checkRecords(
  db: Db,
  medium: Medium,
  inputs: readonly RecordInput[],
  at: Locator,
): Promise<{ observations: Observation[]; problems: FieldProblem[] }> {
  const parameters = new Map((await loadParameters(db, medium)).map((p) => [p.code, p]));
  const sites = await sitesByCode(db, inputs.map((r) => r.site));
  const problems: FieldProblem[] = [];
  const observations: Observation[] = [];
  const seen = new Map<string, string>();
  inputs.forEach((input, index) => {
    const add = (field: string | null, message: string) => problems.push({ field: field === null ? at.record(index) : at.field(index, field), message });
    const site = sites.get(input.site);
    if (!input.site) add('site', '必填');
    else if (!site) add('site', `点位编码 ${input.site} 未登记`);
    else if (medium === 'air' ? site.kind !== 'air' : site.kind === 'air') add('site', medium === 'air' ? `${input.site} 不是空气监测站` : `${input.site} 不是地表水断面或饮用水水源地`);
    const series: Series = medium === 'air' ? 'air' : (input.mode ?? 'manual');
    const time = input.at ? parseMonitoringTime(input.at) : null;
    if (!input.at) add('at', '必填');
    else if (!time) add('at', `「${input.at}」不是时间（如 2026-03-01 01:00，中国标准时间）`);
    else if (series !== 'manual' && (time.dateOnly || !isWholeHour(time.ms))) add('at', `「${input.at}」应为整点（时段结束时刻，中国标准时间）`);
    const invalid = input.invalid ?? {};
    for (const code of Object.keys(invalid)) {
      if (!parameters.has(code)) add(`invalid.${code}`, `未知的监测项目 ${code}`);
      else if (!invalid[code]?.trim()) add(`invalid.${code}`, '无效原因不能为空');
    }
    let count = 0;
    for (const [code, raw] of Object.entries(input.values)) {
      const parameter = parameters.get(code);
      if (!parameter) {
        add(`values.${code}`, `未知的监测项目 ${code}`);
        continue;
      }
      const reason = invalid[code]?.trim() || null;
      const empty = raw === null || (typeof raw === 'string' && raw.trim() === '');
      if (empty && reason === null) continue;
      const value = empty ? null : decimalOf(raw);
      if (!empty && value === null) {
        add(`values.${code}`, `「${raw}」不是数值`);
        continue;
      }
      if (value !== null && !parameter.signed && value.trim().startsWith('-') && Number(value) !== 0) {
        add(`values.${code}`, `${parameter.name} 不能为负数`);
        continue;
      }
      count += 1;
      if (!site || !time) continue;
      const iso = cstIso(time.ms);
      const key = `${site.id}|${series}|${time.ms}|${code}`;
      const earlier = seen.get(key);
      if (earlier) {
        add(`values.${code}`, `与${earlier}重复（同一点位、时间、项目）`);
        continue;
      }
      seen.set(key, at.record(index));
      observations.push({ siteId: site.id, series, at: iso, ms: time.ms, parameter: code, value, valid: reason === null, invalidReason: reason, review: input.review ?? 'raw' });
    }
    for (const code of Object.keys(invalid)) {
      if (parameters.has(code) && invalid[code]?.trim() && !(code in input.values)) {
        count += 1;
        if (site && time) observations.push({ siteId: site.id, series, at: cstIso(time.ms), ms: time.ms, parameter: code, value: null, valid: false, invalidReason: invalid[code]!.trim(), review: input.review ?? 'raw' });
      }
    }
    if (count === 0) add(null, '没有监测值');
  });
  return { observations, problems };
}

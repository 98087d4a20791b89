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

/** Remembers the values a batch has given so far, to refuse the same value twice. */
export interface SeenValues {
  /** The record that gave the same site, series, time and parameter earlier; else remembers this one. */
  earlier(siteId: number, series: Series, ms: number, parameter: string, index: number): number | undefined;
}

/** Every value's key as text: simple, for batches that fit in memory anyway. */
export function seenByKey(): SeenValues {
  const seen = new Map<string, number>();
  return {
    earlier(siteId, series, ms, parameter, index) {
      const key = `${siteId}|${series}|${ms}|${parameter}`;
      const found = seen.get(key);
      if (found === undefined) seen.set(key, index);
      return found;
    },
  };
}

export type SiteLookup = (code: string) => { id: number; kind: string } | undefined;

/**
 * The check of one record, for batches read a record at a time: problems go to `problem` with where
 * they are, and each good value to `value`. Sites must exist and be of the medium's kind; times are
 * whole hours for hourly and automatic data; parameters are the medium's; a value is a decimal, not
 * negative unless the parameter is signed (temperatures); the same value twice is refused.
 */
export function recordChecker(
  medium: Medium,
  parameters: ReadonlyMap<string, Parameter>,
  siteOf: SiteLookup,
  at: Locator,
  seen: SeenValues,
): (input: RecordInput, index: number, problem: (problem: FieldProblem) => void, value: (observation: Observation) => void) => void {
  return (input, index, problem, value) => {
    const add = (field: string | null, message: string) => problem({ field: field === null ? at.record(index) : at.field(index, field), message });
    const site = input.site ? siteOf(input.site) : undefined;
    if (!input.site) add('site', '必填');
    else if (!site) add('site', `点位编码 ${input.site} 未登记`);
    else if (medium === 'air' ? site.kind !== 'air' : site.kind === 'air') add('site', medium === 'air' ? `${input.site} 不是空气监测站` : `${input.site} 不是地表水断面或饮用水水源地`);
    const series: Series = medium === 'air' ? 'air' : (input.mode ?? 'manual');
    const time = input.at ? parseMonitoringTime(input.at) : null;
    if (!input.at) add('at', '必填');
    else if (!time) add('at', `「${input.at}」不是时间（如 2026-03-01 01:00，中国标准时间）`);
    else if (series !== 'manual' && (time.dateOnly || !isWholeHour(time.ms))) add('at', `「${input.at}」应为整点（时段结束时刻，中国标准时间）`);
    const iso = time ? cstIso(time.ms) : '';
    const review = input.review ?? 'raw';
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
      const decimal = empty ? null : decimalOf(raw);
      if (!empty && decimal === null) {
        add(`values.${code}`, `「${raw}」不是数值`);
        continue;
      }
      if (decimal !== null && !parameter.signed && decimal.trim().startsWith('-') && Number(decimal) !== 0) {
        add(`values.${code}`, `${parameter.name} 不能为负数`);
        continue;
      }
      count += 1;
      if (!site || !time) continue;
      const earlier = seen.earlier(site.id, series, time.ms, code, index);
      if (earlier !== undefined) {
        add(`values.${code}`, `与${at.record(earlier)}重复（同一点位、时间、项目）`);
        continue;
      }
      value({ siteId: site.id, series, at: iso, ms: time.ms, parameter: code, value: decimal, valid: reason === null, invalidReason: reason, review });
    }
    for (const code of Object.keys(invalid)) {
      if (parameters.has(code) && invalid[code]?.trim() && !(code in input.values)) {
        count += 1;
        if (site && time) value({ siteId: site.id, series, at: iso, ms: time.ms, parameter: code, value: null, valid: false, invalidReason: invalid[code]!.trim(), review });
      }
    }
    if (count === 0) add(null, '没有监测值');
  };
}

/** Checks a batch whole and turns it into values: every problem is reported with where it is. */
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
  const check = recordChecker(medium, parameters, (code) => sites.get(code), at, seenByKey());
  inputs.forEach((input, index) =>
    check(input, index, (p) => problems.push(p), (o) => observations.push(o)),
  );
  return { observations, problems };
}

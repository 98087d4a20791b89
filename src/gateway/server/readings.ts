/**
 * An upload of values (2011 实时数据, 2051 分钟数据, 2061 小时数据, 2031 日数据) as the gateway's readings:
 * one row per factor code with its values exactly as sent, in the device's unit, and its flag judged
 * through the device's flag profile. Codes the device's mapping does not name are kept too: readings are
 * the raw record, the monitoring store is the curated one. Pure: no I/O.
 *
 * DataTime is Beijing time (CST, +08:00), as SystemTime is (§6.7). For 2051/2061/2031 it is the START of
 * the minute/hour/day (C.17) and must be aligned to it; for 2011 it is the sampling instant.
 */
import { cpValue, type CpGroup } from '../codec/cp.ts';
import { fail, ok, type Result } from '../codec/result.ts';
import { flagVerdict } from './flag-profiles.ts';

export const READING_CNS = ['2011', '2051', '2061', '2031'] as const;
export type ReadingCn = (typeof READING_CNS)[number];

export function isReadingCn(cn: string): cn is ReadingCn {
  return (READING_CNS as readonly string[]).includes(cn);
}

/** What the DataTime of each upload stands for. */
const PERIOD: Record<ReadingCn, 'instant' | 'minute' | 'hour' | 'day'> = { '2011': 'instant', '2051': 'minute', '2061': 'hour', '2031': 'day' };
const PERIOD_MS = { instant: 0, minute: 60_000, hour: 3600_000, day: 86_400_000 } as const;
const PERIOD_NAME = { minute: '整分', hour: '整点', day: '零点' } as const;

/** Fields that have a column of their own; every other field of a code goes to `extra`. */
const VALUE_COLUMNS = { Rtd: 'rtd', Avg: 'avg', Min: 'min', Max: 'max', Cou: 'cou', ZsRtd: 'zsRtd', ZsAvg: 'zsAvg' } as const;
type ValueColumn = (typeof VALUE_COLUMNS)[keyof typeof VALUE_COLUMNS];

/** Decimal text as HJ 212 writes numbers (N14.2 …: sign, digits, point); kept as text, never a float. */
const DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

export function isDecimalText(text: string): boolean {
  return DECIMAL.test(text);
}

/** One factor's values in one upload (a row of gateway_reading). */
export interface Reading extends Record<ValueColumn, string | null> {
  factorCode: string;
  flag: string | null;
  valid: boolean;
  invalidReason: string | null;
  /** Fields beyond the value columns (SampleTime, EFlag, ZsMin, ZsMax, ValidNum …), verbatim. */
  extra: Record<string, string> | null;
}

export interface Readings {
  /** DataTime in ms: the period's start, or the sampling instant for 2011. */
  dataTime: number;
  /** The period's end in ms (= dataTime for 2011). */
  periodEnd: number;
  readings: Reading[];
}

export type ReadingsFault =
  | { code: 'no_data_time' }
  | { code: 'invalid_data_time'; dataTime: string }
  | { code: 'misaligned'; dataTime: string; period: 'minute' | 'hour' | 'day' };

const CST_MS = 8 * 3600_000;

const FOURTEEN_DIGITS = /^[0-9]{14}$/;

/** DataTime (YYYYMMDDhhmmss, CST) in ms, or the fault: not a real time, or not the start of its period. */
export function dataTimeOf(cn: ReadingCn, dataTime: string): Result<number, ReadingsFault> {
  if (!FOURTEEN_DIGITS.test(dataTime)) return fail({ code: 'invalid_data_time', dataTime });
  // Read by position, without capture groups: every upload's DataTime passes here.
  const digits = (from: number, to: number) => Number(dataTime.slice(from, to));
  const [year, month, day, hour, minute, second] = [digits(0, 4), digits(4, 6), digits(6, 8), digits(8, 10), digits(10, 12), digits(12, 14)];
  const utc = Date.UTC(year, month - 1, day, hour, minute, second);
  const back = new Date(utc);
  // Date.UTC rolls 30 February into March and hour 24 into the next day: a real time reads back the same.
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day || back.getUTCHours() !== hour || minute > 59 || second > 59) {
    return fail({ code: 'invalid_data_time', dataTime });
  }
  const period = PERIOD[cn];
  // Aligned in CST: the start of a Beijing day is 00:00 there, so the UTC offset must not enter the test.
  if (period !== 'instant' && utc % PERIOD_MS[period] !== 0) return fail({ code: 'misaligned', dataTime, period });
  return ok(utc - CST_MS);
}

/** The refusal in words, for the malformed-packet log and count. */
export function describeReadingsFault(cn: string, fault: ReadingsFault): string {
  if (fault.code === 'no_data_time') return `CN=${cn} 的数据缺少 DataTime`;
  if (fault.code === 'invalid_data_time') return `CN=${cn} 的 DataTime=${fault.dataTime} 不是有效时间`;
  return `CN=${cn} 的 DataTime=${fault.dataTime} 不是${PERIOD_NAME[fault.period]}`;
}

export function readingsOf(cn: ReadingCn, cp: readonly CpGroup[], flagProfile: string): Result<Readings, ReadingsFault> {
  const sent = cpValue(cp, 'DataTime');
  if (sent === undefined) return fail({ code: 'no_data_time' });
  const time = dataTimeOf(cn, sent);
  if (!time.ok) return time;

  // A factor's fields may come in one group or several; the first value sent for a field is the one kept.
  const fields = new Map<string, Map<string, string>>();
  for (const group of cp) {
    for (const field of group) {
      if (field.code === null) continue;
      const factor = fields.get(field.code) ?? new Map<string, string>();
      if (!factor.has(field.name)) factor.set(field.name, field.value);
      fields.set(field.code, factor);
    }
  }

  const readings = [...fields].map(([factorCode, values]) => reading(factorCode, values, flagProfile));
  return ok({ dataTime: time.value, periodEnd: time.value + PERIOD_MS[PERIOD[cn]], readings });
}

function reading(factorCode: string, values: ReadonlyMap<string, string>, flagProfile: string): Reading {
  const row: Reading = { factorCode, rtd: null, avg: null, min: null, max: null, cou: null, zsRtd: null, zsAvg: null, flag: null, valid: true, invalidReason: null, extra: null };
  const reasons: string[] = [];
  const extra: Record<string, string> = {};
  for (const [name, value] of values) {
    if (name === 'Flag') row.flag = value === '' ? null : value;
    else if (Object.hasOwn(VALUE_COLUMNS, name)) {
      if (value === '') continue;
      // An unreadable number is no number: the row says why, and the raw text stays in the receipt.
      if (isDecimalText(value)) row[VALUE_COLUMNS[name as keyof typeof VALUE_COLUMNS]] = value;
      else reasons.push(`数值无法识别：${name}=${value}`);
    } else extra[name] = value;
  }
  const verdict = flagVerdict(flagProfile, row.flag);
  if (verdict.reason !== null) reasons.unshift(verdict.reason);
  row.valid = verdict.valid && reasons.length === 0;
  row.invalidReason = reasons.length === 0 ? null : reasons.join('；');
  row.extra = Object.keys(extra).length === 0 ? null : extra;
  return row;
}

/**
 * An hour-data upload (2061 小时数据) as the store's values: each mapped factor's `-Avg` at the station
 * and hour, in the store's unit. A value is valid only with no flag or a flag the device's flag profile
 * counts as valid (N in HJ 212 Table 8); any other flag makes it invalid with the flag and its meaning as
 * the reason (the raw segment is kept with the receipt). Pure: the caller gives the device's mapping, its
 * flag profile and the store's parameters.
 */
import { cpValue, type CpGroup } from '../codec/cp.ts';
import type { CodeMapping } from '../devices/code-mapping.ts';
import type { Observation } from '../../monitoring/data/records.ts';
import { cstIso } from '../../monitoring/data/time.ts';
import { flagVerdict } from './flag-profiles.ts';
import { hourEndOfDataTime } from './hour.ts';
import { isDecimalText } from './readings.ts';
import { scaledValue } from './scaled-value.ts';

export interface HourData {
  /** End of the hour (CST) in ms. */
  ms: number;
  observations: Observation[];
  /** Factor codes sent that the device's mapping does not name: kept in the receipt, not stored. */
  unmapped: string[];
}

export type HourDataFault = { code: 'no_data_time' } | { code: 'not_an_hour'; dataTime: string };

export function hourData(
  cp: readonly CpGroup[],
  siteId: number,
  mapping: ReadonlyMap<string, CodeMapping>,
  signed: ReadonlySet<string>,
  flagProfile: string,
): { ok: true; value: HourData } | { ok: false; fault: HourDataFault } {
  const dataTime = cpValue(cp, 'DataTime');
  if (dataTime === undefined) return { ok: false, fault: { code: 'no_data_time' } };
  const ms = hourEndOfDataTime(dataTime);
  if (ms === null) return { ok: false, fault: { code: 'not_an_hour', dataTime } };
  const at = cstIso(ms);

  const factors = new Map<string, { avg?: string; flag?: string }>();
  for (const group of cp) {
    for (const field of group) {
      if (field.code === null || (field.name !== 'Avg' && field.name !== 'Flag')) continue;
      const factor = factors.get(field.code) ?? {};
      if (field.name === 'Avg') factor.avg = field.value;
      else factor.flag = field.value;
      factors.set(field.code, factor);
    }
  }

  const observations: Observation[] = [];
  const unmapped: string[] = [];
  for (const [code, { avg, flag }] of factors) {
    const target = mapping.get(code);
    if (!target) {
      unmapped.push(code);
      continue;
    }
    let reason = flagVerdict(flagProfile, flag).reason;
    let value: string | null = null;
    if (avg !== undefined && avg !== '') {
      if (!isDecimalText(avg)) reason ??= `数值无法识别：${avg}`;
      else {
        value = target.scale === '1' ? avg : scaledValue(avg, target.scale);
        if (!signed.has(target.parameter) && value.startsWith('-') && Number(value) !== 0) reason ??= '负值';
      }
    }
    if (value === null && reason === null) continue;
    observations.push({ siteId, series: 'air', at, ms, parameter: target.parameter, value, valid: reason === null, invalidReason: reason, review: 'raw' });
  }
  return { ok: true, value: { ms, observations, unmapped } };
}

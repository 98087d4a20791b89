import type { Db } from '../../db/connect.ts';
import { audited, type Actor } from '../../audit/store.ts';
import { problems } from '../../server/problem.ts';
import type { FieldProblem } from '../registry/site.ts';
import { ensureAirPartitions } from './partitions.ts';
import { ImportRefused } from './refused.ts';
import { checkRecords, loadParameters, type Locator, type Medium, type RecordInput, type Series } from './records.ts';
import { lockValue, setValue, writeObservations, type StoredValue } from './store.ts';
import { cstIso, parseMonitoringTime } from './time.ts';


export interface ImportResult {
  records: number;
  values: number;
  /** Values inserted or updated. */
  written: number;
  /** Values left as they were: corrected by hand, or audited against a raw copy. */
  kept: number;
  /** Month partitions created for this import. */
  partitions: string[];
}

const ENTITY: Record<Medium, string> = { air: 'monitoring_air_hourly', water: 'monitoring_water_sample' };

/**
 * Imports a batch (a file's rows or a push) whole or not at all: checked first, every problem
 * reported where it stands; then written in one transaction with one audit entry.
 */
export async function importRecords(
  db: Db,
  actor: Actor,
  medium: Medium,
  inputs: readonly RecordInput[],
  at: Locator,
  via: 'file' | 'push',
  /** Problems the caller found already (cells of a file it could not read): reported with the rest. */
  earlier: readonly FieldProblem[] = [],
): Promise<ImportResult> {
  const { observations, problems: found } = await checkRecords(db, medium, inputs, at);
  if (earlier.length + found.length > 0) throw new ImportRefused('数据', [...earlier, ...found]);
  const partitions = medium === 'air' ? await ensureAirPartitions(db, observations.map((o) => o.ms)) : [];
  return audited(db, actor, async (trx, audit) => {
    const written = await writeObservations(trx, medium, observations);
    // A loop, not Math.min(...): a year of a hundred stations is millions of values, beyond any argument list.
    let first = Infinity;
    let last = -Infinity;
    for (const o of observations) {
      if (o.ms < first) first = o.ms;
      if (o.ms > last) last = o.ms;
    }
    const result = { records: inputs.length, values: observations.length, written, kept: observations.length - written, partitions };
    await audit({
      action: via === 'file' ? 'import' : 'push',
      entity: ENTITY[medium],
      entityId: null,
      after: { ...result, sites: [...new Set(inputs.map((r) => r.site))], from: cstIso(first), to: cstIso(last) },
    });
    return result;
  });
}

export interface CorrectionInput {
  at: string;
  parameter: string;
  mode?: 'manual' | 'automatic';
  value: number | string | null;
  valid: boolean;
  invalidReason?: string | null;
  reason: string;
}

/**
 * Corrects one stored value by hand: the value as it was goes into monitoring_correction (the first
 * correction of a value keeps the value as received), the row is marked corrected so later imports
 * leave it, and the audit trail records who, why, before and after — all in one transaction.
 */
export async function correctValue(db: Db, actor: Actor, medium: Medium, siteId: number, input: CorrectionInput): Promise<{ before: StoredValue; after: StoredValue; at: string }> {
  const found: FieldProblem[] = [];
  const time = parseMonitoringTime(input.at);
  if (!time) found.push({ field: 'at', message: `「${input.at}」不是时间` });
  if (!input.reason.trim()) found.push({ field: 'reason', message: '请写明更正原因' });
  const parameter = (await loadParameters(db, medium)).find((p) => p.code === input.parameter);
  if (!parameter) found.push({ field: 'parameter', message: `未知的监测项目 ${input.parameter}` });
  const value = input.value === null || input.value === '' ? null : String(input.value).trim();
  if (value !== null && !/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(value)) found.push({ field: 'value', message: `「${value}」不是数值` });
  else if (value !== null && parameter && !parameter.signed && value.startsWith('-') && Number(value) !== 0) found.push({ field: 'value', message: '不能为负数' });
  if (input.valid && value === null) found.push({ field: 'value', message: '有效的值须有数值' });
  const invalidReason = input.valid ? null : input.invalidReason?.trim() || null;
  if (!input.valid && !invalidReason) found.push({ field: 'invalidReason', message: '标为无效须写明原因' });
  if (found.length > 0) throw problems.badRequest(found.map((f) => f.message).join('；'), found);
  const series: Series = medium === 'air' ? 'air' : (input.mode ?? 'manual');
  const at = cstIso(time!.ms);
  const after: StoredValue = { value, valid: input.valid, invalidReason };
  return audited(db, actor, async (trx, audit) => {
    const before = await lockValue(trx, series, siteId, at, input.parameter);
    if (!before) throw problems.notFound('该时间的监测值');
    if (before.value === after.value && before.valid === after.valid && before.invalidReason === after.invalidReason) {
      throw problems.badRequest('更正后的值与现值相同', [{ field: 'value', message: '与现值相同' }]);
    }
    await trx
      .insertInto('monitoring_correction')
      .values({
        site_id: siteId,
        series,
        at,
        parameter: input.parameter,
        before_value: before.value,
        before_valid: before.valid,
        before_reason: before.invalidReason,
        after_value: after.value,
        after_valid: after.valid,
        after_reason: after.invalidReason,
        reason: input.reason.trim(),
        actor_id: actor.id,
        actor_name: actor.name,
      })
      .execute();
    await setValue(trx, series, siteId, at, input.parameter, after);
    await audit({
      action: 'correct',
      entity: ENTITY[medium],
      entityId: `${siteId}/${series}/${at}/${input.parameter}`,
      before,
      after: { ...after, reason: input.reason.trim() },
    });
    return { before, after, at };
  });
}

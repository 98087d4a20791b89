import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { Database } from '../db/schema.ts';
import { audited, type Actor } from '../audit/store.ts';
import { organisationScope, type Principal } from '../auth/access.ts';
import { HttpProblem, problems } from '../server/problem.ts';
import { checkEvidence } from '../tasks/evidence.ts';
import { bindingStatus } from './bindings.ts';
import type { Binding, Period, QualitativeStatus } from './model.ts';
import { cityScopeId } from './scope.ts';
import { valueEdit, valueTransition, type ValueAction, type ValueStanding, type ValueState } from './value-workflow.ts';

export interface ValueInput {
  scopeId?: number;
  year: number;
  period?: Period;
  value?: number | null;
  status?: QualitativeStatus | null;
  source: string;
  note?: string | null;
}

/** How the user stands to an indicator: which scopes they may enter, whether they review. */
export interface IndicatorStanding {
  enters: boolean;
  reviews: boolean;
  manages: boolean;
  /** Organisations whose values the user may enter: the city for a municipal unit, their district for a district. */
  scopes: number[];
}

async function scopeOrNone(db: Db, principal: Principal, permission: 'targets.enter' | 'targets.review' | 'targets.manage'): Promise<number[] | null | 'none'> {
  try {
    return await organisationScope(db, principal, permission);
  } catch {
    return 'none';
  }
}

export async function indicatorStanding(db: Db, principal: Principal, indicatorId: number): Promise<IndicatorStanding> {
  const [enterScope, reviewScope, manageScope, units, cityId] = await Promise.all([
    scopeOrNone(db, principal, 'targets.enter'),
    scopeOrNone(db, principal, 'targets.review'),
    scopeOrNone(db, principal, 'targets.manage'),
    db
      .selectFrom('indicator_target_unit as u')
      .innerJoin('indicator_target as t', 't.id', 'u.target_id')
      .select(['u.organisation_id', 'u.role'])
      .where('t.indicator_id', '=', indicatorId)
      .execute(),
    cityScopeId(db),
  ]);
  const own = principal.user.organisationId;
  const named = (roles: string[]) => units.some((u) => u.organisation_id === own && roles.includes(u.role));
  // 'all' (null) is the coordinator's standing: every indicator, every scope.
  const enters = enterScope === null || (enterScope !== 'none' && named(['lead', 'responsible']));
  const reviews = reviewScope === null || (reviewScope !== 'none' && named(['lead']));
  let scopes: number[] = [];
  if (enterScope === null) {
    scopes = (await db.selectFrom('organisation').select('id').where('kind', 'in', ['city', 'district']).execute()).map((o) => o.id);
  } else if (enters && own !== null) {
    const org = await db.selectFrom('organisation').select(['id', 'kind']).where('id', '=', own).executeTakeFirst();
    scopes = [org?.kind === 'district' ? org.id : cityId];
  }
  return { enters, reviews, manages: manageScope === null, scopes };
}

interface ValueRow {
  id: number;
  indicator_id: number;
  scope_id: number;
  state: ValueState;
  entered_by: number | null;
  value: string | null;
  status: string | null;
  source: string;
  note: string | null;
  year: number;
  period: string;
}

async function valueRow(db: Db | Transaction<Database>, id: number): Promise<ValueRow> {
  const row = await db
    .selectFrom('indicator_value')
    .select(['id', 'indicator_id', 'scope_id', 'state', 'entered_by', 'value', 'status', 'source', 'note', 'year', 'period'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw problems.notFound('指标数值');
  return row as ValueRow;
}

const refuse = (r: { status: number; title: string }) => new HttpProblem(r.status, r.title);
const plain = (row: Pick<ValueRow, 'value' | 'status' | 'source' | 'note' | 'state'>) => ({
  value: row.value === null ? null : Number(row.value),
  status: row.status,
  source: row.source,
  note: row.note,
  state: row.state,
});

function checkInput(input: Pick<ValueInput, 'value' | 'status'>, qualitative: boolean): void {
  if (qualitative && !input.status) throw problems.badRequest('定性指标须填写完成状态', [{ field: 'status', message: '必填' }]);
  if (!qualitative && (input.value === undefined || input.value === null)) throw problems.badRequest('请填写数值', [{ field: 'value', message: '必填' }]);
}

async function recordEvent(
  trx: Transaction<Database>,
  actor: Actor,
  valueId: number,
  event: { action: string; from: ValueState | null; to: ValueState; before?: unknown; after?: unknown; reason?: string | null },
): Promise<void> {
  await trx
    .insertInto('indicator_value_event')
    .values({
      value_id: valueId,
      action: event.action,
      from_state: event.from,
      to_state: event.to,
      before: event.before === undefined ? null : JSON.stringify(event.before),
      after: event.after === undefined ? null : JSON.stringify(event.after),
      reason: event.reason ?? null,
      actor_id: actor.id,
      actor_name: actor.name,
    })
    .execute();
}

/** Enters a value as a draft for one scope and period; a second value for the same period is a conflict. */
export async function enterValue(db: Db, actor: Actor, principal: Principal, indicatorKey: string, input: ValueInput): Promise<{ id: number }> {
  const indicator = await db.selectFrom('indicator').select(['id', 'direction', 'binding', 'formula']).where('key', '=', indicatorKey).executeTakeFirst();
  if (!indicator) throw problems.notFound('指标');
  const binding = indicator.binding as Binding | null;
  // A value computed from task states is never also entered: two sources for one figure would disagree.
  // A monitoring measure is computed only for the years the store holds data for; the years before the
  // platform (公报 figures) are entered, and a computed year takes precedence over an entered one.
  if (binding?.module === 'tasks' && bindingStatus(binding) === 'active') throw new HttpProblem(409, '该指标由任务督办自动计算，不能手工填报');
  if (indicator.formula) throw new HttpProblem(409, '该指标由公式计算，请填报公式中的各项指标');
  const standing = await indicatorStanding(db, principal, indicator.id);
  if (!standing.enters) throw new HttpProblem(403, '只有该指标的牵头或责任单位可以填报');
  const scopeId = input.scopeId ?? standing.scopes[0];
  if (scopeId === undefined || !standing.scopes.includes(scopeId)) {
    throw problems.badRequest('不能填报该范围的数值', [{ field: 'scopeId', message: '只能填报本单位所在范围（全市或本县区）' }]);
  }
  checkInput(input, indicator.direction === 'none');
  const period = input.period ?? 'year';
  const taken = await db
    .selectFrom('indicator_value')
    .select('id')
    .where('indicator_id', '=', indicator.id)
    .where('scope_id', '=', scopeId)
    .where('year', '=', input.year)
    .where('period', '=', period)
    .executeTakeFirst();
  if (taken) throw new HttpProblem(409, '该期数值已填报', `请修改已有的数值（编号 ${taken.id}）`);
  return audited(db, actor, async (trx, audit) => {
    const row = await trx
      .insertInto('indicator_value')
      .values({
        indicator_id: indicator.id,
        scope_id: scopeId,
        year: input.year,
        period,
        value: input.value ?? null,
        status: input.status ?? null,
        source: input.source,
        note: input.note ?? null,
        entered_by: actor.id,
        entered_org: principal.user.organisationId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const after = { indicator: indicatorKey, scopeId, year: input.year, period, value: input.value ?? null, status: input.status ?? null, source: input.source };
    await recordEvent(trx, actor, row.id, { action: 'enter', from: null, to: 'draft', after });
    await audit({ action: 'create', entity: 'indicator_value', entityId: row.id, after });
    return { id: row.id };
  });
}

async function valueStanding(db: Db, principal: Principal, row: ValueRow): Promise<ValueStanding & { scopes: number[] }> {
  const standing = await indicatorStanding(db, principal, row.indicator_id);
  return {
    enters: standing.enters && standing.scopes.includes(row.scope_id),
    reviews: standing.reviews,
    enteredIt: row.entered_by === principal.user.id,
    scopes: standing.scopes,
  };
}

/** Changes a value; an approved one only with a reason, and back to review unless a reviewer changes it. */
export async function editValue(
  db: Db,
  actor: Actor,
  principal: Principal,
  id: number,
  change: { value?: number | null; status?: QualitativeStatus | null; source?: string; note?: string | null; reason?: string | null },
): Promise<{ state: ValueState }> {
  const row = await valueRow(db, id);
  const standing = await valueStanding(db, principal, row);
  const verdict = valueEdit(row.state, standing, change.reason ?? null);
  if ('status' in verdict && typeof verdict.status === 'number') throw refuse(verdict);
  const to = (verdict as { to: ValueState }).to;
  const indicator = await db.selectFrom('indicator').select('direction').where('id', '=', row.indicator_id).executeTakeFirstOrThrow();
  const next = {
    value: change.value === undefined ? row.value : change.value,
    status: change.status === undefined ? row.status : change.status,
    source: change.source ?? row.source,
    note: change.note === undefined ? row.note : change.note,
  };
  checkInput({ value: next.value === null ? null : Number(next.value), status: next.status as QualitativeStatus | null }, indicator.direction === 'none');
  return audited(db, actor, async (trx, audit) => {
    const updated = await trx
      .updateTable('indicator_value')
      .set({
        value: next.value === null ? null : Number(next.value),
        status: next.status as QualitativeStatus | null,
        source: next.source,
        note: next.note,
        state: to,
        updated_at: new Date(),
        ...(to === 'submitted' ? { submitted_at: new Date(), reviewed_by: null, reviewed_at: null } : {}),
      })
      .where('id', '=', id)
      .where('state', '=', row.state)
      .returning('id')
      .executeTakeFirst();
    if (!updated) throw new HttpProblem(409, '数值已被他人处理，请刷新后重试');
    const before = plain(row);
    const after = { ...plain({ ...row, ...next, value: next.value === null ? null : String(next.value) }), state: to };
    await recordEvent(trx, actor, id, { action: row.state === 'approved' ? 'amend' : 'edit', from: row.state, to, before, after, reason: change.reason ?? null });
    await audit({ action: 'update', entity: 'indicator_value', entityId: id, before, after: { ...after, reason: change.reason ?? null } });
    return { state: to };
  });
}

export async function transitionValue(db: Db, actor: Actor, principal: Principal, id: number, action: ValueAction, reason: string | null): Promise<{ state: ValueState }> {
  const row = await valueRow(db, id);
  const standing = await valueStanding(db, principal, row);
  const verdict = valueTransition(row.state, action, standing, reason);
  if (!('to' in verdict)) throw refuse(verdict);
  return audited(db, actor, async (trx, audit) => {
    const now = new Date();
    const updated = await trx
      .updateTable('indicator_value')
      .set({
        state: verdict.to,
        updated_at: now,
        ...(action === 'submit' ? { submitted_at: now } : { reviewed_by: actor.id, reviewed_at: now, review_reason: reason }),
      })
      .where('id', '=', id)
      .where('state', '=', row.state)
      .returning('id')
      .executeTakeFirst();
    if (!updated) throw new HttpProblem(409, '数值已被他人处理，请刷新后重试');
    await recordEvent(trx, actor, id, { action, from: row.state, to: verdict.to, reason });
    await audit({ action, entity: 'indicator_value', entityId: id, before: { state: row.state }, after: { state: verdict.to, reason } });
    return { state: verdict.to };
  });
}

/** Evidence of a value, by whoever may enter it, while it is not locked. */
export async function addValueEvidence(db: Db, actor: Actor, principal: Principal, id: number, file: { name: string; content: Buffer }): Promise<{ id: number; sha256: string; mediaType: string }> {
  const row = await valueRow(db, id);
  const standing = await valueStanding(db, principal, row);
  if (!standing.enters) throw new HttpProblem(403, '只有责任单位可以上传佐证材料');
  if (row.state === 'approved' || row.state === 'submitted') throw new HttpProblem(409, '已报送或已审核的数值不能再添加佐证材料');
  const checked = checkEvidence(file.name, file.content);
  if ('refused' in checked) throw problems.badRequest(checked.refused, [{ field: 'file', message: checked.refused }]);
  const sha256 = createHash('sha256').update(file.content).digest('hex');
  return audited(db, actor, async (trx, audit) => {
    const evidence = await trx
      .insertInto('indicator_value_evidence')
      .values({ value_id: id, file_name: file.name, media_type: checked.mediaType, size: file.content.length, sha256, content: file.content, uploaded_by: actor.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit({ action: 'create', entity: 'indicator_value_evidence', entityId: evidence.id, after: { valueId: id, fileName: file.name, sha256, size: file.content.length } });
    return { id: evidence.id, sha256, mediaType: checked.mediaType };
  });
}

/** The province's figure for a 完成省考核目标 target in a year: entered or corrected by the coordinator. */
export async function setExternalFigure(db: Db, actor: Actor, targetId: number, year: number, figure: { value: number; source: string }): Promise<void> {
  const target = await db.selectFrom('indicator_target').select(['id', 'target']).where('id', '=', targetId).executeTakeFirst();
  if (!target) throw problems.notFound('目标');
  if ((target.target as { kind: string }).kind !== 'external') throw new HttpProblem(409, '该目标不是由上级下达的目标，不能录入省定目标值');
  const before = await db.selectFrom('indicator_external_figure').select(['value', 'source']).where('target_id', '=', targetId).where('year', '=', year).executeTakeFirst();
  await audited(db, actor, async (trx, audit) => {
    await trx
      .insertInto('indicator_external_figure')
      .values({ target_id: targetId, year, value: figure.value, source: figure.source, entered_by: actor.id })
      .onConflict((oc) => oc.columns(['target_id', 'year']).doUpdateSet({ value: figure.value, source: figure.source, entered_by: actor.id, entered_at: new Date() }))
      .execute();
    await audit({
      action: before ? 'update' : 'create',
      entity: 'indicator_external_figure',
      entityId: targetId,
      before: before ? { year, value: Number(before.value), source: before.source } : undefined,
      after: { year, ...figure },
    });
  });
}

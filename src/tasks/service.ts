import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import { audited, type Actor } from '../audit/store.ts';
import type { Principal } from '../auth/access.ts';
import { scopeOf } from '../auth/roles.ts';
import { HttpProblem, problems } from '../server/problem.ts';
import { getSetting, SETTING_KEYS } from '../settings/store.ts';
import { DEFAULT_THRESHOLDS, type ColourThresholds } from './colour.ts';
import { checkEvidence } from './evidence.ts';
import { loadItems, type ItemQuery, type TaskItem } from './store.ts';
import { missedReport, SCHEDULES } from './schedule.ts';
import { nextState, type Standing, type TaskAction } from './workflow.ts';

export const DEFAULT_RECHECK_DAYS = [90, 180];

/** Today in the city's time zone: deadlines are the city's calendar days. */
export function cityToday(now = new Date(), timeZone = 'Asia/Shanghai'): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export async function items(db: Db, query: ItemQuery, today = cityToday()): Promise<TaskItem[]> {
  const [thresholds, coordinatorId] = await Promise.all([
    getSetting<ColourThresholds>(db, SETTING_KEYS.taskColourThresholds, DEFAULT_THRESHOLDS),
    getSetting<number | null>(db, SETTING_KEYS.coordinatorOrganisation, null),
  ]);
  return loadItems(db, query, today, thresholds, coordinatorId, today < cityToday());
}

export async function item(db: Db, id: number, today = cityToday()): Promise<TaskItem> {
  const [found] = await items(db, { ids: [id] }, today);
  if (!found) throw problems.notFound('督办事项');
  return found;
}

/**
 * How the user's organisation stands to the item; users without tasks.act stand nowhere. Only the
 * organisation the item names stands, never "all" (not even a coordinator) and never one above it:
 * 巴中市 is the parent of every unit and district, yet works and accepts none of their items, and
 * 销号 is the one acceptance unit's alone (004 五(三)).
 */
export function standingOf(principal: Principal, task: TaskItem): Standing {
  const own = principal.user.organisationId;
  if (scopeOf(principal.user.role, 'tasks.act') === null || own === null) return { responsible: false, acceptor: false };
  return {
    responsible: task.units.some((u) => u.role !== 'supervising' && u.organisationId === own),
    acceptor: task.acceptanceUnitId === own,
  };
}

function refuse(message: string, code: string): HttpProblem {
  if (code === 'not_allowed') return problems.forbidden(message);
  if (code === 'reason_required') return problems.badRequest(message, [{ field: 'reason', message }]);
  return new HttpProblem(409, '当前状态下不能执行此操作', message);
}

/** Someone else changed the item between reading and writing it: nothing was written. */
function stateChanged(): HttpProblem {
  return new HttpProblem(409, '事项状态已变化', '其他人刚刚处理了此事项，请刷新后重试');
}

export interface ReportInput {
  text: string;
  progress?: number | null;
  milestoneId?: number | null;
  quantity?: number | null;
}

/** 进度报告: by a lead or responsible unit; a first report starts the item, a report after 退回 resumes it. */
export async function fileReport(db: Db, actor: Actor, principal: Principal, id: number, input: ReportInput, today = cityToday()): Promise<{ reportId: number; late: boolean }> {
  const task = await item(db, id, today);
  const standing = await standingOf(principal, task);
  const result = nextState(task.state, 'report', { standing, ongoing: task.deadline.kind === 'ongoing' });
  if ('refused' in result) throw refuse(result.refused.message, result.refused.code);
  if (input.milestoneId !== undefined && input.milestoneId !== null) {
    const milestone = await db.selectFrom('task_milestone').select('id').where('id', '=', input.milestoneId).where('item_id', '=', id).executeTakeFirst();
    if (!milestone) throw problems.badRequest('该节点不属于此事项', [{ field: 'milestoneId', message: '节点不属于此事项' }]);
  }
  const list = await db.selectFrom('task_list').select(['report_schedule', sql<string>`start_date::text`.as('start_date')]).where('id', '=', task.listId).executeTakeFirstOrThrow();
  const earlier = await db.selectFrom('task_report').select(sql<string>`filed_on::text`.as('filed_on')).where('item_id', '=', id).execute();
  const late = missedReport(SCHEDULES[list.report_schedule] ?? SCHEDULES.quarterly!, list.start_date, earlier.map((r) => r.filed_on), today) !== null;
  return audited(db, actor, async (trx, audit) => {
    const report = await trx
      .insertInto('task_report')
      .values({
        item_id: id,
        organisation_id: principal.user.organisationId,
        author_id: principal.user.id,
        author_name: principal.user.displayName,
        filed_on: today,
        text: input.text,
        progress: input.progress ?? null,
        milestone_id: input.milestoneId ?? null,
        quantity: input.quantity ?? null,
        late,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const updated = await trx
      .updateTable('task_item')
      .set({ state: result.to, updated_at: new Date(), ...(input.progress !== undefined && input.progress !== null && { progress: input.progress }) })
      .where('id', '=', id)
      .where('state', '=', task.state)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) throw stateChanged();
    if (result.to !== task.state) {
      await trx
        .insertInto('task_transition')
        .values({ item_id: id, action: 'report', from_state: task.state, to_state: result.to, actor_id: principal.user.id, actor_name: principal.user.displayName, organisation_id: principal.user.organisationId })
        .execute();
    }
    await audit({ action: 'report', entity: 'task_item', entityId: id, before: { state: task.state, progress: task.progress }, after: { state: result.to, reportId: report.id, progress: input.progress ?? task.progress, late } });
    return { reportId: report.id, late };
  });
}

/** 佐证材料: checked by content, kept in the database; its SHA-256 goes into the audit trail. */
export async function addEvidence(
  db: Db,
  actor: Actor,
  principal: Principal,
  id: number,
  file: { name: string; content: Buffer; reportId?: number | null },
): Promise<{ id: number; sha256: string; mediaType: string }> {
  const task = await item(db, id);
  const standing = await standingOf(principal, task);
  if (!standing.responsible && !standing.acceptor) throw problems.forbidden('只有牵头、责任或验收单位可以上传佐证材料');
  const checked = checkEvidence(file.name, file.content);
  if ('refused' in checked) throw problems.badRequest(checked.refused, [{ field: 'file', message: checked.refused }]);
  if (file.reportId) {
    const report = await db.selectFrom('task_report').select('id').where('id', '=', file.reportId).where('item_id', '=', id).executeTakeFirst();
    if (!report) throw problems.badRequest('该报告不属于此事项', [{ field: 'reportId', message: '报告不属于此事项' }]);
  }
  const sha256 = createHash('sha256').update(file.content).digest('hex');
  const name = file.name.replace(/[\\/\u0000-\u001f]/g, '_').slice(0, 200);
  return audited(db, actor, async (trx, audit) => {
    const row = await trx
      .insertInto('task_evidence')
      .values({ item_id: id, report_id: file.reportId ?? null, file_name: name, media_type: checked.mediaType, size: file.content.length, sha256, content: file.content, uploaded_by: principal.user.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit({ action: 'upload', entity: 'task_evidence', entityId: row.id, after: { itemId: id, fileName: name, size: file.content.length, sha256, mediaType: checked.mediaType } });
    return { id: row.id, sha256, mediaType: checked.mediaType };
  });
}

/**
 * 申请销号 / 验收 / 退回 / 回头看. Acceptance schedules the re-checks; a failed re-check reopens the
 * item as 反弹 and drops the re-checks still pending.
 */
export async function act(db: Db, actor: Actor, principal: Principal, id: number, action: Exclude<TaskAction, 'report'>, reason: string | null, today = cityToday()): Promise<TaskItem> {
  const task = await item(db, id, today);
  const standing = await standingOf(principal, task);
  const result = nextState(task.state, action, { standing, ongoing: task.deadline.kind === 'ongoing', reason });
  if ('refused' in result) throw refuse(result.refused.message, result.refused.code);
  if (action === 'apply') {
    const evidence = await db.selectFrom('task_evidence').select('id').where('item_id', '=', id).limit(1).executeTakeFirst();
    if (!evidence) throw new HttpProblem(409, '请先上传佐证材料', '申请销号须附佐证材料 / evidence required to apply');
  }
  const recheckDays = await getSetting<number[]>(db, SETTING_KEYS.recheckIntervalsDays, DEFAULT_RECHECK_DAYS);
  await audited(db, actor, async (trx, audit) => {
    const updated = await trx.updateTable('task_item').set({ state: result.to, updated_at: new Date() }).where('id', '=', id).where('state', '=', task.state).executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) throw stateChanged();
    await trx
      .insertInto('task_transition')
      .values({ item_id: id, action, from_state: task.state, to_state: result.to, actor_id: principal.user.id, actor_name: principal.user.displayName, organisation_id: principal.user.organisationId, reason })
      .execute();
    if (action === 'accept') {
      await trx.insertInto('task_recheck').values(recheckDays.map((days) => ({ item_id: id, due_on: addDays(today, days) }))).execute();
    }
    if (action === 'recheck_pass' || action === 'recheck_fail') {
      const pending = await trx.selectFrom('task_recheck').select('id').where('item_id', '=', id).where('done_at', 'is', null).orderBy('due_on').limit(1).executeTakeFirst();
      const done = { done_at: new Date(), passed: action === 'recheck_pass', reason, actor_id: principal.user.id };
      if (pending) await trx.updateTable('task_recheck').set(done).where('id', '=', pending.id).execute();
      else await trx.insertInto('task_recheck').values({ item_id: id, due_on: today, ...done }).execute();
      if (action === 'recheck_fail') await trx.deleteFrom('task_recheck').where('item_id', '=', id).where('done_at', 'is', null).execute();
    }
    await audit({ action, entity: 'task_item', entityId: id, before: { state: task.state }, after: { state: result.to, reason } });
  });
  return item(db, id, today);
}

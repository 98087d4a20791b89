/**
 * 监测预警: the scan that opens, updates and closes alerts from the latest data, acknowledging an
 * alert, and opening a 督办 item (任务督办) for one.
 *
 * The scan gathers each site's state (store.ts; the real-time AQI from the air evaluation), asks the
 * rules (rules.ts) which conditions hold, and writes the difference in one transaction: a new
 * condition opens an alert, a continuing one updates its alert, an alert whose condition is over
 * closes. Opening and closing are audited; updates are not (they are the same alert, seen again).
 */
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { audited, SYSTEM_ACTOR, type Actor } from '../../audit/store.ts';
import type { Principal } from '../../auth/access.ts';
import { scopeOf } from '../../auth/roles.ts';
import { HttpProblem, problems } from '../../server/problem.ts';
import { getSetting, SETTING_KEYS } from '../../settings/store.ts';
import { cityToday } from '../../tasks/service.ts';
import { cstIso } from '../data/time.ts';
import { realtimeAqi, type RealtimeStation } from '../evaluation/service.ts';
import { alertConditions, DEFAULT_SILENT_HOURS, type AlertCondition, type SiteState } from './rules.ts';
import {
  alertRow,
  alertView,
  closeAlert,
  ecologyBureau,
  insertAlert,
  lastDataTimes,
  latestWater,
  linkTaskItem,
  markAcknowledged,
  openAlertRows,
  refreshAlert,
  scannedSites,
  type AlertView,
} from './store.ts';
import { alertText, alertTitle } from './text.ts';
import { factsOf } from './view.ts';

/** Any constant: scans (the timer's and a user's) take turns, so an alert is never opened twice. */
const SCAN_LOCK = 710_010;

export interface ScanResult {
  opened: number;
  updated: number;
  closed: number;
  /** Open alerts after the scan. */
  open: number;
}

/**
 * Each evaluation station's real-time AQI at its latest hour, under the standard in force then. The
 * areas the evaluation computes beside are not needed here; it wants the city to name them.
 */
async function realtimeStations(db: Db): Promise<RealtimeStation[]> {
  const city = await db.selectFrom('organisation').select(['id', 'name']).where('kind', '=', 'city').orderBy('id').executeTakeFirst();
  if (!city) return [];
  return (await realtimeAqi(db, undefined, { cityStations: 'national' }, city)).stations;
}

/** Every site's state at `now`, for the rules. */
async function siteStates(db: Db, now: Date): Promise<{ siteId: number; responsibleId: number; state: SiteState }[]> {
  const sites = await scannedSites(db);
  const silenceWatched = sites.filter((s) => s.kind !== 'air' && s.automatic).map((s) => s.id);
  const [lastData, water, realtime] = await Promise.all([
    lastDataTimes(db, sites.filter((s) => s.kind === 'air').map((s) => s.id), silenceWatched),
    latestWater(db, sites.filter((s) => s.kind !== 'air').map((s) => s.id)),
    realtimeStations(db),
  ]);
  const aqiOf = new Map(realtime.map((r) => [r.station.id, r]));
  return sites.map((site) => {
    const last = lastData.get(site.id);
    const aqi = aqiOf.get(site.id);
    const reading = water.get(site.id);
    return {
      siteId: site.id,
      responsibleId: site.responsibleId,
      state: {
        site,
        now: cstIso(now),
        lastData: last === undefined ? null : { at: cstIso(last), demo: false },
        aqi: aqi
          ? {
              at: aqi.at,
              standard: aqi.aqi.standard,
              aqi: aqi.aqi.aqi,
              category: aqi.aqi.category,
              primaryPollutants: aqi.aqi.primaryPollutants,
              iaqi: aqi.aqi.iaqi,
              demo: aqi.demo,
            }
          : null,
        water: reading ? { at: cstIso(reading.at), origin: reading.origin, values: reading.values, demo: reading.demo } : null,
      },
    };
  });
}

/** For a silent site, the condition is seen at the scan's time; for the others at the data's. */
const seenAt = (condition: AlertCondition, now: Date) => (condition.kind === 'station_silent' ? now : new Date(condition.at));

export async function scanAlerts(db: Db, now = new Date(), actor: Actor = SYSTEM_ACTOR): Promise<ScanResult> {
  const silentHours = await getSetting<number>(db, SETTING_KEYS.monitoringSilentHours, DEFAULT_SILENT_HOURS);
  const states = await siteStates(db, now);
  return audited(db, actor, async (trx, audit) => {
    await sql`SELECT pg_advisory_xact_lock(${SCAN_LOCK})`.execute(trx);
    const open = new Map((await openAlertRows(trx)).map((a) => [`${a.kind}:${a.siteId}`, a]));
    const result: ScanResult = { opened: 0, updated: 0, closed: 0, open: 0 };
    for (const { siteId, responsibleId, state } of states) {
      for (const condition of alertConditions(state, { silentHours })) {
        const key = `${condition.kind}:${siteId}`;
        const seen = { lastSeenAt: seenAt(condition, now), detail: condition.detail, standard: condition.standard, demo: condition.demo };
        const existing = open.get(key);
        if (existing) {
          open.delete(key);
          await refreshAlert(trx, existing.id, seen);
          result.updated += 1;
        } else {
          const alert = { kind: condition.kind, siteId, organisationId: responsibleId, openedAt: new Date(condition.at), ...seen };
          const id = await insertAlert(trx, alert);
          await audit({ action: 'open', entity: 'monitoring_alert', entityId: id, after: alert });
          result.opened += 1;
        }
        result.open += 1;
      }
    }
    // What is left open was not found again: its condition is over.
    for (const alert of open.values()) {
      await closeAlert(trx, alert.id, now);
      await audit({ action: 'close', entity: 'monitoring_alert', entityId: alert.id, before: { kind: alert.kind, siteId: alert.siteId, lastSeenAt: alert.lastSeenAt }, after: { closedAt: now } });
      result.closed += 1;
    }
    return result;
  });
}

/** Managers of monitoring, and the users of the answerable unit, acknowledge an alert. */
export async function acknowledgeAlert(db: Db, actor: Actor, principal: Principal, id: number): Promise<AlertView> {
  const alert = await alertRow(db, id);
  if (!alert) throw problems.notFound('预警');
  const manager = scopeOf(principal.user.role, 'monitoring.manage') !== null;
  if (!manager && principal.user.organisationId !== alert.organisationId) throw problems.forbidden('只有责任单位或监测管理人员可以确认此预警 / only the responsible unit or monitoring managers acknowledge');
  if (alert.acknowledgedAt === null) {
    await audited(db, actor, async (trx, audit) => {
      await markAcknowledged(trx, id, principal.user.id);
      await audit({ action: 'acknowledge', entity: 'monitoring_alert', entityId: id });
    });
  }
  return (await alertView(db, id))!;
}

export const ALERT_TASK_LIST = {
  key: 'monitoring-alerts',
  title: '环境监测预警督办',
  // An item lives about two weeks: monthly reports are the closest the task schedules come.
  reportSchedule: 'monthly',
  scheduleSource: '平台设定：监测预警督办事项按月报告进展',
  // Like the city's other lists, items are accepted by the coordinating body (市环委办).
  acceptance: 'coordinator',
  acceptanceSource: '平台设定：由综合协调机构验收销号',
} as const;
export const DEFAULT_SUPERVISION_DAYS = 15;

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Opens a 督办 item for an alert, in the list `monitoring-alerts` (made on first use): the alert's
 * unit responsible, the city's 生态环境局 leading, due in 15 days unless a date is given. An alert
 * has at most one item: asking again gives the one it has (`created: false`), so a second click is
 * harmless.
 */
export async function superviseAlert(db: Db, actor: Actor, id: number, dueDate?: string): Promise<{ taskItemId: number; created: boolean }> {
  const today = cityToday();
  const due = dueDate ?? addDays(today, DEFAULT_SUPERVISION_DAYS);
  if (due < today) throw problems.badRequest('完成时限不能早于今天', [{ field: 'dueDate', message: '不能早于今天' }]);
  const [view, lead] = await Promise.all([alertView(db, id), ecologyBureau(db)]);
  if (!view) throw problems.notFound('预警');
  if (!lead) throw new HttpProblem(409, '无法发起督办', '组织机构中没有生态环境局，无法确定牵头单位');
  return audited(db, actor, async (trx, audit) => {
    const alert = (await alertRow(trx, id, true))!;
    if (alert.taskItemId !== null) return { taskItemId: alert.taskItemId, created: false };
    await trx
      .insertInto('task_list')
      .values({
        key: ALERT_TASK_LIST.key,
        doc: null,
        title: ALERT_TASK_LIST.title,
        year: Number(today.slice(0, 4)),
        start_date: today,
        report_schedule: ALERT_TASK_LIST.reportSchedule,
        schedule_source: ALERT_TASK_LIST.scheduleSource,
        acceptance: ALERT_TASK_LIST.acceptance,
        acceptance_source: ALERT_TASK_LIST.acceptanceSource,
      })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    const list = await trx.selectFrom('task_list').select('id').where('key', '=', ALERT_TASK_LIST.key).executeTakeFirstOrThrow();
    const { next } = await trx
      .selectFrom('task_item')
      .select(sql<number>`coalesce(max(position) + 1, 0)`.as('next'))
      .where('list_id', '=', list.id)
      .where('parent_id', 'is', null)
      .executeTakeFirstOrThrow();
    const facts = factsOf(view);
    const item = {
      list_id: list.id,
      parent_id: null,
      position: Number(next),
      ref: `预警${id}`,
      title: alertTitle(facts),
      text: alertText(facts),
      clause: `监测预警 #${id}`,
      deadline_text: `${due}前`,
      deadline_kind: 'date' as const,
      due_date: due,
      units_as_written: JSON.stringify({ lead: [lead.name], responsible: [view.organisation.name], supervising: [] }),
    };
    const { id: taskItemId } = await trx.insertInto('task_item').values(item).returning('id').executeTakeFirstOrThrow();
    await trx
      .insertInto('task_unit')
      .values([
        { item_id: taskItemId, role: 'lead', organisation_id: lead.id, position: 0, written_as: lead.name },
        { item_id: taskItemId, role: 'responsible', organisation_id: view.organisation.id, position: 1, written_as: view.organisation.name },
      ])
      .execute();
    await linkTaskItem(trx, id, taskItemId);
    await audit({ action: 'create', entity: 'task_item', entityId: taskItemId, after: { ...item, units_as_written: undefined, alertId: id, lead: lead.id, responsible: view.organisation.id } });
    await audit({ action: 'supervise', entity: 'monitoring_alert', entityId: id, after: { taskItemId } });
    return { taskItemId, created: true };
  });
}

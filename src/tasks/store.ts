import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import { colourOf, type Colour, type ColourReason, type ColourThresholds, type TaskState } from './colour.ts';
import { parseDeadline, type Deadline } from './deadline.ts';
import { missedReport, nextDue, SCHEDULES } from './schedule.ts';
import type { UnitRole } from './plan.ts';
import { acceptanceUnit } from './workflow.ts';

/** 督办事项 as the board and the item page show it. */
export interface TaskItem {
  id: number;
  listId: number;
  listKey: string;
  listTitle: string;
  doc: string | null;
  parentId: number | null;
  parentRef: string | null;
  ref: string;
  heading: string | null;
  title: string;
  clause: string;
  deadlineText: string | null;
  deadline: Deadline;
  state: TaskState;
  progress: number | null;
  public: boolean;
  units: { role: UnitRole; organisationId: number; name: string; writtenAs: string }[];
  acceptanceUnitId: number | null;
  colour: Colour;
  reasons: ColourReason[];
  nextReportDue: string | null;
  /** The earliest 回头看 due by `today` and not done by then. */
  recheckDue: string | null;
  lastReportOn: string | null;
}

interface ItemRow {
  id: number;
  list_id: number;
  list_key: string;
  list_title: string;
  doc: string | null;
  report_schedule: string;
  acceptance: 'supervisor' | 'lead' | 'coordinator';
  start_date: string;
  parent_id: number | null;
  parent_ref: string | null;
  ref: string;
  heading: string | null;
  title: string;
  clause: string;
  deadline_text: string | null;
  deadline_kind: Deadline['kind'];
  due_date: string | null;
  ongoing_after: boolean;
  state: TaskState;
  progress: string | number | null;
  public: boolean;
}

export function toDeadline(row: { deadline_kind: Deadline['kind']; due_date: string | null; ongoing_after: boolean; deadline_text: string | null }): Deadline {
  switch (row.deadline_kind) {
    case 'date':
      return { kind: 'date', due: row.due_date!, ongoingAfter: row.ongoing_after };
    case 'ongoing':
      return { kind: 'ongoing' };
    case 'unparsed':
      return { kind: 'unparsed', text: row.deadline_text ?? '' };
    case 'yearly':
      return parseDeadline(row.deadline_text);
    default:
      return { kind: 'none' };
  }
}

/** The deadline an item is judged by: its own, or else the nearest ancestor's (measures inherit). */
function effectiveDeadline(row: ItemRow, ancestors: Map<number, ItemRow>): Deadline {
  for (let current: ItemRow | undefined = row; current; current = current.parent_id === null ? undefined : ancestors.get(current.parent_id)) {
    const deadline = toDeadline(current);
    if (deadline.kind !== 'none') return deadline;
  }
  return { kind: 'none' };
}

export interface ItemQuery {
  ids?: number[];
  listKey?: string;
  onlyPublic?: boolean;
}

/** Calendar dates of timestamps as the city counts them. */
const cityDate = (column: string) => sql<string>`(${sql.ref(column)} AT TIME ZONE 'Asia/Shanghai')::date`;

/**
 * Loads items with what their colour needs, and computes it as of `today`. A measure without units
 * of its own is worked by its item's units. With `replay` (a past `today`, e.g. a 通报's end date)
 * the state, progress, reports and 回头看 are those of that day, not the current ones.
 */
export async function loadItems(db: Db, query: ItemQuery, today: string, thresholds: ColourThresholds, coordinatorId: number | null, replay = false): Promise<TaskItem[]> {
  let q = db
    .selectFrom('task_item as i')
    .innerJoin('task_list as l', 'l.id', 'i.list_id')
    .leftJoin('task_item as p', 'p.id', 'i.parent_id')
    .select([
      'i.id', 'i.list_id', 'l.key as list_key', 'l.title as list_title', 'l.doc', 'l.report_schedule', 'l.acceptance',
      sql<string>`l.start_date::text`.as('start_date'),
      'i.parent_id', 'p.ref as parent_ref', 'i.ref', 'i.heading', 'i.title', 'i.clause', 'i.deadline_text', 'i.deadline_kind',
      sql<string | null>`i.due_date::text`.as('due_date'),
      'i.ongoing_after', 'i.state', 'i.progress', 'i.public',
    ]);
  if (query.ids) q = q.where('i.id', 'in', query.ids.length ? query.ids : [-1]);
  if (query.listKey) q = q.where('l.key', '=', query.listKey);
  if (query.onlyPublic) q = q.where('i.public', '=', true);
  const rows = (await q.orderBy('l.key').orderBy(sql`coalesce(p.position, i.position)`).orderBy(sql`i.parent_id IS NOT NULL`).orderBy('i.position').execute()) as unknown as ItemRow[];
  if (rows.length === 0) return [];

  // Every ancestor, level by level: a sub-measure inherits units and deadline from the nearest one that has them.
  const ancestors = new Map<number, ItemRow>();
  for (let wanted = new Set(rows.map((r) => r.parent_id).filter((id): id is number => id !== null)); wanted.size > 0; ) {
    const found = (await db
      .selectFrom('task_item')
      .select(['id', 'parent_id', 'deadline_kind', sql<string | null>`due_date::text`.as('due_date'), 'ongoing_after', 'deadline_text'])
      .where('id', 'in', [...wanted])
      .execute()) as unknown as ItemRow[];
    for (const row of found) ancestors.set(row.id, row);
    wanted = new Set(found.map((r) => r.parent_id).filter((id): id is number => id !== null && !ancestors.has(id)));
  }
  const parentOf = new Map<number, number | null>([...rows, ...ancestors.values()].map((r) => [r.id, r.parent_id]));
  const ids = [...new Set([...rows.map((r) => r.id), ...ancestors.keys()])];
  const units = await db
    .selectFrom('task_unit as u')
    .innerJoin('organisation as o', 'o.id', 'u.organisation_id')
    .select(['u.item_id', 'u.role', 'u.organisation_id', 'o.name', 'o.host_id', 'u.written_as'])
    .where('u.item_id', 'in', ids)
    .orderBy('u.position')
    .execute();
  const rowIds = rows.map((r) => r.id);
  const [allReports, rechecks, later] = await Promise.all([
    db
      .selectFrom('task_report')
      .select(['item_id', sql<string>`filed_on::text`.as('filed_on'), 'progress'])
      .where('item_id', 'in', rowIds)
      .orderBy('filed_on')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('task_recheck')
      .select(['item_id', sql<string>`min(due_on)::text`.as('due_on')])
      .where('item_id', 'in', rowIds)
      .where('due_on', '<=', today)
      .where((eb) => eb.or([eb('done_at', 'is', null), eb(cityDate('done_at'), '>', today)]))
      .groupBy('item_id')
      .execute(),
    // The state an item had on `today` is the one its first later transition started from.
    replay
      ? db
          .selectFrom('task_transition')
          .distinctOn('item_id')
          .select(['item_id', 'from_state'])
          .where('item_id', 'in', rowIds)
          .where(cityDate('at'), '>', today)
          .orderBy('item_id')
          .orderBy('at')
          .orderBy('id')
          .execute()
      : Promise.resolve([]),
  ]);
  const reports = replay ? allReports.filter((r) => r.filed_on <= today) : allReports;
  const stateThen = new Map(later.map((t) => [t.item_id, t.from_state as TaskState]));
  const recheckDueOf = new Map(rechecks.map((r) => [r.item_id, r.due_on]));
  const progressThen = (row: ItemRow): number | null => {
    const current = row.progress === null ? null : Number(row.progress);
    if (!replay || !allReports.some((r) => r.item_id === row.id && r.filed_on > today)) return current;
    const reported = reports.filter((r) => r.item_id === row.id && r.progress !== null).at(-1);
    return reported ? Number(reported.progress) : null;
  };
  const unitsOf = (id: number) => units.filter((u) => u.item_id === id);
  const inherited = (id: number, wanted: (u: (typeof units)[number]) => boolean) => {
    for (let current: number | null | undefined = id; current !== null && current !== undefined; current = parentOf.get(current)) {
      const found = unitsOf(current).filter(wanted);
      if (found.length > 0) return found;
    }
    return [];
  };
  const reportsOf = (id: number) => reports.filter((r) => r.item_id === id).map((r) => r.filed_on);

  return rows.map((row) => {
    const worked = inherited(row.id, (u) => u.role !== 'supervising');
    const supervisors = inherited(row.id, (u) => u.role === 'supervising');
    const lead = worked.filter((u) => u.role === 'lead');
    const asUnit = (u: { organisation_id: number; host_id: number | null }) => ({ id: u.organisation_id, hostId: u.host_id });
    const acceptanceUnitId = acceptanceUnit({ rule: row.acceptance, supervising: supervisors.map(asUnit), lead: lead.map(asUnit), coordinatorId });
    const deadline = effectiveDeadline(row, ancestors);
    const schedule = SCHEDULES[row.report_schedule] ?? SCHEDULES.quarterly!;
    const reportDates = reportsOf(row.id);
    const progress = progressThen(row);
    const state = stateThen.get(row.id) ?? row.state;
    const missed = state === 'accepted' ? null : missedReport(schedule, row.start_date, reportDates, today);
    const recheckDue = recheckDueOf.get(row.id) ?? null;
    const { colour, reasons } = colourOf({ state, deadline, start: row.start_date, progress, missedReport: missed, recheckDue, today }, thresholds);
    return {
      id: row.id,
      listId: row.list_id,
      listKey: row.list_key,
      listTitle: row.list_title,
      doc: row.doc,
      parentId: row.parent_id,
      parentRef: row.parent_ref,
      ref: row.ref,
      heading: row.heading,
      title: row.title,
      clause: row.clause,
      deadlineText: row.deadline_text,
      deadline,
      state,
      progress,
      public: row.public,
      units: [...worked, ...supervisors].map((u) => ({
        role: u.role,
        organisationId: u.organisation_id,
        name: u.name,
        writtenAs: u.written_as,
      })),
      acceptanceUnitId,
      colour,
      reasons,
      nextReportDue: state === 'accepted' && deadline.kind !== 'ongoing' ? null : nextDue(schedule, today),
      recheckDue,
      lastReportOn: reportDates.at(-1) ?? null,
    };
  });
}

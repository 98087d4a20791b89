import type { Transaction } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { Database } from '../db/schema.ts';
import { audited, type Actor } from '../audit/store.ts';
import { allOrganisations } from '../orgs/store.ts';
import { problems as httpProblems, HttpProblem } from '../server/problem.ts';
import type { TaskListInput } from './list-format.ts';
import { planTaskList, type Collective, type ImportProblem, type PlannedItem } from './plan.ts';
import { insertPersons } from './people/store.ts';
import { SCHEDULES } from './schedule.ts';

/** Refused imports carry every problem, row by row, so the user can fix them all at once. */
export class ImportRefused extends HttpProblem {
  constructor(readonly importProblems: ImportProblem[]) {
    super(
      400,
      '导入未执行：清单有误',
      `共 ${importProblems.length} 处问题，未导入任何数据`,
      importProblems.map((p) => ({ field: p.path, message: p.message })),
    );
  }
}

const DEFAULT_SCHEDULE = 'quarterly';

function countItems(items: readonly PlannedItem[]): number {
  return items.reduce((n, item) => n + 1 + countItems(item.children), 0);
}

async function insertItem(
  trx: Transaction<Database>,
  listId: number,
  parentId: number | null,
  position: number,
  item: PlannedItem,
  ids: Map<string, number>,
): Promise<void> {
  const input = item.input;
  const row = await trx
    .insertInto('task_item')
    .values({
      list_id: listId,
      parent_id: parentId,
      position,
      ref: input.ref,
      heading: input.heading ?? null,
      title: input.title,
      text: input.text,
      clause: input.clause,
      deadline_text: input.deadline ?? null,
      deadline_kind: item.deadline.kind,
      due_date: item.deadline.kind === 'date' ? item.deadline.due : null,
      ongoing_after: item.deadline.kind === 'date' && item.deadline.ongoingAfter,
      public: input.public ?? false,
      indicator: input.indicator === undefined || input.indicator === null ? null : JSON.stringify(input.indicator),
      targets: JSON.stringify(input.targets ?? []),
      units_as_written: JSON.stringify({ lead: input.lead ?? [], responsible: input.responsible ?? [], supervising: input.supervising ?? [] }),
      assets: JSON.stringify(input.assets ?? []),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await insertPersons(
    trx,
    row.id,
    (input.persons ?? []).map((name) => name.trim()).filter(Boolean).map((name) => ({ name, post: null, organisationId: null, phone: null })),
  );
  if (item.units.length > 0) {
    await trx
      .insertInto('task_unit')
      .values(item.units.map((u, index) => ({ item_id: row.id, role: u.role, organisation_id: ids.get(u.key)!, position: index, written_as: u.writtenAs })))
      .execute();
  }
  if (item.milestones.length > 0) {
    await trx
      .insertInto('task_milestone')
      .values(
        item.milestones.map((m) => ({
          item_id: row.id,
          subject: m.subject,
          unit: m.unit ?? null,
          organisation_id: m.districtKey ? ids.get(m.districtKey)! : null,
          district_written_as: m.district ?? null,
          year: m.year,
          quantity: m.quantity,
          cumulative: m.cumulative ?? false,
        })),
      )
      .execute();
  }
  for (const [index, child] of item.children.entries()) await insertItem(trx, listId, row.id, index, child, ids);
}

/**
 * Imports a task list in one transaction: planned (checked and resolved) first, then written
 * whole, with one audit entry naming what came in. A list key that exists is refused.
 */
export async function importTaskList(
  db: Db,
  actor: Actor,
  input: TaskListInput,
  options: {
    collectives: readonly Collective[];
    startDate?: string;
    /** Runs inside the import's transaction (the seed records itself there, so it happens exactly once). */
    alsoInTransaction?: (trx: Transaction<Database>) => Promise<void>;
  },
): Promise<{ listId: number; items: number }> {
  const organisations = await allOrganisations(db);
  const plan = planTaskList(
    input,
    organisations.map((o) => ({ ...o, fullName: o.fullName ?? undefined })),
    options.collectives,
  );
  const schedule = input.list.reportSchedule ?? DEFAULT_SCHEDULE;
  if (!(schedule in SCHEDULES)) plan.problems.push({ path: 'list.reportSchedule', message: `未知的调度周期 ${schedule}` });
  if (!['supervisor', 'lead', 'coordinator'].includes(input.list.acceptance)) {
    plan.problems.push({ path: 'list.acceptance', message: '验收方式应为 supervisor、lead 或 coordinator' });
  }
  if (plan.problems.length > 0) throw new ImportRefused(plan.problems);
  const existing = await db.selectFrom('task_list').select('id').where('key', '=', input.list.key).executeTakeFirst();
  if (existing) throw httpProblems.conflict(`清单 ${input.list.key} 已存在`, 'list.key');
  if (input.list.doc) {
    const doc = await db.selectFrom('source_document').select('id').where('id', '=', input.list.doc).executeTakeFirst();
    if (!doc) throw new ImportRefused([{ path: 'list.doc', message: `文件 ${input.list.doc} 未登记` }]);
  }
  const ids = new Map(organisations.map((o) => [o.key, o.id]));
  return audited(db, actor, async (trx, audit) => {
    const list = await trx
      .insertInto('task_list')
      .values({
        key: input.list.key,
        doc: input.list.doc,
        title: input.list.title,
        year: input.list.year,
        start_date: options.startDate ?? `${input.list.year}-01-01`,
        report_schedule: schedule,
        schedule_source: input.list.scheduleSource ?? null,
        acceptance: input.list.acceptance,
        acceptance_source: input.list.acceptanceSource ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const [index, item] of plan.items.entries()) await insertItem(trx, list.id, null, index, item, ids);
    await options.alsoInTransaction?.(trx);
    const items = countItems(plan.items);
    await audit({ action: 'import', entity: 'task_list', entityId: list.id, after: { key: input.list.key, title: input.list.title, items } });
    return { listId: list.id, items };
  });
}

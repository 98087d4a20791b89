/**
 * 数据绑定: which computations of other modules exist, and the task-list data a 'tasks' binding is
 * computed from. A monitoring binding is active once the 环境监测 module computes its measure
 * (monitoring-measures.ts); until then it is pending and values entered by hand count.
 */
import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { TaskState } from '../tasks/colour.ts';
import type { Binding } from './model.ts';
import { isActiveMonitoringMeasure } from './monitoring-measures.ts';
import type { TaskRecord } from './task-rates.ts';

export type BindingStatus = 'active' | 'pending';

/** Whether a binding's module computes its measure now. */
export function bindingStatus(binding: Binding): BindingStatus {
  return binding.module === 'tasks' || isActiveMonitoringMeasure(binding.measure) ? 'active' : 'pending';
}

/** The task item a 'tasks' binding names, with its sub-items as the rate needs them. */
export interface BoundTaskItem {
  id: number;
  listKey: string;
  ref: string;
  title: string;
  records: TaskRecord[];
}

const cityDate = (column: string) => sql<string>`(${sql.ref(column)} AT TIME ZONE 'Asia/Shanghai')::date::text`;

/** The item by its path of refs in its list ("十", "1"), or null when the list has no such item. */
export async function findBoundItem(db: Db, binding: Extract<Binding, { module: 'tasks' }>): Promise<{ id: number; ref: string; title: string; due: string | null } | null> {
  let parent: number | null = null;
  let found: { id: number; ref: string; title: string; due: string | null } | undefined;
  for (const ref of binding.item) {
    found = await db
      .selectFrom('task_item as i')
      .innerJoin('task_list as l', 'l.id', 'i.list_id')
      .select(['i.id', 'i.ref', 'i.title', sql<string | null>`i.due_date::text`.as('due')])
      .where('l.key', '=', binding.list)
      .where('i.ref', '=', ref)
      .where((eb) => (parent === null ? eb('i.parent_id', 'is', null) : eb('i.parent_id', '=', parent)))
      .executeTakeFirst();
    if (!found) return null;
    parent = found.id;
  }
  return found ?? null;
}

/** The bound item and its direct sub-items with their transitions; null when the item is not in the list. */
export async function boundTaskItem(db: Db, binding: Extract<Binding, { module: 'tasks' }>): Promise<BoundTaskItem | null> {
  const item = await findBoundItem(db, binding);
  if (!item) return null;
  const children = await db
    .selectFrom('task_item')
    .select(['id', 'state', sql<string | null>`due_date::text`.as('due'), cityDate('created_at').as('created_on')])
    .where('parent_id', '=', item.id)
    .orderBy('position')
    .execute();
  const transitions = children.length
    ? await db
        .selectFrom('task_transition')
        .select(['item_id', 'from_state', 'to_state', cityDate('at').as('on')])
        .where(
          'item_id',
          'in',
          children.map((c) => c.id),
        )
        .orderBy('at')
        .orderBy('id')
        .execute()
    : [];
  return {
    id: item.id,
    listKey: binding.list,
    ref: binding.item.join(' '),
    title: item.title,
    records: children.map((c) => ({
      createdOn: c.created_on,
      state: c.state as TaskState,
      due: c.due ?? item.due,
      transitions: transitions.filter((t) => t.item_id === c.id).map((t) => ({ on: t.on, from: t.from_state as TaskState, to: t.to_state as TaskState })),
    })),
  };
}

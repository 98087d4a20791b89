import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { seedPath } from '../../src/orgs/seed.ts';
import type { TaskItemInput, TaskListInput } from '../../src/tasks/list-format.ts';
import { openTestStore, type TestStore } from '../support/db.ts';

let store: TestStore;
beforeAll(async () => {
  store = await openTestStore();
});
afterAll(async () => store?.dispose());

const files = readdirSync(seedPath('bazhong', 'tasks')).filter((f) => f.endsWith('.json'));
const lists = files.map((f) => JSON.parse(readFileSync(seedPath('bazhong', `tasks/${f}`), 'utf8')) as TaskListInput);
const count = (items: TaskItemInput[]): number => items.reduce((n, i) => n + 1 + count(i.children ?? []), 0);

describe('task lists loaded on the first start', () => {
  it('holds every list and every item and measure of the seed files', async () => {
    expect(lists.map((l) => l.list.key).sort()).toEqual(['000', '002', '003', '004']);
    for (const list of lists) {
      const { rows } = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM task_item i JOIN task_list l ON l.id = i.list_id WHERE l.key = ${list.list.key}`.execute(store.storage.db);
      expect(rows[0]!.n, list.list.key).toBe(count(list.items));
    }
  });

  it('keeps 004 with its 10 items, 46 measures, 72 milestones and 12 mining rights', async () => {
    const { rows } = await sql<{ items: number; measures: number; milestones: number; rights: number }>`
      SELECT count(*) FILTER (WHERE i.parent_id IS NULL)::int AS items,
             count(*) FILTER (WHERE p.parent_id IS NULL AND i.parent_id IS NOT NULL)::int AS measures,
             (SELECT count(*)::int FROM task_milestone m JOIN task_item mi ON mi.id = m.item_id JOIN task_list ml ON ml.id = mi.list_id WHERE ml.key = '004') AS milestones,
             (SELECT coalesce(sum(jsonb_array_length(assets)), 0)::int FROM task_item ai JOIN task_list al ON al.id = ai.list_id WHERE al.key = '004') AS rights
      FROM task_item i JOIN task_list l ON l.id = i.list_id LEFT JOIN task_item p ON p.id = i.parent_id
      WHERE l.key = '004'`.execute(store.storage.db);
    expect(rows[0]).toEqual({ items: 10, measures: 46, milestones: 72, rights: 12 });
  });

  it('turns 各县（区）人民政府 into the five districts, and keeps the words as written', async () => {
    const { rows } = await sql<{ name: string }>`
      SELECT DISTINCT o.name FROM task_unit u JOIN organisation o ON o.id = u.organisation_id
      WHERE u.written_as IN ('各县（区）人民政府', '各县（区）党委和人民政府') ORDER BY o.name`.execute(store.storage.db);
    expect(rows.map((r) => r.name).sort()).toEqual(['南江县', '巴州区', '平昌县', '恩阳区', '通江县'].sort());
  });

  it('parses every item deadline; none is left unparsed', async () => {
    const { rows } = await sql<{ kind: string; n: number }>`SELECT deadline_kind AS kind, count(*)::int AS n FROM task_item GROUP BY 1 ORDER BY 1`.execute(store.storage.db);
    expect(rows.map((r) => r.kind)).not.toContain('unparsed');
    const dated = await sql<{ due: string }>`SELECT due_date::text AS due FROM task_item i JOIN task_list l ON l.id = i.list_id WHERE l.key = '000' AND i.ref = '11' AND i.parent_id IS NULL`.execute(store.storage.db);
    expect(dated.rows[0]?.due).toBe('2020-12-31');
  });

  it('records the import in the audit trail, once per list', async () => {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_entry WHERE entity = 'task_list' AND action = 'import'`.execute(store.storage.db);
    expect(rows[0]!.n).toBe(4);
  });
});

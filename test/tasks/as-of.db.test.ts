// Supervision figures as of a day: the state, progress and 回头看 an item had then (for a 通报 of a
// past period), the yellow of an overdue 回头看, the item page's documented shape, and lists that
// say when their report schedule is only the platform's default.
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellText } from '../../src/tasks/exports/cell-text.ts';
import { cityToday, items } from '../../src/tasks/service.ts';
import { startTestApp, userWithToken, type TestApp } from '../support/app.ts';

let t: TestApp;
const tokens: Record<string, string> = {};
const as = (who: string) => ({ authorization: `Bearer ${tokens[who]}` });

async function topItem(listKey: string, where: (ref: string) => boolean): Promise<{ id: number; ref: string }> {
  const { rows } = await sql<{ id: number; ref: string }>`
    SELECT i.id, i.ref FROM task_item i JOIN task_list l ON l.id = i.list_id
    WHERE l.key = ${listKey} AND i.parent_id IS NULL AND i.deadline_kind = 'date' AND i.due_date < '2026-01-01'
    ORDER BY i.position`.execute(t.db);
  const found = rows.find((r) => where(r.ref));
  if (!found) throw new Error(`no dated item in ${listKey}`);
  return found;
}

/** Records a transition at a given moment (city time), as the service would have. */
async function recordTransition(itemId: number, action: string, from: string, to: string, at: string): Promise<void> {
  await t.db
    .insertInto('task_transition')
    .values({ item_id: itemId, action, from_state: from, to_state: to, actor_name: 't-history', at: `${at}T10:00:00+08:00` })
    .execute();
}

beforeAll(async () => {
  t = await startTestApp();
  for (const [name, role, org] of [
    ['leader', 'leader', 'bazhong'],
    ['admin', 'admin', 'bazhong'],
    ['eeb', 'unit_user', 'shi-shengtaihuanjing-ju'],
  ] as const) {
    tokens[name] = (await userWithToken(t.db, { username: `asof-${name}`, role, organisation: org })).token;
  }
});
afterAll(async () => t?.close());

describe('an item as of a past day', () => {
  let itemId: number;
  let ref: string;

  beforeAll(async () => {
    ({ id: itemId, ref } = await topItem('004', (r) => r !== '三'));
    // History: reported 40 % in March, applied with 100 % on 1 May, accepted on 1 June 2026.
    await t.db
      .insertInto('task_report')
      .values([
        { item_id: itemId, author_name: 't-history', filed_on: '2026-03-10', text: '完成排查', progress: 40 },
        { item_id: itemId, author_name: 't-history', filed_on: '2026-05-01', text: '整改完成', progress: 100 },
      ])
      .execute();
    await recordTransition(itemId, 'report', 'not_started', 'in_progress', '2026-03-10');
    await recordTransition(itemId, 'apply', 'in_progress', 'applied', '2026-05-01');
    await recordTransition(itemId, 'accept', 'applied', 'accepted', '2026-06-01');
    await t.db.updateTable('task_item').set({ state: 'accepted', progress: 100 }).where('id', '=', itemId).execute();
  });

  it('replays state and progress to the day asked for', async () => {
    const on = async (day: string) => (await items(t.db, { ids: [itemId] }, day))[0]!;
    expect(await on('2026-02-01')).toMatchObject({ state: 'not_started', progress: null, lastReportOn: null, colour: 'red' });
    expect(await on('2026-04-01')).toMatchObject({ state: 'in_progress', progress: 40, lastReportOn: '2026-03-10', colour: 'red' });
    expect(await on('2026-05-15')).toMatchObject({ state: 'applied', progress: 100, lastReportOn: '2026-05-01' });
    expect(await on('2026-06-01')).toMatchObject({ state: 'accepted', colour: 'green' });
    expect((await items(t.db, { ids: [itemId] }))[0]).toMatchObject({ state: 'accepted', progress: 100, colour: 'green' });
  });

  it('puts the item in a 通报 of April with the state it had then, and leaves it out of today’s', async () => {
    const rowsOf = async (query: string) => {
      const response = await t.app.inject({ method: 'GET', url: `/api/tasks/bulletin.xlsx?list=004&${query}`, headers: as('leader') });
      expect(response.statusCode, response.body).toBe(200);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
      const found: { ref: string; state: string; colour: string }[] = [];
      workbook.getWorksheet('通报')!.eachRow((row, r) => {
        if (r > 3) found.push({ ref: cellText(row.getCell(4).value), state: cellText(row.getCell(7).value), colour: cellText(row.getCell(8).value) });
      });
      return found;
    };
    const april = await rowsOf('from=2026-01-01&to=2026-04-01');
    expect(april.filter((r) => r.ref === ref).map((r) => r.state)).toContain('推进中');
    expect(april.find((r) => r.ref === ref)?.colour).toBe('红');
    const now = await rowsOf(`from=2026-01-01&to=${cityToday()}`);
    expect(now.some((r) => r.ref === ref)).toBe(false);
  });
});

describe('回头看 that comes due', () => {
  let itemId: number;

  beforeAll(async () => {
    ({ id: itemId } = await topItem('004', (r) => r === '八'));
    await t.db.updateTable('task_item').set({ state: 'accepted', progress: 100 }).where('id', '=', itemId).execute();
    await t.db
      .insertInto('task_recheck')
      .values([
        { item_id: itemId, due_on: '2026-02-01' },
        { item_id: itemId, due_on: '2099-01-01' },
      ])
      .execute();
  });

  it('turns an accepted item yellow with the re-check’s date, and only from that date', async () => {
    const detail = (await t.app.inject({ method: 'GET', url: `/api/tasks/items/${itemId}`, headers: as('leader') })).json();
    expect(detail).toMatchObject({ state: 'accepted', colour: 'yellow', recheckDue: '2026-02-01' });
    expect(detail.reasons[0]).toMatchObject({ code: 'recheck_due', due: '2026-02-01' });
    expect(detail.reasons[0].days).toBeGreaterThan(200);
    expect(detail.reasonsText[0]).toContain('回头看应于 2026-02-01 开展');
    const before = (await items(t.db, { ids: [itemId] }, '2026-01-31'))[0]!;
    expect(before).toMatchObject({ colour: 'green', recheckDue: null });
  });

  it('lists it in the acceptance unit’s inbox, and a passed re-check makes it green again', async () => {
    const inbox = (await t.app.inject({ method: 'GET', url: '/api/tasks/inbox', headers: as('eeb') })).json();
    expect(inbox.recheckDue.map((x: { id: number }) => x.id)).toContain(itemId);
    const passed = await t.app.inject({
      method: 'POST',
      url: `/api/tasks/items/${itemId}/transitions`,
      headers: as('eeb'),
      payload: { action: 'recheck_pass', reason: '回头看未发现反弹' },
    });
    expect(passed.statusCode, passed.body).toBe(200);
    expect(passed.json()).toMatchObject({ state: 'accepted', colour: 'green', recheckDue: null });
    // As of a day before it was done, the re-check was still owed.
    const then = (await items(t.db, { ids: [itemId] }, '2026-03-01'))[0]!;
    expect(then).toMatchObject({ colour: 'yellow', recheckDue: '2026-02-01' });
  });
});

describe('the item page’s shape', () => {
  it('is camelCase throughout, with times as ISO strings', async () => {
    const { rows } = await sql<{ id: number }>`
      SELECT m.item_id AS id FROM task_milestone m WHERE m.district_written_as IS NOT NULL LIMIT 1`.execute(t.db);
    const detail = (await t.app.inject({ method: 'GET', url: `/api/tasks/items/${rows[0]!.id}`, headers: as('leader') })).json();
    const keys = (value: unknown): string[] =>
      Array.isArray(value) ? value.flatMap(keys) : value && typeof value === 'object' ? Object.entries(value).flatMap(([k, v]) => [k, ...keys(v)]) : [];
    const snake = keys(detail).filter((k) => k.includes('_'));
    expect(snake).toEqual([]);
    expect(detail.milestones.some((m: { districtWrittenAs: string | null }) => m.districtWrittenAs !== null)).toBe(true);
    expect(Object.keys(detail.unitsAsWritten).length).toBeGreaterThan(0);
    expect(detail.text.length).toBeGreaterThan(20);
  });

  it('is documented in OpenAPI with its parts', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    const schema = spec.paths['/api/tasks/items/{id}'].get.responses['200'].content['application/json'].schema;
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['unitsAsWritten', 'milestones', 'reports', 'evidence', 'transitions', 'rechecks', 'standing', 'recheckDue']));
  });
});

describe('report schedules that only the platform set', () => {
  it('marks 002 and 003 as on the default schedule and 000 and 004 as set by their documents', async () => {
    const lists = (await t.app.inject({ method: 'GET', url: '/api/tasks/lists', headers: as('leader') })).json() as { key: string; scheduleIsDefault: boolean; scheduleSource: string | null }[];
    const byKey = Object.fromEntries(lists.map((l) => [l.key, l]));
    expect(byKey['002']).toMatchObject({ scheduleIsDefault: true, scheduleSource: null });
    expect(byKey['003']).toMatchObject({ scheduleIsDefault: true, scheduleSource: null });
    expect(byKey['000']!.scheduleIsDefault).toBe(false);
    expect(byKey['004']!.scheduleSource).toContain('双月调度');
  });

  it('records who set a schedule, so it is no longer the default', async () => {
    const changed = await t.app.inject({ method: 'PATCH', url: '/api/tasks/lists/003', headers: as('admin'), payload: { reportSchedule: 'bimonthly' } });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ reportSchedule: 'bimonthly', scheduleIsDefault: false });
    expect(changed.json().scheduleSource).toContain('asof-admin');
    // Changing only the start date keeps the schedule's source.
    const again = await t.app.inject({ method: 'PATCH', url: '/api/tasks/lists/002', headers: as('admin'), payload: { startDate: '2025-02-01' } });
    expect(again.json()).toMatchObject({ scheduleIsDefault: true, scheduleSource: null });
    const audit = await t.db.selectFrom('audit_entry').select(['after']).where('entity', '=', 'task_list').orderBy('id', 'desc').limit(2).execute();
    expect(audit.map((a) => (a.after as { scheduleSource: string | null }).scheduleSource)).toEqual([null, changed.json().scheduleSource]);
  });
});

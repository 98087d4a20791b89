import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { SYSTEM_ACTOR, verifyAudit } from '../../src/audit/store.ts';
import { importTaskList } from '../../src/tasks/import.ts';
import { organisationId, startTestApp, userWithToken, type TestApp } from '../support/app.ts';

let t: TestApp;
const tokens: Record<string, string> = {};
const users: Record<string, number> = {};
const org: Record<string, number> = {};
/** 004 八 (污泥处置): 责任单位 市住建局, 市生态环境局 and every district; no 牵头单位. */
let sludge: number;
/** 002 (三) 重构生态环境保障机制 — the clause that puts 包保责任 "到人头和网格"; 牵头单位 市环委办. */
let guarantee: number;
let bazhouGrid: number;
let tongjiangGrid: number;

const as = (who: string) => ({ authorization: `Bearer ${tokens[who]}` });
const people = async (who: string, id: number) => (await t.app.inject({ method: 'GET', url: `/api/tasks/items/${id}/people`, headers: as(who) })).json();
const put = (who: string, id: number, payload: object) => t.app.inject({ method: 'PUT', url: `/api/tasks/items/${id}/people`, headers: as(who), payload });
const names = (body: { persons: { name: string }[] }) => body.persons.map((p) => p.name);

async function itemId(list: string, ref: string): Promise<number> {
  const { rows } = await sql<{ id: number }>`
    SELECT i.id FROM task_item i JOIN task_list l ON l.id = i.list_id WHERE l.key = ${list} AND i.ref = ${ref} AND i.parent_id IS NULL`.execute(t.db);
  return rows[0]!.id;
}

async function peopleAudit(id: number) {
  return t.db.selectFrom('audit_entry').selectAll().where('entity', '=', 'task_item').where('entity_id', '=', String(id)).where('action', '=', 'set-people').orderBy('id').execute();
}

beforeAll(async () => {
  t = await startTestApp();
  for (const key of ['bazhou', 'tongjiang', 'shi-huanweiban', 'shi-shengtaihuanjing-ju', 'shi-shuili-ju']) org[key] = await organisationId(t.db, key);
  sludge = await itemId('004', '八');
  guarantee = await itemId('002', '(三)');
  const accounts: [string, string, string | null][] = [
    ['admin', 'admin', 'bazhong'],
    ['bazhou', 'district_user', 'bazhou'],
    ['tongjiang', 'district_user', 'tongjiang'],
    ['huanweiban', 'unit_user', 'shi-huanweiban'],
    ['water', 'unit_user', 'shi-shuili-ju'],
    ['eeb', 'unit_user', 'shi-shengtaihuanjing-ju'],
    ['leader', 'leader', 'bazhong'],
    ['inspector', 'grid_inspector', 'bazhou'],
    ['idle-inspector', 'grid_inspector', 'bazhou'],
  ];
  for (const [name, role, home] of accounts) {
    const user = await userWithToken(t.db, { username: `p-${name}`, role, organisation: home });
    tokens[name] = user.token;
    users[name] = user.id;
  }
  const grid = async (code: string, organisation: number, parentId: number | null = null) =>
    (
      await t.db
        .insertInto('grid')
        .values({ code, name: `${code} 网格`, level: parentId ? 'village' : 'township', organisation_id: organisation, parent_id: parentId })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const township = await grid('BZ-JB', org.bazhou!);
  bazhouGrid = await grid('BZ-JB-01', org.bazhou!, township);
  tongjiangGrid = await grid('TJ-NJ', org.tongjiang!);
  // The inspector works the township grid, so the village grid under it too.
  await t.db.insertInto('grid_member').values({ grid_id: township, user_id: users.inspector!, role: 'inspector' }).execute();
});
afterAll(async () => t?.close());

describe('包保责任人 and grids of an item', () => {
  it('lets the administrator set them, with every change audited before and after', async () => {
    const set = await put('admin', sludge, {
      persons: [
        { name: '王建国', post: '巴州区副区长', organisationId: org.bazhou, phone: '13800000001' },
        { name: '刘明', post: '通江县副县长', organisationId: org.tongjiang, phone: '0827-7221234' },
        { name: '陈静', post: '市生态环境局副局长', organisationId: org['shi-shengtaihuanjing-ju'] },
      ],
      gridIds: [bazhouGrid, tongjiangGrid],
    });
    expect(set.statusCode, set.body).toBe(200);
    const body = set.json();
    expect(body.rights).toBe('all');
    expect(names(body)).toEqual(['王建国', '刘明', '陈静']);
    expect(body.persons[0]).toMatchObject({ post: '巴州区副区长', organisationName: '巴州区', phone: '13800000001', editable: true });
    expect(body.grids.map((g: { code: string }) => g.code)).toEqual(['BZ-JB-01', 'TJ-NJ']);

    const replaced = await put('admin', sludge, { persons: [{ name: '王建国', post: '巴州区副区长', organisationId: org.bazhou, phone: '13800000001' }, { name: '刘明', organisationId: org.tongjiang }], gridIds: [bazhouGrid, tongjiangGrid] });
    expect(replaced.statusCode).toBe(200);
    const entries = await peopleAudit(sludge);
    expect(entries).toHaveLength(2);
    expect(entries[0]!.before).toEqual({ persons: [], grids: [] });
    expect(entries[1]!.before).toMatchObject({ persons: [{ name: '王建国' }, { name: '刘明', phone: '0827-7221234' }, { name: '陈静' }] });
    expect(entries[1]!.after).toMatchObject({ persons: [{ name: '王建国' }, { name: '刘明', post: null, phone: null }], grids: [{ code: 'BZ-JB-01' }, { code: 'TJ-NJ' }] });
    expect(entries[1]!.actor_name).toBe('p-admin');
  });

  it('answers invalid input with 400 problem+json naming each field, and changes nothing', async () => {
    const response = await put('admin', sludge, { persons: [{ name: '  ', phone: '12345' }, { name: '赵六', organisationId: 999999 }], gridIds: [bazhouGrid, bazhouGrid, 999999] });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const fields = response.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['persons.0.name', 'persons.0.phone']));
    const second = await put('admin', sludge, { persons: [{ name: '赵六', organisationId: 999999 }], gridIds: [bazhouGrid, bazhouGrid, 999999] });
    expect(second.statusCode).toBe(400);
    expect(second.json().errors).toEqual([
      { field: 'persons.0.organisationId', message: '组织机构不存在' },
      { field: 'gridIds.1', message: '网格重复' },
      { field: 'gridIds.2', message: '网格不存在' },
    ]);
    expect(names(await people('admin', sludge))).toEqual(['王建国', '刘明']);
  });

  it('shows phone numbers only to those who may act on the item or edit it', async () => {
    const forLeader = await people('leader', sludge);
    expect(forLeader).toMatchObject({ rights: null, phoneVisible: false });
    expect(forLeader.persons.map((p: { phone: string | null }) => p.phone)).toEqual([null, null]);
    expect((await people('inspector', sludge)).persons[0].phone).toBeNull();
    expect((await people('water', sludge)).persons[0].phone).toBeNull();
    // 市生态环境局 is a 责任单位 of 八 (and its acceptance unit).
    expect((await people('eeb', sludge)).persons[0].phone).toBe('13800000001');
  });

  it('lets each 责任单位 of an item without 牵头单位 set only its own part', async () => {
    const view = await people('bazhou', sludge);
    expect(view.rights).toBe('own');
    expect(view.persons.map((p: { editable: boolean }) => p.editable)).toEqual([true, false]);
    expect(view.grids.map((g: { editable: boolean }) => g.editable)).toEqual([true, false]);

    const foreign = await put('bazhou', sludge, { persons: [{ name: '越界', organisationId: org.tongjiang }], gridIds: [tongjiangGrid] });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().errors).toEqual([
      { field: 'persons.0.organisationId', message: '只能填写本单位及下属单位的包保责任人' },
      { field: 'gridIds.0', message: '只能选择本单位及下属单位的网格' },
    ]);

    const own = await put('bazhou', sludge, { persons: [{ name: '李强', post: '巴州区生态环境分局局长', organisationId: org.bazhou, phone: '13900000002' }], gridIds: [] });
    expect(own.statusCode, own.body).toBe(200);
    // 通江县's person and grid stay; 巴州区's are replaced.
    expect(names(own.json())).toEqual(['刘明', '李强']);
    expect(own.json().grids.map((g: { code: string }) => g.code)).toEqual(['TJ-NJ']);
    const tj = await put('tongjiang', sludge, { persons: [{ name: '刘明', post: '通江县副县长', organisationId: org.tongjiang }], gridIds: [tongjiangGrid] });
    expect(tj.statusCode).toBe(200);
    expect(names(tj.json())).toEqual(['李强', '刘明']);
    const last = (await peopleAudit(sludge)).at(-1)!;
    expect(last.actor_name).toBe('p-tongjiang');
    expect(last.after).toMatchObject({ persons: [{ name: '李强' }, { name: '刘明', post: '通江县副县长' }] });
  });

  it('gives an item with a 牵头单位 to that unit and refuses its 责任单位 and strangers', async () => {
    expect((await people('huanweiban', guarantee)).rights).toBe('all');
    const lead = await put('huanweiban', guarantee, { persons: [{ name: '周一', post: '市环委办主任', organisationId: org['shi-huanweiban'] }, { name: '吴二', organisationId: org.bazhou }], gridIds: [bazhouGrid] });
    expect(lead.statusCode, lead.body).toBe(200);
    for (const who of ['bazhou', 'water', 'leader', 'inspector']) {
      const refused = await put(who, guarantee, { persons: [], gridIds: [] });
      expect(refused.statusCode, who).toBe(403);
      expect(refused.headers['content-type']).toContain('application/problem+json');
    }
    expect((await people('bazhou', guarantee)).rights).toBeNull();
    expect(names(await people('leader', guarantee))).toEqual(['周一', '吴二']);
  });

  it('shows a grid inspector the items of its grids and of the grids below them', async () => {
    const mine = (await t.app.inject({ method: 'GET', url: '/api/grids/mine/tasks', headers: as('inspector') })).json();
    // 八 left the village grid when 巴州区 set its own part without it; 002 (三) is worked there.
    expect(mine.total).toBe(1);
    expect(mine.items.map((i: { id: number; ref: string; grids: { code: string }[] }) => [i.id, i.ref, i.grids.map((g) => g.code)])).toEqual([[guarantee, '(三)', ['BZ-JB-01']]]);
    const idle = (await t.app.inject({ method: 'GET', url: '/api/grids/mine/tasks', headers: as('idle-inspector') })).json();
    expect(idle).toMatchObject({ total: 0, items: [] });
  });

  it('imports the persons a list names as 包保责任人', async () => {
    await importTaskList(
      t.db,
      SYSTEM_ACTOR,
      {
        list: { key: 'test-people', doc: null, title: '包保测试清单', year: 2026, reportSchedule: 'quarterly', acceptance: 'lead' },
        items: [{ ref: '一', title: '河道清理', text: '开展河道清理', clause: '一', lead: ['市水利局'], persons: ['张三', ' ', '李四 '] }],
      },
      { collectives: [] },
    );
    const id = await itemId('test-people', '一');
    expect(names(await people('admin', id))).toEqual(['张三', '李四']);
    expect((await people('water', id)).rights).toBe('all');
  });

  it('leaves the audit chain intact', async () => {
    expect((await verifyAudit(t.db)).intact).toBe(true);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { verifyAudit } from '../../src/audit/store.ts';
import { startTestApp, userWithToken, type TestApp } from '../support/app.ts';
import { multipartFile } from '../support/multipart.ts';

let t: TestApp;
let itemId: number;
const tokens: Record<string, string> = {};
const pdf = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

function upload(token: string, id: number, name: string, content: Buffer) {
  const body = multipartFile(name, content);
  return t.app.inject({ method: 'POST', url: `/api/tasks/items/${id}/evidence`, headers: { authorization: `Bearer ${token}`, ...body.headers }, payload: body.payload });
}

const as = (who: string) => ({ authorization: `Bearer ${tokens[who]}` });
const transition = (who: string, action: string, reason?: string) =>
  t.app.inject({ method: 'POST', url: `/api/tasks/items/${itemId}/transitions`, headers: as(who), payload: { action, reason } });
const detail = async () => (await t.app.inject({ method: 'GET', url: `/api/tasks/items/${itemId}`, headers: as('leader') })).json();

beforeAll(async () => {
  t = await startTestApp();
  const { rows } = await sql<{ id: number }>`
    SELECT i.id FROM task_item i JOIN task_list l ON l.id = i.list_id WHERE l.key = '004' AND i.ref = '三' AND i.parent_id IS NULL`.execute(t.db);
  itemId = rows[0]!.id;
  const users: [string, string, string | null][] = [
    ['forestry', 'unit_user', 'shi-linye-ju'], // 责任单位 of 004 三
    ['nanjiang', 'district_user', 'nanjiang'], // 责任单位 (南江县)
    ['eeb', 'unit_user', 'shi-shengtaihuanjing-ju'], // host of 市环委办, so the acceptance unit
    ['coordinator', 'coordinator', 'shi-huanweiban'], // the 督导单位 itself: a coordination body, not the acceptor
    ['water', 'unit_user', 'shi-shuili-ju'], // not named in 三
    ['leader', 'leader', 'bazhong'],
    ['admin', 'admin', 'bazhong'],
  ];
  for (const [name, role, org] of users) tokens[name] = (await userWithToken(t.db, { username: `t-${name}`, role, organisation: org })).token;
});
afterAll(async () => t?.close());

describe('the supervision life of 004 三', () => {
  it('names its units as written and its acceptance unit by the 004 五(三) rule', async () => {
    const item = await detail();
    expect(item.units.filter((u: { role: string }) => u.role === 'responsible').map((u: { name: string }) => u.name)).toEqual(
      expect.arrayContaining(['市林业局', '南江县', '通江县']),
    );
    const eeb = await t.db.selectFrom('organisation').select('id').where('key', '=', 'shi-shengtaihuanjing-ju').executeTakeFirstOrThrow();
    expect(item.acceptanceUnitId).toBe(eeb.id);
    expect(item.colour).toBe('red');
    expect(item.reasonsText[0]).toContain('已超过完成时限（2023-12-31）');
  });

  it('lets only a responsible unit report', async () => {
    const refused = await t.app.inject({ method: 'POST', url: `/api/tasks/items/${itemId}/reports`, headers: as('water'), payload: { text: '越权报送' } });
    expect(refused.statusCode).toBe(403);
    const leader = await t.app.inject({ method: 'POST', url: `/api/tasks/items/${itemId}/reports`, headers: as('leader'), payload: { text: '领导不报送' } });
    expect(leader.statusCode).toBe(403);
    const filed = await t.app.inject({ method: 'POST', url: `/api/tasks/items/${itemId}/reports`, headers: as('forestry'), payload: { text: '已完成 3 处矿山生态修复', progress: 60 } });
    expect(filed.statusCode, filed.body).toBe(201);
    expect(filed.json().late).toBe(true);
    const item = await detail();
    expect(item.state).toBe('in_progress');
    expect(item.progress).toBe(60);
    expect(item.transitions.map((x: { action: string }) => x.action)).toEqual(['report']);
  });

  it('refuses to apply without evidence, and checks evidence by its content', async () => {
    const early = await transition('forestry', 'apply');
    expect(early.statusCode).toBe(409);
    expect(early.json().title).toBe('请先上传佐证材料');
    const renamed = await upload(tokens.forestry!, itemId, '照片.jpg', pdf);
    expect(renamed.statusCode).toBe(400);
    expect(renamed.json().detail).toContain('不符');
    const stranger = await upload(tokens.water!, itemId, '报告.pdf', pdf);
    expect(stranger.statusCode).toBe(403);
    const ok = await upload(tokens.forestry!, itemId, '整改报告.pdf', pdf);
    expect(ok.statusCode, ok.body).toBe(201);
    const { rows } = await sql<{ sha: string }>`SELECT after->>'sha256' AS sha FROM audit_entry WHERE entity = 'task_evidence' ORDER BY id DESC LIMIT 1`.execute(t.db);
    expect(rows[0]!.sha).toBe(ok.json().sha256);
    const download = await t.app.inject({ method: 'GET', url: `/api/tasks/evidence/${ok.json().id}`, headers: as('leader') });
    expect(download.rawPayload.equals(pdf)).toBe(true);
  });

  it('accepts or returns only by the acceptance unit — not the coordination body, not an administrator', async () => {
    expect((await transition('nanjiang', 'apply')).json().state).toBe('applied');
    for (const who of ['forestry', 'coordinator', 'admin', 'leader', 'water']) {
      const refused = await transition(who, 'accept');
      expect(refused.statusCode, who).toBe(403);
    }
    const noReason = await transition('eeb', 'return');
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors).toEqual([{ field: 'reason', message: '请填写理由' }]);
    const returned = await transition('eeb', 'return', '佐证材料不全，缺少现场照片');
    expect(returned.json().state).toBe('returned');
  });

  it('takes a re-application, accepts it and schedules the re-checks', async () => {
    expect((await transition('forestry', 'apply')).json().state).toBe('applied');
    const accepted = await transition('eeb', 'accept');
    expect(accepted.json()).toMatchObject({ state: 'accepted', colour: 'green' });
    const item = await detail();
    expect(item.rechecks).toHaveLength(2);
    expect(item.rechecks.every((r: { doneAt: unknown }) => r.doneAt === null)).toBe(true);
  });

  it('turns red as 反弹 when the 回头看 fails, and keeps the whole history', async () => {
    const failed = await transition('eeb', 'recheck_fail', '回头看发现问题反弹：新增违规开采点');
    expect(failed.json()).toMatchObject({ state: 'rebounded', colour: 'red' });
    expect(failed.json().reasons[0]).toEqual({ code: 'rebounded' });
    const item = await detail();
    expect(item.transitions.map((x: { action: string }) => x.action)).toEqual(['report', 'apply', 'return', 'apply', 'accept', 'recheck_fail']);
    expect(item.transitions.find((x: { action: string }) => x.action === 'return').reason).toBe('佐证材料不全，缺少现场照片');
    expect(item.rechecks.filter((r: { passed: boolean | null }) => r.passed === false)).toHaveLength(1);
    expect(item.rechecks.filter((r: { doneAt: unknown }) => r.doneAt === null)).toHaveLength(0);
    expect(await verifyAudit(t.db)).toMatchObject({ intact: true });
  });

  it('shows the item to the public without login', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/public/tasks' });
    expect(response.statusCode).toBe(200);
    const mine = (response.json() as { id: number; state: string }[]).find((x) => x.id === itemId);
    expect(mine?.state).toBe('rebounded');
  });

  it('puts the item in the acceptance unit’s and the responsible unit’s inboxes', async () => {
    const inbox = (await t.app.inject({ method: 'GET', url: '/api/tasks/inbox', headers: as('forestry') })).json();
    expect(inbox.rebounded.map((x: { id: number }) => x.id)).toContain(itemId);
    const board = (await t.app.inject({ method: 'GET', url: '/api/tasks/items?list=004&colour=red&pageSize=200', headers: as('forestry') })).json();
    expect(board.items.map((x: { id: number }) => x.id)).toContain(itemId);
    const mine = (await t.app.inject({ method: 'GET', url: '/api/tasks/items?mine=acceptance&pageSize=200', headers: as('eeb') })).json();
    expect(mine.items.map((x: { id: number }) => x.id)).toContain(itemId);
  });
});

describe('list configuration', () => {
  it('changes a list’s report schedule, audited, and the next due date follows', async () => {
    const before = (await t.app.inject({ method: 'GET', url: '/api/tasks/items?list=002&pageSize=1', headers: as('leader') })).json().items[0];
    const changed = await t.app.inject({ method: 'PATCH', url: '/api/tasks/lists/002', headers: as('admin'), payload: { reportSchedule: 'semiannual' } });
    expect(changed.json()).toMatchObject({ reportSchedule: 'semiannual' });
    const after = (await t.app.inject({ method: 'GET', url: '/api/tasks/items?list=002&pageSize=1', headers: as('leader') })).json().items[0];
    expect(after.nextReportDue.slice(5)).toMatch(/^(06|12)-25$/);
    expect(before.nextReportDue.slice(5)).toMatch(/^(03|06|09|12)-25$/);
    const bad = await t.app.inject({ method: 'PATCH', url: '/api/tasks/lists/002', headers: as('admin'), payload: { reportSchedule: 'weekly' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('reportSchedule');
  });
});

describe('inheritance down the measures', () => {
  it('gives 004 五 措施3 （1） its item’s acceptance unit (the host of 市环委办) and its measure’s deadline', async () => {
    const { rows } = await sql<{ id: number }>`
      SELECT c.id FROM task_item c
      JOIN task_item m ON m.id = c.parent_id JOIN task_item i ON i.id = m.parent_id JOIN task_list l ON l.id = i.list_id
      WHERE l.key = '004' AND i.ref = '五' AND m.ref = '3' ORDER BY c.position LIMIT 1`.execute(t.db);
    const sub = (await t.app.inject({ method: 'GET', url: `/api/tasks/items/${rows[0]!.id}`, headers: as('leader') })).json();
    const eeb = await t.db.selectFrom('organisation').select('id').where('key', '=', 'shi-shengtaihuanjing-ju').executeTakeFirstOrThrow();
    expect(sub.acceptanceUnitId).toBe(eeb.id);
    expect(sub.units.some((u: { role: string; name: string }) => u.role === 'supervising' && u.name === '市环委办')).toBe(true);
    expect(sub.deadline.kind).toBe('date');
  });
});

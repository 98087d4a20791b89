import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/auth/roles.ts';
import type { TaskState } from '../../src/tasks/colour.ts';
import type { Db } from '../../src/db/connect.ts';
import { organisationId, startTestApp, userWithToken, type TestApp } from '../support/app.ts';

// Who may act on a 督办事项 through the API, for every action and every kind of caller: the matrix of
// issue 3, written out by hand from the documents' rules, not derived from the code under test.
// Within an action every case acts on an item of its own; before the next action the items are put
// back as seeded, so each case starts from an item nobody has touched.
// No role's reading scope hides an item (tasks.read is 'all' wherever it is held): 404 answers only
// an item that does not exist.

/** A list key and the refs down to the item, e.g. 004 四 措施1 is ['004', '四', '1']. */
type ItemPath = readonly [list: string, ...refs: string[]];
type Act = 'report' | 'evidence' | 'apply' | 'accept' | 'return' | 'recheck_pass' | 'recheck_fail';
const ACTS = ['report', 'evidence', 'apply', 'accept', 'return', 'recheck_pass', 'recheck_fail'] as const satisfies readonly Act[];

/** Who calls, at which organisation (a key of seeds/bazhong/organisations.json). */
interface Caller {
  who: string;
  role: Role | 'anonymous';
  organisation: string | null;
}

/** The state each action starts from in the matrix, and the state it leads to where it is allowed. */
const LIFE: Record<Act, { from: TaskState; to: TaskState }> = {
  report: { from: 'not_started', to: 'in_progress' },
  evidence: { from: 'in_progress', to: 'in_progress' },
  apply: { from: 'in_progress', to: 'applied' },
  accept: { from: 'applied', to: 'accepted' },
  return: { from: 'applied', to: 'returned' },
  recheck_pass: { from: 'accepted', to: 'accepted' },
  recheck_fail: { from: 'accepted', to: 'rebounded' },
};

/** Statuses in the order of ACTS. */
type Statuses = [report: number, evidence: number, apply: number, accept: number, returnItem: number, recheckPass: number, recheckFail: number];
//                                 report evidence apply accept return recheck_pass recheck_fail
const WORKS: Statuses =           [201,   201,     200,  403,   403,   403,         403];
const ACCEPTS: Statuses =         [403,   201,     403,  200,   200,   200,         200];
const WORKS_AND_ACCEPTS: Statuses = [201, 201,     200,  200,   200,   200,         200];
const REFUSED: Statuses =         [403,   403,     403,  403,   403,   403,         403];
const UNAUTHENTICATED: Statuses = [401,   401,     401,  401,   401,   401,         401];

// 004 is accepted by the first 督导单位, or by the department a coordination body sits in (004 五(三):
// 市环委办 → 市生态环境局); 002 by its lead unit (likewise 市环委办 → 市生态环境局); 000 and 003 by
// the coordinator, 市环委办. Measures inherit their item's 督导单位. Each caller acts on its own item.
const MATRIX: [who: string, role: Caller['role'], organisation: string | null, item: ItemPath, expected: Statuses][] = [
  ['lead unit', 'unit_user', 'shi-fagaiwei', ['004', '十', '2'], WORKS],
  ['responsible unit', 'unit_user', 'shi-zirangui-ju', ['004', '三', '1'], WORKS],
  ['acceptance unit: 市生态环境局, where 市环委办 supervises', 'unit_user', 'shi-shengtaihuanjing-ju', ['004', '三', '2'], ACCEPTS],
  ['acceptance unit: the first 督导单位', 'unit_user', 'shi-zirangui-ju', ['004', '四'], ACCEPTS],
  ['the second 督导单位', 'unit_user', 'shi-linye-ju', ['004', '四', '1'], REFUSED],
  ['the 督导单位 市环委办 itself, a coordination body', 'coordinator', 'shi-huanweiban', ['004', '三', '4'], REFUSED],
  ['a unit not named', 'unit_user', 'shi-shuili-ju', ['004', '五', '1'], REFUSED],
  ['a district named', 'district_user', 'nanjiang', ['004', '五', '2'], WORKS],
  ['a district not named', 'district_user', 'bazhou', ['004', '五', '3'], REFUSED],
  ['the city, above every unit but named nowhere', 'unit_user', 'bazhong', ['004', '三'], REFUSED],
  ['admin at the acceptance unit', 'admin', 'shi-shengtaihuanjing-ju', ['004', '五'], REFUSED],
  ['leader at the acceptance unit', 'leader', 'shi-shengtaihuanjing-ju', ['004', '八', '1'], REFUSED],
  ['grid inspector of a named district', 'grid_inspector', 'nanjiang', ['004', '八', '2'], REFUSED],
  ['enterprise user in a named district', 'enterprise_user', 'tongjiang', ['004', '八', '4'], REFUSED],
  ['anonymous', 'anonymous', null, ['004', '十', '1'], UNAUTHENTICATED],
  ['coordinator: acceptance unit of 003', 'coordinator', 'shi-huanweiban', ['003', '（三）'], ACCEPTS],
  ['coordinator: lead unit in 002', 'coordinator', 'shi-huanweiban', ['002', '(二)'], WORKS],
  ['lead unit, which accepts in 002', 'unit_user', 'shi-fagaiwei', ['002', '(十四)'], WORKS_AND_ACCEPTS],
  ['acceptance unit: 市生态环境局, where 市环委办 leads in 002', 'unit_user', 'shi-shengtaihuanjing-ju', ['002', '(五)'], ACCEPTS],
];

// Every starting state, acted on by a unit entitled to act: 000 rows 11–16 name 巴州区 as a
// responsible unit and are accepted by 市环委办.
const STATES = ['not_started', 'in_progress', 'applied', 'accepted', 'returned', 'rebounded'] as const satisfies readonly TaskState[];
const ENTITLED: Record<Act, Caller> = {
  report: { who: '巴州区', role: 'district_user', organisation: 'bazhou' },
  evidence: { who: '巴州区', role: 'district_user', organisation: 'bazhou' },
  apply: { who: '巴州区', role: 'district_user', organisation: 'bazhou' },
  accept: { who: '市环委办', role: 'coordinator', organisation: 'shi-huanweiban' },
  return: { who: '市环委办', role: 'coordinator', organisation: 'shi-huanweiban' },
  recheck_pass: { who: '市环委办', role: 'coordinator', organisation: 'shi-huanweiban' },
  recheck_fail: { who: '市环委办', role: 'coordinator', organisation: 'shi-huanweiban' },
};
const STATE_ROWS: Record<(typeof STATES)[number], ItemPath> = {
  not_started: ['000', '11'],
  in_progress: ['000', '12'],
  applied: ['000', '13'],
  accepted: ['000', '14'],
  returned: ['000', '15'],
  rebounded: ['000', '16'],
};
type Outcome = [status: number, state: TaskState];
/** From not_started, in_progress, applied, accepted, returned and rebounded, in that order. */
const BY_STATE: Record<Act, Outcome[]> = {
  report: [[201, 'in_progress'], [201, 'in_progress'], [201, 'applied'], [201, 'accepted'], [201, 'in_progress'], [201, 'rebounded']],
  evidence: [[201, 'not_started'], [201, 'in_progress'], [201, 'applied'], [201, 'accepted'], [201, 'returned'], [201, 'rebounded']],
  apply: [[409, 'not_started'], [200, 'applied'], [409, 'applied'], [409, 'accepted'], [200, 'applied'], [200, 'applied']],
  accept: [[409, 'not_started'], [409, 'in_progress'], [200, 'accepted'], [409, 'accepted'], [409, 'returned'], [409, 'rebounded']],
  return: [[409, 'not_started'], [409, 'in_progress'], [200, 'returned'], [409, 'accepted'], [409, 'returned'], [409, 'rebounded']],
  recheck_pass: [[409, 'not_started'], [409, 'in_progress'], [409, 'applied'], [200, 'accepted'], [409, 'returned'], [409, 'rebounded']],
  recheck_fail: [[409, 'not_started'], [409, 'in_progress'], [409, 'applied'], [200, 'rebounded'], [409, 'returned'], [409, 'rebounded']],
};

const REASON = '回头看发现整改不到位，现场仍有问题';
const PDF = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

/** What the cases share: one store, its users (made on first use) and its items, found by list key and refs. */
class Harness {
  private tokens = new Map<string, { id: number; token: string }>();
  private touched = new Set<number>();
  constructor(readonly t: TestApp) {}

  get db(): Db {
    return this.t.db;
  }

  async user(caller: Caller): Promise<{ id: number; token: string; username: string } | null> {
    if (caller.role === 'anonymous') return null;
    const username = `${caller.role}.${caller.organisation ?? 'none'}`.slice(0, 40);
    let made = this.tokens.get(username);
    if (!made) {
      made = await userWithToken(this.db, { username, role: caller.role, organisation: caller.organisation });
      this.tokens.set(username, made);
    }
    return { ...made, username };
  }

  async item([list, ...refs]: ItemPath): Promise<number> {
    let id: number | null = null;
    for (const ref of refs) {
      const query = this.db.selectFrom('task_item as i').innerJoin('task_list as l', 'l.id', 'i.list_id').select('i.id').where('l.key', '=', list).where('i.ref', '=', ref);
      const found: { id: number } | undefined = await (id === null ? query.where('i.parent_id', 'is', null) : query.where('i.parent_id', '=', id)).executeTakeFirst();
      if (!found) throw new Error(`no item ${[list, ...refs].join(' ')}`);
      id = found.id;
    }
    return id!;
  }

  /**
   * Puts a fresh item in a starting state straight in the database, with the evidence an application
   * needs and, once accepted, the two pending 回头看 acceptance schedules: each case then rests on the
   * one call it makes.
   */
  async prepare(path: ItemPath, state: TaskState, options: { evidence: boolean } = { evidence: true }): Promise<number> {
    const id = await this.item(path);
    this.touched.add(id);
    const untouched = await this.snapshot(id);
    expect(untouched, `${path.join(' ')} is fresh`).toMatchObject({ state: 'not_started', transitions: 0, reports: 0, evidence: 0 });
    await this.db.updateTable('task_item').set({ state }).where('id', '=', id).execute();
    if (options.evidence) {
      const sha256 = createHash('sha256').update(PDF).digest('hex');
      await this.db.insertInto('task_evidence').values({ item_id: id, report_id: null, uploaded_by: null, file_name: '整改报告.pdf', media_type: 'application/pdf', size: PDF.length, sha256, content: PDF }).execute();
    }
    if (state === 'accepted') {
      await this.db.insertInto('task_recheck').values([90, 180].map((days) => ({ item_id: id, due_on: sql<string>`current_date + ${days}::int` }))).execute();
    }
    return id;
  }

  /** Puts every item a case has touched back as seeded: no state, reports, evidence, transitions or 回头看. */
  async restore(): Promise<void> {
    const ids = [...this.touched];
    if (ids.length === 0) return;
    for (const table of ['task_transition', 'task_recheck', 'task_evidence', 'task_report'] as const) {
      await this.db.deleteFrom(table).where('item_id', 'in', ids).execute();
    }
    await this.db.updateTable('task_item').set({ state: 'not_started', progress: null }).where('id', 'in', ids).execute();
    this.touched.clear();
  }

  async snapshot(id: number) {
    const count = async (table: 'task_transition' | 'task_report' | 'task_evidence') =>
      Number((await this.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).where('item_id', '=', id).executeTakeFirstOrThrow()).n);
    const item = await this.db.selectFrom('task_item').select('state').where('id', '=', id).executeTakeFirstOrThrow();
    const rechecks = await this.db.selectFrom('task_recheck').select(['done_at', 'passed']).where('item_id', '=', id).orderBy('due_on').execute();
    return {
      state: item.state,
      transitions: await count('task_transition'),
      reports: await count('task_report'),
      evidence: await count('task_evidence'),
      pendingRechecks: rechecks.filter((r) => r.done_at === null).length,
      doneRechecks: rechecks.filter((r) => r.done_at !== null).map((r) => r.passed),
    };
  }

  async lastTransition(id: number) {
    return this.db
      .selectFrom('task_transition')
      .select(['action', 'from_state', 'to_state', 'actor_id', 'actor_name', 'organisation_id', 'reason', 'at'])
      .where('item_id', '=', id)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
  }

  /** Calls the API as `caller`; return and a failed re-check give a reason unless told otherwise. */
  async perform(act: Act, caller: Caller, id: number, reason: string | null = act === 'return' || act === 'recheck_fail' ? REASON : null) {
    const user = await this.user(caller);
    const headers: Record<string, string> = user ? { authorization: `Bearer ${user.token}` } : {};
    if (act === 'report') {
      return this.t.app.inject({ method: 'POST', url: `/api/tasks/items/${id}/reports`, headers, payload: { text: `${caller.who}报送进度`, progress: 40 } });
    }
    if (act === 'evidence') {
      const boundary = '----qingshan-transitions';
      const payload = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="现场照片说明.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
        PDF,
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      return this.t.app.inject({ method: 'POST', url: `/api/tasks/items/${id}/evidence`, headers: { ...headers, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
    }
    return this.t.app.inject({ method: 'POST', url: `/api/tasks/items/${id}/transitions`, headers, payload: { action: act, ...(reason !== null && { reason }) } });
  }
}

/** Performs an action that must be refused: it changes nothing and says why as problem+json. */
async function expectRefused(id: number, act: Act, caller: Caller, status: number, reason?: string | null) {
  const before = await harness.snapshot(id);
  const response = await harness.perform(act, caller, id, reason);
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toContain('application/problem+json');
  expect(await harness.snapshot(id)).toEqual(before);
  return response;
}

/**
 * Performs an action that must be allowed: it leaves the item in `to` and, where an act is taken or
 * a report moves the state, records one transition saying who, when and why.
 */
async function expectAllowed(id: number, act: Act, caller: Caller, status: number, from: TaskState, to: TaskState) {
  const before = await harness.snapshot(id);
  const started = Date.now();
  const response = await harness.perform(act, caller, id);
  expect(response.statusCode, response.body).toBe(status);
  if (status === 200) expect(response.json().state).toBe(to);
  const after = await harness.snapshot(id);
  expect(after.state).toBe(to);
  expect(after.reports - before.reports).toBe(act === 'report' ? 1 : 0);
  expect(after.evidence - before.evidence).toBe(act === 'evidence' ? 1 : 0);
  const recorded = act === 'evidence' || (act === 'report' && from === to) ? 0 : 1;
  expect(after.transitions - before.transitions).toBe(recorded);
  if (recorded === 0) return;
  const user = (await harness.user(caller))!;
  const transition = await harness.lastTransition(id);
  expect(transition).toMatchObject({
    action: act,
    from_state: from,
    to_state: to,
    actor_id: user.id,
    actor_name: user.username,
    organisation_id: await organisationId(harness.db, caller.organisation!),
  });
  expect(transition.reason).toBe(act === 'return' || act === 'recheck_fail' ? REASON : null);
  const at = new Date(transition.at).getTime();
  expect(at).toBeGreaterThanOrEqual(started - 1000);
  expect(at).toBeLessThanOrEqual(Date.now() + 1000);
  if (act === 'accept') expect([after.pendingRechecks, after.doneRechecks]).toEqual([before.pendingRechecks + 2, []]);
  if (act === 'recheck_pass') expect([after.pendingRechecks, after.doneRechecks]).toEqual([1, [true]]);
  if (act === 'recheck_fail') expect([after.pendingRechecks, after.doneRechecks]).toEqual([0, [false]]);
}

let harness: Harness;
beforeAll(async () => {
  harness = new Harness(await startTestApp());
});
afterAll(async () => harness?.t.close());

describe.each(ACTS)('%s', (act) => {
  beforeAll(() => harness.restore());

  describe('by every caller', () => {
    for (const [who, role, organisation, item, expected] of MATRIX) {
      const status = expected[ACTS.indexOf(act)]!;
      const { from, to } = LIFE[act];
      it(`${who} (${organisation ?? 'no organisation'} on ${item.join(' ')}): ${status}`, async () => {
        const id = await harness.prepare(item, from);
        const caller = { who, role, organisation };
        if (status >= 300) await expectRefused(id, act, caller, status);
        else await expectAllowed(id, act, caller, status, from, to);
      });
    }
  });

  describe(`from every state, by ${ENTITLED[act].who}`, () => {
    STATES.forEach((from, k) => {
      const [status, to] = BY_STATE[act][k]!;
      it(`${from}: ${status === 409 ? 'refused (409)' : `→ ${to}`}`, async () => {
        const id = await harness.prepare(STATE_ROWS[from], from);
        if (status >= 300) await expectRefused(id, act, ENTITLED[act], status);
        else await expectAllowed(id, act, ENTITLED[act], status, from, to);
      });
    });
  });
});

describe('refusals that are not about the caller', () => {
  const bazhou = ENTITLED.apply;
  const huanweiban = ENTITLED.accept;
  const stranger: Caller = { who: '市水利局', role: 'unit_user', organisation: 'shi-shuili-ju' };
  beforeAll(() => harness.restore());

  it('refuses to apply without evidence (409)', async () => {
    const id = await harness.prepare(['000', '11'], 'in_progress', { evidence: false });
    expect((await expectRefused(id, 'apply', bazhou, 409)).json().title).toBe('请先上传佐证材料');
  });

  it('refuses to apply for an item that runs on (持续推进, 000 row 1) (409)', async () => {
    const id = await harness.prepare(['000', '1'], 'in_progress');
    expect((await expectRefused(id, 'apply', bazhou, 409)).json().detail).toContain('长期坚持');
  });

  it('asks the acceptance unit for a reason to return or to fail a re-check (400)', async () => {
    const applied = await harness.prepare(['000', '12'], 'applied');
    const accepted = await harness.prepare(['000', '13'], 'accepted');
    for (const [id, act, reason] of [[applied, 'return', null], [applied, 'return', '   '], [accepted, 'recheck_fail', null]] as const) {
      const response = await expectRefused(id, act, huanweiban, 400, reason);
      expect(response.json().errors).toEqual([{ field: 'reason', message: '请填写理由' }]);
    }
  });

  it('answers a caller who may not act with 403 whatever the state, before the state or the reason', async () => {
    const notStarted = await harness.prepare(['000', '14'], 'not_started');
    const inProgress = await harness.prepare(['000', '16'], 'in_progress');
    for (const [id, act] of [[notStarted, 'apply'], [inProgress, 'accept'], [inProgress, 'return'], [notStarted, 'recheck_fail']] as const) {
      await expectRefused(id, act, stranger, 403, null);
    }
  });

  // An item that does not exist: 404 to those who may act, 403 to roles that may not, 401 to anonymous.
  const MISSING: [Caller, number][] = [
    [{ who: 'unit user', role: 'unit_user', organisation: 'shi-shengtaihuanjing-ju' }, 404],
    [{ who: 'district user', role: 'district_user', organisation: 'bazhou' }, 404],
    [{ who: 'coordinator', role: 'coordinator', organisation: 'shi-huanweiban' }, 404],
    [{ who: 'admin', role: 'admin', organisation: 'bazhong' }, 403],
    [{ who: 'leader', role: 'leader', organisation: 'bazhong' }, 403],
    [{ who: 'grid inspector', role: 'grid_inspector', organisation: 'bazhou' }, 403],
    [{ who: 'enterprise user', role: 'enterprise_user', organisation: null }, 403],
    [{ who: 'anonymous', role: 'anonymous', organisation: null }, 401],
  ];
  for (const [caller, status] of MISSING) {
    it(`an item that does not exist: ${caller.who} gets ${status} for every action`, async () => {
      const { max } = await harness.db.selectFrom('task_item').select((eb) => eb.fn.max('id').as('max')).executeTakeFirstOrThrow();
      for (const act of ACTS) {
        const response = await harness.perform(act, caller, Number(max) + 1000);
        expect(response.statusCode, `${act}: ${response.body}`).toBe(status);
      }
    });
  }
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cstIso } from '../../src/monitoring/data/time.ts';
import { createExceedanceScanner, scanOutlet } from '../../src/emissions/scan.ts';
import { organisationId, startTestApp, userWithToken, type TestApp } from '../support/app.ts';

// 企业排放: two enterprises in 巴州区, A with an SO₂ hour limit of 50 mg/m³ on its stack DA001, B with
// a COD limit on its wastewater outlet; hour data written as the gateway stores them; the scan opens,
// extends and closes events, and each caller sees and acknowledges only what is theirs.
let t: TestApp;
let coordinator: string;
let leader: string;
let bazhouUser: string;
let enyangUser: string;
let enterpriseA: string;
let enterpriseB: string;

const HOUR_MS = 3_600_000;
/** Ten whole hours ago: the first hour of the series, well within the first scan's 48 hours. */
const h0 = Math.floor(Date.now() / HOUR_MS) * HOUR_MS - 10 * HOUR_MS;
const hour = (n: number) => h0 + n * HOUR_MS;

const as = (token: string) => ({ authorization: `Bearer ${token}` });
const get = (url: string, token: string) => t.app.inject({ method: 'GET', url, headers: as(token) });
const send = (method: 'POST' | 'PATCH' | 'DELETE', url: string, token: string, payload?: object) =>
  t.app.inject({ method, url, headers: as(token), ...(payload === undefined ? {} : { payload }) });

interface Exceedance {
  id: number;
  enterprise: { id: number; name: string };
  outlet: { code: string };
  factorCode: string;
  startedAt: string;
  endedAt: string;
  closedAt: string | null;
  periods: number;
  peakValue: number;
  limitValue: number;
  multiple: number;
  durationHours: number;
  standard: string;
  clause: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: { name: string } | null;
  note: string | null;
}

let a: { id: number; organisationId: number; outletId: number; limitId: number; deviceId: number };
let b: { id: number; organisationId: number; outletId: number; deviceId: number };

async function register(name: string, creditCode: string, outlet: { code: string; medium: 'gas' | 'water' }, limit: Record<string, unknown>, mn: string) {
  const enterprise = await send('POST', '/api/emissions/enterprises', coordinator, { name, creditCode, districtId: await organisationId(t.db, 'bazhou'), industry: '火电' });
  expect(enterprise.statusCode, enterprise.body).toBe(201);
  const created = await send('POST', `/api/emissions/enterprises/${enterprise.json().id}/outlets`, coordinator, { ...outlet, name: `${outlet.code} 排放口` });
  expect(created.statusCode, created.body).toBe(201);
  const limitResponse = await send('POST', `/api/emissions/outlets/${created.json().id}/limits`, coordinator, limit);
  expect(limitResponse.statusCode, limitResponse.body).toBe(201);
  const device = await t.db
    .insertInto('gateway_device')
    .values({ mn, password_hash: 'not-used', st: outlet.medium === 'gas' ? '31' : '32', site_id: null, outlet_id: created.json().id, note: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: enterprise.json().id as number, organisationId: enterprise.json().organisationId as number, outletId: created.json().id as number, limitId: limitResponse.json().id as number, deviceId: device.id };
}

/** Hour data (2061) as the gateway stores them: null is a value flagged invalid (maintenance). */
async function hourData(deviceId: number, factorCode: string, values: [number, number | null][]) {
  await t.db
    .insertInto('gateway_reading')
    .values(
      values.map(([n, value]) => ({
        device_id: deviceId,
        cn: '2061' as const,
        data_time: new Date(hour(n)),
        factor_code: factorCode,
        avg: value ?? 999,
        zs_avg: value === null ? null : value * 1.1,
        flag: value === null ? 'M' : 'N',
        valid: value !== null,
        invalid_reason: value === null ? '维护' : null,
      })),
    )
    .execute();
}

async function exceedances(token: string, query = ''): Promise<Exceedance[]> {
  const response = await get(`/api/emissions/exceedances?pageSize=200${query}`, token);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items;
}
async function inbox(token: string): Promise<Exceedance[]> {
  const response = await get('/api/emissions/inbox', token);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().exceedances;
}

beforeAll(async () => {
  t = await startTestApp();
  coordinator = (await userWithToken(t.db, { username: 'em-coordinator', role: 'coordinator', organisation: 'shi-huanweiban' })).token;
  leader = (await userWithToken(t.db, { username: 'em-leader', role: 'leader', organisation: 'bazhong' })).token;
  bazhouUser = (await userWithToken(t.db, { username: 'em-bazhou', role: 'district_user', organisation: 'bazhou' })).token;
  enyangUser = (await userWithToken(t.db, { username: 'em-enyang', role: 'district_user', organisation: 'enyang' })).token;

  a = await register('青山测试电厂', '91511900MA6ABCDE1X', { code: 'DA001', medium: 'gas' }, { factorCode: 'a21026', limitValue: 50, unit: 'mg/m3', standard: 'GB 13223-2011', clause: '表1' }, 'EMTESTA0001');
  b = await register('青山测试污水厂', '91511900MA6ABCDE2Y', { code: 'DW001', medium: 'water' }, { factorCode: 'w01018', limitValue: 60, unit: 'mg/L', standard: 'GB 18918-2002', clause: '表1 一级B' }, 'EMTESTB0001');
  const keyOf = async (id: number) => (await t.db.selectFrom('organisation').select('key').where('id', '=', id).executeTakeFirstOrThrow()).key;
  enterpriseA = (await userWithToken(t.db, { username: 'em-ent-a', role: 'enterprise_user', organisation: await keyOf(a.organisationId) })).token;
  enterpriseB = (await userWithToken(t.db, { username: 'em-ent-b', role: 'enterprise_user', organisation: await keyOf(b.organisationId) })).token;
});
afterAll(async () => t?.close());

describe('registering', () => {
  it('makes the enterprise’s organisation a unit of type enterprise under its district', async () => {
    const organisation = await t.db.selectFrom('organisation').selectAll().where('id', '=', a.organisationId).executeTakeFirstOrThrow();
    expect(organisation).toMatchObject({ name: '青山测试电厂', kind: 'unit', unit_type: 'enterprise', parent_id: await organisationId(t.db, 'bazhou'), code: '91511900MA6ABCDE1X' });
    const detail = await get(`/api/emissions/enterprises/${a.id}`, coordinator);
    expect(detail.statusCode, detail.body).toBe(200);
    expect(detail.json()).toMatchObject({ name: '青山测试电厂', district: { name: '巴州区' }, outletList: [{ code: 'DA001', limits: [{ factorCode: 'a21026', limitValue: 50, standard: 'GB 13223-2011', clause: '表1', basis: 'avg', resolution: 'hour' }] }] });
  });

  it('refuses a name another unit has, and a limit without its clause (problem+json in Chinese)', async () => {
    const clash = await send('POST', '/api/emissions/enterprises', coordinator, { name: '巴州区', districtId: await organisationId(t.db, 'bazhou') });
    expect(clash.statusCode).toBe(409);
    const noClause = await send('POST', `/api/emissions/outlets/${a.outletId}/limits`, coordinator, { factorCode: 'a21002', limitValue: 100, unit: 'mg/m3', standard: 'GB 13223-2011' });
    expect(noClause.statusCode).toBe(400);
    expect(noClause.headers['content-type']).toContain('application/problem+json');
    expect(noClause.json()).toMatchObject({ title: '请求参数无效', errors: [{ field: 'clause', message: '必填' }] });
  });

  it('lets only emissions managers register limits', async () => {
    const limit = { factorCode: 'a21002', limitValue: 100, unit: 'mg/m3', standard: 'GB 13223-2011', clause: '表1' };
    expect((await send('POST', `/api/emissions/outlets/${a.outletId}/limits`, enterpriseA, limit)).statusCode).toBe(403);
    expect((await send('POST', `/api/emissions/outlets/${a.outletId}/limits`, bazhouUser, limit)).statusCode).toBe(403);
  });

  it('shows an enterprise user its own enterprise only, a district user those of its district', async () => {
    const own = await get('/api/emissions/enterprises', enterpriseA);
    expect(own.json().items.map((e: { id: number }) => e.id)).toEqual([a.id]);
    expect((await get(`/api/emissions/enterprises/${b.id}`, enterpriseA)).statusCode).toBe(404);
    expect((await get(`/api/emissions/outlets/${b.outletId}/limits`, enterpriseA)).statusCode).toBe(404);
    expect((await get('/api/emissions/enterprises', bazhouUser)).json().total).toBe(2);
    expect((await get('/api/emissions/enterprises', enyangUser)).json().total).toBe(0);
  });
});

describe('exceedance events', () => {
  it('opens an event from the first hour above to the end of the last; an invalid hour between neither splits nor closes it', async () => {
    await hourData(a.deviceId, 'a21026', [[0, 40], [1, 60], [2, null], [3, 80]]);
    expect(await scanOutlet(t.db, a.outletId)).toEqual({ opened: 1, extended: 0, closed: 0 });
    const [event, ...others] = await exceedances(coordinator, `&enterpriseId=${a.id}`);
    expect(others).toEqual([]);
    expect(event).toMatchObject({
      factorCode: 'a21026',
      outlet: { code: 'DA001' },
      startedAt: cstIso(hour(1)),
      endedAt: cstIso(hour(4)),
      closedAt: null,
      periods: 2,
      peakValue: 80,
      limitValue: 50,
      multiple: 1.6,
      durationHours: 3,
      standard: 'GB 13223-2011',
      clause: '表1',
    });
    const audit = await t.db.selectFrom('audit_entry').select('entity_id').where('entity', '=', 'emission_exceedance').where('action', '=', 'open').execute();
    expect(audit.map((e) => e.entity_id)).toEqual([String(event!.id)]);
  });

  it('extends the open event with a later hour above, and a repeated scan changes nothing', async () => {
    await hourData(a.deviceId, 'a21026', [[4, 70]]);
    expect(await scanOutlet(t.db, a.outletId)).toEqual({ opened: 0, extended: 1, closed: 0 });
    expect(await scanOutlet(t.db, a.outletId)).toEqual({ opened: 0, extended: 0, closed: 0 });
    const [event] = await exceedances(coordinator, `&enterpriseId=${a.id}&status=open`);
    expect(event).toMatchObject({ startedAt: cstIso(hour(1)), endedAt: cstIso(hour(5)), periods: 3, peakValue: 80, durationHours: 4 });
  });

  it('scans an outlet once for a burst of readings, about a second after they arrive', async () => {
    await hourData(b.deviceId, 'w01018', [[6, 90], [7, 75]]);
    const scanner = createExceedanceScanner(t.db, { info: () => {}, error: (message, fields) => expect.fail(`${message} ${JSON.stringify(fields)}`) }, 50);
    scanner.onOutletReadings(b.outletId, '2061');
    scanner.onOutletReadings(b.outletId, '2061');
    scanner.onOutletReadings(b.outletId, '2011');
    expect(await exceedances(coordinator, `&enterpriseId=${b.id}`)).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    await scanner.close();
    const events = await exceedances(coordinator, `&enterpriseId=${b.id}`);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ startedAt: cstIso(hour(6)), endedAt: cstIso(hour(8)), periods: 2, peakValue: 90, multiple: 1.5 });
  });

  it('puts open, unacknowledged events in the inbox of the enterprise (its own only) and of its district (none for another district)', async () => {
    expect((await inbox(enterpriseA)).map((e) => e.enterprise.id)).toEqual([a.id]);
    expect((await inbox(enterpriseB)).map((e) => e.enterprise.id)).toEqual([b.id]);
    expect((await inbox(bazhouUser)).map((e) => e.enterprise.id).sort()).toEqual([a.id, b.id].sort());
    expect(await inbox(enyangUser)).toEqual([]);
    expect(await exceedances(enyangUser)).toEqual([]);
    expect((await exceedances(enterpriseA)).map((e) => e.enterprise.id)).toEqual([a.id]);
    const tasks = await get('/api/tasks/inbox', bazhouUser);
    expect(tasks.statusCode, tasks.body).toBe(200);
    expect(tasks.json().exceedances).toHaveLength(2);
  });

  it('lets the enterprise acknowledge its event with a note, audited; others cannot', async () => {
    const [event] = await inbox(enterpriseA);
    expect((await send('POST', `/api/emissions/exceedances/${event!.id}/acknowledge`, enterpriseB, {})).statusCode).toBe(404);
    expect((await send('POST', `/api/emissions/exceedances/${event!.id}/acknowledge`, enyangUser, {})).statusCode).toBe(404);
    expect((await send('POST', `/api/emissions/exceedances/${event!.id}/acknowledge`, leader, {})).statusCode).toBe(403);

    const acknowledged = await send('POST', `/api/emissions/exceedances/${event!.id}/acknowledge`, enterpriseA, { note: '脱硫塔循环泵故障，已抢修' });
    expect(acknowledged.statusCode, acknowledged.body).toBe(200);
    expect(acknowledged.json()).toMatchObject({ acknowledgedBy: { name: 'em-ent-a' }, note: '脱硫塔循环泵故障，已抢修' });
    expect(acknowledged.json().acknowledgedAt).not.toBeNull();
    const audit = await t.db.selectFrom('audit_entry').select(['actor_name', 'after']).where('entity', '=', 'emission_exceedance').where('action', '=', 'acknowledge').execute();
    expect(audit).toEqual([{ actor_name: 'em-ent-a', after: { note: '脱硫塔循环泵故障，已抢修' } }]);
    expect(await inbox(enterpriseA)).toEqual([]);
    expect((await inbox(bazhouUser)).map((e) => e.enterprise.id)).toEqual([b.id]);
  });

  it('closes the event at the end of the first valid hour at or under the limit, keeping its span', async () => {
    await hourData(a.deviceId, 'a21026', [[5, null], [6, 50], [7, 90]]);
    expect(await scanOutlet(t.db, a.outletId)).toEqual({ opened: 1, extended: 0, closed: 1 });
    const [closed, ...others] = await exceedances(coordinator, `&enterpriseId=${a.id}&status=closed`);
    expect(others).toEqual([]);
    expect(closed).toMatchObject({ startedAt: cstIso(hour(1)), endedAt: cstIso(hour(5)), closedAt: cstIso(hour(7)), periods: 3, peakValue: 80 });
    const [reopened] = await exceedances(coordinator, `&enterpriseId=${a.id}&status=open`);
    expect(reopened).toMatchObject({ startedAt: cstIso(hour(7)), endedAt: cstIso(hour(8)), periods: 1, peakValue: 90 });
    const audit = await t.db.selectFrom('audit_entry').select('entity_id').where('entity', '=', 'emission_exceedance').where('action', '=', 'close').execute();
    expect(audit.map((e) => e.entity_id)).toEqual([String(closed!.id)]);
  });

  it('filters events by time: from and to are CST dates, an event overlapping them is listed', async () => {
    const day = cstIso(hour(1)).slice(0, 10);
    expect((await exceedances(coordinator, `&from=${day}&to=${day}`)).length).toBeGreaterThan(0);
    const dayAfter = cstIso(hour(8) + 48 * HOUR_MS).slice(0, 10);
    expect(await exceedances(coordinator, `&from=${dayAfter}`)).toEqual([]);
    const inverted = await get(`/api/emissions/exceedances?from=${dayAfter}&to=${day}`, coordinator);
    expect(inverted.statusCode).toBe(400);
    expect(inverted.json().title).toBe('请求参数无效');
  });
});

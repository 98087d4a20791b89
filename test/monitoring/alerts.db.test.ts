import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanAlerts } from '../../src/monitoring/alerts/service.ts';
import { cstIso } from '../../src/monitoring/data/time.ts';
import { cityToday } from '../../src/tasks/service.ts';
import { organisationId, startTestApp, userWithToken, type TestApp } from '../support/app.ts';

// 监测预警 over stored data: heavy pollution at 市中心医院南坝院区 (巴州区), silence at 恩阳区's station,
// a class-Ⅲ sample at the class-Ⅱ section 金碑 (巴州区), mercury over class Ⅲ at 大佛寺 source (巴州区),
// and a class-Ⅲ sample at a section filed under the city itself (→ 市生态环境局).
let t: TestApp;
let coordinator: string;
let leader: string;
let bazhouUser: string;
let enyangUser: string;
let enterprise: string;
const HOUR_MS = 3_600_000;
/** The latest whole hour (a CST hour boundary is a UTC one). */
const hourEnd = Math.floor(Date.now() / HOUR_MS) * HOUR_MS;
const stamp = (ms: number) => cstIso(ms).slice(0, 16).replace('T', ' ');

const as = (token: string | null) => (token ? { authorization: `Bearer ${token}` } : {});
const get = (url: string, token: string | null = leader) => t.app.inject({ method: 'GET', url, headers: as(token) });
const post = (url: string, token: string | null, payload?: unknown) =>
  t.app.inject({ method: 'POST', url, headers: as(token), ...(payload === undefined ? {} : { payload: payload as object }) });

async function push(medium: 'air' | 'water', records: unknown[]) {
  const response = await post(`/api/monitoring/${medium}/push`, coordinator, { records });
  expect(response.statusCode, response.body).toBe(200);
}

interface Alert {
  id: number;
  kind: string;
  site: { code: string; name: string };
  organisation: { id: number; name: string };
  openedAt: string;
  lastSeenAt: string;
  closedAt: string | null;
  detail: Record<string, unknown>;
  standard: string | null;
  demo: boolean;
  summary: string;
  taskItemId: number | null;
  acknowledgedBy: { name: string } | null;
}

async function alerts(query = ''): Promise<Alert[]> {
  const response = await get(`/api/monitoring/alerts?pageSize=200${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items;
}
const byCode = (list: Alert[], code: string, kind: string) => list.find((a) => a.site.code === code && a.kind === kind);

beforeAll(async () => {
  t = await startTestApp();
  coordinator = (await userWithToken(t.db, { username: 'alert-coordinator', role: 'coordinator', organisation: 'shi-huanweiban' })).token;
  leader = (await userWithToken(t.db, { username: 'alert-leader', role: 'leader', organisation: 'bazhong' })).token;
  bazhouUser = (await userWithToken(t.db, { username: 'alert-bazhou', role: 'district_user', organisation: 'bazhou' })).token;
  enyangUser = (await userWithToken(t.db, { username: 'alert-enyang', role: 'district_user', organisation: 'enyang' })).token;
  enterprise = (await userWithToken(t.db, { username: 'alert-enterprise', role: 'enterprise_user', organisation: null })).token;

  const citySection = await post('/api/monitoring/sections', coordinator, {
    code: 'SW-CITY-T', name: '市级测试断面', level: 'municipal', districtId: await organisationId(t.db, 'bazhong'),
    lon: 106.76, lat: 31.85, targetClass: 2, waterBody: 'river', river: '巴河',
  });
  expect(citySection.statusCode, citySection.body).toBe(201);

  await push('air', [
    // PM2.5 200 µg/m³ in the latest hour: IAQI 250 under HJ 633-2026 (PM2.5 1-h on the 24-h breakpoints 150→200, 250→300).
    { site: 'BZ-AIR-NBYQ', at: stamp(hourEnd - HOUR_MS), values: { pm2_5: 60, pm10: 80 } },
    { site: 'BZ-AIR-NBYQ', at: stamp(hourEnd), values: { pm2_5: 200, pm10: 150 } },
    // 恩阳区's station last reported 8 hours ago.
    { site: 'EY-AIR-01', at: stamp(hourEnd - 8 * HOUR_MS), values: { pm2_5: 30, pm10: 50 } },
  ]);
  // 通江县's station has only 示例数据, 8 hours old (in the partition the push above made): not silence.
  await t.db.transaction().execute(async (trx) => {
    await sql`SELECT set_config('qingshan.demo_load', 'on', true)`.execute(trx);
    const station = await trx.selectFrom('monitoring_site').select('id').where('code', '=', 'TJ-AIR-01').executeTakeFirstOrThrow();
    const row = await trx
      .insertInto('monitoring_air_hourly')
      .values({ station_id: station.id, observed_at: new Date(hourEnd - 8 * HOUR_MS), parameter: 'pm2_5', value: '30' })
      .returning('demo')
      .executeTakeFirstOrThrow();
    expect(row.demo).toBe(true);
  });
  const yesterday = stamp(hourEnd - 24 * HOUR_MS);
  await push('water', [
    // NH3-N 0.8 is class Ⅲ (≤ 1.0), CODMn 3 class Ⅱ: 金碑 (target Ⅱ) is below target; 超标 (0.8 − 0.5)/0.5 = 0.6.
    { site: 'SW-JB', at: yesterday, mode: 'manual', values: { ph: 7.6, do: 7, codmn: 3, nh3_n: 0.8, tp: 0.05 } },
    // Hg 0.0002 is class Ⅳ: over the class-Ⅲ limit 0.0001 of 大佛寺 (target Ⅲ) once.
    { site: 'DW-DFS', at: yesterday, mode: 'manual', values: { ph: 7.2, hg: 0.0002, pb: 0.01 } },
    { site: 'SW-CITY-T', at: yesterday, mode: 'manual', values: { nh3_n: 0.8 } },
  ]);
});
afterAll(async () => t?.close());

describe('scan', () => {
  it('opens one alert per condition, with its unit, data time, standard and detail', async () => {
    const scan = await post('/api/monitoring/alerts/scan', coordinator);
    expect(scan.statusCode, scan.body).toBe(200);
    expect(scan.json()).toEqual({ opened: 5, updated: 0, closed: 0, open: 5 });
    const list = await alerts();
    expect(list).toHaveLength(5);
    const bazhou = await organisationId(t.db, 'bazhou');

    const heavy = byCode(list, 'BZ-AIR-NBYQ', 'aqi_heavy')!;
    expect(heavy.organisation.id).toBe(bazhou);
    expect(heavy.standard).toBe('HJ633-2026');
    expect(heavy.openedAt).toBe(cstIso(hourEnd));
    expect(heavy.detail).toMatchObject({ aqi: 250, category: '重度污染', primaryPollutants: ['PM2.5'] });
    expect(heavy.demo).toBe(false);
    expect(heavy.summary).toContain('AQI 为 250');

    const silent = byCode(list, 'EY-AIR-01', 'station_silent')!;
    expect(silent.organisation.id).toBe(await organisationId(t.db, 'enyang'));
    expect(silent.openedAt).toBe(cstIso(hourEnd - 8 * HOUR_MS));
    expect(silent.detail).toMatchObject({ lastDataAt: cstIso(hourEnd - 8 * HOUR_MS), thresholdHours: 6 });
    expect(silent.detail.hoursSilent as number).toBeGreaterThanOrEqual(8);
    expect(silent.standard).toBeNull();

    const section = byCode(list, 'SW-JB', 'section_below_target')!;
    expect(section.standard).toBe('GB3838-2002');
    expect(section.detail).toMatchObject({
      class: 'III', targetClass: 'II', origin: 'manual',
      exceeding: [{ parameter: 'NH3-N', value: 0.8, class: 'III', limit: '0.5', exceedMultiple: 0.6 }],
    });

    const drinking = byCode(list, 'DW-DFS', 'drinking_exceedance')!;
    expect(drinking.detail).toMatchObject({ class: 'IV', limitClass: 'III', exceeding: [{ parameter: 'Hg', limit: '0.0001', exceedMultiple: 1 }] });

    // A section filed under the city itself: the city's 生态环境局 answers for it.
    const city = byCode(list, 'SW-CITY-T', 'section_below_target')!;
    expect(city.organisation.id).toBe(await organisationId(t.db, 'shi-shengtaihuanjing-ju'));

    // Sites that never sent real data (the other air stations, 化成水库's automatic station) raise nothing.
    expect(list.some((a) => ['TJ-AIR-01', 'NJ-AIR-01', 'PC-AIR-01', 'DW-HCSK'].includes(a.site.code))).toBe(false);

    const audit = await t.db.selectFrom('audit_entry').select('entity_id').where('entity', '=', 'monitoring_alert').where('action', '=', 'open').execute();
    expect(audit).toHaveLength(5);
  });

  it('a second scan updates the same alerts and opens none', async () => {
    expect(await scanAlerts(t.db)).toEqual({ opened: 0, updated: 5, closed: 0, open: 5 });
    const rows = await t.db.selectFrom('monitoring_alert').select('id').execute();
    expect(rows).toHaveLength(5);
  });

  it('filters by kind, district and site, and pages', async () => {
    expect((await alerts('&kind=station_silent')).map((a) => a.site.code)).toEqual(['EY-AIR-01']);
    expect((await alerts(`&districtId=${await organisationId(t.db, 'enyang')}`)).map((a) => a.kind)).toEqual(['station_silent']);
    const paged = await get('/api/monitoring/alerts?pageSize=2&page=2');
    expect(paged.json()).toMatchObject({ total: 5, page: 2, pageSize: 2 });
    expect(paged.json().items).toHaveLength(2);
    expect(await alerts('&status=closed')).toEqual([]);
  });
});

describe('inbox and acknowledgement', () => {
  it("shows an organisation its own open alerts in its inbox, and no one else's", async () => {
    const bazhou = await get('/api/tasks/inbox', bazhouUser);
    expect(bazhou.statusCode, bazhou.body).toBe(200);
    expect((bazhou.json().monitoringAlerts as Alert[]).map((a) => a.site.code).sort()).toEqual(['BZ-AIR-NBYQ', 'DW-DFS', 'SW-JB']);
    const enyang = await get('/api/tasks/inbox', enyangUser);
    expect((enyang.json().monitoringAlerts as Alert[]).map((a) => a.kind)).toEqual(['station_silent']);
    const city = await get('/api/tasks/inbox', leader);
    expect(city.json().monitoringAlerts).toEqual([]);
  });

  it('lets the responsible unit acknowledge, and refuses another district', async () => {
    const heavy = byCode(await alerts(), 'BZ-AIR-NBYQ', 'aqi_heavy')!;
    const refused = await post(`/api/monitoring/alerts/${heavy.id}/acknowledge`, enyangUser);
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    const done = await post(`/api/monitoring/alerts/${heavy.id}/acknowledge`, bazhouUser);
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().acknowledgedBy).toMatchObject({ name: 'alert-bazhou' });
    expect(done.json().acknowledgedAt).toMatch(/\+08:00$/);
  });
});

describe('supervision (发起督办)', () => {
  it('opens a 督办 item with the alert unit responsible and 市生态环境局 leading, once', async () => {
    const section = byCode(await alerts(), 'SW-JB', 'section_below_target')!;
    const first = await post(`/api/monitoring/alerts/${section.id}/supervise`, coordinator, {});
    expect(first.statusCode, first.body).toBe(201);
    const { taskItemId } = first.json();
    const again = await post(`/api/monitoring/alerts/${section.id}/supervise`, coordinator, {});
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ taskItemId, created: false });

    const item = await get(`/api/tasks/items/${taskItemId}`, coordinator);
    expect(item.statusCode, item.body).toBe(200);
    const body = item.json();
    expect(body.listKey).toBe('monitoring-alerts');
    expect(body.listTitle).toBe('环境监测预警督办');
    expect(body.title).toContain('金碑');
    expect(body.text).toContain('氨氮 0.8 mg/L');
    expect(body.text).toContain('GB3838-2002');
    const units = body.units.map((u: { role: string; organisationId: number }) => [u.role, u.organisationId]);
    expect(units).toEqual([
      ['lead', await organisationId(t.db, 'shi-shengtaihuanjing-ju')],
      ['responsible', await organisationId(t.db, 'bazhou')],
    ]);
    const due = new Date(Date.parse(`${cityToday()}T00:00:00Z`) + 15 * 86_400_000).toISOString().slice(0, 10);
    expect(body.deadline).toEqual({ kind: 'date', due, ongoingAfter: false });
    expect((await get(`/api/monitoring/alerts/${section.id}`)).json().taskItemId).toBe(taskItemId);

    const audit = await t.db.selectFrom('audit_entry').select(['action', 'entity']).where('entity_id', 'in', [String(taskItemId), String(section.id)]).execute();
    expect(audit).toEqual(expect.arrayContaining([{ action: 'create', entity: 'task_item' }, { action: 'supervise', entity: 'monitoring_alert' }]));
  });

  it('takes a due date, refuses one in the past', async () => {
    const drinking = byCode(await alerts(), 'DW-DFS', 'drinking_exceedance')!;
    const past = await post(`/api/monitoring/alerts/${drinking.id}/supervise`, coordinator, { dueDate: '2020-01-01' });
    expect(past.statusCode).toBe(400);
    const given = await post(`/api/monitoring/alerts/${drinking.id}/supervise`, coordinator, { dueDate: '2099-06-30' });
    expect(given.statusCode, given.body).toBe(201);
    const item = (await get(`/api/tasks/items/${given.json().taskItemId}`, coordinator)).json();
    expect(item.deadline).toMatchObject({ kind: 'date', due: '2099-06-30' });
  });
});

describe('conditions that end close their alerts', () => {
  it('closes heavy pollution, silence and the section when new data show them over', async () => {
    // The latest hour sent again, corrected to PM2.5 40; 恩阳区's station reports again; 金碑 back to class Ⅱ.
    await push('air', [
      { site: 'BZ-AIR-NBYQ', at: stamp(hourEnd), values: { pm2_5: 40, pm10: 60 } },
      { site: 'EY-AIR-01', at: stamp(hourEnd), values: { pm2_5: 30, pm10: 50 } },
    ]);
    await push('water', [{ site: 'SW-JB', at: stamp(hourEnd - 2 * HOUR_MS), mode: 'manual', values: { ph: 7.5, do: 7, nh3_n: 0.3 } }]);
    const result = await scanAlerts(t.db);
    const closed = await alerts('&status=closed');
    expect(closed.map((a) => `${a.site.code}:${a.kind}`).sort()).toEqual(['BZ-AIR-NBYQ:aqi_heavy', 'EY-AIR-01:station_silent', 'SW-JB:section_below_target']);
    expect(result).toMatchObject({ opened: 0, closed: 3, open: 2 });
    expect(result.closed).toBe(closed.length);
    for (const a of closed) expect(a.closedAt).not.toBeNull();
    // A closed alert keeps its 督办 item.
    expect(byCode(closed, 'SW-JB', 'section_below_target')!.taskItemId).not.toBeNull();
    const audit = await t.db.selectFrom('audit_entry').select('id').where('entity', '=', 'monitoring_alert').where('action', '=', 'close').execute();
    expect(audit).toHaveLength(closed.length);
  });
});

describe('refusals', () => {
  it('asks for a login, and for the capability', async () => {
    expect((await get('/api/monitoring/alerts', null)).statusCode).toBe(401);
    expect((await get('/api/monitoring/alerts', enterprise)).statusCode).toBe(403);
    expect((await post('/api/monitoring/alerts/scan', leader)).statusCode).toBe(403);
    const [any] = await alerts('&status=all');
    const refused = await post(`/api/monitoring/alerts/${any!.id}/supervise`, bazhouUser, {});
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['content-type']).toContain('application/problem+json');
  });

  it('answers bad and unknown ids with problem+json', async () => {
    const bad = await get('/api/monitoring/alerts/abc');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
    const missing = await get('/api/monitoring/alerts/999999');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ status: 404, title: '未找到' });
    expect((await post('/api/monitoring/alerts/999999/supervise', coordinator, {})).statusCode).toBe(404);
    expect((await post('/api/monitoring/alerts/999999/acknowledge', coordinator)).statusCode).toBe(404);
    expect((await get('/api/monitoring/alerts?kind=flood')).statusCode).toBe(400);
  });
});

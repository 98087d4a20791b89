// 数据采集网关 API against a gateway running in the test: a device registered through the API is offline;
// once a fake device connects and sends hour data it is online with its values; garbage it sends shows as
// malformed packets; 读取时钟 goes through the command queue to the device and back with the clock's
// offset; a device's 1013 gets 9013 and then a 1012 with the platform's time.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, userWithToken, type TestApp } from '../support/app.ts';
import { GatewayServer, type GatewayLog } from '../../src/gateway/server/server.ts';
import { formatSystemTime } from '../../src/gateway/codec/clock-text.ts';
import { cpValue } from '../../src/gateway/codec/cp.ts';
import { DeviceClient, frame, hourSegment } from './device-client.ts';

let t: TestApp;
let manager: string;
let reader: string;
let gateway: GatewayServer;
let port: number;
let device: DeviceClient;
let deviceId: number;
const MN = 'QSAPI0000000000000000001';
const PW = 'pw123456';
const quiet: GatewayLog = { info: () => undefined, warn: () => undefined, error: () => undefined };

const as = (token: string) => ({ authorization: `Bearer ${token}` });
const get = (url: string, token = reader) => t.app.inject({ method: 'GET', url, headers: as(token) });
const send = (method: 'POST' | 'PATCH', url: string, payload: object, token = manager) => t.app.inject({ method, url, headers: as(token), payload });

interface DeviceJson {
  id: number;
  mn: string;
  name: string | null;
  online: boolean;
  lastSeenAt: string | null;
  packetsLastHour: number;
  malformedCount: number;
  site: { code: string; name: string } | null;
}

async function listed(): Promise<DeviceJson> {
  const response = await get('/api/gateway/devices?pageSize=200');
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items.find((d: DeviceJson) => d.mn === MN);
}

/** Waits for something the gateway publishes every few hundred ms in this test. */
async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean, ms = 8_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await read();
    if (ok(value) || Date.now() > end) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** A device packet (Flag 4: 2017, no answer wanted) as a device writes its answers. */
function answer(qn: string, cn: string, cp: string, st = '91'): Uint8Array {
  return frame(`QN=${qn};ST=${st};CN=${cn};PW=${PW};MN=${MN};Flag=4;CP=&&${cp}&&`);
}

beforeAll(async () => {
  t = await startTestApp();
  manager = (await userWithToken(t.db, { username: 'gw-coordinator', role: 'coordinator', organisation: 'shi-huanweiban' })).token;
  reader = (await userWithToken(t.db, { username: 'gw-leader', role: 'leader', organisation: 'bazhong' })).token;
  gateway = new GatewayServer(t.db, { host: '127.0.0.1', port: 0, log: quiet, statusIntervalMs: 200, commandPollMs: 150, commandTimeoutMs: 5_000 });
  port = await gateway.listen();
});

afterAll(async () => {
  device?.close();
  await gateway?.close();
  await t?.close();
});

describe('gateway device API', () => {
  it('registers a device (password write-only, audited) and lists it offline', async () => {
    const created = await send('POST', '/api/gateway/devices', { mn: MN, name: '南坝院区数采仪', password: PW, site: 'BZ-AIR-NBYQ' });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.body).not.toContain(PW);
    deviceId = created.json().id;
    expect(created.json().codes.length).toBeGreaterThan(0);
    const audit = await t.db.selectFrom('audit_entry').select(['action', 'after']).where('entity', '=', 'gateway_device').where('entity_id', '=', String(deviceId)).execute();
    expect(audit.map((a) => a.action)).toEqual(['create']);
    expect(JSON.stringify(audit[0]!.after)).not.toContain(PW);

    const row = await listed();
    expect(row).toMatchObject({ name: '南坝院区数采仪', online: false, lastSeenAt: null, packetsLastHour: 0, malformedCount: 0 });
    expect(row.site?.code).toBe('BZ-AIR-NBYQ');
    expect(row.site?.name).not.toBe('BZ-AIR-NBYQ');
  });

  it('answers a duplicate MN with 409, an unknown site with 422, a short password with 400, a reader with 403', async () => {
    const duplicate = await send('POST', '/api/gateway/devices', { mn: MN, password: PW, site: 'BZ-AIR-NBYQ' });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.headers['content-type']).toContain('application/problem+json');
    expect(duplicate.json().title).toBe('与现有数据冲突');
    const unknown = await send('POST', '/api/gateway/devices', { mn: 'QSAPI-OTHER', password: PW, site: 'NO-SUCH-SITE' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().detail).toContain('NO-SUCH-SITE');
    const neither = await send('POST', '/api/gateway/devices', { mn: 'QSAPI-OTHER', password: PW });
    expect(neither.statusCode).toBe(400);
    const short = await send('POST', '/api/gateway/devices', { mn: 'QSAPI-OTHER', password: '12345', site: 'BZ-AIR-NBYQ' });
    expect(short.statusCode).toBe(400);
    const forbidden = await send('POST', '/api/gateway/devices', { mn: 'QSAPI-OTHER', password: PW, site: 'BZ-AIR-NBYQ' }, reader);
    expect(forbidden.statusCode).toBe(403);
  });

  it('reports a running gateway', async () => {
    const status = await eventually(async () => (await get('/api/gateway/status')).json(), (s) => s.running === true);
    expect(status.running).toBe(true);
    expect(status.instances[0]).toMatchObject({ running: true, port });
  });

  it('shows the device online with its values once it sends hour data', async () => {
    device = await DeviceClient.open(port);
    const qn = '20260301090000001';
    device.send(frame(hourSegment({ qn, mn: MN, pw: PW, dataTime: '20260301080000', values: 'a34004-Avg=35,a34004-Flag=N;a34002-Avg=80,a34002-Flag=D' })));
    await device.until(() => device.replyTo(qn) !== undefined);
    const row = await eventually(listed, (d) => d.online);
    expect(row).toMatchObject({ online: true, packetsLastHour: 1 });
    expect(row.lastSeenAt).not.toBeNull();

    const detail = (await get(`/api/gateway/devices/${deviceId}`)).json();
    // Latest values: the raw readings where the gateway keeps them, else the stored air hour.
    const values = detail.readings.length > 0 ? detail.readings.map((r: { factorCode: string; value: string }) => [r.factorCode, r.value]) : detail.airHour.values.map((v: { parameter: string; value: string }) => [v.parameter, v.value]);
    expect(values.length).toBe(2);
    if (detail.readings.length > 0) {
      expect(detail.readings.find((r: { factorCode: string }) => r.factorCode === 'a34002')).toMatchObject({ flag: 'D', valid: false });
    } else {
      expect(detail.airHour.observedAt).toBe('2026-03-01T09:00:00+08:00');
    }
  });

  it('counts garbage from the device as malformed packets and shows the last ones', async () => {
    device.send(frame(`QN=20260301090000002;ST=22;CN=2061;PW=${PW};MN=${MN};Flag=5;CP=&&DataTime=20260301083000;a34004-Avg=1&&`));
    device.send('##0010NOTAPACKETAB12\r\n');
    const row = await eventually(listed, (d) => d.malformedCount >= 2);
    expect(row.malformedCount).toBeGreaterThanOrEqual(2);
    const detail = (await get(`/api/gateway/devices/${deviceId}`)).json();
    expect(detail.malformed.last.length).toBeGreaterThanOrEqual(2);
    expect(detail.malformed.last.some((m: { reason: string }) => m.reason.includes('不是整点'))).toBe(true);
    // The password is never shown.
    expect(JSON.stringify(detail.malformed)).not.toContain(PW);
  });

  it('reads the device clock: 1011 goes out, 9011 + the 1011 upload + 9012 make it done with the offset', async () => {
    const queued = await send('POST', `/api/gateway/devices/${deviceId}/commands`, { kind: 'get-time' });
    expect(queued.statusCode, queued.body).toBe(202);
    expect(queued.json()).toMatchObject({ cn: '1011', kind: 'get-time', state: 'pending' });
    const qn: string = queued.json().qn;

    await device.until(() => device.replies.some((r) => r.cn === '1011' && r.qn === qn));
    const request = device.replies.find((r) => r.cn === '1011' && r.qn === qn)!;
    expect([request.mn, request.pw, request.st, request.flag]).toEqual([MN, PW, '22', 5]);

    // The device's clock is 120 s ahead.
    const deviceTime = formatSystemTime(new Date(Date.now() + 120_000));
    device.send(answer(qn, '9011', 'QnRtn=1'));
    device.send(answer(qn, '1011', `SystemTime=${deviceTime}`, '22'));
    device.send(answer(qn, '9012', 'ExeRtn=1'));

    const command = await eventually(
      async () => (await get(`/api/gateway/devices/${deviceId}/commands`)).json().items.find((c: { qn: string }) => c.qn === qn),
      (c) => c.state === 'done',
    );
    expect(command).toMatchObject({ state: 'done', qnRtn: 1, exeRtn: 1, requestedBy: { name: 'gw-coordinator' } });
    expect(command.result.offsetSeconds).toBeGreaterThanOrEqual(118);
    expect(command.result.offsetSeconds).toBeLessThanOrEqual(122);
  });

  it('answers a device 1013 with 9013 and then a 1012 carrying the platform time', async () => {
    const qn = '20260301090000003';
    const before = formatSystemTime(new Date(Date.now() - 1000));
    device.send(frame(`QN=${qn};ST=22;CN=1013;PW=${PW};MN=${MN};Flag=5;CP=&&&&`));
    await device.until(() => device.replyTo(qn, '9013') !== undefined);
    await device.until(() => device.replies.some((r) => r.cn === '1012'));
    const setTime = device.replies.find((r) => r.cn === '1012')!;
    const systemTime = cpValue(setTime.cp, 'SystemTime')!;
    expect(systemTime >= before && systemTime <= formatSystemTime(new Date(Date.now() + 1000))).toBe(true);
    device.send(answer(setTime.qn!, '9011', 'QnRtn=1'));
    device.send(answer(setTime.qn!, '9012', 'ExeRtn=1'));
    const command = await eventually(
      async () => (await get(`/api/gateway/devices/${deviceId}/commands`)).json().items.find((c: { qn: string }) => c.qn === setTime.qn),
      (c) => c.state === 'done',
    );
    expect(command).toMatchObject({ cn: '1012', kind: 'set-time', state: 'done', requestedBy: null, cp: { SystemTime: systemTime } });
  });

  it('edits a device and resets its password; the device must then use the new one', async () => {
    const edited = await send('PATCH', `/api/gateway/devices/${deviceId}`, { name: '南坝数采仪', password: 'newpw789' });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().name).toBe('南坝数采仪');
    const other = await DeviceClient.open(port);
    const qn = '20260301100000001';
    other.send(frame(hourSegment({ qn, mn: MN, pw: PW, dataTime: '20260301090000', values: 'a34004-Avg=30,a34004-Flag=N' })));
    await other.until(() => other.replyTo(qn, '9011') !== undefined);
    expect(cpValue(other.replyTo(qn, '9011')!.cp, 'QnRtn')).toBe('3');
    other.close();
  });

  it('shows the device offline when the gateway stops', async () => {
    device.close();
    await gateway.close();
    const status = (await get('/api/gateway/status')).json();
    expect(status.running).toBe(false);
    expect((await listed()).online).toBe(false);
  });
});

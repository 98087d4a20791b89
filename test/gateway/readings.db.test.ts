import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { sql } from 'kysely';
import { openTestStore, type TestStore } from '../support/db.ts';
import { SYSTEM_ACTOR } from '../../src/audit/store.ts';
import { createDevice } from '../../src/gateway/devices/service.ts';
import { hashDevicePassword } from '../../src/gateway/devices/password.ts';
import { flagVerdict } from '../../src/gateway/server/flag-profiles.ts';
import { pruneRealtime } from '../../src/gateway/server/retention.ts';
import { GatewayServer, type GatewayLog } from '../../src/gateway/server/server.ts';
import { DeviceClient, frame, hourSegment } from './device-client.ts';

let store: TestStore;
let gateway: GatewayServer;
let port: number;
const logged: { level: string; message: string; fields?: Record<string, unknown> }[] = [];
const log: GatewayLog = {
  info: (message, fields) => logged.push({ level: 'info', message, fields }),
  warn: (message, fields) => logged.push({ level: 'warn', message, fields }),
  error: (message, fields) => logged.push({ level: 'error', message, fields }),
};
const outletCalls: { outletId: number; cn: string }[] = [];

const AIR = 'QSREAD000000000000000001';
const VENDOR = 'QSREAD000000000000000002';
const STACK = 'QSREAD000000000000000003';
let airDevice: number;
let vendorDevice: number;
let stackDevice: number;
let outletId: number;
let siteId: number;
let qnCounter = 0;
const nextQn = () => `20260310${String(1_000_000_000 + qnCounter++).slice(1)}`;

interface ReadingRow {
  cn: string;
  data_time: string;
  factor_code: string;
  rtd: string | null;
  avg: string | null;
  zs_avg: string | null;
  flag: string | null;
  valid: boolean;
  invalid_reason: string | null;
  extra: Record<string, string> | null;
}

async function readings(deviceId: number, cn: string): Promise<ReadingRow[]> {
  const { rows } = await sql<ReadingRow>`
    SELECT cn, to_char(data_time AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI:SS') AS data_time, factor_code,
      rtd::text AS rtd, avg::text AS avg, zs_avg::text AS zs_avg, flag, valid, invalid_reason, extra
    FROM gateway_reading WHERE device_id = ${deviceId} AND cn = ${cn} ORDER BY data_time, factor_code`.execute(store.storage.db);
  return rows;
}

async function airHour(at: string) {
  const { rows } = await sql<{ parameter: string; value: string | null }>`
    SELECT parameter, value::text AS value FROM monitoring_air_hourly
    WHERE station_id = ${siteId} AND observed_at = ${at}::timestamptz ORDER BY parameter`.execute(store.storage.db);
  return rows;
}

/** Sends the packets in order and waits for the 9014 of the last: every packet before it is handled too. */
async function sendAll(device: DeviceClient, segments: string[], lastQn: string): Promise<void> {
  for (const segment of segments) device.send(frame(segment));
  await device.until(() => device.replyTo(lastQn) !== undefined);
}

beforeAll(async () => {
  store = await openTestStore();
  const db = store.storage.db;
  const air = await createDevice(db, SYSTEM_ACTOR, { mn: AIR, password: '123456', site: 'BZ-AIR-NBYQ' });
  airDevice = air.id;
  siteId = air.siteId!;
  vendorDevice = (await createDevice(db, SYSTEM_ACTOR, { mn: VENDOR, password: '123456', site: 'EY-AIR-01' })).id;
  await db.updateTable('gateway_device').set({ flag_profile: 'vendor-phl' }).where('id', '=', vendorDevice).execute();

  // An enterprise (a unit of its district) with one flue-gas stack, and the stack's CEMS.
  const district = await db.selectFrom('organisation').select('id').where('kind', '=', 'district').orderBy('id').executeTakeFirstOrThrow();
  const organisation = await db
    .insertInto('organisation')
    .values({ key: 'reading-test-enterprise', name: '读数测试企业', full_name: null, kind: 'unit', district_type: null, unit_type: 'enterprise', code: null, parent_id: district.id, note: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  const enterprise = await db
    .insertInto('enterprise')
    .values({ organisation_id: organisation.id, name: '读数测试企业', district_id: district.id })
    .returning('id')
    .executeTakeFirstOrThrow();
  outletId = (await db.insertInto('enterprise_outlet').values({ enterprise_id: enterprise.id, code: 'DA001', name: '1号锅炉烟囱', medium: 'gas' }).returning('id').executeTakeFirstOrThrow()).id;
  stackDevice = (
    await db
      .insertInto('gateway_device')
      .values({ mn: STACK, password_hash: await hashDevicePassword('654321'), st: '31', site_id: null, outlet_id: outletId, note: null })
      .returning('id')
      .executeTakeFirstOrThrow()
  ).id;

  gateway = new GatewayServer(db, {
    host: '127.0.0.1',
    port: 0,
    log,
    framing: { maxSegmentLength: 1024, requireCrLf: false },
    onOutletReadings: (outlet, cn) => outletCalls.push({ outletId: outlet, cn }),
  });
  port = await gateway.listen();
});

afterAll(async () => {
  if (process.env.GATEWAY_DEBUG) console.log(logged);
  await gateway?.close();
  await store?.dispose();
});

describe('gateway: readings at every resolution', () => {
  it('stores real-time, minute and day data raw, at their DataTime, with flags, and acknowledges after commit', async () => {
    const device = await DeviceClient.open(port);
    const [rt, minute, day] = [nextQn(), nextQn(), nextQn()];
    await sendAll(
      device,
      [
        hourSegment({ qn: rt, cn: '2011', mn: AIR, dataTime: '20260303100017', values: 'a34004-Rtd=41.5,a34004-Flag=N,a34004-SampleTime=20260303100000;a21026-Rtd=0.012,a21026-Flag=D' }),
        hourSegment({ qn: minute, cn: '2051', mn: AIR, dataTime: '20260303101000', values: 'a34004-Min=38,a34004-Avg=40.2,a34004-Max=43,a34004-Flag=N' }),
        hourSegment({ qn: day, cn: '2031', mn: AIR, dataTime: '20260303000000', values: 'a34004-Avg=36,a34004-Flag=N,a34004-ValidNum=23;zz9999-Avg=1x' }),
      ],
      day,
    );
    expect([rt, minute].every((qn) => device.replyTo(qn) !== undefined)).toBe(true);
    expect(await readings(airDevice, '2011')).toEqual([
      { cn: '2011', data_time: '2026-03-03T10:00:17', factor_code: 'a21026', rtd: '0.012', avg: null, zs_avg: null, flag: 'D', valid: false, invalid_reason: flagVerdict('hj212', 'D').reason, extra: null },
      { cn: '2011', data_time: '2026-03-03T10:00:17', factor_code: 'a34004', rtd: '41.5', avg: null, zs_avg: null, flag: 'N', valid: true, invalid_reason: null, extra: { SampleTime: '20260303100000' } },
    ]);
    expect(await readings(airDevice, '2051')).toEqual([
      { cn: '2051', data_time: '2026-03-03T10:10:00', factor_code: 'a34004', rtd: null, avg: '40.2', zs_avg: null, flag: 'N', valid: true, invalid_reason: null, extra: null },
    ]);
    const dayRows = await readings(airDevice, '2031');
    expect(dayRows.map((r) => [r.data_time, r.factor_code, r.avg, r.valid, r.extra])).toEqual([
      ['2026-03-03T00:00:00', 'a34004', '36', true, { ValidNum: '23' }],
      // A code no mapping names is kept; its unreadable number is null with the reason.
      ['2026-03-03T00:00:00', 'zz9999', null, false, null],
    ]);
    expect(dayRows[1]!.invalid_reason).toContain('1x');
    // Readings never reach the monitoring store: only an air station's hour data do.
    expect(await airHour('2026-03-03T11:00:00+08:00')).toEqual([]);
    const receipts = await store.storage.db.selectFrom('gateway_receipt').select(['cn', 'values_written']).where('qn', 'in', [rt, minute, day]).orderBy('cn').execute();
    expect(receipts).toEqual([
      { cn: '2011', values_written: 2 },
      { cn: '2031', values_written: 2 },
      { cn: '2051', values_written: 1 },
    ]);
    device.close();
  });

  it('stores an air station’s hour data in the monitoring store, and as readings only the codes the store does not take', async () => {
    const device = await DeviceClient.open(port);
    const qn = nextQn();
    await sendAll(device, [hourSegment({ qn, mn: AIR, dataTime: '20260304080000', values: 'a21026-Avg=0.012,a21026-Flag=N;w01018-Avg=3' })], qn);
    expect(await airHour('2026-03-04T09:00:00+08:00')).toEqual([{ parameter: 'so2', value: '12' }]);
    // The mapped SO₂ is in the store (and raw in the receipt's segment); the unmapped code is a reading, at the hour's start.
    expect((await readings(airDevice, '2061')).map((r) => [r.data_time, r.factor_code, r.avg])).toEqual([['2026-03-04T08:00:00', 'w01018', '3']]);
    const receipt = await store.storage.db.selectFrom('gateway_receipt').select(['segment', 'values_written']).where('qn', '=', qn).executeTakeFirstOrThrow();
    expect(receipt.segment).toContain('a21026-Avg=0.012');
    expect(receipt.values_written).toBe(1);
    expect(outletCalls).toEqual([]);
    device.close();
  });

  it('stores a resent QN once and acknowledges it again', async () => {
    const device = await DeviceClient.open(port);
    const qn = nextQn();
    const packet = hourSegment({ qn, cn: '2011', mn: AIR, dataTime: '20260305120030', values: 'a34004-Rtd=17,a34004-Flag=N' });
    await sendAll(device, [packet], qn);
    await store.storage.db.updateTable('gateway_reading').set({ rtd: '999' }).where('device_id', '=', airDevice).where('cn', '=', '2011').where('data_time', '=', new Date('2026-03-05T12:00:30+08:00')).execute();
    device.send(frame(packet));
    await device.until(() => device.replies.filter((r) => r.qn === qn && r.cn === '9014').length === 2);
    expect(await store.storage.db.selectFrom('gateway_receipt').select('qn').where('qn', '=', qn).execute()).toHaveLength(1);
    const rows = (await readings(airDevice, '2011')).filter((r) => r.data_time === '2026-03-05T12:00:30');
    // The resend wrote nothing: the value changed since is as it was left.
    expect(rows.map((r) => r.rtd)).toEqual(['999']);
    device.close();
  });

  it('refuses minute data whose DataTime is not a whole minute: no 9014, counted as malformed', async () => {
    const device = await DeviceClient.open(port);
    const before = gateway.malformedOf(AIR).count;
    const [bad, good] = [nextQn(), nextQn()];
    await sendAll(
      device,
      [
        hourSegment({ qn: bad, cn: '2051', mn: AIR, dataTime: '20260306101030', values: 'a34004-Avg=40,a34004-Flag=N' }),
        hourSegment({ qn: good, cn: '2051', mn: AIR, dataTime: '20260306101100', values: 'a34004-Avg=40,a34004-Flag=N' }),
      ],
      good,
    );
    expect(device.replyTo(bad)).toBeUndefined();
    const malformed = gateway.malformedOf(AIR);
    expect(malformed.count).toBe(before + 1);
    expect(malformed.last.at(-1)!.reason).toContain('20260306101030');
    expect((await readings(airDevice, '2051')).map((r) => r.data_time)).not.toContain('2026-03-06T10:10:30');
    expect(await store.storage.db.selectFrom('gateway_receipt').select('qn').where('qn', '=', bad).execute()).toEqual([]);
    device.close();
  });

  it('reads a flag through the device’s vendor table: B is an instrument fault there', async () => {
    const device = await DeviceClient.open(port);
    const [vendorQn, hj212Qn] = [nextQn(), nextQn()];
    await sendAll(device, [hourSegment({ qn: vendorQn, cn: '2011', mn: VENDOR, dataTime: '20260307090000', values: 'a34004-Rtd=12,a34004-Flag=B' })], vendorQn);
    await sendAll(device, [hourSegment({ qn: hj212Qn, cn: '2011', mn: AIR, dataTime: '20260307090000', values: 'a34004-Rtd=12,a34004-Flag=B' })], hj212Qn);
    const [vendorRow] = await readings(vendorDevice, '2011');
    const hj212Row = (await readings(airDevice, '2011')).find((r) => r.data_time === '2026-03-07T09:00:00')!;
    expect([vendorRow!.flag, vendorRow!.valid]).toEqual(['B', false]);
    expect(vendorRow!.invalid_reason).toContain('监测仪器发生故障');
    expect(hj212Row.invalid_reason).toContain('通讯异常');
    device.close();
  });

  it('stores an outlet device’s hour data as readings only, and tells the hook which outlet', async () => {
    const device = await DeviceClient.open(port);
    const qn = nextQn();
    await sendAll(device, [hourSegment({ qn, st: '31', pw: '654321', mn: STACK, dataTime: '20260308140000', values: 'a21026-Avg=25.3,a21026-ZsAvg=28.1,a21026-Flag=N;a19001-Avg=9.8,a19001-Flag=N' })], qn);
    expect(await readings(stackDevice, '2061')).toEqual([
      { cn: '2061', data_time: '2026-03-08T14:00:00', factor_code: 'a19001', rtd: null, avg: '9.8', zs_avg: null, flag: 'N', valid: true, invalid_reason: null, extra: null },
      { cn: '2061', data_time: '2026-03-08T14:00:00', factor_code: 'a21026', rtd: null, avg: '25.3', zs_avg: '28.1', flag: 'N', valid: true, invalid_reason: null, extra: null },
    ]);
    expect(outletCalls).toEqual([{ outletId, cn: '2061' }]);
    // A resend is a duplicate: nothing new to judge.
    device.send(frame(hourSegment({ qn, st: '31', pw: '654321', mn: STACK, dataTime: '20260308140000', values: 'a21026-Avg=25.3,a21026-ZsAvg=28.1,a21026-Flag=N;a19001-Avg=9.8,a19001-Flag=N' })));
    await device.until(() => device.replies.filter((r) => r.qn === qn && r.cn === '9014').length === 2);
    expect(outletCalls).toHaveLength(1);
    device.close();
  });
});

describe('gateway: a store that fails', () => {
  it('does not acknowledge what it could not store, logs it, and stores the resend', async () => {
    const db = store.storage.db;
    const device = await DeviceClient.open(port);
    const qn = nextQn();
    const packet = hourSegment({ qn, cn: '2051', mn: AIR, dataTime: '20260309101500', values: 'a34004-Avg=21,a34004-Flag=N' });
    await sql`ALTER TABLE gateway_reading RENAME TO gateway_reading_away`.execute(db);
    try {
      device.send(frame(packet));
      // Nothing comes back on the socket: the log is watched instead.
      await vi.waitFor(() => expect(logged.some((l) => l.level === 'error' && l.fields?.qn === qn)).toBe(true), { timeout: 10_000 });
    } finally {
      await sql`ALTER TABLE gateway_reading_away RENAME TO gateway_reading`.execute(db);
    }
    expect(device.replyTo(qn)).toBeUndefined();
    // The receipt was rolled back with the readings: the resend is stored, not taken for a duplicate.
    device.send(frame(packet));
    await device.until(() => device.replyTo(qn) !== undefined);
    expect((await readings(airDevice, '2051')).filter((r) => r.data_time === '2026-03-09T10:15:00').map((r) => r.avg)).toEqual(['21']);
    device.close();
  });
});

describe('real-time retention', () => {
  it('deletes real-time readings older than the retention, in batches, and keeps every other resolution', async () => {
    const db = store.storage.db;
    // Before every packet above: the readings they stored are not old at this time.
    const now = Date.parse('2026-02-01T00:00:00+08:00');
    const day = 86_400_000;
    const row = (cn: '2011' | '2051', at: number, code: string) => ({ device_id: vendorDevice, cn, data_time: new Date(at), factor_code: code, rtd: '1', valid: true, invalid_reason: null });
    await db
      .insertInto('gateway_reading')
      .values([
        ...['a1', 'a2', 'a3', 'a4', 'a5'].map((code) => row('2011', now - 31 * day, code)),
        row('2011', now - 29 * day, 'a1'),
        row('2051', now - 90 * day, 'a1'),
      ])
      .execute();
    const count = async (cn: string) => Number((await sql<{ n: number }>`SELECT count(*)::int AS n FROM gateway_reading WHERE device_id = ${vendorDevice} AND cn = ${cn}`.execute(db)).rows[0]!.n);
    const realtimeBefore = await count('2011');
    expect(await pruneRealtime(db, 30, now, 2)).toBe(5);
    expect(await count('2011')).toBe(realtimeBefore - 5);
    expect(await count('2051')).toBe(1);
    expect(await pruneRealtime(db, 30, now, 2)).toBe(0);
  });
});

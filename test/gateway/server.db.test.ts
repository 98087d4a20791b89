import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestStore, type TestStore } from '../support/db.ts';
import { SYSTEM_ACTOR } from '../../src/audit/store.ts';
import { createDevice } from '../../src/gateway/devices/service.ts';
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

const A = 'QS0000000000000000000001';
const B = 'QS0000000000000000000002';
let siteA: number;
let qnCounter = 0;
const nextQn = () => `20260301${String(1_000_000_000 + qnCounter++).slice(1)}`;

async function airValues(siteId: number, at: string) {
  const { rows } = await sql<{ parameter: string; value: string | null; valid: boolean; invalid_reason: string | null }>`
    SELECT parameter, value::text AS value, valid, invalid_reason FROM monitoring_air_hourly
    WHERE station_id = ${siteId} AND observed_at = ${at}::timestamptz ORDER BY parameter`.execute(store.storage.db);
  return rows;
}

/** Device B sends an hour and gets its 9014: the gateway keeps serving others. */
async function servedMeanwhile(): Promise<void> {
  const other = await DeviceClient.open(port);
  const qn = nextQn();
  other.send(frame(hourSegment({ qn, mn: B, dataTime: '20260302100000', values: 'a34004-Avg=20,a34004-Flag=N' })));
  await other.until(() => other.replyTo(qn) !== undefined);
  other.close();
}

beforeAll(async () => {
  store = await openTestStore();
  const a = await createDevice(store.storage.db, SYSTEM_ACTOR, { mn: A, password: '123456', site: 'BZ-AIR-NBYQ' });
  await createDevice(store.storage.db, SYSTEM_ACTOR, { mn: B, password: '123456', site: 'EY-AIR-01' });
  siteA = a.siteId!;
  gateway = new GatewayServer(store.storage.db, {
    host: '127.0.0.1',
    port: 0,
    log,
    framing: { maxSegmentLength: 1024, requireCrLf: false },
    idleTimeoutMs: 1500,
    frameTimeoutMs: 800,
    maxConnectionsPerAddress: 4,
    maxGarbageBytes: 16 * 1024,
  });
  port = await gateway.listen();
});

afterAll(async () => {
  if (process.env.GATEWAY_DEBUG) console.log(logged);
  await gateway?.close();
  await store?.dispose();
});

describe('gateway: hour data', () => {
  it('stores 2061 at the end of the hour, in store units, with flags, and acknowledges after commit', async () => {
    const device = await DeviceClient.open(port);
    const qn = nextQn();
    device.send(frame(hourSegment({ qn, mn: A, dataTime: '20260301080000', values: 'a21026-Avg=0.012,a21026-Flag=N;a34004-Avg=35,a34004-Flag=N;a34002-Avg=80,a34002-Flag=D;w01018-Avg=3' })));
    await device.until(() => device.replyTo(qn) !== undefined);
    // The 9014 came: the values must be there already, at 09:00 (the hour 08:00–09:00 ends then).
    expect(await airValues(siteA, '2026-03-01T09:00:00+08:00')).toEqual([
      { parameter: 'pm10', value: '80', valid: false, invalid_reason: 'HJ 212 数据标记 D：仪器故障' },
      { parameter: 'pm2_5', value: '35', valid: true, invalid_reason: null },
      { parameter: 'so2', value: '12', valid: true, invalid_reason: null },
    ]);
    expect(await airValues(siteA, '2026-03-01T08:00:00+08:00')).toEqual([]);
    const reply = device.replyTo(qn)!;
    expect([reply.st, reply.mn, reply.flag]).toEqual(['91', A, 4]);
    const receipt = await store.storage.db.selectFrom('gateway_receipt').selectAll().where('qn', '=', qn).executeTakeFirstOrThrow();
    expect(receipt.segment).toContain('a34002-Flag=D');
    expect(receipt.segment).toContain('w01018-Avg=3');
    const seen = await store.storage.db.selectFrom('gateway_device').select(['version_seen', 'last_seen_at']).where('mn', '=', A).executeTakeFirstOrThrow();
    expect(seen.version_seen).toBe('2017');
    expect(seen.last_seen_at).not.toBeNull();
    device.close();
  });

  it('stores each part of a split record as it comes and acknowledges each part with its own QN (C.50)', async () => {
    const device = await DeviceClient.open(port);
    // Each part is a whole packet with its own QN, Flag=7 (split, answer wanted) and the DataTime repeated.
    const parts = [
      { qn: nextQn(), pno: 1, values: 'a34004-Avg=41,a34004-Flag=N' },
      { qn: nextQn(), pno: 2, values: 'a34002-Avg=66,a34002-Flag=N' },
    ];
    for (const part of parts) {
      device.send(frame(`QN=${part.qn};ST=22;CN=2061;PW=123456;MN=${A};Flag=7;PNUM=2;PNO=${part.pno};CP=&&DataTime=20260304070000;${part.values}&&`));
    }
    await device.until(() => parts.every((part) => device.replyTo(part.qn, '9014') !== undefined));
    expect(await airValues(siteA, '2026-03-04T08:00:00+08:00')).toEqual([
      { parameter: 'pm10', value: '66', valid: true, invalid_reason: null },
      { parameter: 'pm2_5', value: '41', valid: true, invalid_reason: null },
    ]);
    device.close();
  });

  it('stores a resent QN once and acknowledges it again', async () => {
    const device = await DeviceClient.open(port);
    const qn = nextQn();
    const packet = frame(hourSegment({ qn, mn: A, dataTime: '20260301100000', values: 'a34004-Avg=41,a34004-Flag=N' }));
    device.send(packet);
    await device.until(() => device.replies.filter((r) => r.qn === qn).length === 1);
    await store.storage.db.updateTable('monitoring_air_hourly').set({ value: '999' }).where('station_id', '=', siteA).where('observed_at', '=', new Date('2026-03-01T11:00:00+08:00')).execute();
    device.send(packet);
    await device.until(() => device.replies.filter((r) => r.qn === qn).length === 2);
    const receipts = await store.storage.db.selectFrom('gateway_receipt').select('qn').where('qn', '=', qn).execute();
    expect(receipts).toHaveLength(1);
    // The resend wrote nothing: the value changed since is as it was left.
    expect((await airValues(siteA, '2026-03-01T11:00:00+08:00')).map((r) => r.value)).toEqual(['999']);
    device.close();
  });

  it('keeps real-time, minute and day data as readings at their own resolution, out of the hourly air store', async () => {
    const device = await DeviceClient.open(port);
    const sent = (['2011', '2051', '2031'] as const).map((cn) => {
      const qn = nextQn();
      const dataTime = cn === '2031' ? '20260303000000' : '20260303100000';
      device.send(frame(hourSegment({ qn, cn, mn: A, dataTime, values: 'a34004-Rtd=41,a34004-Avg=41,a34004-Flag=N' })));
      return qn;
    });
    await device.until(() => sent.every((qn) => device.replyTo(qn) !== undefined));
    expect(await airValues(siteA, '2026-03-03T10:00:00+08:00')).toEqual([]);
    expect(await airValues(siteA, '2026-03-03T11:00:00+08:00')).toEqual([]);
    const readings = await store.storage.db
      .selectFrom('gateway_reading as r')
      .innerJoin('gateway_device as d', 'd.id', 'r.device_id')
      .select(['r.cn', 'r.factor_code', 'r.valid'])
      .where('d.mn', '=', A)
      .where('r.cn', 'in', ['2011', '2051', '2031'])
      .orderBy('r.cn')
      .execute();
    expect(readings).toEqual([
      { cn: '2011', factor_code: 'a34004', valid: true },
      { cn: '2031', factor_code: 'a34004', valid: true },
      { cn: '2051', factor_code: 'a34004', valid: true },
    ]);
    device.close();
  });

  it('answers the 2025 heartbeat with 9013 and ignores an unknown CN without dropping the connection', async () => {
    const device = await DeviceClient.open(port);
    const unknown = nextQn();
    device.send(frame(`QN=${unknown};ST=22;CN=2999;PW=123456;MN=${A};Flag=5;CP=&&&&`));
    const heartbeat = nextQn();
    device.send(frame(`QN=${heartbeat};ST=22;CN=9015;PW=123456;MN=${A};Flag=9;CP=&&&&`));
    await device.until(() => device.replyTo(heartbeat, '9013') !== undefined);
    expect(device.replyTo(heartbeat, '9013')!.flag).toBe(8);
    expect(device.replies.some((r) => r.qn === unknown)).toBe(false);
    expect(device.closed).toBe(false);
    expect(logged.some((l) => l.message.includes('CN=2999'))).toBe(true);
    device.close();
  });
});

describe('gateway: devices it does not know', () => {
  it('refuses an unknown MN (QnRtn 4) and a wrong password (QnRtn 3), stores nothing, logs once without the password', async () => {
    const device = await DeviceClient.open(port);
    const unknown = nextQn();
    device.send(frame(hourSegment({ qn: unknown, mn: 'QS9999', dataTime: '20260305100000', values: 'a34004-Avg=41' })));
    const wrong: string[] = [];
    for (let n = 0; n < 4; n++) {
      const qn = nextQn();
      wrong.push(qn);
      device.send(frame(hourSegment({ qn, mn: A, pw: 'x9y8z7', dataTime: '20260305100000', values: 'a34004-Avg=41' })));
    }
    await device.until(() => wrong.every((qn) => device.replyTo(qn, '9011') !== undefined));
    expect(device.replyTo(unknown, '9011')!.cp).toEqual([[expect.objectContaining({ key: 'QnRtn', value: '4' })]]);
    expect(device.replyTo(wrong[0]!, '9011')!.cp).toEqual([[expect.objectContaining({ key: 'QnRtn', value: '3' })]]);
    expect(device.replies.some((r) => r.cn === '9014')).toBe(false);
    expect(await airValues(siteA, '2026-03-05T11:00:00+08:00')).toEqual([]);
    const refusals = logged.filter((l) => l.message.includes('拒绝数据包'));
    expect(refusals.filter((l) => l.fields?.mn === A)).toHaveLength(1);
    expect(refusals.filter((l) => l.fields?.mn === 'QS9999')).toHaveLength(1);
    expect(JSON.stringify(logged)).not.toContain('x9y8z7');
    device.close();
  });
});

describe('gateway: robustness, each while another device is served', () => {
  it('counts a malformed packet against its device, keeps the last ones, and carries on', async () => {
    const device = await DeviceClient.open(port);
    const first = nextQn();
    device.send(frame(hourSegment({ qn: first, mn: A, dataTime: '20260306100000', values: 'a34004-Avg=41' })));
    await device.until(() => device.replyTo(first) !== undefined);
    const before = gateway.malformedOf(A).count;
    device.send(`##0030QN=20260301000000000;ST=22;0000\r\n`);
    device.send('##2000' + 'x'.repeat(2000));
    const after = nextQn();
    device.send(frame(hourSegment({ qn: after, mn: A, dataTime: '20260306110000', values: 'a34004-Avg=42' })));
    await device.until(() => device.replyTo(after) !== undefined);
    await servedMeanwhile();
    const malformed = gateway.malformedOf(A);
    expect(malformed.count).toBeGreaterThanOrEqual(before + 2);
    expect(malformed.last.map((e) => e.reason).join('\n')).toContain('超过上限 1024');
    device.close();
  });

  it('skips binary garbage between packets, and closes a connection sending nothing else', async () => {
    const noHash = () => Buffer.from([...randomBytes(4096)].map((b) => (b === 0x23 ? 0x24 : b)));
    const device = await DeviceClient.open(port);
    device.send(noHash());
    const qn = nextQn();
    device.send(frame(hourSegment({ qn, mn: A, dataTime: '20260307100000', values: 'a34004-Avg=41' })));
    await device.until(() => device.replyTo(qn) !== undefined);
    const babbler = await DeviceClient.open(port);
    for (let n = 0; n < 8; n++) babbler.send(noHash());
    await babbler.until(() => babbler.closed);
    await servedMeanwhile();
    device.close();
  });

  it('closes a connection whose packet never ends (no CR LF, within the length bound) and one that stays silent', async () => {
    const unfinished = await DeviceClient.open(port);
    unfinished.send(`##0500QN=20260301000000000;ST=22;CN=2061;PW=123456;MN=${A};Flag=5;CP=&&DataTime=20260308100000`);
    const silent = await DeviceClient.open(port);
    await servedMeanwhile();
    await unfinished.until(() => unfinished.closed, 5000);
    await silent.until(() => silent.closed, 5000);
  });

  it('closes a slow sender trickling one byte at a time', async () => {
    const slow = await DeviceClient.open(port);
    const bytes = frame(hourSegment({ qn: nextQn(), mn: A, dataTime: '20260309100000', values: 'a34004-Avg=41' }));
    let index = 0;
    const trickle = setInterval(() => {
      if (!slow.closed && index < bytes.length) slow.send(bytes.subarray(index, ++index));
    }, 100);
    try {
      await servedMeanwhile();
      await slow.until(() => slow.closed, 5000);
      expect(index).toBeLessThan(bytes.length);
    } finally {
      clearInterval(trickle);
    }
  });

  it('refuses connections beyond the limit from one address', async () => {
    const flood = await Promise.all(Array.from({ length: 10 }, () => DeviceClient.open(port, { localAddress: '127.0.0.2' })));
    await Promise.all(flood.slice(4).map((client) => client.until(() => client.closed, 5000)));
    expect(flood.filter((client) => !client.closed)).toHaveLength(4);
    await servedMeanwhile();
    expect(logged.filter((l) => l.message.includes('同一地址连接过多'))).toHaveLength(1);
    flood.forEach((client) => client.close());
  });
});

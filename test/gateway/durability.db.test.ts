import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openStorage } from '../../src/db/connect.ts';
import { SYSTEM_ACTOR } from '../../src/audit/store.ts';
import { createDevice } from '../../src/gateway/devices/service.ts';
import { seededTestLocation } from '../support/db.ts';
import { DeviceClient, frame, hourSegment } from './device-client.ts';

const MN = 'QSDURABLE000000000000001';
const PACKETS = 150;
/** Killed once this many packets are acknowledged, the rest still in flight. */
const KILL_AFTER = 12;

function startGateway(env: Record<string, string>): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [resolve('bin/qingshan.js'), 'gateway', 'run', '--host', '127.0.0.1', '--port', '0'], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', QINGSHAN_LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk;
      const match = /gateway listening on tcp:\/\/[^:]+:(\d+)/.exec(output);
      if (match) done({ child, port: Number(match[1]) });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk) => (output += chunk));
    child.on('exit', (code) => fail(new Error(`gateway exited ${code}: ${output}`)));
  });
}

/** The hour i of the stream: from 2026-03-31 00:00, so the stream crosses into April's partition. */
function dataTime(i: number): string {
  const start = Date.UTC(2026, 2, 31, 0) + i * 3600_000;
  const d = new Date(start);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}${pad(d.getUTCHours())}0000`;
}

const qnOf = (i: number) => `20260401${String(1_000_000_000 + i).slice(1)}`;

const disposers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const dispose of disposers.reverse()) await dispose();
});

describe('gateway durability', () => {
  it('has stored every packet it acknowledged when killed mid-stream, and a resent packet once', async () => {
    const location = await seededTestLocation();
    disposers.push(location.dispose);
    const setup = await openStorage(location.storage);
    const device = await createDevice(setup.db, SYSTEM_ACTOR, { mn: MN, password: '123456', site: 'BZ-AIR-NBYQ' });
    await setup.close();

    const { child, port } = await startGateway(location.env);
    const exited = new Promise<void>((done) => child.once('exit', () => done()));
    disposers.push(async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    });
    const client = await DeviceClient.open(port);
    const packet = (i: number) => frame(hourSegment({ qn: qnOf(i), mn: MN, dataTime: dataTime(i), values: `a34004-Avg=${10 + i},a34004-Flag=N;a21026-Avg=0.00${i % 10},a21026-Flag=N` }));
    // Packet 2 is sent twice, as a device that missed the 9014 does.
    client.send(packet(0));
    client.send(packet(1));
    client.send(packet(2));
    client.send(packet(2));
    for (let i = 3; i < PACKETS; i++) client.send(packet(i));
    await client.until(() => client.replies.filter((r) => r.cn === '9014').length >= KILL_AFTER, 60_000);
    child.kill('SIGKILL');
    await exited;
    const acknowledged = [...new Set(client.replies.filter((r) => r.cn === '9014').map((r) => r.qn!))];
    client.close();
    expect(acknowledged.length).toBeGreaterThanOrEqual(KILL_AFTER - 1);
    expect(acknowledged.length).toBeLessThan(PACKETS);

    const reopened = await openStorage(location.storage);
    disposers.push(() => reopened.close());
    const receipts = await reopened.db.selectFrom('gateway_receipt').select(['qn']).where('mn', '=', MN).execute();
    const stored = receipts.map((r) => r.qn);
    for (const qn of acknowledged) expect(stored).toContain(qn);
    expect(stored.filter((qn) => qn === qnOf(2))).toHaveLength(1);
    const { rows } = await sql<{ at: string; value: string }>`
      SELECT to_char(observed_at AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDDHH24') AS at, value::text AS value
      FROM monitoring_air_hourly WHERE station_id = ${device.siteId} AND parameter = 'pm2_5'
        AND observed_at > '2026-03-31 00:00+08' ORDER BY observed_at`.execute(reopened.db);
    const byHour = new Map(rows.map((r) => [r.at, r.value]));
    for (const qn of acknowledged) {
      const i = Number(qn.slice(8));
      // Hour i starts at dataTime(i) and is stored at its end, one hour later.
      const end = dataTime(i + 1).slice(0, 10);
      expect(byHour.get(end), `hour ${i}`).toBe(String(10 + i));
    }
  });
});

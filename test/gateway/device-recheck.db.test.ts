import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, type TestStore } from '../support/db.ts';
import { SYSTEM_ACTOR } from '../../src/audit/store.ts';
import { createDevice, updateDevice } from '../../src/gateway/devices/service.ts';
import { GatewayServer } from '../../src/gateway/server/server.ts';
import { cpValue } from '../../src/gateway/codec/cp.ts';
import { DeviceClient, frame, hourSegment } from './device-client.ts';

// A connection trusts the device row it loaded for deviceRecheckMs; after that the next packet reads it
// again. Here the interval is 200 ms: a device deactivated while connected is refused and its connection
// closed, and a new password takes effect on the open connection.
let store: TestStore;
let gateway: GatewayServer;
let port: number;
const MN = 'QS0000000000000000000031';
const OTHER = 'QS0000000000000000000032';
let deviceId: number;
let otherId: number;
let qnCounter = 0;
const nextQn = () => `20260401${String(1_000_000_000 + qnCounter++).slice(1)}`;
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function sendHour(client: DeviceClient, mn: string, pw: string, hour: number): Promise<string> {
  const qn = nextQn();
  client.send(frame(hourSegment({ qn, mn, pw, dataTime: `202604011${hour}0000`, values: 'a34004-Avg=20,a34004-Flag=N' })));
  return qn;
}

beforeAll(async () => {
  store = await openTestStore();
  deviceId = (await createDevice(store.storage.db, SYSTEM_ACTOR, { mn: MN, password: '123456', site: 'BZ-AIR-NBYQ' })).id;
  otherId = (await createDevice(store.storage.db, SYSTEM_ACTOR, { mn: OTHER, password: '123456', site: 'EY-AIR-01' })).id;
  gateway = new GatewayServer(store.storage.db, { host: '127.0.0.1', port: 0, log: quiet, deviceRecheckMs: 200 });
  port = await gateway.listen();
});

afterAll(async () => {
  await gateway?.close();
  await store?.dispose();
});

describe('gateway: the device row is read again on an open connection', () => {
  it('refuses a device deactivated while connected, and closes its connection', async () => {
    const client = await DeviceClient.open(port);
    const first = await sendHour(client, MN, '123456', 0);
    await client.until(() => client.replyTo(first) !== undefined);

    await updateDevice(store.storage.db, SYSTEM_ACTOR, deviceId, { active: false });
    await pause(250);
    const second = await sendHour(client, MN, '123456', 1);
    await client.until(() => client.replyTo(second, '9011') !== undefined && client.closed);
    expect(cpValue(client.replyTo(second, '9011')!.cp, 'QnRtn')).toBe('4');
    expect(client.replyTo(second)).toBeUndefined();
  });

  it('asks for the new password on the open connection once it is changed', async () => {
    const client = await DeviceClient.open(port);
    const first = await sendHour(client, OTHER, '123456', 2);
    await client.until(() => client.replyTo(first) !== undefined);

    await updateDevice(store.storage.db, SYSTEM_ACTOR, otherId, { password: 'abcdef' });
    await pause(250);
    const old = await sendHour(client, OTHER, '123456', 3);
    await client.until(() => client.replyTo(old, '9011') !== undefined);
    expect(cpValue(client.replyTo(old, '9011')!.cp, 'QnRtn')).toBe('3');
    const renewed = await sendHour(client, OTHER, 'abcdef', 4);
    await client.until(() => client.replyTo(renewed) !== undefined);
    expect(client.closed).toBe(false);
    client.close();
  });
});

// From the wire to the enterprise's inbox: a stack's hour data over HJ 212, committed, acknowledged,
// judged against the outlet's limit by the scanner the gateway starts (start.ts wires the same hook).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestStore, type TestStore } from '../support/db.ts';
import { organisationId } from '../support/app.ts';
import { SYSTEM_ACTOR } from '../../src/audit/store.ts';
import { createDevice } from '../../src/gateway/devices/service.ts';
import { GatewayServer, type GatewayLog } from '../../src/gateway/server/server.ts';
import { createEnterprise, createLimit, createOutlet } from '../../src/emissions/service.ts';
import { createExceedanceScanner, type ExceedanceScanner } from '../../src/emissions/scan.ts';
import { DeviceClient, frame, hourSegment } from './device-client.ts';

const MN = 'QSSTACK00000000000000001';
const quiet: GatewayLog = { info: () => undefined, warn: () => undefined, error: () => undefined };
let store: TestStore;
let gateway: GatewayServer;
let scanner: ExceedanceScanner;
let port: number;
let outletId: number;
let qn = 0;
const nextQn = () => `20260312${String(1_000_000_000 + qn++).slice(1)}`;
// Yesterday in Beijing time: the scanner judges recent data (the last 48 hours when no event exists yet).
const day = new Date(Date.now() + 8 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);
const dataTime = (hour: string) => `${day.replaceAll('-', '')}${hour}0000`;

beforeAll(async () => {
  store = await openTestStore();
  const db = store.storage.db;
  const enterprise = await createEnterprise(db, SYSTEM_ACTOR, { name: '巴中测试电厂', districtId: await organisationId(db, 'bazhou') });
  const outlet = await createOutlet(db, SYSTEM_ACTOR, enterprise.id, { code: 'DA001', name: '1号锅炉烟囱', medium: 'gas' });
  outletId = outlet.id;
  // SO2 of a coal-fired boiler, GB 13223-2011 表1 (new boilers): 100 mg/m³, hour means.
  await createLimit(db, SYSTEM_ACTOR, outletId, { factorCode: 'a21026', limitValue: 100, unit: 'mg/m³', standard: 'GB 13223-2011', clause: '表1' });
  await createDevice(db, SYSTEM_ACTOR, { mn: MN, password: '123456', st: '31', outletId });
  scanner = createExceedanceScanner(db, quiet, 0);
  gateway = new GatewayServer(db, { host: '127.0.0.1', port: 0, log: quiet, onOutletReadings: (id, cn) => scanner.onOutletReadings(id, cn) });
  port = await gateway.listen();
});

afterAll(async () => {
  await gateway?.close();
  await scanner?.close();
  await store?.dispose();
});

async function events() {
  return store.storage.db
    .selectFrom('emission_exceedance')
    .select(['factor_code', 'started_at', 'ended_at', 'closed_at', 'periods', 'peak_value', 'standard'])
    .where('outlet_id', '=', outletId)
    .orderBy('id')
    .execute();
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('an outlet device over HJ 212', () => {
  it('opens an exceedance for hours above the limit and closes it on a compliant hour', async () => {
    const device = await DeviceClient.open(port);
    const send = async (at: string, so2: string) => {
      const q = nextQn();
      device.send(frame(hourSegment({ qn: q, st: '31', mn: MN, dataTime: at, values: `a21026-Avg=${so2},a21026-Flag=N;a19001-Avg=6.1,a19001-Flag=N` })));
      await device.until(() => device.replyTo(q) !== undefined);
    };
    await send(dataTime('08'), '85');
    await send(dataTime('09'), '131.5');
    await send(dataTime('10'), '142');
    const open = await until(events, (list) => list.length === 1 && list[0]!.periods === 2);
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ factor_code: 'a21026', periods: 2, closed_at: null, standard: 'GB 13223-2011' });
    expect(Number(open[0]!.peak_value)).toBe(142);
    // From the start of 09:00–10:00 (the first hour above) to the end of 10:00–11:00.
    expect(open[0]!.started_at.toISOString()).toBe(`${day}T01:00:00.000Z`);
    expect(open[0]!.ended_at.toISOString()).toBe(`${day}T03:00:00.000Z`);

    await send(dataTime('11'), '60');
    const closed = await until(events, (list) => list[0]?.closed_at !== null);
    expect(closed).toHaveLength(1);
    expect(closed[0]!.closed_at).not.toBeNull();
    expect(closed[0]!.periods).toBe(2);
    device.close();
  });
});

// One group commit's statement (writeUploads) on the cases a batch can hold: a resend beside its
// original, a packet stored by an earlier batch, two packets for the same station and hour, and
// codes the monitoring store does not take.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestStore, type TestStore } from '../support/db.ts';
import { SYSTEM_ACTOR } from '../../src/audit/store.ts';
import { decodePacket } from '../../src/gateway/codec/packet.ts';
import { createDevice } from '../../src/gateway/devices/service.ts';
import { deviceByMn, type Device } from '../../src/gateway/devices/store.ts';
import { ensureUploadPartitions, prepareUpload, signedAirParameters, writeUploads, type PreparedUpload } from '../../src/gateway/server/ingest.ts';
import { frame, hourSegment } from './device-client.ts';

const MN = 'QSWRITE00000000000000001';
let store: TestStore;
let device: Device;
let siteId: number;
let signed: Set<string>;

function upload(qn: string, dataTime: string, values: string, from: Device = device): PreparedUpload {
  const decoded = decodePacket(frame(hourSegment({ qn, mn: MN, dataTime, values })));
  if (!decoded.ok) throw new Error(JSON.stringify(decoded.fault));
  const prepared = prepareUpload(from, decoded.value, '2061', signed);
  if (!prepared.ok) throw new Error(JSON.stringify(prepared.fault));
  return prepared.value;
}

async function write(uploads: PreparedUpload[]) {
  await ensureUploadPartitions(store.storage.db, uploads);
  return writeUploads(store.storage.db, uploads);
}

async function hour(at: string) {
  const { rows } = await sql<{ parameter: string; value: string }>`
    SELECT parameter, value::text AS value FROM monitoring_air_hourly
    WHERE station_id = ${siteId} AND observed_at = ${at}::timestamptz ORDER BY parameter`.execute(store.storage.db);
  return rows;
}

beforeAll(async () => {
  store = await openTestStore();
  const created = await createDevice(store.storage.db, SYSTEM_ACTOR, { mn: MN, password: '123456', site: 'BZ-AIR-NBYQ' });
  siteId = created.siteId!;
  device = (await deviceByMn(store.storage.db, MN))!;
  signed = await signedAirParameters(store.storage.db);
});

afterAll(async () => {
  await store?.dispose();
});

describe('writing a batch of uploads in one statement', () => {
  it('stores new packets once, tells duplicates apart, and lets the later of two packets for one hour win', async () => {
    const earlier = upload('20260401000000001', '20260401080000', 'a21026-Avg=0.010,a21026-Flag=N');
    const stored = await write([earlier]);
    expect(stored).toEqual([{ kind: 'stored', readings: 0, periodEnd: Date.parse('2026-04-01T09:00:00+08:00'), monitoring: { written: 1, unmapped: [] } }]);

    const fresh = upload('20260401000000002', '20260401090000', 'a21026-Avg=0.020,a21026-Flag=N;w01018-Avg=3');
    const resendBeside = upload('20260401000000002', '20260401090000', 'a21026-Avg=0.020,a21026-Flag=N;w01018-Avg=3');
    const resendOfEarlier = upload('20260401000000001', '20260401080000', 'a21026-Avg=0.099,a21026-Flag=N');
    const firstOfHour = upload('20260401000000003', '20260401100000', 'a21026-Avg=0.030,a21026-Flag=N');
    const secondOfHour = upload('20260401000000004', '20260401100000', 'a21026-Avg=0.040,a21026-Flag=N');
    const outcomes = await write([fresh, resendBeside, resendOfEarlier, firstOfHour, secondOfHour]);

    expect(outcomes.map((o) => o.kind)).toEqual(['stored', 'duplicate', 'duplicate', 'stored', 'stored']);
    // The unmapped code became a reading of the fresh packet; the store took SO₂ (mg/m³ → μg/m³).
    expect(outcomes[0]).toMatchObject({ readings: 1, monitoring: { written: 1, unmapped: ['w01018'] } });
    expect(await hour('2026-04-01T10:00:00+08:00')).toEqual([{ parameter: 'so2', value: '20' }]);
    // The resend of a stored packet changed nothing, though its value differs.
    expect(await hour('2026-04-01T09:00:00+08:00')).toEqual([{ parameter: 'so2', value: '10' }]);
    expect(await hour('2026-04-01T11:00:00+08:00')).toEqual([{ parameter: 'so2', value: '40' }]);
    const { rows } = await sql<{ qn: string }>`SELECT qn FROM gateway_receipt WHERE mn = ${MN} ORDER BY qn`.execute(store.storage.db);
    expect(rows.map((r) => r.qn)).toEqual(['20260401000000001', '20260401000000002', '20260401000000003', '20260401000000004']);
  });

  it('creates the month partition in each database of the process, not only in the first it wrote to', async () => {
    const other = await openTestStore();
    try {
      await createDevice(other.storage.db, SYSTEM_ACTOR, { mn: MN, password: '123456', site: 'BZ-AIR-NBYQ' });
      const otherDevice = (await deviceByMn(other.storage.db, MN))!;
      // A month no test here wrote before: the first database creates its partition and remembers it.
      await write([upload('20260601000000001', '20260615080000', 'a21026-Avg=0.010,a21026-Flag=N')]);
      const sameMonth = upload('20260601000000001', '20260615080000', 'a21026-Avg=0.011,a21026-Flag=N', otherDevice);
      await ensureUploadPartitions(other.storage.db, [sameMonth]);
      expect(await writeUploads(other.storage.db, [sameMonth])).toMatchObject([{ kind: 'stored' }]);
    } finally {
      await other.dispose();
    }
  });

  it('writes nothing at all when one value of the batch is refused by the database', async () => {
    const good = upload('20260402000000001', '20260402080000', 'a21026-Avg=0.010,a21026-Flag=N');
    const bad = upload('20260402000000002', '20260402090000', 'a21026-Avg=0.010,a21026-Flag=N');
    // A parameter the store does not know breaks its foreign key, at commit.
    bad.monitoring!.observations[0]!.parameter = 'no_such_parameter';
    await expect(write([good, bad])).rejects.toThrow(/foreign key|no_such_parameter/);
    const { rows } = await sql<{ n: number }>`SELECT count(*)::integer AS n FROM gateway_receipt WHERE qn LIKE '20260402%'`.execute(store.storage.db);
    expect(rows[0]!.n).toBe(0);
    expect(await hour('2026-04-02T09:00:00+08:00')).toEqual([]);
  });
});

// One group commit (writeUploads) on the cases a batch can hold: a resend beside its original, a packet
// stored by an earlier batch, two packets for the same station and hour, and codes the monitoring store
// does not take; and the COPY way on PostgreSQL, which must step aside for each of those cases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestStore, type TestStore } from '../support/db.ts';
import { SYSTEM_ACTOR } from '../../src/audit/store.ts';
import { decodePacket } from '../../src/gateway/codec/packet.ts';
import { createDevice } from '../../src/gateway/devices/service.ts';
import { deviceByMn, type Device } from '../../src/gateway/devices/store.ts';
import { copyUploads } from '../../src/gateway/server/copy-uploads.ts';
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

describe('the COPY way for a batch that conflicts with nothing (PostgreSQL)', () => {
  const onPostgres = () => store.storage.kind === 'postgres';
  const so2 = (value: string) => `a21026-Avg=${value},a21026-Flag=N`;
  async function receipts(prefix: string) {
    const { rows } = await sql<{ qn: string; values_written: number }>`
      SELECT qn, values_written FROM gateway_receipt WHERE mn = ${MN} AND qn LIKE ${`${prefix}%`} ORDER BY qn`.execute(store.storage.db);
    return rows;
  }

  it('writes the receipts and the values of clean air-station hours, and is not tried on PGlite', async () => {
    const batch = [upload('20260501000000001', '20260501080000', `${so2('0.011')};a01001-Avg=-3.5,a01001-Flag=N`), upload('20260501000000002', '20260501090000', so2('0.012'))];
    await ensureUploadPartitions(store.storage.db, batch);
    const outcomes = await copyUploads(store.storage.db, batch);
    if (!onPostgres()) {
      expect(outcomes).toBeNull();
      return;
    }
    expect(outcomes).toEqual([
      { kind: 'stored', readings: 0, periodEnd: Date.parse('2026-05-01T09:00:00+08:00'), monitoring: { written: 2, unmapped: [] } },
      { kind: 'stored', readings: 0, periodEnd: Date.parse('2026-05-01T10:00:00+08:00'), monitoring: { written: 1, unmapped: [] } },
    ]);
    expect(await hour('2026-05-01T09:00:00+08:00')).toEqual([
      { parameter: 'so2', value: '11' },
      { parameter: 'temperature', value: '-3.5' },
    ]);
    expect(await receipts('202605010')).toEqual([
      { qn: '20260501000000001', values_written: 2 },
      { qn: '20260501000000002', values_written: 1 },
    ]);
  });

  it('steps aside, leaving nothing, for a resend, an hour stored before and an hour sent twice; the general way settles each', async () => {
    const stored = upload('20260502000000001', '20260502080000', so2('0.010'));
    await write([stored]);
    const fresh = upload('20260502000000002', '20260502090000', so2('0.020'));
    const cases: [string, PreparedUpload[], string[]][] = [
      ['a resend', [fresh, upload('20260502000000001', '20260502080000', so2('0.099'))], ['stored', 'duplicate']],
      ['an hour stored before, under a new QN', [fresh, upload('20260502000000003', '20260502080000', so2('0.030'))], ['stored', 'stored']],
      ['an hour twice', [fresh, upload('20260502000000004', '20260502100000', so2('0.040')), upload('20260502000000005', '20260502100000', so2('0.050'))], ['stored', 'stored', 'stored']],
    ];
    for (const [name, batch, kinds] of cases) {
      await ensureUploadPartitions(store.storage.db, batch);
      expect(await copyUploads(store.storage.db, batch), name).toBeNull();
      // Refused whole: not even the fresh packet's receipt or value stayed.
      expect(await receipts('20260502000000002'), name).toEqual([]);
      expect(await hour('2026-05-02T10:00:00+08:00'), name).toEqual([]);
    }
    // Each batch again, the way the gateway writes it.
    const [resend, storedBefore, twice] = cases;
    expect((await write(resend![1])).map((o) => o.kind)).toEqual(resend![2]);
    expect(await hour('2026-05-02T09:00:00+08:00')).toEqual([{ parameter: 'so2', value: '10' }]);
    expect((await write(storedBefore![1].slice(1))).map((o) => o.kind)).toEqual(['stored']);
    expect(await hour('2026-05-02T09:00:00+08:00')).toEqual([{ parameter: 'so2', value: '30' }]);
    expect((await write(twice![1].slice(1))).map((o) => o.kind)).toEqual(['stored', 'stored']);
    expect(await hour('2026-05-02T11:00:00+08:00')).toEqual([{ parameter: 'so2', value: '50' }]);
    expect(await receipts('20260502')).toHaveLength(5);
  });

  it('keeps a reason and a segment with commas, quotes and line breaks exactly as they were', async () => {
    const odd = upload('20260503000000001', '20260503080000', so2('0.010'));
    const reason = '维护, "校准"\n第二行';
    odd.monitoring!.observations[0]!.valid = false;
    odd.monitoring!.observations[0]!.invalidReason = reason;
    odd.packet = { ...odd.packet, segment: `${odd.packet.segment},"x"` };
    const outcomes = await write([odd]);
    expect(outcomes.map((o) => o.kind)).toEqual(['stored']);
    const { rows } = await sql<{ invalid_reason: string; segment: string }>`
      SELECT h.invalid_reason, r.segment FROM monitoring_air_hourly h, gateway_receipt r
      WHERE h.station_id = ${siteId} AND h.observed_at = '2026-05-03T09:00:00+08:00' AND r.qn = '20260503000000001'`.execute(store.storage.db);
    expect(rows).toEqual([{ invalid_reason: reason, segment: odd.packet.segment }]);
  });

  it('is not tried inside a caller\'s transaction, which a refused COPY would abort', async () => {
    const batch = [upload('20260504000000001', '20260504080000', so2('0.010'))];
    await ensureUploadPartitions(store.storage.db, batch);
    await store.storage.db.transaction().execute(async (trx) => {
      expect(await copyUploads(trx, batch)).toBeNull();
      expect((await writeUploads(trx, batch)).map((o) => o.kind)).toEqual(['stored']);
    });
    expect(await hour('2026-05-04T09:00:00+08:00')).toEqual([{ parameter: 'so2', value: '10' }]);
  });
});

/**
 * Storing an upload: its values and the packet's receipt in one transaction, so a packet is either
 * stored with its receipt or not at all. The receipt's key (MN, QN, CN) makes a resent packet a no-op,
 * and only after this returns does the server send 9014.
 *
 * Every upload of values (2011, 2051, 2061, 2031) goes to gateway_reading, raw and at its own
 * resolution, except an air station's hour data (2061): those go to the monitoring store, in the same
 * transaction, and only the codes the store does not take become readings. The readings' key (device, CN, DataTime, code) is the spec's dedupe rule (§6), so a
 * value sent again under a new QN is not stored twice either.
 */
import { sql, type Transaction } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { Database } from '../../db/schema.ts';
import { loadParameters } from '../../monitoring/data/records.ts';
import { ensureAirPartitions } from '../../monitoring/data/partitions.ts';
import { insertObservations, observationArrays } from '../../monitoring/data/store.ts';
import { monitoringDataWritten } from '../../monitoring/data/version.ts';
import { cpValue } from '../codec/cp.ts';
import type { Packet } from '../codec/packet.ts';
import type { CodeMapping } from '../devices/code-mapping.ts';
import type { Device } from '../devices/store.ts';
import { hourData } from './hour-data.ts';
import { monthOfHourEnding } from '../../monitoring/data/time.ts';
import type { Observation } from '../../monitoring/data/records.ts';
import { copyUploads } from './copy-uploads.ts';
import { readingsOf, type Reading, type ReadingCn, type ReadingsFault } from './readings.ts';

export type StoreOutcome =
  | {
      kind: 'stored';
      /** Rows written to gateway_reading (a value already there from another QN is not counted). */
      readings: number;
      /** End of the period (the sampling instant for 2011), in ms. */
      periodEnd: number;
      /** What went to the monitoring store: an air station's hour data only. */
      monitoring: { written: number; unmapped: string[] } | null;
    }
  | { kind: 'duplicate' }
  | { kind: 'refused'; fault: ReadingsFault };

/** The store's signed air parameters (temperatures), read once per server. */
export async function signedAirParameters(db: Db): Promise<Set<string>> {
  return new Set((await loadParameters(db, 'air')).filter((p) => p.signed).map((p) => p.code));
}

/** An upload checked and turned into rows, ready to be written with others in one transaction. */
export interface PreparedUpload {
  device: Device;
  packet: Packet;
  cn: ReadingCn;
  /** The receipt's QN: 2005 packets have none, and are known by their DataTime. */
  receiptQn: string;
  dataTime: number;
  periodEnd: number;
  readings: Reading[];
  /** An air station's hour data for the monitoring store, or null. */
  monitoring: { observations: Observation[]; unmapped: string[] } | null;
}

/** Checks an upload and builds its rows (pure): refused when its DataTime does not fit its CN. */
export function prepareUpload(
  device: Device,
  packet: Packet,
  cn: ReadingCn,
  signed: ReadonlySet<string>,
): { ok: true; value: PreparedUpload } | { ok: false; fault: ReadingsFault } {
  const receiptQn = packet.qn ?? `DataTime=${cpValue(packet.cp, 'DataTime')}`;
  if (cn === '2061' && device.siteId !== null) {
    const data = hourData(packet.cp, device.siteId, codeMappingOf(device), signed, device.flagProfile);
    if (data.ok) {
      const { observations, unmapped } = data.value;
      // An air station's mapped hour values are in the monitoring store and the packet as sent is in its
      // receipt: a raw reading of them too doubled the rows of the gateway's main load (docs/BENCHMARKS.md).
      // Codes the store does not take are kept as readings, so nothing sent is lost.
      let readings: Reading[] = [];
      if (unmapped.length > 0) {
        const read = readingsOf(cn, packet.cp, device.flagProfile);
        if (!read.ok) throw new Error(`readingsOf refused what hourData accepted: ${JSON.stringify(read.fault)}`);
        readings = read.value.readings.filter((r) => unmapped.includes(r.factorCode));
      }
      const periodEnd = data.value.ms;
      return { ok: true, value: { device, packet, cn, receiptQn, dataTime: periodEnd - HOUR_MS, periodEnd, readings, monitoring: { observations, unmapped } } };
    }
    // Refused: readingsOf names the fault in the terms of every other upload.
    const read = readingsOf(cn, packet.cp, device.flagProfile);
    if (read.ok) throw new Error(`hourData refused what readingsOf accepted: ${JSON.stringify(data.fault)}`);
    return read;
  }
  const read = readingsOf(cn, packet.cp, device.flagProfile);
  if (!read.ok) return read;
  const { dataTime, periodEnd, readings } = read.value;
  return { ok: true, value: { device, packet, cn, receiptQn, dataTime, periodEnd, readings, monitoring: null } };
}

const HOUR_MS = 3_600_000;

/** A device's code mapping by factor code, built once per device row read (the row is replaced when read again). */
const mappings = new WeakMap<Device, ReadonlyMap<string, CodeMapping>>();
function codeMappingOf(device: Device): ReadonlyMap<string, CodeMapping> {
  let mapping = mappings.get(device);
  if (!mapping) {
    mapping = new Map(device.codes.map((code) => [code.factorCode, code]));
    mappings.set(device, mapping);
  }
  return mapping;
}

/**
 * Month partitions already known to exist, per database: asking the catalogue for every packet cost more
 * than the insert. Per database, because one process may open several (the benchmark, the tests).
 */
const knownMonthsOf = new WeakMap<Db, Set<number>>();

export async function ensureUploadPartitions(db: Db, uploads: readonly PreparedUpload[]): Promise<void> {
  let knownMonths = knownMonthsOf.get(db);
  if (!knownMonths) knownMonthsOf.set(db, (knownMonths = new Set()));
  const months = uploads.filter((u) => u.monitoring !== null).map((u) => u.periodEnd);
  const missing = months.filter((ms) => !knownMonths.has(monthKey(ms)));
  if (missing.length === 0) return;
  await ensureAirPartitions(db, missing);
  for (const ms of missing) knownMonths.add(monthKey(ms));
}

function monthKey(ms: number): number {
  const { year, month } = monthOfHourEnding(ms);
  return year * 100 + month;
}

/**
 * Writes several uploads in one transaction (its own, or the caller's). Outcomes in the order of the uploads.
 * On PostgreSQL, a batch of air-station hours that conflicts with nothing goes by COPY (copy-uploads.ts);
 * every other batch, and one the COPY found a conflict in, by the statement below.
 */
export async function writeUploads(db: Db | Transaction<Database>, uploads: readonly PreparedUpload[]): Promise<StoreOutcome[]> {
  return (await copyUploads(db, uploads)) ?? upsertUploads(db, uploads);
}

/**
 * The general way, in one statement: receipts first (a packet stored before, under the same MN, QN and
 * CN, is a duplicate and writes nothing), then the monitoring values and the readings of the new ones
 * only. One round trip: the begin, the three statements and the commit had each cost a round trip and a
 * statement's overhead at both ends, for every group commit (docs/BENCHMARKS.md).
 */
async function upsertUploads(db: Db | Transaction<Database>, uploads: readonly PreparedUpload[]): Promise<StoreOutcome[]> {
  const receiptKey = (u: PreparedUpload) => `${u.packet.mn}\u0000${u.receiptQn}\u0000${u.packet.cn}`;
  // A resend queued beside its original: only the first can be new.
  const firstOfKey = new Map<string, PreparedUpload>();
  for (const u of uploads) if (!firstOfKey.has(receiptKey(u))) firstOfKey.set(receiptKey(u), u);
  const candidates = [...firstOfKey.values()];
  // Each value carries its upload's place (1-based, as WITH ORDINALITY counts) so that only those of new receipts are written.
  const observations = candidates.flatMap((u, i) => (u.monitoring?.observations ?? []).map((o) => ({ k: i + 1, o })));
  const readings = candidates.flatMap((u, i) => u.readings.map((r) => ({ k: i + 1, u, r })));
  if (observations.length > 0) monitoringDataWritten();
  const column = (pick: (r: Reading) => string | null) => readings.map(({ r }) => pick(r));

  const { rows } = await sql<{ k: number | null; device_id: number | null; cn: string | null; data_time: Date | null }>`
    WITH upload AS (
      SELECT * FROM unnest(
        ${candidates.map((u) => u.packet.mn)}::text[], ${candidates.map((u) => u.receiptQn)}::text[], ${candidates.map((u) => u.packet.cn)}::text[],
        ${candidates.map((u) => u.device.id)}::int[], ${candidates.map((u) => new Date(u.periodEnd))}::timestamptz[],
        ${candidates.map((u) => u.monitoring?.observations.length ?? u.readings.length)}::int[], ${candidates.map((u) => u.packet.segment)}::text[])
        WITH ORDINALITY AS u (mn, qn, cn, device_id, observed_at, values_written, segment, k)
    ), receipt AS (
      INSERT INTO gateway_receipt (mn, qn, cn, device_id, observed_at, values_written, segment)
      SELECT mn, qn, cn, device_id, observed_at, values_written, segment FROM upload
      ON CONFLICT (mn, qn, cn) DO NOTHING
      RETURNING mn, qn, cn
    ), fresh AS (
      SELECT upload.k FROM upload JOIN receipt USING (mn, qn, cn)
    ), observation AS (
      ${insertObservations(
        'air',
        // The same station, hour and parameter twice in one statement would be an error: the later upload wins.
        sql`SELECT DISTINCT ON (site, at, parameter) site, at, parameter, value, valid, reason, review
          FROM unnest(${observationArrays('air', observations.map(({ o }) => o))}, ${observations.map(({ k }) => k)}::int[])
            AS o (site, at, parameter, value, valid, reason, review, k)
          WHERE o.k IN (SELECT k FROM fresh)
          ORDER BY site, at, parameter, o.k DESC`,
      )}
    ), reading AS (
      INSERT INTO gateway_reading (device_id, cn, data_time, factor_code, rtd, avg, min, max, cou, zs_rtd, zs_avg, flag, valid, invalid_reason, extra)
      SELECT device_id, cn, data_time, factor_code, rtd, avg, min, max, cou, zs_rtd, zs_avg, flag, valid, invalid_reason, extra
      FROM unnest(
        ${readings.map(({ u }) => u.device.id)}::int[], ${readings.map(({ u }) => u.cn)}::text[], ${readings.map(({ u }) => new Date(u.dataTime))}::timestamptz[],
        ${column((r) => r.factorCode)}::text[], ${column((r) => r.rtd)}::numeric[], ${column((r) => r.avg)}::numeric[], ${column((r) => r.min)}::numeric[],
        ${column((r) => r.max)}::numeric[], ${column((r) => r.cou)}::numeric[], ${column((r) => r.zsRtd)}::numeric[], ${column((r) => r.zsAvg)}::numeric[],
        ${column((r) => r.flag)}::text[], ${readings.map(({ r }) => r.valid)}::boolean[], ${column((r) => r.invalidReason)}::text[],
        ${column((r) => (r.extra === null ? null : JSON.stringify(r.extra)))}::jsonb[], ${readings.map(({ k }) => k)}::int[])
        AS r (device_id, cn, data_time, factor_code, rtd, avg, min, max, cou, zs_rtd, zs_avg, flag, valid, invalid_reason, extra, k)
      WHERE r.k IN (SELECT k FROM fresh)
      ON CONFLICT (device_id, cn, data_time, factor_code) DO NOTHING
      RETURNING device_id, cn, data_time
    )
    SELECT k::integer AS k, NULL::integer AS device_id, NULL::text AS cn, NULL::timestamptz AS data_time FROM fresh
    UNION ALL
    SELECT NULL, device_id, cn, data_time FROM reading`.execute(db);

  const fresh = new Set<PreparedUpload>();
  // A value already there from another QN is not counted: rows written per device, CN and DataTime.
  const written = new Map<string, number>();
  for (const row of rows) {
    if (row.k !== null) fresh.add(candidates[row.k - 1]!);
    else {
      const key = readingsKey(row.device_id!, row.cn!, new Date(row.data_time!).getTime());
      written.set(key, (written.get(key) ?? 0) + 1);
    }
  }
  return uploads.map((u) => {
    if (!fresh.has(u)) return { kind: 'duplicate' as const };
    return {
      kind: 'stored' as const,
      readings: written.get(readingsKey(u.device.id, u.cn, u.dataTime)) ?? 0,
      periodEnd: u.periodEnd,
      monitoring: u.monitoring ? { written: u.monitoring.observations.length, unmapped: u.monitoring.unmapped } : null,
    };
  });
}

const readingsKey = (deviceId: number, cn: string, dataTime: number) => `${deviceId}|${cn}|${dataTime}`;

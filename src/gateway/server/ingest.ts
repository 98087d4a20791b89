/**
 * Storing an upload: the values and the packet's receipt in one transaction, so a packet is either
 * stored with its receipt or not at all. The receipt's key (MN, QN, CN) makes a resent packet a no-op,
 * and only after this returns does the server send 9014.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { loadParameters } from '../../monitoring/data/records.ts';
import { ensureAirPartitions } from '../../monitoring/data/partitions.ts';
import { writeObservations } from '../../monitoring/data/store.ts';
import { cpValue } from '../codec/cp.ts';
import type { Packet } from '../codec/packet.ts';
import type { Device } from '../devices/store.ts';
import { hourData, type HourDataFault } from './hour-data.ts';

export type StoreOutcome =
  | { kind: 'stored'; written: number; observedAt: number; unmapped: string[] }
  | { kind: 'duplicate' }
  | { kind: 'refused'; fault: HourDataFault };

/** The store's signed air parameters (temperatures), read once per server. */
export async function signedAirParameters(db: Db): Promise<Set<string>> {
  return new Set((await loadParameters(db, 'air')).filter((p) => p.signed).map((p) => p.code));
}

export async function storeHourPacket(db: Db, device: Device, packet: Packet, signed: ReadonlySet<string>): Promise<StoreOutcome> {
  if (device.siteId === null) throw new Error(`设备 ${device.mn} 不属于空气站 / not an air-station device`);
  const mapping = new Map(device.codes.map((code) => [code.factorCode, code]));
  const data = hourData(packet.cp, device.siteId, mapping, signed);
  if (!data.ok) return { kind: 'refused', fault: data.fault };
  const { ms, observations, unmapped } = data.value;
  // 2005 packets have no QN: their record is known by its DataTime.
  const qn = packet.qn ?? `DataTime=${cpValue(packet.cp, 'DataTime')}`;
  await ensureAirPartitions(db, [ms]);
  return db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ one: number }>`
      INSERT INTO gateway_receipt (mn, qn, cn, device_id, observed_at, values_written, segment)
      VALUES (${packet.mn}, ${qn}, ${packet.cn}, ${device.id}, ${new Date(ms)}, ${observations.length}, ${packet.segment})
      ON CONFLICT (mn, qn, cn) DO NOTHING
      RETURNING 1 AS one`.execute(trx);
    if (rows.length === 0) return { kind: 'duplicate' as const };
    const written = observations.length > 0 ? await writeObservations(trx, 'air', observations) : 0;
    return { kind: 'stored' as const, written, observedAt: ms, unmapped };
  });
}

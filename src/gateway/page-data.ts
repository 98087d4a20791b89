/**
 * What the gateway page reads: the gateways' published status (fresh or stale), and per device whether a
 * running gateway holds a connection to it, its packets of the last hour (gateway_receipt), its latest
 * values (gateway_reading; for an air station also its latest stored hour) and the commands sent to it.
 * The web API may run in another process than the gateway: only the database is shared.
 */
import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { GatewayCommandState } from '../db/schema.ts';
import { cstIso } from '../monitoring/data/time.ts';
import type { Device } from './devices/store.ts';
import type { ConnectedDevice, GatewaySnapshot, PublishedMalformed } from './server/status.ts';

/** A gateway renews its row every 5 s: a row older than this is a gateway that stopped or hangs. */
export const STALE_AFTER_MS = 30_000;

export interface GatewayInstance {
  instance: string;
  host: string;
  port: number;
  startedAt: Date;
  updatedAt: Date;
  ageSeconds: number;
  running: boolean;
  snapshot: GatewaySnapshot;
}

/** Pure: a row is a running gateway when it says so and was renewed within STALE_AFTER_MS. */
export function isRunning(state: string | undefined, updatedAt: Date, now: Date): boolean {
  return state === 'running' && now.getTime() - updatedAt.getTime() <= STALE_AFTER_MS;
}

export async function gatewayInstances(db: Db, now = new Date()): Promise<GatewayInstance[]> {
  const rows = await db.selectFrom('gateway_status').selectAll().orderBy('updated_at', 'desc').execute();
  return rows.map((row) => {
    const snapshot = row.snapshot as unknown as GatewaySnapshot;
    return {
      instance: row.instance,
      host: row.host,
      port: row.port,
      startedAt: row.started_at,
      updatedAt: row.updated_at,
      ageSeconds: Math.max(0, Math.round((now.getTime() - row.updated_at.getTime()) / 1000)),
      running: isRunning(snapshot?.state, row.updated_at, now),
      snapshot,
    };
  });
}

/** Per MN, from the running gateways: its live connection and its malformed packets. */
export interface LiveView {
  connection(mn: string): ConnectedDevice | null;
  malformed(mn: string): PublishedMalformed;
}

/** Pure: merges the running gateways' snapshots (a device reconnecting may briefly appear in two). */
export function liveView(instances: readonly GatewayInstance[]): LiveView {
  const running = instances.filter((i) => i.running);
  const connections = new Map<string, ConnectedDevice>();
  const malformed = new Map<string, PublishedMalformed>();
  for (const { snapshot } of running) {
    for (const device of snapshot.devices ?? []) {
      const known = connections.get(device.mn);
      if (!known || known.lastPacketAt < device.lastPacketAt) connections.set(device.mn, device);
    }
    for (const [key, summary] of Object.entries(snapshot.malformedByKey ?? {})) {
      const known = malformed.get(key) ?? { count: 0, last: [] };
      const last = [...known.last, ...summary.last].sort((a, b) => a.at.localeCompare(b.at)).slice(-5);
      malformed.set(key, { count: known.count + summary.count, last });
    }
  }
  return {
    connection: (mn) => connections.get(mn) ?? null,
    malformed: (mn) => malformed.get(mn) ?? { count: 0, last: [] },
  };
}

export interface DeviceActivity {
  packetsLastHour: number;
  lastReceivedAt: Date | null;
}

export async function deviceActivity(db: Db, ids: readonly number[], now = new Date()): Promise<Map<number, DeviceActivity>> {
  if (ids.length === 0) return new Map();
  const hourAgo = new Date(now.getTime() - 3_600_000);
  const rows = await db
    .selectFrom('gateway_receipt')
    .select(['device_id', sql<string>`count(*) FILTER (WHERE received_at > ${hourAgo})`.as('recent'), sql<Date | null>`max(received_at)`.as('last')])
    .where('device_id', 'in', ids)
    .groupBy('device_id')
    .execute();
  return new Map(rows.map((r) => [r.device_id, { packetsLastHour: Number(r.recent), lastReceivedAt: r.last === null ? null : new Date(r.last) }]));
}

export async function siteNames(db: Db, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('monitoring_site').select(['id', 'name']).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

const iso = (at: Date | null | undefined) => (at ? cstIso(at) : null);
const latest = (...times: (Date | string | null | undefined)[]) => {
  const ms = times.filter((t) => t !== null && t !== undefined).map((t) => new Date(t!).getTime());
  return ms.length > 0 ? new Date(Math.max(...ms)) : null;
};

/** One device as the page lists it. */
export function deviceJson(device: Device, live: LiveView, activity: DeviceActivity | undefined, siteName: string | undefined) {
  const connection = live.connection(device.mn);
  return {
    id: device.id,
    mn: device.mn,
    name: device.name,
    kind: device.siteId !== null ? ('air' as const) : ('outlet' as const),
    site: device.siteId !== null ? { id: device.siteId, code: device.siteCode ?? '', name: siteName ?? device.siteCode ?? '' } : null,
    outlet: device.outletId !== null ? { id: device.outletId, label: device.outletLabel ?? '' } : null,
    st: device.st,
    version: (connection?.version ?? device.versionSeen) as string | null,
    flagProfile: device.flagProfile,
    active: device.active,
    note: device.note,
    online: connection !== null,
    address: connection?.address ?? null,
    connectedSince: connection ? cstIso(new Date(connection.connectedSince)) : null,
    lastSeenAt: iso(latest(device.lastSeenAt, connection?.lastPacketAt, activity?.lastReceivedAt)),
    packetsLastHour: activity?.packetsLastHour ?? 0,
    malformedCount: live.malformed(device.mn).count,
  };
}

export async function latestReadings(db: Db, deviceId: number) {
  const rows = await sql<{
    cn: string;
    factor_code: string;
    data_time: Date;
    rtd: string | null;
    avg: string | null;
    min: string | null;
    max: string | null;
    zs_avg: string | null;
    zs_rtd: string | null;
    flag: string | null;
    valid: boolean;
    invalid_reason: string | null;
    received_at: Date;
  }>`
    SELECT DISTINCT ON (factor_code) cn, factor_code, data_time, rtd::text AS rtd, avg::text AS avg, min::text AS min, max::text AS max,
      zs_avg::text AS zs_avg, zs_rtd::text AS zs_rtd, flag, valid, invalid_reason, received_at
    FROM gateway_reading WHERE device_id = ${deviceId}
    ORDER BY factor_code, received_at DESC, data_time DESC`.execute(db);
  return rows.rows.map((r) => ({
    cn: r.cn,
    factorCode: r.factor_code,
    dataTime: cstIso(new Date(r.data_time)),
    value: r.avg ?? r.rtd,
    rtd: r.rtd,
    avg: r.avg,
    min: r.min,
    max: r.max,
    zsValue: r.zs_avg ?? r.zs_rtd,
    flag: r.flag,
    valid: r.valid,
    invalidReason: r.invalid_reason,
    receivedAt: cstIso(new Date(r.received_at)),
  }));
}

/** An air station's latest hour in the monitoring store (what the gateway's 2061 data became). */
export async function latestAirHour(db: Db, siteId: number) {
  const last = await db.selectFrom('monitoring_air_hourly').select((eb) => eb.fn.max('observed_at').as('at')).where('station_id', '=', siteId).executeTakeFirst();
  if (!last?.at) return null;
  const at = new Date(last.at as unknown as string);
  const values = await db
    .selectFrom('monitoring_air_hourly')
    .select(['parameter', sql<string>`value::text`.as('value'), 'valid', 'invalid_reason'])
    .where('station_id', '=', siteId)
    .where('observed_at', '=', at)
    .orderBy('parameter')
    .execute();
  return { observedAt: cstIso(at), values: values.map((v) => ({ parameter: v.parameter, value: v.value, valid: v.valid, invalidReason: v.invalid_reason })) };
}

const KIND_OF_CN: Record<string, 'get-time' | 'set-time'> = { '1011': 'get-time', '1012': 'set-time' };

export async function deviceCommands(db: Db, deviceId: number, limit = 20) {
  const rows = await db
    .selectFrom('gateway_command as c')
    .leftJoin('app_user as u', 'u.id', 'c.requested_by')
    .select(['c.id', 'c.cn', 'c.qn', 'c.cp', 'c.state', 'c.qn_rtn', 'c.exe_rtn', 'c.result', 'c.requested_by', 'u.display_name', 'c.requested_at', 'c.sent_at', 'c.finished_at', 'c.error'])
    .where('c.device_id', '=', deviceId)
    .orderBy('c.id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => commandJson(r));
}

export async function commandById(db: Db, deviceId: number, id: number) {
  const row = await db
    .selectFrom('gateway_command as c')
    .leftJoin('app_user as u', 'u.id', 'c.requested_by')
    .select(['c.id', 'c.cn', 'c.qn', 'c.cp', 'c.state', 'c.qn_rtn', 'c.exe_rtn', 'c.result', 'c.requested_by', 'u.display_name', 'c.requested_at', 'c.sent_at', 'c.finished_at', 'c.error'])
    .where('c.device_id', '=', deviceId)
    .where('c.id', '=', id)
    .executeTakeFirst();
  return row ? commandJson(row) : null;
}

function commandJson(r: {
  id: number;
  cn: string;
  qn: string;
  cp: Record<string, string>;
  state: GatewayCommandState;
  qn_rtn: number | null;
  exe_rtn: number | null;
  result: Record<string, unknown> | null;
  requested_by: number | null;
  display_name: string | null;
  requested_at: Date;
  sent_at: Date | null;
  finished_at: Date | null;
  error: string | null;
}) {
  return {
    id: r.id,
    cn: r.cn,
    kind: KIND_OF_CN[r.cn] ?? null,
    qn: r.qn,
    cp: r.cp ?? {},
    state: r.state,
    qnRtn: r.qn_rtn,
    exeRtn: r.exe_rtn,
    result: r.result,
    requestedBy: r.requested_by === null ? null : { id: r.requested_by, name: r.display_name ?? '' },
    requestedAt: cstIso(r.requested_at),
    sentAt: iso(r.sent_at),
    finishedAt: iso(r.finished_at),
    error: r.error,
  };
}

/** The gateway's device tables: devices by MN with their code mapping, and their last contact. */
import type { Transaction } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { Database } from '../../db/schema.ts';
import type { ProtocolVersion } from '../codec/flag.ts';
import type { CodeMapping } from './code-mapping.ts';

type Reader = Db | Transaction<Database>;

/** 数采仪 as the server needs it to accept a packet. */
export interface Device {
  id: number;
  mn: string;
  st: string;
  /** The air station it reports for, or null for an enterprise outlet's device. */
  siteId: number | null;
  siteCode: string | null;
  /** The enterprise outlet it reports for, or null for an air station's device. */
  outletId: number | null;
  /** 企业名称/排放口 of an outlet device, for display. */
  outletLabel: string | null;
  name: string | null;
  /** Which data-flag table its vendor uses (spec §4); 'hj212' for HJ 212 Table 8. */
  flagProfile: string;
  active: boolean;
  versionSeen: ProtocolVersion | null;
  lastSeenAt: Date | null;
  note: string | null;
  codes: CodeMapping[];
}

export interface DeviceWithSecret extends Device {
  passwordHash: string;
}

function deviceQuery(db: Reader) {
  return db
    .selectFrom('gateway_device as d')
    .leftJoin('monitoring_site as s', 's.id', 'd.site_id')
    .leftJoin('enterprise_outlet as o', 'o.id', 'd.outlet_id')
    .leftJoin('enterprise as e', 'e.id', 'o.enterprise_id')
    .select([
      'd.id',
      'd.mn',
      'd.st',
      'd.site_id',
      's.code as site_code',
      'd.outlet_id',
      'o.code as outlet_code',
      'o.name as outlet_name',
      'e.name as enterprise_name',
      'd.name',
      'd.flag_profile',
      'd.active',
      'd.version_seen',
      'd.last_seen_at',
      'd.note',
      'd.password_hash',
    ]);
}

type DeviceRow = Awaited<ReturnType<ReturnType<typeof deviceQuery>['executeTakeFirstOrThrow']>>;

async function withCodes(db: Reader, rows: DeviceRow[]): Promise<DeviceWithSecret[]> {
  if (rows.length === 0) return [];
  const codes = await db
    .selectFrom('gateway_device_code')
    .select(['device_id', 'factor_code', 'parameter', 'device_unit', 'scale'])
    .where('device_id', 'in', rows.map((r) => r.id))
    .orderBy('factor_code')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    mn: r.mn,
    st: r.st,
    siteId: r.site_id,
    siteCode: r.site_code,
    outletId: r.outlet_id,
    outletLabel: r.outlet_id === null ? null : `${r.enterprise_name ?? ''} ${r.outlet_code ?? ''} ${r.outlet_name ?? ''}`.trim(),
    name: r.name,
    flagProfile: r.flag_profile,
    active: r.active,
    versionSeen: r.version_seen,
    lastSeenAt: r.last_seen_at,
    note: r.note,
    passwordHash: r.password_hash,
    codes: codes
      .filter((c) => c.device_id === r.id)
      .map((c) => ({ factorCode: c.factor_code, parameter: c.parameter, deviceUnit: c.device_unit, scale: normaliseDecimal(String(c.scale)) })),
  }));
}

/** numeric comes back as "1000.0" from some inputs; the mapping compares "1" to skip arithmetic. */
function normaliseDecimal(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

export async function deviceByMn(db: Reader, mn: string): Promise<DeviceWithSecret | null> {
  const row = await deviceQuery(db).where('d.mn', '=', mn).executeTakeFirst();
  return row ? (await withCodes(db, [row]))[0]! : null;
}

export async function listDevices(db: Reader): Promise<Device[]> {
  const rows = await deviceQuery(db).orderBy('d.mn').execute();
  return (await withCodes(db, rows)).map(({ passwordHash: _secret, ...device }) => device);
}

export interface NewDeviceRow {
  mn: string;
  passwordHash: string;
  st: string;
  siteId: number | null;
  note: string | null;
  codes: readonly CodeMapping[];
  /** An enterprise outlet's device (then siteId is null). */
  outletId?: number | null;
  name?: string | null;
  flagProfile?: string;
}

export async function insertDevice(trx: Transaction<Database>, device: NewDeviceRow): Promise<number> {
  const { id } = await trx
    .insertInto('gateway_device')
    .values({
      mn: device.mn,
      password_hash: device.passwordHash,
      st: device.st,
      site_id: device.siteId,
      note: device.note,
      outlet_id: device.outletId ?? null,
      name: device.name ?? null,
      ...(device.flagProfile !== undefined ? { flag_profile: device.flagProfile } : {}),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (device.codes.length > 0) {
    await trx
      .insertInto('gateway_device_code')
      .values(device.codes.map((c) => ({ device_id: id, factor_code: c.factorCode, parameter: c.parameter, device_unit: c.deviceUnit, scale: c.scale })))
      .execute();
  }
  return id;
}

/** Marks the device seen with the version of its packets; once per connection, not per packet. */
export async function markSeen(db: Db, deviceId: number, version: ProtocolVersion): Promise<void> {
  await db.updateTable('gateway_device').set({ version_seen: version, last_seen_at: new Date() }).where('id', '=', deviceId).execute();
}

export async function deviceById(db: Reader, id: number): Promise<Device | null> {
  const row = await deviceQuery(db).where('d.id', '=', id).executeTakeFirst();
  if (!row) return null;
  const { passwordHash: _secret, ...device } = (await withCodes(db, [row]))[0]!;
  return device;
}

/** A page of devices by MN, optionally those whose MN or name contains `q`. */
export async function pageDevices(db: Reader, filter: { q?: string }, page: { page: number; pageSize: number }): Promise<{ items: Device[]; total: number }> {
  let query = deviceQuery(db);
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) => eb.or([eb('d.mn', 'ilike', like), eb('d.name', 'ilike', like)]));
  }
  const rows = await query.orderBy('d.mn').execute();
  const slice = rows.slice((page.page - 1) * page.pageSize, page.page * page.pageSize);
  const items = (await withCodes(db, slice)).map(({ passwordHash: _secret, ...device }) => device);
  return { items, total: rows.length };
}

export interface DevicePatch {
  name?: string | null;
  active?: boolean;
  note?: string | null;
  flagProfile?: string;
  passwordHash?: string;
}

export async function updateDeviceRow(trx: Transaction<Database>, id: number, patch: DevicePatch): Promise<void> {
  await trx
    .updateTable('gateway_device')
    .set({
      ...(patch.name !== undefined ? { name: patch.name } : {}),
      ...(patch.active !== undefined ? { active: patch.active } : {}),
      ...(patch.note !== undefined ? { note: patch.note } : {}),
      ...(patch.flagProfile !== undefined ? { flag_profile: patch.flagProfile } : {}),
      ...(patch.passwordHash !== undefined ? { password_hash: patch.passwordHash } : {}),
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .execute();
}

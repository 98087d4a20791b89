/**
 * Registering devices (数采仪登记): a device is allowed to send data when its MN is known, and its data
 * go to one air station with the device's code mapping. Checked here, written with an audit entry.
 */
import type { Db } from '../../db/connect.ts';
import { audited, type Actor } from '../../audit/store.ts';
import { HttpProblem, problems } from '../../server/problem.ts';
import { FLAG_PROFILES } from '../server/flag-profiles.ts';
import { COMMAND_KINDS, queueCommand, type CommandKind } from '../server/commands.ts';
import { sitesByCode } from '../../monitoring/registry/store.ts';
import { loadParameters } from '../../monitoring/data/records.ts';
import type { FieldProblem } from '../../monitoring/registry/site.ts';
import { AIR_STATION_PROFILE, type CodeMapping } from './code-mapping.ts';
import { hashDevicePassword } from './password.ts';
import { deviceById, deviceByMn, insertDevice, listDevices, updateDeviceRow, type Device, type DevicePatch } from './store.ts';

export interface DeviceInput {
  mn: string;
  password: string;
  /** 系统编码; 22 (空气质量) by default. */
  st?: string;
  /** The air station's code; or `outletId` for an enterprise outlet's device (exactly one of them). */
  site?: string;
  outletId?: number;
  name?: string | null;
  /** Data-flag table of the vendor (spec §4); 'hj212' by default. */
  flagProfile?: string;
  /** Omitted: the air-station profile (Table B.2 units into the store's). */
  codes?: CodeMapping[];
  note?: string | null;
}

export { listDevices };

export async function createDevice(db: Db, actor: Actor, input: DeviceInput): Promise<Device> {
  const found: FieldProblem[] = [];
  const st = input.st ?? '22';
  if (!/^[0-9A-Za-z_-]{1,24}$/.test(input.mn)) found.push({ field: 'mn', message: 'MN 应为1至24位字母、数字、下划线或连字符' });
  if (!/^[\x21-\x7e]{1,24}$/.test(input.password)) found.push({ field: 'password', message: '访问密码应为1至24个可见字符' });
  if (!/^[0-9A-Za-z]{2,3}$/.test(st)) found.push({ field: 'st', message: '系统编码 ST 应为2至3位字母或数字' });
  // Missing references answer 422 (the request is well formed, what it names is not there).
  const unknown: FieldProblem[] = [];
  if ((input.site === undefined) === (input.outletId === undefined)) found.push({ field: 'site', message: '请选择空气监测站或企业排放口（二者选一）' });
  const site = input.site === undefined ? undefined : (await sitesByCode(db, [input.site])).get(input.site);
  if (input.site !== undefined && !site) unknown.push({ field: 'site', message: `点位编码 ${input.site} 未登记` });
  else if (site && site.kind !== 'air') found.push({ field: 'site', message: `${input.site} 不是空气监测站（网关暂只接收空气小时数据）` });
  if (input.outletId !== undefined && !(await db.selectFrom('enterprise_outlet').select('id').where('id', '=', input.outletId).executeTakeFirst())) {
    unknown.push({ field: 'outletId', message: `排放口 ${input.outletId} 不存在` });
  }
  if (input.flagProfile !== undefined && !Object.hasOwn(FLAG_PROFILES, input.flagProfile)) found.push({ field: 'flagProfile', message: `未知的数据标记表 ${input.flagProfile}` });
  if (input.name !== undefined && input.name !== null && input.name.length > 100) found.push({ field: 'name', message: '名称最多100个字符' });
  // The code mapping turns factor codes into air parameters: an outlet's device keeps its codes as sent.
  const codes = input.codes ?? (input.outletId !== undefined ? [] : [...AIR_STATION_PROFILE]);
  const parameters = new Set((await loadParameters(db, 'air')).map((p) => p.code));
  const seenParameters = new Set<string>();
  codes.forEach((code, index) => {
    if (!/^[0-9A-Za-z]{1,12}$/.test(code.factorCode)) found.push({ field: `codes.${index}.factorCode`, message: `「${code.factorCode}」不是因子编码` });
    if (!parameters.has(code.parameter)) found.push({ field: `codes.${index}.parameter`, message: `未知的空气监测项目 ${code.parameter}` });
    if (seenParameters.has(code.parameter)) found.push({ field: `codes.${index}.parameter`, message: `监测项目 ${code.parameter} 对照了两个编码` });
    seenParameters.add(code.parameter);
    if (!/^\d+(\.\d+)?$/.test(code.scale) || Number(code.scale) <= 0) found.push({ field: `codes.${index}.scale`, message: '换算系数应为正数' });
  });
  if (found.length > 0) throw problems.badRequest(found.map((f) => f.message).join('；'), found);
  if (unknown.length > 0) throw new HttpProblem(422, '关联的点位或排放口不存在', unknown.map((f) => f.message).join('；'), unknown);
  if (await deviceByMn(db, input.mn)) throw problems.conflict(`MN ${input.mn} 已登记`, 'mn');

  const passwordHash = await hashDevicePassword(input.password);
  await audited(db, actor, async (trx, audit) => {
    const id = await insertDevice(trx, {
      mn: input.mn,
      passwordHash,
      st,
      siteId: site?.id ?? null,
      outletId: input.outletId ?? null,
      name: input.name ?? null,
      flagProfile: input.flagProfile,
      note: input.note ?? null,
      codes,
    });
    // The password is never part of the audit entry.
    await audit({ action: 'create', entity: 'gateway_device', entityId: id, after: { mn: input.mn, st, site: input.site ?? null, outletId: input.outletId ?? null, name: input.name ?? null, flagProfile: input.flagProfile ?? 'hj212', codes } });
  });
  const { passwordHash: _secret, ...device } = (await deviceByMn(db, input.mn))!;
  return device;
}

export interface DeviceUpdate {
  name?: string | null;
  active?: boolean;
  note?: string | null;
  flagProfile?: string;
  /** A new 访问密码 (write-only; the device must then send it). */
  password?: string;
}

export async function updateDevice(db: Db, actor: Actor, id: number, update: DeviceUpdate): Promise<Device> {
  const before = await deviceById(db, id);
  if (!before) throw problems.notFound('数采仪');
  const found: FieldProblem[] = [];
  if (update.password !== undefined && !/^[\x21-\x7e]{6,24}$/.test(update.password)) found.push({ field: 'password', message: '访问密码应为6至24个可见字符' });
  if (update.flagProfile !== undefined && !Object.hasOwn(FLAG_PROFILES, update.flagProfile)) found.push({ field: 'flagProfile', message: `未知的数据标记表 ${update.flagProfile}` });
  if (found.length > 0) throw problems.badRequest(found.map((f) => f.message).join('；'), found);
  const patch: DevicePatch = { name: update.name, active: update.active, note: update.note, flagProfile: update.flagProfile };
  if (update.password !== undefined) patch.passwordHash = await hashDevicePassword(update.password);
  await audited(db, actor, async (trx, audit) => {
    await updateDeviceRow(trx, id, patch);
    const fields = { name: update.name, active: update.active, note: update.note, flagProfile: update.flagProfile };
    const pick = (device: Device) => ({ name: device.name, active: device.active, note: device.note, flagProfile: device.flagProfile });
    // Only that the password changed, never the password.
    await audit({ action: 'update', entity: 'gateway_device', entityId: id, before: pick(before), after: { ...pick(before), ...JSON.parse(JSON.stringify(fields)), ...(update.password !== undefined ? { passwordReset: true } : {}) } });
  });
  return (await deviceById(db, id))!;
}

/** 读取时钟 (1011) or 校准时钟 (1012) for a device: queued for the gateway the device is connected to. */
export async function requestDeviceCommand(db: Db, actor: Actor, id: number, kind: CommandKind): Promise<{ id: number; qn: string }> {
  const device = await deviceById(db, id);
  if (!device) throw problems.notFound('数采仪');
  if (!device.active) throw problems.conflict(`数采仪 ${device.mn} 已停用`);
  const cn = COMMAND_KINDS[kind];
  return audited(db, actor, async (trx, audit) => {
    const queued = await queueCommand(trx, id, cn, actor.id);
    await audit({ action: 'command', entity: 'gateway_device', entityId: id, after: { kind, cn, qn: queued.qn, commandId: queued.id } });
    return queued;
  });
}

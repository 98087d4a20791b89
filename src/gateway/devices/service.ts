/**
 * Registering devices (数采仪登记): a device is allowed to send data when its MN is known, and its data
 * go to one air station with the device's code mapping. Checked here, written with an audit entry.
 */
import type { Db } from '../../db/connect.ts';
import { audited, type Actor } from '../../audit/store.ts';
import { problems } from '../../server/problem.ts';
import { sitesByCode } from '../../monitoring/registry/store.ts';
import { loadParameters } from '../../monitoring/data/records.ts';
import type { FieldProblem } from '../../monitoring/registry/site.ts';
import { AIR_STATION_PROFILE, type CodeMapping } from './code-mapping.ts';
import { hashDevicePassword } from './password.ts';
import { deviceByMn, insertDevice, listDevices, type Device } from './store.ts';

export interface DeviceInput {
  mn: string;
  password: string;
  /** 系统编码; 22 (空气质量) by default. */
  st?: string;
  /** The air station's code. */
  site: string;
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
  const site = (await sitesByCode(db, [input.site])).get(input.site);
  if (!site) found.push({ field: 'site', message: `点位编码 ${input.site} 未登记` });
  else if (site.kind !== 'air') found.push({ field: 'site', message: `${input.site} 不是空气监测站（网关暂只接收空气小时数据）` });
  const codes = input.codes ?? [...AIR_STATION_PROFILE];
  const parameters = new Set((await loadParameters(db, 'air')).map((p) => p.code));
  const seenParameters = new Set<string>();
  codes.forEach((code, index) => {
    if (!/^[0-9A-Za-z]{1,12}$/.test(code.factorCode)) found.push({ field: `codes.${index}.factorCode`, message: `「${code.factorCode}」不是因子编码` });
    if (!parameters.has(code.parameter)) found.push({ field: `codes.${index}.parameter`, message: `未知的空气监测项目 ${code.parameter}` });
    if (seenParameters.has(code.parameter)) found.push({ field: `codes.${index}.parameter`, message: `监测项目 ${code.parameter} 对照了两个编码` });
    seenParameters.add(code.parameter);
    if (!/^\d+(\.\d+)?$/.test(code.scale) || Number(code.scale) <= 0) found.push({ field: `codes.${index}.scale`, message: '换算系数应为正数' });
  });
  if (found.length === 0 && (await deviceByMn(db, input.mn))) found.push({ field: 'mn', message: `MN ${input.mn} 已登记` });
  if (found.length > 0) throw problems.badRequest(found.map((f) => f.message).join('；'), found);

  const passwordHash = await hashDevicePassword(input.password);
  await audited(db, actor, async (trx, audit) => {
    const id = await insertDevice(trx, { mn: input.mn, passwordHash, st, siteId: site!.id, note: input.note ?? null, codes });
    // The password is never part of the audit entry.
    await audit({ action: 'create', entity: 'gateway_device', entityId: id, after: { mn: input.mn, st, site: input.site, codes } });
  });
  const { passwordHash: _secret, ...device } = (await deviceByMn(db, input.mn))!;
  return device;
}

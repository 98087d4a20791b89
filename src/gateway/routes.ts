/**
 * 数据采集网关 API: whether a gateway runs (its published status), the devices with online/offline, packet
 * rates and malformed packets (monitoring.read), registering and editing devices and sending them clock
 * commands — 1011 读取时钟, 1012 校准时钟 — through the command queue (monitoring.manage).
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Db } from '../db/connect.ts';
import { actorOf } from '../auth/access.ts';
import { problems } from '../server/problem.ts';
import { IdParams, Nullable, OneOf, Page, PageQuery } from '../server/schemas.ts';
import { createDevice, requestDeviceCommand, updateDevice } from './devices/service.ts';
import { deviceById, pageDevices, type Device } from './devices/store.ts';
import {
  commandById,
  deviceActivity,
  deviceCommands,
  deviceJson,
  gatewayInstances,
  latestAirHour,
  latestReadings,
  liveView,
  siteNames,
  STALE_AFTER_MS,
} from './page-data.ts';
import { cstIso } from '../monitoring/data/time.ts';

const COMMAND_STATES = ['pending', 'sent', 'accepted', 'done', 'refused', 'failed', 'expired'] as const;
const Loose = (description: string) => Type.Object({}, { additionalProperties: true, description });

const DeviceSchema = Type.Object({
  id: Type.Integer(),
  mn: Type.String({ description: '设备唯一标识 MN' }),
  name: Nullable(Type.String()),
  kind: OneOf(['air', 'outlet'] as const, { description: 'air 空气监测站、outlet 企业排放口' }),
  site: Nullable(Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String() })),
  outlet: Nullable(Type.Object({ id: Type.Integer(), label: Type.String() })),
  st: Type.String({ description: '系统编码 ST' }),
  version: Nullable(Type.String({ description: '协议版本（2005 / 2017 / 2025），按设备最近的数据包' })),
  flagProfile: Type.String({ description: '数据标记表' }),
  active: Type.Boolean(),
  note: Nullable(Type.String()),
  online: Type.Boolean({ description: '在线：正在运行的网关与其保持连接' }),
  address: Nullable(Type.String({ description: '连接来源地址（在线时）' })),
  connectedSince: Nullable(Type.String()),
  lastSeenAt: Nullable(Type.String({ description: '最近一次收到其数据包的时间' })),
  packetsLastHour: Type.Integer({ description: '最近一小时入库的数据包数' }),
  malformedCount: Type.Integer({ description: '网关本次运行以来收到的坏包数' }),
});

const CommandSchema = Type.Object({
  id: Type.Integer(),
  cn: Type.String(),
  kind: Nullable(OneOf(['get-time', 'set-time'] as const)),
  qn: Type.String(),
  cp: Type.Record(Type.String(), Type.String()),
  state: OneOf(COMMAND_STATES, { description: 'pending 待发送、sent 已发送、accepted 设备已接受、done 完成、refused 设备拒绝、failed 执行失败、expired 超时' }),
  qnRtn: Nullable(Type.Integer()),
  exeRtn: Nullable(Type.Integer()),
  result: Nullable(Loose('设备返回：读取时钟时为 deviceTime（设备时间）与 offsetSeconds（设备比平台快的秒数）')),
  requestedBy: Nullable(Type.Object({ id: Type.Integer(), name: Type.String() })),
  requestedAt: Type.String(),
  sentAt: Nullable(Type.String()),
  finishedAt: Nullable(Type.String()),
  error: Nullable(Type.String()),
});

const MalformedSchema = Type.Object({
  count: Type.Integer(),
  last: Type.Array(Type.Object({ at: Type.String(), reason: Type.String(), text: Type.String() })),
});

const DeviceDetailSchema = Type.Object({
    ...DeviceSchema.properties,
    codes: Type.Array(Type.Object({ factorCode: Type.String(), parameter: Type.String(), deviceUnit: Type.String(), scale: Type.String() })),
    readings: Type.Array(Loose('每个因子编码最新的一条数据（按 CN 区分实时/分钟/小时/日）')),
    airHour: Nullable(Loose('空气站最新一小时入库数据')),
    malformed: MalformedSchema,
    commands: Type.Array(CommandSchema),
});

const Password = Type.String({ minLength: 6, maxLength: 24, pattern: '^[\\x21-\\x7e]+$', description: '访问密码（只写，不回显）' });

export const gatewayRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  const tags = ['gateway'];

  async function listed(devices: Device[]) {
    const [instances, activity, names] = await Promise.all([
      gatewayInstances(db),
      deviceActivity(db, devices.map((d) => d.id)),
      siteNames(db, devices.flatMap((d) => (d.siteId === null ? [] : [d.siteId]))),
    ]);
    const live = liveView(instances);
    return { live, items: devices.map((d) => deviceJson(d, live, activity.get(d.id), d.siteId === null ? undefined : names.get(d.siteId))) };
  }

  async function detail(id: number) {
    const device = await deviceById(db, id);
    if (!device) throw problems.notFound('数采仪');
    const { live, items } = await listed([device]);
    const [readings, airHour, commands] = await Promise.all([
      latestReadings(db, id),
      device.siteId === null ? null : latestAirHour(db, device.siteId),
      deviceCommands(db, id),
    ]);
    const malformed = live.malformed(device.mn);
    return {
      ...items[0]!,
      codes: device.codes,
      readings,
      airHour,
      malformed: { count: malformed.count, last: malformed.last.map((m) => ({ at: cstIso(new Date(m.at)), reason: m.reason, text: m.text })) },
      commands,
    };
  }

  app.get(
    '/api/gateway/status',
    {
      config: { access: 'monitoring.read' },
      schema: {
        tags,
        summary: `网关运行状态：各网关实例最近发布的状态；超过 ${STALE_AFTER_MS / 1000} 秒未更新视为未运行 / gateway status`,
        response: {
          200: Type.Object({
            running: Type.Boolean({ description: '至少一个网关实例正在运行' }),
            instances: Type.Array(
              Type.Object({
                instance: Type.String({ description: '主机:端口:进程号' }),
                host: Type.String(),
                port: Type.Integer(),
                startedAt: Type.String(),
                updatedAt: Type.String(),
                ageSeconds: Type.Integer(),
                running: Type.Boolean(),
                connections: Type.Integer(),
                devicesOnline: Type.Integer(),
                packets: Type.Record(Type.String(), Type.Integer(), { description: '按 CN 计的数据包数（本次运行以来）' }),
                acknowledged: Type.Integer(),
                refused: Type.Integer(),
                malformed: Type.Integer(),
              }),
            ),
          }),
        },
      },
    },
    async () => {
      const instances = await gatewayInstances(db);
      return {
        running: instances.some((i) => i.running),
        instances: instances.map((i) => ({
          instance: i.instance,
          host: i.host,
          port: i.port,
          startedAt: cstIso(i.startedAt),
          updatedAt: cstIso(i.updatedAt),
          ageSeconds: i.ageSeconds,
          running: i.running,
          connections: i.running ? (i.snapshot.connections ?? 0) : 0,
          devicesOnline: i.running ? (i.snapshot.devices ?? []).length : 0,
          packets: i.snapshot.packets ?? {},
          acknowledged: i.snapshot.acknowledged ?? 0,
          refused: i.snapshot.refused ?? 0,
          malformed: i.snapshot.malformed ?? 0,
        })),
      };
    },
  );

  app.get(
    '/api/gateway/devices',
    {
      config: { access: 'monitoring.read' },
      schema: {
        tags,
        summary: '数采仪列表：在线/离线、最近数据时间、每小时数据包、坏包数 / devices',
        querystring: Type.Object({ q: Type.Optional(Type.String({ maxLength: 100, description: 'MN 或名称包含' })), ...PageQuery }),
        response: { 200: Page(DeviceSchema) },
      },
    },
    async (request) => {
      const { q, page, pageSize } = request.query;
      const { items, total } = await pageDevices(db, { q: q?.trim() || undefined }, { page, pageSize });
      return { items: (await listed(items)).items, total, page, pageSize };
    },
  );

  app.get(
    '/api/gateway/devices/:id',
    {
      config: { access: 'monitoring.read' },
      schema: { tags, summary: '一台数采仪：最新数据、最近的坏包、最近的命令 / one device', params: IdParams, response: { 200: DeviceDetailSchema } },
    },
    async (request) => detail(request.params.id),
  );

  app.post(
    '/api/gateway/devices',
    {
      config: { access: 'monitoring.manage' },
      schema: {
        tags,
        summary: '登记数采仪：属于空气监测站（site）或企业排放口（outletId）之一；空气站默认按 HJ 212 表 B.2 对照编码 / register a device',
        body: Type.Object(
          {
            mn: Type.String({ minLength: 1, maxLength: 24, description: '设备唯一标识 MN' }),
            name: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
            password: Password,
            st: Type.Optional(Type.String({ description: '系统编码 ST，默认 22（空气质量）' })),
            site: Type.Optional(Type.String({ description: '空气监测站编码' })),
            outletId: Type.Optional(Type.Integer({ minimum: 1, description: '企业排放口' })),
            flagProfile: Type.Optional(Type.String({ description: '数据标记表：hj212（默认）或厂商表' })),
            note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
          },
          { additionalProperties: false },
        ),
        response: { 201: DeviceDetailSchema },
      },
    },
    async (request, reply) => {
      const created = await createDevice(db, actorOf(request), request.body);
      return reply.code(201).send(await detail(created.id));
    },
  );

  app.patch(
    '/api/gateway/devices/:id',
    {
      config: { access: 'monitoring.manage' },
      schema: {
        tags,
        summary: '修改数采仪：名称、启用/停用、备注、数据标记表、重设访问密码 / edit a device',
        params: IdParams,
        body: Type.Object(
          {
            name: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
            active: Type.Optional(Type.Boolean()),
            note: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
            flagProfile: Type.Optional(Type.String()),
            password: Type.Optional(Password),
          },
          { additionalProperties: false },
        ),
        response: { 200: DeviceDetailSchema },
      },
    },
    async (request) => {
      await updateDevice(db, actorOf(request), request.params.id, request.body);
      return detail(request.params.id);
    },
  );

  app.get(
    '/api/gateway/devices/:id/commands',
    {
      config: { access: 'monitoring.read' },
      schema: { tags, summary: '发给数采仪的最近命令 / recent commands', params: IdParams, response: { 200: Type.Object({ items: Type.Array(CommandSchema) }) } },
    },
    async (request) => {
      if (!(await deviceById(db, request.params.id))) throw problems.notFound('数采仪');
      return { items: await deviceCommands(db, request.params.id, 50) };
    },
  );

  app.post(
    '/api/gateway/devices/:id/commands',
    {
      config: { access: 'monitoring.manage' },
      schema: {
        tags,
        summary: '向数采仪发命令：get-time 读取时钟（1011）、set-time 校准时钟（1012，按平台北京时间）；排队后由设备所连网关发送，60 秒内未完成即超时 / send a command',
        params: IdParams,
        body: Type.Object({ kind: OneOf(['get-time', 'set-time'] as const) }, { additionalProperties: false }),
        response: { 202: CommandSchema },
      },
    },
    async (request, reply) => {
      const queued = await requestDeviceCommand(db, actorOf(request), request.params.id, request.body.kind);
      return reply.code(202).send((await commandById(db, request.params.id, queued.id))!);
    },
  );
};

/**
 * 监测预警 API: the alerts (read with monitoring.read), a scan on demand (monitoring.manage),
 * acknowledging (the answerable unit or monitoring managers) and 发起督办 (tasks.manage). The server
 * also scans on a timer (scheduler.ts) while it listens.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Db } from '../../db/connect.ts';
import { actorOf, requirePrincipal } from '../../auth/access.ts';
import { problems } from '../../server/problem.ts';
import { IdParams, Nullable, OneOf, Page, PageQuery } from '../../server/schemas.ts';
import { SITE_KINDS } from '../registry/site.ts';
import { ALERT_KINDS } from './rules.ts';
import { startAlertScans } from './scheduler.ts';
import { acknowledgeAlert, DEFAULT_SUPERVISION_DAYS, scanAlerts, superviseAlert } from './service.ts';
import { alertView, listAlerts } from './store.ts';
import { alertJson } from './view.ts';

const KINDS_TEXT = 'aqi_heavy 空气重污染（实时 AQI > 200）、section_below_target 断面水质未达目标、drinking_exceedance 饮用水水源地超标、station_silent 站点数据中断';

export const AlertSchema = Type.Object({
  id: Type.Integer(),
  kind: OneOf(ALERT_KINDS, { description: KINDS_TEXT }),
  site: Type.Object({ id: Type.Integer(), kind: OneOf(SITE_KINDS), code: Type.String(), name: Type.String(), districtId: Type.Integer(), districtName: Type.String() }),
  organisation: Type.Object({ id: Type.Integer(), name: Type.String() }, { description: '责任单位（点位所在县区；市级点位为市生态环境局）' }),
  openedAt: Type.String({ description: '触发预警的数据时间，ISO 8601 +08:00' }),
  lastSeenAt: Type.String({ description: '仍显示该情况的最新数据时间（数据中断：最近一次检查时间）' }),
  closedAt: Nullable(Type.String({ description: '情况消失、预警自动关闭的时间' })),
  durationHours: Type.Number({ description: '持续小时数：自触发至关闭，未关闭的至今' }),
  title: Type.String(),
  summary: Type.String({ description: '预警说明（中文）' }),
  detail: Type.Object({}, { additionalProperties: true, description: '数值、AQI、类别与目标、超标项目及超标倍数、中断小时数' }),
  standard: Nullable(Type.String({ description: '评价所依据的标准' })),
  demo: Type.Boolean({ description: '由示例数据触发' }),
  acknowledgedAt: Nullable(Type.String()),
  acknowledgedBy: Nullable(Type.Object({ id: Type.Integer(), name: Type.String() })),
  taskItemId: Nullable(Type.Integer({ description: '据此发起的督办事项' })),
});

export const alertRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  let scans: ReturnType<typeof startAlertScans> | undefined;
  app.addHook('onListen', (done) => {
    scans = startAlertScans(db, app.log);
    done();
  });
  app.addHook('onClose', async () => {
    await scans?.stop();
  });

  const tags = ['monitoring'];

  app.get(
    '/api/monitoring/alerts',
    {
      config: { access: 'monitoring.read' },
      schema: {
        tags,
        summary: '监测预警列表（未关闭的在前，最新数据在前）/ alerts',
        querystring: Type.Object({
          status: Type.Optional(OneOf(['open', 'closed', 'all'] as const, { description: 'open 未关闭（默认）、closed 已关闭、all 全部' })),
          kind: Type.Optional(OneOf(ALERT_KINDS, { description: KINDS_TEXT })),
          districtId: Type.Optional(Type.Integer({ minimum: 1, description: '点位所在县区' })),
          siteId: Type.Optional(Type.Integer({ minimum: 1 })),
          ...PageQuery,
        }),
        response: { 200: Page(AlertSchema) },
      },
    },
    async (request) => {
      const { status = 'open', kind, districtId, siteId, page, pageSize } = request.query;
      const { items, total } = await listAlerts(db, { status, kind, districtId, siteId }, { page, pageSize });
      return { items: items.map((alert) => alertJson(alert)), total, page, pageSize };
    },
  );

  app.get(
    '/api/monitoring/alerts/:id',
    { config: { access: 'monitoring.read' }, schema: { tags, summary: '一条监测预警 / one alert', params: IdParams, response: { 200: AlertSchema } } },
    async (request) => {
      const alert = await alertView(db, request.params.id);
      if (!alert) throw problems.notFound('预警');
      return alertJson(alert);
    },
  );

  app.post(
    '/api/monitoring/alerts/scan',
    {
      config: { access: 'monitoring.manage' },
      schema: {
        tags,
        summary: '立即检查一次：按最新数据新建、更新或关闭预警（服务也按设置的间隔自动检查）/ scan now',
        response: { 200: Type.Object({ opened: Type.Integer(), updated: Type.Integer(), closed: Type.Integer(), open: Type.Integer() }) },
      },
    },
    async (request) => scanAlerts(db, new Date(), actorOf(request)),
  );

  app.post(
    '/api/monitoring/alerts/:id/acknowledge',
    {
      config: { access: 'monitoring.read' },
      schema: { tags, summary: '确认预警（责任单位或监测管理人员；留痕）/ acknowledge', params: IdParams, response: { 200: AlertSchema } },
    },
    async (request) => alertJson(await acknowledgeAlert(db, actorOf(request), requirePrincipal(request), request.params.id)),
  );

  app.post(
    '/api/monitoring/alerts/:id/supervise',
    {
      config: { access: 'tasks.manage' },
      schema: {
        tags,
        summary: `发起督办：在「环境监测预警督办」清单中新建督办事项，责任单位为预警的责任单位、牵头单位为市生态环境局，默认 ${DEFAULT_SUPERVISION_DAYS} 天内完成；已发起的返回原事项（200，created 为 false）/ open a supervision item`,
        params: IdParams,
        body: Type.Optional(Type.Object({ dueDate: Type.Optional(Type.String({ format: 'date', description: '完成时限（默认今天起 15 天）' })) }, { additionalProperties: false })),
        response: {
          200: Type.Object({ taskItemId: Type.Integer(), created: Type.Boolean() }),
          201: Type.Object({ taskItemId: Type.Integer(), created: Type.Boolean() }),
        },
      },
    },
    async (request, reply) => {
      const result = await superviseAlert(db, actorOf(request), request.params.id, request.body?.dueDate);
      return reply.code(result.created ? 201 : 200).send(result);
    },
  );
};

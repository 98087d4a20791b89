/**
 * 企业排放 API: enterprises (排污单位), their outlets (排放口) and emission limits (排放限值), registered
 * by emissions managers and read within the caller's scope (an enterprise itself, a district its
 * enterprises, the administration all); exceedance events (超标事件), raised by the gateway's scans
 * (scan.ts), listed, acknowledged by the enterprise, its district or the coordinator, and gathered in
 * the caller's inbox.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Db } from '../db/connect.ts';
import { actorOf, organisationScope, requirePrincipal } from '../auth/access.ts';
import { cstMidnight } from '../monitoring/data/time.ts';
import { problems } from '../server/problem.ts';
import { IdParams, Nullable, OneOf, Page, PageQuery } from '../server/schemas.ts';
import {
  acknowledgeExceedance,
  createEnterprise,
  createLimit,
  createOutlet,
  deleteLimit,
  exceedanceInbox,
  readableEnterprise,
  readableOutlet,
  updateEnterprise,
  updateLimit,
  updateOutlet,
} from './service.ts';
import { limitsOf, listEnterprises, listExceedances, outletsOf } from './store.ts';
import { exceedanceJson } from './view.ts';

const tags = ['emissions'];
const DAY_MS = 86_400_000;

const Lon = Type.Number({ minimum: 73, maximum: 136, description: '经度（CGCS2000）' });
const Lat = Type.Number({ minimum: 3, maximum: 54, description: '纬度（CGCS2000）' });

const EnterpriseSchema = Type.Object({
  id: Type.Integer(),
  organisationId: Type.Integer({ description: '企业的组织机构（其用户即企业用户），隶属所在县区' }),
  name: Type.String(),
  creditCode: Nullable(Type.String({ description: '统一社会信用代码' })),
  district: Type.Object({ id: Type.Integer(), name: Type.String() }),
  industry: Nullable(Type.String()),
  address: Nullable(Type.String()),
  lon: Nullable(Type.Number()),
  lat: Nullable(Type.Number()),
  active: Type.Boolean(),
  note: Nullable(Type.String()),
  outlets: Type.Integer({ description: '排放口数' }),
  openExceedances: Type.Integer({ description: '未关闭的超标事件数' }),
});

const EnterpriseFields = {
  name: Type.String({ minLength: 1, maxLength: 100, description: '企业名称' }),
  creditCode: Nullable(Type.String({ pattern: '^[0-9A-HJ-NPQRTUWXY]{18}$', description: '统一社会信用代码（18 位，GB 32100）' })),
  districtId: Type.Integer({ minimum: 1, description: '所在县区' }),
  industry: Nullable(Type.String({ maxLength: 100, description: '行业' })),
  address: Nullable(Type.String({ maxLength: 200 })),
  lon: Nullable(Lon),
  lat: Nullable(Lat),
  active: Type.Boolean(),
  note: Nullable(Type.String({ maxLength: 2000 })),
};

const OutletSchema = Type.Object({
  id: Type.Integer(),
  enterpriseId: Type.Integer(),
  code: Type.String({ description: '排污许可证中的排放口编号，如 DA001（废气）、DW001（废水）' }),
  name: Type.String(),
  medium: OneOf(['gas', 'water'] as const, { description: 'gas 废气、water 废水' }),
  lon: Nullable(Type.Number()),
  lat: Nullable(Type.Number()),
  active: Type.Boolean(),
  note: Nullable(Type.String()),
});

const OutletFields = {
  code: Type.String({ pattern: '^[A-Za-z0-9-]{1,20}$', description: '排放口编号，如 DA001' }),
  name: Type.String({ minLength: 1, maxLength: 100 }),
  medium: OneOf(['gas', 'water'] as const, { description: 'gas 废气、water 废水' }),
  lon: Nullable(Lon),
  lat: Nullable(Lat),
  active: Type.Boolean(),
  note: Nullable(Type.String({ maxLength: 2000 })),
};

const BASIS_TEXT = 'avg 实测浓度均值、zs_avg 折算浓度均值（按基准含氧量折算）';
const RESOLUTION_TEXT = 'minute 分钟数据（2051）、hour 小时数据（2061）、day 日数据（2031）';

const LimitSchema = Type.Object({
  id: Type.Integer(),
  outletId: Type.Integer(),
  factorCode: Type.String({ description: 'HJ 212 污染物编码' }),
  limitValue: Type.Number(),
  unit: Type.String({ description: '设备上报的单位' }),
  basis: OneOf(['avg', 'zs_avg'] as const, { description: BASIS_TEXT }),
  resolution: OneOf(['minute', 'hour', 'day'] as const, { description: RESOLUTION_TEXT }),
  standard: Type.String(),
  clause: Nullable(Type.String()),
  validFrom: Nullable(Type.String()),
  validTo: Nullable(Type.String()),
});

const LimitFields = {
  factorCode: Type.String({ pattern: '^[0-9A-Za-z]{1,12}$', description: 'HJ 212 污染物编码，如 a21026（SO₂）' }),
  limitValue: Type.Number({ exclusiveMinimum: 0, description: '限值，单位同设备上报' }),
  unit: Type.String({ minLength: 1, maxLength: 20 }),
  basis: OneOf(['avg', 'zs_avg'] as const, { description: BASIS_TEXT }),
  resolution: OneOf(['minute', 'hour', 'day'] as const, { description: RESOLUTION_TEXT }),
  standard: Type.String({ minLength: 1, maxLength: 200, description: '限值来源标准，如 GB 13223-2011' }),
  clause: Type.String({ minLength: 1, maxLength: 200, description: '条款或表号，如 表1' }),
  validFrom: Nullable(Type.String({ format: 'date', description: '执行起始日（含）' })),
  validTo: Nullable(Type.String({ format: 'date', description: '执行截止日（含）' })),
};

export const ExceedanceSchema = Type.Object({
  id: Type.Integer(),
  enterprise: Type.Object({ id: Type.Integer(), name: Type.String(), districtId: Type.Integer() }),
  outlet: Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String() }),
  limitId: Type.Integer(),
  factorCode: Type.String(),
  unit: Type.String(),
  basis: OneOf(['avg', 'zs_avg'] as const, { description: BASIS_TEXT }),
  resolution: OneOf(['minute', 'hour', 'day'] as const, { description: RESOLUTION_TEXT }),
  startedAt: Type.String({ description: '首个超标时段的开始，ISO 8601 +08:00' }),
  endedAt: Type.String({ description: '最后一个超标时段的结束' }),
  closedAt: Nullable(Type.String({ description: '之后首个有效且达标的时段结束时关闭' })),
  durationHours: Type.Number({ description: '持续小时数：endedAt − startedAt（期间缺测不拆分事件）' }),
  periods: Type.Integer({ description: '超标时段数' }),
  peakValue: Type.Number({ description: '最大值' }),
  limitValue: Type.Number({ description: '判定时的限值' }),
  multiple: Type.Number({ description: '最大值 ÷ 限值' }),
  standard: Type.String(),
  clause: Nullable(Type.String()),
  acknowledgedAt: Nullable(Type.String()),
  acknowledgedBy: Nullable(Type.Object({ id: Type.Integer(), name: Type.String() })),
  note: Nullable(Type.String()),
});

const EnterpriseDetailSchema = Type.Object({
  ...EnterpriseSchema.properties,
  outletList: Type.Array(Type.Object({ ...OutletSchema.properties, limits: Type.Array(LimitSchema) }), { description: '排放口及其排放限值' }),
});

export const emissionRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/api/emissions/enterprises',
    {
      config: { access: 'emissions.read' },
      schema: {
        tags,
        summary: '企业列表（企业用户仅本企业，县区用户仅本县区）/ enterprises',
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 100, description: '名称或统一社会信用代码' })),
          districtId: Type.Optional(Type.Integer({ minimum: 1 })),
          ...PageQuery,
        }),
        response: { 200: Page(EnterpriseSchema) },
      },
    },
    async (request) => {
      const { q, districtId, page, pageSize } = request.query;
      const scope = await organisationScope(db, requirePrincipal(request), 'emissions.read');
      const { items, total } = await listEnterprises(db, { scope, q, districtId }, { page, pageSize });
      return { items, total, page, pageSize };
    },
  );

  app.get(
    '/api/emissions/enterprises/:id',
    {
      config: { access: 'emissions.read' },
      schema: { tags, summary: '一家企业及其排放口和排放限值 / one enterprise with its outlets and limits', params: IdParams, response: { 200: EnterpriseDetailSchema } },
    },
    async (request) => {
      const enterprise = await readableEnterprise(db, requirePrincipal(request), request.params.id);
      const outlets = await outletsOf(db, enterprise.id);
      return { ...enterprise, outletList: await Promise.all(outlets.map(async (o) => ({ ...o, limits: await limitsOf(db, o.id) }))) };
    },
  );

  app.post(
    '/api/emissions/enterprises',
    {
      config: { access: 'emissions.manage' },
      schema: {
        tags,
        summary: '登记企业：同时在所在县区下建立企业的组织机构（单位，类型 enterprise）/ register an enterprise',
        body: Type.Object(
          {
            name: EnterpriseFields.name,
            districtId: EnterpriseFields.districtId,
            creditCode: Type.Optional(EnterpriseFields.creditCode),
            industry: Type.Optional(EnterpriseFields.industry),
            address: Type.Optional(EnterpriseFields.address),
            lon: Type.Optional(EnterpriseFields.lon),
            lat: Type.Optional(EnterpriseFields.lat),
            note: Type.Optional(EnterpriseFields.note),
          },
          { additionalProperties: false },
        ),
        response: { 201: EnterpriseSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await createEnterprise(db, actorOf(request), request.body)),
  );

  app.patch(
    '/api/emissions/enterprises/:id',
    {
      config: { access: 'emissions.manage' },
      schema: { tags, summary: '修改企业 / update an enterprise', params: IdParams, body: Type.Partial(Type.Object(EnterpriseFields), { additionalProperties: false }), response: { 200: EnterpriseSchema } },
    },
    async (request) => updateEnterprise(db, actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/emissions/enterprises/:id/outlets',
    { config: { access: 'emissions.read' }, schema: { tags, summary: '企业的排放口 / outlets', params: IdParams, response: { 200: Type.Array(OutletSchema) } } },
    async (request) => outletsOf(db, (await readableEnterprise(db, requirePrincipal(request), request.params.id)).id),
  );

  app.post(
    '/api/emissions/enterprises/:id/outlets',
    {
      config: { access: 'emissions.manage' },
      schema: {
        tags,
        summary: '新增排放口 / add an outlet',
        params: IdParams,
        body: Type.Object(
          { code: OutletFields.code, name: OutletFields.name, medium: OutletFields.medium, lon: Type.Optional(OutletFields.lon), lat: Type.Optional(OutletFields.lat), note: Type.Optional(OutletFields.note) },
          { additionalProperties: false },
        ),
        response: { 201: OutletSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await createOutlet(db, actorOf(request), request.params.id, request.body)),
  );

  app.patch(
    '/api/emissions/outlets/:id',
    {
      config: { access: 'emissions.manage' },
      schema: { tags, summary: '修改排放口 / update an outlet', params: IdParams, body: Type.Partial(Type.Object(OutletFields), { additionalProperties: false }), response: { 200: OutletSchema } },
    },
    async (request) => updateOutlet(db, actorOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/emissions/outlets/:id/limits',
    { config: { access: 'emissions.read' }, schema: { tags, summary: '排放口的排放限值 / limits of an outlet', params: IdParams, response: { 200: Type.Array(LimitSchema) } } },
    async (request) => limitsOf(db, (await readableOutlet(db, requirePrincipal(request), request.params.id)).id),
  );

  app.post(
    '/api/emissions/outlets/:id/limits',
    {
      config: { access: 'emissions.manage' },
      schema: {
        tags,
        summary: '新增排放限值（须注明标准及条款）/ add a limit',
        params: IdParams,
        body: Type.Object(
          {
            factorCode: LimitFields.factorCode,
            limitValue: LimitFields.limitValue,
            unit: LimitFields.unit,
            standard: LimitFields.standard,
            clause: LimitFields.clause,
            basis: Type.Optional(LimitFields.basis),
            resolution: Type.Optional(LimitFields.resolution),
            validFrom: Type.Optional(LimitFields.validFrom),
            validTo: Type.Optional(LimitFields.validTo),
          },
          { additionalProperties: false },
        ),
        response: { 201: LimitSchema },
      },
    },
    async (request, reply) => reply.code(201).send(await createLimit(db, actorOf(request), request.params.id, request.body)),
  );

  app.patch(
    '/api/emissions/limits/:id',
    {
      config: { access: 'emissions.manage' },
      schema: {
        tags,
        summary: '修改排放限值（已有超标事件保留其判定时的限值）/ update a limit',
        params: IdParams,
        body: Type.Partial(Type.Object(LimitFields), { additionalProperties: false }),
        response: { 200: LimitSchema },
      },
    },
    async (request) => updateLimit(db, actorOf(request), request.params.id, request.body),
  );

  app.delete(
    '/api/emissions/limits/:id',
    { config: { access: 'emissions.manage' }, schema: { tags, summary: '删除排放限值及其超标事件（留痕）/ delete a limit', params: IdParams } },
    async (request, reply) => {
      await deleteLimit(db, actorOf(request), request.params.id);
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/emissions/exceedances',
    {
      config: { access: 'emissions.read' },
      schema: {
        tags,
        summary: '超标事件（未关闭的在前，最新在前）/ exceedance events',
        querystring: Type.Object({
          status: Type.Optional(OneOf(['open', 'closed', 'all'] as const, { description: 'open 未关闭、closed 已关闭、all 全部（默认）' })),
          enterpriseId: Type.Optional(Type.Integer({ minimum: 1 })),
          outletId: Type.Optional(Type.Integer({ minimum: 1 })),
          from: Type.Optional(Type.String({ format: 'date', description: '与此日（含）及之后有交集的事件' })),
          to: Type.Optional(Type.String({ format: 'date', description: '与此日（含）及之前有交集的事件' })),
          ...PageQuery,
        }),
        response: { 200: Page(ExceedanceSchema) },
      },
    },
    async (request) => {
      const { status = 'all', enterpriseId, outletId, from, to, page, pageSize } = request.query;
      if (from && to && to < from) throw problems.badRequest('截止日不能早于起始日', [{ field: 'to', message: '不能早于起始日' }]);
      const scope = await organisationScope(db, requirePrincipal(request), 'emissions.read');
      const { items, total } = await listExceedances(
        db,
        { scope, status, enterpriseId, outletId, from: from ? new Date(cstMidnight(from)) : undefined, to: to ? new Date(cstMidnight(to) + DAY_MS) : undefined },
        { page, pageSize },
      );
      return { items: items.map(exceedanceJson), total, page, pageSize };
    },
  );

  app.post(
    '/api/emissions/exceedances/:id/acknowledge',
    {
      config: { access: 'emissions.act' },
      schema: {
        tags,
        summary: '确认超标事件（企业本身、所在县区或综合协调人员；可附说明；留痕）/ acknowledge',
        params: IdParams,
        body: Type.Optional(Type.Object({ note: Type.Optional(Nullable(Type.String({ maxLength: 2000, description: '说明，如原因及已采取的措施' }))) }, { additionalProperties: false })),
        response: { 200: ExceedanceSchema },
      },
    },
    async (request) => {
      const note = request.body?.note?.trim() || null;
      return exceedanceJson(await acknowledgeExceedance(db, actorOf(request), requirePrincipal(request), request.params.id, note));
    },
  );

  app.get(
    '/api/emissions/inbox',
    {
      config: { access: 'emissions.read' },
      schema: {
        tags,
        summary: '我的待确认超标事件：未关闭且未确认（企业用户为本企业，县区用户为本县区企业）/ my open, unacknowledged exceedances',
        response: { 200: Type.Object({ exceedances: Type.Array(ExceedanceSchema) }) },
      },
    },
    async (request) => ({ exceedances: (await exceedanceInbox(db, requirePrincipal(request))).map(exceedanceJson) }),
  );
};

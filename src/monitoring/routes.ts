import type { FastifyRequest } from 'fastify';
import { uploadedFile } from '../server/uploads.ts';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type, type Static } from 'typebox';
import type { Db } from '../db/connect.ts';
import { actorOf, requirePrincipal } from '../auth/access.ts';
import { problems } from '../server/problem.ts';
import { IdParams, Nullable, OneOf, Page, PageQuery } from '../server/schemas.ts';
import { loadParameters, type Medium } from './data/records.ts';
import { ImportRefused } from './data/refused.ts';
import { correctValue, importRecords } from './data/service.ts';
import { seriesOf } from './data/store.ts';
import { DEMO_NOTE } from './evaluation-routes.ts';
import { dataRecords, pushLocator } from './data/table.ts';
import { isXlsx, readTable } from './data/table-file.ts';
import { importAirCsv } from './data/bulk.ts';
import { cstIso, cstMidnight } from './data/time.ts';
import { createSite, importSites, updateSite } from './registry/service.ts';
import { KIND_LABELS, KIND_PATHS, LEVELS, SITE_KINDS, SITE_STATUSES, WATER_BODIES, type SiteInput, type SiteKind } from './registry/site.ts';
import { findSite, listSites } from './registry/store.ts';
import { SITE_FIELD_LABELS, siteRows } from './registry/table.ts';

/** The largest file an import accepts: a year of hourly rows for dozens of stations fits. */
export const MONITORING_IMPORT_MAX_BYTES = 20 * 1024 * 1024;
const MB = MONITORING_IMPORT_MAX_BYTES / 1024 / 1024;
/** Records per push: an hour of hundreds of stations, or a day of a few. */
const PUSH_MAX_RECORDS = 20_000;
/** The longest period one series query answers. */
const SERIES_MAX_DAYS = 366;

const TIME_CONVENTION = '中国标准时间（UTC+8）；小时值与自动站 4 小时值以时段结束时刻标记（01:00 为 00:00–01:00），手工样品以采样时间标记';

const SourceSchema = Type.Object({
  doc: Type.String({ minLength: 1, maxLength: 20, description: '文件编号（见 /api/documents）' }),
  clause: Type.String({ minLength: 1, maxLength: 100, description: '条款' }),
  text: Type.Optional(Nullable(Type.String({ maxLength: 2000, description: '原文' }))),
});

const SiteSchema = Type.Object({
  id: Type.Integer(),
  kind: OneOf(SITE_KINDS),
  code: Type.String(),
  name: Type.String(),
  level: Type.String({ description: '级别：national/provincial/municipal/micro（国控/省控/市控/微站）或 city/county/township（市级/县级/乡镇级）' }),
  districtId: Type.Integer(),
  districtName: Type.String(),
  lon: Type.Number({ description: '经度（CGCS2000，EPSG:4490）' }),
  lat: Type.Number({ description: '纬度（CGCS2000，EPSG:4490）' }),
  coordinatesApproximate: Type.Boolean({ description: '坐标为近似位置，待实测' }),
  status: OneOf(SITE_STATUSES),
  river: Nullable(Type.String()),
  targetClass: Nullable(Type.Integer({ description: '目标水质类别 1–5（Ⅰ–Ⅴ）' })),
  waterBody: Nullable(OneOf(WATER_BODIES)),
  thousandTon: Type.Boolean({ description: '乡镇级「千吨万人」水源' }),
  automatic: Type.Boolean({ description: '建有水质自动监测站' }),
  source: Nullable(Type.Object({ doc: Type.String(), clause: Type.String(), text: Type.Optional(Nullable(Type.String())) })),
  note: Nullable(Type.String()),
  updatedAt: Type.String({ format: 'date-time' }),
});

const siteFields = {
  code: Type.String({ minLength: 1, maxLength: 40, pattern: '^[A-Za-z0-9][A-Za-z0-9-]{0,39}$' }),
  name: Type.String({ minLength: 1, maxLength: 100 }),
  level: Type.String({ minLength: 1, maxLength: 20 }),
  districtId: Type.Integer({ minimum: 1, description: '县区（或全市）的组织 id' }),
  lon: Type.Number({ minimum: 73, maximum: 136 }),
  lat: Type.Number({ minimum: 3, maximum: 54 }),
  coordinatesApproximate: Type.Optional(Type.Boolean()),
  status: Type.Optional(OneOf(SITE_STATUSES)),
  river: Type.Optional(Nullable(Type.String({ maxLength: 100 }))),
  targetClass: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 5 }))),
  waterBody: Type.Optional(Nullable(OneOf(WATER_BODIES))),
  thousandTon: Type.Optional(Type.Boolean()),
  automatic: Type.Optional(Type.Boolean()),
  source: Type.Optional(Nullable(SourceSchema)),
  note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
};
const SiteCreate = Type.Object(siteFields, { additionalProperties: false });
const SitePatch = Type.Partial(Type.Object(siteFields), { additionalProperties: false, minProperties: 1 });

const ImportResultSchema = Type.Object({
  records: Type.Integer({ description: '行数或记录数' }),
  values: Type.Integer({ description: '监测值个数' }),
  written: Type.Integer({ description: '新增或更新的值' }),
  kept: Type.Integer({ description: '未覆盖的值：已人工更正，或已审核而本次为原始数据' }),
  partitions: Type.Array(Type.String(), { description: '本次新建的月分区' }),
});

const StoredValueSchema = Type.Object({ value: Nullable(Type.String()), valid: Type.Boolean(), invalidReason: Nullable(Type.String()) });

const RecordSchema = Type.Object(
  {
    site: Type.String({ minLength: 1, maxLength: 40, description: '点位编码' }),
    at: Type.String({ minLength: 1, maxLength: 40, description: `时间：${TIME_CONVENTION}；ISO 8601 不带时区时按中国标准时间` }),
    mode: Type.Optional(OneOf(['manual', 'automatic'] as const, { description: '水质：manual 手工（默认）或 automatic 自动站' })),
    review: Type.Optional(OneOf(['raw', 'audited'] as const, { description: 'raw 原始（默认）或 audited 已审核' })),
    values: Type.Record(Type.String({ maxLength: 30 }), Nullable(Type.Union([Type.Number(), Type.String({ maxLength: 40 })])), {
      description: '按项目编码的数值（见 /api/monitoring/parameters），以标准单位；可写为十进制字符串以保留原样',
    }),
    invalid: Type.Optional(Type.Record(Type.String({ maxLength: 30 }), Type.String({ maxLength: 200 }), { description: '无效的项目及原因' })),
  },
  { additionalProperties: false },
);

const SeriesQuery = Type.Object({
  from: Type.String({ format: 'date', description: '起日（含）' }),
  to: Type.String({ format: 'date', description: '止日（含）' }),
  parameter: Type.Optional(Type.Array(Type.String({ maxLength: 30 }), { maxItems: 40, description: '只取这些项目' })),
  mode: Type.Optional(OneOf(['manual', 'automatic'] as const, { description: '水质：只取手工或自动监测' })),
});

const CorrectionBody = Type.Object(
  {
    at: Type.String({ minLength: 1, maxLength: 40, description: `时间：${TIME_CONVENTION}` }),
    parameter: Type.String({ minLength: 1, maxLength: 30 }),
    mode: Type.Optional(OneOf(['manual', 'automatic'] as const)),
    value: Nullable(Type.Union([Type.Number(), Type.String({ maxLength: 40 })])),
    valid: Type.Boolean(),
    invalidReason: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    reason: Type.String({ minLength: 1, maxLength: 500, description: '更正原因' }),
  },
  { additionalProperties: false },
);

const MEDIUM_OF: Record<SiteKind, Medium> = { air: 'air', section: 'water', source: 'water' };

/** The uploaded file of a multipart request (field "file"), refused when missing or too large. */
async function uploadedTable(request: FastifyRequest) {
  return tableOf(await uploadedFile(request, MONITORING_IMPORT_MAX_BYTES));
}

async function tableOf(bytes: Buffer) {
  const table = await readTable(bytes);
  if ('refused' in table) throw problems.badRequest(table.refused, [{ field: 'file', message: table.refused }]);
  return table;
}

function siteInput(body: Partial<Static<typeof SiteCreate>>): Partial<SiteInput> {
  const { districtId, ...rest } = body;
  return { ...rest, ...(districtId !== undefined ? { district: districtId } : {}) };
}

/** 环境监测: the registry of sites, the data they report, imports, pushes, series and corrections. */
export const monitoringRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/api/monitoring/parameters',
    {
      config: { access: 'monitoring.read' },
      schema: {
        tags: ['monitoring'],
        summary: '监测项目及其标准单位 / parameters and their units',
        response: {
          200: Type.Array(
            Type.Object({ code: Type.String(), medium: OneOf(['air', 'water'] as const), name: Type.String(), unit: Type.String(), optional: Type.Boolean(), signed: Type.Boolean() }),
          ),
        },
      },
    },
    async () => loadParameters(db),
  );

  for (const kind of SITE_KINDS) {
    const base = `/api/monitoring/${KIND_PATHS[kind]}`;
    const label = KIND_LABELS[kind];
    const medium = MEDIUM_OF[kind];
    const tags = ['monitoring'];
    const levels = Object.entries(LEVELS[kind]).map(([k, v]) => `${k}（${v}）`).join('、');

    app.get(
      base,
      {
        config: { access: 'monitoring.read' },
        schema: {
          tags,
          summary: `${label}列表 / list`,
          querystring: Type.Object({
            q: Type.Optional(Type.String({ maxLength: 100, description: '名称、编码或河流' })),
            districtId: Type.Optional(Type.Integer({ minimum: 1 })),
            level: Type.Optional(Type.String({ maxLength: 20, description: levels })),
            status: Type.Optional(OneOf(SITE_STATUSES)),
            ...PageQuery,
          }),
          response: { 200: Page(SiteSchema) },
        },
      },
      async (request) => {
        const { items, total } = await listSites(db, kind, request.query);
        return { items, total, page: request.query.page, pageSize: request.query.pageSize };
      },
    );

    app.get(
      `${base}/:id`,
      { config: { access: 'monitoring.read' }, schema: { tags, summary: `${label} / one`, params: IdParams, response: { 200: SiteSchema } } },
      async (request) => {
        const site = await findSite(db, kind, request.params.id);
        if (!site) throw problems.notFound(label);
        return site;
      },
    );

    app.post(
      base,
      {
        config: { access: 'monitoring.manage' },
        schema: { tags, summary: `新增${label}（级别：${levels}）/ create`, body: SiteCreate, response: { 201: SiteSchema } },
      },
      async (request, reply) => {
        const site = await createSite(db, actorOf(request), kind, siteInput(request.body) as SiteInput);
        return reply.code(201).send(site);
      },
    );

    app.patch(
      `${base}/:id`,
      { config: { access: 'monitoring.manage' }, schema: { tags, summary: `修改${label} / update`, params: IdParams, body: SitePatch, response: { 200: SiteSchema } } },
      async (request) => updateSite(db, actorOf(request), kind, request.params.id, siteInput(request.body)),
    );

    app.post(
      `${base}/import`,
      {
        config: { access: 'monitoring.manage' },
        schema: {
          tags,
          summary: `导入${label}（multipart，字段 file：CSV 或 XLSX，不超过 ${MB} MB；列：${Object.values(SITE_FIELD_LABELS).join('、')}；按编码新增或更新，逐行校验，有误则全部不导入）/ import`,
          consumes: ['multipart/form-data'],
          response: { 200: Type.Object({ created: Type.Integer(), updated: Type.Integer() }) },
        },
      },
      async (request) => {
        requirePrincipal(request);
        const table = await uploadedTable(request);
        const { rows, problems: header } = siteRows(kind, table);
        if (header.length > 0) throw new ImportRefused('点位表', header);
        return importSites(db, actorOf(request), kind, rows, { labels: SITE_FIELD_LABELS });
      },
    );

    app.get(
      `${base}/:id/series`,
      {
        config: { access: 'monitoring.read' },
        schema: {
          tags,
          summary: `${label}一段时间的监测值（${TIME_CONVENTION}；最长 ${SERIES_MAX_DAYS} 天）/ series`,
          params: IdParams,
          querystring: SeriesQuery,
          response: {
            200: Type.Object({
              site: Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String() }),
              from: Type.String(),
              to: Type.String(),
              timeConvention: Type.String(),
              demo: Type.Boolean({ description: '含示例数据' }),
              demoNote: Nullable(Type.String()),
              items: Type.Array(
                Type.Object({
                  at: Type.String({ description: 'ISO 8601，+08:00' }),
                  mode: Nullable(Type.String()),
                  parameter: Type.String(),
                  value: Nullable(Type.String({ description: '十进制数，按上报原样' })),
                  valid: Type.Boolean(),
                  invalidReason: Nullable(Type.String()),
                  review: OneOf(['raw', 'audited'] as const),
                  corrected: Type.Boolean(),
                  originalValue: Nullable(Type.String({ description: '人工更正前的原始值' })),
                  demo: Type.Boolean({ description: '示例数据' }),
                }),
              ),
            }),
          },
        },
      },
      async (request) => {
        const site = await findSite(db, kind, request.params.id);
        if (!site) throw problems.notFound(label);
        const { from, to, parameter, mode } = request.query;
        if (from > to) throw problems.badRequest('起日不能晚于止日', [{ field: 'from', message: '不能晚于 to' }]);
        const start = cstMidnight(from);
        const end = cstMidnight(to) + 86_400_000;
        if (end - start > SERIES_MAX_DAYS * 86_400_000) throw problems.badRequest(`一次最多查询 ${SERIES_MAX_DAYS} 天`, [{ field: 'to', message: `最多 ${SERIES_MAX_DAYS} 天` }]);
        // End-stamped periods (hours, automatic 4-hour windows) belong to the day they end in unless they end at its midnight.
        const endStamped = medium === 'air' || mode === 'automatic';
        const values = await seriesOf(db, medium, site.id, { from: start, to: end, inclusiveEnd: endStamped }, parameter);
        const items = values
          .filter((v) => !mode || v.mode === mode)
          .map((v) => ({ ...v, at: cstIso(v.at) }));
        const demo = items.some((v) => v.demo);
        return { site: { id: site.id, code: site.code, name: site.name }, from, to, timeConvention: TIME_CONVENTION, demo, demoNote: demo ? DEMO_NOTE : null, items };
      },
    );

    app.post(
      `${base}/:id/corrections`,
      {
        config: { access: 'monitoring.manage' },
        schema: {
          tags,
          summary: `人工更正${label}的一个监测值（保留原值，记录更正人和原因，写入审计）/ correct one value`,
          params: IdParams,
          body: CorrectionBody,
          response: { 200: Type.Object({ at: Type.String(), parameter: Type.String(), before: StoredValueSchema, after: StoredValueSchema }) },
        },
      },
      async (request) => {
        const site = await findSite(db, kind, request.params.id);
        if (!site) throw problems.notFound(label);
        const result = await correctValue(db, actorOf(request), medium, site.id, {
          ...request.body,
          invalidReason: request.body.invalidReason ?? null,
        });
        return { at: result.at, parameter: request.body.parameter, before: result.before, after: result.after };
      },
    );
  }

  for (const medium of ['air', 'water'] as const) {
    const what = medium === 'air' ? '空气小时数据' : '水质监测数据';
    app.post(
      `/api/monitoring/${medium}/import`,
      {
        config: { access: 'monitoring.manage' },
        schema: {
          tags: ['monitoring'],
          summary: `导入${what}（multipart，字段 file：CSV 或 XLSX，不超过 ${MB} MB；列：${medium === 'air' ? '站点编码、时间' : '点位编码、采样时间、方式（手工/自动）'}、审核状态（可选），每个项目一列，另可加「项目+标记」列写无效原因；${TIME_CONVENTION}；逐行校验，有误则全部不导入；重复导入按点位、时间、项目更新）/ import`,
          consumes: ['multipart/form-data'],
          response: { 200: ImportResultSchema },
        },
      },
      async (request) => {
        requirePrincipal(request);
        const bytes = await uploadedFile(request, MONITORING_IMPORT_MAX_BYTES);
        // Air CSV streams through COPY (a year of a hundred stations stays small in memory); XLSX and
        // water go through the table reader. Both give the same rows, result and audit entry.
        if (medium === 'air' && !isXlsx(bytes)) return importAirCsv(db, actorOf(request), bytes);
        const table = await tableOf(bytes);
        const parsed = dataRecords(medium, table, await loadParameters(db, medium));
        if (parsed.problems.some((p) => p.field === '表头')) throw new ImportRefused('数据', parsed.problems);
        return importRecords(db, actorOf(request), medium, parsed.records, parsed.at, 'file', parsed.problems);
      },
    );

    app.post(
      `/api/monitoring/${medium}/push`,
      {
        config: { access: 'monitoring.manage' },
        bodyLimit: 16 * 1024 * 1024,
        schema: {
          tags: ['monitoring'],
          summary: `推送${what}（JSON，最多 ${PUSH_MAX_RECORDS} 条；规则同导入：有误则全部不写入，重复推送按点位、时间、项目更新）/ push a batch`,
          body: Type.Object({ records: Type.Array(RecordSchema, { minItems: 1, maxItems: PUSH_MAX_RECORDS }) }, { additionalProperties: false }),
          response: { 200: ImportResultSchema },
        },
      },
      async (request) => importRecords(db, actorOf(request), medium, request.body.records, pushLocator, 'push'),
    );
  }
};

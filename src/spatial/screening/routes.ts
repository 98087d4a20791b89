/**
 * 项目准入筛查 API: project categories, the screening rules (read by all, replaced as a new version by
 * the coordinator), screenings made and listed within the caller's organisation, and one screening by
 * its shareable token.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Db } from '../../db/connect.ts';
import { actorOf, organisationScope, requirePrincipal } from '../../auth/access.ts';
import { problems } from '../../server/problem.ts';
import { Nullable, OneOf, Page, PageQuery } from '../../server/schemas.ts';
import { RULE_VERDICT_WORDS, VERDICT_WORDS } from './rules.ts';
import type { Geometry } from './site.ts';
import { createScreening, currentRules, listCategories, listScreenings, replaceRules, ruleSetVersions, screeningByToken } from './service.ts';

const tags = ['spatial'];

const codesOf = <K extends string>(words: Record<K, string>) => Object.keys(words) as K[];
/** "prohibited 禁止、restricted 限制、…": the codes with their words, for the API documentation. */
const wordsText = (words: Record<string, string>) => Object.entries(words).map(([code, word]) => `${code} ${word}`).join('、');

const RULE_VERDICTS = codesOf(RULE_VERDICT_WORDS);
const VERDICTS = codesOf(VERDICT_WORDS);
const RULE_VERDICT_TEXT = wordsText(RULE_VERDICT_WORDS);
const VERDICT_TEXT = wordsText(VERDICT_WORDS);

const CategorySchema = Type.Object({ code: Type.String(), name: Type.String(), nameEn: Type.String() });
const UserRef = Nullable(Type.Object({ id: Type.Integer(), name: Type.String() }));
const RuleSetSchema = Type.Object({ id: Type.Integer(), version: Type.Integer(), note: Nullable(Type.String()), createdAt: Type.String(), createdBy: UserRef });
const RuleSetRef = Nullable(Type.Object({ id: Type.Integer(), version: Type.Integer() }));
const FeatureFilter = Nullable(Type.Record(Type.String(), Type.String(), { description: '要素属性须等于的值，如 {"basin":"嘉陵江"}' }));

const RuleSchema = Type.Object({
  id: Type.Integer(),
  layer: Type.String(),
  layerName: Type.String(),
  zone: Nullable(Type.String()),
  zoneName: Nullable(Type.String()),
  category: Nullable(Type.String()),
  categoryName: Nullable(Type.String()),
  featureFilter: FeatureFilter,
  withinM: Nullable(Type.Number()),
  verdict: OneOf(RULE_VERDICTS, { description: RULE_VERDICT_TEXT }),
  basis: Type.String(),
  doc: Nullable(Type.String()),
  docTitle: Nullable(Type.String()),
  clause: Nullable(Type.String()),
});

const RuleInputSchema = Type.Object(
  {
    layer: Type.String({ minLength: 1, maxLength: 40, description: '图层代码' }),
    zone: Nullable(Type.String({ maxLength: 40, description: '分区代码；null 为全部分区' })),
    category: Nullable(Type.String({ maxLength: 40, description: '项目类别代码；null 为全部类别' })),
    featureFilter: Type.Optional(FeatureFilter),
    withinM: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 100_000, description: 'null：与要素重叠时适用；数值：进入该距离（米）即适用' }))),
    verdict: OneOf(RULE_VERDICTS, { description: RULE_VERDICT_TEXT }),
    basis: Type.String({ minLength: 1, maxLength: 2000, description: '依据原文' }),
    doc: Type.Optional(Nullable(Type.String({ maxLength: 20, description: '本市文件编号，如 004；仅依据法律法规时为 null' }))),
    clause: Type.Optional(Nullable(Type.String({ maxLength: 200, description: '条款，如 (二十) 或 第六十五条' }))),
  },
  { additionalProperties: false },
);

const FeatureRef = { featureId: Type.Integer(), name: Nullable(Type.String()) };
const ZoneRef = { zone: Nullable(Type.String()), zoneName: Nullable(Type.String()) };
const FeatureHit = { ...FeatureRef, ...ZoneRef, overlapM2: Type.Number(), shareOfSite: Type.Number() };

const LayerRef = { layer: Type.String(), layerName: Type.String() };
const ReasonSchema = Type.Union(
  [
    Type.Object({ code: Type.Literal('prohibited'), count: Type.Integer() }),
    Type.Object({ code: Type.Literal('also_conditions'), count: Type.Integer() }),
    Type.Object({ code: Type.Literal('conditional'), studies: Type.Integer(), restrictions: Type.Integer() }),
    Type.Object({ code: Type.Literal('insufficient_data') }),
    Type.Object({ code: Type.Literal('admissible') }),
    Type.Object({ code: Type.Literal('missing_layers'), layers: Type.Array(Type.Object(LayerRef)) }),
    Type.Object({ code: Type.Literal('unknown_zone'), ...LayerRef, ...FeatureRef }),
    Type.Object({ code: Type.Literal('rule'), ruleId: Type.Integer({ description: 'rules 中的规则' }) }),
  ],
  { description: '一条结论理由：code 与其数据' },
);

const ScreeningSchema = Type.Object({
  id: Type.Integer(),
  token: Type.String({ description: '分享链接的密钥' }),
  projectName: Type.String(),
  category: CategorySchema,
  attributes: Type.Record(Type.String(), Type.Unknown()),
  input: Type.Record(Type.String(), Type.Unknown(), { description: '选址的原始输入' }),
  site: Type.Unsafe<Geometry>(Type.Record(Type.String(), Type.Unknown(), { description: '选址几何（GeoJSON，EPSG:4490）' })),
  siteAreaM2: Type.Number({ description: '选址面积（椭球面，m²）' }),
  verdict: OneOf(VERDICTS, { description: VERDICT_TEXT }),
  reasons: Type.Array(Type.String(), { description: '结论理由（中文）' }),
  reasonDetails: Nullable(Type.Array(ReasonSchema, { description: '结构化理由，与 reasons 一一对应；早先保存、未存结构化理由的筛查为 null' })),
  warnings: Type.Array(Type.String(), { description: '输入的提示，如界址点 X/Y 已交换' }),
  layers: Type.Array(
    Type.Object({
      layer: Type.String(),
      layerName: Type.String(),
      versionId: Nullable(Type.Integer()),
      version: Nullable(Type.Integer()),
      demo: Type.Boolean(),
      hits: Type.Array(Type.Object(FeatureHit)),
    }),
  ),
  distances: Type.Array(
    Type.Object({
      kind: OneOf(['layer', 'air_station', 'water_section'] as const),
      layer: Nullable(Type.String()),
      layerName: Type.String(),
      ...FeatureRef,
      ...ZoneRef,
      distanceM: Type.Number(),
    }),
  ),
  controlUnits: Type.Array(
    Type.Object({
      ...FeatureHit,
      admissionList: Type.Object({
        spatialLayout: Nullable(Type.String({ description: '空间布局约束' })),
        emissionControl: Nullable(Type.String({ description: '污染物排放管控' })),
        riskPrevention: Nullable(Type.String({ description: '环境风险防控' })),
        resourceEfficiency: Nullable(Type.String({ description: '资源利用效率' })),
      }),
    }),
  ),
  rules: Type.Array(
    Type.Object({
      ruleId: Type.Integer(),
      layer: Type.String(),
      layerName: Type.String(),
      ...ZoneRef,
      category: Nullable(Type.String()),
      verdict: OneOf(RULE_VERDICTS, { description: RULE_VERDICT_TEXT }),
      withinM: Nullable(Type.Number()),
      basis: Type.String(),
      doc: Nullable(Type.String()),
      docTitle: Nullable(Type.String()),
      clause: Nullable(Type.String()),
      features: Type.Array(Type.Object({ ...FeatureRef, overlapM2: Nullable(Type.Number()), distanceM: Nullable(Type.Number()) })),
    }),
  ),
  ruleSet: RuleSetRef,
  demo: Type.Boolean({ description: '用到示例数据图层' }),
  createdAt: Type.String(),
  createdBy: UserRef,
});

const ScreeningSummarySchema = Type.Object({
  id: Type.Integer(),
  token: Type.String(),
  projectName: Type.String(),
  category: CategorySchema,
  verdict: OneOf(VERDICTS, { description: VERDICT_TEXT }),
  siteAreaM2: Type.Number(),
  ruleSet: RuleSetRef,
  demo: Type.Boolean(),
  organisationId: Nullable(Type.Integer()),
  createdAt: Type.String(),
  createdBy: UserRef,
});

const SiteSchema = Type.Object(
  {
    kind: OneOf(['point', 'line', 'polygon', 'geometry', 'boundary_points'] as const, {
      description: 'point 点+半径（lon, lat, radiusM）；line 线+宽度（coordinates, widthM）；polygon 多边形（coordinates）；geometry 上传的 GeoJSON 多边形（geometry, srid?）；boundary_points 界址点坐标（text, srid?）',
    }),
  },
  // The fields of each kind are checked by site.ts, whose messages name the problem in words.
  { additionalProperties: true },
);

export const screeningRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/api/spatial/categories',
    { config: { access: 'spatial.read' }, schema: { tags, summary: '项目类别 / project categories', response: { 200: Type.Object({ items: Type.Array(CategorySchema) }) } } },
    async () => ({ items: await listCategories(db) }),
  );

  app.get(
    '/api/spatial/rules',
    {
      config: { access: 'spatial.read' },
      schema: { tags, summary: '现行筛查规则 / current screening rules', response: { 200: Type.Object({ ruleSet: Nullable(RuleSetSchema), items: Type.Array(RuleSchema) }) } },
    },
    async () => currentRules(db),
  );

  app.put(
    '/api/spatial/rules',
    {
      config: { access: 'spatial.manage' },
      schema: {
        tags,
        summary: '保存筛查规则为新版本（旧筛查仍指向原版本）/ save the rules as a new rule set version',
        body: Type.Object({ note: Nullable(Type.String({ maxLength: 500 })), rules: Type.Array(RuleInputSchema, { maxItems: 2000 }) }, { additionalProperties: false }),
        response: { 200: Type.Object({ ruleSet: Nullable(RuleSetSchema), items: Type.Array(RuleSchema) }) },
      },
    },
    async (request) => replaceRules(db, actorOf(request), { note: request.body.note, rules: request.body.rules }),
  );

  app.get(
    '/api/spatial/rules/versions',
    {
      config: { access: 'spatial.read' },
      schema: { tags, summary: '筛查规则的各版本 / rule set versions', response: { 200: Type.Object({ items: Type.Array(Type.Object({ ...RuleSetSchema.properties, ruleCount: Type.Integer() })) }) } },
    },
    async () => ({ items: await ruleSetVersions(db) }),
  );

  app.post(
    '/api/spatial/screenings',
    {
      config: { access: 'spatial.screen' },
      schema: {
        tags,
        summary: '项目选址准入筛查（保存并生成分享链接）/ screen a project site',
        body: Type.Object(
          {
            projectName: Type.String({ minLength: 1, maxLength: 200 }),
            category: Type.String({ minLength: 1, maxLength: 40, description: '项目类别代码' }),
            attributes: Type.Optional(Type.Record(Type.String(), Type.Union([Type.String({ maxLength: 500 }), Type.Number()]))),
            site: SiteSchema,
          },
          { additionalProperties: false },
        ),
        response: { 201: ScreeningSchema },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const screening = await createScreening(db, actorOf(request), principal.user.organisationId, request.body);
      return reply.code(201).send(screening);
    },
  );

  app.get(
    '/api/spatial/screenings',
    {
      config: { access: 'spatial.screen' },
      schema: { tags, summary: '筛查记录（本单位及下属单位）/ screenings', querystring: Type.Object({ ...PageQuery }), response: { 200: Page(ScreeningSummarySchema) } },
    },
    async (request) => {
      const { page, pageSize } = request.query;
      const scope = await organisationScope(db, requirePrincipal(request), 'spatial.screen');
      const { items, total } = await listScreenings(db, scope, { page, pageSize });
      return { items, total, page, pageSize };
    },
  );

  app.get(
    '/api/spatial/screenings/:token',
    {
      config: { access: 'spatial.read' },
      schema: {
        tags,
        summary: '一次筛查（分享链接）/ one screening by its shareable token',
        params: Type.Object({ token: Type.String({ pattern: '^[A-Za-z0-9_-]{16,64}$' }) }),
        response: { 200: ScreeningSchema },
      },
    },
    async (request) => {
      const screening = await screeningByToken(db, request.params.token);
      if (!screening) throw problems.notFound('筛查记录');
      return screening;
    },
  );
};

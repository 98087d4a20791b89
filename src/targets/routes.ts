import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import { actorOf, requirePrincipal } from '../auth/access.ts';
import { problems } from '../server/problem.ts';
import { IdParams, Nullable, OneOf, Page, PageQuery } from '../server/schemas.ts';
import { EVIDENCE_MAX_BYTES } from '../tasks/evidence.ts';
import { cityToday } from '../tasks/service.ts';
import type { AssessmentStatus } from './assess.ts';
import { compareClauses } from './clause-order.ts';
import { assessIndicators, loadIndicators, type AssessedTarget } from './service.ts';
import { bindingStatus } from './bindings.ts';
import { indicatorValues } from './series.ts';
import { externalFigures } from './store.ts';
import { VALUE_ACTIONS, VALUE_STATES } from './value-workflow.ts';
import { addValueEvidence, editValue, enterValue, indicatorStanding, setExternalFigure, transitionValue } from './values.ts';

const STATUSES = ['met', 'on_track', 'at_risk', 'not_met', 'no_data'] as const;
const StatusSchema = OneOf(STATUSES);
const PeriodSchema = Type.String({ pattern: '^(year|Q[1-4]|M(0[1-9]|1[0-2]))$', description: 'year、Q1–Q4 或 M01–M12' });
const QualitativeSchema = OneOf(['not_started', 'in_progress', 'done'] as const);
const YearSchema = Type.Integer({ minimum: 1990, maximum: 2100 });

const UnitSchema = Type.Object({ role: Type.String(), organisationId: Type.Integer(), name: Type.String(), writtenAs: Type.String() });

const TargetSchema = Type.Object({
  id: Type.Integer(),
  indicatorId: Type.Integer(),
  doc: Type.String(),
  clause: Type.String(),
  group: Nullable(Type.String()),
  domain: Nullable(Type.String({ description: '领域（000 附件2）' })),
  row: Nullable(Type.Integer()),
  sub: Nullable(Type.Integer()),
  rowName: Nullable(Type.String()),
  nameAsWritten: Type.String(),
  targetAsWritten: Type.String(),
  year: Type.Integer(),
  deadlineText: Nullable(Type.String()),
  target: Type.Unknown({ description: '目标（见 src/targets/model.ts Target）' }),
  attribute: Nullable(Type.String({ description: 'binding（约束性）、expected（预期性）、reference（参考性）；null 为文件未标注' })),
  note: Nullable(Type.String({ description: '解读说明（中文）' })),
  noteEn: Nullable(Type.String({ description: '解读说明（英文）' })),
  units: Type.Array(UnitSchema),
});

const AssessmentSchema = Type.Object({
  status: StatusSchema,
  reasons: Type.Array(Type.Unknown()),
  reasonsText: Type.Array(Type.String()),
  projected: Type.Optional(Type.Unknown()),
  gap: Type.Optional(Type.Unknown()),
  requirement: Type.Optional(Type.Unknown({ description: '目标的可比形式（见 src/targets/assess.ts Requirement），有数据可比时给出' })),
});

const OriginSchema = OneOf(['entered', 'computed', 'derived'] as const, { description: 'entered（填报并审核）、computed（其他模块自动计算）、derived（公式计算）' });

const LatestSchema = Nullable(
  Type.Object({ year: Type.Integer(), period: Type.String(), value: Nullable(Type.Number()), status: Nullable(Type.String()), source: Type.String(), origin: OriginSchema }),
);

const SourceSchema = Type.Object(
  {
    origin: OriginSchema,
    binding: Nullable(Type.Unknown({ description: '数据绑定（见 src/targets/model.ts Binding），带 status：active 已接入、pending 待接入（暂用填报值）' })),
    formula: Nullable(
      Type.Object({ expression: Type.String(), operands: Type.Array(Type.Object({ key: Type.String(), name: Type.String(), unit: Nullable(Type.String()) })) }),
    ),
    computed: Type.Array(
      Type.Object({
        year: Type.Integer(),
        period: Type.String(),
        value: Nullable(Type.Number()),
        tasks: Type.Optional(Type.Object({ items: Type.Integer(), counted: Type.Integer(), on: Type.String({ format: 'date' }) })),
        operands: Type.Optional(Type.Array(Type.Object({ key: Type.String(), value: Nullable(Type.Number()) }))),
        monitoring: Type.Optional(
          Type.Object(
            {
              standard: Type.String({ description: '计算所依标准：HJ633-2012、HJ633-2026、GB3838-2002' }),
              straddlesChange: Type.Boolean({ description: '该年跨越 2026-03-01 空气标准切换' }),
              partial: Type.Boolean({ description: '年度未结束：截至目前的值' }),
              demo: Type.Boolean({ description: '含示例数据' }),
              days: Type.Optional(Type.Integer({ description: '计入的有效天数' })),
              meetsValidity: Type.Optional(Type.Boolean({ description: 'PM2.5 年均值满足 HJ 663 有效性（324 天）' })),
              sites: Type.Optional(Type.Integer({ description: '水：有水质类别的断面或水源数' })),
              counted: Type.Optional(Type.Integer({ description: '水：其中优良（达到或优于Ⅲ类）的个数' })),
            },
            { description: '环境监测自动计算的依据' },
          ),
        ),
        districts: Type.Optional(Type.Array(Type.Object({ scopeId: Type.Integer(), value: Nullable(Type.Number()) }), { description: '各县区的自动计算值' })),
        missing: Type.Optional(OneOf(['no_items', 'operands', 'division_by_zero', 'no_data'] as const)),
      }),
      { description: '全市的自动计算值或公式计算值（含运算项数值）' },
    ),
  },
  { description: '数值来源' },
);

const AssessedSchema = Type.Object({
  target: TargetSchema,
  indicator: Type.Object({ key: Type.String(), name: Type.String(), unit: Nullable(Type.String()) }),
  assessment: AssessmentSchema,
  districts: Type.Array(
    Type.Object({ organisationId: Type.Integer(), name: Type.String(), status: StatusSchema, reasons: Type.Array(Type.Unknown()), reasonsText: Type.Array(Type.String()) }),
  ),
  latest: LatestSchema,
});

const BaselineSchema = Type.Object({
  year: Type.Integer(),
  value: Nullable(Type.Number()),
  asWritten: Type.String(),
  doc: Nullable(Type.String()),
  clause: Type.String(),
  note: Nullable(Type.String()),
  noteEn: Nullable(Type.String()),
});

const ValueSchema = Type.Object({
  id: Type.Integer(),
  scopeId: Type.Integer(),
  scopeName: Type.String(),
  scopeKind: Type.String({ description: 'city（全市）或 district（县区）' }),
  year: Type.Integer(),
  period: Type.String(),
  value: Nullable(Type.Number()),
  status: Nullable(Type.String()),
  source: Type.String(),
  note: Nullable(Type.String()),
  state: OneOf(VALUE_STATES),
  enteredBy: Nullable(Type.String()),
  enteredById: Nullable(Type.Integer()),
  enteredAt: Type.String({ format: 'date-time' }),
  reviewReason: Nullable(Type.String()),
  evidence: Type.Array(Type.Object({ id: Type.Integer(), fileName: Type.String(), size: Type.Integer(), sha256: Type.String() })),
  events: Type.Array(
    Type.Object({
      action: Type.String(),
      from: Nullable(Type.String()),
      to: Type.String(),
      reason: Nullable(Type.String()),
      actor: Type.String({ description: '用户名' }),
      actorName: Nullable(Type.String({ description: '姓名' })),
      at: Type.String({ format: 'date-time' }),
    }),
  ),
});

const worst = (statuses: AssessmentStatus[]): AssessmentStatus | null => {
  for (const s of ['not_met', 'at_risk', 'no_data', 'on_track', 'met'] as const) if (statuses.includes(s)) return s;
  return null;
};

function shape(a: AssessedTarget, indicator: { key: string; name: string; unit: string | null }) {
  const { status, reasons, reasonsText, projected, gap, requirement } = a.city;
  return {
    target: a.target,
    indicator,
    assessment: { status, reasons, reasonsText, ...(projected ? { projected } : {}), ...(gap ? { gap } : {}), ...(requirement ? { requirement } : {}) },
    districts: a.districts,
    latest: a.latest,
  };
}

const AsOfQuery = {
  year: Type.Optional(Type.Integer({ minimum: 1990, maximum: 2100, description: '评估截至年份（默认今年）：只计该年及以前的数值' })),
};

/** The year assessed as of: the one asked for, not after this year (a future year has no values to judge). */
function asOfYearOf(year?: number): number {
  const thisYear = Number(cityToday().slice(0, 4));
  if (year !== undefined && year > thisYear) throw problems.badRequest(`评估截至年份不能晚于今年（${thisYear}年）`, [{ field: 'year', message: `不能晚于 ${thisYear}` }]);
  return year ?? thisYear;
}

export const targetRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/api/targets/scorecard',
    {
      config: { access: 'targets.read' },
      schema: {
        tags: ['targets'],
        summary: '目标考核表：某文件的全部目标，按文件分组，带评估 / scorecard of one document',
        querystring: Type.Object({ doc: Type.String({ maxLength: 20 }), ...AsOfQuery }),
        response: {
          200: Type.Object({
            doc: Type.String(),
            title: Type.String(),
            asOfYear: Type.Integer(),
            counts: Type.Record(Type.String(), Type.Integer()),
            groups: Type.Array(Type.Object({ name: Nullable(Type.String()), rows: Type.Array(AssessedSchema) })),
          }),
        },
      },
    },
    async (request) => {
      const { doc } = request.query;
      const document = await db.selectFrom('source_document').select(['id', 'title']).where('id', '=', doc).executeTakeFirst();
      if (!document) throw problems.notFound('文件');
      const asOfYear = asOfYearOf(request.query.year);
      const ids = (await db.selectFrom('indicator_target').select('indicator_id').distinct().where('doc', '=', doc).execute()).map((r) => r.indicator_id);
      const indicators = await loadIndicators(db, { ids });
      const assessed = await assessIndicators(db, indicators, asOfYear);
      const rows = indicators
        .flatMap((i) => i.targets.filter((t) => t.doc === doc).map((t) => shape(assessed.get(t.id)!, { key: i.key, name: i.name, unit: i.unit })))
        .sort((a, b) => compareClauses(a.target.clause, b.target.clause) || (a.target.sub ?? 0) - (b.target.sub ?? 0) || a.target.position - b.target.position);
      const groups: { name: string | null; rows: typeof rows }[] = [];
      for (const row of rows) {
        const last = groups.at(-1);
        if (last && last.name === row.target.group) last.rows.push(row);
        else groups.push({ name: row.target.group, rows: [row] });
      }
      const counts = Object.fromEntries(STATUSES.map((s) => [s, rows.filter((r) => r.assessment.status === s).length]));
      return { doc, title: document.title, asOfYear, counts, groups };
    },
  );

  app.get(
    '/api/indicators',
    {
      config: { access: 'targets.read' },
      schema: {
        tags: ['targets'],
        summary: '指标列表：按名称、文件、评估筛选 / indicators',
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 100 })),
          doc: Type.Optional(Type.String({ maxLength: 20 })),
          status: Type.Optional(StatusSchema),
          ...AsOfQuery,
          ...PageQuery,
        }),
        response: {
          200: Type.Object({
            ...Page(
              Type.Object({
                key: Type.String(),
                name: Type.String(),
                unit: Nullable(Type.String()),
                docs: Type.Array(Type.String()),
                targets: Type.Integer(),
                status: Nullable(StatusSchema),
                latest: LatestSchema,
                origin: OriginSchema,
                bindingStatus: Nullable(OneOf(['active', 'pending'] as const)),
              }),
            ).properties,
            asOfYear: Type.Integer(),
          }),
        },
      },
    },
    async (request) => {
      const { q, doc, status, page, pageSize } = request.query;
      const asOfYear = asOfYearOf(request.query.year);
      const indicators = await loadIndicators(db);
      const assessed = await assessIndicators(db, indicators, asOfYear);
      const rows = indicators
        .map((i) => {
          const mine = i.targets.map((t) => assessed.get(t.id)!);
          return {
            key: i.key,
            name: i.name,
            unit: i.unit,
            docs: [...new Set(i.targets.map((t) => t.doc))],
            targets: i.targets.length,
            status: worst(mine.map((a) => a.city.status)),
            latest: mine[0]?.latest ?? null,
            // An operand of a formula has no target: its values are entered.
            origin: mine[0]?.source.origin ?? ('entered' as const),
            bindingStatus: i.binding ? bindingStatus(i.binding) : null,
            aliases: i.aliases,
          };
        })
        .filter((r) => (!q || r.name.includes(q) || r.aliases.some((a) => a.includes(q)) || r.key.includes(q)) && (!doc || r.docs.includes(doc)) && (!status || r.status === status));
      return {
        items: rows.slice((page - 1) * pageSize, page * pageSize).map(({ aliases: _aliases, ...r }) => r),
        total: rows.length,
        page,
        pageSize,
        asOfYear,
      };
    },
  );

  app.get(
    '/api/indicators/:key',
    {
      config: { access: 'targets.read' },
      schema: {
        tags: ['targets'],
        summary: '指标：基准值、各文件目标及评估、各期数值（含县区）、来源 / one indicator',
        params: Type.Object({ key: Type.String({ maxLength: 80 }) }),
        querystring: Type.Object(AsOfQuery),
        response: {
          200: Type.Object({
            key: Type.String(),
            name: Type.String(),
            aliases: Type.Array(Type.String()),
            unit: Nullable(Type.String()),
            direction: Type.String(),
            note: Nullable(Type.String()),
            noteEn: Nullable(Type.String()),
            asOfYear: Type.Integer(),
            source: SourceSchema,
            baselines: Type.Array(BaselineSchema),
            targets: Type.Array(AssessedSchema),
            values: Type.Array(ValueSchema),
            figures: Type.Array(
              Type.Object({ targetId: Type.Integer(), year: Type.Integer(), value: Type.Number(), source: Type.String() }, { description: '上级下达的目标值（完成省考核目标等）' }),
            ),
            standing: Type.Object({
              enters: Type.Boolean(),
              reviews: Type.Boolean(),
              manages: Type.Boolean(),
              scopes: Type.Array(Type.Object({ id: Type.Integer(), name: Type.String() })),
            }),
          }),
        },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const asOfYear = asOfYearOf(request.query.year);
      const [indicator] = await loadIndicators(db, { keys: [request.params.key] });
      if (!indicator) throw problems.notFound('指标');
      const [assessed, standing, values, events, evidence, figures] = await Promise.all([
        assessIndicators(db, [indicator], asOfYear),
        indicatorStanding(db, principal, indicator.id),
        db
          .selectFrom('indicator_value as v')
          .innerJoin('organisation as o', 'o.id', 'v.scope_id')
          .leftJoin('app_user as u', 'u.id', 'v.entered_by')
          .select([
            'v.id',
            'v.scope_id',
            'o.name as scope_name',
            'o.kind as scope_kind',
            'v.year',
            'v.period',
            'v.value',
            'v.status',
            'v.source',
            'v.note',
            'v.state',
            'v.entered_by',
            'u.display_name',
            'v.entered_at',
            'v.review_reason',
          ])
          .where('v.indicator_id', '=', indicator.id)
          .orderBy('v.year', 'desc')
          .orderBy('v.period')
          .orderBy('o.id')
          .execute(),
        db
          .selectFrom('indicator_value_event as e')
          .innerJoin('indicator_value as v', 'v.id', 'e.value_id')
          .leftJoin('app_user as a', 'a.id', 'e.actor_id')
          .select(['e.value_id', 'e.action', 'e.from_state', 'e.to_state', 'e.reason', 'e.actor_name', 'a.display_name as actor_display_name', 'e.at'])
          .where('v.indicator_id', '=', indicator.id)
          .orderBy('e.id')
          .execute(),
        db
          .selectFrom('indicator_value_evidence as e')
          .innerJoin('indicator_value as v', 'v.id', 'e.value_id')
          .select(['e.id', 'e.value_id', 'e.file_name', 'e.size', 'e.sha256'])
          .where('v.indicator_id', '=', indicator.id)
          .orderBy('e.id')
          .execute(),
        externalFigures(
          db,
          indicator.targets.map((t) => t.id),
        ),
      ]);
      const scopeNames = standing.scopes.length
        ? await db.selectFrom('organisation').select(['id', 'name']).where('id', 'in', standing.scopes).orderBy('id').execute()
        : [];
      const meta = { key: indicator.key, name: indicator.name, unit: indicator.unit };
      return {
        key: indicator.key,
        name: indicator.name,
        aliases: indicator.aliases,
        unit: indicator.unit,
        direction: indicator.direction,
        note: indicator.note,
        noteEn: indicator.noteEn,
        asOfYear,
        source: indicator.targets[0] ? assessed.get(indicator.targets[0].id)!.source : (await indicatorValues(db, [indicator], asOfYear, cityToday())).get(indicator.id)!.source,
        baselines: indicator.baselines,
        targets: indicator.targets.map((t) => shape(assessed.get(t.id)!, meta)),
        values: values.map((v) => ({
          id: v.id,
          scopeId: v.scope_id,
          scopeName: v.scope_name,
          scopeKind: v.scope_kind,
          year: v.year,
          period: v.period,
          value: v.value === null ? null : Number(v.value),
          status: v.status,
          source: v.source,
          note: v.note,
          state: v.state,
          enteredBy: v.display_name,
          enteredById: v.entered_by,
          enteredAt: new Date(v.entered_at).toISOString(),
          reviewReason: v.review_reason,
          evidence: evidence.filter((e) => e.value_id === v.id).map((e) => ({ id: e.id, fileName: e.file_name, size: e.size, sha256: e.sha256 })),
          events: events
            .filter((e) => e.value_id === v.id)
            .map((e) => ({
              action: e.action,
              from: e.from_state,
              to: e.to_state,
              reason: e.reason,
              actor: e.actor_name,
              actorName: e.actor_display_name,
              at: new Date(e.at).toISOString(),
            })),
        })),
        figures: [...figures].flatMap(([targetId, list]) => list.map((f) => ({ targetId, ...f }))),
        standing: { enters: standing.enters, reviews: standing.reviews, manages: standing.manages, scopes: scopeNames },
      };
    },
  );

  app.post(
    '/api/indicators/:key/values',
    {
      config: { access: 'targets.enter' },
      schema: {
        tags: ['targets'],
        summary: '填报指标数值（草稿；全市或本县区）/ enter a value',
        params: Type.Object({ key: Type.String({ maxLength: 80 }) }),
        body: Type.Object({
          scopeId: Type.Optional(Type.Integer({ minimum: 1 })),
          year: YearSchema,
          period: Type.Optional(PeriodSchema),
          value: Type.Optional(Nullable(Type.Number())),
          status: Type.Optional(Nullable(QualitativeSchema)),
          source: Type.String({ minLength: 1, maxLength: 500, description: '数据来源，如 统计公报、监测报告' }),
          note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
        }),
        response: { 201: Type.Object({ id: Type.Integer() }) },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await enterValue(db, actorOf(request), requirePrincipal(request), request.params.key, request.body as Parameters<typeof enterValue>[4])),
  );

  app.patch(
    '/api/indicator-values/:id',
    {
      config: { access: 'targets.enter' },
      schema: {
        tags: ['targets'],
        summary: '修改指标数值（已审核的须写明原因）/ change a value',
        params: IdParams,
        body: Type.Object({
          value: Type.Optional(Nullable(Type.Number())),
          status: Type.Optional(Nullable(QualitativeSchema)),
          source: Type.Optional(Type.String({ minLength: 1, maxLength: 500 })),
          note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
          reason: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
        }),
        response: { 200: Type.Object({ state: Type.String() }) },
      },
    },
    async (request) => editValue(db, actorOf(request), requirePrincipal(request), request.params.id, request.body),
  );

  app.post(
    '/api/indicator-values/:id/transitions',
    {
      config: { access: 'targets.read' },
      schema: {
        tags: ['targets'],
        summary: '报送、审核通过、退回 / submit, approve, return',
        params: IdParams,
        body: Type.Object({ action: OneOf(VALUE_ACTIONS), reason: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))) }),
        response: { 200: Type.Object({ state: Type.String() }) },
      },
    },
    async (request) => transitionValue(db, actorOf(request), requirePrincipal(request), request.params.id, request.body.action, request.body.reason ?? null),
  );

  app.post(
    '/api/indicator-values/:id/evidence',
    {
      config: { access: 'targets.enter' },
      schema: {
        tags: ['targets'],
        summary: `上传数值的佐证材料（multipart，字段 file；不超过 ${EVIDENCE_MAX_BYTES / 1024 / 1024} MB）/ evidence of a value`,
        params: IdParams,
        consumes: ['multipart/form-data'],
        response: { 201: Type.Object({ id: Type.Integer(), sha256: Type.String(), mediaType: Type.String() }) },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      if (!request.isMultipart()) throw problems.badRequest('请以 multipart/form-data 上传文件', [{ field: 'file', message: '缺少文件' }]);
      let file: { name: string; content: Buffer } | null = null;
      for await (const part of request.parts({ limits: { fileSize: EVIDENCE_MAX_BYTES + 1, files: 1, fields: 2 } })) {
        if (part.type !== 'file') continue;
        const content = await part.toBuffer();
        if (part.file.truncated || content.length > EVIDENCE_MAX_BYTES) throw problems.badRequest('文件超过 20 MB', [{ field: 'file', message: '文件超过 20 MB' }]);
        file = { name: part.filename, content };
      }
      if (!file || file.content.length === 0) throw problems.badRequest('缺少文件', [{ field: 'file', message: '必填' }]);
      return reply.code(201).send(await addValueEvidence(db, actorOf(request), principal, request.params.id, file));
    },
  );

  app.get(
    '/api/indicator-evidence/:id',
    {
      config: { access: 'targets.read' },
      schema: { tags: ['targets'], summary: '下载数值的佐证材料 / download evidence', params: IdParams },
    },
    async (request, reply) => {
      const row = await db.selectFrom('indicator_value_evidence').select(['file_name', 'media_type', 'content']).where('id', '=', request.params.id).executeTakeFirst();
      if (!row) throw problems.notFound('佐证材料');
      return reply
        .header('content-type', row.media_type)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(row.file_name)}`)
        .send(row.content);
    },
  );

  app.put(
    '/api/indicator-targets/:id/figures/:year',
    {
      config: { access: 'targets.manage' },
      schema: {
        tags: ['targets'],
        summary: '录入上级下达的目标值（完成省考核目标等）/ the province’s figure for a year',
        params: Type.Object({ id: Type.Integer({ minimum: 1 }), year: YearSchema }),
        body: Type.Object({ value: Type.Number(), source: Type.String({ minLength: 1, maxLength: 500, description: '文件名称、文号' }) }),
        response: { 200: Type.Object({ targetId: Type.Integer(), year: Type.Integer(), value: Type.Number(), source: Type.String() }) },
      },
    },
    async (request) => {
      await setExternalFigure(db, actorOf(request), request.params.id, request.params.year, request.body);
      return { targetId: request.params.id, year: request.params.year, ...request.body };
    },
  );

  app.get(
    '/api/targets/documents',
    {
      config: { access: 'targets.read' },
      schema: {
        tags: ['targets'],
        summary: '设有目标的文件及其评估统计 / documents with targets',
        response: { 200: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), targets: Type.Integer() })) },
      },
    },
    async () =>
      db
        .selectFrom('indicator_target as t')
        .innerJoin('source_document as d', 'd.id', 't.doc')
        .select(['d.id', 'd.title', sql<number>`count(*)::int`.as('targets')])
        .groupBy(['d.id', 'd.title'])
        .orderBy('d.id')
        .execute(),
  );
};

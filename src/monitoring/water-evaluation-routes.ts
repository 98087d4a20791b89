/**
 * The surface-water and drinking-water evaluation over stored samples (src/monitoring/evaluation/water.ts).
 * Reading only: monitoring.read. Every answer names the standard (GB 3838-2002 and the 评价办法), the
 * data it rests on (manual samples, or automatic daily means too) and whether it rests on 示例数据.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Db } from '../db/connect.ts';
import { problems } from '../server/problem.ts';
import { IdParams, Nullable, OneOf } from '../server/schemas.ts';
import { parsePeriod } from './evaluation/periods.ts';
import { evaluateSections, evaluateSources, siteMonths, SOURCE_LEVELS } from './evaluation/water.ts';
import { findWaterSite } from './evaluation/water-store.ts';

const DEMO_NOTE = '示例数据：由平台生成，仅供演示，不是监测结果';
const BASES = ['manual', 'manual+automatic'] as const;

const Loose = (description: string) => Type.Object({}, { additionalProperties: true, description });
const ClassText = Type.String({ description: '水质类别：I、II、III、IV、V、劣V' });

const StandardSchema = Type.Object({ standard: Type.Literal('GB3838-2002'), method: Type.String({ description: '地表水环境质量评价办法（试行）' }) });
const BasisQuery = Type.Optional(
  OneOf(BASES, { description: '评价数据：manual 仅手工监测（缺省，按评价办法）；manual+automatic 另计自动站日均值' }),
);

const SiteSchema = Type.Object({
  id: Type.Integer(),
  kind: OneOf(['section', 'source'] as const),
  code: Type.String(),
  name: Type.String(),
  level: Type.String(),
  river: Nullable(Type.String()),
  waterBody: OneOf(['river', 'lake'] as const),
  targetClass: Nullable(Type.Integer({ description: '目标水质类别 1..5' })),
  automatic: Type.Boolean(),
  districtId: Type.Integer(),
  districtName: Type.String(),
  lon: Type.Number(),
  lat: Type.Number(),
});

const PollutantSchema = Type.Object({
  parameter: Type.String(),
  name: Type.String(),
  class: ClassText,
  exceedMultiple: Nullable(Type.Number({ description: '超标倍数（对 III 类限值）' })),
});

const EvaluationSchema = Type.Object({
  period: Type.String(),
  class: Nullable(ClassText),
  status: Nullable(Type.String({ description: '水质状况：优、良好、轻度污染、中度污染、重度污染' })),
  colour: Nullable(Type.Object({ key: Type.String(), name: Type.String() })),
  good: Nullable(Type.Boolean({ description: '水质优良（I–III 类）' })),
  meetsTarget: Nullable(Type.Boolean({ description: '达到目标水质类别' })),
  mainPollutants: Type.Array(PollutantSchema, { description: '主要污染指标（劣于 III 类时，至多三项）' }),
  totalNitrogenClass: Nullable(ClassText),
  trophic: Nullable(Type.Object({ value: Type.Number(), grade: Type.String() }, { description: '湖库综合营养状态指数 TLI' })),
  classes: Loose('各项目类别'),
  values: Loose('各项目的期间值（月：当月样品均值；年：各月值的均值）'),
  months: Nullable(Type.Integer({ description: '年评价：有数据的月数' })),
  samples: Type.Integer({ description: '样品数（含自动站日数）' }),
  complete: Type.Boolean({ description: '年评价有 12 个月的值' }),
  demo: Type.Boolean(),
});

const RatiosSchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  total: Type.Integer({ description: '有类别的断面数' }),
  good: Type.Integer(),
  meetsTarget: Type.Integer(),
  worst: Type.Integer({ description: '劣 V 类断面数' }),
  goodPercent: Nullable(Type.Number({ description: '断面水质优良率 %' })),
  meetsTargetPercent: Nullable(Type.Number({ description: '断面达标率 %' })),
  worstPercent: Nullable(Type.Number({ description: '劣 V 类比例 %' })),
});

const TrendMonthSchema = Type.Object({
  month: Type.String(),
  class: Nullable(ClassText),
  lastYearClass: Nullable(ClassText),
  change: Nullable(OneOf(['better', 'same', 'worse'] as const)),
});

const ExceedanceSchema = Type.Object({
  parameter: Type.String(),
  name: Type.String(),
  value: Type.Number(),
  class: ClassText,
  limit: Type.String({ description: '所执行类别的限值' }),
  exceedMultiple: Nullable(Type.Number()),
});

const ComplianceSchema = Type.Object({ total: Type.Integer(), compliant: Type.Integer(), percent: Nullable(Type.Number({ description: '达标率 %' })) });

const PeriodQuery = Type.String({ pattern: '^\\d{4}(-\\d{2})?$', description: '年（2025）或月（2025-03）' });

function periodOf(text: string) {
  const period = parsePeriod(text);
  if (!period) throw problems.badRequest(`「${text}」不是年份或月份`, [{ field: 'period', message: '应为 YYYY 或 YYYY-MM（2000–2100）' }]);
  return period;
}

export const waterEvaluationRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/api/monitoring/water/evaluation',
    {
      config: { access: 'monitoring.read' },
      schema: {
        tags: ['monitoring'],
        summary: '地表水断面月评价或年评价：类别、达标、主要污染指标、同比与逐月类别，全市与各县区优良率、达标率 / surface-water sections',
        querystring: Type.Object({ period: PeriodQuery, basis: BasisQuery }),
        response: {
          200: Type.Object({
            period: Type.String(),
            standard: StandardSchema,
            basis: OneOf(BASES),
            demo: Type.Boolean(),
            demoNote: Nullable(Type.String()),
            city: RatiosSchema,
            districts: Type.Array(RatiosSchema),
            sections: Type.Array(
              Type.Object({
                site: SiteSchema,
                evaluation: Nullable(EvaluationSchema),
                lastYear: Nullable(Type.Object({ period: Type.String(), class: Nullable(ClassText) }, { description: '上年同期' })),
                change: Nullable(OneOf(['better', 'same', 'worse'] as const, { description: '同比：好转、持平、变差' })),
                trend: Type.Array(TrendMonthSchema, { description: '当年各月类别与上年同月' }),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const period = periodOf(request.query.period);
      const city = await db.selectFrom('organisation').select(['id', 'name']).where('kind', '=', 'city').orderBy('id').executeTakeFirstOrThrow();
      const result = await evaluateSections(db, period, request.query.basis ?? 'manual', city);
      return { ...result, demoNote: result.demo ? DEMO_NOTE : null };
    },
  );

  app.get(
    '/api/monitoring/water/sites/:id/months',
    {
      config: { access: 'monitoring.read' },
      schema: {
        tags: ['monitoring'],
        summary: '一个断面或水源地一年的逐月类别与监测值（水源地另列超标项目）/ monthly classes of a water site',
        params: IdParams,
        querystring: Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }), basis: BasisQuery }),
        response: {
          200: Type.Object({
            site: SiteSchema,
            year: Type.Integer(),
            standard: StandardSchema,
            basis: OneOf(BASES),
            demo: Type.Boolean(),
            demoNote: Nullable(Type.String()),
            limitClass: Nullable(ClassText),
            months: Type.Array(
              Type.Object({
                ...TrendMonthSchema.properties,
                evaluation: Nullable(EvaluationSchema),
                exceedances: Nullable(Type.Array(ExceedanceSchema, { description: '水源地：超过所执行类别的项目' })),
              }),
            ),
            yearEvaluation: Nullable(EvaluationSchema),
          }),
        },
      },
    },
    async (request) => {
      const site = await findWaterSite(db, request.params.id);
      if (!site) throw problems.notFound('地表水断面或饮用水水源地');
      const result = await siteMonths(db, site, request.query.year, request.query.basis ?? 'manual');
      return { ...result, demoNote: result.demo ? DEMO_NOTE : null };
    },
  );

  app.get(
    '/api/monitoring/water/drinking',
    {
      config: { access: 'monitoring.read' },
      schema: {
        tags: ['monitoring'],
        summary: '集中式饮用水水源地达标评价：各水源地超标项目与倍数，全市及各级水源达标率 / drinking-water sources',
        querystring: Type.Object({ period: PeriodQuery, basis: BasisQuery }),
        response: {
          200: Type.Object({
            period: Type.String(),
            standard: StandardSchema,
            basis: OneOf(BASES),
            demo: Type.Boolean(),
            demoNote: Nullable(Type.String()),
            city: ComplianceSchema,
            levels: Type.Array(Type.Object({ level: OneOf(SOURCE_LEVELS), ...ComplianceSchema.properties })),
            sources: Type.Array(
              Type.Object({
                site: SiteSchema,
                limitClass: ClassText,
                evaluation: Nullable(EvaluationSchema),
                exceedances: Type.Array(ExceedanceSchema),
                compliant: Nullable(Type.Boolean({ description: '达标；无数据时为空' })),
                exceedanceMonths: Type.Array(Type.String(), { description: '年评价：当月值超标的月份' }),
              }),
            ),
          }),
        },
      },
    },
    async (request) => {
      const period = periodOf(request.query.period);
      const result = await evaluateSources(db, period, request.query.basis ?? 'manual');
      return { ...result, demoNote: result.demo ? DEMO_NOTE : null };
    },
  );
};

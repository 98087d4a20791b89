import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Db } from '../db/connect.ts';
import { requirePrincipal } from '../auth/access.ts';
import { problems } from '../server/problem.ts';
import { IdParams, Nullable, PageQuery } from '../server/schemas.ts';
import { milestoneProgress } from './milestone-progress.ts';
import { milestoneFacts } from './milestone-store.ts';
import { ColourSchema, StateSchema } from './schemas.ts';
import { cityToday, items } from './service.ts';
import { timeline } from './timeline.ts';

const Quantity = Nullable(Type.Number());

const CurrentSchema = Type.Object({ year: Type.Integer(), planned: Quantity, reported: Quantity, gap: Quantity, percent: Quantity });

const SeriesFields = {
  planned: Type.Array(Quantity, { description: '计划累计，与 years 对齐 / planned cumulative, aligned with years' }),
  reported: Type.Array(Quantity, { description: '报送累计，与 years 对齐 / reported cumulative, aligned with years' }),
  reports: Type.Integer(),
  current: CurrentSchema,
};

const SubjectProgressSchema = Type.Object({
  subject: Type.String(),
  unit: Nullable(Type.String()),
  cumulative: Type.Boolean(),
  years: Type.Array(Type.Integer()),
  districts: Type.Array(
    Type.Object({ organisationId: Nullable(Type.Integer()), organisationName: Nullable(Type.String()), writtenAs: Nullable(Type.String()), ...SeriesFields }),
  ),
  total: Nullable(Type.Object(SeriesFields)),
});

const TimelineEntrySchema = Type.Object({
  id: Type.Integer(),
  listKey: Type.String(),
  listTitle: Type.String(),
  parentId: Nullable(Type.Integer()),
  parentRef: Nullable(Type.String()),
  ref: Type.String(),
  title: Type.String(),
  deadlineText: Nullable(Type.String()),
  deadlineKind: Type.Union([Type.Literal('date'), Type.Literal('ongoing'), Type.Literal('yearly')]),
  due: Nullable(Type.String({ format: 'date' })),
  daysLeft: Nullable(Type.Integer({ description: '距到期日天数，已过期为负 / days to the due date, negative once passed' })),
  ongoingAfter: Type.Boolean(),
  state: Type.String(),
  colour: ColourSchema,
  reasons: Type.Array(Type.Unknown()),
});

/** 任务督办 charts: the deadline timeline and the milestone progress of an item. */
export const taskChartRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/api/tasks/items/:id/milestone-progress',
    {
      config: { access: 'tasks.read' },
      schema: {
        tags: ['tasks'],
        summary: '节点进度：事项及其措施的数量节点，按县区、年份的计划累计与报送累计 / planned vs reported cumulative quantities per district and year',
        params: IdParams,
        response: { 200: Type.Object({ itemId: Type.Integer(), currentYear: Type.Integer(), subjects: Type.Array(SubjectProgressSchema) }) },
      },
    },
    async (request) => {
      const facts = await milestoneFacts(db, request.params.id);
      if (!facts) throw problems.notFound('督办事项');
      const currentYear = Number(cityToday().slice(0, 4));
      return { itemId: request.params.id, currentYear, subjects: milestoneProgress(facts.milestones, facts.reports, currentYear) };
    },
  );

  app.get(
    '/api/tasks/timeline',
    {
      config: { access: 'tasks.read' },
      schema: {
        tags: ['tasks'],
        summary: '时限一览：按完成时限排列的事项、每月红黄绿数量，长期推进的另列 / items by deadline, monthly colour counts, ongoing items apart',
        querystring: Type.Object({
          list: Type.Optional(Type.String({ maxLength: 40 })),
          colour: Type.Optional(ColourSchema),
          state: Type.Optional(StateSchema),
          organisationId: Type.Optional(Type.Integer({ minimum: 1, description: '事项所列单位；不填而填 role 时为本单位 / the unit named; with role alone, one’s own' })),
          role: Type.Optional(Type.Union([Type.Literal('lead'), Type.Literal('responsible'), Type.Literal('supervising'), Type.Literal('acceptance')])),
          from: Type.Optional(Type.String({ format: 'date' })),
          to: Type.Optional(Type.String({ format: 'date' })),
          ...PageQuery,
        }),
        response: {
          200: Type.Object({
            items: Type.Array(TimelineEntrySchema),
            total: Type.Integer(),
            page: Type.Integer(),
            pageSize: Type.Integer(),
            ongoing: Type.Array(TimelineEntrySchema),
            undated: Type.Integer(),
            months: Type.Array(Type.Object({ month: Type.String(), red: Type.Integer(), yellow: Type.Integer(), green: Type.Integer() })),
          }),
        },
      },
    },
    async (request) => {
      const { list, colour, state, organisationId, role, from, to, page, pageSize } = request.query;
      if (from && to && from > to) throw problems.badRequest('起始日期不能晚于截止日期 / from must not be after to', [{ field: 'from', message: '不能晚于截止日期' }]);
      const own = requirePrincipal(request).user.organisationId;
      const all = await items(db, { listKey: list });
      const found = timeline(all, { colour, state, organisationId: organisationId ?? (role ? own : undefined), role, from, to }, cityToday());
      return {
        items: found.dated.slice((page - 1) * pageSize, page * pageSize),
        total: found.dated.length,
        page,
        pageSize,
        ongoing: found.ongoing,
        undated: found.undated,
        months: found.months,
      };
    },
  );
};

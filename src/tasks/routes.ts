import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import { actorOf, requirePrincipal } from '../auth/access.ts';
import { problems } from '../server/problem.ts';
import { IdParams, Nullable, Page, PageQuery } from '../server/schemas.ts';
import { EVIDENCE_MAX_BYTES } from './evidence.ts';
import { itemDetail, TaskDetailSchema } from './detail.ts';
import { ActionSchema, ColourSchema, StateSchema, TaskItemSchema } from './schemas.ts';
import { act, addEvidence, cityToday, fileReport, items } from './service.ts';
import type { TaskItem } from './store.ts';
import { SCHEDULES } from './schedule.ts';
import { audited } from '../audit/store.ts';
import { openAlertsOf } from '../monitoring/alerts/view.ts';
import { exceedanceInbox } from '../emissions/service.ts';
import { exceedanceJson } from '../emissions/view.ts';

const ROLE_FILTER = Type.Union([Type.Literal('lead'), Type.Literal('responsible'), Type.Literal('supervising'), Type.Literal('acceptance')]);

export const taskRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/api/tasks/lists',
    {
      config: { access: 'tasks.read' },
      schema: {
        tags: ['tasks'],
        summary: '督办清单及其红黄绿统计 / task lists with colour counts',
        response: {
          200: Type.Array(
            Type.Object({
              key: Type.String(),
              title: Type.String(),
              doc: Nullable(Type.String()),
              year: Type.Integer(),
              reportSchedule: Type.String(),
              scheduleSource: Nullable(Type.String({ description: '调度周期的出处：文件原文，或由谁何时设定' })),
              scheduleIsDefault: Type.Boolean({ description: 'true：文件未规定调度周期，沿用平台默认（每季度）' }),
              items: Type.Integer(),
              red: Type.Integer(),
              yellow: Type.Integer(),
              green: Type.Integer(),
            }),
          ),
        },
      },
    },
    async () => {
      const lists = await db.selectFrom('task_list').select(['id', 'key', 'title', 'doc', 'year', 'report_schedule', 'schedule_source']).orderBy('key').execute();
      const all = await items(db, {});
      return lists.map((list) => {
        const mine = all.filter((i) => i.listId === list.id);
        const count = (colour: string) => mine.filter((i) => i.colour === colour).length;
        return {
          key: list.key,
          title: list.title,
          doc: list.doc,
          year: list.year,
          reportSchedule: list.report_schedule,
          scheduleSource: list.schedule_source,
          scheduleIsDefault: list.schedule_source === null,
          items: mine.length, red: count('red'), yellow: count('yellow'), green: count('green') };
      });
    },
  );

  app.patch(
    '/api/tasks/lists/:key',
    {
      config: { access: 'tasks.manage' },
      schema: {
        tags: ['tasks'],
        summary: '设置清单的调度周期、起算日和验收方式（留痕）/ configure a list',
        params: Type.Object({ key: Type.String({ maxLength: 40 }) }),
        body: Type.Object({
          reportSchedule: Type.Optional(Type.Union(Object.keys(SCHEDULES).map((k) => Type.Literal(k)))),
          startDate: Type.Optional(Type.String({ format: 'date' })),
          acceptance: Type.Optional(Type.Union([Type.Literal('supervisor'), Type.Literal('lead'), Type.Literal('coordinator')])),
        }),
        response: {
          200: Type.Object({
            key: Type.String(),
            reportSchedule: Type.String(),
            scheduleSource: Nullable(Type.String()),
            scheduleIsDefault: Type.Boolean(),
            startDate: Type.String(),
            acceptance: Type.String(),
          }),
        },
      },
    },
    async (request) => {
      const list = await db
        .selectFrom('task_list')
        .select(['id', 'report_schedule', 'schedule_source', sql<string>`start_date::text`.as('start_date'), 'acceptance'])
        .where('key', '=', request.params.key)
        .executeTakeFirst();
      if (!list) throw problems.notFound('清单');
      const { reportSchedule, startDate, acceptance } = request.body;
      const actor = actorOf(request);
      const { displayName, username } = requirePrincipal(request).user;
      // A schedule set here is no longer the platform's default: say who set it and when.
      const scheduleSource =
        reportSchedule === undefined || reportSchedule === list.report_schedule ? list.schedule_source : `由${displayName}（${username}）于${cityToday()}设定`;
      const after = { reportSchedule: reportSchedule ?? list.report_schedule, scheduleSource, startDate: startDate ?? list.start_date, acceptance: acceptance ?? list.acceptance };
      await audited(db, actor, async (trx, audit) => {
        await trx
          .updateTable('task_list')
          .set({ report_schedule: after.reportSchedule, schedule_source: after.scheduleSource, start_date: after.startDate, acceptance: after.acceptance })
          .where('id', '=', list.id)
          .execute();
        await audit({
          action: 'update',
          entity: 'task_list',
          entityId: list.id,
          before: { reportSchedule: list.report_schedule, scheduleSource: list.schedule_source, startDate: list.start_date, acceptance: list.acceptance },
          after,
        });
      });
      return { key: request.params.key, ...after, scheduleIsDefault: after.scheduleSource === null };
    },
  );

  app.get(
    '/api/tasks/items',
    {
      config: { access: 'tasks.read' },
      schema: {
        tags: ['tasks'],
        summary: '督办看板：按清单、状态、颜色、本单位角色、县区、时限筛选 / the board',
        querystring: Type.Object({
          list: Type.Optional(Type.String({ maxLength: 40 })),
          state: Type.Optional(StateSchema),
          colour: Type.Optional(ColourSchema),
          mine: Type.Optional(ROLE_FILTER),
          organisationId: Type.Optional(Type.Integer({ minimum: 1 })),
          dueBefore: Type.Optional(Type.String({ format: 'date' })),
          q: Type.Optional(Type.String({ maxLength: 100 })),
          ...PageQuery,
        }),
        response: { 200: Page(TaskItemSchema) },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const { list, state, colour, mine, organisationId, dueBefore, q, page, pageSize } = request.query;
      const own = principal.user.organisationId;
      const matches = (task: TaskItem) =>
        (!state || task.state === state) &&
        (!colour || task.colour === colour) &&
        (!organisationId || task.units.some((u) => u.organisationId === organisationId)) &&
        (!dueBefore || (task.deadline.kind === 'date' && task.deadline.due <= dueBefore)) &&
        (!q || task.title.includes(q) || task.ref.includes(q)) &&
        (!mine ||
          (mine === 'acceptance' ? task.acceptanceUnitId === own : task.units.some((u) => u.role === mine && u.organisationId === own)));
      const found = (await items(db, { listKey: list })).filter(matches);
      return { items: found.slice((page - 1) * pageSize, page * pageSize), total: found.length, page, pageSize };
    },
  );

  app.get(
    '/api/tasks/items/:id',
    {
      config: { access: 'tasks.read' },
      schema: {
        tags: ['tasks'],
        summary: '督办事项：原文、措施、节点、报告、佐证、流转 / one item with everything',
        params: IdParams,
        response: { 200: TaskDetailSchema },
      },
    },
    async (request) => itemDetail(db, requirePrincipal(request), request.params.id),
  );

  app.post(
    '/api/tasks/items/:id/reports',
    {
      config: { access: 'tasks.act' },
      schema: {
        tags: ['tasks'],
        summary: '报送进度 / file a progress report',
        params: IdParams,
        body: Type.Object({
          text: Type.String({ minLength: 1, maxLength: 5000 }),
          progress: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 100 }))),
          milestoneId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
          quantity: Type.Optional(Nullable(Type.Number({ minimum: 0 }))),
        }),
        response: { 201: Type.Object({ reportId: Type.Integer(), late: Type.Boolean() }) },
      },
    },
    async (request, reply) => reply.code(201).send(await fileReport(db, actorOf(request), requirePrincipal(request), request.params.id, request.body)),
  );

  app.post(
    '/api/tasks/items/:id/evidence',
    {
      config: { access: 'tasks.act' },
      schema: {
        tags: ['tasks'],
        summary: `上传佐证材料（multipart，字段 file，可带 reportId；不超过 ${EVIDENCE_MAX_BYTES / 1024 / 1024} MB）/ upload evidence`,
        params: IdParams,
        consumes: ['multipart/form-data'],
        response: { 201: Type.Object({ id: Type.Integer(), sha256: Type.String(), mediaType: Type.String() }) },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      if (!request.isMultipart()) throw problems.badRequest('请以 multipart/form-data 上传文件', [{ field: 'file', message: '缺少文件' }]);
      let file: { name: string; content: Buffer } | null = null;
      let reportId: number | null = null;
      for await (const part of request.parts({ limits: { fileSize: EVIDENCE_MAX_BYTES + 1, files: 1, fields: 5 } })) {
        if (part.type === 'file') {
          const content = await part.toBuffer();
          if (part.file.truncated || content.length > EVIDENCE_MAX_BYTES) throw problems.badRequest('文件超过 20 MB', [{ field: 'file', message: '文件超过 20 MB' }]);
          file = { name: part.filename, content };
        } else if (part.fieldname === 'reportId' && typeof part.value === 'string' && part.value !== '') {
          reportId = Number(part.value);
          if (!Number.isInteger(reportId)) throw problems.badRequest('reportId 应为整数', [{ field: 'reportId', message: '应为整数' }]);
        }
      }
      if (!file) throw problems.badRequest('缺少文件', [{ field: 'file', message: '必填' }]);
      return reply.code(201).send(await addEvidence(db, actorOf(request), principal, request.params.id, { ...file, reportId }));
    },
  );

  app.get(
    '/api/tasks/evidence/:id',
    { config: { access: 'tasks.read' }, schema: { tags: ['tasks'], summary: '下载佐证材料 / download evidence', params: IdParams } },
    async (request, reply) => {
      const row = await db.selectFrom('task_evidence').select(['file_name', 'media_type', 'content', 'sha256']).where('id', '=', request.params.id).executeTakeFirst();
      if (!row) throw problems.notFound('佐证材料');
      return reply
        .header('content-type', row.media_type)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(row.file_name)}`)
        .header('x-content-type-options', 'nosniff')
        .header('digest', `sha-256=${Buffer.from(row.sha256, 'hex').toString('base64')}`)
        .send(row.content);
    },
  );

  app.post(
    '/api/tasks/items/:id/transitions',
    {
      config: { access: 'tasks.act' },
      schema: {
        tags: ['tasks'],
        summary: '申请销号、验收、退回、回头看 / apply, accept, return, re-check',
        params: IdParams,
        body: Type.Object({ action: ActionSchema, reason: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))) }),
        response: { 200: TaskItemSchema },
      },
    },
    async (request) => act(db, actorOf(request), requirePrincipal(request), request.params.id, request.body.action, request.body.reason ?? null),
  );

  app.get(
    '/api/tasks/inbox',
    {
      config: { access: 'tasks.read' },
      schema: { tags: ['tasks'], summary: '本单位待办：临期、逾期、退回、待验收、待回头看，及本单位负责的未关闭监测预警 / my organisation’s inbox' },
    },
    async (request) => {
      const own = requirePrincipal(request).user.organisationId;
      const today = cityToday();
      const all = await items(db, {});
      const worked = all.filter((t) => t.units.some((u) => u.role !== 'supervising' && u.organisationId === own));
      const due = (t: TaskItem) => (t.deadline.kind === 'date' ? t.deadline.due : null);
      const rechecks = await db
        .selectFrom('task_recheck')
        .select(['item_id', sql<string>`due_on::text`.as('due_on')])
        .where('done_at', 'is', null)
        .where('due_on', '<=', today)
        .execute();
      const accepting = all.filter((t) => t.acceptanceUnitId === own);
      return {
        dueSoon: worked.filter((t) => t.state !== 'accepted' && t.reasons.some((r) => r.code === 'behind_schedule')),
        overdue: worked.filter((t) => t.state !== 'accepted' && (due(t) ?? '9999') < today),
        reportOverdue: worked.filter((t) => t.reasons.some((r) => r.code === 'report_overdue')),
        returned: worked.filter((t) => t.state === 'returned'),
        rebounded: worked.filter((t) => t.state === 'rebounded'),
        toAccept: accepting.filter((t) => t.state === 'applied'),
        recheckDue: accepting.filter((t) => rechecks.some((r) => r.item_id === t.id)),
        accepted: worked.filter((t) => t.state === 'accepted'),
        monitoringAlerts: await openAlertsOf(db, own),
        exceedances: (await exceedanceInbox(db, requirePrincipal(request))).map(exceedanceJson),
      };
    },
  );

  app.get(
    '/api/public/tasks',
    {
      config: { access: 'public' },
      schema: {
        tags: ['tasks'],
        summary: '公开的整改事项及其状态（无需登录）/ public rectification items',
        response: {
          200: Type.Array(
            Type.Object({ id: Type.Integer(), listTitle: Type.String(), ref: Type.String(), parentId: Nullable(Type.Integer()), parentRef: Nullable(Type.String()), title: Type.String(), deadlineText: Nullable(Type.String()), state: Type.String(), colour: ColourSchema }),
          ),
        },
      },
    },
    async () =>
      (await items(db, { onlyPublic: true })).map(({ id, listTitle, ref, parentId, parentRef, title, deadlineText, state, colour }) => ({ id, listTitle, ref, parentId, parentRef, title, deadlineText, state, colour })),
  );
};

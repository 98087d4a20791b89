import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Db } from '../../db/connect.ts';
import { actorOf, requirePrincipal } from '../../auth/access.ts';
import { IdParams, Page, PageQuery } from '../../server/schemas.ts';
import { GridTaskSchema, ItemPeopleSchema, PeopleBody } from './schemas.ts';
import { gridTasks, itemPeople, setItemPeople } from './service.ts';

export const taskPeopleRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/api/tasks/items/:id/people',
    {
      config: { access: 'tasks.read' },
      schema: { tags: ['tasks'], summary: '事项的包保责任人和网格 / responsible persons and grids of an item', params: IdParams, response: { 200: ItemPeopleSchema } },
    },
    async (request) => itemPeople(db, requirePrincipal(request), request.params.id),
  );

  app.put(
    '/api/tasks/items/:id/people',
    {
      // Whether the user may is decided by the item's units (牵头单位, or each 责任单位 for its own part).
      config: { access: 'tasks.read' },
      schema: {
        tags: ['tasks'],
        summary: '设置事项的包保责任人和网格（留痕）：管理员、综合协调、牵头单位；无牵头单位时各责任单位设置本单位的 / set them',
        params: IdParams,
        body: PeopleBody,
        response: { 200: ItemPeopleSchema },
      },
    },
    async (request) => setItemPeople(db, actorOf(request), requirePrincipal(request), request.params.id, request.body),
  );

  app.get(
    '/api/grids/mine/tasks',
    {
      config: { access: 'grids.read' },
      schema: {
        tags: ['grids'],
        summary: '我负责的网格（含下级网格）中的督办事项 / items in the grids I work',
        querystring: Type.Object(PageQuery),
        response: { 200: Page(GridTaskSchema) },
      },
    },
    async (request) => {
      const { page, pageSize } = request.query;
      const found = await gridTasks(db, requirePrincipal(request));
      return { items: found.slice((page - 1) * pageSize, page * pageSize), total: found.length, page, pageSize };
    },
  );
};

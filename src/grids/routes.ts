import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Db } from '../db/connect.ts';
import { actorOf, requirePrincipal } from '../auth/access.ts';
import { problems } from '../server/problem.ts';
import { IdParams, Page, PageQuery } from '../server/schemas.ts';
import { GridDetailSchema, GridLevelSchema, GridPatchBody, GridSchema, NewGridBody } from './schemas.ts';
import { createGrid, updateGrid } from './service.ts';
import { getGrid, gridGeometry, listGrids } from './store.ts';

export const gridRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/api/grids',
    {
      config: { access: 'grids.read' },
      schema: {
        tags: ['grids'],
        summary: '网格列表：按组织机构（含下级）、层级、状态、名称或编码筛选 / list grids',
        querystring: Type.Object({
          organisationId: Type.Optional(Type.Integer({ minimum: 1 })),
          level: Type.Optional(GridLevelSchema),
          active: Type.Optional(Type.Boolean()),
          q: Type.Optional(Type.String({ maxLength: 100 })),
          ...PageQuery,
        }),
        response: { 200: Page(GridSchema) },
      },
    },
    async (request) => {
      const { page, pageSize, ...filter } = request.query;
      return { ...(await listGrids(db, { ...filter, page, pageSize })), page, pageSize };
    },
  );

  app.get(
    '/api/grids/:id',
    {
      config: { access: 'grids.read' },
      schema: { tags: ['grids'], summary: '网格详情（含成员与边界）/ one grid', params: IdParams, response: { 200: GridDetailSchema } },
    },
    async (request) => {
      const grid = await getGrid(db, request.params.id);
      if (!grid) throw problems.notFound('网格');
      return { ...grid, geometry: await gridGeometry(db, grid.id) };
    },
  );

  app.post(
    '/api/grids',
    {
      config: { access: 'grids.manage' },
      schema: { tags: ['grids'], summary: '新建网格（留痕）/ create a grid', body: NewGridBody, response: { 201: GridSchema } },
    },
    async (request, reply) => reply.code(201).send(await createGrid(db, actorOf(request), requirePrincipal(request), request.body)),
  );

  app.patch(
    '/api/grids/:id',
    {
      config: { access: 'grids.manage' },
      schema: { tags: ['grids'], summary: '修改、停用或启用网格（留痕）/ change, deactivate or reactivate a grid', params: IdParams, body: GridPatchBody, response: { 200: GridSchema } },
    },
    async (request) => updateGrid(db, actorOf(request), requirePrincipal(request), request.params.id, request.body),
  );
};

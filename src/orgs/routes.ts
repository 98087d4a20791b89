import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Db } from '../db/connect.ts';
import { actorOf } from '../auth/access.ts';
import { problems } from '../server/problem.ts';
import { IdParams, Page, PageQuery } from '../server/schemas.ts';
import { NewOrganisationBody, OrganisationKind, OrganisationPatchBody, OrganisationSchema } from './schemas.ts';
import { createOrganisation, updateOrganisation } from './service.ts';
import { allOrganisations, buildTree, getOrganisation, listOrganisations } from './store.ts';
import { buildUnitResolver } from './resolve.ts';

type TreeNode = { children: TreeNode[] };

export const organisationRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/api/organisations',
    {
      config: { access: 'orgs.read' },
      schema: {
        tags: ['organisations'],
        summary: '组织机构列表（名称、全称、别名、代码检索）/ list organisations',
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 100 })),
          kind: Type.Optional(OrganisationKind),
          active: Type.Optional(Type.Boolean()),
          ...PageQuery,
        }),
        response: { 200: Page(OrganisationSchema) },
      },
    },
    async (request) => {
      const { page, pageSize, ...filter } = request.query;
      return { ...(await listOrganisations(db, { ...filter, page, pageSize })), page, pageSize };
    },
  );

  app.get(
    '/api/organisations/tree',
    { config: { access: 'orgs.read' }, schema: { tags: ['organisations'], summary: '组织机构树 / organisation tree' } },
    async () => buildTree(await allOrganisations(db)) as TreeNode[],
  );

  app.get(
    '/api/organisations/resolve',
    {
      config: { access: 'orgs.read' },
      schema: {
        tags: ['organisations'],
        summary: '把文件中的单位名称解析为组织机构 / resolve a unit name as documents write it',
        querystring: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) }),
        response: { 200: OrganisationSchema },
      },
    },
    async (request) => {
      const organisations = await allOrganisations(db);
      const key = buildUnitResolver(organisations.map((o) => ({ ...o, fullName: o.fullName ?? undefined })))(request.query.name);
      const found = organisations.find((o) => o.key === key);
      if (!found) throw problems.notFound(`单位「${request.query.name}」`);
      return found;
    },
  );

  app.get(
    '/api/organisations/:id',
    { config: { access: 'orgs.read' }, schema: { tags: ['organisations'], summary: '组织机构详情', params: IdParams, response: { 200: OrganisationSchema } } },
    async (request) => {
      const org = await getOrganisation(db, request.params.id);
      if (!org) throw problems.notFound('组织机构');
      return org;
    },
  );

  app.post(
    '/api/organisations',
    {
      config: { access: 'orgs.write' },
      schema: { tags: ['organisations'], summary: '新建组织机构', body: NewOrganisationBody, response: { 201: OrganisationSchema } },
    },
    async (request, reply) => reply.code(201).send(await createOrganisation(db, actorOf(request), request.body)),
  );

  app.patch(
    '/api/organisations/:id',
    {
      config: { access: 'orgs.write' },
      schema: { tags: ['organisations'], summary: '修改、停用或启用组织机构', params: IdParams, body: OrganisationPatchBody, response: { 200: OrganisationSchema } },
    },
    async (request) => updateOrganisation(db, actorOf(request), request.params.id, request.body),
  );
};

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Db } from '../db/connect.ts';
import { actorOf, inScope, organisationScope, requirePrincipal, type Principal } from '../auth/access.ts';
import { mayAssignRole, type Role } from '../auth/roles.ts';
import { problems } from '../server/problem.ts';
import { IdParams, Nullable, Page, PageQuery } from '../server/schemas.ts';
import { DisplayName, RoleSchema, UserSchema, Username } from './schemas.ts';
import { createUser, resetPassword, updateUser } from './service.ts';
import { getUser, listUsers, type User } from './store.ts';

/** A user outside the caller's scope answers 404, so ids of other districts' users reveal nothing. */
async function userInScope(db: Db, principal: Principal, id: number, permission: 'users.read' | 'users.write'): Promise<User> {
  const scope = await organisationScope(db, principal, permission);
  const user = await getUser(db, id);
  if (!user || !inScope(scope, user.organisationId)) throw problems.notFound('用户');
  return user;
}

function checkAssignable(principal: Principal, role: string): void {
  if (!mayAssignRole(principal.user.role, role as Role)) throw problems.forbidden('只有系统管理员可以设置或修改管理员账号');
}

export const userRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/api/users',
    {
      config: { access: 'users.read' },
      schema: {
        tags: ['users'],
        summary: '用户列表 / list users',
        querystring: Type.Object({
          q: Type.Optional(Type.String({ maxLength: 100 })),
          role: Type.Optional(RoleSchema),
          organisationId: Type.Optional(Type.Integer({ minimum: 1 })),
          active: Type.Optional(Type.Boolean()),
          ...PageQuery,
        }),
        response: { 200: Page(UserSchema) },
      },
    },
    async (request) => {
      const scope = await organisationScope(db, requirePrincipal(request), 'users.read');
      const { page, pageSize, ...filter } = request.query;
      const result = await listUsers(db, { ...filter, scope, page, pageSize });
      return { ...result, page, pageSize };
    },
  );

  app.get(
    '/api/users/:id',
    { config: { access: 'users.read' }, schema: { tags: ['users'], summary: '用户详情 / one user', params: IdParams, response: { 200: UserSchema } } },
    async (request) => userInScope(db, requirePrincipal(request), request.params.id, 'users.read'),
  );

  app.post(
    '/api/users',
    {
      config: { access: 'users.write' },
      schema: {
        tags: ['users'],
        summary: '新建用户 / create a user',
        body: Type.Object({
          username: Username,
          displayName: DisplayName,
          role: RoleSchema,
          organisationId: Nullable(Type.Integer({ minimum: 1 })),
          password: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
        }),
        response: { 201: Type.Object({ user: UserSchema, initialPassword: Type.Optional(Type.String()) }) },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      checkAssignable(principal, request.body.role);
      const scope = await organisationScope(db, principal, 'users.write');
      if (!inScope(scope, request.body.organisationId)) throw problems.forbidden('不能在本单位以外创建用户');
      return reply.code(201).send(await createUser(db, actorOf(request), request.body));
    },
  );

  app.patch(
    '/api/users/:id',
    {
      config: { access: 'users.write' },
      schema: {
        tags: ['users'],
        summary: '修改、停用或启用用户 / change, disable or enable a user',
        params: IdParams,
        body: Type.Object({
          displayName: Type.Optional(DisplayName),
          role: Type.Optional(RoleSchema),
          organisationId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
          active: Type.Optional(Type.Boolean()),
        }),
        response: { 200: UserSchema },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const target = await userInScope(db, principal, request.params.id, 'users.write');
      checkAssignable(principal, target.role);
      if (request.body.role !== undefined) checkAssignable(principal, request.body.role);
      if (request.body.organisationId !== undefined) {
        const scope = await organisationScope(db, principal, 'users.write');
        if (!inScope(scope, request.body.organisationId)) throw problems.forbidden('不能把用户移到本单位以外');
      }
      return updateUser(db, actorOf(request), target.id, request.body);
    },
  );

  app.post(
    '/api/users/:id/reset-password',
    {
      config: { access: 'users.write' },
      schema: {
        tags: ['users'],
        summary: '重置密码（生成一次性密码）/ reset to a one-time password',
        params: IdParams,
        response: { 200: Type.Object({ initialPassword: Type.String() }) },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const target = await userInScope(db, principal, request.params.id, 'users.write');
      checkAssignable(principal, target.role);
      return { initialPassword: await resetPassword(db, actorOf(request), target.id) };
    },
  );
};

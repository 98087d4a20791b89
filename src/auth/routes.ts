import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Config } from '../config/index.ts';
import type { Db } from '../db/connect.ts';
import { audited } from '../audit/store.ts';
import { HttpProblem, problems } from '../server/problem.ts';
import { getUser, findUserByUsername } from '../users/store.ts';
import { setPassword } from '../users/service.ts';
import { UserSchema } from '../users/schemas.ts';
import { actorOf, requirePrincipal, SESSION_COOKIE } from './access.ts';
import { afterFailedLogin, isLocked } from './lockout.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import { ROLES, permissionsOf } from './roles.ts';
import { createApiToken, createSession, endSession } from './sessions.ts';

const SessionBody = Type.Object({ user: UserSchema, csrfToken: Type.String() });

// Verifying against a fixed hash when the user does not exist keeps response time from telling which names exist.
const decoyHash = hashPassword('decoy-password-never-matches-0');

export const authRoutes: FastifyPluginAsyncTypebox<{ db: Db; config: Config }> = async (app, { db, config }) => {
  const cookieOptions = {
    path: '/',
    httpOnly: true,
    sameSite: 'strict' as const,
    secure: config.cookieSecure,
    maxAge: config.sessionMaxHours * 3600,
  };

  app.post(
    '/api/auth/login',
    {
      config: { access: 'public', rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        summary: '登录 / log in',
        body: Type.Object({
          username: Type.String({ minLength: 1, maxLength: 40 }),
          password: Type.String({ minLength: 1, maxLength: 200 }),
        }),
        response: { 200: SessionBody },
      },
    },
    async (request, reply) => {
      const { username, password } = request.body;
      const row = await findUserByUsername(db, username);
      const now = new Date();
      const actor = { id: row?.id ?? null, name: username, ip: request.ip };
      if (!row || !row.active) {
        await verifyPassword(await decoyHash, password);
        throw new HttpProblem(401, '用户名或密码错误', '请检查后重试 / wrong username or password');
      }
      if (isLocked(row.locked_until ? new Date(row.locked_until) : null, now)) {
        const until = new Date(row.locked_until!);
        throw new HttpProblem(429, '账号已临时锁定', `连续登录失败次数过多，请于 ${until.toISOString()} 之后再试 / locked until ${until.toISOString()}`, undefined, {
          'retry-after': String(Math.ceil((until.getTime() - now.getTime()) / 1000)),
        });
      }
      if (!(await verifyPassword(row.password_hash, password))) {
        const next = afterFailedLogin(row.failed_logins, now, { maxFailures: config.loginMaxFailures, lockMinutes: config.loginLockMinutes });
        await audited(db, actor, async (trx, audit) => {
          await trx.updateTable('app_user').set({ failed_logins: next.failedLogins, locked_until: next.lockedUntil }).where('id', '=', row.id).execute();
          await audit({ action: next.lockedUntil ? 'login-locked' : 'login-failed', entity: 'user', entityId: row.id, after: { lockedUntil: next.lockedUntil } });
        });
        throw new HttpProblem(401, '用户名或密码错误', '请检查后重试 / wrong username or password');
      }
      await audited(db, actor, async (trx, audit) => {
        await trx.updateTable('app_user').set({ failed_logins: 0, locked_until: null, last_login_at: now }).where('id', '=', row.id).execute();
        await audit({ action: 'login', entity: 'user', entityId: row.id });
      });
      const session = await createSession(db, row.id, { ip: request.ip, userAgent: request.headers['user-agent'] ?? null }, {
        idleMinutes: config.sessionIdleMinutes,
        maxHours: config.sessionMaxHours,
      });
      reply.setCookie(SESSION_COOKIE, session.token, cookieOptions);
      return { user: (await getUser(db, row.id))!, csrfToken: session.csrfToken };
    },
  );

  app.post(
    '/api/auth/logout',
    { config: { access: 'authenticated', beforePasswordChange: true }, schema: { tags: ['auth'], summary: '退出登录 / log out' } },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      if (principal.sessionHash) await endSession(db, principal.sessionHash);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/auth/me',
    {
      config: { access: 'authenticated', beforePasswordChange: true },
      schema: {
        tags: ['auth'],
        summary: '当前用户 / current user',
        response: { 200: Type.Object({ user: UserSchema, csrfToken: Type.Union([Type.String(), Type.Null()]), permissions: Type.Array(Type.String()) }) },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      return {
        user: (await getUser(db, principal.user.id))!,
        csrfToken: principal.csrfToken ?? null,
        permissions: permissionsOf(principal.user.role),
      };
    },
  );

  app.post(
    '/api/auth/password',
    {
      config: { access: 'authenticated', beforePasswordChange: true },
      schema: {
        tags: ['auth'],
        summary: '修改本人密码 / change own password',
        body: Type.Object({ currentPassword: Type.String({ minLength: 1 }), newPassword: Type.String({ minLength: 1, maxLength: 200 }) }),
        response: { 200: SessionBody },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const row = await findUserByUsername(db, principal.user.username);
      if (!row || !(await verifyPassword(row.password_hash, request.body.currentPassword))) {
        throw problems.badRequest('当前密码不正确', [{ field: 'currentPassword', message: '当前密码不正确' }]);
      }
      const user = await setPassword(db, actorOf(request), row.id, request.body.newPassword, {
        mustChange: false,
        current: request.body.currentPassword,
      });
      // Changing the password ended every session, this one included: hand the browser a fresh one.
      if (principal.via === 'session') {
        const session = await createSession(db, row.id, { ip: request.ip, userAgent: request.headers['user-agent'] ?? null }, {
          idleMinutes: config.sessionIdleMinutes,
          maxHours: config.sessionMaxHours,
        });
        reply.setCookie(SESSION_COOKIE, session.token, cookieOptions);
        return { user, csrfToken: session.csrfToken };
      }
      return { user, csrfToken: '' };
    },
  );

  app.post(
    '/api/auth/tokens',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['auth'],
        summary: '创建 API 令牌 / create a bearer token for API clients',
        body: Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }), expiresInDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 366 })) }),
        response: { 201: Type.Object({ id: Type.Integer(), token: Type.String(), expiresAt: Type.Union([Type.String(), Type.Null()]) }) },
      },
    },
    async (request, reply) => {
      const principal = requirePrincipal(request);
      const days = request.body.expiresInDays ?? 90;
      const expiresAt = new Date(Date.now() + days * 86_400_000);
      const created = await audited(db, actorOf(request), async (trx, audit) => {
        const token = await createApiToken(trx, principal.user.id, request.body.name, expiresAt);
        await audit({ action: 'create', entity: 'api_token', entityId: token.id, after: { name: request.body.name, expiresAt, userId: principal.user.id } });
        return token;
      });
      return reply.code(201).send({ id: created.id, token: created.token, expiresAt: expiresAt.toISOString() });
    },
  );

  app.get(
    '/api/roles',
    {
      config: { access: 'authenticated' },
      schema: { tags: ['auth'], summary: '角色与权限 / roles and their permissions', response: { 200: Type.Array(Type.Object({ role: Type.String(), permissions: Type.Array(Type.String()) })) } },
    },
    async () => ROLES.map((role) => ({ role, permissions: permissionsOf(role) })),
  );
};

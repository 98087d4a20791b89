import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { sql } from 'kysely';
import type { Config } from '../config/index.ts';
import type { Db } from '../db/connect.ts';
import type { Actor } from '../audit/store.ts';
import { HttpProblem, problems } from '../server/problem.ts';
import { isRole, scopeOf, type Permission, type Role } from './roles.ts';
import { findApiToken, findSession } from './sessions.ts';

/**
 * What a route requires: anyone ('public'), any logged-in user ('authenticated'), or a permission.
 * Every /api route must declare one; the server refuses to start otherwise.
 */
export type Access = 'public' | 'authenticated' | Permission;

export interface PrincipalUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  organisationId: number | null;
  mustChangePassword: boolean;
}

export interface Principal {
  user: PrincipalUser;
  via: 'session' | 'token';
  sessionHash?: string;
  csrfToken?: string;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** Reachable while the user still has to replace a one-time password. */
    beforePasswordChange?: boolean;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export const SESSION_COOKIE = 'qs_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

async function loadUser(db: Db, userId: number): Promise<PrincipalUser | null> {
  const row = await db
    .selectFrom('app_user')
    .select(['id', 'username', 'display_name', 'role', 'organisation_id', 'must_change_password', 'active'])
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!row || !row.active || !isRole(row.role)) return null;
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    organisationId: row.organisation_id,
    mustChangePassword: row.must_change_password,
  };
}

async function resolvePrincipal(db: Db, config: Config, request: FastifyRequest): Promise<Principal | null> {
  const authorization = request.headers.authorization;
  if (authorization?.startsWith('Bearer ')) {
    const token = await findApiToken(db, authorization.slice(7).trim());
    if (!token) throw problems.unauthenticated('API 令牌无效、已过期或已吊销 / invalid bearer token');
    const user = await loadUser(db, token.userId);
    if (!user) throw problems.unauthenticated('令牌所属账号已停用 / account disabled');
    return { user, via: 'token' };
  }
  const cookie = request.cookies[SESSION_COOKIE];
  if (!cookie) return null;
  const session = await findSession(db, cookie, {
    idleMinutes: config.sessionIdleMinutes,
    maxHours: config.sessionMaxHours,
  });
  if (!session) return null;
  const user = await loadUser(db, session.userId);
  if (!user) return null;
  return { user, via: 'session', sessionHash: session.tokenHash, csrfToken: session.csrfToken };
}

export function actorOf(request: FastifyRequest): Actor {
  const user = request.principal?.user;
  return { id: user?.id ?? null, name: user?.username ?? 'anonymous', ip: request.ip };
}

export function requirePrincipal(request: FastifyRequest): Principal {
  if (!request.principal) throw problems.unauthenticated();
  return request.principal;
}

/**
 * The organisations whose records the user may touch under a permission: null for all of them,
 * otherwise the user's organisation and everything below it.
 */
export async function organisationScope(db: Db, principal: Principal, permission: Permission): Promise<number[] | null> {
  const scope = scopeOf(principal.user.role, permission);
  if (scope === null) throw problems.forbidden();
  if (scope === 'all') return null;
  if (principal.user.organisationId === null) return [];
  const { rows } = await sql<{ id: number }>`
    WITH RECURSIVE subtree AS (
      SELECT id FROM organisation WHERE id = ${principal.user.organisationId}
      UNION ALL
      SELECT o.id FROM organisation o JOIN subtree s ON o.parent_id = s.id
    )
    SELECT id FROM subtree`.execute(db);
  return rows.map((row) => row.id);
}

export function inScope(scope: number[] | null, organisationId: number | null): boolean {
  return scope === null || (organisationId !== null && scope.includes(organisationId));
}

async function enforce(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
  const config = request.routeOptions.config;
  const access = config.access;
  if (access === undefined) throw new HttpProblem(500, '服务器配置错误', 'route declares no access rule');
  if (access === 'public') return;
  const principal = requirePrincipal(request);
  if (principal.via === 'session' && !SAFE_METHODS.has(request.method)) {
    const header = request.headers['x-csrf-token'];
    if (header !== principal.csrfToken) {
      throw problems.forbidden('缺少或错误的 CSRF 令牌，请刷新页面后重试 / missing or wrong x-csrf-token');
    }
  }
  if (principal.user.mustChangePassword && !config.beforePasswordChange) {
    throw new HttpProblem(403, '请先修改初始密码', '首次登录或密码重置后须先修改密码 / change your password first');
  }
  if (access !== 'authenticated' && scopeOf(principal.user.role, access) === null) throw problems.forbidden();
}

export const accessPlugin = fp(async (app: FastifyInstance, options: { db: Db; config: Config }) => {
  app.decorateRequest('principal', null);
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/api/') && !route.url.startsWith('/api/docs') && route.config?.access === undefined) {
      throw new Error(`route ${route.method} ${route.url} declares no access rule`);
    }
  });
  app.addHook('onRequest', async (request) => {
    request.principal = await resolvePrincipal(options.db, options.config, request);
  });
  app.addHook('preHandler', async (request, reply) => {
    // Unmatched URLs have no route options; the not-found handler answers them.
    const route = request.routeOptions.url;
    if (route?.startsWith('/api/') && !route.startsWith('/api/docs')) await enforce(request, reply);
  });
});

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Db } from '../db/connect.ts';
import { inScope, organisationScope, requirePrincipal } from '../auth/access.ts';
import { scopeOf } from '../auth/roles.ts';
import { problems } from '../server/problem.ts';
import { Nullable, Page, PageQuery } from '../server/schemas.ts';
import { getUser } from '../users/store.ts';
import { toAuditEntry, verifyAudit } from './store.ts';

const AuditEntrySchema = Type.Object({
  id: Type.Integer(),
  at: Type.String(),
  actorId: Nullable(Type.Integer()),
  actorName: Type.String(),
  ip: Nullable(Type.String()),
  action: Type.String(),
  entity: Type.String(),
  entityId: Nullable(Type.String()),
  before: Type.Unknown(),
  after: Type.Unknown(),
  prevHash: Type.String(),
  hash: Type.String(),
});

export const auditRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/api/audit',
    {
      // Anyone may read the history of a record they may read; the whole log needs audit.read.
      config: { access: 'authenticated' },
      schema: {
        tags: ['audit'],
        summary: '审计日志：全部，或一条记录的历史 / audit trail, or one record’s history',
        querystring: Type.Object({
          entity: Type.Optional(Type.String({ maxLength: 40 })),
          entityId: Type.Optional(Type.String({ maxLength: 40 })),
          actorId: Type.Optional(Type.Integer({ minimum: 1 })),
          ...PageQuery,
        }),
        response: { 200: Page(AuditEntrySchema) },
      },
    },
    async (request) => {
      const principal = requirePrincipal(request);
      const { entity, entityId, actorId, page, pageSize } = request.query;
      if (scopeOf(principal.user.role, 'audit.read') === null) {
        if (!entity || !entityId) throw problems.forbidden('只能查看有权查看的记录的历史');
        if (entity === 'user') {
          const scope = await organisationScope(db, principal, 'users.read');
          const user = await getUser(db, Number(entityId));
          if (!user || !inScope(scope, user.organisationId)) throw problems.notFound('记录');
        } else if (entity !== 'organisation' || scopeOf(principal.user.role, 'orgs.read') === null) {
          throw problems.forbidden();
        }
      }
      let query = db.selectFrom('audit_entry');
      if (entity) query = query.where('entity', '=', entity);
      if (entityId) query = query.where('entity_id', '=', entityId);
      if (actorId) query = query.where('actor_id', '=', actorId);
      const [rows, count] = await Promise.all([
        query.selectAll().orderBy('id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute(),
        query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
      ]);
      return {
        items: rows.map(toAuditEntry),
        total: Number(count.total),
        page,
        pageSize,
      };
    },
  );

  app.get(
    '/api/audit/verify',
    {
      config: { access: 'audit.verify' },
      schema: {
        tags: ['audit'],
        summary: '校验审计日志哈希链 / verify the audit hash chain',
        response: {
          200: Type.Object({
            intact: Type.Boolean(),
            entries: Type.Integer(),
            firstBroken: Type.Optional(Type.Object({ id: Type.Integer(), reason: Type.String() })),
          }),
        },
      },
    },
    async () => verifyAudit(db),
  );
};

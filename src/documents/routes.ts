import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Db } from '../db/connect.ts';
import { Nullable } from '../server/schemas.ts';

/** 文件: the city documents that every seeded item is traced to. */
export const documentRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/api/documents',
    {
      config: { access: 'authenticated' },
      schema: {
        tags: ['documents'],
        summary: '依据文件 / the source documents',
        response: { 200: Type.Array(Type.Object({ id: Type.String(), title: Type.String(), file: Nullable(Type.String()), issued: Nullable(Type.String()) })) },
      },
    },
    async () => db.selectFrom('source_document').selectAll().orderBy('id').execute(),
  );
};

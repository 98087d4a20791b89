import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { storageVersions, type Storage } from '../db/connect.ts';
import { schemaVersion } from '../db/migrate.ts';
import { Nullable } from '../server/schemas.ts';
import { PLATFORM_VERSION } from '../paths.ts';

export const healthRoutes: FastifyPluginAsyncTypebox<{ storage: Storage }> = async (app, { storage }) => {
  app.get(
    '/api/health',
    {
      config: { access: 'public' },
      schema: {
        tags: ['system'],
        summary: '运行状态：存储类型与版本 / health: storage kind and versions',
        response: {
          200: Type.Object({
            status: Type.Literal('ok'),
            version: Type.String(),
            storage: Type.Union([Type.Literal('pglite'), Type.Literal('postgres')]),
            postgres: Type.String(),
            postgis: Nullable(Type.String()),
            schemaVersion: Nullable(Type.String()),
          }),
        },
      },
    },
    async () => {
      const versions = await storageVersions(storage.db);
      return { status: 'ok' as const, version: PLATFORM_VERSION, storage: storage.kind, ...versions, schemaVersion: await schemaVersion(storage) };
    },
  );
};

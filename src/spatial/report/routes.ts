import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/connect.ts';

// Placeholder: routes not yet written.
export const reportRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async () => undefined;

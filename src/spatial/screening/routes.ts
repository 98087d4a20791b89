import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/connect.ts';

// Placeholder: routes not yet written.
export const screeningRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async () => undefined;

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/connect.ts';

// Placeholder: demo layers not yet written.
export const demoLayersOnFirstStart: FastifyPluginAsyncTypebox<{ db: Db; enabled: boolean }> = async () => undefined;

/**
 * 一张图 (the one map): layers and their imports, features for the map, project screening, its
 * report, and the standard interfaces (OGC API – Features, vector tiles). Each part is its own plugin.
 */
import fastifyPlugin from 'fastify-plugin';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../db/connect.ts';
import { layerRoutes } from './layers/routes.ts';
import { featureRoutes } from './features/routes.ts';
import { screeningRoutes } from './screening/routes.ts';
import { reportRoutes } from './report/routes.ts';
import { ogcRoutes } from './ogc/routes.ts';
import { demoLayersOnFirstStart } from './demo/first-start.ts';

const spatial: FastifyPluginAsyncTypebox<{ db: Db; demoOnFirstStart: boolean }> = async (app, { db, demoOnFirstStart }) => {
  await app.register(layerRoutes, { db });
  await app.register(featureRoutes, { db });
  await app.register(screeningRoutes, { db });
  await app.register(reportRoutes, { db });
  await app.register(ogcRoutes, { db });
  // Its onListen hook must belong to the root instance to run when the server listens.
  await app.register(fastifyPlugin(demoLayersOnFirstStart), { db, enabled: demoOnFirstStart });
};

export const spatialRoutes = fastifyPlugin(spatial, { name: 'spatial' });

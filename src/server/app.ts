import { existsSync } from 'node:fs';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from '../config/index.ts';
import type { Storage } from '../db/connect.ts';
import { accessPlugin } from '../auth/access.ts';
import { authRoutes } from '../auth/routes.ts';
import { auditRoutes } from '../audit/routes.ts';
import { documentRoutes } from '../documents/routes.ts';
import { taskRoutes } from '../tasks/routes.ts';
import { taskPeopleRoutes } from '../tasks/people/routes.ts';
import { gridRoutes } from '../grids/routes.ts';
import { taskChartRoutes } from '../tasks/charts-routes.ts';
import { taskExportRoutes } from '../tasks/exports/routes.ts';
import { targetRoutes } from '../targets/routes.ts';
import { targetExportRoutes } from '../targets/export-routes.ts';
import { monitoringRoutes } from '../monitoring/routes.ts';
import { airEvaluationRoutes } from '../monitoring/evaluation-routes.ts';
import { alertRoutes } from '../monitoring/alerts/routes.ts';
import { gatewayRoutes } from '../gateway/routes.ts';
import { waterEvaluationRoutes } from '../monitoring/water-evaluation-routes.ts';
import { emissionRoutes } from '../emissions/routes.ts';
import { spatialRoutes } from '../spatial/routes.ts';
import { settingRoutes } from '../settings/routes.ts';
import { calculatorRoutes } from '../monitoring/calculators/routes.ts';
import multipart from '@fastify/multipart';
import { healthRoutes } from '../health/routes.ts';
import { organisationRoutes } from '../orgs/routes.ts';
import { userRoutes } from '../users/routes.ts';
import { PLATFORM_VERSION, WEB_DIST } from '../paths.ts';
import { HttpProblem, validationErrors, type ProblemBody } from './problem.ts';
import { schemaCompilers } from './lazy-compilers.ts';


const PROBLEM_TYPE = 'about:blank';

function sendProblem(reply: import('fastify').FastifyReply, body: ProblemBody, headers?: Record<string, string>) {
  if (headers) reply.headers(headers);
  return reply.code(body.status).type('application/problem+json; charset=utf-8').send(body);
}

export async function buildApp(storage: Storage, config: Config, options: { logger?: boolean; eagerSchemas?: boolean } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger === false ? false : { level: config.logLevel },
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    schemaController: { compilersFactory: schemaCompilers(options.eagerSchemas) },
    ajv: { customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: true, useDefaults: true } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof HttpProblem) {
      return sendProblem(reply, { type: PROBLEM_TYPE, title: error.title, status: error.status, detail: error.detail, errors: error.errors, instance: request.url }, error.headers);
    }
    if (error.validation) {
      const errors = validationErrors(error.validation as never, error.validationContext);
      return sendProblem(reply, {
        type: PROBLEM_TYPE,
        title: '请求参数无效',
        status: 400,
        detail: errors.map((e) => `${e.field}：${e.message}`).join('；'),
        errors,
        instance: request.url,
      });
    }
    if (error.statusCode === 429) {
      return sendProblem(reply, { type: PROBLEM_TYPE, title: '请求过于频繁', status: 429, detail: '请稍后再试 / too many requests', instance: request.url });
    }
    if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      return sendProblem(reply, { type: PROBLEM_TYPE, title: '请求无效', status: error.statusCode, detail: error.message, instance: request.url });
    }
    request.log.error(error);
    return sendProblem(reply, { type: PROBLEM_TYPE, title: '服务器内部错误', status: 500, detail: '已记录，请稍后重试或联系管理员 / internal error, logged', instance: request.url });
  });

  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      info: { title: '青山 Qingshan API', version: PLATFORM_VERSION, description: '生态环境智慧治理平台接口 / eco-environment governance platform API' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'qs_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  await app.register(accessPlugin, { db: storage.db, config });

  await app.register(healthRoutes, { storage });
  await app.register(authRoutes, { db: storage.db, config });
  await app.register(userRoutes, { db: storage.db });
  await app.register(organisationRoutes, { db: storage.db });
  await app.register(auditRoutes, { db: storage.db });
  await app.register(documentRoutes, { db: storage.db });
  await app.register(multipart);
  await app.register(taskRoutes, { db: storage.db });
  await app.register(taskPeopleRoutes, { db: storage.db });
  await app.register(gridRoutes, { db: storage.db });
  await app.register(taskChartRoutes, { db: storage.db });
  await app.register(taskExportRoutes, { db: storage.db, seed: config.seed });
  await app.register(settingRoutes, { db: storage.db });
  await app.register(targetRoutes, { db: storage.db });
  await app.register(targetExportRoutes, { db: storage.db });
  await app.register(calculatorRoutes);
  await app.register(monitoringRoutes, { db: storage.db });
  await app.register(airEvaluationRoutes, { db: storage.db, demoOnFirstStart: config.demoOnFirstStart });
  await app.register(alertRoutes, { db: storage.db });
  await app.register(gatewayRoutes, { db: storage.db });
  await app.register(waterEvaluationRoutes, { db: storage.db });
  await app.register(emissionRoutes, { db: storage.db });
  await app.register(spatialRoutes, { db: storage.db, demoOnFirstStart: config.demoOnFirstStart });

  const hasWeb = existsSync(WEB_DIST + 'index.html');
  if (hasWeb) await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false });

  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/api/') || request.method !== 'GET') {
      return sendProblem(reply, { type: PROBLEM_TYPE, title: '接口不存在', status: 404, detail: `${request.method} ${request.url.split('?')[0]}`, instance: request.url });
    }
    if (!hasWeb) {
      return reply.code(503).type('text/plain; charset=utf-8').send('网页尚未构建，请先运行 npm run build:web / web UI not built: run npm run build:web');
    }
    // Client-side routes: every other GET gets the single-page app.
    return reply.sendFile('index.html');
  });
  return app;
}

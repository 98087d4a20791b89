/** The printable report of a screening (项目准入一图读懂): a DOCX behind the screening's shareable token. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import type { Db } from '../../db/connect.ts';
import { problems } from '../../server/problem.ts';
import { attachment, DOCX_TYPE } from '../../tasks/exports/labels.ts';
import { screeningByToken } from '../screening/service.ts';
import { reportFileName } from './words.ts';

const buildModule = () => import('./build.ts');

const TokenParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 64, description: '筛查的分享令牌 / the screening’s share token' }) });

export const reportRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  app.get(
    '/api/spatial/screenings/:token/report.docx',
    {
      config: { access: 'spatial.read' },
      schema: {
        tags: ['spatial'],
        summary: '建设项目选址生态环境准入筛查报告（DOCX）：选址图、压占要素、距离、管控单元准入清单、规则判定及所用图层和规则版本 / screening report',
        params: TokenParams,
        produces: [DOCX_TYPE],
        response: { 200: { description: 'DOCX 文档', content: { [DOCX_TYPE]: { schema: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }) } } } },
      },
    },
    async (request, reply) => {
      const screening = await screeningByToken(db, request.params.token);
      if (!screening) throw problems.notFound('筛查记录');
      const { screeningReport } = await buildModule();
      const file = await screeningReport(db, screening, new Date());
      return reply.header('content-type', DOCX_TYPE).header('content-disposition', attachment(reportFileName(screening.projectName))).send(file);
    },
  );
};

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Workbook } from 'exceljs';
import { Type } from 'typebox';
import type { Db } from '../db/connect.ts';
import { problems } from '../server/problem.ts';
import { attachment, DOCX_TYPE, XLSX_TYPE } from '../tasks/exports/labels.ts';
import { cityToday } from '../tasks/service.ts';
import { assessmentReport, reportFileName } from './exports/report.ts';
import { assessedDocuments, rowTasks, type ExportDocument } from './exports/rows.ts';

const officeFiles = () => import('./exports/office-files.ts');
type OfficeFiles = Awaited<ReturnType<typeof officeFiles>>;

const YearQuery = Type.Object({
  year: Type.Optional(Type.Integer({ minimum: 1990, maximum: 2100, description: '评估截至年份（默认今年）：只计该年及以前已审核的数值' })),
});

/** A file response in OpenAPI (`produces` alone is Swagger 2's and does not reach an OpenAPI 3 document). */
const fileResponse = (mediaType: string, description: string) => ({ 200: { description, content: { [mediaType]: { schema: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }) } } } });

/** The document tables the platform exports in their own layout. */
const TABLES: Record<string, { name: string; summary: string; workbook: (files: OfficeFiles, db: Db, document: ExportDocument, year: number) => Promise<Workbook> }> = {
  '001': {
    name: '专栏一主要指标',
    summary: '001 专栏一（XLSX，按规划原样：类别、序号、指标名称、基准值、目标、属性，另附最新值、来源、评估、原因）/ 001 column one',
    workbook: async (files, _db, document, year) => files.columnOneWorkbook(document, year),
  },
  '000': {
    name: '附件2任务分解表',
    summary: '000 附件2 任务分解表（XLSX，按原表：领域、任务合并单元格，分项指标逐行，另附主要任务、最新值、评估、原因）/ 000 annex 2',
    workbook: async (files, db, document, year) => files.breakdownWorkbook(document, await rowTasks(db, document.id), year),
  },
};

/** 目标指标 exports: 001 专栏一 and 000 附件2 as XLSX filled with current values; the year's assessment report as DOCX. */
export const targetExportRoutes: FastifyPluginAsyncTypebox<{ db: Db }> = async (app, { db }) => {
  const yearOf = (year?: number) => year ?? Number(cityToday().slice(0, 4));

  for (const [doc, table] of Object.entries(TABLES)) {
    app.get(
      `/api/targets/exports/${doc}.xlsx`,
      {
        config: { access: 'targets.read' },
        schema: { tags: ['targets'], summary: table.summary, querystring: YearQuery, produces: [XLSX_TYPE], response: fileResponse(XLSX_TYPE, 'XLSX 工作簿') },
      },
      async (request, reply) => {
        const year = yearOf(request.query.year);
        const [document] = await assessedDocuments(db, year, { doc });
        if (!document) throw problems.notFound('文件');
        const files = await officeFiles();
        const workbook = await table.workbook(files, db, document, year);
        return reply
          .header('content-type', XLSX_TYPE)
          .header('content-disposition', attachment(`${doc}-${table.name}-${year}年.xlsx`))
          .send(await files.workbookBuffer(workbook));
      },
    );
  }

  app.get(
    '/api/targets/report.docx',
    {
      config: { access: 'targets.read' },
      schema: {
        tags: ['targets'],
        summary: '年度约束性目标评估报告（DOCX）：各文件约束性目标的评估及原因，有风险、未达标目标按牵头单位列示 / year-end assessment report',
        querystring: YearQuery,
        produces: [DOCX_TYPE],
        response: fileResponse(DOCX_TYPE, 'DOCX 文档'),
      },
    },
    async (request, reply) => {
      const report = await assessmentReport(db, yearOf(request.query.year), cityToday());
      const { reportDocx } = await officeFiles();
      return reply.header('content-type', DOCX_TYPE).header('content-disposition', attachment(reportFileName(report))).send(await reportDocx(report));
    },
  );
};

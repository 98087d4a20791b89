import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { uploadedFile } from '../../server/uploads.ts';
import { Type } from 'typebox';
import type { Db } from '../../db/connect.ts';
import { actorOf, requirePrincipal } from '../../auth/access.ts';
import { allOrganisations } from '../../orgs/store.ts';
import { HttpProblem, problems } from '../../server/problem.ts';
import { importTaskList, ImportRefused } from '../import.ts';
import { planTaskList, type Collective } from '../plan.ts';
import { readCollectives } from '../seed.ts';
import { cityToday } from '../service.ts';
import { bulletin, bulletinFileName } from './bulletin.ts';
import { IMPORT_MAX_BYTES } from './import-limits.ts';
import { attachment, DOCX_TYPE, safeFileName, XLSX_TYPE } from './labels.ts';
import type { SheetProblem } from './parse.ts';
import { exportRows } from './rows.ts';

const officeFiles = () => import('./office-files.ts');

const BulletinQuery = Type.Object({
  from: Type.Optional(Type.String({ format: 'date', description: '期间起（默认 to 所在年份的 1 月 1 日）' })),
  to: Type.Optional(Type.String({ format: 'date', description: '截至日期，红黄绿按此日计算（默认今天）' })),
  list: Type.Optional(Type.String({ maxLength: 40, description: '清单标识；不填为全部清单' })),
});

const MB = IMPORT_MAX_BYTES / 1024 / 1024;

function refused(found: SheetProblem[]): HttpProblem {
  return new HttpProblem(400, '导入未执行：清单有误', `共 ${found.length} 处问题，未导入任何数据`, found);
}

/** Exports (清单 XLSX, 通报 DOCX/XLSX) and the XLSX import of a new task list. */
export const taskExportRoutes: FastifyPluginAsyncTypebox<{ db: Db; seed: string }> = async (app, { db, seed }) => {
  const collectives = (): Collective[] => {
    try {
      return readCollectives(seed);
    } catch {
      return [];
    }
  };

  app.get(
    '/api/tasks/lists/:key/export.xlsx',
    {
      config: { access: 'tasks.read' },
      schema: {
        tags: ['tasks'],
        summary: '导出清单（XLSX，按文件原样：事项与措施、单位与时限原文、红黄绿及原因）/ export a task list',
        params: Type.Object({ key: Type.String({ minLength: 1, maxLength: 40 }) }),
        produces: [XLSX_TYPE],
      },
    },
    async (request, reply) => {
      const list = await db.selectFrom('task_list').select(['key', 'title']).where('key', '=', request.params.key).executeTakeFirst();
      if (!list) throw problems.notFound('清单');
      const today = cityToday();
      const rows = await exportRows(db, list.key, today);
      const { listWorkbook, workbookBuffer } = await officeFiles();
      const content = await workbookBuffer(listWorkbook(list, rows, today));
      return reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment(safeFileName(`${list.key}-${list.title}.xlsx`))).send(content);
    },
  );

  app.get(
    '/api/tasks/import-template.xlsx',
    {
      config: { access: 'tasks.read' },
      schema: { tags: ['tasks'], summary: '下载督办清单导入模板（XLSX）/ the import template', produces: [XLSX_TYPE] },
    },
    async (_request, reply) => {
      const [documents, organisations] = await Promise.all([
        db.selectFrom('source_document').select(['id', 'title']).orderBy('id').execute(),
        allOrganisations(db),
      ]);
      const { templateWorkbook, workbookBuffer } = await officeFiles();
      const units = [...organisations.filter((o) => o.active).map((o) => o.name), ...collectives().map((c) => c.text)];
      const content = await workbookBuffer(templateWorkbook({ documents, units: [...new Set(units)] }));
      return reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment('督办清单导入模板.xlsx')).send(content);
    },
  );

  app.post(
    '/api/tasks/import',
    {
      config: { access: 'tasks.manage' },
      schema: {
        tags: ['tasks'],
        summary: `导入新的督办清单（multipart，字段 file：按模板填写的 XLSX，不超过 ${MB} MB；逐行校验，有误则全部不导入）/ import a task list`,
        consumes: ['multipart/form-data'],
        response: { 201: Type.Object({ listId: Type.Integer(), items: Type.Integer() }) },
      },
    },
    async (request, reply) => {
      requirePrincipal(request);
      const content = await uploadedFile(request, IMPORT_MAX_BYTES);
      const { openWorkbook, parseTaskListWorkbook } = await officeFiles();
      const opened = await openWorkbook(content);
      if ('refused' in opened) throw problems.badRequest(opened.refused, [{ field: 'file', message: opened.refused }]);

      const parsed = parseTaskListWorkbook(opened.workbook);
      const known = collectives();
      if (parsed.problems.length > 0) {
        // Report the planning's findings too (units, deadlines), so one round of fixes suffices.
        const organisations = await allOrganisations(db);
        const plan = planTaskList(parsed.input, organisations.map((o) => ({ ...o, fullName: o.fullName ?? undefined })), known);
        const flagged = new Set(parsed.problems.map((p) => p.field));
        const more = plan.problems.map((p) => ({ field: parsed.locate(p.path), message: p.message })).filter((p) => !flagged.has(p.field));
        throw refused([...parsed.problems, ...more]);
      }
      try {
        const result = await importTaskList(db, actorOf(request), parsed.input, { collectives: known });
        return reply.code(201).send(result);
      } catch (error) {
        if (error instanceof ImportRefused) throw refused(error.importProblems.map((p) => ({ field: parsed.locate(p.path), message: p.message })));
        if (error instanceof HttpProblem && error.errors) {
          throw new HttpProblem(error.status, error.title, error.detail, error.errors.map((e) => ({ field: parsed.locate(e.field), message: e.message })), error.headers);
        }
        throw error;
      }
    },
  );

  const period = async (query: { from?: string; to?: string; list?: string }) => {
    const to = query.to ?? cityToday();
    const from = query.from ?? `${to.slice(0, 4)}-01-01`;
    if (from > to) throw problems.badRequest('期间起不能晚于截至日期', [{ field: 'from', message: '不能晚于 to' }]);
    if (query.list) {
      const list = await db.selectFrom('task_list').select('id').where('key', '=', query.list).executeTakeFirst();
      if (!list) throw problems.notFound('清单');
    }
    return bulletin(db, { from, to, listKey: query.list });
  };

  app.get(
    '/api/tasks/bulletin.docx',
    {
      config: { access: 'tasks.read' },
      schema: {
        tags: ['tasks'],
        summary: '督办通报（DOCX）：截至 to 的红色、黄色事项，按牵头和责任单位分列 / bulletin of red and yellow items',
        querystring: BulletinQuery,
        produces: [DOCX_TYPE],
      },
    },
    async (request, reply) => {
      const b = await period(request.query);
      const { bulletinDocx } = await officeFiles();
      return reply.header('content-type', DOCX_TYPE).header('content-disposition', attachment(bulletinFileName(b, 'docx'))).send(await bulletinDocx(b));
    },
  );

  app.get(
    '/api/tasks/bulletin.xlsx',
    {
      config: { access: 'tasks.read' },
      schema: {
        tags: ['tasks'],
        summary: '督办通报（XLSX）：同 DOCX 的各行，另附按单位汇总 / bulletin as a workbook',
        querystring: BulletinQuery,
        produces: [XLSX_TYPE],
      },
    },
    async (request, reply) => {
      const b = await period(request.query);
      const { bulletinWorkbook, workbookBuffer } = await officeFiles();
      return reply.header('content-type', XLSX_TYPE).header('content-disposition', attachment(bulletinFileName(b, 'xlsx'))).send(await workbookBuffer(bulletinWorkbook(b)));
    },
  );
};

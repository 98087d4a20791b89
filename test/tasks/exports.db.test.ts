import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskListInput } from '../../src/tasks/list-format.ts';
import { cityToday } from '../../src/tasks/service.ts';
import { cellText } from '../../src/tasks/exports/cell-text.ts';
import { ITEM_COLUMNS, LIST_FIELDS } from '../../src/tasks/exports/template.ts';
import { startTestApp, userWithToken, type TestApp } from '../support/app.ts';
import { unzipEntry } from '../support/zip.ts';
import { multipartFile } from '../support/multipart.ts';

let t: TestApp;
const tokens: Record<string, string> = {};
const as = (who: string) => ({ authorization: `Bearer ${tokens[who]}` });
const today = cityToday();


const upload = (who: string | null, name: string, content: Buffer) => {
  const body = multipartFile(name, content);
  return t.app.inject({ method: 'POST', url: '/api/tasks/import', headers: { ...body.headers, ...(who ? as(who) : {}) }, payload: body.payload });
};

async function workbookOf(payload: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(payload as unknown as ArrayBuffer);
  return workbook;
}

/** Every item of a colour, page by page. */
async function board(colour: string): Promise<{ id: number; ref: string; title: string; listTitle: string; units: { role: string; name: string }[] }[]> {
  const found = [];
  for (let page = 1; ; page += 1) {
    const response = (await t.app.inject({ method: 'GET', url: `/api/tasks/items?colour=${colour}&pageSize=200&page=${page}`, headers: as('leader') })).json();
    found.push(...response.items);
    if (found.length >= response.total) return found;
  }
}

const template = async () => {
  const response = await t.app.inject({ method: 'GET', url: '/api/tasks/import-template.xlsx', headers: as('inspector') });
  expect(response.statusCode, response.body).toBe(200);
  return workbookOf(response.rawPayload);
};

function fill(workbook: ExcelJS.Workbook, head: Record<string, ExcelJS.CellValue>, rows: Record<string, ExcelJS.CellValue>[]) {
  const list = workbook.getWorksheet('清单')!;
  LIST_FIELDS.forEach((f, index) => {
    list.getCell(3, index + 1).value = head[f.key] ?? null;
  });
  const items = workbook.getWorksheet('事项')!;
  rows.forEach((row, r) => {
    ITEM_COLUMNS.forEach((c, index) => {
      items.getCell(r + 3, index + 1).value = row[c.key] ?? null;
    });
  });
}

const buffer = async (workbook: ExcelJS.Workbook) => Buffer.from(await workbook.xlsx.writeBuffer());
const count = async (table: 'task_list' | 'task_item') => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(t.db)).rows[0]!.n;

beforeAll(async () => {
  t = await startTestApp();
  const users: [string, string, string | null][] = [
    ['admin', 'admin', 'bazhong'],
    ['coordinator', 'coordinator', 'shi-huanweiban'],
    ['leader', 'leader', 'bazhong'],
    ['inspector', 'grid_inspector', 'bazhou'],
    ['forestry', 'unit_user', 'shi-linye-ju'],
  ];
  for (const [name, role, org] of users) tokens[name] = (await userWithToken(t.db, { username: `x-${name}`, role, organisation: org })).token;
});
afterAll(async () => t?.close());

describe('XLSX export of a list', () => {
  it('writes 004 in the document’s layout: 10 items, 46 measures and the entries of 五 措施3, units and deadlines as written', async () => {
    const { rows } = await sql<{ id: number }>`SELECT i.id FROM task_item i JOIN task_list l ON l.id = i.list_id WHERE l.key = '004' AND i.ref = '三' AND i.parent_id IS NULL`.execute(t.db);
    const filed = await t.app.inject({ method: 'POST', url: `/api/tasks/items/${rows[0]!.id}/reports`, headers: as('forestry'), payload: { text: '推进中', progress: 40 } });
    expect(filed.statusCode, filed.body).toBe(201);

    const response = await t.app.inject({ method: 'GET', url: '/api/tasks/lists/004/export.xlsx', headers: as('inspector') });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toContain('spreadsheetml');
    const seed = JSON.parse(readFileSync('seeds/bazhong/tasks/004.json', 'utf8')) as TaskListInput;
    expect(response.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(`004-${seed.list.title}.xlsx`)}`);

    const sheet = (await workbookOf(response.rawPayload)).worksheets[0]!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    const header = (sheet.getRow(2).values as ExcelJS.CellValue[]).slice(1).map((v) => cellText(v));
    expect(header).toEqual(['编号', '上级编号', '事项/整改措施', '原文', '牵头单位', '责任单位', '督导单位', '完成时限', '状态', '红黄绿', '原因', '进度%', '最近报送']);
    expect(sheet.getColumn(3).width).toBeGreaterThan(20);
    expect(sheet.getCell(3, 1).alignment?.wrapText).toBe(true);

    const data: Record<string, ExcelJS.CellValue>[] = [];
    const headings: string[] = [];
    sheet.eachRow((row, r) => {
      if (r <= 2) return;
      const cells = Object.fromEntries(header.map((h, index) => [h, row.getCell(index + 1).value]));
      if (row.getCell(1).isMerged) headings.push(cellText(cells['编号']));
      else data.push(cells);
    });
    expect(headings).toEqual([seed.items[0]!.heading]);
    const items = data.filter((d) => cellText(d['上级编号']) === '');
    const measures = data.filter((d) => seed.items.some((i) => i.ref === cellText(d['上级编号'])));
    expect(items.map((d) => cellText(d['编号']))).toEqual(seed.items.map((i) => i.ref));
    expect(measures).toHaveLength(46);
    expect(data).toHaveLength(10 + 46 + 4);
    expect(data.filter((d) => cellText(d['上级编号']) === '五-3').map((d) => cellText(d['编号']))).toEqual(['（1）', '（2）', '(3)', '(4)']);

    // Row for row, the document's refs, units and deadlines as written.
    const expected = seed.items.flatMap((i) => [
      { parent: '', item: i },
      ...(i.children ?? []).flatMap((c) => [{ parent: i.ref, item: c }, ...(c.children ?? []).map((g) => ({ parent: `${i.ref}-${c.ref}`, item: g }))]),
    ]);
    expect(data.map((d) => [cellText(d['编号']), cellText(d['上级编号']), cellText(d['责任单位']), cellText(d['督导单位']), cellText(d['完成时限'])])).toEqual(
      expected.map(({ parent, item }) => [item.ref, parent, (item.responsible ?? []).join('、'), (item.supervising ?? []).join('、'), item.deadline ?? '']),
    );
    const three = items.find((d) => cellText(d['编号']) === '三')!;
    expect(cellText(three['责任单位'])).toContain('市林业局');
    expect(['红', '黄', '绿']).toContain(cellText(three['红黄绿']));
    expect(three['进度%']).toBe(40);
    expect(three['最近报送']).toBeInstanceOf(Date);
    expect((three['最近报送'] as Date).toISOString().slice(0, 10)).toBe(today);
    expect(cellText(three['原文'])).toBe(seed.items[2]!.text);
  });

  it('answers 404 for an unknown list and 401 without login', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/tasks/lists/nope/export.xlsx', headers: as('leader') })).statusCode).toBe(404);
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/tasks/lists/004/export.xlsx' });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['content-type']).toContain('application/problem+json');
  });
});

describe('import of a new list from the XLSX template', () => {
  it('downloads a template with the 清单 and 事项 sheets, validation lists and an example row', async () => {
    const workbook = await template();
    const list = workbook.getWorksheet('清单')!;
    expect((list.getRow(1).values as ExcelJS.CellValue[]).slice(1)).toEqual(['清单标识', '清单名称', '文件编号', '年份', '报送周期', '验收方式']);
    expect(cellText(list.getCell(2, 1).value)).toContain('小写字母');
    expect(list.getCell(3, 5).dataValidation).toMatchObject({ type: 'list' });
    expect(list.getCell(3, 6).dataValidation).toMatchObject({ type: 'list' });
    const items = workbook.getWorksheet('事项')!;
    expect((items.getRow(1).values as ExcelJS.CellValue[]).slice(1)).toEqual(['编号', '上级编号', '所属标题', '事项', '原文', '条款', '牵头单位', '责任单位', '督导单位', '完成时限', '公开']);
    expect(cellText(items.getCell(2, 4).value)).toContain('【示例】');
  });

  it('imports a filled template whole (201), and its items are on the board', async () => {
    const before = await count('task_list');
    const workbook = await template();
    fill(workbook, { key: 'test-2026', title: '2026年测试督办清单', year: 2026, reportSchedule: '双月', acceptance: '牵头单位验收' }, [
      { ref: '一', heading: '一、大气', title: '开展臭氧攻坚', lead: '市生态环境局', responsible: '市生态环境局、各县（区）人民政府', deadline: '2026年9月底前', public: '是' },
      { ref: '1', parent: '一', title: '治理挥发性有机物', responsible: '市经济和信息化局' },
      { ref: '二', heading: '二、水', title: '推进河湖长制', lead: '市水利局', responsible: '市水利局', deadline: new Date(Date.UTC(2026, 11, 31)), public: '否' },
    ]);
    const response = await upload('coordinator', '清单.xlsx', await buffer(workbook));
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json()).toMatchObject({ items: 3, listId: expect.any(Number) });
    expect(await count('task_list')).toBe(before + 1);

    const board = (await t.app.inject({ method: 'GET', url: '/api/tasks/items?list=test-2026&pageSize=50', headers: as('leader') })).json();
    expect(board.total).toBe(3);
    const one = board.items.find((i: { ref: string; parentRef: string | null }) => i.ref === '一' && i.parentRef === null);
    expect(one).toMatchObject({ title: '开展臭氧攻坚', heading: '一、大气', deadlineText: '2026年9月底前', public: true });
    expect(one.units.filter((u: { role: string }) => u.role === 'responsible').map((u: { name: string }) => u.name)).toEqual(['市生态环境局', '巴州区', '恩阳区', '通江县', '南江县', '平昌县']);
    const two = board.items.find((i: { ref: string }) => i.ref === '二');
    expect(two.deadline).toEqual({ kind: 'date', due: '2026-12-31', ongoingAfter: false });
    expect(board.items.find((i: { ref: string }) => i.ref === '1').parentRef).toBe('一');

    const again = await upload('admin', '清单.xlsx', await buffer(workbook));
    expect(again.statusCode).toBe(409);
    expect(again.json().errors).toEqual([expect.objectContaining({ field: '清单!第3行 清单标识' })]);
  });

  it('refuses a template with an unknown unit in row 5 and an unparseable deadline in row 6, importing nothing', async () => {
    const [lists, items] = [await count('task_list'), await count('task_item')];
    const workbook = await template();
    fill(workbook, { key: 'bad-2026', title: '有误的清单', year: 2026, acceptance: '督导单位验收' }, [
      { ref: '一', title: '第一项', responsible: '市生态环境局', supervising: '市环委办', deadline: '2026年12月底前' },
      { ref: '1', parent: '一', title: '措施一', responsible: '市林业局' },
      { ref: '二', title: '第二项', responsible: '市生态环境局、市不存在局', deadline: '2026年6月' },
      { ref: '三', title: '第三项', responsible: '市水利局', deadline: '尽快' },
    ]);
    const response = await upload('admin', '清单.xlsx', await buffer(workbook));
    expect(response.statusCode, response.body).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const body = response.json();
    expect(body.detail).toContain('未导入任何数据');
    expect(body.errors).toEqual([
      { field: '事项!第5行 责任单位', message: expect.stringContaining('市不存在局') },
      { field: '事项!第6行 完成时限', message: expect.stringContaining('尽快') },
    ]);
    expect(await count('task_list')).toBe(lists);
    expect(await count('task_item')).toBe(items);
  });

  it('reports sheet problems and planning problems together', async () => {
    const workbook = await template();
    fill(workbook, { key: 'bad-2027', title: '有误的清单', year: 2027, acceptance: '督导单位验收' }, [
      { ref: '一', title: '第一项', responsible: '市无此局', public: '也许' },
      { ref: '1', parent: '九', title: '孤立的措施' },
    ]);
    const body = (await upload('admin', '清单.xlsx', await buffer(workbook))).json();
    expect(body.errors.map((e: { field: string }) => e.field)).toEqual(['事项!第3行 公开', '事项!第4行 上级编号', '事项!第3行 责任单位']);
  });

  it('refuses what is not an XLSX workbook', async () => {
    const lists = await count('task_list');
    for (const [name, content] of [
      ['清单.xlsx', Buffer.from('编号,事项\n一,测试\n')],
      ['清单.pdf', Buffer.from('%PDF-1.7\n%%EOF\n')],
      ['清单.xlsx', Buffer.from('PK\u0003\u0004 not really a zip at all')],
    ] as const) {
      const response = await upload('admin', name, content);
      expect(response.statusCode, name).toBe(400);
      expect(response.json().errors[0].field).toBe('file');
    }
    const docx = (await t.app.inject({ method: 'GET', url: `/api/tasks/bulletin.docx?to=${today}`, headers: as('leader') })).rawPayload;
    const wrongZip = await upload('admin', '通报.xlsx', docx);
    expect(wrongZip.statusCode).toBe(400);
    const tooBig = await upload('admin', '大.xlsx', Buffer.alloc(5 * 1024 * 1024 + 10, 1));
    expect(tooBig.statusCode).toBe(400);
    expect(tooBig.json().detail).toContain('5 MB');
    expect(await count('task_list')).toBe(lists);
  });

  it('lets only tasks.manage import: a grid inspector gets 403, anonymous 401', async () => {
    const content = await buffer(await template());
    expect((await upload('inspector', '清单.xlsx', content)).statusCode).toBe(403);
    expect((await upload('leader', '清单.xlsx', content)).statusCode).toBe(403);
    expect((await upload(null, '清单.xlsx', content)).statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/tasks/import-template.xlsx' })).statusCode).toBe(401);
  });
});

describe('通报 of red and yellow items', () => {
  it('writes a DOCX in the government layout naming the units of red items', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/api/tasks/bulletin.docx?from=${today.slice(0, 4)}-01-01&to=${today}`, headers: as('leader') });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toContain('wordprocessingml');
    expect(response.headers['content-disposition']).toContain("filename*=UTF-8''");
    expect(response.rawPayload.subarray(0, 4).toString('binary')).toBe('PK\u0003\u0004');
    const xml = unzipEntry(response.rawPayload, 'word/document.xml')!.toString('utf8');
    expect(xml).toContain('关于生态环境保护督办事项推进情况的通报');
    expect(xml).toContain('通报');
    expect(xml).toContain('仿宋_GB2312');
    expect(xml).toContain('w:eastAsia="宋体"');
    expect(xml).toContain('<w:sz w:val="44"/>');
    const red = await board('red');
    expect(red.length).toBeGreaterThan(0);
    const unit = red.flatMap((i) => i.units.filter((u) => u.role !== 'supervising')).at(0)!;
    expect(xml).toContain(unit.name);
    expect(xml).toMatch(/共 \d+ 项，红色 \d+ 项、黄色 \d+ 项/);
    expect(xml).toContain(`红色 ${red.length} 项`);
  });

  it('writes an XLSX listing every red and yellow item under its units, with a 汇总 sheet', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/api/tasks/bulletin.xlsx?to=${today}`, headers: as('inspector') });
    expect(response.statusCode, response.body).toBe(200);
    const workbook = await workbookOf(response.rawPayload);
    const sheet = workbook.getWorksheet('通报')!;
    const rows: { unit: string; list: string; ref: string; title: string; colour: string }[] = [];
    sheet.eachRow((row, r) => {
      if (r <= 3) return;
      rows.push({ unit: cellText(row.getCell(1).value), list: cellText(row.getCell(3).value), ref: cellText(row.getCell(4).value), title: cellText(row.getCell(5).value), colour: cellText(row.getCell(8).value) });
    });
    const flagged = [...(await board('red')).map((i) => ({ ...i, colour: '红' })), ...(await board('yellow')).map((i) => ({ ...i, colour: '黄' }))];
    expect(flagged.length).toBeGreaterThan(0);
    for (const item of flagged) {
      const units = item.units.filter((u) => u.role !== 'supervising').map((u) => u.name);
      const listed = rows.filter((r) => r.list === item.listTitle && r.title === item.title && (r.ref === item.ref || r.ref.endsWith(`-${item.ref}`)));
      expect(listed.length, `${item.listTitle} ${item.ref}`).toBeGreaterThan(0);
      expect(listed.every((r) => r.colour === item.colour)).toBe(true);
      for (const name of units) expect(listed.map((r) => r.unit), `${item.ref} ${name}`).toContain(name);
    }
    expect(rows.every((r) => r.colour === '红' || r.colour === '黄')).toBe(true);
    const summary = workbook.getWorksheet('汇总')!;
    const units = new Set(rows.map((r) => r.unit));
    expect(summary.rowCount).toBe(1 + units.size + 1);
    const last = summary.getRow(summary.rowCount);
    expect([last.getCell(3).value, last.getCell(4).value]).toEqual([flagged.filter((f) => f.colour === '红').length, flagged.filter((f) => f.colour === '黄').length]);
  });

  it('computes colours as of `to`, scopes by list and checks its query', async () => {
    const early = await t.app.inject({ method: 'GET', url: '/api/tasks/bulletin.xlsx?from=2021-01-01&to=2021-06-30&list=004', headers: as('leader') });
    expect(early.statusCode, early.body).toBe(200);
    const workbook = await workbookOf(early.rawPayload);
    expect(cellText(workbook.getWorksheet('通报')!.getCell(1, 1).value)).toContain('《巴中市贯彻落实第二轮中央生态环境保护督察反馈意见整改实施方案》');
    const lists = new Set<string>();
    workbook.getWorksheet('通报')!.eachRow((row, r) => {
      if (r > 3) lists.add(cellText(row.getCell(3).value));
    });
    expect([...lists].every((l) => l.includes('第二轮中央生态环境保护督察'))).toBe(true);
    expect((await t.app.inject({ method: 'GET', url: '/api/tasks/bulletin.docx?from=2026-02-01&to=2026-01-01', headers: as('leader') })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/api/tasks/bulletin.docx?to=2026-13-45', headers: as('leader') })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/api/tasks/bulletin.xlsx?list=nope', headers: as('leader') })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/tasks/bulletin.docx' })).statusCode).toBe(401);
  });

  it('documents every new route in OpenAPI', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    for (const path of ['/api/tasks/lists/{key}/export.xlsx', '/api/tasks/import-template.xlsx', '/api/tasks/import', '/api/tasks/bulletin.docx', '/api/tasks/bulletin.xlsx']) {
      expect(spec.paths[path], path).toBeDefined();
    }
    expect(spec.paths['/api/tasks/bulletin.docx'].get.parameters.map((p: { name: string }) => p.name).sort()).toEqual(['from', 'list', 'to']);
  });
});

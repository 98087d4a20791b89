// 目标指标 exports through the API: 001 专栏一 and 000 附件2 as XLSX in the documents' own layout with the
// latest approved values and their assessment, and the year's assessment report of binding targets as DOCX.
// The layout is checked against the seed (itself checked against the documents by src/targets/seed.test.ts),
// 附件2's 领域 column against the document's text, the assessments against the scorecard API.
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPath } from '../../src/orgs/seed.ts';
import { getSetting, SETTING_KEYS } from '../../src/settings/store.ts';
import type { IndicatorSeed, IndicatorTarget } from '../../src/targets/model.ts';
import { NO_LEAD_UNIT } from '../../src/targets/exports/report.ts';
import { STATUS_FILLS, STATUS_LABELS } from '../../src/targets/exports/labels.ts';
import { chineseDate } from '../../src/tasks/exports/chinese.ts';
import { DOCX_TYPE, XLSX_TYPE } from '../../src/tasks/exports/labels.ts';
import { cityToday } from '../../src/tasks/service.ts';
import { startTestApp, userWithToken, type TestApp } from '../support/app.ts';
import { docText, nonEmptyLines, readTaskSeed, squeeze } from '../support/seed-docs.ts';
import { unzipEntry } from '../support/zip.ts';

let t: TestApp;
const tokens: Record<string, string> = {};
const as = (who: string) => ({ authorization: `Bearer ${tokens[who]}` });
const seed = JSON.parse(readFileSync(seedPath('bazhong', 'indicators.json'), 'utf8')) as { indicators: IndicatorSeed[] };
const SOURCE = '2025年巴中市生态环境状况公报';

type Placed = IndicatorTarget & { indicator: IndicatorSeed };
/** A document's targets in the seed, in the document's order. */
const seedTargets = (doc: string): Placed[] =>
  seed.indicators
    .flatMap((indicator) => indicator.targets.map((target) => ({ ...target, indicator })))
    .filter((t) => t.placement.doc === doc)
    .sort((a, b) => a.placement.row! - b.placement.row! || (a.placement.sub ?? 0) - (b.placement.sub ?? 0));

type Status = keyof typeof STATUS_LABELS;
interface ScoreRow {
  target: { id: number; doc: string; clause: string; sub: number | null; row: number | null; attribute: string | null };
  indicator: { key: string; name: string };
  assessment: { status: Status };
}
async function scorecard(doc: string, year: number): Promise<ScoreRow[]> {
  const response = await t.app.inject({ method: 'GET', url: `/api/targets/scorecard?doc=${doc}&year=${year}`, headers: as('leader') });
  expect(response.statusCode, response.body).toBe(200);
  // In the table's order (the scorecard keeps the targets' positions, which follow the indicators).
  return (response.json().groups as { rows: ScoreRow[] }[])
    .flatMap((g) => g.rows)
    .sort((a, b) => (a.target.row ?? Infinity) - (b.target.row ?? Infinity) || (a.target.sub ?? 0) - (b.target.sub ?? 0));
}

interface Cell {
  text: string;
  /** The merged range's top-left cell, or the cell itself. */
  master: string;
  fill: string | undefined;
}
/** The table under the header row (3): each line's cells by header; a header over two columns gives both. */
interface Table {
  headers: string[];
  lines: Cell[][];
  column(header: string, nth?: number): number;
}

async function download(url: string, who = 'leader'): Promise<{ headers: Record<string, unknown>; payload: Buffer }> {
  const response = await t.app.inject({ method: 'GET', url, headers: as(who) });
  expect(response.statusCode, response.body).toBe(200);
  return { headers: response.headers, payload: response.rawPayload };
}

async function tableOf(url: string): Promise<Table & { title: string }> {
  const response = await download(url);
  expect(response.headers['content-type']).toContain('spreadsheetml');
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(response.payload as unknown as ArrayBuffer);
  const sheet = workbook.worksheets[0]!;
  const width = sheet.getRow(3).cellCount;
  const read = (r: number, c: number): Cell => {
    const cell = sheet.getCell(r, c);
    const fill = cell.fill?.type === 'pattern' ? (cell.fill.fgColor?.argb as string | undefined) : undefined;
    return { text: String(cell.master.value ?? ''), master: cell.master.address, fill };
  };
  const headers = Array.from({ length: width }, (_, c) => read(3, c + 1).text);
  const lines: Cell[][] = [];
  for (let r = 4; r <= sheet.rowCount; r += 1) lines.push(Array.from({ length: width }, (_, c) => read(r, c + 1)));
  return {
    title: read(1, 1).text,
    headers,
    lines,
    column(header, nth = 0) {
      const found = headers.flatMap((h, c) => (h === header ? [c] : []));
      expect(found.length, header).toBeGreaterThan(nth);
      return found[nth]!;
    },
  };
}

const masters = (table: Table, column: number) => [...new Set(table.lines.map((l) => l[column]!.master))];

/** The 领域 of each 任务 as 附件2 prints it: its characters one per line, above the 任务's numbering "（二）". */
function annexFields(): Map<string, string> {
  const text = docText('000');
  const lines = nonEmptyLines(text.slice(text.indexOf('任务分解表', text.indexOf('附件 2'))));
  const fields = new Map<string, string>();
  let field = '';
  lines.forEach((line, k) => {
    if (line === '生' && lines[k + 1] === '态' && /^[\u4e00-\u9fff]$/u.test(lines[k + 2]!) && /^[\u4e00-\u9fff]$/u.test(lines[k + 3]!)) field = lines.slice(k, k + 4).join('');
    const numbering = /^（([一二三四五六七八九十]+)）$/u.exec(line);
    if (numbering && !fields.has(numbering[1]!)) fields.set(numbering[1]!, field);
  });
  return fields;
}

beforeAll(async () => {
  t = await startTestApp();
  const users: [string, string, string | null][] = [
    ['eeb', 'unit_user', 'shi-shengtaihuanjing-ju'],
    ['eeb2', 'unit_user', 'shi-shengtaihuanjing-ju'],
    ['coordinator', 'coordinator', 'shi-huanweiban'],
    ['coordinator2', 'coordinator', 'shi-huanweiban'],
    ['leader', 'leader', 'bazhong'],
  ];
  for (const [name, role, org] of users) tokens[name] = (await userWithToken(t.db, { username: `tx-${name}`, role, organisation: org })).token;

  // 优良天数比例 2025, entered by 市生态环境局 and approved by a colleague; the province's 2025 figure for
  // 001 专栏一 序号1 (完成省考核目标); 森林覆盖率 2025 below 001's ">63", entered by 市环委办.
  const enterAndApprove = async (who: string, approver: string, key: string, value: number) => {
    const entered = await t.app.inject({ method: 'POST', url: `/api/indicators/${key}/values`, headers: as(who), payload: { year: 2025, value, source: SOURCE } });
    expect(entered.statusCode, entered.body).toBe(201);
    const id = entered.json().id as number;
    for (const [actor, action] of [
      [who, 'submit'],
      [approver, 'approve'],
    ]) {
      const moved = await t.app.inject({ method: 'POST', url: `/api/indicator-values/${id}/transitions`, headers: as(actor!), payload: { action } });
      expect(moved.statusCode, moved.body).toBe(200);
    }
  };
  await enterAndApprove('eeb', 'eeb2', 'air-good-days-ratio', 98.1);
  await enterAndApprove('coordinator', 'coordinator2', 'forest-coverage', 62.5);
  const row1 = (await scorecard('001', 2025)).find((r) => r.target.clause === '专栏一 序号1')!;
  const figure = await t.app.inject({ method: 'PUT', url: `/api/indicator-targets/${row1.target.id}/figures/2025`, headers: as('coordinator'), payload: { value: 96, source: '省考核目标' } });
  expect(figure.statusCode, figure.body).toBe(200);
});
afterAll(async () => t?.close());

describe('001 专栏一 as XLSX', () => {
  it('keeps the plan’s layout: 25 序号 under 5 merged categories, names, baselines, targets and attributes as written', async () => {
    const table = await tableOf('/api/targets/exports/001.xlsx?year=2025');
    const targets = seedTargets('001');
    expect(table.title).toContain('专栏一');
    expect(table.lines).toHaveLength(targets.length);
    const [category, row, name, subName, baseline, target, attribute] = ['类别', '序号', '指标名称', '指标名称', '2020年基准值', '2025年目标', '指标属性'].map((h, i) =>
      table.column(h, i === 3 ? 1 : 0),
    ) as [number, number, number, number, number, number, number];

    const rows = masters(table, row).map((m) => table.lines.find((l) => l[row]!.master === m)![row]!.text);
    expect(rows).toEqual(Array.from({ length: 25 }, (_, k) => String(k + 1)));
    const groups = [...new Set(targets.map((x) => x.placement.group))];
    expect(groups).toHaveLength(5);
    expect(masters(table, category).map((m) => table.lines.find((l) => l[category]!.master === m)![category]!.text)).toEqual(groups);

    targets.forEach((expected, k) => {
      const line = table.lines[k]!;
      const at = expected.placement.clause;
      expect(line[row]!.text, at).toBe(String(expected.placement.row));
      expect(line[category]!.text, at).toBe(expected.placement.group);
      expect(line[baseline]!.text, at).toBe(expected.indicator.baselines.find((b) => b.doc === '001' && b.clause === at)!.asWritten);
      expect(line[target]!.text, at).toBe(expected.placement.targetAsWritten);
      expect(line[attribute]!.text, at).toBe({ binding: '约束性', expected: '预期性', reference: '参考性' }[expected.attribute!]);
      if (expected.placement.sub === null) {
        expect(line[name]!.text, at).toBe(expected.placement.nameAsWritten);
        expect(line[subName]!.master, `${at}: the name spans both name columns`).toBe(line[name]!.master);
      } else {
        expect(line[name]!.text, at).toBe(expected.placement.rowNameAsWritten);
        expect(line[subName]!.text, at).toBe(expected.placement.nameAsWritten);
      }
    });
    // 序号11 (生态保护红线、自然保护地) is one row of the plan over the seed's two indicators.
    const eleven = table.lines.filter((l) => l[row]!.text === '11');
    expect(eleven).toHaveLength(targets.filter((x) => x.placement.row === 11).length);
    expect(eleven.length).toBeGreaterThan(1);
    expect(new Set(eleven.map((l) => l[row]!.master)).size).toBe(1);
    expect(new Set(eleven.map((l) => l[subName]!.master)).size).toBe(eleven.length);
  });

  it('shows a value approved through the API with its source and assessment, coloured, and not before its year', async () => {
    const table = await tableOf('/api/targets/exports/001.xlsx?year=2025');
    const [row, latest, source, status] = ['序号', '最新值', '来源', '评估'].map((h) => table.column(h)) as [number, number, number, number];
    const first = table.lines.find((l) => l[row]!.text === '1')!;
    expect(first[latest]!.text).toBe('98.1%（2025年）');
    expect(first[source]!.text).toBe(SOURCE);
    expect(first[status]!.text).toBe(STATUS_LABELS.met);
    expect(first[status]!.fill).toBe(STATUS_FILLS.met);
    const forest = table.lines.find((l) => l[row]!.text === '14')!;
    expect(forest[status]!.text).toBe(STATUS_LABELS.not_met);
    expect(forest[status]!.fill).toBe(STATUS_FILLS.not_met);

    const expected = await scorecard('001', 2025);
    expect(table.lines.map((l) => l[status]!.text)).toEqual(expected.map((r) => STATUS_LABELS[r.assessment.status]));
    expect(table.lines.map((l) => l[status]!.fill)).toEqual(expected.map((r) => STATUS_FILLS[r.assessment.status]));
    expect(table.lines.every((l) => l[table.column('原因')]!.text !== '')).toBe(true);

    const before = await tableOf('/api/targets/exports/001.xlsx?year=2024');
    const earlier = before.lines.find((l) => l[row]!.text === '1')!;
    expect(earlier[latest]!.text).toBe('');
    expect(earlier[status]!.text).toBe(STATUS_LABELS.no_data);
  });
});

describe('000 附件2 任务分解表 as XLSX', () => {
  it('keeps the table’s layout: 领域 and 任务 merged, rows 1–38, row 11’s sub-indicators under one row, 主要任务 and units', async () => {
    const table = await tableOf('/api/targets/exports/000.xlsx?year=2025');
    const targets = seedTargets('000');
    expect(table.title).toContain('任务分解表');
    expect(table.lines).toHaveLength(targets.length);
    const column = (h: string, nth = 0) => table.column(h, nth);
    const [field, task, row, name, subName, value, attribute, work, deadline, lead, responsible] = [
      column('领域'),
      column('任务'),
      column('序号'),
      column('指标名称'),
      column('指标名称', 1),
      column('指标值'),
      column('指示属性'),
      column('主要任务'),
      column('完成时限'),
      column('牵头单位'),
      column('责任单位'),
    ] as number[] as [number, number, number, number, number, number, number, number, number, number, number];

    const rows = masters(table, row).map((m) => table.lines.find((l) => l[row]!.master === m)![row]!.text);
    expect(rows).toEqual(Array.from({ length: 38 }, (_, k) => String(k + 1)));

    const fields = annexFields();
    const works = new Map(
      readTaskSeed('000')
        .items.filter((i) => i.indicator)
        .map((i) => [i.indicator!.row, i.text]),
    );
    targets.forEach((expected, k) => {
      const line = table.lines[k]!;
      const at = `${expected.placement.clause} ${expected.placement.nameAsWritten}`;
      const numbering = /^（([一二三四五六七八九十]+)）/u.exec(expected.placement.group!)![1]!;
      expect(line[field]!.text, at).toBe(fields.get(numbering));
      expect(line[task]!.text, at).toBe(expected.placement.group);
      expect(line[row]!.text, at).toBe(String(expected.placement.row));
      expect(line[value]!.text, at).toBe(expected.placement.targetAsWritten);
      expect(line[attribute]!.text, at).toBe({ binding: '约束性', expected: '预期性', reference: '参考性' }[expected.attribute!]);
      expect(squeeze(line[work]!.text), at).toBe(squeeze(works.get(expected.placement.row!)!));
      expect(line[deadline]!.text, at).toBe(expected.deadlineText);
      expect(line[lead]!.text, at).toBe(expected.lead.join('、'));
      expect(line[responsible]!.text, at).toBe(expected.responsible.join('、'));
      if (expected.placement.sub === null) expect(line[subName]!.master, at).toBe(line[name]!.master);
      else expect([line[name]!.text, line[subName]!.text], at).toEqual([expected.placement.rowNameAsWritten, expected.placement.nameAsWritten]);
    });
    expect(new Set(table.lines.map((l) => l[field]!.text)).size).toBe(new Set(fields.values()).size);
    expect(masters(table, field)).toHaveLength(new Set(fields.values()).size);
    expect(masters(table, task)).toHaveLength(new Set(targets.map((x) => x.placement.group)).size);

    // 第11行 环境空气质量: one row over 优良天数比例 and PM2.5浓度下降幅度, its shared cells merged.
    const eleven = table.lines.filter((l) => l[row]!.text === '11');
    expect(eleven.map((l) => l[subName]!.text)).toEqual(targets.filter((x) => x.placement.row === 11).map((x) => x.placement.nameAsWritten));
    expect(eleven.length).toBeGreaterThan(1);
    for (const shared of [row, name, value, attribute, work, deadline, lead, responsible]) expect(new Set(eleven.map((l) => l[shared]!.master)).size, table.headers[shared]).toBe(1);
    expect(new Set(eleven.map((l) => l[table.column('评估')]!.master)).size).toBe(eleven.length);
    // 第15行: three sub-indicators with three different 指标值, each in its own cell.
    const fifteen = table.lines.filter((l) => l[row]!.text === '15');
    expect(new Set(fifteen.map((l) => l[value]!.master)).size).toBe(new Set(targets.filter((x) => x.placement.row === 15).map((x) => x.placement.targetAsWritten)).size);
  });

  it('fills the latest approved value and the assessment of each sub-indicator', async () => {
    const table = await tableOf('/api/targets/exports/000.xlsx?year=2025');
    const [row, latest, status] = ['序号', '最新值', '评估'].map((h) => table.column(h)) as [number, number, number];
    const air = table.lines.filter((l) => l[row]!.text === '11')[0]!;
    expect(air[latest]!.text).toBe('98.1%（2025年）');
    const expected = await scorecard('000', 2025);
    expect(table.lines.map((l) => l[status]!.text)).toEqual(expected.map((r) => STATUS_LABELS[r.assessment.status]));
    expect(table.lines.map((l) => l[status]!.fill)).toEqual(expected.map((r) => STATUS_FILLS[r.assessment.status]));
  });
});

describe('the year’s assessment report as DOCX', () => {
  it('names every binding target with its assessment, lists those at risk or not met by lead unit, and dates the report', async () => {
    const { headers, payload } = await download('/api/targets/report.docx?year=2025', 'coordinator');
    expect(headers['content-type']).toContain('wordprocessingml');
    expect(headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('2025年度约束性目标评估报告.docx')}`);
    const xml = unzipEntry(payload, 'word/document.xml')!.toString('utf8');
    const text = [...xml.matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/gu)].map((m) => m[1]).join('');
    const city = await t.db.selectFrom('organisation').select('name').where('kind', '=', 'city').executeTakeFirstOrThrow();
    expect(text.startsWith(`${city.name}2025年度约束性目标评估报告`)).toBe(true);

    const binding = seed.indicators.flatMap((i) => i.targets.filter((x) => x.attribute === 'binding').map((x) => ({ name: i.name, clause: x.placement.clause, doc: x.placement.doc })));
    expect(text).toContain(`纳入评估的约束性目标共 ${binding.length} 项`);
    for (const b of binding) expect(text, `${b.doc} ${b.clause}`).toContain(`${b.name}（${b.clause}）`);
    // 002, 003 and 004 label no target: those whose indicator is binding in 000 or 001 are shown apart, for reference.
    const bindingKeys = new Set(seed.indicators.filter((i) => i.targets.some((x) => x.attribute === 'binding')).map((i) => i.key));
    const unlabelled = seed.indicators.flatMap((i) =>
      i.targets.filter((x) => x.attribute === null && bindingKeys.has(i.key)).map((x) => `${i.name}（${x.placement.doc} ${x.placement.clause}）`),
    );
    expect(unlabelled.length).toBeGreaterThan(0);
    const flaggedHeading = '有风险和未达标的约束性目标（按牵头单位）';
    const unlabelledPart = text.slice(text.indexOf('未标注属性的目标'), text.indexOf(flaggedHeading));
    expect(unlabelledPart).toContain('未标注目标的约束性或预期性属性，其目标未计入上述约束性目标');
    for (const doc of ['002', '003', '004']) {
      const count = seed.indicators.flatMap((i) => i.targets).filter((x) => x.placement.doc === doc && x.attribute === null).length;
      expect(unlabelledPart).toContain(`《${(await t.db.selectFrom('source_document').select('title').where('id', '=', doc).executeTakeFirstOrThrow()).title}》（${count} 项）`);
    }
    for (const u of unlabelled) expect(unlabelledPart, u).toContain(u);
    const others = seed.indicators.flatMap((i) =>
      i.targets
        .filter((x) => x.attribute !== 'binding' && !(x.attribute === null && bindingKeys.has(i.key)))
        .flatMap((x) => [`${i.name}（${x.placement.clause}）`, `${i.name}（${x.placement.doc} ${x.placement.clause}）`]),
    );
    expect(others.length).toBeGreaterThan(0);
    for (const other of others) expect(text).not.toContain(other);
    const documents = new Set(binding.map((b) => b.doc)).size;
    expect(xml.match(/<w:tr[ >]/gu)).toHaveLength(binding.length + documents + unlabelled.length + 1);

    const flaggedPart = text.slice(text.indexOf(flaggedHeading));
    expect(flaggedPart.length).toBeGreaterThan(flaggedHeading.length);
    const titles = new Map((await t.db.selectFrom('source_document').select(['id', 'title']).execute()).map((d) => [d.id, d.title]));
    let flagged = 0;
    for (const doc of ['000', '001', '002', '003', '004']) {
      for (const r of (await scorecard(doc, 2025)).filter((x) => x.target.attribute === 'binding')) {
        const listed = flaggedPart.includes(`${r.indicator.name}（《${titles.get(doc)}》${r.target.clause}）：${STATUS_LABELS[r.assessment.status]}`);
        expect(listed, `${doc} ${r.target.clause} ${r.assessment.status}`).toBe(r.assessment.status === 'at_risk' || r.assessment.status === 'not_met');
        if (listed) flagged += 1;
      }
    }
    expect(flagged).toBeGreaterThan(0);
    // 专栏一 names no units: 森林覆盖率 below target stands under the heading for targets without a lead unit.
    expect(flaggedPart.slice(flaggedPart.indexOf(NO_LEAD_UNIT))).toContain(`森林覆盖率（《${titles.get('001')}》专栏一 序号14）：未达标`);

    const coordinator = await t.db
      .selectFrom('organisation')
      .select(['name', 'full_name'])
      .where('id', '=', (await getSetting<number>(t.db, SETTING_KEYS.coordinatorOrganisation, -1)))
      .executeTakeFirstOrThrow();
    expect(text.endsWith(`${coordinator.full_name ?? coordinator.name}${chineseDate(cityToday())}`)).toBe(true);
    // GB/T 9704: A4, its margins, a 二号 title and 仿宋 body.
    expect(xml).toContain('<w:pgSz w:w="11906" w:h="16838"');
    expect(xml).toMatch(/<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/u);
    expect(xml).toContain('<w:sz w:val="44"/>');
    expect(xml).toContain('仿宋_GB2312');
  });

  it('judges as of the year asked', async () => {
    const { payload } = await download('/api/targets/report.docx?year=2024');
    const text = [...unzipEntry(payload, 'word/document.xml')!.toString('utf8').matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>/gu)].map((m) => m[1]).join('');
    expect(text).toContain('2024年度约束性目标评估报告');
    expect(text).toContain('截至2024年');
    expect(text).not.toContain('98.1%（2025年）');
  });
});

describe('the routes', () => {
  it('check their query and refuse anonymous callers', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/targets/exports/001.xlsx?year=abc', headers: as('leader') })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/api/targets/report.docx?year=1800', headers: as('leader') })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'GET', url: '/api/targets/exports/000.xlsx' })).statusCode).toBe(401);
  });

  it('are documented in OpenAPI with their year', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    for (const path of ['/api/targets/exports/001.xlsx', '/api/targets/exports/000.xlsx', '/api/targets/report.docx']) {
      const get = spec.paths[path]?.get;
      expect(get, path).toBeDefined();
      expect(get.summary, path).toMatch(/[\u4e00-\u9fff]/u);
      expect(get.parameters.map((p: { name: string }) => p.name), path).toEqual(['year']);
      expect(Object.keys(get.responses['200'].content), path).toEqual([path.endsWith('.docx') ? DOCX_TYPE : XLSX_TYPE]);
    }
  });
});

import { describe, it, expect } from 'vitest';
import {
  allItems, brokenCopy, docText, nonEmptyLines, organisationSeed, quoteChecker, readTaskSeed, SEED_ITEM_FIELDS, squeeze, unitProblems,
  type SeedItem, type SeedTaskList,
} from '../../test/support/seed-docs.ts';

// The task list seeded from document 000 (巴中市创建国家生态文明建设示范市工作实施方案): its nine
// 重点任务 and the 38 rows of 附件2 任务分解表. Every check re-reads the source text, so the seed
// cannot drift from the document without a test noticing.

const seed = readTaskSeed('000');
const raw = docText('000');

// ---- 三、重点任务, read from the raw text -------------------------------------------------

interface KeyTask { ref: string; text: string }

/** The section runs from "三、重点任务" to "四、保障措施"; its tasks are numbered （一）…（九）. */
function parseKeyTasks(text: string): KeyTask[] {
  const lines = nonEmptyLines(text);
  const start = lines.indexOf('三、重点任务');
  const end = lines.indexOf('四、保障措施');
  expect(start).toBeGreaterThan(0);
  expect(end).toBeGreaterThan(start);
  const body = lines.slice(start + 1, end).join('');
  const parts = body.split(/(（[一二三四五六七八九十]+）)/u);
  expect(parts[0]).toBe('');
  const tasks: KeyTask[] = [];
  for (let i = 1; i < parts.length; i += 2) tasks.push({ ref: parts[i]!, text: parts[i + 1]! });
  return tasks;
}

// ---- 附件2 任务分解表, read from the raw text ----------------------------------------------

interface TableRow {
  row: string;
  group: string;
  /** The 指标名称 cell (a row with sub-indicators lists them in further cells, not part of the name). */
  indicator: string;
  task: string;
  deadline: string;
  lead: string[];
  responsible: string[];
}

const GROUP = /^（[一二三四五六七八九十]+）$/u;
const ROW_NUMBER = /^(\d{1,2})(\s|$)/u;
const ATTRIBUTE = /(约束性|参考性)$/u;

/**
 * The table is flattened to one cell fragment per line. A row: its number (sometimes with the
 * indicator on the same line), the 指标名称/指标值 cells, the 属性 cell (约束性/参考性), the 主要任务
 * cell, the 完成时限 cell (持续/推进|保持, or 2020/年/12/月), the 牵头单位 cell (narrow: lines of at
 * most five characters, several names run together) and the 责任单位 cell (wider, names separated
 * by 、，). A row ends at the next row number, a task group （二）, a page header (领/域…) or a 领域
 * label (生/态…). A page header repeats the current task group.
 */
function parseTable(text: string): TableRow[] {
  const annex = text.indexOf('任务分解表', text.indexOf('附件 2'));
  expect(annex).toBeGreaterThan(0);
  // Cells of one column are separated by blank lines in the text file; keep that for the 指标名称.
  const withBlanks = text.slice(annex).split(/\r?\n/u).map((l) => l.trim());
  const lines: string[] = [];
  const blankBefore: boolean[] = [];
  withBlanks.forEach((l, k) => {
    if (l === '') return;
    lines.push(l);
    blankBefore.push(k > 0 && withBlanks[k - 1] === '');
  });
  const rows: TableRow[] = [];
  let group = '';
  let groupOpen = false;
  let i = 0;
  const isRowNumber = (k: number): boolean => ROW_NUMBER.test(lines[k]!) && lines[k + 1] !== '月';
  const endsRow = (k: number): boolean =>
    isRowNumber(k) || GROUP.test(lines[k]!) || lines[k] === '领' || (lines[k] === '生' && lines[k + 1] === '态');

  while (i < lines.length) {
    const line = lines[i]!;
    if (GROUP.test(line)) {
      group = line;
      groupOpen = true;
      i += 1;
      continue;
    }
    if (!isRowNumber(i)) {
      if (groupOpen) group += line;
      i += 1;
      continue;
    }
    groupOpen = false;
    const row = ROW_NUMBER.exec(line)![1]!;

    // 指标名称: the rest of the number's line ("7 三线一单 制定实施 约束性"), or the lines after it up
    // to the next blank line, except where the blank splits a unit in brackets: （立方米/ ⏎⏎ 万元）.
    let indicator: string;
    const words = line.split(/\s+/u).filter((w) => w !== '');
    if (words.length > 1) {
      indicator = words[1]!;
    } else {
      indicator = lines[i + 1]!;
      for (let k = i + 2; !blankBefore[k] || indicator.endsWith('/'); k++) indicator += lines[k]!;
    }
    // … 指标值 … 属性
    while (!ATTRIBUTE.test(lines[i]!)) i += 1;
    i += 1;

    // 主要任务, up to the 完成时限 cell
    const task: string[] = [];
    while (!(lines[i] === '持续' || (/^\d{4}$/u.test(lines[i]!) && lines[i + 1] === '年'))) task.push(lines[i++]!);

    // 完成时限
    let deadline: string;
    if (lines[i] === '持续') {
      expect(['推进', '保持'], `row ${row}`).toContain(lines[i + 1]);
      deadline = `持续${lines[i + 1]!}`;
      i += 2;
    } else {
      expect(lines[i + 3], `row ${row}`).toBe('月');
      expect(lines[i + 2], `row ${row}`).toMatch(/^\d{1,2}$/u);
      deadline = lines.slice(i, i + 4).join('');
      i += 4;
    }

    // 牵头单位 and 责任单位
    const cells: string[] = [];
    while (i < lines.length && !endsRow(i)) cells.push(lines[i++]!);
    const wide = cells.findIndex((l) => l.length >= 6);
    const leadCell = cells.slice(0, wide < 0 ? cells.length : wide).join('');
    const responsibleCell = wide < 0 ? '' : cells.slice(wide).join('');
    // Lead units in one cell run together: 市生态环境局市中级人民法院市人民检察院市公安局.
    const lead = leadCell.split(/(?<=[局室部院会])(?=市)/u).filter((u) => u !== '');
    const responsible = responsibleCell.split(/[、，,]/u).filter((u) => u !== '');

    rows.push({ row, group, indicator, task: task.join(''), deadline, lead, responsible });
  }
  return rows;
}

const keyTasks = parseKeyTasks(raw);
const table = parseTable(raw);

// ---- Checks, written as functions returning problems so that a broken copy can be checked too --

const keyItems = (list: SeedTaskList): SeedItem[] => list.items.filter((it) => it.indicator === null);
const rowItems = (list: SeedTaskList): SeedItem[] => list.items.filter((it) => it.indicator !== null);

function checkKeyTasks(list: SeedTaskList): string[] {
  const problems: string[] = [];
  const items = keyItems(list);
  if (items.length !== keyTasks.length) problems.push(`${items.length} key tasks, the document has ${keyTasks.length}`);
  keyTasks.forEach((task, k) => {
    const item = items[k];
    if (item === undefined) return;
    if (item.ref !== task.ref) problems.push(`key task ${k}: ref ${item.ref}, document ${task.ref}`);
    if (item.text !== task.text) problems.push(`${task.ref}: text differs from the document`);
    const title = task.text.split('。')[0]!;
    if (item.title !== title) problems.push(`${task.ref}: title ${item.title}, document ${title}`);
    if (item.heading !== '三、重点任务') problems.push(`${task.ref}: heading ${item.heading}`);
    // The paragraphs name no units, deadlines or numbered sub-points.
    if (item.lead.length + item.responsible.length + item.supervising.length > 0) problems.push(`${task.ref}: units`);
    if (item.deadline !== null) problems.push(`${task.ref}: deadline`);
    if (item.children.length > 0) problems.push(`${task.ref}: children`);
  });
  // Key tasks come first.
  const firstRow = list.items.findIndex((it) => it.indicator !== null);
  if (firstRow >= 0 && list.items.slice(firstRow).some((it) => it.indicator === null)) problems.push('key tasks must precede the table rows');
  return problems;
}

function checkRows(list: SeedTaskList): string[] {
  const problems: string[] = [];
  const items = rowItems(list);
  const refs = items.map((it) => it.ref);
  const expected = table.map((r) => r.row);
  if (JSON.stringify(refs) !== JSON.stringify(expected)) problems.push(`rows ${refs.join(',')} ≠ table ${expected.join(',')}`);
  for (const row of table) {
    const at = `row ${row.row}`;
    const item = items.find((it) => it.ref === row.row);
    if (item === undefined) {
      problems.push(`${at} is missing`);
      continue;
    }
    const same = (field: string, a: unknown, b: unknown): void => {
      if (JSON.stringify(a) !== JSON.stringify(b)) problems.push(`${at} ${field}: ${JSON.stringify(a)} ≠ table ${JSON.stringify(b)}`);
    };
    same('ref', item.ref, row.row);
    same('indicator.row', item.indicator?.row, Number(row.row));
    same('clause', item.clause, `附件2 第${row.row}行`);
    same('text', item.text, row.task);
    same('deadline', item.deadline, row.deadline);
    same('lead', item.lead, row.lead);
    same('responsible', item.responsible, row.responsible);
    same('heading', item.heading, row.group);
    if (!row.task.startsWith(item.title) || item.title.length === 0) problems.push(`${at} title is not the lead of its 主要任务`);
    same('indicator.name', item.indicator?.name, row.indicator);
    for (const t of item.targets) {
      if (!squeeze(item.text).includes(squeeze(t.text))) problems.push(`${at} target ${t.text} not in its text`);
      if (t.subject !== null && !squeeze(t.text).includes(squeeze(t.subject))) problems.push(`${at} target subject ${t.subject}`);
      if (t.quantity !== null && !t.text.includes(String(t.quantity))) problems.push(`${at} target quantity ${t.quantity}`);
    }
  }
  return problems;
}

function checkVerbatim(list: SeedTaskList): string[] {
  const { quoted, problems } = quoteChecker(raw);
  quoted('list.title', list.list.title);
  quoted('list.scheduleSource', list.list.scheduleSource);
  for (const it of allItems(list)) {
    quoted(`${it.ref} text`, it.text);
    quoted(`${it.ref} title`, it.title);
    quoted(`${it.ref} heading`, it.heading);
    quoted(`${it.ref} deadline`, it.deadline);
    if (it.indicator !== null) quoted(`${it.ref} indicator`, it.indicator.name);
    for (const t of it.targets) quoted(`${it.ref} target`, t.text);
    for (const u of [...it.lead, ...it.responsible, ...it.supervising, ...it.persons]) quoted(`${it.ref} unit`, u);
  }
  return problems;
}

const checkUnits = (list: SeedTaskList): string[] => unitProblems(list, (it) => it.ref);

// ---- Tests ---------------------------------------------------------------------------------

describe('task seed 000: the parsers read the document', () => {
  it('finds the nine key tasks （一）…（九）', () => {
    expect(keyTasks.map((t) => t.ref)).toEqual(['（一）', '（二）', '（三）', '（四）', '（五）', '（六）', '（七）', '（八）', '（九）']);
    expect(keyTasks[8]!.text.endsWith('积极建设节约型政府。')).toBe(true);
  });

  it('finds rows 1..38 of 附件2 in order, each with every cell', () => {
    expect(table.map((r) => r.row)).toEqual(Array.from({ length: 38 }, (_, k) => String(k + 1)));
    for (const r of table) {
      expect(r.task.length, r.row).toBeGreaterThan(40);
      expect(r.task.endsWith('。'), r.row).toBe(true);
      expect(['持续推进', '持续保持', '2020年12月'], r.row).toContain(r.deadline);
      expect(r.lead.length, r.row).toBeGreaterThan(0);
      expect(r.responsible.length, r.row).toBeGreaterThan(0);
      expect(r.group, r.row).toMatch(/^（[一二三四五六七八九十]+）\p{Script=Han}{4,}$/u);
    }
    // Rows 2, 19, 33, 36, 37, 38 have two lead units and row 4 four: 47 in all.
    expect(table.flatMap((r) => r.lead)).toHaveLength(47);
    expect(table.find((r) => r.row === '4')!.lead).toEqual(['市生态环境局', '市中级人民法院', '市人民检察院', '市公安局']);
    // Row 35's lead and responsible cells are not separated by a blank line in the text file.
    expect(table.find((r) => r.row === '35')).toMatchObject({ lead: ['市财政局'], responsible: ['各区县党委和人民政府', '巴中经开区'] });
    expect(table.filter((r) => r.deadline.startsWith('持续')).map((r) => r.row)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10']);
    // 指标名称 cells: on the number's line, wrapped over lines, split by a blank line inside a unit,
    // and followed by sub-indicators that are not part of the name.
    const indicator = (n: string): string => table.find((r) => r.row === n)!.indicator;
    expect(indicator('7')).toBe('三线一单');
    expect(indicator('1')).toBe('生态文明建设规划');
    expect(indicator('11')).toBe('环境空气质量');
    expect(indicator('22')).toBe('单位地区生产总值用水量（立方米/万元）');
    expect(indicator('34')).toBe('绿色产品市场占有率');
  });
});

describe('task seed 000: the list', () => {
  it('describes document 000 and its quarterly reports', () => {
    expect(seed.list).toMatchObject({ key: '000', doc: '000', year: 2020, reportSchedule: 'quarterly' });
    expect(seed.list.title).toBe(organisationSeed.documents['000']!.title);
    expect(seed.list.scheduleSource).toMatch(/每季度.*25 ?日前/u);
    expect(['supervisor', 'lead', 'coordinator']).toContain(seed.list.acceptance);
  });

  it('holds 9 key tasks followed by the 38 table rows, every field present', () => {
    expect(seed.items).toHaveLength(keyTasks.length + table.length);
    expect(keyItems(seed)).toHaveLength(9);
    expect(rowItems(seed)).toHaveLength(38);
    for (const it of allItems(seed)) {
      expect(Object.keys(it).sort(), it.ref).toEqual(SEED_ITEM_FIELDS);
      for (const f of ['lead', 'responsible', 'supervising', 'persons', 'targets', 'milestones', 'assets', 'children'] as const) {
        expect(Array.isArray(it[f]), `${it.ref} ${f}`).toBe(true);
      }
      expect(typeof it.public).toBe('boolean');
    }
  });
});

describe('task seed 000: against the document', () => {
  it('has the key tasks as written', () => {
    expect(checkKeyTasks(seed)).toEqual([]);
  });

  it('has every 附件2 row with its 主要任务, 完成时限, 牵头单位 and 责任单位 as the table gives them', () => {
    expect(checkRows(seed)).toEqual([]);
  });

  it('quotes every text verbatim (whitespace aside)', () => {
    expect(checkVerbatim(seed)).toEqual([]);
  });

  it('names only units that resolve to an organisation or are collectives', () => {
    expect(checkUnits(seed)).toEqual([]);
  });
});

describe('task seed 000: the checks can fail', () => {
  const broken = (change: (list: SeedTaskList) => void): SeedTaskList => brokenCopy(seed, change);
  const row = (list: SeedTaskList, n: string): SeedItem => list.items.find((it) => it.indicator !== null && it.ref === n)!;

  it('notices a missing row, a wrong deadline, a lost unit and a swapped unit column', () => {
    expect(checkRows(broken((l) => l.items.splice(9 + 19, 1)))).not.toEqual([]);
    expect(checkRows(broken((l) => (row(l, '5').deadline = '持续保持')))).not.toEqual([]);
    expect(checkRows(broken((l) => row(l, '4').lead.pop()))).not.toEqual([]);
    expect(checkRows(broken((l) => {
      const r = row(l, '35');
      [r.lead, r.responsible] = [r.responsible, r.lead];
    }))).not.toEqual([]);
    expect(checkRows(broken((l) => (row(l, '11').indicator!.name = '环境空气质')))).not.toEqual([]);
  });

  it('notices a missing key task and text that is not in the document', () => {
    expect(checkKeyTasks(broken((l) => l.items.splice(3, 1)))).not.toEqual([]);
    expect(checkVerbatim(broken((l) => (l.items[0]!.text += '并按月报送。')))).not.toEqual([]);
  });

  it('notices a unit that does not resolve and a list left unsplit', () => {
    expect(checkUnits(broken((l) => row(l, '1').responsible.push('市不存在局')))).toContain('1: "市不存在局" does not resolve');
    expect(checkUnits(broken((l) => (row(l, '5').responsible = ['市水利局、市农业农村局'])))).not.toEqual([]);
  });
});

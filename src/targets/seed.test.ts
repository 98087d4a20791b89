import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SOURCE_DOCS } from '../../test/support/source-docs.ts';
import { buildUnitResolver, normaliseUnitName } from '../orgs/resolve.ts';
import type { IndicatorSeed, IndicatorTarget, Target } from './model.ts';
import { checkIndicatorSeed } from './seed-check.ts';

// The indicator seed (seeds/bazhong/indicators.json) against the five documents it was read from.
// Every expectation is re-read from the raw text — 专栏一's rows by their 序号, 附件2's rows and cells,
// the target sentences of 002/003/004 by the figures and words they contain — so a target left out,
// placed under the wrong clause or misquoted fails here.

interface SeedFile { city: string; indicators: IndicatorSeed[] }
interface Placed { indicator: IndicatorSeed; target: IndicatorTarget; path: string }

const SEED_FILE = new URL('../../seeds/bazhong/indicators.json', import.meta.url);
const NOTES_FILE = new URL('../../seeds/bazhong/INDICATORS.md', import.meta.url);
const ORGS_FILE = new URL('../../seeds/bazhong/organisations.json', import.meta.url);
const TASKS_000 = new URL('../../seeds/bazhong/tasks/000.json', import.meta.url);

const seed = JSON.parse(readFileSync(SEED_FILE, 'utf8')) as SeedFile;
const DOCS = ['000', '001', '002', '003', '004'] as const;
type Doc = (typeof DOCS)[number];

function docText(id: string): string {
  if (!existsSync(SOURCE_DOCS)) throw new Error(`Source documents not found at ${SOURCE_DOCS} (set QINGSHAN_SOURCE_DOCS)`);
  const file = readdirSync(SOURCE_DOCS).find((f) => f.startsWith(`${id}_`));
  if (file === undefined) throw new Error(`Document ${id} not found in ${SOURCE_DOCS}`);
  return readFileSync(join(SOURCE_DOCS, file), 'utf8');
}
const raw = Object.fromEntries(DOCS.map((id) => [id, docText(id)])) as Record<Doc, string>;
const squeeze = (s: string): string => s.replace(/\s+/gu, '');
const squeezed = Object.fromEntries(DOCS.map((id) => [id, squeeze(raw[id])])) as Record<Doc, string>;

function placed(file: SeedFile): Placed[] {
  return file.indicators.flatMap((indicator, i) =>
    indicator.targets.map((target, j) => ({ indicator, target, path: `indicators[${i}].targets[${j}]` })));
}
const inDoc = (file: SeedFile, doc: Doc): Placed[] => placed(file).filter((p) => p.target.placement.doc === doc);

const ATTRIBUTES: Record<string, IndicatorTarget['attribute']> = { 约束性: 'binding', 预期性: 'expected', 参考性: 'reference' };
const COMPARATOR_SIGNS: Record<string, string> = { '≥': '>=', '≤': '<=', '>': '>', '<': '<' };

/** A table cell that is a bare figure ("≥95%", "<27.0", "100") is an absolute target with that figure. */
function figureOfCell(cell: string): Target | null {
  const m = /^([≥≤><])?(\d+(?:\.\d+)?)%?$/u.exec(squeeze(cell));
  if (m === null) return null;
  return { kind: 'absolute', comparator: (m[1] ? COMPARATOR_SIGNS[m[1]] : '=') as '=', value: Number(m[2]) };
}

/** Table cells name the target's kind even when they give no figure. */
function cellKindProblems(at: string, cell: string, target: Target): string[] {
  const figure = figureOfCell(cell);
  if (figure !== null) return JSON.stringify(target) === JSON.stringify(figure) ? [] : [`${at}: "${cell}" is ${JSON.stringify(figure)}, seed has ${JSON.stringify(target)}`];
  if (cell.trim() === '') return target.kind === 'external' ? [] : [`${at}: an empty cell must be read as external (with a note)`];
  if (/^完成/u.test(cell)) return target.kind === 'external' ? [] : [`${at}: "${cell}" is a target set elsewhere (external)`];
  if (/不减少|不降低/u.test(cell)) return target.kind === 'not_worse' ? [] : [`${at}: "${cell}" is not_worse`];
  return target.kind === 'qualitative' && target.wording === squeeze(cell) ? [] : [`${at}: "${cell}" is qualitative with that wording`];
}

// ---- 001 专栏一 ---------------------------------------------------------------------------------

interface Column1Row { row: number; category: string; name: string; baseline: string; target: string; attribute: string }

/** 专栏一 is printed as tab-separated lines: 类别, 序号, 指标名称, 基准值, 2025 年目标, 属性; 类别 only on a category's first row. */
function parseColumn1(text: string): { baseYear: number; rows: Column1Row[] } {
  const lines = text.split(/\r?\n/u);
  const start = lines.findIndex((l) => l.startsWith('专栏一'));
  const end = lines.findIndex((l, k) => k > start && l.startsWith('第三章'));
  expect(start).toBeGreaterThan(0);
  expect(end).toBeGreaterThan(start);
  const header = lines.slice(start, end).find((l) => l.startsWith('类别'));
  const baseYear = Number(/(\d{4})\s*年\s*基准值/u.exec(header ?? '')?.[1]);
  const rows: Column1Row[] = [];
  let category = '';
  for (const line of lines.slice(start + 1, end)) {
    const cells = line.split('\t');
    if (cells.length !== 6 || !/^\d+$/u.test(cells[1]!.trim())) continue;
    if (cells[0]!.trim() !== '') category = cells[0]!.trim();
    rows.push({ row: Number(cells[1]), category, name: cells[2]!.trim(), baseline: cells[3]!.trim(), target: cells[4]!.trim(), attribute: cells[5]!.trim() });
  }
  return { baseYear, rows };
}

// ---- 000 附件2 任务分解表 ------------------------------------------------------------------------

interface AnnexRow {
  row: number;
  /** The 任务 column, e.g. "（二）生态环境质量改善". */
  group: string;
  /** 指标名称, then the sub-indicators' names when the row has several. */
  name: string;
  subs: string[];
  /** 指标值 cells: one shared by all sub-indicators, or one each. */
  values: string[];
  attribute: string;
  deadline: string;
  /** The whole row, whitespace removed: its unit cells are in it. */
  text: string;
}

const GROUP_LINE = /^（[一二三四五六七八九十]+）$/u;
const ATTRIBUTE_WORD = /^(约束性|参考性)$/u;
// What a 指标值 cell can say; used only to tell where the sub-indicators' names end.
const VALUE_CELL = /^(?:[≥≤><]?\d+(?:\.\d+)?%?|完成\S*|制定实施|有效开展|全面实施|建立|实施|不明显|不降低|逐步下降|面积不减少\S*)$/u;

/**
 * The table is flattened to one cell fragment per line, cells separated by blank lines; a cell split
 * inside a unit in brackets (（立方米/ ⏎⏎ 万元）) continues. The row number's line and the 属性 line may
 * hold several cells separated by spaces ("7 三线一单 制定实施 约束性"). Rows are found by their
 * numbers in sequence — a deadline's "12" is followed by 月 and is not a row.
 */
function parseAnnex2(text: string): AnnexRow[] {
  const annex = text.indexOf('任务分解表', text.indexOf('附件 2'));
  expect(annex).toBeGreaterThan(0);
  const lines = text.slice(annex).split(/\r?\n/u).map((l) => l.trim());
  const starts: number[] = [];
  const groups: string[] = [];
  let group = '';
  let inGroup = false;
  for (let k = 0; k < lines.length; k++) {
    const number = /^(\d{1,2})(?:\s|$)/u.exec(lines[k]!);
    const nextLine = lines.slice(k + 1).find((l) => l !== '');
    if (number !== null && Number(number[1]) === starts.length + 1 && nextLine !== '月') {
      starts.push(k);
      groups.push(group);
      inGroup = false;
    } else if (GROUP_LINE.test(lines[k]!)) {
      group = lines[k]!;
      inGroup = true;
    } else if (inGroup && lines[k] !== '') {
      group += lines[k];
    }
  }
  return starts.map((from, r) => {
    const to = starts[r + 1] ?? lines.length;
    const cells: string[] = [];
    let cell = '';
    let attribute = '';
    let k = from;
    for (; k < to && attribute === ''; k++) {
      const line = k === from ? lines[k]!.replace(/^\d+/u, '').trim() : lines[k]!;
      if (line === '') {
        if (cell !== '' && !cell.endsWith('/')) {
          cells.push(cell);
          cell = '';
        }
        continue;
      }
      const words = line.split(/\s+/u);
      for (const word of words) {
        if (ATTRIBUTE_WORD.test(word)) {
          attribute = word;
          break;
        }
        if (words.length > 1) {
          if (cell !== '') cells.push(cell);
          cell = '';
          cells.push(word);
        } else {
          cell += word;
        }
      }
    }
    if (cell !== '') cells.push(cell);
    // 主要任务 runs to the 完成时限 cell: 持续 ⏎ 推进|保持, or 2020 ⏎ 年 ⏎ 12 ⏎ 月.
    const rest = lines.slice(k, to).filter((l) => l !== '');
    const d = rest.findIndex((l, n) => l === '持续' || (/^\d{4}$/u.test(l) && rest[n + 1] === '年'));
    const deadline = rest[d] === '持续' ? rest.slice(d, d + 2).join('') : rest.slice(d, d + 4).join('');
    const firstValue = cells.findIndex((c, n) => n > 0 && VALUE_CELL.test(c));
    return {
      row: r + 1,
      group: groups[r]!,
      name: cells[0]!,
      subs: cells.slice(1, firstValue),
      values: cells.slice(firstValue),
      attribute,
      deadline,
      text: squeeze(lines.slice(from, to).join('')),
    };
  });
}

// ---- 002, 003, 004: outline and target sentences --------------------------------------------

interface Section { clause: string; group: string; start: number; end: number }
interface Outline { text: string; sections: Section[] }

/**
 * Walks a document's lines, naming the clause each character stands in. `heading` says whether a
 * line opens a new clause and, if so, which clause and group it starts.
 */
function outline(text: string, heading: (line: string) => { clause: string; group: string } | null): Outline {
  let body = '';
  const sections: Section[] = [];
  for (const line of text.split(/\r?\n/u).map((l) => l.trim()).filter((l) => l !== '')) {
    const opened = heading(line);
    if (opened !== null) {
      const last = sections.at(-1);
      if (last) last.end = body.length;
      sections.push({ ...opened, start: body.length, end: body.length });
    }
    body += squeeze(line);
  }
  const last = sections.at(-1);
  if (last) last.end = body.length;
  return { text: body, sections };
}

const TOP = /^([一二三四五六七八九十]+)、/u;
const ITEM = /^[（(]([一二三四五六七八九十]+)[）)]/u;

/** 002: 一、… groups, (一)… items. */
function outline002(): Outline {
  let group = '';
  return outline(raw['002'], (line) => {
    if (TOP.test(line)) {
      group = line;
      return { clause: '', group };
    }
    const item = ITEM.exec(line);
    return item ? { clause: `(${item[1]})`, group } : null;
  });
}

/** 003: 一、… groups, （一）… items numbered through the whole document, 1. 2. … within some items. */
function outline003(): Outline {
  let group = '';
  let item = '';
  return outline(raw['003'], (line) => {
    if (TOP.test(line)) {
      group = line;
      item = '';
      return { clause: '', group };
    }
    const opened = ITEM.exec(line);
    if (opened) {
      item = `（${opened[1]}）`;
      return { clause: item, group };
    }
    const sub = /^(\d)\.(?!\d)/u.exec(line);
    return sub && item !== '' ? { clause: `${item}${sub[1]}.`, group } : null;
  });
}

/** 004: the plan's 一、… sections with （一）… items, then the annexed 整改任务清单 with its items 一、… 十、. */
function outline004(): Outline {
  let top = '';
  let group = '';
  let annex = false;
  return outline(raw['004'], (line) => {
    if (line.startsWith('附件')) {
      annex = true;
      return { clause: '', group: '' };
    }
    const opened = TOP.exec(line);
    if (annex) return opened ? { clause: `任务清单 ${opened[1]}`, group: '整改任务清单' } : null;
    if (opened) {
      top = opened[1]!;
      group = line;
      return { clause: '', group };
    }
    const item = ITEM.exec(line);
    return item ? { clause: `${top}（${item[1]}）`, group } : null;
  });
}

const outlines = { '002': outline002(), '003': outline003(), '004': outline004() } as const;
type SentenceDoc = keyof typeof outlines;
const SENTENCE_DOCS: SentenceDoc[] = ['002', '003', '004'];

/** A figure with a unit of measure, or words that set a target without a figure. */
const FIGURE = /\d+(?:\.\d+)?(?:\\?%|万千瓦|万吨标准煤|万吨|亿立方米|万立方米|平方公里|万亩|微克\/立方米|ug\/m3|μg\/m³)/gu;
const TARGET_WORDS = /零增长|不减少|全面消除|全覆盖|不低于现有水平|持续大幅下降|稳定保持在III类及以上|不低于全省县城平均水平/gu;

/**
 * Figures and target words that are not city-level targets: background statistics, work quantities
 * (already task targets in seeds/bazhong/tasks), project sizes and pilot specifications. Each entry
 * is a phrase around the mention, so the same figure elsewhere still counts.
 */
const NOT_TARGETS: { doc: SentenceDoc; phrase: string; why: string }[] = [
  { doc: '002', phrase: '圈廊内居民天然气使用100%覆盖', why: 'a work target for one zone (task seed 002 (十四))' },
  { doc: '003', phrase: '推进通江5万千瓦风电项目建设', why: 'one project' },
  { doc: '003', phrase: '加快南江3万千瓦农林生物质发电项目', why: 'one project' },
  { doc: '003', phrase: '实现废料回收率达98%，循环利用率达80%', why: 'the specification of the 绿色公路 pilots, no year' },
  { doc: '003', phrase: '“天上看、地上巡、图上比”全覆盖森林资源监测体系', why: 'a monitoring system to build' },
  { doc: '003', phrase: '县级以上城市集中式饮用水水源地预警站全覆盖', why: 'stations to build (task seed 003 (十三))' },
  { doc: '003', phrase: '全覆盖实施病死畜禽集中无害化处置工程', why: 'a project to carry out' },
  { doc: '003', phrase: '确保其面积不减少、土壤环境质量不下降', why: 'a management rule for 优先保护类耕地, no year' },
  { doc: '004', phrase: '生活污水集中收集率仅为47.1%', why: 'a provincial statistic of 2020' },
  { doc: '004', phrase: '全省近15%的城市(县城)污水处理厂', why: 'a provincial statistic' },
  { doc: '004', phrase: '全省采用土地利用方式处理占比达54.4%', why: 'a provincial statistic' },
  { doc: '004', phrase: '总氮和总磷分别占到全省水污染物排放总量的40%和58%', why: 'a provincial statistic' },
  { doc: '004', phrase: '新增稻渔综合种养面积2万亩', why: 'a work quantity (task seed 004 九 措施4)' },
  { doc: '004', phrase: '建设绿色种养循环示范区10万亩', why: 'a work quantity (task seed 004 九 措施5)' },
  { doc: '004', phrase: '以加快推进江家口水库、南江抽水储能电站、通江5万千瓦风电等项目为重点', why: 'projects' },
  { doc: '004', phrase: '其中：巴州区0.1万亩、恩阳区0.3万亩、南江县0.2万亩、通江县0.2万亩、平昌县1.2万亩', why: 'its split by district' },
];

/**
 * Mentions that set a target for several indicators at once without a figure each: the subjects are
 * joined in the words ("化肥农药", "A和B均达90%"), so the count of targets is read here.
 */
const SHARED_MENTIONS: { doc: SentenceDoc; phrase: string; targets: number }[] = [
  { doc: '002', phrase: '保持化肥农药“零增长”', targets: 2 },
  { doc: '003', phrase: '农村卫生厕所普及率和示范村无害化厕所普及率均达90%以上', targets: 2 },
  { doc: '003', phrase: '高速公路服务区和公路客运枢纽站充（换）电设施全覆盖', targets: 2 },
  { doc: '004', phrase: '保持全市化肥、农药使用量零增长', targets: 2 },
];

interface Mention { at: number; text: string; clause: string; group: string; excluded: boolean; targets: number }

const occurrences = (text: string, phrase: string): number[] => {
  const out: number[] = [];
  const s = squeeze(phrase);
  if (s === '') return out;
  for (let at = text.indexOf(s); at >= 0; at = text.indexOf(s, at + 1)) out.push(at);
  return out;
};
const sectionAt = (o: Outline, at: number): Section | undefined => o.sections.find((s) => s.start <= at && at < s.end);

function mentions(doc: SentenceDoc): Mention[] {
  const o = outlines[doc];
  const within = (phrase: string, at: number, length: number): boolean =>
    occurrences(o.text, phrase).some((p) => p <= at && at + length <= p + squeeze(phrase).length);
  const found = [...o.text.matchAll(FIGURE), ...o.text.matchAll(TARGET_WORDS)].sort((a, b) => a.index - b.index);
  return found.map((m) => {
    const section = sectionAt(o, m.index);
    const shared = SHARED_MENTIONS.find((s) => s.doc === doc && within(s.phrase, m.index, m[0].length));
    return {
      at: m.index,
      text: m[0],
      clause: section?.clause ?? '',
      group: section?.group ?? '',
      excluded: NOT_TARGETS.some((n) => n.doc === doc && within(n.phrase, m.index, m[0].length)),
      targets: shared?.targets ?? 1,
    };
  });
}

// ---- Checks, written as functions returning problems so that a broken copy can be checked too --

const column1 = parseColumn1(raw['001']);
const annex2 = parseAnnex2(raw['000']);
const mentionsOf = Object.fromEntries(SENTENCE_DOCS.map((d) => [d, mentions(d)])) as Record<SentenceDoc, Mention[]>;

/** The number of targets each document sets, from the documents alone. */
const expectedCounts: Record<Doc, number> = {
  '001': column1.rows.reduce((n, r) => n + r.name.split('、').length, 0),
  '000': annex2.reduce((n, r) => n + Math.max(1, r.subs.length), 0),
  '002': mentionsOf['002'].filter((m) => !m.excluded).reduce((n, m) => n + m.targets, 0),
  '003': mentionsOf['003'].filter((m) => !m.excluded).reduce((n, m) => n + m.targets, 0),
  '004': mentionsOf['004'].filter((m) => !m.excluded).reduce((n, m) => n + m.targets, 0),
};

function countsOf(file: SeedFile): Record<Doc, number> {
  return Object.fromEntries(DOCS.map((d) => [d, inDoc(file, d).length])) as Record<Doc, number>;
}

function checkColumn1(file: SeedFile): string[] {
  const problems: string[] = [];
  const targets = inDoc(file, '001');
  for (const p of targets) {
    if (!column1.rows.some((r) => r.row === p.target.placement.row)) problems.push(`${p.path}: 专栏一 has no row ${p.target.placement.row}`);
  }
  for (const r of column1.rows) {
    const at = `专栏一 序号${r.row}`;
    const names = r.name.split('、');
    const here = targets.filter((p) => p.target.placement.row === r.row).sort((a, b) => (a.target.placement.sub ?? 0) - (b.target.placement.sub ?? 0));
    if (here.length !== names.length) {
      problems.push(`${at}: ${here.length} targets, the row names ${names.length} indicator(s)`);
      continue;
    }
    here.forEach(({ indicator, target }, k) => {
      const pl = target.placement;
      const same = (field: string, a: unknown, b: unknown): void => {
        if (JSON.stringify(a) !== JSON.stringify(b)) problems.push(`${at} ${field}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`);
      };
      same('clause', pl.clause, at);
      same('group', pl.group, r.category);
      same('sub', pl.sub, names.length > 1 ? k + 1 : null);
      same('nameAsWritten', squeeze(pl.nameAsWritten), squeeze(names[k]!));
      same('rowNameAsWritten', pl.rowNameAsWritten === undefined ? undefined : squeeze(pl.rowNameAsWritten), names.length > 1 ? squeeze(r.name) : undefined);
      same('targetAsWritten', squeeze(pl.targetAsWritten), squeeze(r.target));
      same('attribute', target.attribute, ATTRIBUTES[r.attribute]);
      same('year', target.year, 2025);
      problems.push(...cellKindProblems(at, r.target, target.target));
      const baselines = indicator.baselines.filter((b) => b.doc === '001' && b.clause === at);
      const value = r.baseline === '-' ? null : Number(r.baseline.replace(/\*$/u, ''));
      same('baselines', baselines.map((b) => [b.year, b.value, b.asWritten]), [[column1.baseYear, value, r.baseline]]);
    });
  }
  return problems;
}

interface TaskRow { indicator: { row: number; name: string } | null; lead: string[]; responsible: string[]; deadline: string | null }
const taskRows = (JSON.parse(readFileSync(TASKS_000, 'utf8')) as { items: TaskRow[] }).items.filter((it) => it.indicator !== null);

/** The 领域 column of 附件2, printed once over the rows of its 任务 groups. */
const DOMAINS = ['生态制度', '生态安全', '生态空间', '生态经济', '生态生活', '生态文化'];
const annexText = squeeze(raw['000'].slice(raw['000'].indexOf('任务分解表', raw['000'].indexOf('附件 2'))));
/** A group's 领域: the last one printed before the group's heading (a merged cell prints its words once). */
function domainOf(group: string): string | undefined {
  const at = annexText.indexOf(squeeze(group));
  return DOMAINS.map((word) => ({ word, at: annexText.lastIndexOf(word, at) }))
    .filter((d) => d.at >= 0)
    .sort((a, b) => b.at - a.at)[0]?.word;
}

function checkAnnex2(file: SeedFile): string[] {
  const problems: string[] = [];
  const targets = inDoc(file, '000');
  for (const p of targets) {
    if (!annex2.some((r) => r.row === p.target.placement.row)) problems.push(`${p.path}: 附件2 has no row ${p.target.placement.row}`);
  }
  for (const r of annex2) {
    const at = `附件2 第${r.row}行`;
    const here = targets.filter((p) => p.target.placement.row === r.row).sort((a, b) => (a.target.placement.sub ?? 0) - (b.target.placement.sub ?? 0));
    const names = r.subs.length > 0 ? r.subs : [r.name];
    if (here.length !== names.length) {
      problems.push(`${at}: ${here.length} targets, the row has ${names.length} indicator(s)`);
      continue;
    }
    const task = taskRows.find((t) => t.indicator?.row === r.row);
    here.forEach(({ target }, k) => {
      const pl = target.placement;
      const value = r.values.length === 1 ? r.values[0]! : r.values[k] ?? '';
      const same = (field: string, a: unknown, b: unknown): void => {
        if (JSON.stringify(a) !== JSON.stringify(b)) problems.push(`${at} ${field}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`);
      };
      same('clause', pl.clause, at);
      same('group', pl.group, r.group);
      same('domain', pl.domain, domainOf(r.group));
      same('sub', pl.sub, r.subs.length > 0 ? k + 1 : null);
      same('nameAsWritten', squeeze(pl.nameAsWritten), names[k]);
      same('rowNameAsWritten', pl.rowNameAsWritten === undefined ? undefined : squeeze(pl.rowNameAsWritten), r.subs.length > 0 ? r.name : undefined);
      same('targetAsWritten', squeeze(pl.targetAsWritten), value);
      same('attribute', target.attribute, ATTRIBUTES[r.attribute]);
      same('deadlineText', target.deadlineText, r.deadline);
      // 持续推进/持续保持 rows are part of the same 2020 plan as the dated ones.
      same('year', target.year, Number(/^(\d{4})年/u.exec(r.deadline)?.[1] ?? /^(\d{4})年/u.exec(annex2.find((x) => /^\d{4}年/u.test(x.deadline))!.deadline)![1]));
      problems.push(...cellKindProblems(at, value, target.target));
      // The unit cells, as the task seed (checked against the same table) splits them.
      same('lead', target.lead, task?.lead);
      same('responsible', target.responsible, task?.responsible);
      for (const unit of [...target.lead, ...target.responsible]) {
        if (!r.text.includes(squeeze(unit))) problems.push(`${at}: unit ${unit} is not in the row`);
      }
    });
  }
  return problems;
}

const YEAR = /(?<![比较])(\d{4})年|“十四五”|“十五五”/gu;
const yearsIn = (text: string, offset: number): { at: number; year: number }[] =>
  [...text.matchAll(YEAR)].map((m) => ({
    at: offset + m.index,
    year: m[1] !== undefined ? Number(m[1]) : m[0] === '“十四五”' ? 2025 : 2030,
  }));

/**
 * The year a figure is a target for, as a reader finds it: the last year named before it in its
 * sentence ("比2020年" and "较2020年" are base years, not target years) — or, when the sentence
 * names one year for each of several figures ("“十四五”“十五五”期间…分别突破20亿、40亿"), the one
 * in the figure's place; else the first year named after it in the sentence; else the last one
 * earlier in its clause; else the document's own year (its first "到…年", or the first year it names).
 */
function yearOf(doc: SentenceDoc, mention: Mention, sub: number | null, shared: number): number | null {
  const o = outlines[doc];
  const section = sectionAt(o, mention.at)!;
  const start = o.text.lastIndexOf('。', mention.at - 1) + 1;
  const end = o.text.indexOf('。', mention.at);
  const sentence = yearsIn(o.text.slice(start, end < 0 ? o.text.length : end), start);
  const before = sentence.filter((y) => y.at < mention.at);
  const distinct = new Set(before.map((y) => y.year));
  if (shared > 1 && before.length === shared && distinct.size === shared) return before[(sub ?? 1) - 1]!.year;
  const after = sentence.find((y) => y.at > mention.at);
  const earlier = yearsIn(o.text.slice(section.start, start), section.start).at(-1);
  const own = /到(\d{4})年/u.exec(o.text)?.[1] ?? yearsIn(o.text, 0)[0]?.year;
  return before.at(-1)?.year ?? after?.year ?? earlier?.year ?? (own === undefined ? null : Number(own));
}

function checkSentences(file: SeedFile, doc: SentenceDoc): string[] {
  const problems: string[] = [];
  const o = outlines[doc];
  const found = mentionsOf[doc];
  const mapped = new Map<Mention, string[]>();
  const byWords = new Map<string, Placed[]>();
  for (const p of inDoc(file, doc)) {
    const pl = p.target.placement;
    if (pl.row !== null) problems.push(`${p.path}: ${doc} has no table rows`);
    const words = `${pl.clause}|${squeeze(pl.targetAsWritten)}`;
    byWords.set(words, [...(byWords.get(words) ?? []), p]);
  }
  for (const [words, group] of byWords) {
    const first = group[0]!.target.placement;
    const hits = occurrences(o.text, first.targetAsWritten).filter((at) => sectionAt(o, at)?.clause === first.clause);
    if (hits.length !== 1) {
      problems.push(`${group[0]!.path}: "${first.targetAsWritten}" occurs ${hits.length} times in ${doc} ${first.clause}`);
      continue;
    }
    const at = hits[0]!;
    const section = sectionAt(o, at)!;
    const inside = found.filter((m) => m.at >= at && m.at < at + squeeze(first.targetAsWritten).length);
    const subs = group.map((p) => p.target.placement.sub);
    if (group.length === 1 && subs[0] !== null && inside.length === 1) problems.push(`${group[0]!.path}: sub ${subs[0]} but the words set one target`);
    if (group.length > 1 && JSON.stringify([...subs].sort()) !== JSON.stringify(group.map((_, k) => k + 1))) {
      problems.push(`${words}: ${group.length} targets share these words, their subs are ${JSON.stringify(subs)}`);
    }
    for (const p of group) {
      const pl = p.target.placement;
      if (pl.group !== section.group) problems.push(`${p.path}: group ${pl.group}, the document's ${section.group}`);
      if (!o.text.slice(section.start, section.end).includes(squeeze(pl.nameAsWritten))) problems.push(`${p.path}: "${pl.nameAsWritten}" is not in ${doc} ${pl.clause}`);
      const mention = inside.length === 1 ? inside[0] : inside.length === group.length ? inside[(pl.sub ?? 1) - 1] : undefined;
      if (mention === undefined) {
        problems.push(`${p.path}: "${pl.targetAsWritten}" holds ${inside.length} figures or target words for ${group.length} target(s)`);
        continue;
      }
      mapped.set(mention, [...(mapped.get(mention) ?? []), p.path]);
      const year = yearOf(doc, mention, pl.sub, group.length);
      if (p.target.year !== year) problems.push(`${p.path}: year ${p.target.year}, the document sets "${mention.text}" for ${year}`);
    }
  }
  for (const m of found) {
    const by = mapped.get(m) ?? [];
    if (m.excluded && by.length > 0) problems.push(`${doc} ${m.clause} "${m.text}" is listed as not a target, but ${by.join(', ')} use it`);
    if (!m.excluded && by.length !== m.targets) problems.push(`${doc} ${m.clause} "${m.text}" (at ${m.at}): ${by.length} targets, expected ${m.targets}`);
  }
  return problems;
}

/** Everything quoted must be in its document (whitespace aside). */
function checkVerbatim(file: SeedFile): string[] {
  const problems: string[] = [];
  const quoted = (doc: string, at: string, text: string | null | undefined): void => {
    if (text === null || text === undefined) return;
    if (!(DOCS as readonly string[]).includes(doc)) problems.push(`${at}: unknown document ${doc}`);
    else if (!squeezed[doc as Doc].includes(squeeze(text))) problems.push(`${at}: "${text}" is not in ${doc}`);
  };
  for (const { target, path } of placed(file)) {
    const pl = target.placement;
    quoted(pl.doc, `${path}.placement.nameAsWritten`, pl.nameAsWritten);
    quoted(pl.doc, `${path}.placement.targetAsWritten`, pl.targetAsWritten);
    quoted(pl.doc, `${path}.placement.rowNameAsWritten`, pl.rowNameAsWritten);
    quoted(pl.doc, `${path}.placement.group`, pl.group);
    quoted(pl.doc, `${path}.deadlineText`, target.deadlineText);
    for (const unit of [...target.lead, ...target.responsible, ...(target.supervising ?? [])]) quoted(pl.doc, `${path} unit`, unit);
  }
  file.indicators.forEach((indicator, i) => indicator.baselines.forEach((b, k) => quoted(b.doc, `indicators[${i}].baselines[${k}]`, b.asWritten)));
  return problems;
}

interface OrgSeed { organisations: { key: string; name: string; fullName?: string; aliases: string[] }[]; collectives: { text: string; aliases: string[] }[] }
const orgSeed = JSON.parse(readFileSync(ORGS_FILE, 'utf8')) as OrgSeed;
const resolve = buildUnitResolver(orgSeed.organisations);
const collectives = new Set(orgSeed.collectives.flatMap((c) => [c.text, ...c.aliases]).map((t) => normaliseUnitName(t)));

function checkUnits(file: SeedFile): string[] {
  const problems: string[] = [];
  for (const { target, path } of placed(file)) {
    for (const unit of [...target.lead, ...target.responsible, ...(target.supervising ?? [])]) {
      if (resolve(unit) === undefined && !collectives.has(normaliseUnitName(unit))) problems.push(`${path}: "${unit}" does not resolve`);
    }
  }
  return problems;
}

/** Keys unique; no name or alias claimed by two indicators (whitespace and width aside). */
function checkIdentity(file: SeedFile): string[] {
  const problems: string[] = [];
  const form = (s: string): string => squeeze(s.normalize('NFKC'));
  const keys = new Set<string>();
  const names = new Map<string, string>();
  for (const indicator of file.indicators) {
    if (keys.has(indicator.key)) problems.push(`key ${indicator.key} twice`);
    keys.add(indicator.key);
    for (const name of new Set([indicator.name, ...indicator.aliases].map(form))) {
      const owner = names.get(name);
      if (owner !== undefined) problems.push(`"${name}" is a name of both ${owner} and ${indicator.key}`);
      names.set(name, indicator.key);
    }
  }
  return problems;
}

/** Indicators in order of first appearance: 001 专栏一, 000 附件2, then 003, 002, 004, each in document order. */
function checkOrder(file: SeedFile): string[] {
  const rank = (t: IndicatorTarget): number[] => {
    const doc = ['001', '000', '003', '002', '004'].indexOf(t.placement.doc);
    const row = t.placement.row ?? 0;
    const sub = t.placement.sub ?? 0;
    if (t.placement.row !== null) return [doc, row, sub];
    const o = outlines[t.placement.doc as SentenceDoc];
    const at = occurrences(o.text, t.placement.targetAsWritten).find((p) => sectionAt(o, p)?.clause === t.placement.clause) ?? 0;
    return [doc, at, sub];
  };
  const before = (a: number[], b: number[]): boolean => {
    for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return a[k]! < b[k]!;
    return false;
  };
  // Formula operands without targets of their own come last.
  const placedOnes = file.indicators.filter((indicator) => indicator.targets.length > 0);
  const firsts = placedOnes.map((indicator) => indicator.targets.map(rank).reduce((a, b) => (before(b, a) ? b : a)));
  const problems: string[] = [];
  for (let k = 1; k < firsts.length; k++) {
    if (before(firsts[k]!, firsts[k - 1]!)) problems.push(`${placedOnes[k]!.key} first appears before ${placedOnes[k - 1]!.key}`);
  }
  const firstOperand = file.indicators.findIndex((indicator) => indicator.targets.length === 0);
  if (firstOperand >= 0 && file.indicators.slice(firstOperand).some((indicator) => indicator.targets.length > 0)) problems.push('indicators without targets must come last');
  return problems;
}

// ---- Tests ---------------------------------------------------------------------------------

describe('indicator seed: the parsers read the documents', () => {
  it('reads 专栏一 rows 1–25 under its five categories, with 2020 as the baseline year', () => {
    expect(column1.baseYear).toBe(2020);
    expect(column1.rows.map((r) => r.row)).toEqual(Array.from({ length: 25 }, (_, k) => k + 1));
    expect([...new Set(column1.rows.map((r) => r.category))].map((c) => c.slice(0, 3))).toEqual(['(一)', '(二)', '(三)', '(四)', '(五)']);
    expect(column1.rows.find((r) => r.row === 16)).toMatchObject({ name: '单位国内生产总值能耗降低(%)', baseline: '12.1', target: '' });
    expect(column1.rows.filter((r) => r.baseline.endsWith('*')).map((r) => r.row)).toEqual([12, 13]);
  });

  it('reads 附件2 rows 1–38 with their sub-indicators, values, attribute and deadline', () => {
    expect(annex2.map((r) => r.row)).toEqual(Array.from({ length: 38 }, (_, k) => k + 1));
    const subs = Object.fromEntries(annex2.filter((r) => r.subs.length > 0).map((r) => [r.row, r.subs.length]));
    expect(subs).toEqual({ 11: 2, 12: 3, 15: 3, 19: 2, 33: 2, 34: 3 });
    for (const r of annex2) {
      expect(r.values.length === 1 || r.values.length === r.subs.length, `row ${r.row}`).toBe(true);
      expect(['约束性', '参考性'], `row ${r.row}`).toContain(r.attribute);
      expect(['持续推进', '持续保持', '2020年12月'], `row ${r.row}`).toContain(r.deadline);
      expect(r.group, `row ${r.row}`).toMatch(/^（[一二三四五六七八九十]+）\p{Script=Han}{4,}$/u);
    }
    expect(annex2[10]).toMatchObject({ name: '环境空气质量', subs: ['优良天数比例', 'PM2.5浓度下降幅度'], values: ['完成上级规定的考核任务；保持稳定或持续改善'] });
    expect(annex2[33]).toMatchObject({ subs: ['节能家电市场占有率', '在售用水器具中节水型器具占比', '一次性消费品人均使用量（千克）'], values: ['≥50%', '100%', '逐步下降'] });
    expect(annex2[21]!.name).toBe('单位地区生产总值用水量（立方米/万元）');
    expect(new Set(annex2.map((r) => domainOf(r.group)))).toEqual(new Set(DOMAINS));
  });

  it('finds the clauses of 002, 003 and 004', () => {
    expect(outlines['002'].sections.filter((s) => s.clause !== '').map((s) => s.clause)).toHaveLength(22);
    const items003 = outlines['003'].sections.filter((s) => /^（[一二三四五六七八九十]+）$/u.test(s.clause));
    expect(items003).toHaveLength(26);
    expect(outlines['003'].sections.map((s) => s.clause)).toEqual(expect.arrayContaining(['（五）1.', '（五）4.', '（八）3.', '（九）4.']));
    expect(outlines['004'].sections.filter((s) => s.clause.startsWith('任务清单')).map((s) => s.clause)).toEqual(
      ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'].map((n) => `任务清单 ${n}`),
    );
    expect(sectionAt(outlines['004'], outlines['004'].text.indexOf('细颗粒物'))).toMatchObject({ clause: '三（三）', group: '三、整改目标' });
  });

  it('finds the figures of 003\'s main targets in its （二）', () => {
    const main = mentionsOf['003'].filter((m) => m.clause === '（二）').map((m) => m.text);
    expect(main).toEqual(['41.5%', '14.5%', '17%', '63%', '43.5%', '持续大幅下降', '370万千瓦', '70%']);
  });
});

describe('indicator seed: structure', () => {
  it('is a well-formed seed file (seed-check finds nothing)', () => {
    expect(checkIndicatorSeed(seed)).toEqual([]);
    expect(seed.city).toBe('bazhong');
  });

  it('has unique keys and no name or alias shared by two indicators', () => {
    expect(checkIdentity(seed)).toEqual([]);
  });

  it('lists indicators in order of first appearance', () => {
    expect(checkOrder(seed)).toEqual([]);
    expect(seed.indicators[0]!.key).toBe('air-good-days-ratio');
  });

  it('keeps one indicator for one statistic across documents', () => {
    const docsOf = (key: string): string[] => [...new Set(seed.indicators.find((i) => i.key === key)!.targets.map((t) => t.placement.doc))];
    expect(docsOf('forest-coverage')).toEqual(['001', '003', '002']);
    expect(docsOf('air-good-days-ratio')).toEqual(['001', '000', '002', '004']);
    expect(docsOf('pm25-concentration')).toEqual(['001', '000', '002', '004']);
  });
});

describe('indicator seed: against the documents', () => {
  it('has every row of 专栏一 with its name, target, attribute and 2020 baseline as printed', () => {
    expect(checkColumn1(seed)).toEqual([]);
  });

  it('has every row of 附件2 and each of its sub-indicators, with value, attribute, deadline and units', () => {
    expect(checkAnnex2(seed)).toEqual([]);
  });

  it.each(SENTENCE_DOCS)('has every target that %s sets, each on the words that set it', (doc) => {
    expect(checkSentences(seed, doc)).toEqual([]);
  });

  it('quotes every name, target, group, deadline, unit and baseline verbatim (whitespace aside)', () => {
    expect(checkVerbatim(seed)).toEqual([]);
  });

  it('names only units that resolve to an organisation or are collectives', () => {
    expect(checkUnits(seed)).toEqual([]);
  });

  it('counts the targets of each document as the documents do, and INDICATORS.md says the same', () => {
    expect(countsOf(seed)).toEqual(expectedCounts);
    // The per-document table in the notes: "| 001 … | 26 |".
    const notes = readFileSync(NOTES_FILE, 'utf8');
    const table = Object.fromEntries(
      [...notes.matchAll(/^\|\s*(00\d)\b[^|]*\|\s*(\d+)\s*\|/gmu)].map((m) => [m[1]!, Number(m[2])]),
    );
    expect(table).toEqual(expectedCounts);
    const total = /(\d+) indicators\s+with (\d+) targets/u.exec(notes);
    expect(total?.slice(1).map(Number)).toEqual([seed.indicators.length, placed(seed).length]);
  });
});

describe('indicator seed: the checks can fail', () => {
  const broken = (change: (file: SeedFile) => void): SeedFile => {
    const copy = structuredClone(seed);
    change(copy);
    return copy;
  };
  const find = (file: SeedFile, key: string): IndicatorSeed => file.indicators.find((i) => i.key === key)!;
  const targetOf = (file: SeedFile, doc: Doc, clause: string, sub: number | null = null): IndicatorTarget =>
    placed(file).find((p) => p.target.placement.doc === doc && p.target.placement.clause === clause && p.target.placement.sub === sub)!.target;

  it('notices a 专栏一 row lost, a baseline misread and a figure changed', () => {
    expect(checkColumn1(broken((f) => find(f, 'forest-coverage').targets.shift()))).toContain('专栏一 序号14: 0 targets, the row names 1 indicator(s)');
    expect(checkColumn1(broken((f) => (find(f, 'pm25-concentration').baselines[0]!.value = 28)))).not.toEqual([]);
    expect(checkColumn1(broken((f) => (targetOf(f, '001', '专栏一 序号22').target = { kind: 'absolute', comparator: '>', value: 98 })))).not.toEqual([]);
    expect(countsOf(broken((f) => find(f, 'forest-coverage').targets.shift()))).not.toEqual(expectedCounts);
  });

  it('notices a 附件2 sub-indicator lost, swapped values and a unit dropped', () => {
    expect(checkAnnex2(broken((f) => find(f, 'invasive-alien-species').targets.pop()))).not.toEqual([]);
    expect(checkAnnex2(broken((f) => {
      const a = targetOf(f, '000', '附件2 第34行', 1).placement;
      const b = targetOf(f, '000', '附件2 第34行', 2).placement;
      [a.targetAsWritten, b.targetAsWritten] = [b.targetAsWritten, a.targetAsWritten];
    }))).not.toEqual([]);
    expect(checkAnnex2(broken((f) => targetOf(f, '000', '附件2 第4行').lead.pop()))).not.toEqual([]);
    expect(checkAnnex2(broken((f) => (targetOf(f, '000', '附件2 第30行').placement.domain = '生态经济')))).toEqual(['附件2 第30行 domain: "生态经济" ≠ "生态生活"']);
  });

  it('notices a sentence target lost, misplaced, or set on words listed as not a target', () => {
    expect(checkSentences(broken((f) => find(f, 'forest-stock').targets.pop()), '003')).toEqual([
      expect.stringContaining('"6700万立方米"'),
    ]);
    expect(checkSentences(broken((f) => (find(f, 'rail-freight-share').targets[0]!.placement.clause = '（八）3.')), '003')).not.toEqual([]);
    expect(checkSentences(broken((f) => (targetOf(f, '002', '(十)', 2).placement.sub = 1)), '002')).not.toEqual([]);
    expect(checkSentences(broken((f) => find(f, 'county-sewage-collection-rate').targets.push({
      ...structuredClone(find(f, 'county-sewage-collection-rate').targets[0]!),
      placement: { ...find(f, 'county-sewage-collection-rate').targets[0]!.placement, targetAsWritten: '全省35个设市城市生活污水集中收集率仅为47.1%' },
    })), '004')).toEqual(expect.arrayContaining([expect.stringContaining('listed as not a target')]));
    expect(checkSentences(broken((f) => (find(f, 'forest-coverage').targets.at(-2)!.year = 2025)), '003')).not.toEqual([]);
  });

  it('notices misquoted words, a unit that does not resolve, a shared alias and a broken order', () => {
    expect(checkVerbatim(broken((f) => (find(f, 'forest-coverage').targets[0]!.placement.targetAsWritten = '>64')))).not.toEqual([]);
    expect(checkUnits(broken((f) => targetOf(f, '000', '附件2 第1行').responsible.push('市不存在局')))).toEqual([expect.stringContaining('市不存在局')]);
    expect(checkIdentity(broken((f) => find(f, 'forest-grass-coverage').aliases.push('森林覆盖率')))).not.toEqual([]);
    expect(checkOrder(broken((f) => f.indicators.reverse()))).not.toEqual([]);
  });
});

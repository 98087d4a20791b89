import { describe, it, expect } from 'vitest';
import { splitUnitList } from '../orgs/resolve.ts';
import {
  allItems, brokenCopy, docText, nonEmptyLines, organisationSeed, quoteChecker, readTaskSeed, resolveUnit, SEED_ITEM_FIELDS, squeeze,
  unitProblems, type SeedItem, type SeedList, type SeedTaskList,
} from '../../test/support/seed-docs.ts';

// The task list seeded from document 004 (巴中市贯彻落实第二轮中央生态环境保护督察反馈意见整改实施方案):
// the ten rectification items 一…十 of its 任务清单 (the 附件), each with its numbered 整改措施, the
// per-district milestones of 六 and 九 and the 12 mining rights of 五. Every check re-reads the
// source text, so the seed cannot drift from the document without a test noticing.

/** 004 quotes the sentences that make the 督导单位 the acceptance unit. */
type TaskList = SeedTaskList<SeedList & { acceptanceSource: string[] }>;
const seed: TaskList = readTaskSeed('004');
const raw = docText('004');

const REFS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

// ---- 任务清单, read from the raw text --------------------------------------------------------

interface ParsedMeasure { ref: string; text: string; units: string[]; subs: ParsedMeasure[] }
interface ParsedItem {
  ref: string;
  text: string;
  responsible: string;
  supervising: string;
  deadline: string;
  target: string;
  measures: ParsedMeasure[];
}

/** The 附件 follows the last "…整改任务清单" line; the body's own 一、…五、 headings come before it. */
function annexLines(text: string): string[] {
  const heading = text.lastIndexOf('整改任务清单');
  expect(heading).toBeGreaterThan(text.indexOf('附件：'));
  return nonEmptyLines(text.slice(heading + '整改任务清单'.length));
}

const ITEM_START = /^([一二三四五六七八九十]+)、/u;
const MEASURE_START = /^(\d+)\./u;
const SUB_START = /^([（(]\d+[）)])\s*/u;
const FIELD = /^(责任单位|督导单位|整改时限|整改目标)[：:]/u;
const PARAGRAPH_START = /^(?:[一二三四五六七八九十]+、|\d+\.|[（(]\d+[）)]|责任单位|督导单位|整改时限|整改目标|整改措施)/u;
const UNITS_NOTE = /[（(]责任单位[：:]([^（）()]*(?:[（(][^（）()]*[）)][^（）()]*)*)[）)]$/u;

/** The text file breaks sentences (and names: 巴\n州区) over lines; a line that opens no paragraph continues the last. */
function paragraphs(lines: string[]): string[] {
  const out: string[] = [];
  for (const line of lines) {
    if (out.length > 0 && !PARAGRAPH_START.test(line)) out[out.length - 1] += line;
    else out.push(line);
  }
  return out;
}

function parseMeasure(paragraph: string, start: RegExp): ParsedMeasure {
  const m = start.exec(paragraph)!;
  const body = paragraph.slice(m[0].length).trim();
  const note = UNITS_NOTE.exec(body);
  return {
    ref: m[1]!,
    text: note === null ? body : body.slice(0, note.index),
    units: note === null ? [] : splitUnitList(note[1]!),
    subs: [],
  };
}

function parseTaskList(text: string): ParsedItem[] {
  const items: ParsedItem[] = [];
  for (const p of paragraphs(annexLines(text))) {
    const start = ITEM_START.exec(p);
    if (start !== null) {
      items.push({ ref: start[1]!, text: p.slice(start[0].length), responsible: '', supervising: '', deadline: '', target: '', measures: [] });
      continue;
    }
    const item = items.at(-1)!;
    const field = FIELD.exec(p);
    if (field !== null) {
      const value = p.slice(field[0].length).trim();
      if (field[1] === '责任单位') item.responsible = value;
      else if (field[1] === '督导单位') item.supervising = value;
      else if (field[1] === '整改时限') item.deadline = value;
      else item.target = value;
    } else if (MEASURE_START.test(p)) {
      item.measures.push(parseMeasure(p, MEASURE_START));
    } else if (SUB_START.test(p)) {
      item.measures.at(-1)!.subs.push(parseMeasure(p, SUB_START));
    } else {
      expect(p).toMatch(/^整改措施[：:]$/u);
    }
  }
  return items;
}

const parsed = parseTaskList(raw);
const parsedItem = (ref: string): ParsedItem => parsed.find((p) => p.ref === ref)!;

// ---- Reading figures out of a measure's text -----------------------------------------------

const DISTRICTS = '市本级|巴州区|恩阳区|南江县|通江县|平昌县|巴中经开区|经开区';
const PIPE = '新改建排水管网';
const SURVEY = '排水管网系统化排查检测';

/** "其中：巴州区 1 家、恩阳区 1 家…" up to the end of the clause: district → figure. */
function breakdown(clause: string, unit: string): [string, number][] {
  const re = new RegExp(`(${DISTRICTS})\\s*(\\d+(?:\\.\\d+)?)\\s*${unit}`, 'gu');
  return [...clause.matchAll(re)].map((m) => [m[1]!, Number(m[2])]);
}
/** The clauses after each 其中, each cut at the first ；or 。 */
const breakdownClauses = (text: string): string[] =>
  text.split(/其中[：:]/u).slice(1).map((c) => c.split(/[；;。]/u)[0]!);
const yearOf = (text: string): number => Number(/^(20\d{2})\s*年/u.exec(text)![1]);

// The dated phrases a measure's deadline is taken from: the last one in its text. An entry under a
// measure (五 措施3 (1)…(4)) records closure dates too, so there only a phrase ending in 前 counts.
const DATE = /20\d{2}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?(?:底)?前?/gu;
function expectedDeadline(text: string, onlyBefore: boolean): string | null {
  const dates = [...text.matchAll(DATE)].map((m) => m[0]).filter((d) => !onlyBefore || d.endsWith('前'));
  return dates.at(-1) ?? null;
}

// ---- Checks, written as functions returning problems so that a broken copy can be checked too --

const districtKeys = new Set(organisationSeed.organisations.filter((o) => o.kind === 'district').map((o) => o.key));
/** 市本级 is the city's own share of a figure; the organisations file has no such spelling. */
const CITY_SHARE = '市本级';
const districtKey = (name: string): string | undefined => (name === CITY_SHARE ? CITY_SHARE : resolveUnit(name));

/** Lead units: the names a 十 measure opens with, before 牵头 or 协调组织开展. */
function expectedLead(text: string): string[] {
  const m = /^([^，。；]{2,30}?)(?:牵头|协调组织开展)/u.exec(text);
  if (m === null) return [];
  const names = splitUnitList(m[1]!);
  return names.every((n) => resolveUnit(n) !== undefined) ? names : [];
}

function checkItems(list: TaskList): string[] {
  const problems: string[] = [];
  const same = (at: string, field: string, a: unknown, b: unknown): void => {
    if (JSON.stringify(a) !== JSON.stringify(b)) problems.push(`${at} ${field}: ${JSON.stringify(a)} ≠ document ${JSON.stringify(b)}`);
  };
  same('list', 'refs', list.items.map((it) => it.ref), parsed.map((p) => p.ref));
  parsed.forEach((p, k) => {
    const item = list.items[k];
    if (item === undefined) return;
    const at = p.ref;
    same(at, 'ref', item.ref, p.ref);
    same(at, 'heading', item.heading, '巴中市贯彻落实第二轮中央生态环境保护督察反馈意见整改任务清单');
    same(at, 'clause', item.clause, `任务清单 ${p.ref}`);
    same(at, 'text', item.text, p.text);
    same(at, 'title', item.title, p.text.split('。')[0]);
    same(at, 'responsible', item.responsible, splitUnitList(p.responsible));
    same(at, 'supervising', item.supervising, splitUnitList(p.supervising));
    same(at, 'lead', item.lead, []);
    same(at, 'deadline', item.deadline, p.deadline);
    if (item.targets.length === 0) problems.push(`${at}: no target`);
    for (const t of item.targets) {
      if (!squeeze(p.target).includes(squeeze(t.text))) problems.push(`${at}: target "${t.text}" is not its 整改目标`);
      if (t.deadline !== null) problems.push(`${at}: target deadline copied from the item`);
    }
    same(at, 'number of 整改措施', item.children.length, p.measures.length);
    p.measures.forEach((pm, n) => {
      const measure = item.children[n];
      if (measure === undefined) return;
      const mat = `${at} 措施${pm.ref}`;
      same(mat, 'ref', measure.ref, pm.ref);
      same(mat, 'clause', measure.clause, `任务清单 ${p.ref} 措施${pm.ref}`);
      same(mat, 'text', measure.text, pm.text);
      same(mat, 'title', measure.title, pm.text.split('。')[0]);
      same(mat, 'responsible', measure.responsible, pm.units);
      same(mat, 'supervising', measure.supervising, []);
      same(mat, 'lead', measure.lead, expectedLead(pm.text));
      same(mat, 'deadline', measure.deadline, expectedDeadline(pm.text, false));
      same(mat, 'number of entries', measure.children.length, pm.subs.length);
      pm.subs.forEach((ps, s) => {
        const entry = measure.children[s];
        if (entry === undefined) return;
        const sat = `${mat}${ps.ref}`;
        same(sat, 'ref', entry.ref, ps.ref);
        same(sat, 'clause', entry.clause, `任务清单 ${p.ref} 措施${pm.ref}${ps.ref}`);
        same(sat, 'text', entry.text, ps.text);
        same(sat, 'responsible', entry.responsible, ps.units);
        same(sat, 'deadline', entry.deadline, expectedDeadline(ps.text, true));
      });
    });
  });
  return problems;
}

function checkTargets(list: TaskList): string[] {
  const problems: string[] = [];
  for (const it of allItems(list)) {
    for (const t of it.targets) {
      const at = `${it.clause} target "${t.text}"`;
      // An item's targets quote its 整改目标 (checked in checkItems); a measure's quote the measure.
      if (it.clause.includes('措施') && !squeeze(it.text).includes(squeeze(t.text))) problems.push(`${at} is not in its text`);
      if (t.subject !== null && !squeeze(t.text).includes(squeeze(t.subject))) problems.push(`${at}: subject ${t.subject}`);
      if (t.quantity !== null && !t.text.includes(String(t.quantity))) problems.push(`${at}: quantity ${t.quantity}`);
      if ((t.quantity === null) !== (t.unit === null)) problems.push(`${at}: quantity and unit go together`);
      if (t.deadline !== null && !squeeze(it.text).includes(squeeze(`${t.deadline}，`)) && !squeeze(it.text).includes(squeeze(`${t.deadline},`))) {
        problems.push(`${at}: deadline ${t.deadline} does not open a clause of its text`);
      }
    }
  }
  return problems;
}

/** 六: each measure's 全市 total and per-district kilometres, cumulative since 2021. */
function checkDrainage(list: TaskList): string[] {
  const problems: string[] = [];
  const item = list.items.find((it) => it.ref === '六');
  if (item === undefined) return ['六 missing'];
  const totals = new Map<string, Map<number, number>>();
  const stated: { subject: string; year: number; km: number }[] = [];
  parsedItem('六').measures.forEach((pm, n) => {
    const measure = item.children[n];
    const at = `六 措施${pm.ref}`;
    if (measure === undefined) return;
    const subject = pm.text.includes(PIPE) ? PIPE : SURVEY;
    const year = yearOf(pm.text);
    const total = Number(new RegExp(`全市(?:已)?完成${subject}(\\d+(?:\\.\\d+)?)公里`, 'u').exec(pm.text)![1]);
    if (!totals.has(subject)) totals.set(subject, new Map());
    totals.get(subject)!.set(year, total);
    // "（含2021年55公里、2022年90公里）": what earlier years added.
    const included = /含([^）)]*)[）)]/u.exec(pm.text.replace(/\*\*/gu, ''));
    if (included !== null) {
      for (const m of included[1]!.matchAll(/(20\d{2})年(\d+(?:\.\d+)?)公里/gu)) stated.push({ subject, year: Number(m[1]), km: Number(m[2]) });
    }
    const clauses = breakdownClauses(pm.text);
    if (clauses.length !== 1) problems.push(`${at}: ${clauses.length} breakdowns`);
    const expected = breakdown(clauses[0] ?? '', '公里')
      .map(([district, km]) => ({ subject, unit: 'km', district, year, quantity: km, cumulative: true }));
    if (JSON.stringify(measure.milestones) !== JSON.stringify(expected)) {
      problems.push(`${at} milestones ${JSON.stringify(measure.milestones)} ≠ document ${JSON.stringify(expected)}`);
    }
    const sum = Math.round(measure.milestones.reduce((s, ms) => s + ms.quantity, 0) * 10) / 10;
    if (sum !== total) problems.push(`${at}: districts add up to ${sum}, the document's total is ${total}`);
    const target = measure.targets.find((t) => t.subject === subject);
    if (target?.quantity !== total || target.unit !== 'km') problems.push(`${at}: target total ${target?.quantity}, document ${total}`);
  });
  // Cumulative: each year's total is the previous one plus what that year added, and no district
  // has fewer kilometres than the year before.
  for (const s of stated) {
    const byYear = totals.get(s.subject)!;
    const added = (byYear.get(s.year) ?? NaN) - (byYear.get(s.year - 1) ?? 0);
    if (Math.abs(added - s.km) > 1e-9) problems.push(`${s.subject} ${s.year}: totals differ by ${added}, the text says ${s.km}`);
  }
  for (const subject of [PIPE, SURVEY]) {
    const series = item.children.flatMap((c) => c.milestones).filter((m) => m.subject === subject);
    const reached = new Map<string, number>();
    for (const year of [2021, 2022, 2023, 2024, 2025]) {
      for (const m of series.filter((x) => x.year === year)) {
        const key = districtKey(m.district) ?? m.district;
        if (m.quantity < (reached.get(key) ?? 0)) problems.push(`${subject} ${m.district} ${year}: ${m.quantity} below the year before`);
        reached.set(key, m.quantity);
      }
    }
  }
  return problems;
}

/** 九: the per-county figures behind each 其中, in the order the text gives them. */
function checkFarming(list: TaskList): string[] {
  const problems: string[] = [];
  const item = list.items.find((it) => it.ref === '九');
  if (item === undefined) return ['九 missing'];
  parsedItem('九').measures.forEach((pm, n) => {
    const measure = item.children[n];
    const at = `九 措施${pm.ref}`;
    if (measure === undefined) return;
    const clauses = breakdownClauses(pm.text);
    const groups = [...new Set(measure.milestones.map((m) => m.subject))];
    if (clauses.length === 0) {
      // 措施5: one county's figure written in the sentence itself.
      for (const m of measure.milestones) {
        if (!squeeze(pm.text).includes(squeeze(`在${m.district}建设${m.subject}${m.quantity}${m.unit}`))) problems.push(`${at}: ${JSON.stringify(m)} not in its text`);
      }
      return;
    }
    if (groups.length !== clauses.length) problems.push(`${at}: ${groups.length} milestone groups, ${clauses.length} breakdowns in the text`);
    clauses.forEach((clause, g) => {
      const subject = groups[g];
      const ms = measure.milestones.filter((m) => m.subject === subject);
      const unit = ms[0]?.unit ?? '';
      const expected = breakdown(clause, unit);
      const got = ms.map((m): [string, number] => [m.district, m.quantity]);
      if (JSON.stringify(got) !== JSON.stringify(expected) || expected.length === 0) {
        problems.push(`${at} ${subject}: ${JSON.stringify(got)} ≠ document ${JSON.stringify(expected)}`);
      }
      if (ms.some((m) => m.year !== yearOf(pm.text) || m.cumulative)) problems.push(`${at} ${subject}: year or cumulative`);
      const target = measure.targets.find((t) => t.subject === subject);
      const sum = Math.round(ms.reduce((s, m) => s + m.quantity, 0) * 10) / 10;
      if (target === undefined || target.quantity !== sum) problems.push(`${at} ${subject}: districts add up to ${sum}, target ${target?.quantity}`);
    });
  });
  return problems;
}

function checkMilestones(list: TaskList): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const it of allItems(list)) {
    for (const m of it.milestones) {
      const at = `${it.clause} ${m.subject} ${m.district} ${m.year}`;
      const key = `${m.subject}|${districtKey(m.district) ?? m.district}|${m.year}`;
      if (seen.has(key)) problems.push(`${at}: twice`);
      seen.add(key);
      const d = districtKey(m.district);
      if (d === undefined || (d !== CITY_SHARE && !districtKeys.has(d))) problems.push(`${at}: ${m.district} is not a county or zone`);
      if (!squeeze(it.text).includes(squeeze(m.district)) || !squeeze(it.text).includes(String(m.quantity))) problems.push(`${at}: not in its text`);
      if (!squeeze(it.text).includes(squeeze(m.subject))) problems.push(`${at}: subject not in its text`);
    }
  }
  return problems;
}

/** 五: the rights named in the entries under 措施3, before 已于 or before 等 N 家矿业权. */
function parseMiningRights(): { name: string; entry: ParsedMeasure }[] {
  const entries = parsedItem('五').measures.flatMap((m) => m.subs);
  return entries.flatMap((entry) => {
    const head = entry.text.split(/已于|等\s*\d+\s*家矿业权/u)[0]!;
    return splitUnitList(head).map((name) => ({ name, entry }));
  });
}
const miningRights = parseMiningRights();

function checkAssets(list: TaskList): string[] {
  const problems: string[] = [];
  const five = list.items.find((it) => it.ref === '五');
  if (five === undefined) return ['五 missing'];
  const names = five.assets.map((a) => a.name);
  const expected = miningRights.map((r) => r.name);
  if (JSON.stringify(names) !== JSON.stringify(expected)) problems.push(`assets ${JSON.stringify(names)} ≠ document ${JSON.stringify(expected)}`);
  for (const a of five.assets) {
    const right = miningRights.find((r) => r.name === a.name);
    if (right === undefined) continue;
    if (a.kind !== 'mining-right') problems.push(`${a.name}: kind ${a.kind}`);
    if (a.status === null || !squeeze(right.entry.text).includes(squeeze(a.status))) problems.push(`${a.name}: status "${a.status}" is not what its entry records`);
    // The county answering for the entry is where the right lies.
    const county = right.entry.units.map((u) => resolveUnit(u));
    if (a.district === null || county.length !== 1 || resolveUnit(a.district) !== county[0]) problems.push(`${a.name}: district ${a.district}, entry's unit ${right.entry.units.join('、')}`);
  }
  for (const it of allItems(list)) if (it !== five && it.assets.length > 0) problems.push(`${it.clause}: assets outside 五`);
  return problems;
}

function checkVerbatim(list: TaskList): string[] {
  const { quoted, problems } = quoteChecker(raw);
  quoted('list.title', list.list.title);
  quoted('list.scheduleSource', list.list.scheduleSource);
  for (const s of list.list.acceptanceSource) quoted('list.acceptanceSource', s);
  for (const it of allItems(list)) {
    quoted(`${it.clause} text`, it.text);
    quoted(`${it.clause} title`, it.title);
    quoted(`${it.clause} heading`, it.heading);
    quoted(`${it.clause} deadline`, it.deadline);
    for (const t of it.targets) {
      quoted(`${it.clause} target`, t.text);
      quoted(`${it.clause} target deadline`, t.deadline);
    }
    for (const u of [...it.lead, ...it.responsible, ...it.supervising, ...it.persons]) quoted(`${it.clause} unit`, u);
    for (const a of it.assets) {
      quoted(`${it.clause} asset`, a.name);
      quoted(`${it.clause} asset status`, a.status);
    }
  }
  return problems;
}

const checkUnits = (list: TaskList): string[] => unitProblems(list, (it) => it.clause);

// ---- Tests ---------------------------------------------------------------------------------

describe('task seed 004: the parser reads the document', () => {
  it('finds the ten items 一…十 of the 任务清单, each with its four fields', () => {
    expect(parsed.map((p) => p.ref)).toEqual(REFS);
    for (const p of parsed) {
      expect(p.text, p.ref).toMatch(/（省整改任务第[一二三四五六七八九十]+项）$|\(省整改任务第[一二三四五六七八九十]+项\)$/u);
      expect(p.responsible, p.ref).not.toBe('');
      expect(p.supervising, p.ref).not.toBe('');
      expect(p.deadline, p.ref).not.toBe('');
      expect(p.target, p.ref).not.toBe('');
    }
    expect(parsedItem('二').target).toBe('完成出具手续办理承诺待销号小水电问题整改并验收销号。');
  });

  it('finds the numbered 整改措施 of each item, each with its units', () => {
    expect(parsed.map((p) => p.measures.length)).toEqual([5, 4, 4, 2, 3, 10, 2, 4, 5, 7]);
    for (const p of parsed) {
      expect(p.measures.map((m) => m.ref), p.ref).toEqual(p.measures.map((_, n) => String(n + 1)));
      for (const m of p.measures) expect(m.units.length, `${p.ref} ${m.ref}`).toBeGreaterThan(0);
    }
    // 三 措施4's unit note wraps onto the next line; 六 措施10 is written with half-width punctuation.
    expect(parsedItem('三').measures[3]!.units).toEqual(['市自然资源和规划局', '市林业局', '南江县', '通江县党委和人民政府', '文旅新区']);
    expect(parsedItem('六').measures[9]!.units).toEqual(['各县(区)党委和人民政府', '巴中经开区']);
    expect(parsedItem('五').measures[2]!.subs.map((s) => s.ref)).toEqual(['（1）', '（2）', '(3)', '(4)']);
  });

  it('finds the 12 mining rights of 五, as many as its 整改目标 counts', () => {
    const counted = Number(/(\d+)\s*个矿业权/u.exec(parsedItem('五').target)![1]);
    expect(counted).toBe(12);
    expect(miningRights).toHaveLength(counted);
    expect(miningRights[2]!.name).toBe('巴中汇能矿业集团有限公司青龙嘴煤矿');
    expect(miningRights.filter((r) => r.name.startsWith('四川省南江县'))).toHaveLength(9);
  });
});

describe('task seed 004: the list', () => {
  it('describes document 004, its bimonthly 调度 and acceptance by the 督导单位', () => {
    expect(seed.list).toMatchObject({ key: '004', doc: '004', year: 2021, reportSchedule: 'bimonthly', acceptance: 'supervisor' });
    expect(seed.list.title).toBe(organisationSeed.documents['004']!.title);
    expect(seed.list.scheduleSource).toContain('双月调度、定期通报、半年交账、年度考核');
    expect(seed.list.acceptanceSource.join('')).toContain('负责问题的整改验收，牵头实施整改销号');
    expect(seed.list.acceptanceSource.join('')).toContain('督导单位为议事协调机构的，由议事协调机构所在市级部门作为整改验收单位');
  });

  it('holds the ten items with every field present', () => {
    expect(seed.items.map((it) => it.ref)).toEqual(REFS);
    for (const it of allItems(seed)) {
      expect(Object.keys(it).sort(), it.clause).toEqual(SEED_ITEM_FIELDS);
      for (const f of ['lead', 'responsible', 'supervising', 'persons', 'targets', 'milestones', 'assets', 'children'] as const) {
        expect(Array.isArray(it[f]), `${it.clause} ${f}`).toBe(true);
      }
      expect(it.indicator).toBeNull();
    }
  });

  it('marks the rectification public, as 五、保障措施（五） asks', () => {
    expect(raw).toContain('加强问题整改信息公开');
    for (const it of allItems(seed)) expect(it.public, it.clause).toBe(true);
  });

  it('counts 46 measures, 72 milestones and 12 assets', () => {
    expect(seed.items.reduce((n, it) => n + it.children.length, 0)).toBe(46);
    expect(allItems(seed).reduce((n, it) => n + it.milestones.length, 0)).toBe(72);
    expect(allItems(seed).reduce((n, it) => n + it.assets.length, 0)).toBe(12);
  });
});

describe('task seed 004: against the document', () => {
  it('has every item and measure with its text, units and deadline as written', () => {
    expect(checkItems(seed)).toEqual([]);
  });

  it('has targets that quote their text', () => {
    expect(checkTargets(seed)).toEqual([]);
  });

  it('has the drainage kilometres of 六 per district and year, adding up and cumulative', () => {
    expect(checkDrainage(seed)).toEqual([]);
    const km = (measure: number, district: string): number | undefined =>
      seed.items[5]!.children[measure - 1]!.milestones.find((m) => m.district === district)?.quantity;
    // Spot checks read off the document by hand.
    expect(km(5, '巴州区')).toBe(97); // 2023 新改建
    expect(km(3, '市本级')).toBe(8.6); // 2022 新改建
    expect(km(3, '经开区')).toBe(4.5);
    expect(km(10, '平昌县')).toBe(60); // 2025 排查检测
    expect(km(2, '恩阳区')).toBe(16); // 2021 排查检测
  });

  it('has the per-county figures of 九, the 400 monitoring points among them', () => {
    expect(checkFarming(seed)).toEqual([]);
    const points = seed.items[8]!.children[2]!.milestones;
    expect(points.map((m) => [m.district, m.quantity])).toEqual([['巴州区', 50], ['恩阳区', 100], ['南江县', 50], ['通江县', 100], ['平昌县', 100]]);
    expect(points.reduce((s, m) => s + m.quantity, 0)).toBe(400);
    expect(points.every((m) => m.year === 2023 && m.unit === '个' && m.subject === '化肥和农药使用量监测调查点')).toBe(true);
  });

  it('has each milestone once, in a county or zone its text names', () => {
    expect(checkMilestones(seed)).toEqual([]);
  });

  it('has the 12 mining rights of 五 with the status each entry records', () => {
    expect(checkAssets(seed)).toEqual([]);
  });

  it('quotes every text verbatim (whitespace aside)', () => {
    expect(checkVerbatim(seed)).toEqual([]);
  });

  it('names only units that resolve to an organisation or are collectives', () => {
    expect(checkUnits(seed)).toEqual([]);
  });
});

describe('task seed 004: the checks can fail', () => {
  const broken = (change: (list: TaskList) => void): TaskList => brokenCopy(seed, change);
  const item = (list: TaskList, ref: string): SeedItem => list.items.find((it) => it.ref === ref)!;

  it('notices a missing item or measure, a wrong deadline and a lost unit', () => {
    expect(checkItems(broken((l) => l.items.splice(3, 1)))).not.toEqual([]);
    expect(checkItems(broken((l) => item(l, '八').children.pop()))).not.toEqual([]);
    expect(checkItems(broken((l) => (item(l, '三').children[1]!.deadline = '2022年12月底前')))).not.toEqual([]);
    expect(checkItems(broken((l) => (item(l, '一').children[0]!.deadline = '立行立改，长期坚持')))).not.toEqual([]);
    expect(checkItems(broken((l) => item(l, '二').children[0]!.responsible.pop()))).not.toEqual([]);
    expect(checkItems(broken((l) => item(l, '十').children[5]!.lead.pop()))).not.toEqual([]);
  });

  it('notices a wrong, missing or non-cumulative kilometre figure', () => {
    expect(checkDrainage(broken((l) => (item(l, '六').children[4]!.milestones[1]!.quantity = 79)))).not.toEqual([]);
    expect(checkDrainage(broken((l) => item(l, '六').children[6]!.milestones.pop()))).not.toEqual([]);
    expect(checkDrainage(broken((l) => (item(l, '六').children[7]!.milestones[0]!.cumulative = false)))).not.toEqual([]);
    expect(checkFarming(broken((l) => (item(l, '九').children[2]!.milestones[1]!.quantity = 50)))).not.toEqual([]);
    expect(checkMilestones(broken((l) => (item(l, '九').children[2]!.milestones[1]!.district = '市林业局')))).not.toEqual([]);
  });

  it('notices a lost mining right and a status the text does not record', () => {
    expect(checkAssets(broken((l) => item(l, '五').assets.splice(4, 1)))).not.toEqual([]);
    expect(checkAssets(broken((l) => (item(l, '五').assets[2]!.status = '矿业权已注销')))).not.toEqual([]);
    expect(checkAssets(broken((l) => (item(l, '五').assets[2]!.district = '南江县')))).not.toEqual([]);
  });

  it('notices text that is not in the document and a unit that does not resolve', () => {
    expect(checkVerbatim(broken((l) => (item(l, '七').children[0]!.text += '并按月报送。')))).not.toEqual([]);
    expect(checkUnits(broken((l) => item(l, '一').responsible.push('市不存在局')))).toEqual(['任务清单 一: "市不存在局" does not resolve']);
    expect(checkUnits(broken((l) => (item(l, '四').supervising = ['市自然资源和规划局、市林业局'])))).not.toEqual([]);
  });
});

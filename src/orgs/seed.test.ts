import { describe, it, expect } from 'vitest';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { buildUnitResolver, normaliseUnitName, splitUnitList } from './resolve.ts';

// The five public documents the seed was read from. The coverage tests re-read them, so that a
// unit added to the seed by hand cannot hide one that was missed.
import { SOURCE_DOCS } from '../../test/support/source-docs.ts';
const SEED_FILE = new URL('../../seeds/bazhong/organisations.json', import.meta.url);

interface Source { doc: string; clause: string; role: string; text: string }
interface Organisation {
  key: string;
  name: string;
  fullName?: string;
  kind: 'city' | 'district' | 'unit';
  code?: string;
  codeOfficial?: boolean;
  districtType?: 'district' | 'county' | 'zone';
  unitType?: 'party' | 'government' | 'court' | 'vertical' | 'enterprise' | 'other';
  parent: string | null;
  aliases: string[];
  note?: string;
  sources: Source[];
}
interface Collective { key: string; text: string; meaning: string; resolvesTo?: string[]; aliases: string[]; sources: Source[] }
interface Seed {
  city: string;
  documents: Record<string, { file: string; title: string }>;
  organisations: Organisation[];
  collectives: Collective[];
}

const seed = JSON.parse(readFileSync(SEED_FILE, 'utf8')) as Seed;
const orgs = seed.organisations;
const byKey = new Map(orgs.map((o) => [o.key, o]));
// Built on first use: a spelling claimed twice makes buildUnitResolver throw, and that should fail
// the spelling test with the list of clashes rather than stop the whole file from loading.
let resolver: ((text: string) => string | undefined) | undefined;
const resolve = (text: string): string | undefined => (resolver ??= buildUnitResolver(orgs))(text);
const collectiveSpellings = new Set(
  seed.collectives.flatMap((c) => [c.text, ...c.aliases]).map((t) => normaliseUnitName(t)),
);
const isCollective = (text: string): boolean => collectiveSpellings.has(normaliseUnitName(text));

function docText(id: string): string {
  if (!existsSync(SOURCE_DOCS)) throw new Error(`Source documents not found at ${SOURCE_DOCS} (set QINGSHAN_SOURCE_DOCS)`);
  const file = readdirSync(SOURCE_DOCS).find((f) => f.startsWith(`${id}_`));
  if (file === undefined) throw new Error(`Document ${id} not found in ${SOURCE_DOCS}`);
  return readFileSync(join(SOURCE_DOCS, file), 'utf8');
}
const squeeze = (s: string): string => s.replace(/\s+/gu, '');

// ---- Extracting unit lists from the raw documents ------------------------------------------

/** One name in one list; `list` identifies the list (label and offset) so lists can be counted. */
interface Mention { doc: string; list: string; where: string; text: string }
interface Joined { text: string; lineStarts: number[]; lineEnds: number[] }

/** Lines trimmed and joined without separators, because lists wrap mid-name (…巴\n州区…). */
function joinLines(raw: string): Joined {
  const joined: Joined = { text: '', lineStarts: [], lineEnds: [] };
  for (const line of raw.split(/\r?\n/u).map((l) => l.trim()).filter((l) => l !== '')) {
    joined.lineStarts.push(joined.text.length);
    joined.text += line;
    joined.lineEnds.push(joined.text.length);
  }
  return joined;
}

const OPENING = '（(〔';
const CLOSING = '）)〕';

/** A list runs to the bracket that closes the one it sits in, or to ；/。 outside brackets. */
function scanList(text: string, from: number, end: number): string {
  let depth = 0;
  let i = from;
  for (; i < end; i++) {
    const ch = text[i]!;
    if (OPENING.includes(ch)) depth += 1;
    else if (CLOSING.includes(ch)) {
      if (depth === 0) break;
      depth -= 1;
    } else if (depth === 0 && '；;。'.includes(ch)) break;
  }
  return text.slice(from, i);
}

/** 牵头单位：/责任单位：/督导单位： lists (002, 004), and 002's 数据提供：. */
function labelledMentions(id: string): Mention[] {
  const j = joinLines(docText(id));
  const out: Mention[] = [];
  for (const m of j.text.matchAll(/(牵头单位|责任单位|督导单位|数据提供)[:：]/gu)) {
    const start = m.index + m[0].length;
    // 004's task headers put one label per line with no closing bracket: the line ends the list.
    const line = j.lineStarts.indexOf(m.index);
    const end = line >= 0 ? j.lineEnds[line]! : j.text.length;
    const list = scanList(j.text, start, end);
    for (const text of splitUnitList(list)) out.push({ doc: id, list: `${m[1]}@${m.index}`, where: `${m[1]}：${list}`, text });
  }
  return out;
}

/** 003 writes its lists as "（市生态环境局、市发展改革委…按职责分工负责…）" and once as "（市生态环境局）". */
function dutyListMentions003(): Mention[] {
  const j = joinLines(docText('003'));
  const out: Mention[] = [];
  for (const m of j.text.matchAll(/按职责分工负责/gu)) {
    let depth = 0;
    let i = m.index - 1;
    for (; i >= 0; i--) {
      const ch = j.text[i]!;
      if (CLOSING.includes(ch)) depth += 1;
      else if (OPENING.includes(ch)) {
        if (depth === 0) break;
        depth -= 1;
      }
    }
    const list = j.text.slice(i + 1, m.index);
    for (const text of splitUnitList(list)) out.push({ doc: '003', list: `duty@${m.index}`, where: list, text });
  }
  for (const m of j.text.matchAll(/（(市[^（）、，。；]{1,12}[局委办部])）/gu)) {
    out.push({ doc: '003', list: `single@${m.index}`, where: m[0], text: m[1]! });
  }
  return out;
}

/**
 * 000's 附件2 is a table flattened to one cell fragment per line: the 完成时限 cell (持续/推进,
 * 2020/年/12/月) is followed by the 牵头单位 cell (narrow, names unseparated) and then the
 * 责任单位 cell (wider, separated by 、，). The row ends at the next row number, category or
 * page header.
 */
function tableMentions000(): { mentions: Mention[]; rows: number } {
  const raw = docText('000');
  const annex = raw.indexOf('任务分解表', raw.indexOf('附件 2'));
  expect(annex).toBeGreaterThan(0);
  const lines = raw.slice(annex).split(/\r?\n/u).map((l) => l.trim()).filter((l) => l !== '');
  const out: Mention[] = [];
  let rows = 0;
  let row = '';
  let cell: string[] | undefined;
  const flush = (): void => {
    if (cell === undefined) return;
    rows += 1;
    const wide = cell.findIndex((l) => l.length >= 6);
    const lead = cell.slice(0, wide < 0 ? cell.length : wide).join('');
    const responsible = wide < 0 ? '' : cell.slice(wide).join('');
    // Lead units in one cell run together: 市生态环境局市中级人民法院市人民检察院市公安局.
    for (const text of lead.split(/(?<=[局室部院会])(?=市)/u)) {
      out.push({ doc: '000', list: `牵头单位@${rows}`, where: `附件2 第${row}行 牵头单位 ${lead}`, text });
    }
    for (const text of splitUnitList(responsible)) {
      out.push({ doc: '000', list: `责任单位@${rows}`, where: `附件2 第${row}行 责任单位 ${responsible}`, text });
    }
    cell = undefined;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const previous = lines[i - 1];
    const next = lines[i + 1];
    if (cell !== undefined) {
      const rowEnds =
        /^\d{1,2}(\s|$)/u.test(line) || /^（[一二三四五六七八九十]+）$/u.test(line) || line === '领' || (line === '生' && next === '态');
      if (!rowEnds) {
        cell.push(line);
        continue;
      }
      flush();
    }
    const number = /^(\d{1,2})(\s|$)/u.exec(line);
    if (number && next !== '月') row = number[1]!;
    if (((line === '推进' || line === '保持') && previous === '持续') || (line === '月' && previous === '12')) cell = [];
  }
  flush();
  return { mentions: out, rows };
}

/** The 主送 line of a notice: who the document is addressed to. */
function addresseeMentions(id: string): Mention[] {
  const lines = docText(id).split(/\r?\n/u).map((l) => l.trim()).filter((l) => l !== '').slice(0, 6);
  const line = lines.find((l) => l.startsWith('各县') && /[:：]$/u.test(l));
  if (line === undefined) throw new Error(`No addressee line in ${id}`);
  return splitUnitList(line.slice(0, -1)).map((text) => ({ doc: id, list: '主送', where: line, text }));
}

/** How many lists carry the label, counted on the raw text, so a list the parser dropped is noticed. */
function listsLabelled(mentions: Mention[], label: string): number {
  return new Set(mentions.filter((m) => m.list.startsWith(`${label}@`)).map((m) => m.list)).size;
}
function labelsInText(id: string, pattern: RegExp): number {
  return [...squeeze(docText(id)).matchAll(pattern)].length;
}

function unresolved(mentions: Mention[]): Mention[] {
  return mentions.filter((m) => !isCollective(m.text) && resolve(m.text) === undefined);
}

// ---- Tests ---------------------------------------------------------------------------------

describe('organisation seed: structure', () => {
  it('names the city and the five documents, each present on disk', () => {
    expect(seed.city).toBe('巴中市');
    expect(Object.keys(seed.documents).sort()).toEqual(['000', '001', '002', '003', '004']);
    for (const [id, doc] of Object.entries(seed.documents)) {
      expect(doc.file.startsWith(`${id}_`)).toBe(true);
      expect(squeeze(docText(id))).toContain(squeeze(doc.title).slice(0, 8));
    }
  });

  it('has unique, lowercase ASCII slug keys', () => {
    const keys = orgs.map((o) => o.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(key).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/u);
  });

  it('gives every organisation an existing parent, and only the city none', () => {
    for (const o of orgs) {
      if (o.kind === 'city') expect(o.parent).toBeNull();
      else expect(byKey.has(o.parent ?? ''), `${o.key} → ${o.parent}`).toBe(true);
    }
    expect(orgs.filter((o) => o.kind === 'city').map((o) => o.key)).toEqual(['bazhong']);
  });

  it('holds the seven district-level entries with their codes', () => {
    const expected: [string, string, string, boolean, string][] = [
      ['巴州区', '511902', 'district', true, 'bazhou'],
      ['恩阳区', '511903', 'district', true, 'enyang'],
      ['通江县', '511921', 'county', true, 'tongjiang'],
      ['南江县', '511922', 'county', true, 'nanjiang'],
      ['平昌县', '511923', 'county', true, 'pingchang'],
    ];
    for (const [name, code, districtType, official, key] of expected) {
      const o = byKey.get(key);
      expect(o, key).toBeDefined();
      expect(o).toMatchObject({ name, code, districtType, codeOfficial: official, kind: 'district', parent: 'bazhong' });
    }
    for (const key of ['jingkaiqu', 'wenlvxinqu']) {
      const zone = byKey.get(key)!;
      expect(zone).toMatchObject({ kind: 'district', districtType: 'zone', codeOfficial: false, parent: 'bazhong' });
      // Internal codes must never pass for an official six-digit division code.
      expect(zone.code).toMatch(/^\d{6}X$/u);
      expect(zone.note).toMatch(/not an official/u);
    }
    expect(orgs.filter((o) => o.kind === 'district')).toHaveLength(7);
    expect(byKey.get('bazhong')).toMatchObject({ code: '511900' });
    expect(resolve('巴中经开区管委会')).toBe('jingkaiqu');
  });

  it('types every unit and no district', () => {
    const unitTypes = new Set(['party', 'government', 'court', 'vertical', 'enterprise', 'other']);
    for (const o of orgs) {
      if (o.kind === 'unit') expect(unitTypes.has(o.unitType ?? ''), o.key).toBe(true);
      else expect(o.unitType, o.key).toBeUndefined();
    }
  });
});

describe('organisation seed: spellings', () => {
  it('lets every spelling belong to exactly one organisation', () => {
    const owners = new Map<string, Set<string>>();
    for (const o of orgs) {
      for (const spelling of [o.name, ...(o.fullName === undefined ? [] : [o.fullName]), ...o.aliases]) {
        const normal = normaliseUnitName(spelling);
        if (!owners.has(normal)) owners.set(normal, new Set());
        owners.get(normal)!.add(o.key);
      }
    }
    const shared = [...owners].filter(([, keys]) => keys.size > 1);
    expect(shared).toEqual([]);
    for (const o of orgs) {
      for (const alias of o.aliases) expect(resolve(alias), `${o.key}: ${alias}`).toBe(o.key);
      expect(resolve(o.name)).toBe(o.key);
    }
  });

  it('keeps collective phrases apart from organisations', () => {
    for (const c of seed.collectives) {
      for (const text of [c.text, ...c.aliases]) expect(resolve(text), text).toBeUndefined();
      for (const key of c.resolvesTo ?? []) expect(byKey.get(key)?.kind, key).toBe('district');
      expect(c.meaning.length).toBeGreaterThan(0);
    }
    expect(seed.collectives.find((c) => c.text === '各县（区）人民政府')?.resolvesTo).toHaveLength(5);
  });

  // Copied verbatim from the documents (each is checked to occur in one).
  const verbatim: [string, string][] = [
    ['市发展和改革委员会', 'shi-fagaiwei'],
    ['市发展改革委', 'shi-fagaiwei'],
    ['市城市管理行政执法局', 'shi-zonghe-zhifa-ju'],
    ['市综合执法局', 'shi-zonghe-zhifa-ju'],
    ['综合执法局', 'shi-zonghe-zhifa-ju'],
    ['国网巴中供电公司', 'guowang-bazhong-gongdian'],
    ['人行巴中分行', 'renhang-bazhong'],
    ['巴中市公用事业集团', 'bazhong-gongyong-jituan'],
    ['市环委办', 'shi-huanweiban'],
    ['市生态环境保护委员会办公室', 'shi-huanweiban'],
    ['市委办', 'shi-weiban'],
    ['市委办公室', 'shi-weiban'],
    ['市政府办', 'shi-zhengfuban'],
    ['市政府办公室', 'shi-zhengfuban'],
    ['市委组织部', 'shi-zuzhibu'],
    ['市委宣传部', 'shi-xuanchuanbu'],
    ['市目标绩效办', 'shi-mubiao-jixiaoban'],
    ['市目标绩效管理办公室', 'shi-mubiao-jixiaoban'],
    ['市河长办', 'shi-hezhangban'],
    ['市经济和信息化局', 'shi-jingxinju'],
    ['经济和信息化局', 'shi-jingxinju'],
    ['市教育局', 'shi-jiaoyuju'],
    ['市教育体育局', 'shi-jiaoyuju'],
    ['市教育和体育局', 'shi-jiaoyuju'],
    ['市科技局', 'shi-kejiju'],
    ['市公安局', 'shi-gonganju'],
    ['市财政局', 'shi-caizhengju'],
    ['市人力资源和社会保障局', 'shi-renshe-ju'],
    ['巴中市自然资源和规划局', 'shi-zirangui-ju'],
    ['市生态环境局', 'shi-shengtaihuanjing-ju'],
    ['市住房和城乡建设局', 'shi-zhujian-ju'],
    ['市住房城乡建设局', 'shi-zhujian-ju'],
    ['住房城乡建设局', 'shi-zhujian-ju'],
    ['市交通运输局', 'shi-jiaotong-ju'],
    ['市水利局', 'shi-shuili-ju'],
    ['市农业农村局', 'shi-nongye-ju'],
    ['市商务局', 'shi-shangwu-ju'],
    ['市文化广播电视和旅游局', 'shi-wenguanglv-ju'],
    ['市文化广电旅游局', 'shi-wenguanglv-ju'],
    ['文化广播电视体育和旅游局', 'shi-wenguanglv-ju'],
    ['市卫生健康委员会', 'shi-weijianwei'],
    ['卫生健康委', 'shi-weijianwei'],
    ['市应急管理局', 'shi-yingji-ju'],
    ['市应急局', 'shi-yingji-ju'],
    ['市审计局', 'shi-shenji-ju'],
    ['市市场监督管理局', 'shi-shichang-jianguan-ju'],
    ['市市场监管局', 'shi-shichang-jianguan-ju'],
    ['市场监管局', 'shi-shichang-jianguan-ju'],
    ['市统计局', 'shi-tongji-ju'],
    ['市林业局', 'shi-linye-ju'],
    ['营商环境和数据局', 'shi-yingshang-shuju-ju'],
    ['市大数据管理局', 'shi-yingshang-shuju-ju'],
    ['市机关事务服务中心', 'shi-jiguan-shiwu'],
    ['市金融管理局', 'shi-jinrong-ju'],
    ['市金融局', 'shi-jinrong-ju'],
    ['市供销社', 'shi-gongxiaoshe'],
    ['市中级人民法院', 'shi-zhongji-fayuan'],
    ['市人民检察院', 'shi-jianchayuan'],
    ['市气象局', 'shi-qixiang-ju'],
    ['巴中经开区', 'jingkaiqu'],
    ['巴中经济开发区', 'jingkaiqu'],
    ['四川巴中经济开发区', 'jingkaiqu'],
    ['文旅新区', 'wenlvxinqu'],
    ['文旅新区管委会', 'wenlvxinqu'],
    ['文旅示范区', 'wenlvxinqu'],
    ['平昌县党委和人民政府', 'pingchang'],
    ['南江县党委和人民政府', 'nanjiang'],
  ];

  it.each(verbatim)('resolves %s', (spelling, key) => {
    const inSomeDocument = ['000', '001', '002', '003', '004'].some((id) => squeeze(docText(id)).includes(spelling));
    expect(inSomeDocument, `${spelling} is not written in any document`).toBe(true);
    expect(resolve(spelling)).toBe(key);
  });

  it('checks at least forty spellings', () => {
    expect(verbatim.length).toBeGreaterThanOrEqual(40);
  });
});

describe('organisation seed: sources', () => {
  it('cites at least one source for every organisation and collective, quoting the document exactly', () => {
    const squeezed = new Map(Object.keys(seed.documents).map((id) => [id, squeeze(docText(id))]));
    const cited = [...orgs.filter((o) => o.kind !== 'city'), ...seed.collectives];
    for (const entry of cited) {
      expect(entry.sources.length, entry.key).toBeGreaterThan(0);
      for (const source of entry.sources) {
        expect(squeezed.has(source.doc), `${entry.key}: ${source.doc}`).toBe(true);
        expect(source.clause.length, `${entry.key}: clause`).toBeGreaterThan(0);
        expect(source.role.length, `${entry.key}: role`).toBeGreaterThan(0);
        expect(squeezed.get(source.doc), `${entry.key}: "${source.text}" in ${source.doc}`).toContain(squeeze(source.text));
      }
    }
  });

  it('traces every alias to a source that writes it', () => {
    for (const o of orgs) {
      for (const alias of o.aliases) {
        const traced = o.sources.some((s) => {
          if (normaliseUnitName(s.text) === normaliseUnitName(alias) || s.text.includes(alias)) return true;
          // "巴中经开区、文旅新区管委会": one 管委会 written for both zones.
          const place = alias.replace(/管委会$/u, '');
          return place !== alias && s.text.includes(place) && s.text.endsWith('管委会');
        });
        expect(traced, `${o.key}: alias ${alias} has no source`).toBe(true);
      }
    }
  });
});

describe('organisation seed: nothing in the documents is left out', () => {
  it('000: every unit in the 牵头单位 and 责任单位 columns of 附件2 resolves', () => {
    const { mentions, rows } = tableMentions000();
    expect(rows).toBe(38);
    expect(listsLabelled(mentions, '牵头单位')).toBe(38);
    // Every row has both columns filled; a shorter count means a cell was swallowed by its neighbour.
    expect(listsLabelled(mentions, '责任单位')).toBe(38);
    expect(unresolved(mentions)).toEqual([]);
  });

  it('000: the table parser really reads the lead column', () => {
    const { mentions } = tableMentions000();
    const leads = mentions.filter((m) => m.list.startsWith('牵头单位@')).map((m) => m.text);
    expect(leads).toContain('市中级人民法院');
    expect(leads).toContain('市城市管理行政执法局');
    expect(leads).toContain('市人力资源和社会保障局');
    // 38 rows, with two lead units in rows 2, 19, 33, 36, 37, 38 and four in row 4.
    expect(leads).toHaveLength(47);
  });

  it('001: every addressee resolves (the plan assigns no units by label)', () => {
    expect(labelledMentions('001')).toEqual([]);
    const mentions = addresseeMentions('001');
    expect(mentions.map((m) => m.text)).toEqual(['各县（区）人民政府', '巴中经开区', '文旅新区管委会', '市政府各部门', '直属事业单位', '有关单位']);
    expect(unresolved(mentions)).toEqual([]);
  });

  it('002: every 牵头单位/责任单位 (and 数据提供) name resolves', () => {
    const mentions = [...labelledMentions('002'), ...addresseeMentions('002')];
    expect(listsLabelled(mentions, '牵头单位')).toBe(labelsInText('002', /牵头单位[:：]/gu));
    expect(listsLabelled(mentions, '责任单位')).toBe(labelsInText('002', /责任单位[:：]/gu));
    expect(listsLabelled(mentions, '牵头单位')).toBe(22);
    expect(unresolved(mentions)).toEqual([]);
  });

  it('003: every name in the "按职责分工负责" lists resolves', () => {
    const mentions = [...dutyListMentions003(), ...labelledMentions('003'), ...addresseeMentions('003')];
    expect(listsLabelled(mentions, 'duty')).toBe(labelsInText('003', /按职责分工负责/gu));
    expect(listsLabelled(mentions, 'duty')).toBe(31);
    expect(listsLabelled(mentions, 'single')).toBe(1);
    expect(unresolved(mentions)).toEqual([]);
  });

  it('004: every 责任单位/督导单位 name in the 任务清单 resolves', () => {
    const mentions = labelledMentions('004');
    expect(listsLabelled(mentions, '责任单位')).toBe(labelsInText('004', /责任单位[:：]/gu));
    expect(listsLabelled(mentions, '责任单位')).toBe(60);
    expect(listsLabelled(mentions, '督导单位')).toBe(10);
    expect(unresolved(mentions)).toEqual([]);
  });

  it('would notice a unit missing from the seed', () => {
    const withoutOne = buildUnitResolver(orgs.filter((o) => o.key !== 'shi-gongxiaoshe'));
    const missed = dutyListMentions003().filter((m) => !isCollective(m.text) && withoutOne(m.text) === undefined);
    expect(missed.map((m) => m.text)).toEqual(['市供销社']);
  });
});

import { describe, it, expect } from 'vitest';
import { splitUnitList } from '../orgs/resolve.ts';
import {
  docText, isCollective, organisationSeed, readTaskSeed, resolveUnit, SEED_ITEM_FIELDS, squeeze, walkItems,
  type SeedItem, type SeedList, type SeedTarget, type SeedTaskList,
} from '../../test/support/seed-docs.ts';

// The task-list seeds for documents 002 (市环委会2025年工作要点) and 003 (减污降碳协同增效行动方案),
// checked against the raw source documents: the numbering is re-read from the text, so an item left
// out, duplicated or put under the wrong heading fails, and every quoted text must occur in the
// document at the place its ref says.

/** 003 says in its list why it has no lead units. */
type TaskList = SeedTaskList<SeedList & { unitNote?: string }>;
const lists: Record<'002' | '003', TaskList> = {
  '002': readTaskSeed('002'),
  '003': readTaskSeed('003'),
};

// ---- Reading the outline of a raw document -------------------------------------------------

const NUMERALS = '一二三四五六七八九十';
/** 一 … 九十九 as used in （二十二）. */
function chineseNumber(s: string): number {
  const digit = (c: string | undefined): number => NUMERALS.indexOf(c ?? '') + 1;
  const ten = s.indexOf('十');
  if (ten < 0) return digit(s);
  const tens = ten === 0 ? 1 : digit(s[ten - 1]);
  const units = ten === s.length - 1 ? 0 : digit(s[ten + 1]);
  return tens * 10 + units;
}

interface RawItem { ref: string; number: number; heading: string | null; segment: string; children: { ref: string; segment: string }[] }

const HEADING = /^[一二三四五六七八九十]+、/u;
const ITEM = /^([（(])([一二三四五六七八九十]+)([）)])/u;
const CHILD = /^(\d+\.)(?!\d)/u;

/**
 * Splits a document body into its numbered items, by line starts: a heading line 一、…, an item
 * line （一）…, and (003) numbered sub-tasks 1.…. Lines are joined without separators because
 * the text file breaks lines mid-word.
 */
function outline(id: string, bodyTitle: string, withChildren: boolean): RawItem[] {
  const lines = docText(id).split(/\r?\n/u).map((l) => l.trim()).filter((l) => l !== '');
  const start = lines.indexOf(bodyTitle);
  expect(start, `${id}: body title line`).toBeGreaterThan(0);
  const items: RawItem[] = [];
  let heading: string | null = null;
  for (const line of lines.slice(start + 1)) {
    if (HEADING.test(line)) {
      heading = line;
      continue;
    }
    const m = ITEM.exec(line);
    if (m) {
      items.push({ ref: m[0], number: chineseNumber(m[2]!), heading, segment: line.slice(m[0].length), children: [] });
      continue;
    }
    const current = items.at(-1);
    if (current === undefined) continue; // preamble before the first numbered item
    const c = withChildren ? CHILD.exec(line) : null;
    if (c) {
      current.children.push({ ref: c[1]!, segment: line.slice(c[1]!.length) });
      continue;
    }
    const child = current.children.at(-1);
    if (child) child.segment += line;
    else current.segment += line;
  }
  return items;
}

const raw002 = (): RawItem[] => outline('002', '巴中市生态环境保护委员会2025年工作要点', false);
/** 003's items (一)(二) are 总体要求 (指导思想, 主要目标), not tasks; the tasks are (三)–(二十六). */
const raw003 = (): RawItem[] => outline('003', '巴中市减污降碳协同增效行动方案', true).filter((i) => i.number >= 3);

/** The names in the bracket that ends a segment, e.g. "（市生态环境局、市发展改革委按职责分工负责）". */
function finalBracketList(segment: string): string {
  const OPEN = '（(〔';
  const CLOSE = '）)〕';
  let depth = 0;
  for (let i = segment.length - 1; i >= 0; i--) {
    const ch = segment[i]!;
    if (CLOSE.includes(ch)) depth += 1;
    else if (OPEN.includes(ch)) {
      depth -= 1;
      if (depth === 0) return segment.slice(i + 1, -1);
    }
  }
  return '';
}

function allTargets(list: TaskList): { path: string; item: SeedItem; target: SeedTarget }[] {
  const out: { path: string; item: SeedItem; target: SeedTarget }[] = [];
  walkItems(list.items, (item, path) => {
    for (const target of item.targets) out.push({ path, item, target });
  });
  return out;
}

/** The number as printed (27.4, 327.12, 4.3) bounded by non-digits, so 60 does not match 160. */
const writesNumber = (text: string, n: number): boolean =>
  new RegExp(`(?<![\\d.])${String(n).replace('.', '\\.')}(?![\\d.]*\\d)`, 'u').test(squeeze(text));

// ---- Tests for both lists ------------------------------------------------------------------

describe.each(['002', '003'] as const)('task seed %s: common checks', (id) => {
  const list = lists[id];

  it('names its document and a schedule the document states', () => {
    expect(list.list.key).toBe(id);
    expect(list.list.doc).toBe(id);
    expect(organisationSeed.documents[id]?.title).toBe(list.list.title);
    expect(squeeze(docText(id))).toContain(squeeze(list.list.title));
    expect(['supervisor', 'lead', 'coordinator']).toContain(list.list.acceptance);
    if (list.list.reportSchedule === null) {
      // Neither document sets a reporting rhythm; a null must not hide one.
      expect(list.list.scheduleSource).toBeNull();
      expect(squeeze(docText(id))).not.toMatch(/双月|每季度|按季度|每月|按月|半年|调度(?!等监测)/u);
    } else {
      expect(['quarterly', 'bimonthly', 'semiannual', 'monthly']).toContain(list.list.reportSchedule);
      expect(squeeze(docText(id))).toContain(squeeze(list.list.scheduleSource ?? '∅'));
    }
  });

  it('gives every item and sub-task the schema fields', () => {
    walkItems(list.items, (item, path) => {
      expect(Object.keys(item).sort(), path).toEqual(SEED_ITEM_FIELDS);
      expect(item.title.length, path).toBeGreaterThan(0);
      expect(item.text.startsWith(item.title), `${path}: text starts with the title`).toBe(true);
      expect(item.supervising, path).toEqual([]);
      expect(item.persons, path).toEqual([]);
      expect(item.indicator, path).toBeNull();
      expect(item.milestones, path).toEqual([]);
      expect(item.assets, path).toEqual([]);
      for (const t of item.targets) {
        expect(Object.keys(t).sort(), path).toEqual(['deadline', 'quantity', 'subject', 'text', 'unit']);
        expect(t.subject?.length, path).toBeGreaterThan(0);
        expect(t.quantity === null, `${path}: unit goes with quantity`).toBe(t.unit === null);
      }
    });
  });

  it('quotes every text verbatim from the document', () => {
    const doc = squeeze(docText(id));
    walkItems(list.items, (item, path) => {
      expect(doc, `${path} text`).toContain(squeeze(item.text));
      for (const t of item.targets) {
        expect(squeeze(item.text), `${path} target "${t.text}" lies in the item's text`).toContain(squeeze(t.text));
      }
    });
  });

  it('resolves every unit name to an organisation or a collective, written as in the document', () => {
    const doc = squeeze(docText(id));
    const unresolved: string[] = [];
    walkItems(list.items, (item, path) => {
      for (const name of [...item.lead, ...item.responsible, ...item.supervising]) {
        if (resolveUnit(name) === undefined && !isCollective(name)) unresolved.push(`${path}: ${name}`);
        expect(doc, `${path}: ${name} is written in the document`).toContain(squeeze(name));
        expect(splitUnitList(name), `${path}: ${name} is a single name`).toEqual([name]);
      }
      const names = [...item.lead, ...item.responsible];
      expect(new Set(names).size, `${path}: no unit twice`).toBe(names.length);
    });
    expect(unresolved).toEqual([]);
  });

  it('writes each target quantity and deadline as the text gives them', () => {
    for (const { path, item, target } of allTargets(list)) {
      if (target.quantity !== null) {
        expect(writesNumber(target.text, target.quantity), `${path}: ${target.quantity} in "${target.text}"`).toBe(true);
      }
      if (target.deadline !== null) {
        const written = squeeze(target.deadline).replace(/期间$/u, '');
        expect(squeeze(item.text), `${path}: deadline ${target.deadline}`).toContain(written);
      }
    }
  });
});

// ---- 002 -----------------------------------------------------------------------------------

describe('task seed 002: 巴中市生态环境保护委员会2025年工作要点', () => {
  const list = lists['002'];

  it('has the items (一)–(二十二), each under its heading, in order', () => {
    const raw = raw002();
    expect(raw.map((r) => r.number)).toEqual(Array.from({ length: 22 }, (_, i) => i + 1));
    expect(new Set(raw.map((r) => r.heading)).size).toBe(7);
    expect(list.items.map((i) => ({ ref: i.ref, heading: i.heading }))).toEqual(raw.map((r) => ({ ref: r.ref, heading: r.heading })));
    for (const item of list.items) expect(item.clause).toBe(item.ref);
  });

  it('quotes each item from its own place in the document', () => {
    const raw = raw002();
    list.items.forEach((item, n) => {
      const segment = squeeze(raw[n]!.segment);
      expect(segment.startsWith(squeeze(item.text)), `${item.ref} text is the start of its paragraph`).toBe(true);
      // What follows the text is the unit bracket and nothing else.
      expect(segment.slice(squeeze(item.text).length), item.ref).toMatch(/^[(〔]牵头单位.*[)〕]$/u);
    });
  });

  it('takes lead and responsible from each item’s 牵头单位 and 责任单位', () => {
    const raw = raw002();
    const cooperating = ['各县(区)党委和人民政府', '巴中经开区', '文旅示范区'];
    list.items.forEach((item, n) => {
      const units = finalBracketList(raw[n]!.segment);
      const labelled = (label: string): string[] => {
        const m = new RegExp(`${label}[:：]([^;；。]*)`, 'u').exec(units);
        return m ? splitUnitList(m[1]!).map((s) => s.replace(/(?:等)?(?:按职能职责分工负责|按职责分工负责)$/u, '')) : [];
      };
      expect(item.lead, item.ref).toEqual(labelled('牵头单位'));
      expect(item.responsible, item.ref).toEqual([...labelled('责任单位'), ...labelled('数据提供'), ...cooperating]);
    });
    // (一) writes the cooperating units and says they apply to every item below.
    expect(squeeze(docText('002'))).toContain('以下均需各县(区)党委和人民政府,巴中经开区、文旅示范区配合落实,不再逐一列出');
  });

  it('holds the quantified results the document names (spot checks against the raw text)', () => {
    const doc = squeeze(docText('002'));
    const find = (ref: string, quantity: number, subject: string): SeedTarget => {
      const item = list.items.find((i) => i.ref === ref);
      const t = item?.targets.find((x) => x.quantity === quantity && x.subject?.includes(subject));
      expect(t, `${ref}: ${quantity} ${subject}`).toBeDefined();
      return t!;
    };

    const villages = find('(九)', 60, '行政村生活污水治理');
    expect(villages).toMatchObject({ unit: '个', deadline: null, text: '完成60个行政村生活污水治理' });
    expect(Number(/完成(\d+)个行政村生活污水治理/u.exec(doc)?.[1])).toBe(villages.quantity);

    const wells = find('(十五)', 32, '天然气井');
    expect(wells.unit).toBe('口');
    expect(Number(/新布天然气井(\d+)口/u.exec(doc)?.[1])).toBe(wells.quantity);

    const redLine = find('(十七)', 1673, '生态保护红线面积');
    expect(redLine.unit).toBe('平方公里');
    expect(Number(/生态保护红线面积不低于(\d+)平方公里/u.exec(doc)?.[1])).toBe(redLine.quantity);

    const pm = find('(八)', 27.4, 'PM2.5');
    expect(Number(/PM2\.5浓度小于([\d.]+)ug/u.exec(doc)?.[1])).toBe(pm.quantity);

    // The one dated result in 002.
    const dated = list.items.find((i) => i.ref === '(十)')?.targets.filter((t) => t.deadline !== null);
    expect(dated?.map((t) => t.deadline)).toEqual(['2025年底前']);
    expect(doc).toContain(squeeze(dated![0]!.text));
    // 002 gives no item-level deadlines: the list year applies.
    expect(list.items.every((i) => i.deadline === null)).toBe(true);
    expect(list.list.year).toBe(2025);
  });
});

// ---- 003 -----------------------------------------------------------------------------------

describe('task seed 003: 巴中市减污降碳协同增效行动方案', () => {
  const list = lists['003'];
  const cooperating = ['各县（区）人民政府', '巴中经开区', '文旅新区管委会'];

  it('has the items （三）–（二十六）, each under its heading, with their numbered sub-tasks', () => {
    const all = outline('003', '巴中市减污降碳协同增效行动方案', true);
    expect(all.slice(0, 2).map((r) => [r.ref, r.heading])).toEqual([
      ['（一）', '一、总体要求'],
      ['（二）', '一、总体要求'],
    ]);
    const raw = raw003();
    expect(raw.map((r) => r.number)).toEqual(Array.from({ length: 24 }, (_, i) => i + 3));
    expect(list.items.map((i) => ({ ref: i.ref, heading: i.heading }))).toEqual(raw.map((r) => ({ ref: r.ref, heading: r.heading })));
    list.items.forEach((item, n) => {
      expect(item.clause).toBe(item.ref);
      expect(item.children.map((c) => c.ref), item.ref).toEqual(raw[n]!.children.map((c) => c.ref));
      for (const child of item.children) {
        expect(child.clause).toBe(`${item.ref}${child.ref}`);
        expect(child.heading).toBe(item.heading);
      }
    });
    expect(raw.filter((r) => r.children.length > 0).map((r) => r.ref)).toEqual(['（五）', '（八）', '（九）']);
  });

  it('quotes each item and sub-task from its own place in the document', () => {
    const raw = raw003();
    const check = (text: string, segment: string, where: string): void => {
      const s = squeeze(segment);
      expect(s.startsWith(squeeze(text)), `${where} text is the start of its paragraph`).toBe(true);
      const rest = s.slice(squeeze(text).length);
      if (rest !== '') expect(rest, where).toMatch(/^（.*）$/u);
    };
    list.items.forEach((item, n) => {
      check(item.text, raw[n]!.segment, item.ref);
      item.children.forEach((child, k) => check(child.text, raw[n]!.children[k]!.segment, `${item.ref}${child.ref}`));
    });
  });

  it('puts the units of each bracket in responsible, with no lead (unitNote says so)', () => {
    expect(list.list.unitNote).toMatch(/lead is left empty/u);
    const raw = raw003();
    const expectUnits = (item: SeedItem, segment: string, where: string): void => {
      expect(item.lead, where).toEqual([]);
      const bracket = finalBracketList(segment).split('；')[0]!.replace(/(?:等)?按职责分工负责$/u, '');
      const written = [...new Set(splitUnitList(bracket))];
      expect(item.responsible, where).toEqual([...written, ...cooperating]);
    };
    list.items.forEach((item, n) => {
      const r = raw[n]!;
      if (r.children.length === 0) expectUnits(item, r.segment, item.ref);
      else {
        expect(item.responsible, `${item.ref}: units are given per sub-task`).toEqual([]);
        item.children.forEach((child, k) => expectUnits(child, r.children[k]!.segment, `${item.ref}${child.ref}`));
      }
    });
    expect(squeeze(docText('003'))).toContain(`以下各任务均需${cooperating.join('、')}参与配合，不再列出，下同`);
  });

  it('holds the dated 2025/2030 targets (spot checks against the raw text)', () => {
    const doc = squeeze(docText('003'));
    const child = (ref: string, sub: string): SeedItem => list.items.find((i) => i.ref === ref)!.children.find((c) => c.ref === sub)!;
    const item = (ref: string): SeedItem => list.items.find((i) => i.ref === ref)!;

    const hydro = child('（五）', '1.').targets.filter((t) => t.subject === '水电装机容量');
    expect(hydro.map((t) => [t.quantity, t.unit, t.deadline])).toEqual([
      [60, '万千瓦', '2025年'],
      [150, '万千瓦', '2030年'],
    ]);
    expect(doc).toMatch(/到2025年，水电装机容量超过60万千瓦/u);
    expect(doc).toMatch(/到2030年，水电装机容量超过150万千瓦/u);

    const villages = item('（十三）').targets.find((t) => t.subject?.includes('行政村生活污水'));
    expect(villages).toMatchObject({ quantity: 75, unit: '%', deadline: '2025年' });
    expect(Number(/到2025年，县级以上城市[^。]*全市(\d+)%的行政村生活污水得到有效治理/u.exec(doc)?.[1])).toBe(75);

    const factories = item('（七）').targets.find((t) => t.subject === '绿色工厂');
    expect(factories).toMatchObject({ quantity: 10, unit: '家', deadline: '2025年' });
    expect(Number(/到2025年，[^。]*绿色工厂(\d+)家/u.exec(doc)?.[1])).toBe(10);

    const forest = item('（十一）').targets.filter((t) => t.subject === '森林覆盖率');
    expect(forest.map((t) => [t.quantity, t.deadline])).toEqual([
      [63, '2025年'],
      [70, '2030年'],
    ]);

    // Every dated target's year is the one its sentence states (比/较 2020年 is a baseline, not a date).
    for (const { path, target } of allTargets(list)) {
      const year = /^(\d{4})年$/u.exec(target.deadline ?? '')?.[1];
      if (year === undefined) continue;
      const sentence = doc.slice(0, doc.indexOf(squeeze(target.text)) + squeeze(target.text).length);
      const lastYear = [...sentence.slice(sentence.lastIndexOf('。') + 1).matchAll(/(?<![比较])(20\d\d)年/gu)].at(-1)?.[1];
      expect(lastYear, `${path}: ${target.text}`).toBe(year);
    }
  });
});

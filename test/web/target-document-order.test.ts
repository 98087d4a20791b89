// The scorecard shows a document's targets as the document orders them, though the API lists them in
// the seed's order (indicator by indicator). Checked on the five documents of the Bazhong seed.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { seedPath } from '../../src/orgs/seed.ts';
import type { IndicatorSeed } from '../../src/targets/model.ts';
import { chineseNumeral, inDocumentOrder, numbersIn, type TargetGroup } from '../../web/src/targets/documentOrder.ts';
import type { AssessedTarget } from '../../web/src/targets/types.ts';

const seed = JSON.parse(readFileSync(seedPath('bazhong', 'indicators.json'), 'utf8')) as { indicators: IndicatorSeed[] };

/** A document's targets grouped as the API sends them: in seed order, a new group at each change of heading. */
function asTheApiSends(doc: string): TargetGroup[] {
  const groups: TargetGroup[] = [];
  let id = 0;
  for (const indicator of seed.indicators) {
    for (const t of indicator.targets) {
      if (t.placement.doc !== doc) continue;
      const { group, row, sub, clause } = t.placement;
      const line = { target: { id: ++id, group, row, sub, clause, doc }, indicator: { key: indicator.key } } as unknown as AssessedTarget;
      const last = groups.at(-1);
      if (last && last.name === group) last.rows.push(line);
      else groups.push({ name: group, rows: [line] });
    }
  }
  return groups;
}

describe('a document’s targets in its own order', () => {
  it('reads the numbers headings and clauses use', () => {
    expect(['一', '九', '十', '十一', '十九', '二十', '二十三'].map(chineseNumeral)).toEqual([1, 9, 10, 11, 19, 20, 23]);
    expect(numbersIn('（五）2.')).toEqual([5, 2]);
    expect(numbersIn('任务清单 六')).toEqual([6]);
    expect(numbersIn('附件2 第11行')).toEqual([2, 11]);
  });

  it.each(['000', '001', '002', '003', '004'])('%s: every heading once, every target kept', (doc) => {
    const sent = asTheApiSends(doc);
    const ordered = inDocumentOrder(sent);
    const names = ordered.map((g) => g.name);
    expect(new Set(names).size).toBe(names.length);
    expect(ordered.flatMap((g) => g.rows.map((r) => r.target.id)).sort((a, b) => a - b)).toEqual(sent.flatMap((g) => g.rows.map((r) => r.target.id)).sort((a, b) => a - b));
  });

  it('000 附件2 and 001 专栏一: by 序号, the headings in their order', () => {
    for (const doc of ['000', '001']) {
      const ordered = inDocumentOrder(asTheApiSends(doc));
      const rows = ordered.flatMap((g) => g.rows.map((r) => [r.target.row!, r.target.sub ?? 0] as const));
      expect(rows).toEqual([...rows].sort((a, b) => a[0] - b[0] || a[1] - b[1]));
      expect(ordered.map((g) => numbersIn(g.name!)[0])).toEqual(ordered.map((_, i) => i + 1));
    }
    expect(asTheApiSends('000').length).toBeGreaterThan(inDocumentOrder(asTheApiSends('000')).length);
  });

  it('002, 003, 004: the headings by their numbers, the one without a number last, the targets by clause', () => {
    expect(inDocumentOrder(asTheApiSends('003')).map((g) => g.name)).toEqual(['一、总体要求', '二、加强源头防控', '三、突出重点领域', '四、优化环境治理']);
    expect(inDocumentOrder(asTheApiSends('004')).map((g) => g.name)).toEqual(['三、整改目标', '四、整改举措', '整改任务清单']);
    for (const doc of ['002', '003', '004']) {
      for (const group of inDocumentOrder(asTheApiSends(doc))) {
        const clauses = group.rows.map((r) => numbersIn(r.target.clause).join('.'));
        const sorted = [...group.rows].map((r) => numbersIn(r.target.clause)).sort((a, b) => {
          for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
          return a.length - b.length;
        });
        expect(clauses, `${doc} ${group.name}`).toEqual(sorted.map((n) => n.join('.')));
      }
    }
  });
});

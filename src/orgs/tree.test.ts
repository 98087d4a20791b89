import { describe, expect, it } from 'vitest';
import { orderByParent } from './seed.ts';
import { buildTree, type Organisation } from './store.ts';

function org(id: number, parentId: number | null): Organisation {
  return {
    id,
    key: `o${id}`,
    name: `机构${id}`,
    fullName: null,
    kind: 'unit',
    districtType: null,
    unitType: null,
    code: null,
    codeOfficial: false,
    parentId,
    hostId: null,
    aliases: [],
    sources: [],
    note: null,
    active: true,
  };
}

describe('orderByParent', () => {
  it('puts every parent before its children, whatever the file order', () => {
    const ordered = orderByParent([
      { key: 'grandchild', parent: 'child' },
      { key: 'child', parent: 'root' },
      { key: 'root', parent: null },
      { key: 'sibling', parent: 'root' },
    ]).map((o) => o.key);
    expect(ordered.indexOf('root')).toBeLessThan(ordered.indexOf('child'));
    expect(ordered.indexOf('child')).toBeLessThan(ordered.indexOf('grandchild'));
    expect(ordered).toHaveLength(4);
  });
  it('refuses a missing parent and a loop, naming them', () => {
    expect(() => orderByParent([{ key: 'a', parent: 'ghost' }])).toThrow(/ghost/);
    expect(() => orderByParent([{ key: 'a', parent: 'b' }, { key: 'b', parent: 'a' }])).toThrow(/成环/);
  });
});

describe('buildTree', () => {
  it('nests children under parents and keeps orphans as roots', () => {
    const roots = buildTree([org(1, null), org(2, 1), org(3, 2), org(4, 1), org(5, 99)]);
    expect(roots.map((r) => r.id)).toEqual([1, 5]);
    expect(roots[0]!.children.map((c) => c.id)).toEqual([2, 4]);
    expect(roots[0]!.children[0]!.children.map((c) => c.id)).toEqual([3]);
  });
});

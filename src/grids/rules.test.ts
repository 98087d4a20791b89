import { describe, expect, it } from 'vitest';
import { fitsUnder, memberProblems } from './rules.ts';

describe('grid levels', () => {
  it('puts a grid only under a grid of a higher level', () => {
    expect(fitsUnder('city', 'county')).toBe(true);
    expect(fitsUnder('county', 'village')).toBe(true);
    expect(fitsUnder('township', 'township')).toBe(false);
    expect(fitsUnder('village', 'township')).toBe(false);
  });
});

describe('grid members', () => {
  it('accepts one chief and several inspectors', () => {
    expect(memberProblems([{ userId: 1, role: 'chief' }, { userId: 2, role: 'inspector' }, { userId: 3, role: 'inspector' }])).toEqual([]);
    expect(memberProblems([])).toEqual([]);
  });

  it('names a second chief and a repeated account by their place in the list', () => {
    expect(memberProblems([{ userId: 1, role: 'chief' }, { userId: 2, role: 'chief' }, { userId: 1, role: 'inspector' }])).toEqual([
      { field: 'members.2.userId', message: '同一账号只能列一次' },
      { field: 'members.1.role', message: '一个网格只有一名网格长' },
    ]);
  });
});

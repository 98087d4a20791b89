import { describe, it, expect } from 'vitest';
import { buildUnitResolver, normaliseUnitName, splitUnitList, type NamedOrganisation } from './resolve.ts';

const orgs: NamedOrganisation[] = [
  { key: 'fgw', name: '市发展改革委', fullName: '巴中市发展和改革委员会', aliases: ['市发展和改革委员会'] },
  { key: 'scjg', name: '市市场监管局', fullName: '巴中市市场监督管理局', aliases: ['市市场监督管理局'] },
  { key: 'zfb', name: '市委办', fullName: '中共巴中市委办公室', aliases: ['市委办公室'] },
  { key: 'zhzf', name: '市综合执法局', aliases: ['市城市管理行政执法局'] },
  { key: 'pingchang', name: '平昌县', aliases: [] },
  { key: 'wenlv', name: '文旅新区', aliases: ['文旅示范区'] },
];

describe('normaliseUnitName', () => {
  it('folds full-width and half-width punctuation and spacing together', () => {
    expect(normaliseUnitName('各县（区）党委和人民政府')).toBe(normaliseUnitName('各县(区)党委和人民政府'));
    expect(normaliseUnitName(' 市生态 环境局\n')).toBe('市生态环境局');
  });

  it('reduces 巴中市…, 中共巴中市委… and 四川省巴中市… to the 市… short form', () => {
    expect(normaliseUnitName('巴中市自然资源和规划局')).toBe('市自然资源和规划局');
    expect(normaliseUnitName('中共巴中市委组织部')).toBe('市委组织部');
    expect(normaliseUnitName('四川省巴中市生态环境保护委员会')).toBe('市生态环境保护委员会');
  });

  it('drops a trailing 等, a duty phrase and a trailing note in brackets', () => {
    expect(normaliseUnitName('市综合执法局等')).toBe('市综合执法局');
    expect(normaliseUnitName('市交通运输局等按职责分工负责')).toBe('市交通运输局');
    expect(normaliseUnitName('市环委会成员单位按职能职责分工负责')).toBe('市环委会成员单位');
    expect(normaliseUnitName('市生态环境局（牵头）')).toBe('市生态环境局');
    expect(normaliseUnitName('市生态环境局。')).toBe('市生态环境局');
  });

  it('keeps a bracket that sits inside a name', () => {
    expect(normaliseUnitName('各县（区）党委和人民政府')).toBe('各县(区)党委和人民政府');
  });

  it('does not strip 巴中 from names that are not 巴中市…', () => {
    expect(normaliseUnitName('巴中经开区')).toBe('巴中经开区');
    expect(normaliseUnitName('国网巴中供电公司')).toBe('国网巴中供电公司');
  });
});

describe('splitUnitList', () => {
  it('splits on the separators the documents use', () => {
    expect(splitUnitList('市生态环境局、市发展改革委，各县（区）人民政府')).toEqual([
      '市生态环境局',
      '市发展改革委',
      '各县（区）人民政府',
    ]);
    expect(splitUnitList('市环委办;市目标绩效办；市委组织部,市教育局 市商务局')).toEqual([
      '市环委办',
      '市目标绩效办',
      '市委组织部',
      '市教育局',
      '市商务局',
    ]);
  });

  it('keeps brackets, and separators inside them, attached to their name', () => {
    expect(splitUnitList('市生态环境局（牵头，负总责）、市水利局')).toEqual(['市生态环境局（牵头，负总责）', '市水利局']);
    expect(splitUnitList('各县(区)党委和人民政府,巴中经开区、文旅示范区')).toEqual([
      '各县(区)党委和人民政府',
      '巴中经开区',
      '文旅示范区',
    ]);
  });

  it('ignores empty pieces from doubled or trailing separators', () => {
    expect(splitUnitList('、市水利局，，市林业局、 ')).toEqual(['市水利局', '市林业局']);
    expect(splitUnitList('')).toEqual([]);
  });
});

describe('buildUnitResolver', () => {
  const resolve = buildUnitResolver(orgs);

  it('resolves the name, the full name and every alias', () => {
    expect(resolve('市发展改革委')).toBe('fgw');
    expect(resolve('巴中市发展和改革委员会')).toBe('fgw');
    expect(resolve('市发展和改革委员会')).toBe('fgw');
    expect(resolve('中共巴中市委办公室')).toBe('zfb');
    expect(resolve('市城市管理行政执法局')).toBe('zhzf');
    expect(resolve('文旅示范区')).toBe('wenlv');
  });

  it('restores a 市 written once for a whole list', () => {
    expect(resolve('综合执法局')).toBe('zhzf');
    // 市市场监管局 with its 市 elided still begins with 市.
    expect(resolve('市场监管局')).toBe('scjg');
  });

  it('treats a county written as its 党委和人民政府 or a zone as its 管委会 as the place itself', () => {
    expect(resolve('平昌县党委和人民政府')).toBe('pingchang');
    expect(resolve('平昌县人民政府')).toBe('pingchang');
    expect(resolve('文旅新区管委会')).toBe('wenlv');
  });

  it('returns undefined for unknown names and for blanks', () => {
    expect(resolve('市司法局')).toBeUndefined();
    expect(resolve('各县（区）人民政府')).toBeUndefined();
    expect(resolve('')).toBeUndefined();
    expect(resolve('等')).toBeUndefined();
  });

  it('refuses two organisations claiming the same spelling', () => {
    expect(() =>
      buildUnitResolver([
        { key: 'a', name: '市综合执法局', aliases: [] },
        { key: 'b', name: '市城市管理行政执法局', aliases: ['巴中市综合执法局'] },
      ]),
    ).toThrow(/claimed by both/u);
  });
});

import { describe, it, expect } from 'vitest';
import type { IndicatorSeed, IndicatorTarget } from './model.ts';
import { checkIndicatorSeed } from './seed-check.ts';

const target = (over: Partial<IndicatorTarget> = {}): IndicatorTarget => ({
  placement: { doc: '001', clause: '专栏一 序号14', group: '(二) 生态保护', row: 14, sub: null, nameAsWritten: '森林覆盖率(%)', targetAsWritten: '>63' },
  year: 2025,
  deadlineText: null,
  target: { kind: 'absolute', comparator: '>', value: 63 },
  attribute: 'binding',
  lead: [],
  responsible: ['市林业局'],
  ...over,
});

const indicator = (over: Partial<IndicatorSeed> = {}): IndicatorSeed => ({
  key: 'forest-coverage',
  name: '森林覆盖率',
  aliases: [],
  unit: '%',
  direction: 'higher_better',
  baselines: [{ year: 2020, value: 63, asWritten: '63', doc: '001', clause: '专栏一 序号14' }],
  formula: null,
  targets: [target()],
  ...over,
});

const pm25 = (over: Partial<IndicatorSeed> = {}): IndicatorSeed =>
  indicator({
    key: 'pm25-concentration',
    name: 'PM2.5浓度',
    unit: 'μg/m³',
    direction: 'lower_better',
    baselines: [],
    targets: [target({
      placement: { doc: '002', clause: '(八)', group: null, row: null, sub: null, nameAsWritten: 'PM2.5浓度', targetAsWritten: 'PM2.5浓度小于27.4ug/m3' },
      target: { kind: 'absolute', comparator: '<', value: 27.4 },
      attribute: null,
    })],
    ...over,
  });

const file = (...indicators: IndicatorSeed[]): unknown => ({ city: 'bazhong', indicators });
const paths = (input: unknown): string[] => checkIndicatorSeed(input).map((p) => p.path);

describe('checkIndicatorSeed', () => {
  it('accepts a well-formed file', () => {
    expect(checkIndicatorSeed(file(indicator(), pm25()))).toEqual([]);
  });

  it('accepts every target kind on an indicator whose direction allows it', () => {
    const kinds: IndicatorTarget['target'][] = [
      { kind: 'relative', comparator: '<=', baseYear: 2020, change: -14.5, changeUnit: 'percent' },
      { kind: 'not_worse', baseYear: 2024 },
      { kind: 'external', comparator: '<=', authority: '省定目标' },
      { kind: 'qualitative', wording: '持续大幅下降' },
    ];
    const seed = pm25({ targets: kinds.map((t, k) => target({ target: t, placement: { ...target().placement, sub: k + 1 } })) });
    expect(checkIndicatorSeed(file(seed))).toEqual([]);
  });

  // Each case breaks one thing and names the path the problem must be reported at.
  const cases: { name: string; input: unknown; path: string }[] = [
    { name: 'not an object', input: [], path: '' },
    { name: 'a city key with capitals', input: { city: 'Bazhong', indicators: [indicator()] }, path: 'city' },
    { name: 'no indicators', input: { city: 'bazhong', indicators: [] }, path: 'indicators' },
    { name: 'a key with underscores', input: file(indicator({ key: 'forest_coverage' })), path: 'indicators[0].key' },
    { name: 'a key twice', input: file(indicator(), indicator({ name: '森林覆盖率（另）' })), path: 'indicators[1].key' },
    { name: 'an alias that is another indicator\'s name in full-width letters', input: file(indicator({ aliases: ['ＰＭ2.5浓度'] }), pm25()), path: 'indicators[1].name' },
    { name: 'an alias repeating the name', input: file(indicator({ aliases: ['森林 覆盖率'] })), path: 'indicators[0].aliases[0]' },
    { name: 'an unknown direction', input: file(indicator({ direction: 'up' as never })), path: 'indicators[0].direction' },
    { name: 'an empty unit', input: file(indicator({ unit: ' ' })), path: 'indicators[0].unit' },
    { name: 'a baseline value as text', input: file(indicator({ baselines: [{ year: 2020, value: '63' as never, asWritten: '63', doc: '001', clause: '专栏一 序号14' }] })), path: 'indicators[0].baselines[0].value' },
    { name: 'no targets', input: file(indicator({ targets: [] })), path: 'indicators[0].targets' },
    { name: 'a document id that is not three digits', input: file(indicator({ targets: [target({ placement: { ...target().placement, doc: '1' } })] })), path: 'indicators[0].targets[0].placement.doc' },
    { name: 'an empty target cell without a note', input: file(indicator({ targets: [target({ placement: { ...target().placement, targetAsWritten: '' } })] })), path: 'indicators[0].targets[0].placement.targetAsWritten' },
    { name: 'a row name without a sub', input: file(indicator({ targets: [target({ placement: { ...target().placement, rowNameAsWritten: '自然生态空间' } })] })), path: 'indicators[0].targets[0].placement.rowNameAsWritten' },
    { name: 'a sub of 0', input: file(indicator({ targets: [target({ placement: { ...target().placement, sub: 0 } })] })), path: 'indicators[0].targets[0].placement.sub' },
    { name: 'a year that is not a year', input: file(indicator({ targets: [target({ year: 25 })] })), path: 'indicators[0].targets[0].year' },
    { name: 'an unknown attribute', input: file(indicator({ targets: [target({ attribute: 'mandatory' as never })] })), path: 'indicators[0].targets[0].attribute' },
    { name: 'a unit list left unsplit', input: file(indicator({ targets: [target({ responsible: ['市水利局、市农业农村局'] })] })), path: 'indicators[0].targets[0].responsible[0]' },
    { name: 'an empty supervising unit', input: file(indicator({ targets: [target({ supervising: [''] })] })), path: 'indicators[0].targets[0].supervising[0]' },
    { name: 'an unknown comparator', input: file(indicator({ targets: [target({ target: { kind: 'absolute', comparator: 'gte' as never, value: 63 } })] })), path: 'indicators[0].targets[0].target.comparator' },
    { name: 'a ceiling on a higher-is-better indicator', input: file(indicator({ targets: [target({ target: { kind: 'absolute', comparator: '<=', value: 63 } })] })), path: 'indicators[0].targets[0].target.comparator' },
    { name: 'a floor on a lower-is-better indicator', input: file(pm25({ targets: [target({ target: { kind: 'external', comparator: '>=', authority: '省定目标' } })] })), path: 'indicators[0].targets[0].target.comparator' },
    { name: 'a figure that is not a number', input: file(indicator({ targets: [target({ target: { kind: 'absolute', comparator: '>', value: Number.NaN } })] })), path: 'indicators[0].targets[0].target.value' },
    { name: 'a base year after the target year', input: file(pm25({ targets: [target({ target: { kind: 'relative', comparator: '<=', baseYear: 2025, change: -1, changeUnit: 'percent' } })] })), path: 'indicators[0].targets[0].target.baseYear' },
    { name: 'an unknown change unit', input: file(pm25({ targets: [target({ target: { kind: 'relative', comparator: '<=', baseYear: 2020, change: -1, changeUnit: '%' as never } })] })), path: 'indicators[0].targets[0].target.changeUnit' },
    { name: 'an external target without its authority', input: file(indicator({ targets: [target({ target: { kind: 'external', comparator: '>=', authority: '' } })] })), path: 'indicators[0].targets[0].target.authority' },
    { name: 'a qualitative target without words', input: file(indicator({ targets: [target({ target: { kind: 'qualitative', wording: ' ' } })] })), path: 'indicators[0].targets[0].target.wording' },
    { name: 'a figure on an indicator with no direction', input: file(indicator({ direction: 'none' })), path: 'indicators[0].targets[0].target' },
    { name: 'an unknown target kind', input: file(indicator({ targets: [target({ target: { kind: 'trend' } as never })] })), path: 'indicators[0].targets[0].target.kind' },
    { name: 'two targets on the same words of one clause', input: file(indicator({ targets: [target(), target({ year: 2030 })] })), path: 'indicators[0].targets[1].placement' },
    { name: 'a formula that does not parse', input: file(indicator({ formula: { expression: '{a} * (' } })), path: 'indicators[0].formula.expression' },
    { name: 'a formula over an unknown indicator', input: file(indicator({ formula: { expression: '{energy-use} / {gdp}' } })), path: 'indicators[0].formula.expression' },
    { name: 'a formula over itself', input: file(indicator({ formula: { expression: '{forest-coverage} * 2' } })), path: 'indicators[0].formula.expression' },
    { name: 'a note in English only', input: file(indicator({ note: 'Read as a floor.' })), path: 'indicators[0].note' },
    { name: 'an English note without the Chinese one', input: file(indicator({ targets: [target({ noteEn: 'Read as a floor.' })] })), path: 'indicators[0].targets[0].noteEn' },
    { name: 'an empty English note of a baseline', input: file(indicator({ baselines: [{ year: 2020, value: 63, asWritten: '63', doc: '001', clause: '专栏一 序号14', note: '按原文', noteEn: ' ' }] })), path: 'indicators[0].baselines[0].noteEn' },
    { name: 'an empty 领域', input: file(indicator({ targets: [target({ placement: { ...target().placement, domain: '' } })] })), path: 'indicators[0].targets[0].placement.domain' },
    { name: 'a binding to an unknown module', input: file(indicator({ binding: { module: 'weather', measure: 'rain' } as never })), path: 'indicators[0].binding.module' },
    { name: 'a task binding without the item', input: file(indicator({ binding: { module: 'tasks', measure: 'accepted_share', list: '004', item: [] } })), path: 'indicators[0].binding.item' },
    { name: 'a task binding with an unknown measure', input: file(indicator({ binding: { module: 'tasks', measure: 'progress' as never, list: '004', item: ['十'] } })), path: 'indicators[0].binding.measure' },
    { name: 'a monitoring binding with an unknown measure', input: file(indicator({ binding: { module: 'monitoring', measure: 'noise' as never } })), path: 'indicators[0].binding.measure' },
    { name: 'both a formula and a binding', input: file(indicator({ key: 'a', formula: { expression: '{b} * 2' }, binding: { module: 'monitoring', measure: 'pm25_annual_mean' } }), indicator({ key: 'b', name: '乙' })), path: 'indicators[0].binding' },
  ];

  it.each(cases)('reports $name at "$path"', ({ input, path }) => {
    expect(paths(input)).toContain(path);
  });

  it('keeps an empty target cell when a note says how it is read', () => {
    const noted = target({ placement: { ...target().placement, targetAsWritten: '' }, target: { kind: 'external', comparator: '>=', authority: '省下达目标' }, note: '此格空白，按省下达目标' });
    expect(checkIndicatorSeed(file(indicator({ targets: [noted] })))).toEqual([]);
  });

  it('accepts a formula over indicators of the same file, wherever they stand', () => {
    const intensity = indicator({ key: 'energy-intensity', name: '单位GDP能耗', direction: 'lower_better', formula: { expression: '{energy-use} / {gdp}' },
      targets: [target({ target: { kind: 'relative', comparator: '<=', baseYear: 2020, change: -14.5, changeUnit: 'percent' } })] });
    const use = indicator({ key: 'energy-use', name: '能源消费总量', targets: [target({ placement: { ...target().placement, row: 1 } })] });
    const gdp = indicator({ key: 'gdp', name: '地区生产总值', targets: [target({ placement: { ...target().placement, row: 2 } })] });
    expect(checkIndicatorSeed(file(intensity, use, gdp))).toEqual([]);
  });

  it('lets only an operand of a formula go without a target of its own', () => {
    const intensity = indicator({ key: 'energy-intensity', name: '单位GDP能耗', direction: 'lower_better', formula: { expression: '{energy-use} / {gdp}' },
      targets: [target({ target: { kind: 'relative', comparator: '<=', baseYear: 2020, change: -14.5, changeUnit: 'percent' } })] });
    const use = indicator({ key: 'energy-use', name: '能源消费总量', baselines: [], targets: [] });
    const gdp = indicator({ key: 'gdp', name: '地区生产总值', baselines: [], targets: [] });
    expect(checkIndicatorSeed(file(intensity, use, gdp))).toEqual([]);
    expect(paths(file(indicator({ formula: null }), indicator({ key: 'gdp', name: '地区生产总值', baselines: [], targets: [] })))).toContain('indicators[1].targets');
  });

  it('accepts notes in Chinese with their English, and bindings of both modules', () => {
    const noted = indicator({ note: '按下限理解', noteEn: 'Read as a floor.', binding: { module: 'tasks', measure: 'accepted_on_time_share', list: '004', item: ['十', '1'] } });
    expect(checkIndicatorSeed(file(noted, pm25({ binding: { module: 'monitoring', measure: 'pm25_annual_mean' } })))).toEqual([]);
  });
});

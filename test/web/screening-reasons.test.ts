// The page words a screening's reasons from the message files (web/src/spatial/reasons.ts). In Chinese it
// must say what the server's words say (src/spatial/screening/rules.ts, used by the report), for every
// table-driven case of the rules; in English, everything but the data (basis, sources, feature names) in English.
import type { TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import cases from '../../src/spatial/screening/rules.cases.json' with { type: 'json' };
import { evaluateScreening, type Evaluation, type LayerFacts, type ScreeningRuleRow } from '../../src/spatial/screening/rules.ts';
import { layerNamesIn } from '../../web/src/spatial/layerNames.tsx';
import { screeningReasonTexts } from '../../web/src/spatial/reasons.ts';
import { seedCatalogue as catalogue, uiTranslations } from './support.ts';

type LayerCase = Partial<Pick<LayerFacts, 'versionId'>> & Pick<LayerFacts, 'hits' | 'near'>;
const defaults = cases.layerDefaults as Record<string, Pick<LayerFacts, 'layerName' | 'zones' | 'areal'>>;
const evaluations = (cases.cases as unknown as { name: string; category: string; layers: Record<string, LayerCase> }[]).map((c) => ({
  name: c.name,
  evaluation: evaluateScreening(
    c.category,
    cases.rules as ScreeningRuleRow[],
    Object.entries(c.layers).map(([layer, f], i) => ({ layer, ...defaults[layer]!, versionId: f.versionId === undefined ? i + 1 : f.versionId, hits: f.hits, near: f.near })),
  ),
}));

let zh: TFunction;
let en: TFunction;
beforeAll(async () => ({ zh, en } = await uiTranslations()));

const screening = (e: Evaluation) => ({ reasons: e.reasons, reasonDetails: e.reasonDetails, rules: e.rules });
const CJK = /[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]/;
const kilometres = (m: number) => `${m / 1000} km`;

describe('screening reasons on the page', () => {
  it.each(evaluations)('in Chinese say what the report says: $name', ({ evaluation }) => {
    // The server writes distances in metres ("1000 米"); the page formats them, here the same way.
    const texts = screeningReasonTexts(screening(evaluation), zh, layerNamesIn(catalogue, 'zh-CN'), (m) => `${m} 米`);
    expect(texts).toEqual(evaluation.reasons);
  });

  it.each(evaluations)('in English leave only the data in Chinese: $name', ({ evaluation }) => {
    const texts = screeningReasonTexts(screening(evaluation), en, layerNamesIn(catalogue, 'en'), kilometres);
    expect(texts).toHaveLength(evaluation.reasons.length);
    const data = [
      ...evaluation.rules.flatMap((r) => [r.basis, r.docTitle ?? '', r.clause ?? '', ...r.features.map((f) => f.name ?? '')]),
      ...evaluation.unknownZones.map((u) => u.name ?? ''),
    ].filter(Boolean);
    for (const text of texts) {
      const words = data.reduce((rest, datum) => rest.split(datum).join(''), text);
      expect(words, text).not.toMatch(CJK);
    }
  });

  it('word a rule with its verdict, features, distance, layer, zone and source', () => {
    const { evaluation } = evaluations[0]!;
    const texts = screeningReasonTexts(screening(evaluation), en, layerNamesIn(catalogue, 'en'), kilometres);
    expect(texts[0]).toBe('Not admissible: prohibitions that apply: 1.');
    expect(texts[1]).toBe('Prohibited: the site has “巴河” within 1 km (Rivers). 禁止在嘉陵江干支流岸线一公里范围内新建、扩建化工园区和化工项目。 [整改实施方案 加强巴河流域生态保护]');
    expect(texts[2]).toBe('Allowed: the site overlaps “一般单元” (Environmental control units, General control unit). 一般管控单元执行基本要求。 [规划 第九章]');
  });

  it('name layers without data and features of unknown zone in English', () => {
    const missing = evaluations.find((e) => e.evaluation.verdict === 'manual_review' && e.evaluation.missingLayers.length > 0)!.evaluation;
    const texts = screeningReasonTexts(screening(missing), en, layerNamesIn(catalogue, 'en'), kilometres);
    expect(texts[0]).toBe('Needs manual review: the data are not enough for a conclusion.');
    expect(texts.some((t) => t.startsWith('These layers have no data yet and could not be screened: ') && !CJK.test(t))).toBe(true);
  });

  it('name two features of one name once, as the server does', () => {
    const source = { featureId: 21, name: '化成水库水源地', zone: 'first', properties: {}, overlapM2: 1200 };
    const evaluation = evaluateScreening('tourism', cases.rules as ScreeningRuleRow[], [
      { layer: 'water_source', ...defaults.water_source!, versionId: 1, hits: [source, { ...source, featureId: 22 }], near: [] },
    ]);
    expect(screeningReasonTexts(screening(evaluation), zh, layerNamesIn(catalogue, 'zh-CN'), (m) => `${m} 米`)).toEqual(evaluation.reasons);
    const english = screeningReasonTexts(screening(evaluation), en, layerNamesIn(catalogue, 'en'), kilometres);
    expect(english[1]).toContain('the site overlaps “化成水库水源地” (Drinking-water source protection zones, ');
  });

  it('show the Chinese words of a screening saved before reasons were kept as data', () => {
    const saved = { reasons: ['不予准入：触及 1 条禁止性规定。'], reasonDetails: null, rules: [] };
    expect(screeningReasonTexts(saved, en, layerNamesIn(catalogue, 'en'), kilometres)).toEqual(saved.reasons);
  });
});

import { describe, expect, it } from 'vitest';
import cases from '../../src/spatial/screening/rules.cases.json' with { type: 'json' };
import { evaluateScreening, matchesFilter, type LayerFacts, type ScreeningRuleRow } from '../../src/spatial/screening/rules.ts';

type LayerCase = Partial<Pick<LayerFacts, 'versionId'>> & Pick<LayerFacts, 'hits' | 'near'>;
const defaults = cases.layerDefaults as Record<string, Pick<LayerFacts, 'layerName' | 'zones' | 'areal'>>;

function facts(layers: Record<string, LayerCase>): LayerFacts[] {
  return Object.entries(layers).map(([layer, f], i) => ({ layer, ...defaults[layer]!, versionId: f.versionId === undefined ? i + 1 : f.versionId, hits: f.hits, near: f.near }));
}

const LEADING_REASON = { inadmissible: 'prohibited', conditional: 'conditional', manual_review: 'insufficient_data', admissible: 'admissible' } as const;

describe('rule evaluation (rules.cases.json)', () => {
  const rules = cases.rules as ScreeningRuleRow[];
  for (const c of cases.cases as unknown as { name: string; category: string; layers: Record<string, LayerCase>; expect: { verdict: string; applied: Record<string, number[]>; reasons: string[] } }[]) {
    it(c.name, () => {
      const result = evaluateScreening(c.category, rules, facts(c.layers));
      expect(result.verdict).toBe(c.expect.verdict);
      const applied = Object.fromEntries(result.rules.map((r) => [String(r.ruleId), r.features.map((f) => f.featureId)]));
      expect(applied).toEqual(c.expect.applied);
      const text = result.reasons.join('\n');
      for (const words of c.expect.reasons) expect(text).toContain(words);
      // The same reasons as data: the verdict's own first, then every applied rule once.
      expect(result.reasonDetails).toHaveLength(result.reasons.length);
      expect(result.reasonDetails[0]!.code).toBe(LEADING_REASON[result.verdict]);
      const ruleIds = result.reasonDetails.flatMap((r) => (r.code === 'rule' ? [r.ruleId] : []));
      expect(ruleIds.sort()).toEqual(result.rules.map((r) => r.ruleId).sort());
      expect(result.reasonDetails.some((r) => r.code === 'missing_layers')).toBe(result.missingLayers.length > 0);
      expect(result.reasonDetails.filter((r) => r.code === 'unknown_zone')).toHaveLength(result.unknownZones.length);
    });
  }

  it('names each applied rule with its distance or overlap', () => {
    const [chemicalNearRiver] = cases.cases;
    const result = evaluateScreening(chemicalNearRiver!.category, rules, facts(chemicalNearRiver!.layers as Record<string, LayerCase>));
    const river = result.rules.find((r) => r.layer === 'river')!;
    expect(river.features[0]).toMatchObject({ distanceM: 800, overlapM2: null });
    const unit = result.rules.find((r) => r.layer === 'control_unit')!;
    expect(unit.features[0]).toMatchObject({ overlapM2: 5000, distanceM: null });
    expect(unit.zoneName).toBe('一般管控单元');
  });

  it('names a feature name once in a reason, though two features of that name met the rule', () => {
    const source = { featureId: 21, name: '化成水库水源地', zone: 'first', properties: {}, overlapM2: 1200 };
    const result = evaluateScreening('tourism', rules, facts({ water_source: { hits: [source, { ...source, featureId: 22, overlapM2: 300 }], near: [] } }));
    expect(result.rules[0]!.features.map((f) => f.featureId)).toEqual([21, 22]);
    expect(result.reasons[1]!.split('化成水库水源地')).toHaveLength(2);
    expect(result.reasons[1]).toContain('与「化成水库水源地」重叠');
  });

  it('matches a feature filter on property values as text', () => {
    expect(matchesFilter(null, {})).toBe(true);
    expect(matchesFilter({ basin: '嘉陵江' }, { basin: '嘉陵江', name: 'x' })).toBe(true);
    expect(matchesFilter({ basin: '嘉陵江' }, { basin: '汉江' })).toBe(false);
    expect(matchesFilter({ basin: '嘉陵江' }, {})).toBe(false);
    expect(matchesFilter({ level: '2' }, { level: 2 })).toBe(true);
  });
});

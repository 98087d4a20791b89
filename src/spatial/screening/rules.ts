/**
 * Screening rules applied to what a site touches: which rules of the set apply to the project's
 * category and to which features, and the overall verdict with its reasons in words. Pure: the facts
 * come from the database (query.ts), the judgement is here.
 */
import type { RuleVerdict, ScreeningVerdict } from '../../db/schema.ts';

export interface ScreeningRuleRow {
  id: number;
  layer: string;
  zone: string | null;
  category: string | null;
  featureFilter: Record<string, string> | null;
  withinM: number | null;
  verdict: RuleVerdict;
  basis: string;
  doc: string | null;
  docTitle: string | null;
  clause: string | null;
}

export interface FeatureFact {
  featureId: number;
  name: string | null;
  zone: string | null;
  properties: Record<string, unknown>;
}

export interface LayerFacts {
  layer: string;
  layerName: string;
  zones: { code: string; name: string }[];
  /** Whether the layer's features have area: a site "overlaps" a line or point feature by touching it. */
  areal: boolean;
  /** The layer's current version, or null when nothing has been imported (no data). */
  versionId: number | null;
  hits: (FeatureFact & { overlapM2: number })[];
  /** Features within the largest distance a rule of the layer asks about, with their distance. */
  near: (FeatureFact & { distanceM: number })[];
}

export interface AppliedRule {
  ruleId: number;
  layer: string;
  layerName: string;
  zone: string | null;
  zoneName: string | null;
  category: string | null;
  verdict: RuleVerdict;
  withinM: number | null;
  basis: string;
  doc: string | null;
  docTitle: string | null;
  clause: string | null;
  features: { featureId: number; name: string | null; overlapM2: number | null; distanceM: number | null }[];
}

/**
 * One reason of a verdict as data, so that a page words it in its reader's language; `reasons` holds the
 * same in Chinese words, for the report and for API clients. A `rule` reason points into `rules`.
 */
export type ScreeningReason =
  | { code: 'prohibited'; count: number }
  | { code: 'also_conditions'; count: number }
  | { code: 'conditional'; studies: number; restrictions: number }
  | { code: 'insufficient_data' }
  | { code: 'admissible' }
  | { code: 'missing_layers'; layers: { layer: string; layerName: string }[] }
  | { code: 'unknown_zone'; layer: string; layerName: string; featureId: number; name: string | null }
  | { code: 'rule'; ruleId: number };

export interface Evaluation {
  verdict: ScreeningVerdict;
  reasons: string[];
  reasonDetails: ScreeningReason[];
  rules: AppliedRule[];
  missingLayers: string[];
  unknownZones: { layer: string; featureId: number; name: string | null }[];
}

export const VERDICT_WORDS: Record<ScreeningVerdict, string> = {
  inadmissible: '不予准入',
  conditional: '有条件准入',
  admissible: '可准入',
  manual_review: '需人工研判',
};

export const RULE_VERDICT_WORDS: Record<RuleVerdict, string> = {
  prohibited: '禁止',
  restricted: '限制',
  special_study: '需专项论证',
  allowed: '允许',
};

const appliesToCategory = (rule: ScreeningRuleRow, category: string) => rule.category === null || rule.category === category;

export function matchesFilter(filter: Record<string, string> | null, properties: Record<string, unknown>): boolean {
  if (!filter) return true;
  return Object.entries(filter).every(([key, value]) => properties[key] !== undefined && properties[key] !== null && String(properties[key]) === value);
}

/** A zone's name among a layer's zones; a zone the layer does not list is shown by its code. */
export const zoneNameIn = (zones: readonly { code: string; name: string }[], zone: string | null) =>
  zone === null ? null : (zones.find((z) => z.code === zone)?.name ?? zone);

function featuresOf(rule: ScreeningRuleRow, layer: LayerFacts): AppliedRule['features'] {
  const fits = (f: FeatureFact) => (rule.zone === null || f.zone === rule.zone) && matchesFilter(rule.featureFilter, f.properties);
  if (rule.withinM !== null) {
    const withinM = rule.withinM;
    const byId = new Map<number, AppliedRule['features'][number]>();
    for (const f of layer.hits) if (fits(f)) byId.set(f.featureId, { featureId: f.featureId, name: f.name, overlapM2: f.overlapM2, distanceM: 0 });
    for (const f of layer.near) {
      if (f.distanceM <= withinM && fits(f) && !byId.has(f.featureId)) byId.set(f.featureId, { featureId: f.featureId, name: f.name, overlapM2: null, distanceM: f.distanceM });
    }
    return [...byId.values()];
  }
  return layer.hits
    .filter((f) => fits(f) && (!layer.areal || f.overlapM2 > 0))
    .map((f) => ({ featureId: f.featureId, name: f.name, overlapM2: f.overlapM2, distanceM: null }));
}

function source(rule: { doc: string | null; docTitle: string | null; clause: string | null }): string {
  const clause = rule.clause ?? '';
  if (rule.doc === null) return clause;
  const title = rule.docTitle ?? `文件 ${rule.doc}`;
  return `${title}${clause ? ` ${clause}` : ''}`;
}

/**
 * The features' names, each once: the parts of one reserve in two zones, say, are two features of one name,
 * and a sentence naming it twice reads as a mistake. The rule's table still lists every feature.
 */
export function distinctFeatureNames(features: AppliedRule['features'], unnamed: (featureId: number) => string): string[] {
  return [...new Set(features.map((f) => f.name ?? unnamed(f.featureId)))];
}

function describe(rule: AppliedRule): string {
  const where = `${rule.layerName}${rule.zoneName ? `（${rule.zoneName}）` : ''}`;
  const names = distinctFeatureNames(rule.features, (id) => `要素 ${id}`).map((name) => `「${name}」`).join('、');
  const relation = rule.withinM !== null ? `${rule.withinM} 米范围内有${names}` : `与${names}重叠`;
  const cite = source(rule);
  return `${RULE_VERDICT_WORDS[rule.verdict]}：项目选址${relation}（${where}）。${rule.basis}${cite ? `〔${cite}〕` : ''}`;
}

/**
 * The rules of `ruleSet` that apply to a project of `category` on a site with these facts, and the
 * verdict: any prohibition → 不予准入; else any restriction or required study → 有条件准入; else
 * missing layers or features of unknown zone where zones decide → 需人工研判; else 可准入.
 */
export function evaluateScreening(category: string, ruleSet: ScreeningRuleRow[], facts: LayerFacts[]): Evaluation {
  const layers = new Map(facts.map((layer) => [layer.layer, layer]));
  const applied: AppliedRule[] = [];
  for (const rule of ruleSet) {
    if (!appliesToCategory(rule, category)) continue;
    const layer = layers.get(rule.layer);
    if (!layer || layer.versionId === null) continue;
    const features = featuresOf(rule, layer);
    if (features.length === 0) continue;
    applied.push({
      ruleId: rule.id,
      layer: rule.layer,
      layerName: layer.layerName,
      zone: rule.zone,
      zoneName: zoneNameIn(layer.zones, rule.zone),
      category: rule.category,
      verdict: rule.verdict,
      withinM: rule.withinM,
      basis: rule.basis,
      doc: rule.doc,
      docTitle: rule.docTitle,
      clause: rule.clause,
      features,
    });
  }

  const missing = facts.filter((layer) => layer.versionId === null);
  const unknownZones: Evaluation['unknownZones'] = [];
  for (const layer of facts) {
    if (layer.versionId === null) continue;
    const zoned = ruleSet.some((rule) => rule.layer === layer.layer && rule.zone !== null && appliesToCategory(rule, category));
    if (!zoned) continue;
    const known = new Set(layer.zones.map((z) => z.code));
    for (const f of layer.hits) {
      if ((f.zone === null || !known.has(f.zone)) && (!layer.areal || f.overlapM2 > 0)) unknownZones.push({ layer: layer.layer, featureId: f.featureId, name: f.name });
    }
  }

  const prohibited = applied.filter((r) => r.verdict === 'prohibited');
  const conditions = applied.filter((r) => r.verdict === 'restricted' || r.verdict === 'special_study');
  const allowed = applied.filter((r) => r.verdict === 'allowed');
  const details: ScreeningReason[] = [];
  const ruleReasons = (rules: AppliedRule[]) => rules.map((r): ScreeningReason => ({ code: 'rule', ruleId: r.ruleId }));
  let verdict: ScreeningVerdict;
  if (prohibited.length > 0) {
    verdict = 'inadmissible';
    details.push({ code: 'prohibited', count: prohibited.length }, ...ruleReasons(prohibited));
    if (conditions.length > 0) details.push({ code: 'also_conditions', count: conditions.length }, ...ruleReasons(conditions));
  } else if (conditions.length > 0) {
    verdict = 'conditional';
    const studies = conditions.filter((r) => r.verdict === 'special_study');
    const restrictions = conditions.filter((r) => r.verdict === 'restricted');
    details.push({ code: 'conditional', studies: studies.length, restrictions: restrictions.length }, ...ruleReasons(studies), ...ruleReasons(restrictions));
  } else if (missing.length > 0 || unknownZones.length > 0) {
    verdict = 'manual_review';
    details.push({ code: 'insufficient_data' });
  } else {
    verdict = 'admissible';
    details.push({ code: 'admissible' });
  }
  if (missing.length > 0) details.push({ code: 'missing_layers', layers: missing.map((l) => ({ layer: l.layer, layerName: l.layerName })) });
  for (const u of unknownZones) details.push({ code: 'unknown_zone', layer: u.layer, layerName: layers.get(u.layer)!.layerName, featureId: u.featureId, name: u.name });
  details.push(...ruleReasons(allowed));
  const reasons = details.map((reason) => reasonWords(reason, applied));
  return { verdict, reasons, reasonDetails: details, rules: applied, missingLayers: missing.map((l) => l.layer), unknownZones };
}

/** A reason in Chinese words, as the report and the API give it. */
export function reasonWords(reason: ScreeningReason, rules: readonly AppliedRule[]): string {
  switch (reason.code) {
    case 'prohibited':
      return `不予准入：触及 ${reason.count} 条禁止性规定。`;
    case 'also_conditions':
      return `另有 ${reason.count} 条限制或需专项论证的规定：`;
    case 'conditional': {
      const parts = [
        reason.studies > 0 ? `须完成 ${reason.studies} 项专项论证` : '',
        reason.restrictions > 0 ? `须满足 ${reason.restrictions} 项限制条件` : '',
      ].filter(Boolean);
      return `有条件准入：${parts.join('，')}。`;
    }
    case 'insufficient_data':
      return '需人工研判：数据不足以作出结论。';
    case 'admissible':
      return '可准入：选址未触及任何禁止、限制或需专项论证的规定。';
    case 'missing_layers':
      return `以下图层尚无数据，未能筛查：${reason.layers.map((l) => l.layerName).join('、')}。`;
    case 'unknown_zone':
      return `${reason.layerName}要素「${reason.name ?? `要素 ${reason.featureId}`}」的分区不明，而该图层的规定按分区而定，须核实分区。`;
    case 'rule': {
      const rule = rules.find((r) => r.ruleId === reason.ruleId);
      if (!rule) throw new Error(`reason names rule ${reason.ruleId}, which did not apply`);
      return describe(rule);
    }
  }
}

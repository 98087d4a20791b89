// A screening's reasons in the reader's language. The server keeps them as data beside its Chinese words;
// a screening saved before that has the words only, and shows them as they are.
import type { TFunction } from 'i18next';
import { distinctFeatureNames } from '../../../src/spatial/screening/rules.ts';
import type { LayerNames } from './layerNames.tsx';
import type { RuleOutcome, Screening, ScreeningReason } from './types.ts';

export function screeningReasonTexts(
  screening: Pick<Screening, 'reasons' | 'reasonDetails' | 'rules'>,
  t: TFunction,
  names: LayerNames,
  length: (metres: number) => string,
): string[] {
  if (!screening.reasonDetails) return screening.reasons;
  return screening.reasonDetails.map((reason) => reasonText(reason, screening.rules, t, names, length));
}

function reasonText(reason: ScreeningReason, rules: readonly RuleOutcome[], t: TFunction, names: LayerNames, length: (metres: number) => string): string {
  const list = (items: string[]) => items.join(t('spatial.listSeparator'));
  const unnamed = (featureId: number) => t('spatial.reasons.feature', { id: featureId });
  switch (reason.code) {
    case 'prohibited':
    case 'also_conditions':
      return t(`spatial.reasons.${reason.code}`, { count: reason.count });
    case 'conditional': {
      const parts = [
        reason.studies > 0 ? t('spatial.reasons.studies', { count: reason.studies }) : '',
        reason.restrictions > 0 ? t('spatial.reasons.restrictions', { count: reason.restrictions }) : '',
      ].filter(Boolean);
      return t('spatial.reasons.conditional', { parts: parts.join(t('spatial.reasons.partSeparator')) });
    }
    case 'insufficient_data':
    case 'admissible':
      return t(`spatial.reasons.${reason.code}`);
    case 'missing_layers':
      return t('spatial.reasons.missing_layers', { layers: list(reason.layers.map((l) => names.layer(l.layer, l.layerName))) });
    case 'unknown_zone':
      return t('spatial.reasons.unknown_zone', { layer: names.layer(reason.layer, reason.layerName), feature: t('spatial.reasons.quoted', { name: reason.name ?? unnamed(reason.featureId) }) });
    case 'rule': {
      const rule = rules.find((r) => r.ruleId === reason.ruleId);
      if (!rule) return t('spatial.reasons.ruleMissing', { id: reason.ruleId });
      const features = list(distinctFeatureNames(rule.features, unnamed).map((name) => t('spatial.reasons.quoted', { name })));
      const layer = names.layer(rule.layer, rule.layerName);
      const zone = names.zone(rule.layer, rule.zone, rule.zoneName);
      const source = [rule.docTitle ?? rule.doc, rule.clause].filter(Boolean).join(' ');
      return t('spatial.reasons.rule', {
        verdict: t(`spatial.ruleVerdict.${rule.verdict}`),
        relation:
          rule.withinM === null
            ? t('spatial.reasons.overlaps', { features })
            : t('spatial.reasons.within', { features, distance: length(rule.withinM) }),
        where: zone ? t('spatial.reasons.layerZone', { layer, zone }) : layer,
        basis: rule.basis,
        source: source ? t('spatial.reasons.source', { source }) : '',
      });
    }
  }
}

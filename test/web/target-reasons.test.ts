// The UI words each assessment reason from the message files (web/src/targets/reasons.ts); in Chinese
// it must say what the server's own words say (src/targets/assess.ts describeAssessment, used by the
// exports and reports), for every table-driven case of the assessment; in English, all of it in English.
import { readFileSync } from 'node:fs';
import type { TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { assessTarget, DEFAULT_ASSESSMENT_SETTINGS, describeAssessment, type AssessmentInput, type AssessmentSettings } from '../../src/targets/assess.ts';
import { reasonText } from '../../web/src/targets/reasons.ts';
import { uiTranslations } from './support.ts';

interface Case {
  name: string;
  input: Partial<AssessmentInput> & Pick<AssessmentInput, 'target' | 'asOfYear'>;
  settings?: Partial<AssessmentSettings>;
}
const cases = JSON.parse(readFileSync(new URL('../../src/targets/assess.cases.json', import.meta.url), 'utf8')) as Case[];
const reasons = cases.flatMap((c) =>
  assessTarget({ direction: 'higher_better', unit: '%', targetYear: 2025, values: [], ...c.input }, { ...DEFAULT_ASSESSMENT_SETTINGS, ...c.settings }).reasons.map(
    (reason) => ({ name: c.name, reason }),
  ),
);

let zh: TFunction;
let en: TFunction;
beforeAll(async () => ({ zh, en } = await uiTranslations()));

const unspaced = (s: string) => s.replace(/\s+/g, '');
const CJK = /[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]/;

describe('assessment reasons in the UI', () => {
  it('has reasons of every code to word', () => {
    expect(new Set(reasons.map((r) => r.reason.code)).size).toBe(22);
  });

  it.each(reasons.map((r, i) => [`${i + 1}. ${r.name}: ${r.reason.code}`, r.reason] as const))('words %s in Chinese as the server does', (_name, reason) => {
    expect(unspaced(reasonText(zh, reason))).toBe(unspaced(describeAssessment(reason)));
  });

  it('words every reason in English, leaving only the documents’ own words as written', () => {
    for (const { name, reason } of reasons) {
      const words = reasonText(en, reason);
      // The documents' words — a qualitative target's wording, the authority setting a figure, a unit
      // such as 万吨 — stay as written.
      const fields = reason as { wording?: string; authority?: string; unit?: string | null; target?: { unit: string | null; authority?: string } };
      const quoted = [fields.wording, fields.authority, fields.unit, fields.target?.unit, fields.target?.authority].filter((q): q is string => !!q);
      const rest = quoted.reduce((text, q) => text.replaceAll(q, ''), words);
      expect(rest, name).not.toMatch(CJK);
      expect(words, name).not.toMatch(/undefined|NaN|null|\{\{|targets\./);
    }
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { alertConditions, DEFAULT_SILENT_HOURS, type AlertCondition, type AlertThresholds, type SiteState } from './rules.ts';

interface Case {
  name: string;
  state: SiteState;
  thresholds?: AlertThresholds;
  expected: AlertCondition[];
}
const cases = JSON.parse(readFileSync(new URL('./rules.cases.json', import.meta.url), 'utf8')) as Case[];

describe('monitoring alert rules (监测预警)', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(alertConditions(c.state, c.thresholds ?? { silentHours: DEFAULT_SILENT_HOURS })).toEqual(c.expected);
  });
});

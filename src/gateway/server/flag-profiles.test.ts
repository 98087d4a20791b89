import { describe, expect, it } from 'vitest';
import TABLE_8 from './data-flags.json' with { type: 'json' };
import { flagVerdict } from './flag-profiles.ts';
import cases from './flag-profiles.cases.json' with { type: 'json' };

describe('flagVerdict: a data flag read through the device vendor’s table', () => {
  it.each(cases)('$profile $flag: $why', ({ profile, flag, valid, reason }) => {
    expect(flagVerdict(profile, flag)).toEqual({ valid, reason });
  });

  it('judges every flag of Table 8 by its meaning there: only N is valid', () => {
    for (const [flag, meaning] of Object.entries(TABLE_8)) {
      const verdict = flagVerdict('hj212', flag);
      expect(verdict.valid).toBe(flag === 'N');
      if (!verdict.valid) expect(verdict.reason).toContain(meaning);
    }
  });
});

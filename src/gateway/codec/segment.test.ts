import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatSegment, parseSegment } from './segment.ts';

interface Case {
  name: string;
  segment: string;
  expect: { ok: true; value: Record<string, unknown> } | { ok: false; fault: Record<string, unknown> };
}
const cases = JSON.parse(readFileSync(new URL('./segment.cases.json', import.meta.url), 'utf8')) as Case[];

describe('parseSegment (数据段)', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const result = parseSegment(c.segment);
    if (c.expect.ok) {
      expect(result.ok).toBe(true);
      expect(result).toMatchObject(c.expect);
      if (result.ok && 'warnings' in c.expect.value) expect(result.value.warnings).toEqual(c.expect.value.warnings);
    } else {
      expect(result).toEqual(c.expect);
    }
  });

  it('writes back what it read, in the order of Table 3', () => {
    for (const c of cases) {
      const first = parseSegment(c.segment);
      if (!first.ok || first.value.warnings.length > 0) continue;
      const again = parseSegment(formatSegment(first.value));
      expect(again).toEqual(first);
    }
    const standard = cases[0]!.segment;
    const parsed = parseSegment(standard);
    expect(parsed.ok && formatSegment(parsed.value)).toBe(standard);
  });
});

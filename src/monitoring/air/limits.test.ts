import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LIMITS, limitSetForYear, limitSetInForce } from './limits.ts';
import { generationOf, standardInForce } from './standard-versions.ts';

const transcription = JSON.parse(readFileSync(new URL('./limits.cases.json', import.meta.url), 'utf8')) as Record<string, unknown>;

describe('GB 3095 limits', () => {
  it('match the transcription of GB 3095-2012 and GB 3095-2026 (transition and final), grades I and II', () => {
    const { _about, ...sets } = transcription;
    expect(LIMITS).toEqual(sets);
  });

  it.each([
    ['2026-02-28', 'GB3095-2012'],
    ['2026-03-01', 'GB3095-2026-transition'],
    ['2030-12-31', 'GB3095-2026-transition'],
    ['2031-01-01', 'GB3095-2026-final'],
  ])('on %s the limits in force are %s', (date, set) => {
    expect(limitSetInForce(date)).toBe(set);
  });

  it('evaluates a year against the limits of its generation', () => {
    expect(limitSetForYear('HJ633-2012', 2035)).toBe('GB3095-2012');
    expect(limitSetForYear('HJ633-2026', 2025)).toBe('GB3095-2026-transition');
    expect(limitSetForYear('HJ633-2026', 2030)).toBe('GB3095-2026-transition');
    expect(limitSetForYear('HJ633-2026', 2031)).toBe('GB3095-2026-final');
  });
});

describe('standard versions', () => {
  it('switch on 2026-03-01', () => {
    expect(standardInForce('2026-02-28')).toBe('HJ633-2012');
    expect(standardInForce('2026-03-01')).toBe('HJ633-2026');
  });

  it('name the matching HJ 663 and GB 3095', () => {
    expect(generationOf('HJ633-2012')).toEqual({ aqi: 'HJ633-2012', assessment: 'HJ663-2013', quality: 'GB3095-2012' });
    expect(generationOf('HJ633-2026')).toEqual({ aqi: 'HJ633-2026', assessment: 'HJ663-2026', quality: 'GB3095-2026' });
  });
});

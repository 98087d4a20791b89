import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Species } from './aqi.ts';
import { compositeIndex, rankByChangeRate, rankByCompositeIndex, type CompositeBasis } from './composite-index.ts';
import type { AqiStandard } from './standard-versions.ts';

const file = JSON.parse(readFileSync(new URL('./composite-index.cases.json', import.meta.url), 'utf8')) as {
  index: { name: string; statistics: Record<Species, number>; standard: AqiStandard; basis: CompositeBasis; expect: Record<string, unknown> }[];
  rankByIndex: { name: string; entries: { id: string; compositeIndex: number }[]; expect: unknown[] }[];
  rankByChange: { name: string; entries: { id: string; compositeIndex: number; lastCompositeIndex: number }[]; expect: unknown[] }[];
};

describe('综合指数', () => {
  it.each(file.index.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(compositeIndex(c.statistics, c.basis, c.standard)).toMatchObject(c.expect);
  });
});

describe('rankings', () => {
  it.each(file.rankByIndex.map((c) => [c.name, c] as const))('by index: %s', (_name, c) => {
    expect(rankByCompositeIndex(c.entries)).toMatchObject(c.expect);
  });

  it.each(file.rankByChange.map((c) => [c.name, c] as const))('by change rate: %s', (_name, c) => {
    expect(rankByChangeRate(c.entries)).toMatchObject(c.expect);
  });
});

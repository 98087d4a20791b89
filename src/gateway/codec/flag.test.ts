import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeFlag, encodeFlag, type ProtocolVersion } from './flag.ts';

interface Case {
  flag: number;
  version: ProtocolVersion | null;
  answerWanted: boolean;
  split: boolean;
}
const cases = JSON.parse(readFileSync(new URL('./flag.cases.json', import.meta.url), 'utf8')) as Case[];

describe('Flag bits (V5…V0 D A)', () => {
  it.each(cases.map((c) => [c.flag, c] as const))('Flag=%i', (_flag, c) => {
    expect(decodeFlag(c.flag)).toMatchObject({ version: c.version, answerWanted: c.answerWanted, split: c.split });
    if (c.version !== null) expect(encodeFlag(c.version, { answerWanted: c.answerWanted, split: c.split })).toBe(c.flag);
  });

  it('reads the whole version number, so a 2025 packet is not taken for 2005', () => {
    expect(decodeFlag(8).versionNumber).toBe(2);
    expect(decodeFlag(255).versionNumber).toBe(63);
  });
});

import { describe, expect, it } from 'vitest';
import { GENESIS_HASH, canonicalJson, checkChain, hashEntry, type AuditFacts, type ChainedEntry } from './chain.ts';

function chain(count: number): ChainedEntry[] {
  const entries: ChainedEntry[] = [];
  let prevHash = GENESIS_HASH;
  for (let id = 1; id <= count; id++) {
    const facts: AuditFacts = {
      id,
      at: new Date(Date.UTC(2026, 10, 23, 8, 0, id)).toISOString(),
      actorId: 1,
      actorName: 'admin',
      ip: '127.0.0.1',
      action: 'update',
      entity: 'user',
      entityId: String(id),
      before: { displayName: `旧${id}` },
      after: { displayName: `新${id}`, tags: ['a', 'b'] },
    };
    const hash = hashEntry(facts, prevHash);
    entries.push({ ...facts, prevHash, hash });
    prevHash = hash;
  }
  return entries;
}

describe('canonicalJson', () => {
  it('does not depend on key order, at any depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [1, { x: 1, y: 2 }] }, b: 1 }),
    );
  });
  it('keeps array order and distinguishes types', () => {
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
    expect(canonicalJson({ a: '1' })).not.toBe(canonicalJson({ a: 1 }));
    expect(canonicalJson({ a: undefined, b: 2 })).toBe('{"b":2}');
    expect(canonicalJson(new Date('2026-01-01T00:00:00Z'))).toBe('"2026-01-01T00:00:00.000Z"');
  });
});

describe('checkChain', () => {
  it('accepts an intact chain and returns where it ends', () => {
    const entries = chain(5);
    expect(checkChain(entries, { id: 0, hash: GENESIS_HASH })).toEqual({ last: { id: 5, hash: entries[4]!.hash } });
  });
  it('continues across stretches', () => {
    const entries = chain(6);
    const first = checkChain(entries.slice(0, 3), { id: 0, hash: GENESIS_HASH });
    expect('last' in first).toBe(true);
    if ('last' in first) expect(checkChain(entries.slice(3), first.last)).toEqual({ last: { id: 6, hash: entries[5]!.hash } });
  });
  it('finds an altered field', () => {
    const entries = chain(4);
    entries[2] = { ...entries[2]!, after: { displayName: '篡改' } };
    expect(checkChain(entries, { id: 0, hash: GENESIS_HASH })).toMatchObject({ broken: { id: 3 } });
  });
  it('finds an altered hash through the next link', () => {
    const entries = chain(4);
    const { prevHash, hash: _oldHash, ...facts } = entries[1]!;
    const forged = { ...facts, actorName: 'mallory' };
    entries[1] = { ...forged, prevHash, hash: hashEntry(forged, prevHash) };
    expect(checkChain(entries, { id: 0, hash: GENESIS_HASH })).toMatchObject({ broken: { id: 3, reason: expect.stringContaining('previous-hash') } });
  });
  it('finds a deleted entry', () => {
    const entries = chain(4);
    entries.splice(1, 1);
    expect(checkChain(entries, { id: 0, hash: GENESIS_HASH })).toMatchObject({ broken: { id: 3, reason: expect.stringContaining('missing') } });
  });
});

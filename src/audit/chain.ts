import { createHash } from 'node:crypto';

/** What one audit entry says, in the form that is hashed (dates as ISO strings). */
export interface AuditFacts {
  id: number;
  at: string;
  actorId: number | null;
  actorName: string;
  ip: string | null;
  action: string;
  entity: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
}

export const GENESIS_HASH = '0'.repeat(64);

/**
 * JSON with object keys sorted at every level. PostgreSQL's jsonb reorders keys, so the hash must
 * not depend on the order in which they were written.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
  return JSON.stringify(value);
}

export function hashEntry(facts: AuditFacts, prevHash: string): string {
  return createHash('sha256').update(prevHash).update('\n').update(canonicalJson(facts)).digest('hex');
}

export interface ChainedEntry extends AuditFacts {
  prevHash: string;
  hash: string;
}

export type ChainBreak = { id: number; reason: string };

/**
 * Checks one stretch of the chain, given the id and hash that must precede it. Returns the first break,
 * or the id and hash the next stretch must continue from.
 */
export function checkChain(
  entries: readonly ChainedEntry[],
  previous: { id: number; hash: string },
): { broken: ChainBreak } | { last: { id: number; hash: string } } {
  let last = previous;
  for (const entry of entries) {
    const { prevHash, hash, ...facts } = entry;
    if (entry.id !== last.id + 1) {
      return { broken: { id: entry.id, reason: `条目缺失：${last.id} 之后应为 ${last.id + 1} / entries missing after ${last.id}` } };
    }
    if (prevHash !== last.hash) {
      return { broken: { id: entry.id, reason: '前一条目的哈希不符 / previous-hash link does not match' } };
    }
    if (hashEntry(facts, prevHash) !== hash) {
      return { broken: { id: entry.id, reason: '内容与哈希不符（条目被改动）/ content does not match its hash (entry altered)' } };
    }
    last = { id: entry.id, hash };
  }
  return { last };
}

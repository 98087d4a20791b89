import { sql, type Transaction } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { Database, AuditEntryRow } from '../db/schema.ts';
import { GENESIS_HASH, checkChain, hashEntry, type AuditFacts, type ChainBreak, type ChainedEntry } from './chain.ts';

/** Who is acting and from where: every change names it. */
export interface Actor {
  id: number | null;
  name: string;
  ip: string | null;
}

export const SYSTEM_ACTOR: Actor = { id: null, name: 'system', ip: null };

export interface AuditChange {
  action: string;
  entity: string;
  entityId: string | number | null;
  before?: unknown;
  after?: unknown;
}

/** Plain JSON (dates to strings), so what is hashed is exactly what jsonb gives back. */
function plain(value: unknown): unknown {
  return value === undefined ? null : JSON.parse(JSON.stringify(value));
}

/**
 * Appends one entry in the caller's transaction, so the entry exists exactly when the change does.
 * Locking the head row serialises appends: ids stay consecutive and each hash links to the last.
 */
export async function appendAudit(trx: Transaction<Database>, actor: Actor, change: AuditChange): Promise<number> {
  const { rows } = await sql<{ last_id: number | string; last_hash: string }>`
    SELECT last_id, last_hash FROM audit_head FOR UPDATE`.execute(trx);
  const head = rows[0];
  if (!head) throw new Error('audit_head is missing');
  const facts: AuditFacts = {
    id: Number(head.last_id) + 1,
    at: new Date().toISOString(),
    actorId: actor.id,
    actorName: actor.name,
    ip: actor.ip,
    action: change.action,
    entity: change.entity,
    entityId: change.entityId === null ? null : String(change.entityId),
    before: plain(change.before),
    after: plain(change.after),
  };
  const hash = hashEntry(facts, head.last_hash);
  await trx
    .insertInto('audit_entry')
    .values({
      id: facts.id,
      at: facts.at,
      actor_id: facts.actorId,
      actor_name: facts.actorName,
      ip: facts.ip,
      action: facts.action,
      entity: facts.entity,
      entity_id: facts.entityId,
      before: JSON.stringify(facts.before),
      after: JSON.stringify(facts.after),
      prev_hash: head.last_hash,
      hash,
    })
    .execute();
  await trx.updateTable('audit_head').set({ last_id: facts.id, last_hash: hash }).execute();
  return facts.id;
}

/** Runs a change and its audit entry in one transaction. */
export function audited<T>(
  db: Db,
  actor: Actor,
  work: (trx: Transaction<Database>, audit: (change: AuditChange) => Promise<number>) => Promise<T>,
): Promise<T> {
  return db.transaction().execute((trx) => work(trx, (change) => appendAudit(trx, actor, change)));
}

/** An entry as stored, in the shape that is hashed and shown. */
export function toAuditEntry(row: AuditEntryRow): ChainedEntry {
  return {
    id: Number(row.id),
    at: new Date(row.at).toISOString(),
    actorId: row.actor_id,
    actorName: row.actor_name,
    ip: row.ip,
    action: row.action,
    entity: row.entity,
    entityId: row.entity_id,
    before: row.before,
    after: row.after,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

export interface VerifyResult {
  intact: boolean;
  entries: number;
  firstBroken?: ChainBreak;
}

/** Walks the whole chain in id order, a batch at a time, and compares its end with the head row. */
export async function verifyAudit(db: Db, batchSize = 5000): Promise<VerifyResult> {
  let last = { id: 0, hash: GENESIS_HASH };
  for (;;) {
    const rows = await db
      .selectFrom('audit_entry')
      .selectAll()
      .where('id', '>', String(last.id) as never)
      .orderBy('id')
      .limit(batchSize)
      .execute();
    if (rows.length === 0) break;
    const result = checkChain(rows.map(toAuditEntry), last);
    if ('broken' in result) return { intact: false, entries: last.id, firstBroken: result.broken };
    last = result.last;
  }
  const head = await db.selectFrom('audit_head').select(['last_id', 'last_hash']).executeTakeFirstOrThrow();
  if (Number(head.last_id) !== last.id || head.last_hash !== last.hash) {
    return {
      intact: false,
      entries: last.id,
      firstBroken: {
        id: last.id + 1,
        reason: `链尾与记录的链头不符（链头为第 ${head.last_id} 条）：末尾条目被删除 / chain ends before the recorded head (${head.last_id}): trailing entries deleted`,
      },
    };
  }
  return { intact: true, entries: last.id };
}

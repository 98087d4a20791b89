import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/connect.ts';
import { sessionExpired } from './lockout.ts';

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export interface SessionPolicy {
  idleMinutes: number;
  maxHours: number;
}

export async function createSession(
  db: Db,
  userId: number,
  client: { ip: string | null; userAgent: string | null },
  policy: SessionPolicy,
): Promise<{ token: string; csrfToken: string }> {
  const token = randomToken();
  const csrfToken = randomToken(24);
  await db
    .insertInto('session')
    .values({
      token_hash: sha256(token),
      user_id: userId,
      csrf_token: csrfToken,
      ip: client.ip,
      user_agent: client.userAgent?.slice(0, 300) ?? null,
      expires_at: new Date(Date.now() + policy.maxHours * 3_600_000),
    })
    .execute();
  return { token, csrfToken };
}

/** The live session for a cookie value, touching its last-seen time at most once a minute. */
export async function findSession(
  db: Db,
  token: string,
  policy: SessionPolicy,
): Promise<{ tokenHash: string; userId: number; csrfToken: string } | null> {
  const tokenHash = sha256(token);
  const row = await db.selectFrom('session').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  if (!row) return null;
  const now = new Date();
  const times = { createdAt: new Date(row.created_at), lastSeenAt: new Date(row.last_seen_at), expiresAt: new Date(row.expires_at) };
  if (sessionExpired(times, now, policy.idleMinutes)) {
    await db.deleteFrom('session').where('token_hash', '=', tokenHash).execute();
    return null;
  }
  if (now.getTime() - times.lastSeenAt.getTime() > 60_000) {
    await db.updateTable('session').set({ last_seen_at: now }).where('token_hash', '=', tokenHash).execute();
  }
  return { tokenHash, userId: row.user_id, csrfToken: row.csrf_token };
}

export async function endSession(db: Db, tokenHash: string): Promise<void> {
  await db.deleteFrom('session').where('token_hash', '=', tokenHash).execute();
}

export async function endUserSessions(db: Db, userId: number): Promise<void> {
  await db.deleteFrom('session').where('user_id', '=', userId).execute();
}

/** A bearer token for an API client; the secret is returned once and only its hash kept. */
export async function createApiToken(
  db: Db,
  userId: number,
  name: string,
  expiresAt: Date | null,
): Promise<{ id: number; token: string }> {
  const token = `qs_${randomToken()}`;
  const row = await db
    .insertInto('api_token')
    .values({ user_id: userId, name, token_hash: sha256(token), expires_at: expiresAt })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, token };
}

export async function findApiToken(db: Db, token: string): Promise<{ id: number; userId: number } | null> {
  const row = await db
    .selectFrom('api_token')
    .select(['id', 'user_id', 'expires_at', 'revoked_at', 'last_used_at'])
    .where('token_hash', '=', sha256(token))
    .executeTakeFirst();
  if (!row || row.revoked_at !== null) return null;
  const now = new Date();
  if (row.expires_at !== null && new Date(row.expires_at) <= now) return null;
  if (row.last_used_at === null || now.getTime() - new Date(row.last_used_at).getTime() > 60_000) {
    await db.updateTable('api_token').set({ last_used_at: now }).where('id', '=', row.id).execute();
  }
  return { id: row.id, userId: row.user_id };
}

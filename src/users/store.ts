import { sql, type Transaction } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { Database, UserRow } from '../db/schema.ts';

/** 用户: an account of a person, attached to one organisation. */
export interface User {
  id: number;
  username: string;
  displayName: string;
  role: string;
  organisationId: number | null;
  organisationName: string | null;
  active: boolean;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  createdAt: string;
}

type UserWithOrg = UserRow & { organisation_name: string | null };

export function toUser(row: UserWithOrg): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role,
    organisationId: row.organisation_id,
    organisationName: row.organisation_name,
    active: row.active,
    mustChangePassword: row.must_change_password,
    lastLoginAt: row.last_login_at ? new Date(row.last_login_at).toISOString() : null,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

function withOrganisation(db: Db | Transaction<Database>) {
  return db
    .selectFrom('app_user')
    .leftJoin('organisation', 'organisation.id', 'app_user.organisation_id')
    .selectAll('app_user')
    .select('organisation.name as organisation_name');
}

export async function getUser(db: Db | Transaction<Database>, id: number): Promise<User | null> {
  const row = await withOrganisation(db).where('app_user.id', '=', id).executeTakeFirst();
  return row ? toUser(row) : null;
}

export async function findUserByUsername(db: Db, username: string): Promise<UserRow | null> {
  return (await db.selectFrom('app_user').selectAll().where('username', '=', username).executeTakeFirst()) ?? null;
}

export interface UserFilter {
  q?: string;
  role?: string;
  organisationId?: number;
  active?: boolean;
  /** null: every organisation; otherwise only users of these organisations. */
  scope: number[] | null;
  page: number;
  pageSize: number;
}

export async function listUsers(db: Db, filter: UserFilter): Promise<{ items: User[]; total: number }> {
  let query = withOrganisation(db);
  if (filter.scope !== null) {
    if (filter.scope.length === 0) return { items: [], total: 0 };
    query = query.where('app_user.organisation_id', 'in', filter.scope);
  }
  if (filter.q) {
    const pattern = `%${filter.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([eb('app_user.username', 'ilike', pattern), eb('app_user.display_name', 'ilike', pattern)]),
    );
  }
  if (filter.role) query = query.where('app_user.role', '=', filter.role);
  if (filter.organisationId !== undefined) query = query.where('app_user.organisation_id', '=', filter.organisationId);
  if (filter.active !== undefined) query = query.where('app_user.active', '=', filter.active);
  const [rows, count] = await Promise.all([
    query
      .orderBy('app_user.id')
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize)
      .execute(),
    query.clearSelect().select(sql<number>`count(*)::int`.as('total')).executeTakeFirstOrThrow(),
  ]);
  return { items: rows.map(toUser), total: count.total };
}

/** The audit view of a user: never the password hash. */
export function auditView(user: User): Omit<User, 'lastLoginAt' | 'organisationName'> {
  const { lastLoginAt: _lastLogin, organisationName: _orgName, ...rest } = user;
  return rest;
}

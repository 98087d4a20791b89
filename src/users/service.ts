import type { Db } from '../db/connect.ts';
import { audited, type Actor } from '../audit/store.ts';
import { generateOneTimePassword, hashPassword, passwordProblems } from '../auth/passwords.ts';
import { isRole, type Role } from '../auth/roles.ts';
import { endUserSessions } from '../auth/sessions.ts';
import { problems } from '../server/problem.ts';
import { auditView, getUser, type User } from './store.ts';

export interface NewUser {
  username: string;
  displayName: string;
  role: string;
  organisationId: number | null;
  /** When absent a one-time password is generated and returned once. */
  password?: string;
}

async function checkOrganisation(db: Db, organisationId: number | null): Promise<void> {
  if (organisationId === null) return;
  const org = await db.selectFrom('organisation').select(['id', 'active']).where('id', '=', organisationId).executeTakeFirst();
  if (!org) throw problems.badRequest('所选组织机构不存在', [{ field: 'organisationId', message: '组织机构不存在' }]);
  if (!org.active) throw problems.badRequest('所选组织机构已停用', [{ field: 'organisationId', message: '组织机构已停用' }]);
}

function checkRole(role: string): Role {
  if (!isRole(role)) throw problems.badRequest(`未知角色 ${role}`, [{ field: 'role', message: '未知角色' }]);
  return role;
}

export async function createUser(db: Db, actor: Actor, input: NewUser): Promise<{ user: User; initialPassword?: string }> {
  const role = checkRole(input.role);
  await checkOrganisation(db, input.organisationId);
  const existing = await db.selectFrom('app_user').select('id').where('username', '=', input.username).executeTakeFirst();
  if (existing) throw problems.conflict(`用户名 ${input.username} 已存在`, 'username');
  if (input.password !== undefined) {
    const found = passwordProblems(input.password, { username: input.username });
    if (found.length > 0) throw problems.badRequest(found.join('；'), found.map((message) => ({ field: 'password', message })));
  }
  const password = input.password ?? generateOneTimePassword();
  const passwordHash = await hashPassword(password);
  const user = await audited(db, actor, async (trx, audit) => {
    const row = await trx
      .insertInto('app_user')
      .values({
        username: input.username,
        display_name: input.displayName,
        role,
        organisation_id: input.organisationId,
        password_hash: passwordHash,
        must_change_password: true,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const created = (await getUser(trx, row.id))!;
    await audit({ action: 'create', entity: 'user', entityId: created.id, after: auditView(created) });
    return created;
  });
  return input.password === undefined ? { user, initialPassword: password } : { user };
}

export interface UserPatch {
  displayName?: string;
  role?: string;
  organisationId?: number | null;
  active?: boolean;
}

export async function updateUser(db: Db, actor: Actor, id: number, patch: UserPatch): Promise<User> {
  if (patch.role !== undefined) checkRole(patch.role);
  if (patch.organisationId !== undefined) await checkOrganisation(db, patch.organisationId);
  const user = await audited(db, actor, async (trx, audit) => {
    const before = await getUser(trx, id);
    if (!before) throw problems.notFound('用户');
    if (actor.id === id && (patch.active === false || (patch.role !== undefined && patch.role !== before.role))) {
      throw problems.badRequest('不能停用自己的账号或修改自己的角色');
    }
    await trx
      .updateTable('app_user')
      .set({
        ...(patch.displayName !== undefined && { display_name: patch.displayName }),
        ...(patch.role !== undefined && { role: patch.role }),
        ...(patch.organisationId !== undefined && { organisation_id: patch.organisationId }),
        ...(patch.active !== undefined && { active: patch.active }),
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    const after = (await getUser(trx, id))!;
    await audit({ action: 'update', entity: 'user', entityId: id, before: auditView(before), after: auditView(after) });
    return after;
  });
  if (patch.active === false) await endUserSessions(db, id);
  return user;
}

/**
 * Sets a password. `mustChange` marks it one-time (set by someone else); a user's own change clears
 * the mark. Other sessions end either way, so a leaked password stops working everywhere.
 */
export async function setPassword(
  db: Db,
  actor: Actor,
  id: number,
  password: string,
  options: { mustChange: boolean; current?: string },
): Promise<User> {
  const target = await getUser(db, id);
  if (!target) throw problems.notFound('用户');
  const found = passwordProblems(password, { username: target.username, current: options.current });
  if (found.length > 0) throw problems.badRequest(found.join('；'), found.map((message) => ({ field: 'newPassword', message })));
  const passwordHash = await hashPassword(password);
  const user = await audited(db, actor, async (trx, audit) => {
    await trx
      .updateTable('app_user')
      .set({ password_hash: passwordHash, must_change_password: options.mustChange, failed_logins: 0, locked_until: null, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    await audit({
      action: options.mustChange ? 'reset-password' : 'change-password',
      entity: 'user',
      entityId: id,
      after: { mustChangePassword: options.mustChange },
    });
    return (await getUser(trx, id))!;
  });
  await endUserSessions(db, id);
  return user;
}

export async function resetPassword(db: Db, actor: Actor, id: number): Promise<string> {
  const password = generateOneTimePassword();
  await setPassword(db, actor, id, password, { mustChange: true });
  return password;
}

/** The first start makes one administrator with a generated one-time password; later starts make none. */
export async function ensureAdministrator(db: Db, actor: Actor): Promise<{ username: string; password: string } | null> {
  const admin = await db.selectFrom('app_user').select('id').where('role', '=', 'admin').limit(1).executeTakeFirst();
  if (admin) return null;
  const city = await db.selectFrom('organisation').select('id').where('kind', '=', 'city').orderBy('id').executeTakeFirst();
  const { initialPassword } = await createUser(db, actor, {
    username: 'admin',
    displayName: '系统管理员',
    role: 'admin',
    organisationId: city?.id ?? null,
  });
  return { username: 'admin', password: initialPassword! };
}

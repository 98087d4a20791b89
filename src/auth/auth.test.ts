import { describe, expect, it } from 'vitest';
import { afterFailedLogin, isLocked, sessionExpired } from './lockout.ts';
import { generateOneTimePassword, hashPassword, passwordProblems, verifyPassword } from './passwords.ts';
import { ROLES, mayAssignRole, permissionsOf, scopeOf } from './roles.ts';

describe('passwords', () => {
  it('hashes with argon2id and verifies only the right password', async () => {
    const hash = await hashPassword('Qingshan2026');
    expect(hash.startsWith('$argon2id$')).toBe(true);
    expect(await verifyPassword(hash, 'Qingshan2026')).toBe(true);
    expect(await verifyPassword(hash, 'qingshan2026')).toBe(false);
    expect(await verifyPassword('not-a-hash', 'x')).toBe(false);
  });
  it('generates distinct one-time passwords that pass the policy', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const password = generateOneTimePassword();
      expect(password).toHaveLength(16);
      expect(password).not.toMatch(/[0O1lI]/);
      expect(passwordProblems(password, { username: 'admin' })).toEqual([]);
      seen.add(password);
    }
    expect(seen.size).toBe(200);
  });
  it('explains each policy failure', () => {
    expect(passwordProblems('abc123', { username: 'admin' })).toEqual(['密码至少 10 位']);
    expect(passwordProblems('abcdefghijk', { username: 'admin' })).toEqual(['密码须同时包含字母和数字']);
    expect(passwordProblems('Admin12345xyz', { username: 'admin' })).toEqual(['密码不能包含用户名']);
    expect(passwordProblems('Same123456', { username: 'u1x', current: 'Same123456' })).toEqual(['新密码不能与当前密码相同']);
  });
});

describe('lockout', () => {
  const policy = { maxFailures: 3, lockMinutes: 15 };
  const now = new Date('2026-11-23T08:00:00Z');
  it('counts failures and locks at the limit', () => {
    expect(afterFailedLogin(0, now, policy)).toEqual({ failedLogins: 1, lockedUntil: null });
    expect(afterFailedLogin(2, now, policy)).toEqual({ failedLogins: 0, lockedUntil: new Date('2026-11-23T08:15:00Z') });
  });
  it('unlocks when the time has passed', () => {
    expect(isLocked(new Date('2026-11-23T08:15:00Z'), now)).toBe(true);
    expect(isLocked(new Date('2026-11-23T07:59:59Z'), now)).toBe(false);
    expect(isLocked(null, now)).toBe(false);
  });
  it('ends sessions on idle or absolute expiry', () => {
    const createdAt = new Date('2026-11-23T07:00:00Z');
    const expiresAt = new Date('2026-11-23T19:00:00Z');
    expect(sessionExpired({ createdAt, lastSeenAt: new Date('2026-11-23T07:45:00Z'), expiresAt }, now, 30)).toBe(false);
    expect(sessionExpired({ createdAt, lastSeenAt: new Date('2026-11-23T07:29:00Z'), expiresAt }, now, 30)).toBe(true);
    expect(sessionExpired({ createdAt, lastSeenAt: now, expiresAt: now }, now, 30)).toBe(true);
  });
});

describe('roles', () => {
  it('gives every role at least reading organisations, and only the admin audit verification', () => {
    for (const role of ROLES) expect(scopeOf(role, 'orgs.read')).toBe('all');
    expect(ROLES.filter((role) => scopeOf(role, 'audit.verify') !== null)).toEqual(['admin']);
  });
  it('scopes unit and district users to their own organisation', () => {
    expect(scopeOf('district_user', 'users.read')).toBe('organisation');
    expect(scopeOf('unit_user', 'users.read')).toBe('organisation');
    expect(scopeOf('leader', 'users.write')).toBeNull();
    expect(scopeOf('nobody', 'orgs.read')).toBeNull();
  });
  it('lets only an admin make an admin', () => {
    expect(mayAssignRole('admin', 'admin')).toBe(true);
    expect(mayAssignRole('coordinator', 'admin')).toBe(false);
    expect(mayAssignRole('coordinator', 'unit_user')).toBe(true);
    expect(mayAssignRole('leader', 'unit_user')).toBe(false);
  });
  it('lists permissions per role', () => {
    expect(permissionsOf('grid_inspector')).toEqual(['orgs.read', 'tasks.read', 'grids.read', 'targets.read', 'monitoring.read', 'emissions.read', 'spatial.read']);
    expect(permissionsOf('enterprise_user')).toEqual(['orgs.read', 'emissions.read', 'emissions.act']);
  });
  it('lets coordinators manage every grid and district users only their own', () => {
    expect(ROLES.filter((role) => scopeOf(role, 'grids.manage') === 'all')).toEqual(['admin', 'coordinator']);
    expect(scopeOf('district_user', 'grids.manage')).toBe('organisation');
    expect(scopeOf('grid_inspector', 'grids.manage')).toBeNull();
    expect(scopeOf('enterprise_user', 'grids.read')).toBeNull();
  });
  it('lets units enter and review targets within their organisation, the coordinator everywhere, and no enterprise read them', () => {
    expect(ROLES.filter((role) => scopeOf(role, 'targets.manage') === 'all')).toEqual(['admin', 'coordinator']);
    expect(ROLES.filter((role) => scopeOf(role, 'targets.enter') !== null)).toEqual(['coordinator', 'unit_user', 'district_user']);
    expect(scopeOf('unit_user', 'targets.review')).toBe('organisation');
    expect(scopeOf('admin', 'targets.enter')).toBeNull();
    expect(scopeOf('enterprise_user', 'targets.read')).toBeNull();
  });
  it('lets an enterprise and its district see and act on its emissions, and only the coordinator register them', () => {
    expect(scopeOf('enterprise_user', 'emissions.read')).toBe('organisation');
    expect(scopeOf('district_user', 'emissions.act')).toBe('organisation');
    expect(scopeOf('unit_user', 'emissions.act')).toBeNull();
    expect(ROLES.filter((role) => scopeOf(role, 'emissions.manage') !== null)).toEqual(['admin', 'coordinator']);
    expect(scopeOf('enterprise_user', 'monitoring.read')).toBeNull();
  });
  it('lets the administration read the one map, coordinator, units and districts screen, and only managers import layers and edit rules', () => {
    expect(ROLES.filter((role) => scopeOf(role, 'spatial.read') !== null)).toEqual(['admin', 'coordinator', 'unit_user', 'district_user', 'grid_inspector', 'leader']);
    expect(ROLES.filter((role) => scopeOf(role, 'spatial.screen') !== null)).toEqual(['admin', 'coordinator', 'unit_user', 'district_user']);
    expect(scopeOf('district_user', 'spatial.screen')).toBe('organisation');
    expect(ROLES.filter((role) => scopeOf(role, 'spatial.manage') !== null)).toEqual(['admin', 'coordinator']);
  });
});

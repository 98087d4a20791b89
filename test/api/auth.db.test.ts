import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { startTestApp, userWithToken, type TestApp } from '../support/app.ts';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ QINGSHAN_LOGIN_MAX_FAILURES: '3', QINGSHAN_SESSION_IDLE_MINUTES: '30' });
});
afterAll(async () => t?.close());

function cookieOf(response: { headers: Record<string, unknown> }): string {
  const header = response.headers['set-cookie'];
  const value = (Array.isArray(header) ? header : [header]).find((c) => String(c).startsWith('qs_session='));
  if (!value) throw new Error('no session cookie');
  return String(value).split(';')[0]!;
}

async function login(username: string, password: string) {
  return t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
}

describe('browser sessions', () => {
  it('sets an HttpOnly, SameSite=Strict cookie and never returns the password hash', async () => {
    await userWithToken(t.db, { username: 'cookie-user', role: 'leader', organisation: 'bazhong' });
    const response = await login('cookie-user', 'Testpass2026');
    expect(response.statusCode).toBe(200);
    const header = String(response.headers['set-cookie']);
    expect(header).toMatch(/HttpOnly/);
    expect(header).toMatch(/SameSite=Strict/);
    expect(response.body).not.toContain('argon2');
    expect(response.json().csrfToken).toMatch(/^[A-Za-z0-9_-]{20,}$/);
  });

  it('refuses a change without the CSRF token, and accepts it with the token', async () => {
    await userWithToken(t.db, { username: 'csrf-admin', role: 'admin', organisation: 'bazhong' });
    const response = await login('csrf-admin', 'Testpass2026');
    const cookie = cookieOf(response);
    const csrf = response.json().csrfToken as string;
    const payload = { username: 'via-cookie', displayName: '甲', role: 'grid_inspector', organisationId: null };
    const without = await t.app.inject({ method: 'POST', url: '/api/users', headers: { cookie }, payload });
    expect(without.statusCode).toBe(403);
    expect(without.json().detail).toContain('x-csrf-token');
    const wrong = await t.app.inject({ method: 'POST', url: '/api/users', headers: { cookie, 'x-csrf-token': 'nope' }, payload });
    expect(wrong.statusCode).toBe(403);
    const right = await t.app.inject({ method: 'POST', url: '/api/users', headers: { cookie, 'x-csrf-token': csrf }, payload });
    expect(right.statusCode).toBe(201);
    expect(right.json().initialPassword).toHaveLength(16);
  });

  it('forces a one-time password to be changed before anything else', async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { authorization: `Bearer ${(await userWithToken(t.db, { username: 'maker', role: 'coordinator', organisation: 'shi-huanweiban' })).token}` },
      payload: { username: 'newbie', displayName: '新人', role: 'leader', organisationId: null },
    });
    const oneTime = created.json().initialPassword as string;
    const first = await login('newbie', oneTime);
    expect(first.json().user.mustChangePassword).toBe(true);
    const cookie = cookieOf(first);
    const csrf = first.json().csrfToken as string;
    const blocked = await t.app.inject({ method: 'GET', url: '/api/organisations', headers: { cookie } });
    expect(blocked.statusCode).toBe(403);
    expect(blocked.json().title).toBe('请先修改初始密码');
    const weak = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie, 'x-csrf-token': csrf },
      payload: { currentPassword: oneTime, newPassword: 'short' },
    });
    expect(weak.statusCode).toBe(400);
    expect(weak.json().errors[0]).toMatchObject({ field: 'newPassword' });
    const changed = await t.app.inject({
      method: 'POST',
      url: '/api/auth/password',
      headers: { cookie, 'x-csrf-token': csrf },
      payload: { currentPassword: oneTime, newPassword: 'Bazhong2026go' },
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().user.mustChangePassword).toBe(false);
    const oldSession = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(oldSession.statusCode).toBe(401);
    const fresh = await t.app.inject({ method: 'GET', url: '/api/organisations', headers: { cookie: cookieOf(changed) } });
    expect(fresh.statusCode).toBe(200);
    expect((await login('newbie', oneTime)).statusCode).toBe(401);
  });

  it('locks an account after repeated failures, even for the right password, and says until when', async () => {
    await userWithToken(t.db, { username: 'target', role: 'leader', organisation: 'bazhong' });
    for (let i = 0; i < 3; i++) expect((await login('target', 'wrong-password-1')).statusCode).toBe(401);
    const locked = await login('target', 'Testpass2026');
    expect(locked.statusCode).toBe(429);
    expect(locked.json().title).toBe('账号已临时锁定');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(800);
    await t.db.updateTable('app_user').set({ locked_until: new Date(Date.now() - 1000) }).where('username', '=', 'target').execute();
    expect((await login('target', 'Testpass2026')).statusCode).toBe(200);
  });

  it('answers an unknown user exactly like a wrong password', async () => {
    const unknown = await login('nobody-here', 'whatever123');
    const wrong = await login('cookie-user', 'whatever123');
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json().title).toBe(wrong.json().title);
    expect(unknown.json().detail).toBe(wrong.json().detail);
  });

  it('ends idle sessions and logs out', async () => {
    const response = await login('cookie-user', 'Testpass2026');
    const cookie = cookieOf(response);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);
    await sql`UPDATE session SET last_seen_at = now() - interval '31 minutes'`.execute(t.db);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
    const again = await login('cookie-user', 'Testpass2026');
    const cookie2 = cookieOf(again);
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie: cookie2, 'x-csrf-token': again.json().csrfToken } });
    expect(out.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie: cookie2 } })).statusCode).toBe(401);
  });

  it('stops a disabled user and their tokens at once', async () => {
    const victim = await userWithToken(t.db, { username: 'leaving', role: 'leader', organisation: 'bazhong' });
    const admin = await userWithToken(t.db, { username: 'disabler', role: 'admin', organisation: 'bazhong' });
    const off = await t.app.inject({ method: 'PATCH', url: `/api/users/${victim.id}`, headers: { authorization: `Bearer ${admin.token}` }, payload: { active: false } });
    expect(off.json().active).toBe(false);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: `Bearer ${victim.token}` } })).statusCode).toBe(401);
    expect((await login('leaving', victim.password)).statusCode).toBe(401);
  });

  it('refuses a bad bearer token', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: 'Bearer qs_forged' } });
    expect(response.statusCode).toBe(401);
  });
});

describe('problem+json', () => {
  it('names the invalid fields in Chinese', async () => {
    const admin = await userWithToken(t.db, { username: 'validator', role: 'admin', organisation: 'bazhong' });
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { authorization: `Bearer ${admin.token}` },
      payload: { username: 'x', role: 'emperor' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const body = response.json();
    expect(body.title).toBe('请求参数无效');
    const fields = (body.errors as { field: string }[]).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['username', 'displayName', 'role', 'organisationId']));
  });

  it('answers unknown API routes with 404 problem+json, and no stack traces', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/no-such-thing' });
    expect(response.statusCode).toBe(404);
    expect(response.json().title).toBe('接口不存在');
    const broken = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"username":' });
    expect(broken.statusCode).toBe(400);
    expect(broken.body).not.toMatch(/at .*\.ts:\d+/);
  });

  it('refuses a duplicate username with 409 naming the field', async () => {
    const admin = await userWithToken(t.db, { username: 'dup-admin', role: 'admin', organisation: 'bazhong' });
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { authorization: `Bearer ${admin.token}` },
      payload: { username: 'dup-admin', displayName: '重复', role: 'leader', organisationId: null },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json().errors).toEqual([{ field: 'username', message: expect.stringContaining('已存在') }]);
  });

  it('serves OpenAPI with the routes and /api/health with storage versions', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/docs/json' })).json();
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/users', '/api/organisations/{id}', '/api/audit/verify']));
    const health = (await t.app.inject({ method: 'GET', url: '/api/health' })).json();
    expect(health.storage).toBe(t.store.storage.kind);
    expect(health.postgis).toMatch(/^3\.\d/);
    expect(Number(health.postgres.split('.')[0])).toBeGreaterThanOrEqual(15);
    expect(health.schemaVersion).toMatch(/^\d{4}_/);
  });
});

describe('login rate limit', () => {
  it('answers a burst of logins from one address with 429 problem+json', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) statuses.push((await login(`burst-${i}`, 'x')).statusCode);
    expect(statuses.filter((s) => s === 401).length).toBeGreaterThan(0);
    expect(statuses.at(-1)).toBe(429);
    const limited = await login('burst', 'x');
    expect(limited.headers['content-type']).toContain('application/problem+json');
    expect(limited.json().title).toBe('请求过于频繁');
  });
});

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { gunzipSync as gunzip, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openStorage, type Db } from '../src/db/connect.ts';
import { PLATFORM_VERSION } from '../src/paths.ts';
import { emptyTestLocation, seededTestLocation } from './support/db.ts';
import { runCli, startServer } from './support/cli.ts';
import { testDatabaseKind } from './support/db-config.ts';
import type { StorageConfig } from '../src/config/index.ts';

const scratch = mkdtempSync(join(tmpdir(), 'qingshan-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function withStore<T>(storage: StorageConfig, work: (db: Db) => Promise<T>): Promise<T> {
  const store = await openStorage(storage, { create: false });
  try {
    return await work(store.db);
  } finally {
    await store.close();
  }
}

async function count(storage: StorageConfig, table: 'organisation' | 'app_user' | 'audit_entry'): Promise<number> {
  return withStore(storage, async (db) => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)}`.execute(db)).rows[0]!.n);
}

describe('qingshan CLI', { timeout: 240_000 }, () => {
  let seeded: Awaited<ReturnType<typeof seededTestLocation>>;
  beforeAll(async () => {
    seeded = await seededTestLocation();
  });
  afterAll(async () => seeded?.dispose());

  it('prints its version and help for each command', async () => {
    expect((await runCli(['version'], {})).stdout.trim()).toBe(`qingshan ${PLATFORM_VERSION}`);
    for (const command of [['start'], ['user', 'add'], ['backup'], ['restore'], ['audit', 'verify']]) {
      const help = await runCli([...command, '--help'], {});
      expect(help.code).toBe(0);
      expect(help.stdout).toMatch(/Usage: qingshan/);
    }
  });

  it('adds a user in an organisation named as the documents name it, resets and disables it', async () => {
    const added = await runCli(['user', 'add', 'bz-clerk', '-n', '张三', '-r', 'district_user', '-o', '巴州区'], seeded.env);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain('巴州区');
    const first = /one-time password: (\S+)/.exec(added.stdout)?.[1];
    expect(first).toHaveLength(16);
    const reset = await runCli(['user', 'passwd', 'bz-clerk'], seeded.env);
    const second = /one-time password: (\S+)/.exec(reset.stdout)?.[1];
    expect(second).toHaveLength(16);
    expect(second).not.toBe(first);
    expect((await runCli(['user', 'disable', 'bz-clerk'], seeded.env)).code).toBe(0);
    const store = await openStorage(seeded.storage, { create: false });
    const row = await store.db.selectFrom('app_user').select(['active', 'role']).where('username', '=', 'bz-clerk').executeTakeFirstOrThrow();
    const trail = await store.db.selectFrom('audit_entry').select(['action', 'actor_name']).where('entity', '=', 'user').orderBy('id').execute();
    await store.close();
    expect(row).toEqual({ active: false, role: 'district_user' });
    expect(trail.map((e) => e.action)).toEqual(['create', 'reset-password', 'update']);
    expect(trail[0]!.actor_name).toMatch(/^cli:/);
    const bad = await runCli(['user', 'add', 'x-user', '-n', 'x', '-r', 'emperor'], seeded.env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('未知角色');
  });

  it('verifies the audit trail', async () => {
    const result = await runCli(['audit', 'verify'], seeded.env);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/intact: \d+ entries/);
  });

  it('backs up and restores into an empty store, chain intact, and refuses a non-empty one without --force', async () => {
    const file = join(scratch, 'full.qsbackup.gz');
    // A grid boundary (PostGIS geometry, CGCS2000) must survive the logical backup too.
    const boundary = (storage: StorageConfig) =>
      withStore(storage, (db) => db.selectFrom('grid').select(sql<string>`ST_AsEWKT(geom)`.as('ewkt')).where('code', '=', 'BZ-BACKUP').executeTakeFirst());
    await withStore(seeded.storage, async (db) => {
      const bazhou = await db.selectFrom('organisation').select('id').where('key', '=', 'bazhou').executeTakeFirstOrThrow();
      await db
        .insertInto('grid')
        .values({ code: 'BZ-BACKUP', name: '备份网格', level: 'county', organisation_id: bazhou.id, geom: sql<string>`ST_GeomFromEWKT('SRID=4490;MULTIPOLYGON(((106.6 31.7,106.9 31.7,106.9 31.9,106.6 31.7)))')` })
        .execute();
    });
    const made = await runCli(['backup', file], seeded.env);
    expect(made.code, made.stderr).toBe(0);
    const target = await emptyTestLocation();
    try {
      const restored = await runCli(['restore', file], target.env);
      expect(restored.code, restored.stderr).toBe(0);
      const targetStorage: StorageConfig = target.env.DATABASE_URL
        ? { kind: 'postgres', url: target.env.DATABASE_URL }
        : { kind: 'pglite', dataDir: target.env.QINGSHAN_DATA_DIR! };
      expect(await count(targetStorage, 'organisation')).toBe(await count(seeded.storage, 'organisation'));
      expect(await count(targetStorage, 'app_user')).toBe(await count(seeded.storage, 'app_user'));
      expect((await boundary(targetStorage))?.ewkt).toBe('SRID=4490;MULTIPOLYGON(((106.6 31.7,106.9 31.7,106.9 31.9,106.6 31.7)))');
      const verified = await runCli(['audit', 'verify'], target.env);
      expect(verified.stdout, verified.stderr).toContain('intact');
      // New rows continue after the restored ids.
      expect((await runCli(['user', 'add', 'after-restore', '-n', '李四', '-r', 'leader'], target.env)).code).toBe(0);

      const users = await count(targetStorage, 'app_user');
      const refused = await runCli(['restore', file], target.env);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('--force');
      expect(await count(targetStorage, 'app_user')).toBe(users);
      const forced = await runCli(['restore', file, '--force'], target.env);
      expect(forced.code, forced.stderr).toBe(0);
      expect(await count(targetStorage, 'app_user')).toBe(users - 1);
    } finally {
      await target.dispose();
    }
  });

  it('refuses a file that is not a backup, or a truncated one, and changes nothing', async () => {
    const users = await count(seeded.storage, 'app_user');
    const audit = await count(seeded.storage, 'audit_entry');
    const text = join(scratch, 'notes.txt');
    writeFileSync(text, '这不是备份');
    const wrongHeader = join(scratch, 'other.gz');
    writeFileSync(wrongHeader, gzipSync('{"format":"something-else"}\n'));
    const full = join(scratch, 'again.gz');
    expect((await runCli(['backup', full], seeded.env)).code).toBe(0);
    const lines = readFileSync(full);
    const truncated = join(scratch, 'truncated.gz');
    writeFileSync(truncated, gzipSync(gunzip(lines).toString("utf8").split('\n').slice(0, 3).join('\n')));
    for (const file of [text, wrongHeader, truncated]) {
      const result = await runCli(['restore', file, '--force'], seeded.env);
      expect(result.code, file).toBe(1);
      expect(result.stderr).toContain('不是青山备份文件');
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
    expect(await count(seeded.storage, 'app_user')).toBe(users);
    expect(await count(seeded.storage, 'audit_entry')).toBe(audit);
  });

  it('starts once with a printed one-time password, and a second start loads nothing twice', async () => {
    const location = await emptyTestLocation();
    try {
      const first = await startServer(location.env);
      const password = /one-time password: (\S+)/.exec(first.output)?.[1];
      expect(password).toHaveLength(16);
      const health = await (await fetch(`http://127.0.0.1:${first.port}/api/health`)).json();
      expect(health.storage).toBe(testDatabaseKind());
      await first.stop();
      const second = await startServer(location.env);
      expect(second.output).not.toContain('one-time password');
      const response = await fetch(`http://127.0.0.1:${second.port}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password }),
      });
      expect(response.status).toBe(200);
      await second.stop();
      const storage: StorageConfig = location.env.DATABASE_URL
        ? { kind: 'postgres', url: location.env.DATABASE_URL }
        : { kind: 'pglite', dataDir: location.env.QINGSHAN_DATA_DIR! };
      const organisations = JSON.parse(readFileSync('seeds/bazhong/organisations.json', 'utf8')).organisations.length;
      expect(await count(storage, 'organisation')).toBe(organisations);
      expect(await count(storage, 'app_user')).toBe(1);
    } finally {
      await location.dispose();
    }
  });
});

describe('faults give one clear message and a non-zero exit', { timeout: 120_000 }, () => {
  it('a wrong DATABASE_URL', async () => {
    const result = await runCli(['migrate'], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('无法连接');
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    const malformed = await runCli(['migrate'], { DATABASE_URL: 'mysql://x' });
    expect(malformed.code).toBe(1);
    expect(malformed.stderr).toContain('DATABASE_URL');
  });

  it('a port in use', async () => {
    const blocker = createServer();
    await new Promise<void>((ready) => blocker.listen(0, '127.0.0.1', ready));
    const port = (blocker.address() as { port: number }).port;
    const location = await seededTestLocation();
    try {
      const result = await runCli(['start', '--host', '127.0.0.1', '--port', String(port)], location.env);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`端口 ${port} 已被占用`);
    } finally {
      blocker.close();
      await location.dispose();
    }
  });

  it('a store written by a newer version', async () => {
    const location = await seededTestLocation();
    try {
      const store = await openStorage(location.storage);
      await sql`INSERT INTO schema_migration (name) VALUES ('9999_from_the_future')`.execute(store.db);
      await store.close();
      const result = await runCli(['migrate'], location.env);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('更新版本');
    } finally {
      await location.dispose();
    }
  });

  it.skipIf(testDatabaseKind() !== 'pglite')('a damaged or foreign data folder', async () => {
    const foreign = mkdtempSync(join(tmpdir(), 'qingshan-foreign-'));
    writeFileSync(join(foreign, 'thesis.docx'), 'x');
    const notOurs = await runCli(['migrate'], { QINGSHAN_DATA_DIR: foreign });
    expect(notOurs.code).toBe(1);
    expect(notOurs.stderr).toContain('不是青山的数据目录');
    expect(readFileSync(join(foreign, 'thesis.docx'), 'utf8')).toBe('x');
    writeFileSync(join(foreign, 'PG_VERSION'), '99\n');
    const wrongVersion = await runCli(['migrate'], { QINGSHAN_DATA_DIR: foreign });
    expect(wrongVersion.code).toBe(1);
    expect(wrongVersion.stderr).toContain('PostgreSQL 99');
    writeFileSync(join(foreign, 'PG_VERSION'), '18\n');
    const damaged = await runCli(['migrate'], { QINGSHAN_DATA_DIR: foreign });
    expect(damaged.code).toBe(1);
    expect(damaged.stderr).toMatch(/无法打开数据目录|damaged/);
    rmSync(foreign, { recursive: true, force: true });
  });
});


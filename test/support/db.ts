import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openStorage, type Storage } from '../../src/db/connect.ts';
import type { StorageConfig } from '../../src/config/index.ts';
import { PG_ADMIN_URL, PG_TEMPLATE, PGLITE_TEMPLATE, testDatabaseKind } from './db-config.ts';

export interface TestStore {
  storage: Storage;
  /** Environment that opens the same store again, e.g. from the CLI. */
  env: Record<string, string>;
  dispose(): Promise<void>;
}

/** Any number that all test processes agree on: the advisory lock below. */
const TEMPLATE_COPY_LOCK = 31_415_926;

async function adminQuery(text: string, options: { oneCopyAtATime?: boolean } = {}): Promise<void> {
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    // PostgreSQL refuses to copy a template that another session is reading — and a second
    // CREATE DATABASE … TEMPLATE from a parallel test file is such a session. Copies take turns.
    if (options.oneCopyAtATime) await admin.query('SELECT pg_advisory_lock($1)', [TEMPLATE_COPY_LOCK]);
    await admin.query(text);
  } finally {
    await admin.end();
  }
}

/** An empty PostgreSQL database or PGlite folder, for tests of first starts and restores. */
export async function emptyTestLocation(): Promise<{ env: Record<string, string>; dispose(): Promise<void> }> {
  if (testDatabaseKind() === 'postgres') {
    const name = `qingshan_test_${randomBytes(6).toString('hex')}`;
    await adminQuery(`CREATE DATABASE ${name}`);
    const url = new URL(PG_ADMIN_URL);
    url.pathname = `/${name}`;
    return { env: { DATABASE_URL: url.toString() }, dispose: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
  }
  const dir = mkdtempSync(join(tmpdir(), 'qingshan-empty-'));
  return { env: { QINGSHAN_DATA_DIR: join(dir, 'data') }, dispose: async () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * A fresh migrated and seeded location (a PostgreSQL database or a PGlite folder) copied from the
 * template the global setup built, not yet opened: a CLI child process can open it.
 */
export async function seededTestLocation(): Promise<{ env: Record<string, string>; storage: StorageConfig; dispose(): Promise<void> }> {
  if (testDatabaseKind() === 'postgres') {
    const name = `qingshan_test_${randomBytes(6).toString('hex')}`;
    await adminQuery(`CREATE DATABASE ${name} TEMPLATE ${PG_TEMPLATE}`, { oneCopyAtATime: true });
    const url = new URL(PG_ADMIN_URL);
    url.pathname = `/${name}`;
    return {
      env: { DATABASE_URL: url.toString() },
      storage: { kind: 'postgres', url: url.toString() },
      dispose: () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'qingshan-test-'));
  const dataDir = join(dir, 'data');
  cpSync(PGLITE_TEMPLATE, dataDir, { recursive: true });
  return {
    env: { QINGSHAN_DATA_DIR: dataDir },
    storage: { kind: 'pglite', dataDir },
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A fresh store, migrated and seeded, opened in this process. */
export async function openTestStore(): Promise<TestStore> {
  const location = await seededTestLocation();
  const storage = await openStorage(location.storage);
  return {
    storage,
    env: location.env,
    dispose: async () => {
      await storage.close();
      await location.dispose();
    },
  };
}

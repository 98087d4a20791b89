// The two back ends a database benchmark runs on: a throwaway database on the PostgreSQL server named
// by QINGSHAN_BENCH_PG_URL (or QINGSHAN_TEST_PG_URL), dropped afterwards, and PGlite in a fresh
// folder. PostgreSQL is skipped, with a line in the log, when neither variable is set.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import pg from 'pg';
import { openStorage, type Storage } from '../src/db/connect.ts';

export type Backend = 'PostgreSQL' | 'PGlite';

async function adminQuery(url: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** Runs `run` on PostgreSQL (when configured) and then on PGlite under `folder` (unless BENCH_SKIP_PGLITE=1); results in that order. */
export async function onEachBackend<T>(
  label: string,
  folder: string,
  run: (backend: Backend, storage: Storage) => Promise<T>,
  log: (message: string) => void,
): Promise<T[]> {
  const results: T[] = [];
  const adminUrl = process.env.QINGSHAN_BENCH_PG_URL || process.env.QINGSHAN_TEST_PG_URL;
  if (adminUrl) {
    const name = `qingshan_bench_${randomBytes(5).toString('hex')}`;
    await adminQuery(adminUrl, `CREATE DATABASE ${name}`);
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    try {
      const storage = await openStorage({ kind: 'postgres', url: url.toString() });
      try {
        results.push(await run('PostgreSQL', storage));
      } finally {
        await storage.close();
      }
    } finally {
      await adminQuery(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  } else {
    log(`${label}: no QINGSHAN_BENCH_PG_URL or QINGSHAN_TEST_PG_URL, PostgreSQL skipped`);
  }
  // For a question about PostgreSQL alone, asked many times in a row.
  if (process.env.BENCH_SKIP_PGLITE === '1') {
    log(`${label}: BENCH_SKIP_PGLITE=1, PGlite skipped`);
    return results;
  }
  const storage = await openStorage({ kind: 'pglite', dataDir: join(folder, 'pglite') });
  try {
    results.push(await run('PGlite', storage));
  } finally {
    await storage.close();
  }
  return results;
}

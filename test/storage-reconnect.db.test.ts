import { afterAll, expect, it } from 'vitest';
import { sql } from 'kysely';
import pg from 'pg';
import { openTestStore, type TestStore } from './support/db.ts';
import { PG_ADMIN_URL, testDatabaseKind } from './support/db-config.ts';

let store: TestStore | undefined;
afterAll(async () => store?.dispose());

// A PostgreSQL restart or failover ends the platform's idle connections; the platform must go on.
it.skipIf(testDatabaseKind() !== 'postgres')('keeps serving after the server ends its idle connections', async () => {
  store = await openTestStore();
  const db = store.storage.db;
  const database = (await sql<{ name: string }>`SELECT current_database() AS name`.execute(db)).rows[0]!.name;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [database]);
    expect(rowCount).toBeGreaterThan(0);
  } finally {
    await admin.end();
  }
  // Give the terminated sockets' error events time to arrive before the next query.
  await new Promise((resolve) => setTimeout(resolve, 200));
  const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM organisation`.execute(db);
  expect(rows[0]!.n).toBeGreaterThan(0);
});

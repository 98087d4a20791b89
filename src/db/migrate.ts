import { readdirSync, readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { MIGRATIONS_DIR } from '../paths.ts';
import { StorageError, requirePostgisAvailable, type Storage } from './connect.ts';


export interface Migration {
  name: string;
  script: string;
}

/** The plain SQL files in migrations/, in name order; the same files run on PGlite and PostgreSQL. */
export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((file) => /^\d{4}_[a-z0-9_]+\.sql$/.test(file))
    .sort()
    .map((file) => ({ name: file.replace(/\.sql$/, ''), script: readFileSync(dir + file, 'utf8') }));
}

export const SCHEMA_VERSION = listMigrations().at(-1)?.name ?? 'none';

async function appliedMigrations(storage: Storage): Promise<string[]> {
  await storage.exec(`CREATE TABLE IF NOT EXISTS schema_migration (
    name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
  const { rows } = await sql<{ name: string }>`SELECT name FROM schema_migration ORDER BY name`.execute(storage.db);
  return rows.map((row) => row.name);
}

/**
 * Applies pending migrations, each in its own transaction with its bookkeeping row.
 * A store that has migrations this code does not know was written by a newer version: refuse it untouched.
 */
export async function migrate(storage: Storage, migrations = listMigrations()): Promise<string[]> {
  await requirePostgisAvailable(storage);
  const applied = await appliedMigrations(storage);
  const known = new Set(migrations.map((m) => m.name));
  const unknown = applied.filter((name) => !known.has(name));
  if (unknown.length > 0) {
    throw new StorageError(
      `数据库 ${storage.location} 由更新版本的青山写入（迁移 ${unknown.join(', ')} 本版本不认识），请升级后再打开。/ the store was written by a newer Qingshan version; upgrade to open it.`,
    );
  }
  const done = new Set(applied);
  const ran: string[] = [];
  for (const migration of migrations) {
    if (done.has(migration.name)) continue;
    await storage.exec(
      `BEGIN;\n${migration.script}\n;INSERT INTO schema_migration (name) VALUES ('${migration.name}');\nCOMMIT;`,
    );
    ran.push(migration.name);
  }
  return ran;
}

export async function schemaVersion(storage: Storage): Promise<string | null> {
  const { rows } = await sql<{ name: string | null }>`SELECT max(name) AS name FROM schema_migration`.execute(storage.db);
  return rows[0]?.name ?? null;
}

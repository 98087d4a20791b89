import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { StorageConfig } from '../config/index.ts';
import type { Database } from './schema.ts';
import { StorageError } from './errors.ts';
import { postgisExtension } from './postgis-bundle.ts';

export { StorageError };

// int8 ids and counts fit in a JS number here; both back ends must hand back the same type.
pg.types.setTypeParser(20, (value) => Number(value));

export type Db = Kysely<Database>;

export interface Storage {
  kind: StorageConfig['kind'];
  db: Db;
  /** A human description for messages: the folder or the server (password hidden). */
  location: string;
  /** Runs a script of several statements (migrations, restore), which the query path cannot. */
  exec(script: string): Promise<void>;
  close(): Promise<void>;
}


const PG_VERSION_FILE = 'PG_VERSION';

async function openPglite(dataDir: string, options: { create: boolean }): Promise<PGlite> {
  const fresh = !existsSync(join(dataDir, PG_VERSION_FILE));
  if (fresh) {
    if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
      throw new StorageError(
        `数据目录 ${dataDir} 不是空目录，也不是青山的数据目录，未做任何改动。/ ${dataDir} is neither empty nor a Qingshan data folder; nothing was changed.`,
      );
    }
    if (!options.create) throw new StorageError(`数据目录 ${dataDir} 不存在 / data folder does not exist`);
    mkdirSync(dataDir, { recursive: true });
  } else {
    const major = readFileSync(join(dataDir, PG_VERSION_FILE), 'utf8').trim();
    if (major !== '18') {
      throw new StorageError(
        `数据目录 ${dataDir} 由 PostgreSQL ${major} 创建，本版本使用 PGlite（PostgreSQL 18），无法打开。/ data folder was made by PostgreSQL ${major}; this version embeds PostgreSQL 18.`,
      );
    }
  }
  const [{ PGlite }, postgis, { btree_gist }] = await Promise.all([
    import('@electric-sql/pglite'),
    postgisExtension(),
    // For the spatial index on layer version and geometry (migration 0013).
    import('@electric-sql/pglite/contrib/btree_gist'),
  ]);
  try {
    return await PGlite.create({ dataDir, extensions: { postgis, btree_gist } });
  } catch (error) {
    throw new StorageError(
      `无法打开数据目录 ${dataDir}（可能已损坏）：${(error as Error).message} / cannot open the data folder (damaged?); restore a backup into an empty folder.`,
    );
  }
}

function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || 5432}${parsed.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}

async function openPostgres(url: string): Promise<Storage> {
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5000 });
  const location = describeUrl(url);
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new StorageError(
      `无法连接 DATABASE_URL 指向的数据库 ${location}：${(error as Error).message} / cannot connect to the database`,
    );
  }
  // An idle connection the server ends (restart, failover, a DROP … WITH (FORCE) after close) makes
  // the pool emit 'error'; unheard, that event would bring the whole process down. The pool opens a
  // new connection at the next query, so a dropped one is only worth a line in the log.
  let closing = false;
  pool.on('error', (error) => {
    if (!closing) console.error(`PostgreSQL 连接中断，将自动重连 / a pooled connection was closed by the server: ${error.message}`);
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    kind: 'postgres',
    db,
    location,
    exec: async (script) => {
      const client = await pool.connect();
      try {
        await client.query(script);
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => {
      closing = true;
      return db.destroy();
    },
  };
}

export async function openStorage(config: StorageConfig, options: { create?: boolean } = {}): Promise<Storage> {
  if (config.kind === 'postgres') return openPostgres(config.url);
  const client = await openPglite(config.dataDir, { create: options.create ?? true });
  const db = new Kysely<Database>({ dialect: new PGliteDialect(client) });
  return {
    kind: 'pglite',
    db,
    location: config.dataDir,
    // Through Kysely's connection so a script never interleaves with a running transaction.
    exec: (script) =>
      db.connection().execute(async () => {
        try {
          await client.exec(script);
        } catch (error) {
          if (client.isInTransaction?.()) await client.exec('ROLLBACK').catch(() => undefined);
          throw error;
        }
      }),
    close: () => db.destroy(),
  };
}

/** The server and extension versions, for /api/health and for refusing a server without PostGIS. */
export async function storageVersions(db: Db): Promise<{ postgres: string; postgis: string | null }> {
  const { rows } = await sql<{ postgres: string; postgis: string | null }>`
    SELECT current_setting('server_version') AS postgres,
           (SELECT extversion FROM pg_extension WHERE extname = 'postgis') AS postgis`.execute(db);
  const row = rows[0];
  if (!row) throw new StorageError('无法读取数据库版本 / cannot read server version');
  return row;
}

/** PostGIS and btree_gist must be installable before any migration runs; say which package gives them. */
export async function requirePostgisAvailable(storage: Storage): Promise<void> {
  if (storage.kind === 'pglite') return;
  const { rows } = await sql<{ available: boolean; contrib: boolean; major: number }>`
    SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'postgis') AS available,
           EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'btree_gist') AS contrib,
           current_setting('server_version_num')::int / 10000 AS major`.execute(storage.db);
  const row = rows[0];
  if (!row) throw new StorageError('无法检查 PostGIS / cannot check PostGIS');
  checkServer(row, storage.location);
}

/** Refuses a server older than 15, or without PostGIS or the contrib extensions, naming the Debian package that provides them. */
export function checkServer(server: { available: boolean; contrib: boolean; major: number }, location: string): void {
  if (server.major < 15) {
    throw new StorageError(`需要 PostgreSQL ≥ 15，当前为 ${server.major} / PostgreSQL 15 or newer is required`);
  }
  if (!server.available) {
    throw new StorageError(
      `数据库服务器 ${location} 未安装 PostGIS。请在服务器上安装：apt-get install postgresql-${server.major}-postgis-3（Debian/Ubuntu），然后重试。/ PostGIS is not installed on the server: install the package postgresql-${server.major}-postgis-3 and try again.`,
    );
  }
  if (!server.contrib) {
    throw new StorageError(
      `数据库服务器 ${location} 缺少 btree_gist 扩展（PostgreSQL 自带的 contrib 扩展）。请安装 postgresql-${server.major}（Debian/Ubuntu）或 postgresql${server.major}-contrib（RHEL），然后重试。/ The btree_gist extension (PostgreSQL contrib) is missing: install postgresql-${server.major} (Debian) or postgresql${server.major}-contrib (RHEL) and try again.`,
    );
  }
}

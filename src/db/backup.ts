import { createReadStream, createWriteStream, existsSync, renameSync, unlinkSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip, createGzip } from 'node:zlib';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { sql } from 'kysely';
import { PLATFORM_VERSION } from '../paths.ts';
import { appendAudit, SYSTEM_ACTOR } from '../audit/store.ts';
import { StorageError, type Db, type Storage } from './connect.ts';
import { SCHEMA_VERSION, schemaVersion } from './migrate.ts';

/**
 * A backup is gzipped JSON lines: a header, then the rows of each table as jsonb. Logical rather than
 * a file copy, so a PGlite backup restores into PostgreSQL and back.
 */
export const BACKUP_FORMAT = 'qingshan-backup';
const FORMAT_VERSION = 1;
const CHUNK = 1000;

// PostGIS's own table is the extension's, not ours.
const NOT_BACKED_UP = new Set(['spatial_ref_sys']);

export interface BackupHeader {
  format: typeof BACKUP_FORMAT;
  formatVersion: number;
  platformVersion: string;
  schemaVersion: string | null;
  storage: Storage['kind'];
  createdAt: string;
  tables: string[];
}

async function applicationTables(db: Db): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype = 'e')
    ORDER BY c.relname`.execute(db);
  return rows.map((row) => row.name).filter((name) => !NOT_BACKED_UP.has(name));
}

async function* backupLines(db: Db, header: BackupHeader): AsyncGenerator<string> {
  yield `${JSON.stringify(header)}\n`;
  for (const table of header.tables) {
    let offset = 0;
    for (;;) {
      const { rows } = await sql<{ row: unknown }>`
        SELECT to_jsonb(t) AS row FROM ${sql.table(table)} t ORDER BY 1 LIMIT ${CHUNK} OFFSET ${offset}`.execute(db);
      if (rows.length === 0) break;
      yield `${JSON.stringify({ table, rows: rows.map((r) => r.row) })}\n`;
      offset += rows.length;
      if (rows.length < CHUNK) break;
    }
  }
  yield `${JSON.stringify({ end: true })}\n`;
}

/** Writes to a temporary file first, so a failed backup never leaves a truncated file under the real name. */
export async function backup(storage: Storage, file: string): Promise<{ tables: number; rows: number }> {
  const temporary = `${file}.partial`;
  let rowCount = 0;
  const tables = await storage.db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      const header: BackupHeader = {
        format: BACKUP_FORMAT,
        formatVersion: FORMAT_VERSION,
        platformVersion: PLATFORM_VERSION,
        schemaVersion: await schemaVersion({ ...storage, db: trx }),
        storage: storage.kind,
        createdAt: new Date().toISOString(),
        tables: await applicationTables(trx),
      };
      const counting = async function* () {
        for await (const line of backupLines(trx, header)) {
          rowCount += (line.match(/^\{"table"/) ? (JSON.parse(line) as { rows: unknown[] }).rows.length : 0);
          yield line;
        }
      };
      try {
        await pipeline(Readable.from(counting()), createGzip(), createWriteStream(temporary));
      } catch (error) {
        if (existsSync(temporary)) unlinkSync(temporary);
        throw error;
      }
      renameSync(temporary, file);
      return header.tables.length;
    });
  return { tables, rows: rowCount };
}

function notABackup(file: string, why: string): StorageError {
  return new StorageError(`${file} 不是青山备份文件（${why}），未做任何改动。/ not a Qingshan backup (${why}); nothing was changed.`);
}

async function readHeader(lines: AsyncIterator<string>, file: string): Promise<BackupHeader> {
  let first: IteratorResult<string>;
  try {
    first = await lines.next();
  } catch {
    throw notABackup(file, '无法解压 / not gzip');
  }
  if (first.done) throw notABackup(file, '文件为空 / empty');
  let header: BackupHeader;
  try {
    header = JSON.parse(first.value) as BackupHeader;
  } catch {
    throw notABackup(file, '文件头无法解析 / unreadable header');
  }
  if (header.format !== BACKUP_FORMAT) throw notABackup(file, '文件头格式不符 / wrong header');
  if (header.formatVersion > FORMAT_VERSION || (header.schemaVersion ?? '') > SCHEMA_VERSION) {
    throw new StorageError(`备份 ${file} 来自更新版本的青山（${header.platformVersion}），请升级后再恢复。/ backup is from a newer version.`);
  }
  return header;
}

export async function isStoreEmpty(db: Db): Promise<boolean> {
  const row = await db
    .selectFrom('app_user')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirst()
    .catch(() => undefined);
  return !row || Number(row.n) === 0;
}

/**
 * Replaces the store's content with a backup in one transaction: a bad line anywhere rolls back
 * everything. A store that has users is replaced only with `force`.
 */
export async function restore(storage: Storage, file: string, options: { force: boolean }): Promise<{ rows: number; header: BackupHeader }> {
  if (!existsSync(file)) throw new StorageError(`备份文件 ${file} 不存在 / backup file not found`);
  const input = createReadStream(file).pipe(createGunzip());
  const lines = createInterface({ input, crlfDelay: Infinity })[Symbol.asyncIterator]();
  const header = await readHeader(lines, file);
  if (!options.force && !(await isStoreEmpty(storage.db))) {
    input.destroy();
    throw new StorageError('目标存储已有数据；如确定用备份覆盖，请加 --force。/ the store is not empty: add --force to replace its content.');
  }
  const current = await applicationTables(storage.db);
  const unknown = header.tables.filter((table) => !current.includes(table));
  if (unknown.length > 0) throw notABackup(file, `含未知的表 ${unknown.join(', ')}`);
  let rows = 0;
  try {
    await storage.db.transaction().execute(async (trx) => {
      await sql`SET CONSTRAINTS ALL DEFERRED`.execute(trx);
      await sql`TRUNCATE ${sql.join(current.map((t) => sql.table(t)))} RESTART IDENTITY CASCADE`.execute(trx);
      let ended = false;
      for (;;) {
        let next: IteratorResult<string>;
        try {
          next = await lines.next();
        } catch {
          throw notABackup(file, '压缩数据损坏 / corrupt data');
        }
        if (next.done) break;
        if (next.value.trim() === '') continue;
        let chunk: { table?: string; rows?: unknown[]; end?: boolean };
        try {
          chunk = JSON.parse(next.value);
        } catch {
          throw notABackup(file, `第 ${rows} 行之后的数据无法解析 / unreadable data`);
        }
        if (chunk.end) {
          ended = true;
          break;
        }
        if (!chunk.table || !header.tables.includes(chunk.table) || !Array.isArray(chunk.rows)) throw notABackup(file, '数据块格式不符');
        const table = sql.table(chunk.table);
        await sql`INSERT INTO ${table} SELECT * FROM jsonb_populate_recordset(NULL::${table}, ${JSON.stringify(chunk.rows)}::jsonb)`.execute(trx);
        rows += chunk.rows.length;
      }
      if (!ended) throw notABackup(file, '文件不完整 / truncated');
      const { rows: identities } = await sql<{ table_name: string; column_name: string }>`
        SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = 'public' AND is_identity = 'YES'`.execute(trx);
      for (const { table_name, column_name } of identities) {
        await sql`SELECT setval(pg_get_serial_sequence(${table_name}, ${column_name}),
          COALESCE((SELECT max(${sql.ref(column_name)}) FROM ${sql.table(table_name)}), 0) + 1, false)`.execute(trx);
      }
      await appendAudit(trx, SYSTEM_ACTOR, {
        action: 'restore',
        entity: 'system',
        entityId: null,
        after: { file: file.split('/').pop(), createdAt: header.createdAt, from: header.storage, rows },
      });
    });
  } finally {
    input.destroy();
  }
  return { rows, header };
}

import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { CompiledQuery, type DatabaseConnection, type Kysely } from 'kysely';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database } from '../../db/schema.ts';

/** Rows of CSV text on their way into a table by COPY: written in pieces, then ended or abandoned. */
export interface CopySink {
  write(text: string): Promise<void>;
  /** Waits until the server has every row. */
  end(): Promise<void>;
  /** Gives up: the server drops what it got, and the connection is free for the next statement. */
  abort(): Promise<void>;
}

/** PGlite reads COPY input from one in-memory blob per statement: pieces of this size bound the memory. */
const PGLITE_BLOB_BYTES = 8 * 1024 * 1024;

interface PgliteClient {
  query(text: string, params: unknown[], options: { blob: Blob }): Promise<unknown>;
}

/**
 * The connection a connection-bound Kysely (db.connection()) runs on. Taken out of provideConnection
 * at once: the provider serialises its callbacks, and the COPY must let other statements of the same
 * session queue behind it.
 */
async function connectionOf(conn: Kysely<Database>): Promise<DatabaseConnection> {
  return conn.getExecutor().provideConnection(async (connection) => connection);
}

/**
 * Opens `COPY <target> FROM … (FORMAT csv)` on the session of `conn`, which must be bound to one
 * connection (db.connection()) so that the rows land in that session's temporary tables.
 *
 * PostgreSQL: a COPY FROM STDIN stream (pg-copy-streams), handed to the pg client through Kysely's
 * connection as a query object — pg takes any object with submit() — so it runs on the session's own
 * client and later statements queue behind it. PGlite: COPY … FROM '/dev/blob', a statement per piece.
 */
export async function openCopy(conn: Kysely<Database>, target: string): Promise<CopySink> {
  const connection = await connectionOf(conn);
  const client = (connection as { client?: PgliteClient }).client;
  if (client && typeof client.query === 'function') return pgliteCopy(client, target);
  return postgresCopy(connection, target);
}

function pgliteCopy(client: PgliteClient, target: string): CopySink {
  let pieces: string[] = [];
  let size = 0;
  const flush = async () => {
    if (pieces.length === 0) return;
    const blob = new Blob(pieces);
    pieces = [];
    size = 0;
    await client.query(`COPY ${target} FROM '/dev/blob' (FORMAT csv)`, [], { blob });
  };
  return {
    async write(text) {
      pieces.push(text);
      size += text.length;
      if (size >= PGLITE_BLOB_BYTES) await flush();
    },
    end: flush,
    async abort() {
      pieces = [];
      size = 0;
    },
  };
}

async function postgresCopy(connection: DatabaseConnection, target: string): Promise<CopySink> {
  const stream = copyFrom(`COPY ${target} FROM STDIN (FORMAT csv)`);
  let failure: Error | null = null;
  stream.on('error', (error) => {
    failure = error;
  });
  // Kysely hands `sql` to pg's client.query as it is; pg sees a query object and submits it.
  await connection.executeQuery({ ...CompiledQuery.raw(''), sql: stream as unknown as string });
  return {
    async write(text) {
      if (failure) throw failure;
      if (!stream.write(text)) await once(stream, 'drain');
    },
    async end() {
      if (failure) throw failure;
      stream.end();
      await finished(stream);
    },
    async abort() {
      if (stream.writableFinished || stream.destroyed) return;
      stream.destroy(new Error('导入中止 / import abandoned'));
      await finished(stream).catch(() => undefined);
    },
  };
}

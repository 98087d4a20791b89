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
  const client = pgliteClientOf(connection);
  if (client) return pgliteCopy(client, target);
  return postgresCopy(connection, target);
}

/** PGlite's own client behind a Kysely connection, or null on a PostgreSQL server. */
function pgliteClientOf(connection: DatabaseConnection): PgliteClient | null {
  const client = (connection as { client?: PgliteClient }).client;
  return client && typeof client.query === 'function' ? client : null;
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

/** What pg's client gives a query object it runs (pg's Connection, the part used here). */
interface PgWire {
  stream: { cork(): void; uncork(): void };
  query(text: string): void;
  sendCopyFromChunk(chunk: Buffer): void;
  endCopyFrom(): void;
}

/** What the message's end resolves to: enough of a pg result for Kysely. */
interface CopyAheadResult {
  command: string;
  rowCount: number;
  rows: [];
}

/**
 * A simple-query message with `COPY … FROM STDIN` statements, sent together with the rows of each COPY:
 * one round trip and, for the server, one implicit transaction for every statement of the message. pg-copy-streams waits for
 * the server's CopyInResponse before it sends a row, a second round trip during which the server idles.
 * Sending ahead is safe: if a statement before a COPY fails, the server ignores the copy data that
 * follow (PostgreSQL's protocol: CopyData and CopyDone outside a COPY are accepted and dropped).
 */
class CopyAhead implements PromiseLike<CopyAheadResult> {
  private readonly result: Promise<CopyAheadResult>;
  private settle!: { resolve: (value: CopyAheadResult) => void; reject: (error: Error) => void };
  private rowCount = 0;

  constructor(
    private readonly text: string,
    /** The rows of each COPY of the message, in order. */
    private readonly copies: readonly Buffer[],
  ) {
    this.result = new Promise((resolve, reject) => (this.settle = { resolve, reject }));
  }

  then<A = CopyAheadResult, B = never>(
    onfulfilled?: ((value: CopyAheadResult) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): PromiseLike<A | B> {
    return this.result.then(onfulfilled, onrejected);
  }

  submit(connection: PgWire): void {
    // One write for the whole message.
    connection.stream.cork();
    connection.query(this.text);
    for (const rows of this.copies) {
      if (rows.length > 0) connection.sendCopyFromChunk(rows);
      connection.endCopyFrom();
    }
    connection.stream.uncork();
  }

  handleCopyInResponse(): void {}
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handleCommandComplete(message: { text?: string }): void {
    const copied = /^COPY (\d+)/.exec(message.text ?? '');
    if (copied) this.rowCount += Number(copied[1]);
  }
  // At once, as pg's own queries do: a lost connection brings no ReadyForQuery. pg sends nothing more on
  // this connection before the server's ReadyForQuery, which then settles nothing (settled already).
  handleError(error: Error): void {
    this.settle.reject(error);
  }
  handleReadyForQuery(): void {
    this.settle.resolve({ command: 'COPY', rowCount: this.rowCount, rows: [] });
  }
}

/**
 * Runs `statements`, a message of one or more statements ending in `COPY … FROM STDIN (FORMAT csv)`s, with
 * `csv[i]` as the rows of its i-th COPY: in one round trip and one implicit transaction. PostgreSQL only
 * (acceptsCopyInOneTrip). Resolves with the rows copied; rejects with the server's error, and then
 * nothing of the message is stored.
 */
export async function copyInOneTrip(conn: Kysely<Database>, statements: string, csv: readonly string[]): Promise<number> {
  const connection = await connectionOf(conn);
  const query = new CopyAhead(statements, csv.map((rows) => Buffer.from(rows)));
  // Kysely hands `sql` to pg's client.query as it is; pg runs the object and hands it back, and Kysely
  // awaits it: a promise of the message's end.
  await connection.executeQuery({ ...CompiledQuery.raw(''), sql: query as unknown as string });
  return (await query).rowCount;
}

const copyFromStdin = new WeakMap<Kysely<Database>, Promise<boolean>>();

/** Whether `db` runs on a PostgreSQL server (COPY FROM STDIN), not PGlite: asked once per database. */
export function acceptsCopyInOneTrip(db: Kysely<Database>): Promise<boolean> {
  let answer = copyFromStdin.get(db);
  if (!answer) {
    answer = db.connection().execute(async (conn) => pgliteClientOf(await connectionOf(conn)) === null);
    copyFromStdin.set(db, answer);
  }
  return answer;
}

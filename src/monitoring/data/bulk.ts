import { createReadStream } from 'node:fs';
import { sql, type Kysely } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { Database } from '../../db/schema.ts';
import { audited, type Actor } from '../../audit/store.ts';
import { problems } from '../../server/problem.ts';
import type { FieldProblem } from '../registry/site.ts';
import { openCopy, type CopySink } from './copy.ts';
import { CsvSyntaxError, csvRecords } from './csv-stream.ts';
import { ensureAirPartitions } from './partitions.ts';
import { recordChecker, loadParameters, type Observation, type Parameter, type RecordInput, type SeenValues } from './records.ts';
import { ImportRefused, LISTED_PROBLEMS } from './refused.ts';
import type { ImportResult } from './service.ts';
import { unlessKept } from './store.ts';
import { dataColumns, fileLocator, rowRecord, type DataColumns } from './table.ts';
import { cstIso, monthOfHourEnding } from './time.ts';
import { monitoringDataWritten } from './version.ts';

/**
 * 大文件导入: the hourly air data of a CSV file, read as a stream, twice. The same rules as
 * importRecords (same checks, same messages, whole or nothing, same ON CONFLICT), but no value is held
 * in memory. The first reading checks every row and learns the months and stations; nothing is
 * written unless the whole file is good. The second, in one transaction, sends the values by COPY:
 * into a temporary staging table, then one INSERT … SELECT … ON CONFLICT into monitoring_air_hourly;
 * or, when no value is stored yet for these stations over the file's period (a new year of data, the
 * usual bulk import), straight into monitoring_air_hourly, since then the upsert could only insert.
 * Reading a file costs a second or two per million rows; the database's work dominates.
 */

/** A file on disk (read as a stream) or the bytes of an upload. */
export type CsvSource = string | Buffer;

/** The transaction's staging table: the columns of monitoring_air_hourly, the hour as epoch seconds. */
const STAGING = 'monitoring_air_staging';
/** The columns of monitoring_air_hourly a COPY line (copyLine) fills, in its order. */
export const COPY_COLUMNS = 'station_id, observed_at, parameter, value, valid, invalid_reason, review';

/** CSV text gathered before it goes to COPY: large enough that a write is not per row. */
const PIECE_CHARS = 1 << 20;

/** The file is not UTF-8: read again as GB18030, which Excel in China writes "CSV" in. */
class NotUtf8 extends Error {}

async function* decoded(source: CsvSource, encoding: 'utf-8' | 'gb18030'): AsyncGenerator<string> {
  const decoder = new TextDecoder(encoding, { fatal: encoding === 'utf-8' });
  const chunks: AsyncIterable<Buffer> | Buffer[] =
    typeof source === 'string' ? createReadStream(source, { highWaterMark: 1 << 20 }) : [source];
  try {
    for await (const chunk of chunks) yield decoder.decode(chunk, { stream: true });
    yield decoder.decode();
  } catch (error) {
    if (encoding === 'utf-8' && error instanceof TypeError) throw new NotUtf8();
    throw error;
  }
}

/**
 * Values already seen, kept small for millions of them: per site and series, a map from the time to
 * a bit set of the parameters given at that time and the record that gave the first of them; a record
 * that adds parameters to a time another record gave (rare) is remembered per parameter.
 */
function seenBySiteTime(parameters: readonly Parameter[]): SeenValues {
  const bit = new Map(parameters.map((p, i) => [p.code, 2 ** i]));
  const bySeries = new Map<string, { masks: Map<number, number>; first: Map<number, number>; later: Map<string, number> }>();
  return {
    earlier(siteId, series, ms, parameter, index) {
      const key = `${siteId}|${series}`;
      let seen = bySeries.get(key);
      if (!seen) bySeries.set(key, (seen = { masks: new Map(), first: new Map(), later: new Map() }));
      const mask = seen.masks.get(ms) ?? 0;
      const flag = bit.get(parameter)!;
      if (mask & flag) return seen.later.get(`${ms}|${parameter}`) ?? seen.first.get(ms)!;
      seen.masks.set(ms, mask | flag);
      if (mask === 0) seen.first.set(ms, index);
      else if (seen.first.get(ms) !== index) seen.later.set(`${ms}|${parameter}`, index);
      return undefined;
    },
  };
}

/** A text field of a CSV line for COPY, quoted (commas, quotes and line breaks inside are kept). */
export const csvText = (text: string) => `"${text.replaceAll('"', '""')}"`;

/** A value as a CSV line for COPY: into the staging table (time as epoch seconds) or the table itself. */
export function copyLine(o: Observation, staging: boolean): string {
  const reason = o.invalidReason === null ? '' : csvText(o.invalidReason);
  return `${o.siteId},${staging ? o.ms / 1000 : o.at},${o.parameter},${o.value ?? ''},${o.valid ? 't' : 'f'},${reason},${o.review}\n`;
}

type Check = (row: { input: RecordInput; line: number }) => void;

/**
 * Reads the file's rows in order: the header first (refused at once if wrong), then each non-empty
 * row as a record, given to `row`; `afterBatch` runs between pieces of the file, for the caller's I/O.
 */
async function readRows(
  source: CsvSource,
  encoding: 'utf-8' | 'gb18030',
  parameters: readonly Parameter[],
  problem: (p: FieldProblem) => void,
  row: (columns: DataColumns) => Check,
  afterBatch: () => Promise<void>,
): Promise<{ headers: boolean; records: number }> {
  let each: Check | null = null;
  let columns: DataColumns | null = null;
  let cellIndex = new Map<string, number>();
  let records = 0;
  try {
    for await (const batch of csvRecords(decoded(source, encoding))) {
      for (const { record, line } of batch) {
        if (!columns) {
          const headers = record.map((h) => h.trim());
          const read = dataColumns(headers, parameters);
          if (read.problems.length > 0) throw new ImportRefused('数据', read.problems);
          columns = read.columns;
          cellIndex = new Map(headers.map((h, i) => [h, i]));
          each = row(columns);
          continue;
        }
        const cells = record.map((c) => c.trim());
        if (!cells.some((c) => c !== '')) continue;
        records += 1;
        each!({ input: rowRecord('air', columns, (header) => cells[cellIndex.get(header)!] ?? '', `第${line}行`, problem), line });
      }
      await afterBatch();
    }
  } catch (error) {
    if (error instanceof CsvSyntaxError) throw problems.badRequest(`无法读取 CSV 文件：${error.message}`, [{ field: 'file', message: error.message }]);
    throw error;
  }
  return { headers: columns !== null, records };
}

/** What the checking reading learnt of a good file. */
interface Checked {
  records: number;
  values: number;
  /** Site codes in the order they first appear. */
  sites: Set<string>;
  stationIds: Set<number>;
  first: number;
  last: number;
  /** One end-of-hour time of each month present. */
  months: Map<string, number>;
}

type Sites = Map<string, { id: number; kind: string }>;

const checkerFor = (parameters: readonly Parameter[], sites: Sites, seen: SeenValues) => (columns: DataColumns) =>
  recordChecker('air', new Map(parameters.map((p) => [p.code, p])), (code) => sites.get(code), fileLocator(columns, (row) => `第${row}行`), seen);

/** The first reading: every row checked, nothing written; refused with every problem counted. */
async function checkFile(source: CsvSource, encoding: 'utf-8' | 'gb18030', parameters: readonly Parameter[], sites: Sites): Promise<Checked> {
  const found: FieldProblem[] = [];
  let total = 0;
  const problem = (p: FieldProblem) => {
    total += 1;
    if (found.length < LISTED_PROBLEMS) found.push(p);
  };
  const checked: Checked = { records: 0, values: 0, sites: new Set(), stationIds: new Set(), first: Infinity, last: -Infinity, months: new Map() };
  let lastMs = NaN;
  const value = (o: Observation) => {
    checked.values += 1;
    checked.stationIds.add(o.siteId);
    if (o.ms === lastMs) return;
    lastMs = o.ms;
    if (o.ms < checked.first) checked.first = o.ms;
    if (o.ms > checked.last) checked.last = o.ms;
    const month = monthOfHourEnding(o.ms);
    checked.months.set(`${month.year}-${month.month}`, o.ms);
  };
  const checker = checkerFor(parameters, sites, seenBySiteTime(parameters));
  const read = await readRows(
    source,
    encoding,
    parameters,
    problem,
    (columns) => {
      const check = checker(columns);
      return ({ input, line }) => {
        checked.sites.add(input.site);
        check(input, line, problem, value);
      };
    },
    async () => undefined,
  );
  if (!read.headers || read.records === 0) {
    const message = read.headers ? '文件中没有数据行' : '文件为空：第1行应为表头';
    throw problems.badRequest(message, [{ field: 'file', message }]);
  }
  if (total > 0) throw new ImportRefused('数据', found, total);
  checked.records = read.records;
  return checked;
}

/** The second reading: the values of a file known to be good, by COPY into `target`. */
async function copyFile(
  trx: Kysely<Database>,
  target: string,
  staging: boolean,
  source: CsvSource,
  encoding: 'utf-8' | 'gb18030',
  parameters: readonly Parameter[],
  sites: Sites,
): Promise<void> {
  const sink: CopySink = await openCopy(trx, `${target} (${staging ? COPY_COLUMNS.replace('observed_at', 'observed_s') : COPY_COLUMNS})`);
  let piece = '';
  const checker = checkerFor(parameters, sites, { earlier: () => undefined });
  const fail = (p: FieldProblem) => {
    throw new Error(`文件在导入过程中被改动：${p.field} ${p.message}`);
  };
  try {
    await readRows(
      source,
      encoding,
      parameters,
      fail,
      (columns) => {
        const check = checker(columns);
        return ({ input, line }) =>
          check(input, line, fail, (o) => {
            piece += copyLine(o, staging);
          });
      },
      async () => {
        if (piece.length < PIECE_CHARS) return;
        await sink.write(piece);
        piece = '';
      },
    );
    if (piece) await sink.write(piece);
    await sink.end();
  } catch (error) {
    await sink.abort();
    throw error;
  }
}

/** Whether any of these stations has a value stored in [first, last]: then values may conflict. */
async function anyStored(trx: Kysely<Database>, checked: Checked): Promise<boolean> {
  const { rows } = await sql<{ one: number }>`
    SELECT 1 AS one FROM monitoring_air_hourly
    WHERE station_id = ANY(${[...checked.stationIds]}::int[]) AND observed_at BETWEEN ${new Date(checked.first)} AND ${new Date(checked.last)}
    LIMIT 1`.execute(trx);
  return rows.length > 0;
}

/**
 * Imports a CSV file of hourly air data (the layout of dataRecords) whole or not at all, streaming:
 * memory stays small for a year of a hundred stations. The result and the audit entry are those of
 * importRecords for the same file.
 */
export async function importAirCsv(db: Db, actor: Actor, source: CsvSource): Promise<ImportResult> {
  try {
    return await importAirCsvAs(db, actor, source, 'utf-8');
  } catch (error) {
    if (error instanceof NotUtf8) return importAirCsvAs(db, actor, source, 'gb18030');
    throw error;
  }
}

async function importAirCsvAs(db: Db, actor: Actor, source: CsvSource, encoding: 'utf-8' | 'gb18030'): Promise<ImportResult> {
  const parameters = await loadParameters(db, 'air');
  const sites: Sites = new Map(
    (await db.selectFrom('monitoring_site').select(['id', 'code', 'kind']).execute()).map((s) => [s.code, { id: s.id, kind: s.kind }]),
  );
  const checked = await checkFile(source, encoding, parameters, sites);
  // Structure, not data: created before the write, as importRecords does (see ensureAirPartitions).
  const partitions = await ensureAirPartitions(db, checked.months.values());
  const write = (direct: boolean) =>
    audited(db, actor, async (trx, audit) => {
      monitoringDataWritten();
      let written = checked.values;
      if (direct && !(await anyStored(trx, checked))) {
        await copyFile(trx, 'monitoring_air_hourly', false, source, encoding, parameters, sites);
      } else {
        await sql.raw(`CREATE TEMP TABLE ${STAGING} (station_id integer, observed_s bigint, parameter text, value numeric, valid boolean, invalid_reason text, review text) ON COMMIT DROP`).execute(trx);
        await copyFile(trx, STAGING, true, source, encoding, parameters, sites);
        const { numAffectedRows } = await sql`
          INSERT INTO monitoring_air_hourly (${sql.raw(COPY_COLUMNS)})
          SELECT station_id, to_timestamp(observed_s), parameter, value, valid, invalid_reason, review FROM ${sql.raw(STAGING)}
          ${unlessKept('air')}`.execute(trx);
        // Rows inserted or updated; those the ON CONFLICT … WHERE left alone are not counted.
        written = Number(numAffectedRows ?? 0);
      }
      const result = { records: checked.records, values: checked.values, written, kept: checked.values - written, partitions };
      await audit({
        action: 'import',
        entity: 'monitoring_air_hourly',
        entityId: null,
        after: { ...result, sites: [...checked.sites], from: cstIso(checked.first), to: cstIso(checked.last) },
      });
      return result;
    });
  try {
    return await write(true);
  } catch (error) {
    // Another writer stored one of these values since the check: the upsert handles it.
    if ((error as { code?: string }).code === '23505') return write(false);
    throw error;
  }
}

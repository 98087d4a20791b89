// Bulk import of hourly air data against a plain COPY into the same table (issue 5, "Benchmark").
// A year of hourly data for BENCH_MONITORING_STATIONS stations (100) × 6 pollutants, from the demo
// generator, written once as the CSV file a user would upload. On each back end — PostgreSQL when
// QINGSHAN_BENCH_PG_URL (or QINGSHAN_TEST_PG_URL) names a server, in a database of its own that is
// dropped at the end; and PGlite in a temporary folder — the same rows go into monitoring_air_hourly
// (a) by a plain COPY (the baseline) and, after TRUNCATE, (b) through importAirCsv, the platform's
// import of that file (read and check every value, then COPY it in: straight into the table, as no
// value of the period is stored yet), and (c) the same file once more: every value is stored, so the
// import goes through its staging table and INSERT … ON CONFLICT, updating each value. Then (d) the
// annual evaluation of those stations (HJ 663: every station, district and the city, districts ranked;
// areas from their stations' daily values, and again averaged hour by hour) against one SQL query that
// only computes the stations' daily means of the year.
// Alone: node bin/run-ts.js bench/monitoring-import.ts — also a section of `npm run bench`.
// BENCH_MONITORING_EVALUATION_ONLY=1 loads the year by the plain COPY and times only (d).
import { createReadStream, createWriteStream, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { finished } from 'node:stream/promises';
import { sql } from 'kysely';
import { SYSTEM_ACTOR } from '../src/audit/store.ts';
import type { Storage } from '../src/db/connect.ts';
import { migrate } from '../src/db/migrate.ts';
import { seedOrganisations } from '../src/orgs/seed.ts';
import { importAirCsv } from '../src/monitoring/data/bulk.ts';
import { openCopy } from '../src/monitoring/data/copy.ts';
import { ensureAirPartitions } from '../src/monitoring/data/partitions.ts';
import { createSite } from '../src/monitoring/registry/service.ts';
import { evaluateAir } from '../src/monitoring/evaluation/service.ts';
import { AIR_POLLUTANTS, demoAirYear, type AirPollutant } from '../src/monitoring/demo/air-year.ts';
import { onEachBackend, type Backend } from './backends.ts';
import { count, inTempFolder } from './proc.ts';

/** The issue's goal: the platform's import at least half as fast as a plain COPY (PostgreSQL). */
export const IMPORT_GOAL_RATIO = 0.5;
/** The issue's goal: the annual evaluation at most twice the time of a query computing the daily means. */
export const EVALUATION_GOAL_RATIO = 2;
const EVALUATION_REPEATS = 5;
const DISTRICTS = ['bazhou', 'enyang', 'tongjiang', 'nanjiang', 'pingchang'];

const YEAR = 2025;
const CODE: Record<AirPollutant, string> = { SO2: 'so2', NO2: 'no2', PM10: 'pm10', 'PM2.5': 'pm2_5', CO: 'co', O3: 'o3' };
const TABLE_COLUMNS = 'monitoring_air_hourly (station_id, observed_at, parameter, value, valid, invalid_reason, review)';


const stationCode = (n: number) => `BENCH-AIR-${String(n + 1).padStart(3, '0')}`;

export interface ImportRun {
  backend: Backend;
  values: number;
  copyMs: number;
  /** null: BENCH_MONITORING_EVALUATION_ONLY. */
  importMs: number | null;
  /** The same file again, every value already stored: staging table and upsert, each value updated. */
  reimportMs: number | null;
  /** Highest resident memory of this process while the import ran (PGlite's included: it runs inside). */
  importPeakRssMiB: number | null;
  evaluation: EvaluationRun;
}

/** Median of EVALUATION_REPEATS runs each, alternating. */
export interface EvaluationRun {
  dailyMeansMs: number;
  /** Stations, districts and the city, areas as the mean of their stations' daily values (spatialMean 'daily'). */
  evaluationMs: number;
  /** The same with areas averaged hour by hour first (spatialMean 'hourly', the default): every hour is read. */
  hourlyAreasMs: number;
  dailyMeanRows: number;
  stationsEvaluated: number;
  cityGoodDayRatio: number | null;
}

export interface ImportBench {
  stations: number;
  records: number;
  values: number;
  fileMiB: number;
  runs: ImportRun[];
}

async function write(out: NodeJS.WritableStream, text: string): Promise<void> {
  if (!out.write(text)) await once(out, 'drain');
}

/** The upload: one row per station-hour, a column per pollutant, CST wall-clock times stamped by the hour's end. */
async function writeCsv(path: string, stations: number): Promise<{ records: number; values: number }> {
  const out = createWriteStream(path);
  await write(out, `站点编码,时间,${AIR_POLLUTANTS.join(',')}\n`);
  let records = 0;
  let values = 0;
  for (let s = 0; s < stations; s += 1) {
    const lines: string[] = [];
    for (const hour of demoAirYear(stationCode(s), YEAR)) {
      const cells = AIR_POLLUTANTS.map((p) => (hour.values[p] === null ? '' : String(hour.values[p])));
      // An hour the analysers missed whole is no row at all.
      if (cells.every((c) => c === '')) continue;
      records += 1;
      values += cells.filter((c) => c !== '').length;
      lines.push(`${stationCode(s)},${hour.hourEnding.slice(0, 16).replace('T', ' ')},${cells.join(',')}\n`);
    }
    await write(out, lines.join(''));
  }
  out.end();
  await finished(out);
  return { records, values };
}

/** The baseline's input: the same values as rows of the table itself, ready for COPY. */
async function writeTableRows(path: string, ids: number[]): Promise<void> {
  const out = createWriteStream(path);
  for (let s = 0; s < ids.length; s += 1) {
    const lines: string[] = [];
    for (const hour of demoAirYear(stationCode(s), YEAR)) {
      for (const p of AIR_POLLUTANTS) {
        const value = hour.values[p];
        if (value !== null) lines.push(`${ids[s]},${hour.hourEnding},${CODE[p]},${value},t,,raw\n`);
      }
    }
    await write(out, lines.join(''));
  }
  out.end();
  await finished(out);
}

/** A plain COPY of a file of table rows, in whole lines (PGlite takes a statement per piece). */
async function copyFile(storage: Storage, path: string): Promise<void> {
  await storage.db.connection().execute(async (conn) => {
    const sink = await openCopy(conn, TABLE_COLUMNS);
    let carry = '';
    for await (const chunk of createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
      const text = carry + (chunk as string);
      const cut = text.lastIndexOf('\n') + 1;
      carry = text.slice(cut);
      if (cut > 0) await sink.write(text.slice(0, cut));
    }
    if (carry) await sink.write(carry);
    await sink.end();
  });
}

async function tableCount(storage: Storage): Promise<number> {
  const { rows } = await sql<{ n: number }>`SELECT count(*)::integer AS n FROM monitoring_air_hourly`.execute(storage.db);
  return rows[0]!.n;
}

/** Lets the server write out what the previous step left (PostgreSQL), so each timed step starts even. */
async function settle(storage: Storage): Promise<void> {
  if (storage.kind === 'postgres') await sql`CHECKPOINT`.execute(storage.db);
  await sql`VACUUM ANALYZE monitoring_air_hourly`.execute(storage.db);
}

async function runOn(
  backend: ImportRun['backend'],
  storage: Storage,
  files: { csv: string; folder: string },
  stations: number,
  expected: number,
  log: (message: string) => void,
): Promise<ImportRun> {
  await migrate(storage);
  await seedOrganisations(storage.db, 'bazhong');
  const ids: number[] = [];
  for (let s = 0; s < stations; s += 1) {
    const site = await createSite(storage.db, SYSTEM_ACTOR, 'air', {
      code: stationCode(s),
      name: `基准测试站 ${s + 1}`,
      // Evaluation stations (微站 are not evaluated), spread over the five districts.
      level: 'municipal',
      district: DISTRICTS[s % DISTRICTS.length]!,
      lon: 106.7 + (s % 10) * 0.01,
      lat: 31.85 + Math.floor(s / 10) * 0.01,
    });
    ids.push(site.id);
  }
  const rowsFile = join(files.folder, `rows-${backend}.csv`);
  await writeTableRows(rowsFile, ids);
  // Both runs find the year's month partitions there: creating twelve tables is not what is measured.
  await ensureAirPartitions(storage.db, Array.from({ length: 12 }, (_, m) => Date.UTC(YEAR, m, 15)));

  await settle(storage);
  log(`${backend}: COPY of ${expected} rows`);
  let started = performance.now();
  await copyFile(storage, rowsFile);
  const copyMs = performance.now() - started;
  if ((await tableCount(storage)) !== expected) throw new Error(`${backend}: COPY stored ${await tableCount(storage)} rows, expected ${expected}`);
  if (evaluationOnly()) {
    rmSync(rowsFile);
    await settle(storage);
    return { backend, values: expected, copyMs, importMs: null, reimportMs: null, importPeakRssMiB: null, evaluation: await evaluationRun(backend, storage, stations, log) };
  }
  await sql`TRUNCATE monitoring_air_hourly`.execute(storage.db);

  await settle(storage);
  log(`${backend}: import of the CSV file`);
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 100);
  started = performance.now();
  const result = await importAirCsv(storage.db, SYSTEM_ACTOR, files.csv).finally(() => clearInterval(sampler));
  const importMs = performance.now() - started;
  if (result.values !== expected || result.written !== expected) throw new Error(`${backend}: import wrote ${result.written} of ${result.values} values, expected ${expected}`);
  if ((await tableCount(storage)) !== expected) throw new Error(`${backend}: import stored ${await tableCount(storage)} rows, expected ${expected}`);

  await settle(storage);
  log(`${backend}: import of the same file again`);
  started = performance.now();
  const again = await importAirCsv(storage.db, SYSTEM_ACTOR, files.csv);
  const reimportMs = performance.now() - started;
  if (again.written !== expected || (await tableCount(storage)) !== expected) throw new Error(`${backend}: re-import wrote ${again.written} values, expected ${expected}`);
  rmSync(rowsFile);
  log(`${backend}: COPY ${(copyMs / 1000).toFixed(1)} s, import ${(importMs / 1000).toFixed(1)} s, again ${(reimportMs / 1000).toFixed(1)} s`);
  await settle(storage);
  const evaluation = await evaluationRun(backend, storage, stations, log);
  return { backend, values: expected, copyMs, importMs, reimportMs, importPeakRssMiB: Math.round(peak / 1048576), evaluation };
}

const evaluationOnly = () => process.env.BENCH_MONITORING_EVALUATION_ONLY === '1';
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * The year's annual evaluation (stations, districts ranked, the city of all stations) against the
 * baseline: one query that only computes each station's daily means of each pollutant and hands them
 * over — the first step of any evaluation, with none of HJ 663's validity rules, O3 8-hour windows,
 * percentiles or AQI.
 */
async function evaluationRun(backend: ImportRun['backend'], storage: Storage, stations: number, log: (message: string) => void): Promise<EvaluationRun> {
  const city = await storage.db.selectFrom('organisation').select(['id', 'name']).where('kind', '=', 'city').executeTakeFirstOrThrow();
  // The means come back to this process, as any use of them (and the evaluation's own data) must.
  const dailyMeans = async () => {
    const { rows } = await sql<{ station_id: number; parameter: string; day: string; mean: string }>`
      SELECT station_id, parameter, ((observed_at - interval '1 hour') AT TIME ZONE 'Asia/Shanghai')::date::text AS day, avg(value)::text AS mean
      FROM monitoring_air_hourly
      WHERE valid AND observed_at > ${`${YEAR}-01-01T00:00:00+08:00`}::timestamptz AND observed_at <= ${`${YEAR + 1}-01-01T00:00:00+08:00`}::timestamptz
      GROUP BY 1, 2, 3`.execute(storage.db);
    return rows.length;
  };
  const evaluate = (spatialMean: 'daily' | 'hourly') => evaluateAir(storage.db, { kind: 'year', year: YEAR }, undefined, { spatialMean, cityStations: 'all' }, city);
  const baseline: number[] = [];
  const platform: number[] = [];
  const hourlyAreas: number[] = [];
  let dailyMeanRows = 0;
  let result: Awaited<ReturnType<typeof evaluate>> | undefined;
  for (let i = 0; i < EVALUATION_REPEATS; i += 1) {
    let started = performance.now();
    dailyMeanRows = await dailyMeans();
    baseline.push(performance.now() - started);
    started = performance.now();
    result = await evaluate('daily');
    platform.push(performance.now() - started);
  }
  // Apart, after the others: reading every hour leaves a heap whose collection would land in whatever ran next.
  for (let i = 0; i < EVALUATION_REPEATS; i += 1) {
    const started = performance.now();
    const hourly = await evaluate('hourly');
    hourlyAreas.push(performance.now() - started);
    // Both ways give each station the same evaluation; only the areas differ.
    if (JSON.stringify(hourly.stations) !== JSON.stringify(result!.stations)) throw new Error(`${backend}: the two evaluations disagree on a station`);
  }
  if (result!.stations.length !== stations) throw new Error(`${backend}: evaluated ${result!.stations.length} stations, expected ${stations}`);
  const run = {
    dailyMeansMs: median(baseline),
    evaluationMs: median(platform),
    hourlyAreasMs: median(hourlyAreas),
    dailyMeanRows,
    stationsEvaluated: result!.stations.length,
    cityGoodDayRatio: result!.city?.evaluation.goodDayRatioPercent ?? null,
  };
  log(`${backend}: daily means ${(run.dailyMeansMs / 1000).toFixed(2)} s, annual evaluation ${(run.evaluationMs / 1000).toFixed(2)} s, with hourly area means ${(run.hourlyAreasMs / 1000).toFixed(2)} s`);
  return run;
}

export async function monitoringImportBench(log: (message: string) => void): Promise<ImportBench> {
  const stations = count('BENCH_MONITORING_STATIONS', 100, 1, 1000);
  return inTempFolder('monitoring', async (folder) => {
    const csv = join(folder, 'air-year.csv');
    log(`monitoring import: writing ${stations} stations × ${YEAR} hourly × ${AIR_POLLUTANTS.length} pollutants`);
    const { records, values } = await writeCsv(csv, stations);
    const { size } = statSync(csv);
    const runs = await onEachBackend('monitoring import', folder, (backend, storage) => runOn(backend, storage, { csv, folder }, stations, values, log), log);
    return { stations, records, values, fileMiB: size / 1048576, runs };
  });
}

const perSecond = (values: number, ms: number) => Math.round(values / (ms / 1000)).toLocaleString('en-US');

export function importTable(bench: ImportBench): string {
  const lines = [
    `${bench.stations} stations × ${YEAR} (8,760 hours) × ${AIR_POLLUTANTS.length} pollutants: ${bench.records.toLocaleString('en-US')} station-hours, ` +
      `${bench.values.toLocaleString('en-US')} values (hours the demo generator leaves missing are not in the file), CSV file ${bench.fileMiB.toFixed(0)} MiB.`,
    '',
    '| Back end | plain COPY | rows/s | import (importAirCsv) | rows/s | import ÷ COPY throughput | peak RSS during import | same file again (upsert) | rows/s |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const run of bench.runs) {
    if (run.importMs === null || run.reimportMs === null) continue;
    const ratio = run.copyMs / run.importMs;
    const goal = run.backend === 'PostgreSQL' ? ` (goal ≥ ${IMPORT_GOAL_RATIO}: ${ratio >= IMPORT_GOAL_RATIO ? 'met' : 'NOT met'})` : '';
    lines.push(
      `| ${run.backend} | ${(run.copyMs / 1000).toFixed(1)} s | ${perSecond(run.values, run.copyMs)} | ${(run.importMs / 1000).toFixed(1)} s | ${perSecond(run.values, run.importMs)} | ${ratio.toFixed(2)}${goal} | ${run.importPeakRssMiB} MiB | ${(run.reimportMs / 1000).toFixed(1)} s | ${perSecond(run.values, run.reimportMs)} |`,
    );
  }
  return lines.join('\n');
}

export function evaluationTable(bench: ImportBench): string {
  const lines = [
    `Annual evaluation of ${bench.stations} stations × ${YEAR} (median of ${EVALUATION_REPEATS} runs each, alternating):`,
    '',
    '| Back end | daily means (one SQL query) | annual evaluation (areas from daily values) | evaluation ÷ daily means | with hourly area means | ÷ daily means | stations | daily-mean rows | city 优良天数比例 |',
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const run of bench.runs) {
    const e = run.evaluation;
    const ratio = e.evaluationMs / e.dailyMeansMs;
    const goal = ` (goal ≤ ${EVALUATION_GOAL_RATIO}: ${ratio <= EVALUATION_GOAL_RATIO ? 'met' : 'NOT met'})`;
    lines.push(
      `| ${run.backend} | ${(e.dailyMeansMs / 1000).toFixed(2)} s | ${(e.evaluationMs / 1000).toFixed(2)} s | ${ratio.toFixed(2)}${goal} | ${(e.hourlyAreasMs / 1000).toFixed(2)} s | ${(e.hourlyAreasMs / e.dailyMeansMs).toFixed(2)} | ${e.stationsEvaluated} | ${e.dailyMeanRows.toLocaleString('en-US')} | ${e.cityGoodDayRatio ?? '—'} % |`,
    );
  }
  return lines.join('\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { installCleanup, cleanupNow } = await import('./proc.ts');
  installCleanup();
  const log = (message: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
  try {
    const bench = await monitoringImportBench(log);
    console.log(`${importTable(bench)}\n\n${evaluationTable(bench)}`);
  } finally {
    cleanupNow();
  }
}

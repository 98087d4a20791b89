// `npm run bench`: start-up time against bare PGlite + PostGIS, and request latency under load.
// Everything runs on this machine: children on 127.0.0.1, data in temporary folders removed at the end.
// Knobs (environment): BENCH_COLD_RUNS (3), BENCH_WARM_RUNS (3), BENCH_CONNECTIONS (50),
// BENCH_DURATION seconds (10), BENCH_WARMUP seconds (3), BENCH_SKIP_LOAD=1, BENCH_SKIP_PHASES=1;
// bulk import of air data (bench/monitoring-import.ts): BENCH_MONITORING_STATIONS (100), BENCH_SKIP_MONITORING=1;
// HJ 212 gateway end to end (bench/gateway.ts): BENCH_GATEWAY_DEVICES (100), BENCH_GATEWAY_HOURS (300), BENCH_SKIP_GATEWAY=1;
// 一张图 screening (bench/spatial.ts): BENCH_SPATIAL_POLYGONS (50000), BENCH_SPATIAL_SITES (1000), BENCH_SKIP_SPATIAL=1.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bearerToken, checkList, load, type LoadOptions, type LoadResult } from './latency.ts';
import { evaluationTable, importTable, monitoringImportBench } from './monitoring-import.ts';
import { gatewayBench, gatewayTable, GATEWAY_GOAL_RATIO } from './gateway.ts';
import { spatialBench, spatialTable, SPATIAL_GOAL_RATIO } from './spatial.ts';
import type { PhaseTimes } from './phases.ts';
import { cleanupNow, count, installCleanup, REPO, removeFolder, stop, tempFolder, usage } from './proc.ts';
import {
  baselineTable,
  bundleTable,
  cpuTable,
  GOAL_RATIO,
  loadAverage,
  loadTable,
  machine,
  machineTable,
  median,
  phaseTable,
  startTable,
  type StartResults,
} from './report.ts';
import { baselineStart, phaseProbe, platformStart, startPlatform } from './startup.ts';
import { trimmedPostgisBundle } from '../src/db/postgis-bundle.ts';

const COLD_RUNS = count('BENCH_COLD_RUNS', 3, 1, 10);
const WARM_RUNS = count('BENCH_WARM_RUNS', 3, 1, 20);
const CONNECTIONS = count('BENCH_CONNECTIONS', 50, 1, 500);
const DURATION = count('BENCH_DURATION', 10, 1, 120);
const WARMUP = count('BENCH_WARMUP', 3, 0, 60);

const log = (message: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
const sec = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function startups(): Promise<{ results: StartResults; platformDir: string; password: string }> {
  const results: StartResults = { baselineCold: [], platformCold: [], baselineWarm: [], platformWarm: [], trimmedWarm: [] };
  // The goal's baseline is PGlite with the PostGIS package as it comes; the platform loads a trimmed
  // bundle of it, so bare warm opens with that bundle are measured too and the ratio to them reported.
  const bundle = (await trimmedPostgisBundle())?.pathname;
  let baselineDir = '';
  let platformDir = '';
  let password = '';
  // Cold runs alternate baseline and platform, so drift in the machine's load hits both alike.
  for (let i = 0; i < COLD_RUNS; i++) {
    const bDir = tempFolder('baseline');
    const b = await baselineStart(bDir, 'cold');
    results.baselineCold.push(b);
    log(`cold ${i + 1}/${COLD_RUNS}: bare PGlite + PostGIS ${sec(b.ms)} (CPU ${sec(b.cpuMs)}, load ${loadAverage()})`);
    const pDir = tempFolder('platform');
    const p = await platformStart(pDir);
    results.platformCold.push(p);
    log(`cold ${i + 1}/${COLD_RUNS}: platform ${sec(p.ms)} (CPU ${sec(p.cpuMs)}, listening line at ${sec(p.listeningMs)}, load ${loadAverage()})`);
    if (!p.password) throw new Error('the first start printed no one-time password');
    // The first folders are kept for the warm runs and the load run; the others go now.
    if (i === 0) {
      baselineDir = bDir;
      platformDir = pDir;
      password = p.password;
    } else {
      removeFolder(bDir);
      removeFolder(pDir);
    }
  }
  for (let i = 0; i < WARM_RUNS; i++) {
    const b = await baselineStart(baselineDir, 'warm');
    results.baselineWarm.push(b);
    log(`warm ${i + 1}/${WARM_RUNS}: bare PGlite + PostGIS ${sec(b.ms)} (CPU ${sec(b.cpuMs)}, load ${loadAverage()})`);
    if (bundle) {
      const trimmed = await baselineStart(baselineDir, 'warm', bundle);
      results.trimmedWarm.push(trimmed);
      log(`warm ${i + 1}/${WARM_RUNS}: bare PGlite + PostGIS, trimmed bundle ${sec(trimmed.ms)} (CPU ${sec(trimmed.cpuMs)})`);
    }
    const p = await platformStart(platformDir);
    results.platformWarm.push(p);
    log(`warm ${i + 1}/${WARM_RUNS}: platform ${sec(p.ms)} (CPU ${sec(p.cpuMs)}, load ${loadAverage()})`);
  }
  removeFolder(baselineDir);
  return { results, platformDir, password };
}

async function phases(): Promise<{ cold: PhaseTimes; warm: PhaseTimes }> {
  const dir = tempFolder('phases');
  const cold = await phaseProbe(dir);
  log(`phase probe cold: ${sec(cold.total)}`);
  const warm = await phaseProbe(dir);
  log(`phase probe warm: ${sec(warm.total)}`);
  removeFolder(dir);
  return { cold, warm };
}

async function loadRun(platformDir: string, password: string): Promise<{ health: LoadResult; list: LoadResult }> {
  const { spawned, port } = await startPlatform(platformDir);
  try {
    const base = `http://127.0.0.1:${port}`;
    const token = await bearerToken(base, password);
    const listPath = '/api/organisations?pageSize=20';
    const items = await checkList(base, listPath, token);
    log(`load: token ready, ${listPath} gives ${items} items`);
    const auth = { authorization: `Bearer ${token}` };
    const options: LoadOptions = { connections: CONNECTIONS, durationSeconds: DURATION, maxRequests: 2_000_000 };
    if (WARMUP > 0) {
      const warm = { ...options, durationSeconds: WARMUP };
      await load('warm-up', `${base}/api/health`, warm);
      await load('warm-up', `${base}${listPath}`, warm, auth);
      log(`load: warmed up ${WARMUP} s on each`);
    }
    // The server's CPU time over the run tells a server that is busy from one starved by other processes.
    const measured = async (label: string, url: string, headers?: Record<string, string>) => {
      const before = usage(spawned.child.pid);
      const result = await load(label, url, options, headers);
      const after = usage(spawned.child.pid);
      if (before && after) result.serverCpuShare = (after.cpuMs - before.cpuMs) / (result.durationSeconds * 1000);
      log(
        `load: ${new URL(url).pathname} ${result.requestsPerSecond.toFixed(0)} req/s, p50 ${result.p50.toFixed(1)} ms, ` +
          `p99 ${result.p99.toFixed(1)} ms, server CPU ${result.serverCpuShare?.toFixed(2)} cores, load ${loadAverage()}`,
      );
      return result;
    };
    const health = await measured('(public)', `${base}/api/health`);
    const list = await measured('(bearer token)', `${base}${listPath}`, auth);
    return { health, list };
  } finally {
    await stop(spawned);
  }
}

async function main(): Promise<void> {
  installCleanup();
  const m = machine();
  const loads = [{ at: 'start', value: loadAverage() }];
  log(`nproc ${m.nproc}, node ${m.node}; cold runs ${COLD_RUNS}, warm runs ${WARM_RUNS}, load ${CONNECTIONS} connections × ${DURATION} s`);

  const { results, platformDir, password } = await startups();
  loads.push({ at: 'after start-up runs', value: loadAverage() });
  const phase = process.env.BENCH_SKIP_PHASES === '1' ? null : await phases();
  const traffic = process.env.BENCH_SKIP_LOAD === '1' ? null : await loadRun(platformDir, password);
  const monitoring = process.env.BENCH_SKIP_MONITORING === '1' ? null : await monitoringImportBench(log);
  const gateway = process.env.BENCH_SKIP_GATEWAY === '1' ? null : await gatewayBench(log);
  const spatial = process.env.BENCH_SKIP_SPATIAL === '1' ? null : await spatialBench(log);
  loads.push({ at: 'end', value: loadAverage() });
  removeFolder(platformDir);

  const coldRatio = median(results.platformCold.map((r) => r.ms)) / median(results.baselineCold.map((r) => r.ms));
  const warmRatio = median(results.platformWarm.map((r) => r.ms)) / median(results.baselineWarm.map((r) => r.ms));
  const sections = [
    `# Qingshan benchmark — ${m.date}`,
    '',
    machineTable(m, loads),
    '',
    '## Start-up',
    '',
    'Each start is a fresh child process timed from its spawn. Bare: `node bench/pglite-baseline.mjs` ' +
      '(`PGlite.create({ dataDir, extensions: { postgis } })` with the PostGIS package as it comes, then `CREATE EXTENSION postgis` on an empty folder ' +
      'or `SELECT postgis_version()` on the folder a cold run left). Platform: `node bin/qingshan.js start` ' +
      'to the first 200 from `GET /api/health` (polled every 10 ms).',
    '',
    startTable(results),
    '',
    `Goal: platform ≤ ${GOAL_RATIO} × bare. Cold ${coldRatio <= GOAL_RATIO ? 'met' : 'NOT met'} (${coldRatio.toFixed(2)}), warm ${warmRatio <= GOAL_RATIO ? 'met' : 'NOT met'} (${warmRatio.toFixed(2)}).`,
    '',
    'CPU time (user + system, all threads of the child, medians) and resident memory; CPU time depends far less than ' +
      'wall-clock time on what else the machine is running:',
    '',
    cpuTable(results),
    '',
    baselineTable(results),
    '',
    ...(results.trimmedWarm.length > 0
      ? ["The platform loads a trimmed PostGIS bundle (`src/db/postgis-bundle.ts`). Bare warm opens with the package's own bundle and with the trimmed one:", '', bundleTable(results), '']
      : []),
  ];
  if (phase) sections.push('## Where the start-up time goes', '', phaseTable(phase.cold, phase.warm), '');
  if (traffic) {
    sections.push(
      '## Request latency',
      '',
      `autocannon, ${CONNECTIONS} connections to 127.0.0.1 for ${DURATION} s each after ${WARMUP} s of warm-up on each; ` +
        'the load generator runs in the benchmark process, on the same cores as the platform. p50/p95/p99/max are over ' +
        "every response but each connection's first (the steady state); the column beside them includes those first ones.",
      '',
      loadTable(traffic.health, traffic.list, CONNECTIONS),
      '',
    );
  }
  if (monitoring) {
    sections.push(
      '## Bulk import of hourly air data',
      '',
      'The same rows into monitoring_air_hourly by a plain COPY, then (after TRUNCATE) through importAirCsv, the platform\'s import of the CSV file, then the same file again (see docs/BENCHMARKS.md).',
      '',
      importTable(monitoring),
      '',
      evaluationTable(monitoring),
      '',
    );
  }
  if (gateway) {
    sections.push(
      '## HJ 212 gateway, end to end',
      '',
      `Simulated devices (\`qingshan hj212 simulate\`, a child process) send hour data over loopback; the gateway parses, checks, commits and only then acknowledges. Goal: gateway ÷ COPY ≥ ${GATEWAY_GOAL_RATIO} on PostgreSQL.`,
      '',
      gatewayTable(gateway),
      '',
    );
  }
  if (spatial) {
    sections.push(
      '## 一张图 screening',
      '',
      `Random project sites screened against every current layer (screenSite: overlaps on the ellipsoid, distances, rules), alternating with one direct PostGIS query computing the same overlaps. Goal: p50 and p95 ≤ ${SPATIAL_GOAL_RATIO} × the direct query; areas within 0.1 %.`,
      '',
      spatialTable(spatial),
      '',
    );
  }
  const markdown = sections.join('\n');
  const outDir = join(REPO, 'bench', 'out');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, 'latest.md'), markdown);
  writeFileSync(join(outDir, 'latest.json'), JSON.stringify({ machine: m, loads, results, phase, traffic, monitoring, gateway, spatial }, null, 2));
  console.log(markdown);
  log('written bench/out/latest.md and bench/out/latest.json');
}

main().then(
  () => {
    cleanupNow();
    process.exit(0);
  },
  (error: unknown) => {
    console.error(error);
    cleanupNow();
    process.exit(1);
  },
);

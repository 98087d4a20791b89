// HJ 212 gateway end to end (issue 6, "Benchmark"): N simulated ambient stations send hour data
// (2061, Flag A=1) over loopback; each packet is parsed, checked, committed and only then answered
// with 9014, and a device sends its next hour only after that answer. Measured: values stored per
// second from the first packet to the last answer, the p50/p99 time from a packet's last byte to its
// 9014 (at the client), and the gateway's CPU time per thousand values. Baseline in the same run: a
// plain COPY of as many values (same stations, hours and pollutants) into monitoring_air_hourly.
//
// The gateway runs in this process (its CPU is this process's CPU; on PostgreSQL the server's own
// CPU is not counted, on PGlite the database runs inside it). The devices run in a child process,
// `qingshan hj212 simulate`, so their CPU is not the gateway's.
// Alone: node bin/run-ts.js bench/gateway.ts — also a section of `npm run bench`.
// Knobs: BENCH_GATEWAY_DEVICES (100), BENCH_GATEWAY_HOURS per device (300: with fewer, the opening
// seconds, when every device logs in at once and each password costs an scrypt, weigh on the figure).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { SYSTEM_ACTOR } from '../src/audit/store.ts';
import type { Storage } from '../src/db/connect.ts';
import { migrate } from '../src/db/migrate.ts';
import { seedOrganisations } from '../src/orgs/seed.ts';
import { openCopy } from '../src/monitoring/data/copy.ts';
import { ensureAirPartitions } from '../src/monitoring/data/partitions.ts';
import { createSite } from '../src/monitoring/registry/service.ts';
import { createDevice } from '../src/gateway/devices/service.ts';
import { GatewayServer } from '../src/gateway/server/server.ts';
import { onEachBackend, type Backend } from './backends.ts';
import { count, inTempFolder, REPO } from './proc.ts';

/** The goal: end-to-end values per second at least half of a plain COPY's (PostgreSQL). */
export const GATEWAY_GOAL_RATIO = 0.5;

const DISTRICTS = ['bazhou', 'enyang', 'tongjiang', 'nanjiang', 'pingchang'];
const PASSWORD = 'bench1';
const MN_PREFIX = 'BENCHGW';
/** The simulator's first hour (HJ 212 DataTime, the start of the hour, CST). */
const START = '2025010100';
const START_MS = Date.parse('2025-01-01T00:00:00+08:00');
const POLLUTANTS = ['so2', 'no2', 'pm10', 'pm2_5', 'co', 'o3'];
const COLUMNS = 'monitoring_air_hourly (station_id, observed_at, parameter, value, valid, invalid_reason, review)';

export interface GatewayRun {
  backend: Backend;
  devices: number;
  packets: number;
  values: number;
  gatewayMs: number;
  copyMs: number;
  ackP50Ms: number;
  ackP99Ms: number;
  cpuMsPerThousandValues: number;
  refused: number;
  /** Group commit: transactions written and the time spent inside them. */
  transactions: number;
  transactionMs: number;
}

export interface GatewayBench {
  devices: number;
  hours: number;
  runs: GatewayRun[];
}

/** The last line `qingshan hj212 simulate` prints (src/gateway/simulate/client.ts SimulationSummary). */
interface SimulateSummary {
  elapsedSeconds: number;
  sent: number;
  acknowledged: number;
  refused: number;
  timedOut: number;
  ackLatencyMs: { p50: number | null; p99: number | null };
  valuesPerSecond: number;
}

function simulate(port: number, devices: number, hours: number): Promise<SimulateSummary> {
  const child = spawn(
    process.execPath,
    [
      join(REPO, 'bin', 'qingshan.js'),
      'hj212',
      'simulate',
      ...['--host', '127.0.0.1', '--port', String(port), '--devices', String(devices), '--interval', '0.001', '--cn', '2061'],
      ...['--count', String(hours), '--mn-prefix', MN_PREFIX, '--password', PASSWORD, '--start', START],
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
  return once(child, 'exit').then(([code]) => {
    if (code !== 0) throw new Error(`hj212 simulate exited with ${code}`);
    const last = out.trim().split('\n').pop() ?? '';
    return JSON.parse(last) as SimulateSummary;
  });
}

async function copyValues(storage: Storage, ids: number[], hours: number): Promise<number> {
  const lines: string[] = [];
  for (const id of ids) {
    for (let h = 0; h < hours; h += 1) {
      const at = new Date(START_MS + (h + 1) * 3_600_000).toISOString();
      for (const p of POLLUTANTS) lines.push(`${id},${at},${p},${(10 + ((h * 7 + id) % 50)).toString()},t,,raw\n`);
    }
  }
  const started = performance.now();
  await storage.db.connection().execute(async (conn) => {
    const sink = await openCopy(conn, COLUMNS);
    for (let i = 0; i < lines.length; i += 20_000) await sink.write(lines.slice(i, i + 20_000).join(''));
    await sink.end();
  });
  const ms = performance.now() - started;
  const { rows } = await sql<{ n: number }>`SELECT count(*)::integer AS n FROM monitoring_air_hourly`.execute(storage.db);
  if (rows[0]!.n !== lines.length) throw new Error(`COPY stored ${rows[0]!.n} rows, expected ${lines.length}`);
  return ms;
}

async function runOn(backend: GatewayRun['backend'], storage: Storage, devices: number, hours: number, log: (m: string) => void): Promise<GatewayRun> {
  await migrate(storage);
  await seedOrganisations(storage.db, 'bazhong');
  const ids: number[] = [];
  for (let d = 0; d < devices; d += 1) {
    const code = `BENCH-GW-${String(d + 1).padStart(3, '0')}`;
    const site = await createSite(storage.db, SYSTEM_ACTOR, 'air', {
      code,
      name: `网关基准站 ${d + 1}`,
      level: 'municipal',
      district: DISTRICTS[d % DISTRICTS.length]!,
      lon: 106.7 + (d % 10) * 0.01,
      lat: 31.85 + Math.floor(d / 10) * 0.01,
    });
    ids.push(site.id);
    await createDevice(storage.db, SYSTEM_ACTOR, { mn: `${MN_PREFIX}${d + 1}`, password: PASSWORD, site: code });
  }
  const months = Array.from({ length: Math.ceil(hours / 24 / 28) + 2 }, (_, m) => START_MS + m * 28 * 86_400_000);
  await ensureAirPartitions(storage.db, months);

  log(`gateway ${backend}: COPY of ${devices * hours * POLLUTANTS.length} values`);
  const copyMs = await copyValues(storage, ids, hours);
  await sql`TRUNCATE monitoring_air_hourly`.execute(storage.db);
  if (storage.kind === 'postgres') await sql`CHECKPOINT`.execute(storage.db);

  const quiet = { info: () => undefined, warn: () => undefined, error: (m: string, f?: Record<string, unknown>) => log(`gateway error: ${m} ${JSON.stringify(f)}`) };
  const gateway = new GatewayServer(storage.db, { host: '127.0.0.1', port: 0, log: quiet, maxConnectionsPerAddress: devices + 4 });
  const port = await gateway.listen();
  try {
    log(`gateway ${backend}: ${devices} devices × ${hours} hours over loopback`);
    const cpu = process.cpuUsage();
    const started = performance.now();
    const summary = await simulate(port, devices, hours);
    const gatewayMs = performance.now() - started;
    const used = process.cpuUsage(cpu);
    const { rows } = await sql<{ n: number }>`SELECT count(*)::integer AS n FROM monitoring_air_hourly`.execute(storage.db);
    const stored = rows[0]!.n;
    if (summary.acknowledged !== devices * hours) throw new Error(`${backend}: ${summary.acknowledged} of ${devices * hours} packets acknowledged`);
    // The simulator sends the six pollutants in every hour packet.
    if (stored !== summary.acknowledged * POLLUTANTS.length) throw new Error(`${backend}: ${stored} values stored, ${summary.acknowledged * POLLUTANTS.length} acknowledged`);
    const run: GatewayRun = {
      backend,
      devices,
      packets: summary.acknowledged,
      values: stored,
      // The simulator's own clock spans the first packet to the last answer; the wall clock here adds its start-up.
      gatewayMs: summary.elapsedSeconds * 1000,
      copyMs,
      ackP50Ms: summary.ackLatencyMs.p50 ?? Number.NaN,
      ackP99Ms: summary.ackLatencyMs.p99 ?? Number.NaN,
      cpuMsPerThousandValues: ((used.user + used.system) / 1000 / stored) * 1000,
      refused: summary.refused,
      transactions: gateway.uploads.totals.transactions,
      transactionMs: gateway.uploads.totals.writeMs,
    };
    log(`gateway ${backend}: ${gateway.uploads.totals.uploads} uploads in ${gateway.uploads.totals.transactions} transactions, ${(gateway.uploads.totals.writeMs / 1000).toFixed(1)} s in them`);
    log(`gateway ${backend}: ${stored} values in ${(run.gatewayMs / 1000).toFixed(1)} s (child ${(gatewayMs / 1000).toFixed(1)} s), COPY ${(copyMs / 1000).toFixed(2)} s`);
    return run;
  } finally {
    await gateway.close();
  }
}

export async function gatewayBench(log: (message: string) => void): Promise<GatewayBench> {
  const devices = count('BENCH_GATEWAY_DEVICES', 100, 1, 500);
  const hours = count('BENCH_GATEWAY_HOURS', 300, 1, 8760);
  return inTempFolder('gateway', async (folder) => {
    const runs = await onEachBackend('gateway', folder, (backend, storage) => runOn(backend, storage, devices, hours, log), log);
    return { devices, hours, runs };
  });
}

const perSecond = (values: number, ms: number) => Math.round(values / (ms / 1000));

export function gatewayTable(bench: GatewayBench): string {
  const lines = [
    `${bench.devices} devices × ${bench.hours} hour packets (2061, 6 pollutants each, Flag A=1: each device waits for its 9014 before the next).`,
    '',
    '| Back end | values | gateway, end to end | values/s | plain COPY | values/s | gateway ÷ COPY | 9014 p50 | 9014 p99 | gateway CPU per 1,000 values | transactions (packets each) | time inside them |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of bench.runs) {
    const ratio = perSecond(r.values, r.gatewayMs) / perSecond(r.values, r.copyMs);
    lines.push(
      `| ${r.backend} | ${r.values.toLocaleString('en-US')} | ${(r.gatewayMs / 1000).toFixed(2)} s | ${perSecond(r.values, r.gatewayMs).toLocaleString('en-US')} | ` +
        `${(r.copyMs / 1000).toFixed(2)} s | ${perSecond(r.values, r.copyMs).toLocaleString('en-US')} | **${ratio.toFixed(2)}** | ` +
        `${r.ackP50Ms.toFixed(1)} ms | ${r.ackP99Ms.toFixed(1)} ms | ${r.cpuMsPerThousandValues.toFixed(0)} ms | ` +
        `${r.transactions} (${(r.packets / r.transactions).toFixed(1)}) | ${(r.transactionMs / 1000).toFixed(2)} s |`,
    );
  }
  return lines.join('\n');
}

if (resolve(process.argv[1] ?? '') === fileURLToPath(import.meta.url)) {
  const log = (message: string) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);
  const bench = await gatewayBench(log);
  console.log(gatewayTable(bench));
}

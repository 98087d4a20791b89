// HJ 212 gateway end to end (issue 6, "Benchmark"): N simulated ambient stations send hour data
// (2061, Flag A=1) over loopback; each packet is parsed, checked, committed and only then answered
// with 9014, and a device sends its next hour only after that answer. Each device first logs in with
// one packet (`simulate --warmup`: the password is checked once per connection, with scrypt); the
// clocks start when all have been answered, and the log-ins are reported apart. Measured: values
// stored per second from the end of the log-ins to the last answer, the p50/p99 time from a packet's
// last byte to its 9014 (at the client), and CPU per thousand values in the gateway (this process),
// the simulator (a child) and, on PostgreSQL, the server's processes (from /proc). Baseline in the
// same run: a plain COPY of as many values (same stations, hours and parameters) into
// monitoring_air_hourly, the fastest of four: two before the gateway's run and two after.
//
// On PGlite the database runs inside the gateway's process, so its CPU is the gateway's.
// Alone: node bin/run-ts.js bench/gateway.ts — also a section of `npm run bench`.
// Knobs: BENCH_GATEWAY_DEVICES (100), BENCH_GATEWAY_HOURS per device (300, the log-in packet included),
// BENCH_GATEWAY_PROFILE=folder (V8 CPU profiles of the gateway and the simulator over the run),
// BENCH_GATEWAY_ENCODE_ON_THE_WAY=1 (the simulator encodes each packet as it sends it, as before 2026-12-06).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
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
import { AIR_FACTORS, METEOROLOGY_FACTORS } from '../src/gateway/simulate/air-values.ts';
import type { SimulationSummary } from '../src/gateway/simulate/client.ts';
import { onEachBackend, type Backend } from './backends.ts';
import { count, inTempFolder, REPO, usage } from './proc.ts';

/** The goal: end-to-end values per second at least half of a plain COPY's (PostgreSQL). */
export const GATEWAY_GOAL_RATIO = 0.5;

const DISTRICTS = ['bazhou', 'enyang', 'tongjiang', 'nanjiang', 'pingchang'];
const PASSWORD = 'bench1';
const MN_PREFIX = 'BENCHGW';
/** The simulator's first hour (HJ 212 DataTime, the start of the hour, CST). */
const START = '2025010100';
const START_MS = Date.parse('2025-01-01T00:00:00+08:00');
/** What every simulated hour packet holds, as the store's parameters: the six pollutants, then the meteorology. */
const PARAMETERS = [...Object.keys(AIR_FACTORS), ...Object.keys(METEOROLOGY_FACTORS)];
/** Half before the gateway's run, half after. */
const COPY_ATTEMPTS = 4;
const COLUMNS = 'monitoring_air_hourly (station_id, observed_at, parameter, value, valid, invalid_reason, review)';

export interface GatewayRun {
  backend: Backend;
  devices: number;
  packets: number;
  values: number;
  /** Values per second are measured after the warm-up, in which every device logged in with one packet. */
  gatewayMs: number;
  loginMs: number;
  copyMs: number;
  copyValues: number;
  ackP50Ms: number;
  ackP99Ms: number;
  cpuMsPerThousandValues: number;
  refused: number;
  /** CPU of the load generator (the simulator process) and, on PostgreSQL, of the server's processes. */
  simulatorCpuMs: number;
  serverCpuMs: number | null;
  /** Group commit: transactions written and the time spent inside them. */
  transactions: number;
  transactionMs: number;
}

export interface GatewayBench {
  devices: number;
  hours: number;
  runs: GatewayRun[];
}

/** CPU (ms) of every process of the PostgreSQL server, by pid, read from /proc; null on PGlite or off Linux. */
async function serverCpu(storage: Storage): Promise<Map<number, number> | null> {
  if (storage.kind !== 'postgres') return null;
  const { rows } = await sql<{ pid: number }>`SELECT pid FROM pg_stat_activity`.execute(storage.db);
  const byPid = new Map<number, number>();
  for (const { pid } of rows) {
    const used = usage(pid);
    if (used) byPid.set(pid, used.cpuMs);
  }
  return byPid.size > 0 ? byPid : null;
}

function serverCpuBetween(before: Map<number, number> | null, after: Map<number, number> | null): number | null {
  if (!before || !after) return null;
  let ms = 0;
  // A backend the pool opened during the run counts whole.
  for (const [pid, cpu] of after) ms += cpu - (before.get(pid) ?? 0);
  return Math.round(ms);
}

/**
 * With BENCH_GATEWAY_PROFILE=folder, a V8 CPU profile of this process over the run (open it in Chrome's
 * DevTools): where the gateway's own time goes, without the set-up and the COPY baseline.
 */
async function startProfile(backend: Backend): Promise<{ stop: () => Promise<void> } | null> {
  const folder = process.env.BENCH_GATEWAY_PROFILE;
  if (!folder) return null;
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<unknown>((done, fail) => session.post(method, params ?? {}, (error, result) => (error ? fail(error) : done(result))));
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 200 });
  await post('Profiler.start');
  return {
    stop: async () => {
      const { profile } = (await post('Profiler.stop')) as { profile: object };
      mkdirSync(folder, { recursive: true });
      writeFileSync(join(folder, `gateway-${backend}.cpuprofile`), JSON.stringify(profile));
      session.disconnect();
    },
  };
}

function simulate(port: number, devices: number, hours: number, onWarmedUp: () => void): Promise<SimulationSummary> {
  const child = spawn(
    process.execPath,
    [
      // With BENCH_GATEWAY_PROFILE, the simulator's own profile lands beside the gateway's.
      ...(process.env.BENCH_GATEWAY_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_GATEWAY_PROFILE}`, '--cpu-prof-interval=200'] : []),
      join(REPO, 'bin', 'qingshan.js'),
      'hj212',
      'simulate',
      ...['--host', '127.0.0.1', '--port', String(port), '--devices', String(devices), '--interval', '0.001', '--cn', '2061'],
      ...['--count', String(hours), '--mn-prefix', MN_PREFIX, '--password', PASSWORD, '--start', START, '--warmup'],
      // The packets are encoded before the clock, as the COPY baseline's rows are built before its own:
      // on one machine, what the load generator spends encoding the gateway cannot (docs/BENCHMARKS.md).
      ...(process.env.BENCH_GATEWAY_ENCODE_ON_THE_WAY ? [] : ['--pre-encode']),
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let out = '';
  let warmedUp = false;
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
    // The warm-up's own line comes first, while the devices are still sending.
    if (!warmedUp && out.includes('\n')) {
      warmedUp = true;
      onWarmedUp();
    }
  });
  return once(child, 'exit').then(([code]) => {
    if (code !== 0) throw new Error(`hj212 simulate exited with ${code}`);
    const last = out.trim().split('\n').pop() ?? '';
    return JSON.parse(last) as SimulationSummary;
  });
}

async function copyValues(storage: Storage, ids: number[], hours: number): Promise<number> {
  const lines: string[] = [];
  for (const id of ids) {
    for (let h = 0; h < hours; h += 1) {
      const at = new Date(START_MS + (h + 1) * 3_600_000).toISOString();
      for (const p of PARAMETERS) lines.push(`${id},${at},${p},${(10 + ((h * 7 + id) % 50)).toString()},t,,raw\n`);
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

  // The baseline is the fastest of several COPYs, before and after the gateway's run: this machine's speed
  // drifts for a minute at a time, and one slow baseline would flatter the ratio.
  const copyRuns: number[] = [];
  const copies = async (times: number) => {
    for (let attempt = 0; attempt < times; attempt += 1) {
      log(`gateway ${backend}: COPY of ${devices * hours * PARAMETERS.length} values (${copyRuns.length + 1} of ${COPY_ATTEMPTS})`);
      await sql`TRUNCATE monitoring_air_hourly`.execute(storage.db);
      if (storage.kind === 'postgres') await sql`CHECKPOINT`.execute(storage.db);
      copyRuns.push(await copyValues(storage, ids, hours));
    }
    await sql`TRUNCATE monitoring_air_hourly`.execute(storage.db);
    if (storage.kind === 'postgres') await sql`CHECKPOINT`.execute(storage.db);
  };
  await copies(COPY_ATTEMPTS / 2);

  const quiet = { info: () => undefined, warn: () => undefined, error: (m: string, f?: Record<string, unknown>) => log(`gateway error: ${m} ${JSON.stringify(f)}`) };
  const gateway = new GatewayServer(storage.db, { host: '127.0.0.1', port: 0, log: quiet, maxConnectionsPerAddress: devices + 4 });
  const port = await gateway.listen();
  let run: GatewayRun;
  try {
    log(`gateway ${backend}: ${devices} devices × ${hours} hours over loopback`);
    const profile = await startProfile(backend);
    const started = performance.now();
    // The clocks start when every device has logged in (the simulator's warm-up: one packet each).
    let cpu = process.cpuUsage();
    let serverBefore = serverCpu(storage);
    let loginMs = Number.NaN;
    const summary = await simulate(port, devices, hours, () => {
      cpu = process.cpuUsage();
      serverBefore = serverCpu(storage);
      loginMs = performance.now() - started;
    });
    const used = process.cpuUsage(cpu);
    await profile?.stop();
    const serverCpuMs = serverCpuBetween(await serverBefore, await serverCpu(storage));
    const { rows } = await sql<{ n: number }>`SELECT count(*)::integer AS n FROM monitoring_air_hourly`.execute(storage.db);
    const stored = rows[0]!.n;
    const warmup = summary.warmup;
    if (!warmup || warmup.acknowledged !== devices) throw new Error(`${backend}: ${warmup?.acknowledged ?? 0} of ${devices} devices logged in`);
    if (summary.acknowledged !== devices * (hours - 1)) throw new Error(`${backend}: ${summary.acknowledged} of ${devices * (hours - 1)} packets acknowledged`);
    // The simulator sends every parameter in every hour packet, the warm-up's included.
    const values = summary.acknowledged * PARAMETERS.length;
    if (stored !== values + devices * PARAMETERS.length) throw new Error(`${backend}: ${stored} values stored, ${values + devices * PARAMETERS.length} acknowledged`);
    run = {
      backend,
      devices,
      packets: summary.acknowledged,
      values,
      // The simulator's own clock spans the end of the warm-up to the last answer.
      gatewayMs: summary.elapsedSeconds * 1000,
      loginMs: warmup.seconds * 1000,
      copyMs: Number.NaN,
      copyValues: devices * hours * PARAMETERS.length,
      ackP50Ms: summary.ackLatencyMs.p50 ?? Number.NaN,
      ackP99Ms: summary.ackLatencyMs.p99 ?? Number.NaN,
      cpuMsPerThousandValues: ((used.user + used.system) / 1000 / values) * 1000,
      refused: summary.refused,
      simulatorCpuMs: summary.cpuMs,
      serverCpuMs,
      transactions: gateway.uploads.totals.transactions,
      transactionMs: gateway.uploads.totals.writeMs,
    };
    log(`gateway ${backend}: ${devices} log-ins in ${(loginMs / 1000).toFixed(2)} s (bench clock), ${warmup.seconds} s (simulator)`);
    log(`gateway ${backend}: ${gateway.uploads.totals.uploads} uploads in ${gateway.uploads.totals.transactions} transactions, ${(gateway.uploads.totals.writeMs / 1000).toFixed(1)} s in them`);
    log(`gateway ${backend}: CPU gateway ${((used.user + used.system) / 1000).toFixed(0)} ms, simulator ${summary.cpuMs} ms, server ${serverCpuMs ?? '-'} ms`);
  } finally {
    await gateway.close();
  }
  await copies(COPY_ATTEMPTS / 2);
  run.copyMs = Math.min(...copyRuns);
  log(`gateway ${backend}: COPY ${copyRuns.map((ms) => (ms / 1000).toFixed(2)).join(', ')} s`);
  log(`gateway ${backend}: ${run.values} values in ${(run.gatewayMs / 1000).toFixed(1)} s after the log-ins, COPY of ${run.copyValues} ${(run.copyMs / 1000).toFixed(2)} s`);
  return run;
}

export async function gatewayBench(log: (message: string) => void): Promise<GatewayBench> {
  const devices = count('BENCH_GATEWAY_DEVICES', 100, 1, 500);
  const hours = count('BENCH_GATEWAY_HOURS', 300, 1, 8760);
  return inTempFolder('gateway', async (folder) => {
    const runs = await onEachBackend('gateway', folder, (backend, storage) => runOn(backend, storage, devices, hours, log), log);
    return { devices, hours, runs };
  });
}

const perThousand = (cpuMs: number, values: number) => ((cpuMs / values) * 1000).toFixed(0);
const perSecond = (values: number, ms: number) => Math.round(values / (ms / 1000));

export function gatewayTable(bench: GatewayBench): string {
  const lines = [
    `${bench.devices} devices × ${bench.hours} hour packets (2061, ${PARAMETERS.length} values each: 6 pollutants and 5 meteorological factors; Flag A=1: each device waits for its 9014 before the next).`,
    'Each device first logs in with one packet (its password is checked once per connection); the clock starts when all have been answered.',
    '',
    '| Back end | values | log-ins, before the clock | gateway, end to end | values/s | plain COPY (all values, fastest of 4) | values/s | gateway ÷ COPY | counting the log-ins | 9014 p50 | 9014 p99 | CPU per 1,000 values: gateway · simulator · server | transactions (packets each) | time inside them |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of bench.runs) {
    const copyRate = perSecond(r.copyValues, r.copyMs);
    const ratio = perSecond(r.values, r.gatewayMs) / copyRate;
    const withLogins = perSecond(r.values + r.devices * PARAMETERS.length, r.gatewayMs + r.loginMs) / copyRate;
    lines.push(
      `| ${r.backend} | ${r.values.toLocaleString('en-US')} | ${(r.loginMs / 1000).toFixed(2)} s | ${(r.gatewayMs / 1000).toFixed(2)} s | ${perSecond(r.values, r.gatewayMs).toLocaleString('en-US')} | ` +
        `${(r.copyMs / 1000).toFixed(2)} s | ${copyRate.toLocaleString('en-US')} | **${ratio.toFixed(2)}** | ${withLogins.toFixed(2)} | ` +
        `${r.ackP50Ms.toFixed(1)} ms | ${r.ackP99Ms.toFixed(1)} ms | ${r.cpuMsPerThousandValues.toFixed(0)} · ${perThousand(r.simulatorCpuMs, r.values)} · ${r.serverCpuMs === null ? 'in the gateway' : perThousand(r.serverCpuMs, r.values)} ms | ` +
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

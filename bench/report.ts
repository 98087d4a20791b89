// The machine description and the Markdown tables of a benchmark run.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import type { LoadResult } from './latency.ts';
import type { PhaseTimes } from './phases.ts';
import { REPO } from './proc.ts';
import type { BaselineRun, PlatformRun } from './startup.ts';

export const GOAL_RATIO = 1.5;

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The p-th percentile (nearest rank) of values sorted in ascending order. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

function quiet(command: string, args: string[]): string | null {
  try {
    return execFileSync(command, args, { cwd: REPO, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

function packageVersion(name: string): string {
  try {
    return (JSON.parse(readFileSync(join(REPO, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '?';
  }
}

export interface Machine {
  date: string;
  nproc: string;
  cpu: string;
  memory: string;
  node: string;
  os: string;
  commit: string;
  pglite: string;
  postgisPackage: string;
  autocannon: string;
}

export function machine(): Machine {
  const commit = quiet('git', ['rev-parse', '--short', 'HEAD']) ?? '?';
  const dirty = (quiet('git', ['status', '--porcelain']) ?? '') !== '';
  return {
    date: new Date().toISOString(),
    nproc: quiet('nproc', []) ?? String(os.availableParallelism()),
    cpu: os.cpus()[0]?.model ?? '?',
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB total, ${(os.freemem() / 2 ** 30).toFixed(1)} GiB free at start`,
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    commit: `${commit}${dirty ? ' (work tree has uncommitted changes)' : ''}`,
    pglite: packageVersion('@electric-sql/pglite'),
    postgisPackage: packageVersion('@electric-sql/pglite-postgis'),
    autocannon: packageVersion('autocannon'),
  };
}

export function loadAverage(): string {
  return os
    .loadavg()
    .map((value) => value.toFixed(2))
    .join(' / ');
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const ms1 = (ms: number) => `${ms.toFixed(1)} ms`;
const ms0 = (ms: number) => `${Math.round(ms)} ms`;

export interface StartResults {
  baselineCold: BaselineRun[];
  platformCold: PlatformRun[];
  baselineWarm: BaselineRun[];
  platformWarm: PlatformRun[];
  /** Bare warm opens with the platform's trimmed PostGIS bundle, beside the baseline's package as it comes. */
  trimmedWarm: BaselineRun[];
}

function verdict(ratio: number): string {
  return ratio <= GOAL_RATIO ? `met (≤ ${GOAL_RATIO})` : `**not met** (> ${GOAL_RATIO})`;
}

export function startTable(results: StartResults): string {
  const row = (name: string, baseline: BaselineRun[], platform: PlatformRun[]) => {
    const b = median(baseline.map((r) => r.ms));
    const p = median(platform.map((r) => r.ms));
    const ratio = p / b;
    return `| ${name} | ${s(b)} (${baseline.map((r) => s(r.ms)).join(', ')}) | ${s(p)} (${platform.map((r) => s(r.ms)).join(', ')}) | ${ratio.toFixed(2)} | ${verdict(ratio)} |`;
  };
  return [
    '| Start | Bare PGlite + PostGIS: median (runs) | Platform to first 200 from /api/health: median (runs) | Ratio platform / bare | Goal ≤ 1.5 |',
    '| --- | --- | --- | --- | --- |',
    row('Cold (empty data folder)', results.baselineCold, results.platformCold),
    row('Warm (same folder again)', results.baselineWarm, results.platformWarm),
  ].join('\n');
}

/** What the trimmed PostGIS bundle saves a bare warm open, in alternating runs of the same child. */
export function bundleTable(results: StartResults): string {
  const row = (name: string, runs: BaselineRun[]) =>
    `| ${name} | ${s(median(runs.map((r) => r.ms)))} (${runs.map((r) => s(r.ms)).join(', ')}) | ${ms0(median(runs.map((r) => r.openMs)))} | ${s(median(runs.map((r) => r.cpuMs)))} | ${median(runs.map((r) => r.rssMiB)).toFixed(0)} MiB |`;
  const trimmed = median(results.trimmedWarm.map((r) => r.ms));
  const platform = median(results.platformWarm.map((r) => r.ms));
  return [
    '| Bare warm open | spawn → ready: median (runs) | PGlite.create | CPU time | RSS at ready |',
    '| --- | --- | --- | --- | --- |',
    row("PostGIS package's own bundle (the baseline)", results.baselineWarm),
    row('trimmed bundle (postgis only, as the platform loads it)', results.trimmedWarm),
    '',
    `Trimmed ÷ package's own: ${(trimmed / median(results.baselineWarm.map((r) => r.ms))).toFixed(2)}. ` +
      `Platform warm ÷ bare with the same trimmed bundle: ${(platform / trimmed).toFixed(2)}.`,
  ].join('\n');
}

/** CPU time and memory to ready: less sensitive than wall-clock time to whatever else the machine runs. */
export function cpuTable(results: StartResults): string {
  const row = (name: string, baseline: BaselineRun[], platform: PlatformRun[]) => {
    const b = median(baseline.map((r) => r.cpuMs));
    const p = median(platform.map((r) => r.cpuMs));
    const mib = (runs: { rssMiB: number }[]) => `${median(runs.map((r) => r.rssMiB)).toFixed(0)} MiB`;
    return `| ${name} | ${s(b)} | ${s(p)} | ${(p / b).toFixed(2)} | ${mib(baseline)} | ${mib(platform)} |`;
  };
  return [
    '| Start | Bare: CPU time to ready | Platform: CPU time to first 200 | CPU ratio | Bare: RSS at ready | Platform: RSS at first 200 |',
    '| --- | --- | --- | --- | --- | --- |',
    row('Cold', results.baselineCold, results.platformCold),
    row('Warm', results.baselineWarm, results.platformWarm),
  ].join('\n');
}

export function baselineTable(results: StartResults): string {
  const row = (name: string, runs: BaselineRun[]) =>
    `| ${name} | ${ms0(median(runs.map((r) => r.nodeBootMs)))} | ${ms0(median(runs.map((r) => r.importMs)))} | ${ms0(median(runs.map((r) => r.openMs)))} | ${ms0(median(runs.map((r) => r.queryMs)))} | ${s(median(runs.map((r) => r.ms)))} |`;
  const listening = (name: string, runs: PlatformRun[]) =>
    `| ${name} | ${s(median(runs.map((r) => r.listeningMs)))} | ${ms0(median(runs.map((r) => r.ms - r.listeningMs)))} |`;
  return [
    'Inside the bare baseline child (medians; `CREATE EXTENSION postgis` when cold, `SELECT postgis_version()` when warm):',
    '',
    '| Baseline | Node boot | import PGlite + PostGIS modules | PGlite.create | query | spawn → ready |',
    '| --- | --- | --- | --- | --- | --- |',
    row('Cold', results.baselineCold),
    row('Warm', results.baselineWarm),
    '',
    'Platform: spawn → `listening on http://` line, and from that line to the first 200 (medians):',
    '',
    '| Platform | spawn → listening line | listening line → first 200 |',
    '| --- | --- | --- |',
    listening('Cold', results.platformCold),
    listening('Warm', results.platformWarm),
  ].join('\n');
}

const PHASES: [keyof PhaseTimes, string][] = [
  ['bootAndTsx', 'Node boot + tsx loader registered'],
  ['importPlatform', 'import platform modules (Fastify, Kysely, argon2, app TypeScript)'],
  ['importPglite', 'import PGlite + PostGIS modules'],
  ['openPglite', 'PGlite.create with PostGIS (initdb when cold)'],
  ['createPostgis', 'CREATE EXTENSION IF NOT EXISTS postgis'],
  ['migrate', 'migrations (rest of schema) + checks'],
  ['seed', 'seed organisations'],
  ['seedTasks', 'seed task lists (four documents)'],
  ['administrator', 'administrator (argon2 hash)'],
  ['buildApp', 'build Fastify app'],
  ['listen', 'listen'],
  ['firstHealth', 'first GET /api/health'],
];

export function phaseTable(cold: PhaseTimes, warm: PhaseTimes): string {
  const lines = [
    '| Phase (probe replaying `qingshan start`, one run each) | Cold | share | Warm | share |',
    '| --- | --- | --- | --- | --- |',
  ];
  for (const [key, name] of PHASES) {
    const c = cold[key] as number;
    const w = warm[key] as number;
    lines.push(`| ${name} | ${ms0(c)} | ${((100 * c) / cold.total).toFixed(0)} % | ${ms0(w)} | ${((100 * w) / warm.total).toFixed(0)} % |`);
  }
  lines.push(`| **total, process start → first 200** | **${s(cold.total)}** | | **${s(warm.total)}** | |`);
  lines.push('');
  lines.push(`Cold probe: migrations run ${cold.migrationsRun.join(', ') || 'none'}; ${cold.seeded} organisations seeded. Warm probe: migrations run ${warm.migrationsRun.join(', ') || 'none'}; ${warm.seeded} seeded.`);
  return lines.join('\n');
}

export function loadTable(health: LoadResult, list: LoadResult, connections: number): string {
  const path = (r: LoadResult) => `${new URL(r.url).pathname}${new URL(r.url).search}`;
  const row = (r: LoadResult) =>
    `| \`GET ${path(r)}\` ${r.label} | ${r.requestsPerSecond.toFixed(0)} | ${ms1(r.p50)} | ${ms1(r.p95)} | ${ms1(r.p99)} | ${ms1(r.max)} | ` +
    `${ms1(r.all.p99)} / ${ms1(r.all.max)} | ${r.ok} | ${r.non2xx + r.errors + r.timeouts} | ` +
    `${r.serverCpuShare === undefined ? '?' : r.serverCpuShare.toFixed(2)} |`;
  const ratio = (f: (r: LoadResult) => number) => (f(list) / f(health)).toFixed(2);
  return [
    `| Request (${connections} connections; ${health.durationSeconds.toFixed(1)} s / ${list.durationSeconds.toFixed(1)} s) | requests/s (200s) | p50 | p95 | p99 | max | p99 / max incl. each connection's first request | 200 responses | non-2xx + errors + timeouts | server CPU (cores busy) |`,
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    row(health),
    row(list),
    `| ratio list / health | ${ratio((r) => r.requestsPerSecond)} | ${ratio((r) => r.p50)} | ${ratio((r) => r.p95)} | ${ratio((r) => r.p99)} | ${ratio((r) => r.max)} | ${ratio((r) => r.all.p99)} / ${ratio((r) => r.all.max)} | | | |`,
    '',
    'Responses in each second of the run (steady counts mean no stall):',
    '',
    `- \`${path(health)}\`: ${health.perSecond.join(' ')}`,
    `- \`${path(list)}\`: ${list.perSecond.join(' ')}`,
  ].join('\n');
}

export function machineTable(m: Machine, loads: { at: string; value: string }[]): string {
  return [
    '| Machine | |',
    '| --- | --- |',
    `| date | ${m.date} |`,
    `| nproc | ${m.nproc} |`,
    `| CPU | ${m.cpu} |`,
    `| memory | ${m.memory} |`,
    `| Node | ${m.node} |`,
    `| OS | ${m.os} |`,
    `| commit | ${m.commit} |`,
    `| @electric-sql/pglite / pglite-postgis / autocannon | ${m.pglite} / ${m.postgisPackage} / ${m.autocannon} |`,
    ...loads.map((l) => `| load average 1/5/15 min, ${l.at} | ${l.value} |`),
  ].join('\n');
}

// Start-up measurements, each in a fresh child process timed from its spawn.
import type { PhaseTimes } from './phases.ts';
import { freePort, spawnNode, stop, usage, waitFor200 } from './proc.ts';

const START_TIMEOUT_MS = 300_000;

export interface BaselineRun {
  /** spawn → the child's READY line. */
  ms: number;
  nodeBootMs: number;
  importMs: number;
  openMs: number;
  queryMs: number;
  version: string;
  /** CPU time (user + system) of the child up to ready, and its resident memory then. */
  cpuMs: number;
  rssMiB: number;
}

/**
 * Bare PGlite + PostGIS in plain Node: cold on an empty folder, warm on one a cold run left; with the
 * PostGIS bundle given (the platform's trimmed one), or the package's own.
 */
export async function baselineStart(dataDir: string, mode: 'cold' | 'warm', bundle?: string): Promise<BaselineRun> {
  const spawned = spawnNode(['bench/pglite-baseline.mjs', dataDir, mode, ...(bundle ? [bundle] : [])]);
  try {
    const { match, at } = await spawned.line(/^READY (.*)$/, START_TIMEOUT_MS);
    const ms = at - spawned.spawnedAt;
    const detail = JSON.parse(match[1]!) as Omit<BaselineRun, 'ms'>;
    const code = await spawned.exited;
    if (code !== 0) throw new Error(`baseline child exited with ${code}: ${spawned.stderr.join('')}`);
    return { ms, ...detail };
  } finally {
    await stop(spawned);
  }
}

export interface PlatformRun {
  /** spawn → first 200 from GET /api/health. */
  ms: number;
  /** spawn → the `listening on http://` line on stdout. */
  listeningMs: number;
  /** The one-time administrator password, printed on the first start only. */
  password: string | null;
  /** CPU time (user + system) of the child up to the first 200, and its resident memory then. */
  cpuMs: number;
  rssMiB: number;
}

/** `qingshan start` on dataDir, timed from spawn to the first 200 from /api/health, then stopped. */
export async function platformStart(dataDir: string): Promise<PlatformRun> {
  const { run, spawned } = await startPlatform(dataDir);
  await stop(spawned);
  return run;
}

/** The same start, left running for the caller (the latency run), who must stop() it. */
export async function startPlatform(dataDir: string): Promise<{ run: PlatformRun; spawned: ReturnType<typeof spawnNode>; port: number }> {
  const port = await freePort();
  const spawned = spawnNode(
    ['bin/qingshan.js', 'start', '--port', String(port), '--host', '127.0.0.1', '--data-dir', dataDir],
    { QINGSHAN_LOG_LEVEL: 'warn' },
  );
  try {
    const readyAt = await waitFor200(`http://127.0.0.1:${port}/api/health`, spawned, START_TIMEOUT_MS);
    const used = usage(spawned.child.pid) ?? { cpuMs: Number.NaN, rssMiB: Number.NaN };
    const listening = await spawned.line(/listening on http:\/\//, 5_000);
    const password = spawned.stdout.map((text) => text.match(/one-time password:\s*(\S+)/)?.[1]).find(Boolean) ?? null;
    return { run: { ms: readyAt - spawned.spawnedAt, listeningMs: listening.at - spawned.spawnedAt, password, ...used }, spawned, port };
  } catch (error) {
    await stop(spawned);
    throw error;
  }
}

/** The phase probe (bench/phases.ts) on dataDir, through the same tsx loader as the CLI. */
export async function phaseProbe(dataDir: string): Promise<PhaseTimes & { spawnToHealthMs: number }> {
  const port = await freePort();
  const spawned = spawnNode(['bin/run-ts.js', 'bench/phases.ts', dataDir, String(port)], { QINGSHAN_LOG_LEVEL: 'warn' });
  try {
    const { match, at } = await spawned.line(/^PHASES (.*)$/, START_TIMEOUT_MS);
    const times = JSON.parse(match[1]!) as PhaseTimes;
    const code = await spawned.exited;
    if (code !== 0) throw new Error(`phase probe exited with ${code}: ${spawned.stderr.join('')}`);
    return { ...times, spawnToHealthMs: at - spawned.spawnedAt };
  } finally {
    await stop(spawned);
  }
}

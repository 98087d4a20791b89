// Child processes and temporary folders of a benchmark run: every one is tracked and cleaned up,
// on a normal end, on an error and on Ctrl-C alike.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../', import.meta.url));

const children = new Set<ChildProcess>();
const folders = new Set<string>();

function killAll(): void {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  children.clear();
}

function removeAll(): void {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
  folders.clear();
}

/** Kills every child and removes every folder when this process ends, however it ends. */
export function installCleanup(): void {
  process.on('exit', () => {
    killAll();
    removeAll();
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      console.error(`\nbench: ${signal}, stopping children and removing temporary folders`);
      process.exit(130);
    });
  }
}

export function cleanupNow(): void {
  killAll();
  removeAll();
}

/** An integer knob from the environment (unset or empty: `fallback`), refused outside min–max. */
export function count(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) throw new Error(`${name}=${raw}: an integer from ${min} to ${max}`);
  return value;
}

/** A new empty folder under the OS temporary directory, removed at the end of the run. */
export function tempFolder(label: string): string {
  const folder = mkdtempSync(join(tmpdir(), `qingshan-bench-${label}-`));
  folders.add(folder);
  return folder;
}

export function removeFolder(folder: string): void {
  rmSync(folder, { recursive: true, force: true });
  folders.delete(folder);
}

/** Runs `use` with a new temporary folder and removes the folder when it ends, however it ends. */
export async function inTempFolder<T>(label: string, use: (folder: string) => Promise<T>): Promise<T> {
  const folder = tempFolder(label);
  try {
    return await use(folder);
  } finally {
    removeFolder(folder);
  }
}

/** A port that was free a moment ago on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface Spawned {
  child: ChildProcess;
  /** performance.now() just before spawn. */
  spawnedAt: number;
  stdout: string[];
  stderr: string[];
  /** Resolves with the first stdout line matching, and when (performance.now()) it arrived. */
  line(pattern: RegExp, timeoutMs: number): Promise<{ match: RegExpMatchArray; at: number }>;
  exited: Promise<number | null>;
}

export function spawnNode(args: string[], env: Record<string, string> = {}): Spawned {
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: REPO,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  const stdout: string[] = [];
  const stderr: string[] = [];
  const waiters: { pattern: RegExp; resolve: (value: { match: RegExpMatchArray; at: number }) => void }[] = [];
  const seen: { text: string; at: number }[] = [];
  let partial = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    const at = performance.now();
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const text of lines) {
      stdout.push(text);
      seen.push({ text, at });
      for (let i = waiters.length - 1; i >= 0; i--) {
        const waiter = waiters[i]!;
        const match = text.match(waiter.pattern);
        if (match) {
          waiters.splice(i, 1);
          waiter.resolve({ match, at });
        }
      }
    }
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => stderr.push(chunk));
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      children.delete(child);
      resolve(code);
    });
    child.once('error', () => {
      children.delete(child);
      resolve(null);
    });
  });
  const line = (pattern: RegExp, timeoutMs: number) =>
    new Promise<{ match: RegExpMatchArray; at: number }>((resolve, reject) => {
      for (const { text, at } of seen) {
        const match = text.match(pattern);
        if (match) return resolve({ match, at });
      }
      const timer = setTimeout(() => reject(new Error(`no line ${pattern} within ${timeoutMs} ms\n${describe()}`)), timeoutMs);
      waiters.push({
        pattern,
        resolve: (value) => {
          clearTimeout(timer);
          resolve(value);
        },
      });
      void exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`child exited (code ${code}) before printing ${pattern}\n${describe()}`));
      });
    });
  const describe = () => `stdout:\n${stdout.join('\n')}\nstderr:\n${stderr.join('').slice(-4000)}`;
  return { child, spawnedAt, stdout, stderr, line, exited };
}

/** Asks the child to stop (SIGTERM), and kills it if it has not gone within graceMs. */
export async function stop(spawned: Spawned, graceMs = 15_000): Promise<void> {
  const { child } = spawned;
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await spawned.exited;
  clearTimeout(timer);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls GET url every intervalMs until it answers 200; returns performance.now() of that answer.
 * Fails if the child exits first or nothing answers within timeoutMs.
 */
export async function waitFor200(url: string, spawned: Spawned, timeoutMs: number, intervalMs = 10): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  let gone = false;
  void spawned.exited.then(() => {
    gone = true;
  });
  while (performance.now() < deadline) {
    if (gone) throw new Error(`child exited before ${url} answered 200\nstderr:\n${spawned.stderr.join('').slice(-4000)}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(5_000) });
      await response.arrayBuffer();
      if (response.status === 200) return performance.now();
    } catch {
      // not listening yet
    }
    await sleep(intervalMs);
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
}

/**
 * CPU time (user + system, ms) and resident memory (MiB) of a running child, from /proc (Linux).
 * CPU time hardly depends on what else the machine is doing, unlike wall-clock time.
 */
export function usage(pid: number | undefined): { cpuMs: number; rssMiB: number } | null {
  if (pid === undefined) return null;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may hold spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    const rssKiB = Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+)/m)?.[1]);
    return { cpuMs: (ticks * 1000) / CLOCK_TICKS, rssMiB: rssKiB / 1024 };
  } catch {
    return null;
  }
}

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

// Shared helpers of the end-to-end tests: build the web UI if needed, start the real server on a
// temp data folder (reading the administrator's one-time password it prints), launch Chromium.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { PGLITE_TEMPLATE } from '../support/db-config.ts';
import { QUIET_START } from '../support/cli.ts';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const shotsDir = join(root, 'test-results', 'screenshots');
export const CHROMIUM = process.env.QINGSHAN_CHROMIUM ?? '/usr/bin/chromium';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export async function waitForFile(path: string, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!existsSync(path)) {
    if (Date.now() > end) throw new Error(`${path} not found after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 2000));
  }
}

/** Builds web/dist when it is missing (the server serves it). */
export function ensureWebBuild(): void {
  mkdirSync(shotsDir, { recursive: true });
  if (existsSync(join(root, 'web', 'dist', 'index.html'))) return;
  const build = spawnSync(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('vite build failed');
}

export interface RunningServer {
  url: string;
  /** The administrator's one-time password, printed on the first start. */
  adminPassword: string;
  dataDir: string;
  log: () => string;
  /** Stops the server and removes its data folder. */
  stop: () => Promise<void>;
}

/**
 * Starts `qingshan start` on a free port and a new temp data folder. When the database tests' PGlite
 * template is there (npm test builds it first), the folder starts as a copy of it — migrated and
 * seeded, without an administrator — which spares each file the ≈20 s of initdb and CREATE EXTENSION
 * postgis; the server still migrates, seeds what is missing and prints the one-time password. The
 * cold first start itself is tested in test/cli.db.test.ts.
 */
export async function startServer(): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'qingshan-e2e-'));
  if (existsSync(`${PGLITE_TEMPLATE}.fingerprint`) && existsSync(PGLITE_TEMPLATE)) cpSync(PGLITE_TEMPLATE, dataDir, { recursive: true });
  const port = await freePort();
  let log = '';
  const child: ChildProcess = spawn(process.execPath, ['bin/qingshan.js', 'start', '--port', String(port), '--data-dir', dataDir], {
    cwd: root,
    env: { ...process.env, ...QUIET_START },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((r) => child.once('exit', () => r()));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise<void>((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  const started = new Promise<{ url: string; password: string }>((resolve, reject) => {
    let password = '';
    let settled = false;
    const timer = setTimeout(() => {
      if (!settled) {
        settled = true;
        reject(new Error(`server did not start in time:\n${log}`));
      }
    }, 150_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      const pw = /one-time password: (\S+)/.exec(log);
      if (pw) password = pw[1]!;
      if (/listening on (http:\/\/\S+)/.test(log) && !settled) {
        settled = true;
        clearTimeout(timer);
        if (!password) reject(new Error(`no one-time password printed:\n${log}`));
        else resolve({ url: `http://127.0.0.1:${port}`, password });
      }
    });
    child.stderr!.on('data', (c: Buffer) => {
      log += c.toString();
    });
    child.on('exit', (code) => {
      if (!settled) {
        settled = true;
        clearTimeout(timer);
        reject(new Error(`server exited with ${code}:\n${log}`));
      }
    });
  });
  try {
    const { url, password } = await started;
    return { url, adminPassword: password, dataDir, log: () => log, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

export async function launchChromium(): Promise<Browser> {
  await waitForFile(CHROMIUM, 170_000);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

// ---------- API set-up shared by the end-to-end tests ----------

/** The session cookie a response sets, ready for a Cookie header. */
export function cookieOf(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .join('; ');
}

/** The JSON body of a response, or an error naming the step and the server's answer. */
export async function readJson<T>(res: Response, what: string): Promise<T> {
  const text = await res.text();
  if (!res.ok) throw new Error(`${what}: HTTP ${res.status} ${text}`);
  return JSON.parse(text) as T;
}

/** Logs a user in with a one-time password, replaces it and returns a bearer token. */
export async function tokenFor(baseUrl: string, username: string, otp: string, password: string): Promise<string> {
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: otp }),
  });
  let cookie = cookieOf(login);
  const session = await readJson<{ csrfToken: string }>(login, `${username} login`);
  const changed = await fetch(`${baseUrl}/api/auth/password`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': session.csrfToken },
    body: JSON.stringify({ currentPassword: otp, newPassword: password }),
  });
  cookie = cookieOf(changed) || cookie;
  const after = await readJson<{ csrfToken: string }>(changed, `${username} password change`);
  const token = await fetch(`${baseUrl}/api/auth/tokens`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', cookie, 'x-csrf-token': after.csrfToken },
    body: JSON.stringify({ name: 'e2e set-up', expiresInDays: 1 }),
  });
  return (await readJson<{ token: string }>(token, `${username} token`)).token;
}

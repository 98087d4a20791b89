// Shared helpers of the end-to-end tests: build the web UI if needed, start the real server on a
// temp data folder (reading the administrator's one-time password it prints), launch Chromium.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { loadConfig } from '../../src/config/index.ts';
import type { Db } from '../../src/db/connect.ts';
import { prepareStorage } from '../../src/platform/boot.ts';
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

export interface ServerOptions {
  /** Runs the HJ 212 gateway on a free port (QUIET_START keeps it off); the server counts as started once both listen. */
  gateway?: boolean;
  /**
   * Writes rows into the data folder before the server starts: the folder is migrated and seeded and
   * gets its administrator first (a PGlite folder has one user at a time, so this cannot happen while
   * the server runs). The server then prints no one-time password; the administrator's comes from here.
   */
  prepare?: (db: Db) => Promise<void>;
  /** More environment for the server, over QUIET_START. */
  env?: Record<string, string>;
}

export interface RunningServer {
  url: string;
  /** The administrator's one-time password, printed on the first start. */
  adminPassword: string;
  /** The gateway's TCP port, when started with `gateway: true`. */
  gatewayPort?: number;
  dataDir: string;
  log: () => string;
  /** Stops the server and removes its data folder. */
  stop: () => Promise<void>;
}

/** A new temp data folder; a copy of the database tests' PGlite template when there is one. */
function newDataDir(): string {
  const dataDir = mkdtempSync(join(tmpdir(), 'qingshan-e2e-'));
  if (existsSync(`${PGLITE_TEMPLATE}.fingerprint`) && existsSync(PGLITE_TEMPLATE)) cpSync(PGLITE_TEMPLATE, dataDir, { recursive: true });
  return dataDir;
}

/** Migrates, seeds and runs `prepare` on the folder's database; returns the administrator's one-time password. */
async function prepareDataDir(dataDir: string, env: NodeJS.ProcessEnv, prepare: (db: Db) => Promise<void>): Promise<string> {
  const prepared = await prepareStorage(loadConfig(env, { dataDir }));
  try {
    await prepare(prepared.storage.db);
  } finally {
    await prepared.storage.close();
  }
  if (!prepared.administrator) throw new Error('the data folder already had an administrator');
  return prepared.administrator.password;
}

/**
 * Starts `qingshan start` on a free port and a new temp data folder. When the database tests' PGlite
 * template is there (npm test builds it first), the folder starts as a copy of it — migrated and
 * seeded, without an administrator — which spares each file the ≈20 s of initdb and CREATE EXTENSION
 * postgis; the server still migrates, seeds what is missing and prints the one-time password. The
 * cold first start itself is tested in test/cli.db.test.ts.
 */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const dataDir = newDataDir();
  const gatewayPort = options.gateway ? await freePort() : undefined;
  const env: NodeJS.ProcessEnv = { ...process.env, ...QUIET_START, ...options.env };
  if (gatewayPort !== undefined) Object.assign(env, { QINGSHAN_GATEWAY: 'on', QINGSHAN_GATEWAY_PORT: String(gatewayPort) });
  let preparedPassword = '';
  if (options.prepare) {
    // The rows are written to the data folder: the server must not use a database named elsewhere.
    delete env.DATABASE_URL;
    try {
      preparedPassword = await prepareDataDir(dataDir, env, options.prepare);
    } catch (e) {
      rmSync(dataDir, { recursive: true, force: true });
      throw e;
    }
  }
  const port = await freePort();
  let log = '';
  const child: ChildProcess = spawn(process.execPath, ['bin/qingshan.js', 'start', '--port', String(port), '--data-dir', dataDir], {
    cwd: root,
    env,
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
    let password = preparedPassword;
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
      const listening = /listening on http:\/\//.test(log) && (gatewayPort === undefined || /gateway listening on tcp/.test(log));
      if (listening && !settled) {
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
    return { url, adminPassword: password, ...(gatewayPort === undefined ? {} : { gatewayPort }), dataDir, log: () => log, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/**
 * Chooses an option of an antd Select and waits until the select shows it, so that nothing is sent before
 * the choice is on the field: a form sent straight after the click once went without it on a loaded CI
 * machine. A second try when the click was lost, as a person would choose again. `search` types the text
 * first: a virtual list renders only the options in view.
 */
export async function chooseOption(select: Locator, text: string, { search = false } = {}): Promise<void> {
  const page = select.page();
  for (let attempt = 1; ; attempt++) {
    await select.click();
    if (search) await page.keyboard.type(text);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: text }).first().click();
    try {
      await expect.poll(() => select.textContent(), { timeout: 5_000 }).toContain(text);
      return;
    } catch (e) {
      if (attempt === 2) throw e;
      console.warn(`the choice of ${text} did not reach the field; choosing again`);
      await page.keyboard.press('Escape');
    }
  }
}

/**
 * Clicks `target` until `shown` appears, at most twice. On a loaded machine a click on a button whose
 * dialog is still growing (a row just added) can land where the button was: the form is then never sent.
 * Only for clicks that may safely happen twice, such as sending a form that is to be refused.
 */
export async function clickUntilShown(target: Locator, shown: Locator, what: string): Promise<void> {
  await target.click();
  try {
    await shown.waitFor({ timeout: 5_000 });
  } catch {
    console.warn(`${what} did not appear after the click; clicking again`);
    await target.click();
    await shown.waitFor();
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

/** The id of the organisation whose key is `key`, looked up by its name. */
export async function organisationId(baseUrl: string, token: string, name: string, key: string): Promise<number> {
  const res = await fetch(`${baseUrl}/api/organisations?q=${encodeURIComponent(name)}&pageSize=50`, { headers: { authorization: `Bearer ${token}` } });
  const found = (await readJson<{ items: { id: number; key: string }[] }>(res, `organisations ${name}`)).items.find((o) => o.key === key);
  if (!found) throw new Error(`organisation ${key} not found`);
  return found.id;
}

export interface NewUser {
  username: string;
  displayName: string;
  role: string;
  organisationId: number;
}

/** Creates an account through the API and returns its one-time password. */
export async function createUser(baseUrl: string, token: string, user: NewUser): Promise<string> {
  const res = await fetch(`${baseUrl}/api/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(user),
  });
  const created = await readJson<{ initialPassword?: string }>(res, `create ${user.username}`);
  if (!created.initialPassword) throw new Error('no one-time password for the new user');
  return created.initialPassword;
}

// ---------- A test file's platform and browser ----------

export interface ShotOptions {
  /** Starts each file name, before the two-digit step number: `emissions-` gives emissions-01-name.png. */
  prefix: string;
  /** The folder; test-results/screenshots/ unless told. */
  dir?: string;
  /** How long transitions and messages get to settle before the picture, in ms. */
  settleMs?: number;
  /** Scrolls to the top before a full-page picture, so the sticky header is not drawn over its middle. */
  scrollToTop?: boolean;
  /** Whether a picture is of the full page unless `snap` is told otherwise. */
  fullPage?: boolean;
}

export interface SessionOptions {
  /**
   * The administrator's own password: the printed one-time password is replaced with it through the
   * API, and `token` is the administrator's. Without it nothing is logged in and
   * `server.adminPassword` is still the one-time password, for a test that walks through the change.
   */
  adminPassword?: string;
  /** Logs the administrator in through the form at the end of the set-up; the default when adminPassword is given. */
  signIn?: boolean;
  viewport?: { width: number; height: number };
  locale?: string;
  shots: ShotOptions;
  server?: ServerOptions;
}

export interface E2eSession {
  server: RunningServer;
  baseUrl: string;
  /** The administrator's bearer token; '' without `adminPassword`. */
  token: string;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** The path of the next numbered picture: for a test that takes it its own way. */
  shotPath(name: string): string;
  /** Takes the next numbered picture of the page. */
  snap(name: string, options?: { fullPage?: boolean }): Promise<void>;
  /**
   * Logs in through the login page, the session's cookies cleared first, and waits for the page it
   * lands on: the dashboard, or `landing` (the password change, for a one-time password).
   */
  login(username: string, password: string, landing?: RegExp): Promise<void>;
  /** On the forced password change after a one-time password: replaces it and waits for the dashboard. */
  changePassword(current: string, next: string): Promise<void>;
  /** Closes the browser and stops the server; never throws for the browser. */
  close(): Promise<void>;
}

/**
 * The set-up every end-to-end file shares: the web build, the server, the administrator's token,
 * Chromium with one page (20 s default waits), and the administrator logged in through the form.
 * What is started is stopped again when a later step fails.
 */
export async function openSession(options: SessionOptions): Promise<E2eSession> {
  ensureWebBuild();
  const shots = { dir: shotsDir, settleMs: 700, scrollToTop: true, fullPage: true, ...options.shots };
  mkdirSync(shots.dir, { recursive: true });
  const server = await startServer(options.server);
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  const close = async () => {
    await context?.close().catch(() => undefined);
    await browser?.close().catch(() => undefined);
    await server.stop();
  };
  try {
    const baseUrl = server.url;
    const token = options.adminPassword ? await tokenFor(baseUrl, 'admin', server.adminPassword, options.adminPassword) : '';
    browser = await launchChromium();
    // Reduced motion, as a person may ask their system for: dialogs and drop-downs open at once. A click
    // sent while one still zoomed or slid in could land beside its target on a loaded CI machine (a
    // choice not made, a form not sent). shell.test.ts checks the motion with and without it.
    context = await browser.newContext({
      viewport: options.viewport ?? { width: 1440, height: 900 },
      locale: options.locale ?? 'zh-CN',
      reducedMotion: 'reduce',
    });
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    const openContext = context;

    let shot = 0;
    const shotPath = (name: string) => {
      shot += 1;
      return join(shots.dir, `${shots.prefix}${String(shot).padStart(2, '0')}-${name}.png`);
    };
    const snap = async (name: string, { fullPage = shots.fullPage }: { fullPage?: boolean } = {}) => {
      const path = shotPath(name);
      if (fullPage && shots.scrollToTop) await page.evaluate(() => window.scrollTo(0, 0));
      await page.waitForTimeout(shots.settleMs);
      await page.screenshot({ path, fullPage });
    };
    const login = async (username: string, password: string, landing: RegExp = /\/dashboard$/) => {
      await openContext.clearCookies();
      await page.goto(`${baseUrl}/login`);
      await page.getByLabel('用户名').fill(username);
      await page.getByLabel('密码').fill(password);
      await page.getByTestId('login-submit').click();
      await page.waitForURL(landing);
    };
    const changePassword = async (current: string, next: string) => {
      await page.getByLabel('当前密码').fill(current);
      await page.getByLabel('新密码', { exact: true }).fill(next);
      await page.getByLabel('确认新密码').fill(next);
      await page.getByTestId('password-submit').click();
      await page.waitForURL(/\/dashboard$/);
    };

    if (options.adminPassword && (options.signIn ?? true)) await login('admin', options.adminPassword);
    return { server, baseUrl, token, browser, context, page, shotPath, snap, login, changePassword, close };
  } catch (e) {
    await close();
    throw e;
  }
}

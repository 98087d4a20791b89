// Request latency under load, with autocannon's programmatic API, against a platform on 127.0.0.1 only.
import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import { percentile } from './report.ts';

export interface LoadOptions {
  connections: number;
  durationSeconds: number;
  /** A hard cap on responses, so a run is bounded in count as well as in time. */
  maxRequests: number;
}

export interface LoadResult {
  label: string;
  url: string;
  durationSeconds: number;
  responses: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  requestsPerSecond: number;
  /** Percentiles of the steady state: every response except each connection's first. */
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
  /** The same over all responses, each connection's first included (see load()). */
  all: { p50: number; p95: number; p99: number; max: number };
  /** Responses in each whole second of the run: a second with few of them shows a stall, not a queue. */
  perSecond: number[];
  /** CPU time the server process used during the run ÷ the run's duration (1 = one core busy throughout). */
  serverCpuShare?: number;
}

function local(url: string): string {
  const parsed = new URL(url);
  if (parsed.hostname !== '127.0.0.1') throw new Error(`refusing to load anything but 127.0.0.1: ${url}`);
  return url;
}

/**
 * Runs autocannon against url and computes p50/p95/p99 from every response time
 * (autocannon's own summary has p97.5 but no p95).
 *
 * autocannon opens all its connections at once, and a server whose one thread is saturated serves the
 * connections it already has before it gets to the first request of some of the others: a few first
 * requests wait seconds, whatever the server does (a bare node:http server with 2 ms of CPU per request
 * shows the same). So the main percentiles leave out each connection's first response, and the ones
 * over all responses are kept beside them.
 */
export async function load(label: string, url: string, options: LoadOptions, headers: Record<string, string> = {}): Promise<LoadResult> {
  const times: number[] = [];
  const steady: number[] = [];
  const connected = new WeakSet<object>();
  const perSecond: number[] = [];
  let ok = 0;
  const started = performance.now();
  const instance = autocannon({
    url: local(url),
    connections: options.connections,
    duration: options.durationSeconds,
    maxOverallRequests: options.maxRequests,
    timeout: 10,
    headers,
  });
  instance.on('response', (client, statusCode, _bytes, responseTime) => {
    times.push(responseTime);
    if (typeof client === 'object' && client !== null) {
      if (connected.has(client)) steady.push(responseTime);
      else connected.add(client);
    }
    if (statusCode === 200) ok++;
    const second = Math.floor((performance.now() - started) / 1000);
    perSecond[second] = (perSecond[second] ?? 0) + 1;
  });
  // A guard in case autocannon never finishes: stop it well after its own duration.
  const guard = setTimeout(() => instance.stop(), (options.durationSeconds + 30) * 1000);
  const result = await instance;
  clearTimeout(guard);
  const sorted = Float64Array.from(steady).sort();
  const sortedAll = Float64Array.from(times).sort();
  const sum = steady.reduce((a, b) => a + b, 0);
  return {
    label,
    url,
    durationSeconds: result.duration,
    responses: times.length,
    ok,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    requestsPerSecond: ok / result.duration,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.length ? sorted[sorted.length - 1]! : Number.NaN,
    mean: steady.length ? sum / steady.length : Number.NaN,
    all: {
      p50: percentile(sortedAll, 50),
      p95: percentile(sortedAll, 95),
      p99: percentile(sortedAll, 99),
      max: sortedAll.length ? sortedAll[sortedAll.length - 1]! : Number.NaN,
    },
    // The last, partial second (autocannon stops a little after the duration) is left out.
    perSecond: Array.from(perSecond.slice(0, Math.floor(result.duration)), (n) => n ?? 0),
  };
}

async function call(base: string, path: string, init: { method?: string; body?: unknown; cookie?: string; csrf?: string }) {
  const headers: Record<string, string> = {};
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  if (init.cookie) headers.cookie = init.cookie;
  if (init.csrf) headers['x-csrf-token'] = init.csrf;
  const response = await fetch(local(base + path), {
    method: init.method ?? 'GET',
    headers,
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  const text = await response.text();
  const cookie = response.headers
    .getSetCookie()
    .map((value) => value.split(';')[0]!)
    .find((value) => value.startsWith('qs_session='));
  return { status: response.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {}, cookie };
}

/**
 * Logs in as the administrator with the one-time password, replaces it as the platform requires,
 * and creates a bearer token for the load run.
 */
export async function bearerToken(base: string, oneTimePassword: string): Promise<string> {
  const login = await call(base, '/api/auth/login', { method: 'POST', body: { username: 'admin', password: oneTimePassword } });
  if (login.status !== 200 || !login.cookie) throw new Error(`login: ${login.status} ${JSON.stringify(login.json)}`);
  const newPassword = `Bench${randomBytes(9).toString('base64url')}7q`;
  const changed = await call(base, '/api/auth/password', {
    method: 'POST',
    body: { currentPassword: oneTimePassword, newPassword },
    cookie: login.cookie,
    csrf: String(login.json.csrfToken),
  });
  if (changed.status !== 200 || !changed.cookie) throw new Error(`password change: ${changed.status} ${JSON.stringify(changed.json)}`);
  const created = await call(base, '/api/auth/tokens', {
    method: 'POST',
    body: { name: 'benchmark' },
    cookie: changed.cookie,
    csrf: String(changed.json.csrfToken),
  });
  if (created.status !== 201 || typeof created.json.token !== 'string') throw new Error(`token: ${created.status} ${JSON.stringify(created.json)}`);
  return created.json.token;
}

/** One authenticated request by hand, so a wrong token fails loudly before the load run. */
export async function checkList(base: string, path: string, token: string): Promise<number> {
  const response = await fetch(local(base + path), { headers: { authorization: `Bearer ${token}` } });
  const body = (await response.json()) as { items?: unknown[]; total?: number };
  if (response.status !== 200 || !Array.isArray(body.items)) throw new Error(`${path}: ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
  return body.items.length;
}

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FastifyBaseLogger } from 'fastify';
import { startAlertScans } from '../../src/monitoring/alerts/scheduler.ts';
import { cstIso } from '../../src/monitoring/data/time.ts';
import { setSetting } from '../../src/settings/store.ts';
import { startTestApp, userWithToken, type TestApp } from '../support/app.ts';

// The server's timer: scans at the interval the setting gives, then waits again, until stopped.
let t: TestApp;
const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

const openAlerts = async () => (await t.db.selectFrom('monitoring_alert').select('id').where('closed_at', 'is', null).execute()).length;

beforeAll(async () => {
  t = await startTestApp();
  const { token } = await userWithToken(t.db, { username: 'scheduler-coordinator', role: 'coordinator', organisation: 'shi-huanweiban' });
  // One heavy-pollution hour: a scan opens one alert.
  const hourEnd = Math.floor(Date.now() / HOUR_MS) * HOUR_MS;
  const at = cstIso(hourEnd).slice(0, 16).replace('T', ' ');
  const pushed = await t.app.inject({
    method: 'POST',
    url: '/api/monitoring/air/push',
    headers: { authorization: `Bearer ${token}` },
    payload: { records: [{ site: 'BZ-AIR-NBYQ', at, values: { pm2_5: 200 } }] },
  });
  expect(pushed.statusCode, pushed.body).toBe(200);
});
afterAll(async () => {
  vi.restoreAllMocks();
  await t?.close();
});

/** The scheduler's waits (a minute or more), held here instead of the clock; shorter timers run as usual. */
function holdLongTimers() {
  const held: { run: () => void; ms: number; handle: NodeJS.Timeout }[] = [];
  const realSetTimeout = globalThis.setTimeout;
  vi.spyOn(globalThis, 'setTimeout').mockImplementation(((run: () => void, ms?: number, ...rest: unknown[]) => {
    if ((ms ?? 0) < MINUTE_MS) return realSetTimeout(run, ms, ...rest);
    const handle = { unref: () => handle, ref: () => handle, hasRef: () => false } as unknown as NodeJS.Timeout;
    held.push({ run, ms: ms!, handle });
    return handle;
  }) as typeof setTimeout);
  const cleared = vi.spyOn(globalThis, 'clearTimeout');
  return { held, cleared };
}

describe('periodic alert scans', () => {
  it('waits the set interval, scans, waits again, and stops when asked', async () => {
    await setSetting(t.db, 'monitoring_alert_scan_minutes', 3);
    const log = { info: vi.fn(), error: vi.fn() } as unknown as FastifyBaseLogger;
    const { held, cleared } = holdLongTimers();
    const scans = startAlertScans(t.db, log);
    await vi.waitFor(() => expect(held).toHaveLength(1));
    expect(held[0]!.ms).toBe(3 * MINUTE_MS);
    expect(await openAlerts()).toBe(0);

    held[0]!.run();
    await vi.waitFor(() => expect(held).toHaveLength(2), { timeout: 20_000 });
    expect(log.info).toHaveBeenCalledTimes(1);
    expect(log.error).not.toHaveBeenCalled();
    expect(await openAlerts()).toBe(1);

    await scans.stop();
    expect(cleared).toHaveBeenCalledWith(held[1]!.handle);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, userWithToken, type TestApp } from '../support/app.ts';

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await startTestApp();
  admin = (await userWithToken(t.db, { username: 'settings-admin', role: 'admin', organisation: 'bazhong' })).token;
});
afterAll(async () => t?.close());

const headers = () => ({ authorization: `Bearer ${admin}` });

describe('settings', () => {
  it('lists the configurable settings with their defaults and the seeded coordinator', async () => {
    const list = (await t.app.inject({ method: 'GET', url: '/api/settings', headers: headers() })).json() as { key: string; value: unknown }[];
    const byKey = Object.fromEntries(list.map((s) => [s.key, s.value]));
    expect(byKey.task_colour_thresholds).toEqual({ nearDays: 30, reportOverdueRedDays: 30 });
    expect(byKey.recheck_intervals_days).toEqual([90, 180]);
    const coordinator = await t.db.selectFrom('organisation').select('id').where('key', '=', 'shi-huanweiban').executeTakeFirstOrThrow();
    expect(byKey.coordinator_organisation).toBe(coordinator.id);
  });

  it('refuses a value of the wrong shape, naming the field, and changes nothing', async () => {
    const bad = await t.app.inject({ method: 'PUT', url: '/api/settings/task_colour_thresholds', headers: headers(), payload: { value: { nearDays: -1, reportOverdueRedDays: 30 } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('value.nearDays');
    const unknown = await t.app.inject({ method: 'PUT', url: '/api/settings/nonsense', headers: headers(), payload: { value: 1 } });
    expect(unknown.statusCode).toBe(404);
  });

  it('applies new thresholds to the colours at once, and audits the change', async () => {
    const before = (await t.app.inject({ method: 'GET', url: '/api/tasks/lists', headers: headers() })).json() as { key: string; yellow: number; red: number }[];
    const ok = await t.app.inject({ method: 'PUT', url: '/api/settings/task_colour_thresholds', headers: headers(), payload: { value: { nearDays: 30, reportOverdueRedDays: 100000 } } });
    expect(ok.statusCode, ok.body).toBe(400);
    const changed = await t.app.inject({ method: 'PUT', url: '/api/settings/task_colour_thresholds', headers: headers(), payload: { value: { nearDays: 30, reportOverdueRedDays: 365 } } });
    expect(changed.statusCode).toBe(200);
    const after = (await t.app.inject({ method: 'GET', url: '/api/tasks/lists', headers: headers() })).json() as { key: string; yellow: number; red: number }[];
    // Items whose only red reason was a report overdue by less than a year turn yellow.
    const total = (lists: { yellow: number; red: number }[]) => lists.reduce((n, l) => n + l.yellow, 0);
    expect(total(after)).toBeGreaterThanOrEqual(total(before));
    const audit = await t.db.selectFrom('audit_entry').select(['before', 'after']).where('entity', '=', 'setting').executeTakeFirstOrThrow();
    expect(audit).toEqual({ before: { nearDays: 30, reportOverdueRedDays: 30 }, after: { nearDays: 30, reportOverdueRedDays: 365 } });
  });
});

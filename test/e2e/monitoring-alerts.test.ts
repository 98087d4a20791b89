// End-to-end test of 监测预警 (monitoring alerts) against the real server, in headless Chromium. Data
// arrive through the monitoring push API (an hour of PM2.5 200 µg/m³ at 市中心医院南坝院区, a class-Ⅲ
// sample at the class-Ⅱ section 金碑), a scan is asked for through the API, and the administrator opens
// 监测预警 from the monitoring views, reads both alerts with their unit, figures and standard, filters
// them, clicks 发起督办 on the section's alert and lands on the new 督办 item, whose units are 巴州区
// (responsible) and 市生态环境局 (lead); back on the alerts page the alert links to its item.
// A picture of each step goes to test-results/screenshots/monitoring-alerts-NN-*.png.
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseOption, createUser, openSession, organisationId, readJson, type E2eSession } from './support.ts';

const ADMIN_PASSWORD = 'Qingshan2025alerts';
const HOUR_MS = 3_600_000;

let session: E2eSession | undefined;
let baseUrl = '';
let token = '';
let page: Page;

/** An instant as the import reads it: YYYY-MM-DD HH:mm in China Standard Time. */
const cst = (ms: number) => new Date(ms + 8 * HOUR_MS).toISOString().slice(0, 16).replace('T', ' ');
const hourEnd = Math.floor(Date.now() / HOUR_MS) * HOUR_MS;

const snap: E2eSession['snap'] = (...args) => session!.snap(...args);

async function apiPost<T>(path: string, body: unknown, what: string): Promise<T> {
  const res = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return readJson<T>(res, what);
}

const row = (code: string) => page.locator(`tr[data-code="${code}"]`);

describe('监测预警 (monitoring alerts)', () => {
  beforeAll(async () => {
    session = await openSession({ adminPassword: ADMIN_PASSWORD, shots: { prefix: 'monitoring-alerts-' } });
    ({ baseUrl, token, page } = session);
  });

  afterAll(() => session?.close());

  it('raises alerts from pushed data when a scan is asked for', async () => {
    await apiPost('/api/monitoring/air/push', { records: [{ site: 'BZ-AIR-NBYQ', at: cst(hourEnd), values: { pm2_5: 200, pm10: 150 } }] }, 'air push');
    await apiPost(
      '/api/monitoring/water/push',
      { records: [{ site: 'SW-JB', at: cst(hourEnd - 24 * HOUR_MS), mode: 'manual', values: { ph: 7.6, do: 7, codmn: 3, nh3_n: 0.8 } }] },
      'water push',
    );
    const scan = await apiPost<{ opened: number; open: number }>('/api/monitoring/alerts/scan', {}, 'scan');
    expect(scan).toMatchObject({ opened: 2, open: 2 });
  });

  it('lists the alerts with their unit, figures and standard', async () => {
    await page.goto(`${baseUrl}/monitoring`);
    await page.getByTestId('monitoring-nav').getByText('监测预警').click();
    await page.waitForURL(/\/monitoring\/alerts$/);
    await expect.poll(() => page.getByTestId('alert-row').count()).toBe(2);

    const heavy = row('BZ-AIR-NBYQ');
    expect(await heavy.getByTestId('alert-kind').textContent()).toBe('空气重污染');
    expect(await heavy.getByTestId('alert-organisation').textContent()).toBe('巴州区');
    // PM2.5 200 µg/m³: IAQI 250 (HJ 633-2026 indexes the 1-h PM2.5 on the 24-h breakpoints 150 → 200, 250 → 300).
    expect(await heavy.getByTestId('alert-detail').textContent()).toContain('实时 AQI 250（重度污染）');
    expect(await heavy.getByTestId('alert-standard').textContent()).toBe('依据 HJ633-2026');

    const section = row('SW-JB');
    expect(await section.getByTestId('alert-kind').textContent()).toBe('断面未达目标');
    const detail = await section.getByTestId('alert-detail').textContent();
    expect(detail).toContain('水质为Ⅲ类，未达到目标Ⅱ类');
    // NH3-N 0.8 over the class-Ⅱ limit 0.5: (0.8 − 0.5)/0.5 = 0.6 times.
    expect(detail).toContain('氨氮 0.8（Ⅲ类，限值 0.5，超标 0.6 倍）');
    expect(await section.getByTestId('alert-standard').textContent()).toBe('依据 GB3838-2002');
    await snap('list');
  });

  it('filters by kind', async () => {
    await chooseOption(page.getByTestId('alert-filter-kind'), '断面未达目标');
    await page.waitForURL(/kind=section_below_target/);
    await expect.poll(() => page.getByTestId('alert-row').count()).toBe(1);
    await snap('filtered');
  });

  it('opens a 督办 item in one click and lands on it; the alert then links to it', async () => {
    await row('SW-JB').getByTestId('alert-supervise').click();
    await page.waitForURL(/\/tasks\/items\/\d+$/);
    const itemId = Number(new URL(page.url()).pathname.split('/').pop());
    await page.getByTestId('task-header').waitFor();
    expect(await page.getByTestId('task-header').textContent()).toContain('金碑');
    expect(await page.getByTestId('task-text').textContent()).toContain('氨氮 0.8 mg/L');
    const units = (await page.getByTestId('task-units').textContent()) ?? '';
    expect(units).toContain('巴州区');
    expect(units).toContain('市生态环境局');
    expect(await page.getByTestId('task-item').textContent()).toContain('环境监测预警督办');
    await snap('task-item');

    await page.goto(`${baseUrl}/monitoring/alerts`);
    await row('SW-JB').getByTestId('alert-task-link').waitFor();
    expect(await row('SW-JB').getByTestId('alert-task-link').getAttribute('href')).toBe(`/tasks/items/${itemId}`);
    // Only task managers see 发起督办; the other alert still offers it to the administrator.
    await row('BZ-AIR-NBYQ').getByTestId('alert-supervise').waitFor();
    await snap('linked');
  });

  it("shows 巴州区's user the alerts in the inbox; the user acknowledges one but may not open a 督办 item", async () => {
    const bazhou = await organisationId(baseUrl, token, '巴州区', 'bazhou');
    const oneTime = await createUser(baseUrl, token, { username: 'bazhou-alerts', displayName: '巴州区预警联络员', role: 'district_user', organisationId: bazhou });
    await session!.login('bazhou-alerts', oneTime, /\/change-password$/);
    await session!.changePassword(oneTime, 'Bazhou2026alerts');

    await page.goto(`${baseUrl}/tasks/inbox`);
    const card = page.getByTestId('inbox-monitoring-alerts');
    await card.waitFor();
    await expect.poll(() => card.getByTestId('inbox-alert').count()).toBe(2);
    expect(await card.textContent()).toContain('金碑');
    await snap('inbox');

    await page.goto(`${baseUrl}/monitoring/alerts`);
    await row('BZ-AIR-NBYQ').waitFor();
    expect(await page.getByTestId('alert-supervise').count()).toBe(0);
    await row('BZ-AIR-NBYQ').getByTestId('alert-acknowledge').click();
    await row('BZ-AIR-NBYQ').getByTestId('alert-acknowledged').waitFor();
    expect(await row('BZ-AIR-NBYQ').getByTestId('alert-acknowledged').textContent()).toContain('巴州区预警联络员');
    await snap('acknowledged');
  });
});

// End-to-end test of 数据采集网关 against the real server with its HJ 212 gateway on, in headless Chromium.
// A device is registered through the API; a fake device connects to the gateway and sends an hour of
// data; the administrator opens 数据采集网关 from the monitoring views, sees the gateway running and the
// device online, opens its drawer with the latest values (named as the store names them) and clicks 读取时钟: the fake device answers
// the 1011 with a clock 90 s ahead, and the drawer shows the command done with that offset. Last, the
// device is renamed in the edit modal.
// A picture of each step goes to test-results/screenshots/monitoring-gateway-NN-*.png.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatSystemTime } from '../../src/gateway/codec/clock-text.ts';
import { DeviceClient, frame, hourSegment } from '../gateway/device-client.ts';
import { openSession, readJson, type E2eSession } from './support.ts';

const ADMIN_PASSWORD = 'Qingshan2025gateway';
const MN = 'QSE2E0000000000000000001';
const PW = 'e2epw123';

let session: E2eSession | undefined;
let baseUrl = '';
let gatewayPort = 0;
let token = '';
let page: Page;
let device: DeviceClient | undefined;

const snap: E2eSession['snap'] = (...args) => session!.snap(...args);

async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return readJson<T>(res, `${method} ${path}`);
}

describe('数据采集网关 (gateway page)', () => {
  beforeAll(async () => {
    session = await openSession({
      adminPassword: ADMIN_PASSWORD,
      shots: { prefix: 'monitoring-gateway-', scrollToTop: false },
      server: { gateway: true },
    });
    ({ baseUrl, token, page } = session);
    gatewayPort = session.server.gatewayPort!;
  });

  afterAll(async () => {
    device?.close();
    await session?.close();
  });

  it('shows the empty state, then a registered device offline', async () => {
    await page.goto(`${baseUrl}/monitoring`);
    await page.getByTestId('monitoring-nav').getByText('数据采集网关').click();
    await page.waitForURL(/\/monitoring\/gateway$/);
    await page.getByText('尚未登记数采仪').waitFor();
    await expect.poll(() => page.getByTestId('gateway-status').getAttribute('data-running'), { timeout: 20_000 }).toBe('true');
    await snap('empty');

    await api('POST', '/api/gateway/devices', { mn: MN, name: '南坝院区数采仪', password: PW, site: 'BZ-AIR-NBYQ' });
    await page.reload();
    const row = page.locator(`tr[data-mn="${MN}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-online')).toBe('false');
  });

  it('shows the device online with its data once it connects and sends an hour', async () => {
    device = await DeviceClient.open(gatewayPort);
    const qn = '20260301090000001';
    device.send(frame(hourSegment({ qn, mn: MN, pw: PW, dataTime: '20260301080000', values: 'a34004-Avg=35,a34004-Flag=N;a34002-Avg=80,a34002-Flag=D' })));
    await device.until(() => device!.replyTo(qn) !== undefined);
    const row = page.locator(`tr[data-mn="${MN}"]`);
    await expect
      .poll(
        async () => {
          await page.getByRole('button', { name: /刷新|reload/i }).first().click().catch(() => page.reload());
          return row.getAttribute('data-online');
        },
        { timeout: 20_000, interval: 1_500 },
      )
      .toBe('true');
    expect(await row.getByTestId('gateway-packets').textContent()).toBe('1');
    expect(await row.getByTestId('gateway-online').textContent()).toBe('在线');
    await snap('online');
  });

  it('opens the drawer and reads the device clock', async () => {
    const row = page.locator(`tr[data-mn="${MN}"]`);
    await row.getByTestId('gateway-device-open').click();
    const drawer = page.getByTestId('gateway-drawer');
    await drawer.getByTestId('gateway-readings').waitFor();
    expect(await drawer.getByTestId('gateway-readings').locator('tbody tr').count()).toBe(2);
    // Each value under the store's name and unit, in the store's order of parameters (PM₁₀ before PM₂.₅), once the parameters have come.
    const names = () => drawer.getByTestId('gateway-readings').locator('tbody tr td:first-child').allInnerTexts();
    await expect.poll(names).toEqual(['PM₁₀（μg/m³）', 'PM₂.₅（μg/m³）']);

    // The fake device answers a 1011 with its clock 90 s ahead: 9011, the 1011 upload, 9012.
    const answered = device!.until(() => device!.replies.some((r) => r.cn === '1011'), 20_000).then(() => {
      const request = device!.replies.find((r) => r.cn === '1011')!;
      const cp = (cn: string, text: string, st = '91') => frame(`QN=${request.qn};ST=${st};CN=${cn};PW=${PW};MN=${MN};Flag=4;CP=&&${text}&&`);
      device!.send(cp('9011', 'QnRtn=1'));
      device!.send(cp('1011', `SystemTime=${formatSystemTime(new Date(Date.now() + 90_000))}`, '22'));
      device!.send(cp('9012', 'ExeRtn=1'));
    });
    await drawer.getByTestId('gateway-get-time').click();
    await answered;
    const command = drawer.getByTestId('gateway-command').first();
    await expect.poll(() => command.getAttribute('data-state'), { timeout: 20_000 }).toBe('done');
    const outcome = (await command.getByTestId('gateway-command-outcome').textContent()) ?? '';
    expect(outcome).toMatch(/比平台快 (8[89]|9[01]) 秒/);
    await snap('clock-read');
  });

  it('renames the device in the edit modal', async () => {
    await page.keyboard.press('Escape');
    await page.getByTestId('gateway-drawer').waitFor({ state: 'hidden' });
    const row = page.locator(`tr[data-mn="${MN}"]`);
    await row.getByTestId('gateway-device-edit').click();
    const modal = page.getByTestId('gateway-device-modal');
    await modal.waitFor();
    expect(await modal.getByTestId('gateway-field-mn').isDisabled()).toBe(true);
    await modal.getByTestId('gateway-field-name').fill('南坝院区空气站数采仪');
    await snap('edit');
    await page.getByTestId('gateway-device-submit').click();
    await modal.waitFor({ state: 'hidden' });
    await expect.poll(() => row.getByTestId('gateway-device-open').textContent()).toBe('南坝院区空气站数采仪');
  });
});

// End-to-end test of 企业排放 against the real server, in headless Chromium. The administrator opens
// 企业排放 from the navigation, registers an enterprise in 巴州区 through the form (landing on its
// page), adds its stack DA001 and an SO₂ hour limit with its standard and clause; a user of the new
// enterprise then sees that enterprise only, without the managers' buttons, and its (empty) list of
// open exceedance events. The events themselves come from the gateway's data, which this server runs
// without (QUIET_START); their judgement, listing and acknowledging are tested in
// test/emissions/emissions.db.test.ts. A picture of each step goes to test-results/screenshots/emissions-NN-*.png.
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseOption, createUser, openSession, readJson, type E2eSession } from './support.ts';

const ADMIN_PASSWORD = 'Qingshan2025emissions';

let session: E2eSession | undefined;
let baseUrl = '';
let token = '';
let page: Page;
let enterpriseId = 0;

const snap: E2eSession['snap'] = (...args) => session!.snap(...args);

describe('企业排放 (enterprise emissions)', () => {
  beforeAll(async () => {
    session = await openSession({ adminPassword: ADMIN_PASSWORD, shots: { prefix: 'emissions-' } });
    ({ baseUrl, token, page } = session);
  });

  afterAll(() => session?.close());

  it('registers an enterprise through the form and lands on its page', async () => {
    await page.getByRole('menuitem', { name: /企业排放/ }).click();
    await page.waitForURL(/\/emissions$/);
    await page.getByTestId('emissions-page').waitFor();
    await page.getByTestId('enterprise-create').click();
    const modal = page.getByTestId('enterprise-modal');
    await modal.getByLabel('企业名称').fill('巴中青山热电有限公司');
    await modal.getByLabel('统一社会信用代码').fill('91511900MA6CXY1234');
    await chooseOption(modal.getByTestId('enterprise-district'), '巴州区');
    await modal.getByLabel('行业').fill('火力发电');
    await snap('register');
    await page.getByTestId('enterprise-modal-submit').click();
    await page.waitForURL(/\/emissions\/enterprises\/\d+$/);
    enterpriseId = Number(new URL(page.url()).pathname.split('/').pop());
    await expect.poll(() => page.getByTestId('enterprise-name').textContent()).toBe('巴中青山热电有限公司');
    expect(await page.getByTestId('enterprise-page').textContent()).toContain('巴州区');
  });

  it('adds an outlet and a limit with its standard and clause; a limit without its clause is refused in the form', async () => {
    await page.getByTestId('outlet-create').click();
    const outlet = page.getByTestId('outlet-modal');
    await outlet.getByLabel('排放口编号').fill('DA001');
    await outlet.getByLabel('排放口名称').fill('1号锅炉烟囱');
    await page.getByTestId('outlet-modal-submit').click();
    await page.getByTestId('outlet-card').waitFor();
    expect(await page.getByTestId('outlet-card').textContent()).toContain('DA001 1号锅炉烟囱');

    await page.getByTestId('limit-create').click();
    const limit = page.getByTestId('limit-modal');
    await limit.getByLabel('污染物编码').fill('a21026');
    await limit.getByLabel('限值').fill('35');
    await limit.getByLabel('单位').fill('mg/m3');
    await limit.getByLabel('标准').fill('GB 13223-2011');
    await page.getByTestId('limit-modal-submit').click();
    await limit.getByText('必填').waitFor();
    await limit.getByLabel('条款').fill('表1 燃煤锅炉');
    await snap('limit');
    await page.getByTestId('limit-modal-submit').click();
    const row = page.locator('tr[data-factor="a21026"]');
    await row.waitFor();
    expect(await row.getByTestId('limit-value').textContent()).toBe('35 mg/m3');
    expect(await row.getByTestId('limit-standard').textContent()).toBe('GB 13223-2011 表1 燃煤锅炉');
    expect(await page.getByTestId('event-table').textContent()).toContain('当前没有未关闭的超标事件');
    await snap('enterprise');
  });

  it('shows a user of the enterprise its own enterprise only, without the managers’ buttons', async () => {
    const detail = await readJson<{ organisationId: number }>(
      await fetch(`${baseUrl}/api/emissions/enterprises/${enterpriseId}`, { headers: { authorization: `Bearer ${token}` } }),
      'enterprise',
    );
    const oneTime = await createUser(baseUrl, token, {
      username: 'qingshan-power',
      displayName: '青山热电环保专员',
      role: 'enterprise_user',
      organisationId: detail.organisationId,
    });
    await session!.login('qingshan-power', oneTime, /\/change-password$/);
    await session!.changePassword(oneTime, 'Qingshan2026power');

    await page.goto(`${baseUrl}/emissions`);
    await expect.poll(() => page.getByTestId('enterprise-row').count()).toBe(1);
    expect(await page.getByTestId('enterprise-row').getAttribute('data-name')).toBe('巴中青山热电有限公司');
    expect(await page.getByTestId('enterprise-create').count()).toBe(0);
    await page.getByTestId('enterprise-link').click();
    await page.getByTestId('outlet-card').waitFor();
    expect(await page.getByTestId('limit-create').count()).toBe(0);
    expect(await page.getByTestId('outlet-create').count()).toBe(0);
    await snap('enterprise-user');
  });
});

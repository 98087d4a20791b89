// End-to-end test of the web shell against the real server, in headless Chromium.
// Flow: login page (Chinese) → log in with the printed one-time password → forced password change
// → dashboard → English and back → 用户管理: create a user (one-time password shown once) → 组织机构
// tree → log out. A full-page screenshot of each step goes to test-results/screenshots/.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type E2eSession } from './support.ts';

const NEW_PASSWORD = 'Qingshan2025green';

let session: E2eSession | undefined;
let baseUrl = '';
let adminPassword = '';
let page: Page;

const snap: E2eSession['snap'] = (...args) => session!.snap(...args);

/**
 * Opens the TreeSelect of the dialog's field labelled `formItemLabel`, searches and picks the node whose
 * text is `text`, and waits until the field shows it: the field is optional, so a form sent before the
 * choice reached it would be accepted without it.
 */
async function pickInTreeSelect(formItemLabel: string, search: string, text: string): Promise<void> {
  const item = page.locator('.ant-modal .ant-form-item').filter({ has: page.locator(`label:text-is("${formItemLabel}")`) });
  const select = item.locator('.ant-select');
  await select.click();
  await page.keyboard.type(search);
  const option = page.locator('.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper').filter({ hasText: new RegExp(`^${text}$`) });
  await option.first().click();
  await expect.poll(() => select.textContent()).toContain(text);
}

/** Clicks a menu item, opening its group first when the item is hidden in a closed submenu. */
async function gotoMenu(label: string, group?: string): Promise<void> {
  const menu = page.getByTestId('main-menu');
  const item = menu.getByText(label, { exact: true });
  if (group && !(await item.isVisible())) await menu.getByText(group, { exact: true }).click();
  await item.click();
}

describe('web shell', () => {
  beforeAll(async () => {
    // The shell's pictures are the bare NN-name.png of the first end-to-end test.
    session = await openSession({ shots: { prefix: '', settleMs: 400, scrollToTop: false } });
    ({ baseUrl, page } = session);
    adminPassword = session.server.adminPassword;
  });

  afterAll(() => session?.close());

  it('opens on the login page, in Chinese', async () => {
    await page.goto(baseUrl);
    await page.waitForURL(/\/login$/);
    await page.getByRole('heading', { name: '账号登录' }).waitFor();
    await expect(page.getByText('青山 · 生态环境智慧治理平台').first().isVisible()).resolves.toBe(true);
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(await page.title()).toBe('青山 · 生态环境智慧治理平台');
    await snap('login');
  });

  it('rejects a wrong password with the server message', async () => {
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码').fill('not-the-password-1');
    await page.getByTestId('login-submit').click();
    const error = page.getByTestId('login-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('用户名或密码错误');
    expect(page.url()).toMatch(/\/login$/);
    await snap('login-wrong-password');
  });

  it('logs in with the one-time password and is forced to change it', async () => {
    await page.getByLabel('密码').fill(adminPassword);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/change-password$/);
    await page.getByTestId('must-change-notice').waitFor();
    expect(await page.getByTestId('must-change-notice').textContent()).toContain('请先修改密码');
    // Nothing else is reachable before the change.
    await page.goto(`${baseUrl}/system/users`);
    await page.waitForURL(/\/change-password$/);
    await page.getByTestId('must-change-notice').waitFor();
    await snap('forced-password-change');
  });

  it('checks the password rules in the browser', async () => {
    await page.getByLabel('当前密码').fill(adminPassword);
    await page.getByLabel('新密码', { exact: true }).fill('short1');
    await page.getByLabel('确认新密码').fill('short1');
    await page.getByTestId('password-submit').click();
    await page.getByText('新密码至少需要 10 个字符').waitFor();
    expect(page.url()).toMatch(/\/change-password$/);
    await snap('password-rules');
  });

  it('changes the password and reaches the dashboard', async () => {
    await page.getByLabel('新密码', { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel('确认新密码').fill(NEW_PASSWORD);
    await page.getByTestId('password-submit').click();
    await page.waitForURL(/\/dashboard$/);
    const welcome = page.getByTestId('welcome-card');
    await welcome.waitFor();
    const text = (await welcome.textContent()) ?? '';
    expect(text).toContain('系统管理员');
    expect(text).toContain('您好');
    expect(await page.getByTestId('header-user-role').textContent()).toBe('系统管理员');
    const health = page.getByTestId('health-card');
    await health.getByTestId('health-postgis').waitFor();
    expect(await health.getByTestId('health-storage').textContent()).toMatch(/PGlite|PostgreSQL/);
    expect(await health.getByTestId('health-postgres').textContent()).toMatch(/\d+/);
    expect(await health.getByTestId('health-postgis').textContent()).toMatch(/\d+\.\d+/);
    // Every module of the menu is there.
    const menu = page.getByTestId('main-menu');
    for (const label of ['驾驶舱', '目标指标', '任务督办', '环境监测', '污染源', '一张图', '信访举报', '应急管理', '减污降碳', '系统管理']) {
      await expect(menu.getByText(label, { exact: true }).isVisible()).resolves.toBe(true);
    }
    await snap('dashboard');
  });

  it('shows an empty state for a module not built yet', async () => {
    await page.getByTestId('main-menu').getByText('信访举报', { exact: true }).click();
    await page.waitForURL(/\/petitions$/);
    const placeholder = page.getByTestId('module-placeholder');
    await placeholder.waitFor();
    expect(await placeholder.textContent()).toContain('本模块建设中');
    await snap('module-placeholder');
    await page.getByTestId('main-menu').getByText('驾驶舱', { exact: true }).click();
    await page.waitForURL(/\/dashboard$/);
  });

  it('switches to English and back to Chinese', async () => {
    await page.getByTestId('language-switch').getByText('English').click();
    await page.getByText('System status').waitFor();
    expect(await page.getByTestId('main-menu').textContent()).toContain('Dashboard');
    expect(await page.getByTestId('header-user-role').textContent()).toBe('System administrator');
    expect(await page.evaluate(() => localStorage.getItem('qingshan.locale'))).toBe('en');
    await snap('dashboard-english');
    // The choice survives a reload.
    await page.reload();
    await page.getByText('System status').waitFor();
    await page.getByTestId('language-switch').getByText('中文').click();
    await page.getByText('系统状态').waitFor();
    expect(await page.getByTestId('main-menu').textContent()).toContain('驾驶舱');
    expect(await page.evaluate(() => localStorage.getItem('qingshan.locale'))).toBe('zh-CN');
  });

  it('creates a user and shows the one-time password once', async () => {
    await gotoMenu('用户管理', '系统管理');
    await page.waitForURL(/\/system\/users$/);
    const table = page.getByTestId('users-table');
    await table.locator('tbody tr', { hasText: 'admin' }).first().waitFor();
    await snap('users');

    await page.getByTestId('user-create').click();
    const modal = page.locator('.ant-modal').filter({ hasText: '新建用户' });
    await modal.waitFor();
    // Validation in plain Chinese.
    await modal.getByRole('button', { name: '创 建' }).or(modal.getByRole('button', { name: '创建' })).click();
    await modal.getByText('请输入用户名').waitFor();
    await modal.getByText('请输入姓名').waitFor();
    await snap('user-form-validation');

    await modal.getByLabel('用户名').fill('zhang.wei');
    await modal.getByLabel('姓名').fill('张伟');
    expect(await modal.locator('.ant-form-item').filter({ hasText: '角色' }).first().textContent()).toContain('单位用户');
    await pickInTreeSelect('所属机构', '市生态环境局', '市生态环境局');
    await snap('user-form-filled');
    await modal.getByRole('button', { name: '创 建' }).or(modal.getByRole('button', { name: '创建' })).click();

    const otp = page.getByTestId('otp-modal');
    await otp.waitFor();
    const password = ((await page.getByTestId('otp-value').textContent()) ?? '').trim();
    expect(password.length).toBeGreaterThanOrEqual(10);
    expect(await otp.textContent()).toContain('此密码仅显示一次');
    await snap('user-one-time-password');
    await page.getByTestId('otp-close').click();
    await otp.waitFor({ state: 'detached' });

    const row = table.locator('tbody tr', { hasText: 'zhang.wei' });
    await row.waitFor();
    const rowText = (await row.textContent()) ?? '';
    expect(rowText).toContain('张伟');
    expect(rowText).toContain('单位用户');
    expect(rowText).toContain('市生态环境局');
    await snap('users-after-create');
  });

  it('shows the history of the new user', async () => {
    const row = page.getByTestId('users-table').locator('tbody tr', { hasText: 'zhang.wei' });
    await row.getByRole('button', { name: /历史/ }).click();
    const drawer = page.getByTestId('history-drawer');
    await drawer.locator('.qs-diff-table').first().waitFor();
    const text = (await drawer.textContent()) ?? '';
    expect(text).toContain('创建');
    expect(text).toContain('张伟');
    await snap('user-history');
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
  });

  it('opens a dialog without zooming it when the system asks for reduced motion, and with it otherwise', async () => {
    // Every class antd's motion gives an element while the dialog opens, seen as it is set.
    const zoomClassesWhileOpening = async (): Promise<string[]> => {
      await page.evaluate(() => {
        const seen: string[] = [];
        (window as unknown as { zoomSeen: string[] }).zoomSeen = seen;
        new MutationObserver((records) => {
          for (const r of records) {
            const nodes = r.type === 'attributes' ? [r.target] : [...r.addedNodes];
            for (const node of nodes) {
              if (!(node instanceof Element)) continue;
              for (const el of [node, ...node.querySelectorAll('*')]) for (const c of el.classList) if (c.startsWith('ant-zoom')) seen.push(c);
            }
          }
        }).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['class'] });
      });
      await page.getByTestId('user-create').click();
      const modal = page.locator('.ant-modal').filter({ hasText: '新建用户' });
      await modal.getByLabel('用户名').waitFor();
      // The motion is over once the dialog keeps none of its classes.
      await page.waitForFunction(() => ![...document.querySelectorAll('.ant-modal')].some((m) => m.className.includes('ant-zoom')));
      const seen = await page.evaluate(() => (window as unknown as { zoomSeen: string[] }).zoomSeen);
      await page.keyboard.press('Escape');
      await modal.waitFor({ state: 'hidden' });
      return seen;
    };
    // The session's browser asks for reduced motion (support.ts).
    await gotoMenu('用户管理', '系统管理');
    await page.getByTestId('users-table').locator('tbody tr', { hasText: 'zhang.wei' }).waitFor();
    // antd still passes a dialog through its zoom's prepare step without motion (it places the dialog
    // there), but never through the steps that animate it.
    const reduced = await zoomClassesWhileOpening();
    expect(reduced).not.toContain('ant-zoom-appear-start');
    expect(reduced).not.toContain('ant-zoom-appear-active');
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    const moving = await zoomClassesWhileOpening();
    expect(moving).toContain('ant-zoom-appear-start');
    expect(moving).toContain('ant-zoom-appear-active');
    await page.emulateMedia({ reducedMotion: 'reduce' });
  });

  it('shows the organisation tree', async () => {
    await gotoMenu('组织机构', '系统管理');
    await page.waitForURL(/\/system\/organisations$/);
    const tree = page.getByTestId('org-tree');
    await tree.getByText('巴州区', { exact: true }).waitFor();
    await tree.getByText('市生态环境局', { exact: true }).waitFor();
    expect(await tree.getByText('巴中市', { exact: true }).isVisible()).toBe(true);
    await tree.getByText('市生态环境局', { exact: true }).click();
    const detail = page.getByTestId('org-detail');
    await detail.waitFor();
    expect(await detail.textContent()).toContain('市生态环境局');
    await snap('organisations');
    // The tree search matches aliases too: 恩阳区 is also written 恩阳区党委和人民政府.
    await page.getByTestId('org-tree-search').locator('input').fill('党委和人民政府');
    await tree.getByText('恩阳区党委和人民政府', { exact: false }).first().waitFor();
    expect(await tree.textContent()).toContain('恩阳区');
    expect(await tree.getByText('市生态环境局', { exact: true }).count()).toBe(0);
    await snap('organisations-search');
  });

  it('lists the audit log and verifies the chain', async () => {
    await gotoMenu('审计日志', '系统管理');
    await page.waitForURL(/\/system\/audit$/);
    const table = page.getByTestId('audit-table');
    await table.locator('tbody tr.ant-table-row').first().waitFor();
    expect(await table.locator('tbody tr.ant-table-row').count()).toBeGreaterThan(3);
    await page.getByTestId('audit-verify').click();
    const result = page.getByTestId('audit-verify-result');
    await result.waitFor();
    expect(await result.textContent()).toContain('审计链完整');
    await snap('audit');
  });

  it('logs out back to the login page', async () => {
    await page.getByTestId('logout').click();
    await page.waitForURL(/\/login$/);
    await page.getByRole('heading', { name: '账号登录' }).waitFor();
    // The session is gone: a protected page sends back to login.
    await page.goto(`${baseUrl}/dashboard`);
    await page.waitForURL(/\/login$/);
    await snap('logged-out');
  });
});

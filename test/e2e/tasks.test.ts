// End-to-end test of 任务督办 (task supervision) against the real server, in headless Chromium.
// Set-up through the API as the administrator (log in with the printed one-time password, change
// it, take a bearer token, create a unit user at 市林业局 and one at 市生态环境局). Then in the
// browser: 市林业局 finds 004 三 red on the board, files a progress report, uploads a PDF (after a
// refused .txt), applies for 销号; 市生态环境局 sees it in 我的待办 and returns it with a reason;
// 市林业局 re-applies; 市生态环境局 accepts it (green, 已销号), then fails the 回头看 (反弹, red);
// the administrator reads the item's audit history; the public page shows 004 三 as 反弹 without
// logging in. A full-page screenshot of each step goes to test-results/screenshots/tasks-NN-*.png.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, openSession, organisationId, type E2eSession } from './support.ts';

const ADMIN_PASSWORD = 'Qingshan2025green';
const LINYE = { username: 'linye.zhang', displayName: '张林', password: 'Linye2025forest', org: 'shi-linye-ju', orgName: '市林业局' };
const STHJ = { username: 'sthj.li', displayName: '李环', password: 'Sthj2025accept', org: 'shi-shengtaihuanjing-ju', orgName: '市生态环境局' };
const REPORT_TEXT = '已完成光雾山—诺水河国家地质公园范围内违法违规建设、探矿、采矿问题全面排查，查处问题 3 个。';
const RETURN_REASON = '佐证材料只有排查报告，缺少查处结果文书，请补充后重新申请。';
const RECHECK_REASON = '回头看发现地质公园内又有一处违规采石点，问题反弹。';

let session: E2eSession | undefined;
let baseUrl = '';
let page: Page;
let filesDir = '';
let pdfPath = '';
let txtPath = '';
const oneTime: Record<string, string> = {};

// ---------- API set-up ----------

/** Creates a unit user at its organisation; returns its one-time password. */
async function createUnitUser(token: string, user: typeof LINYE): Promise<string> {
  const organisation = await organisationId(baseUrl, token, user.orgName, user.org);
  return createUser(baseUrl, token, { username: user.username, displayName: user.displayName, role: 'unit_user', organisationId: organisation });
}

// ---------- Browser helpers ----------

/** A full-page picture; `fullPage: false` for a modal or drawer, whose mask covers only the viewport. */
const snap: E2eSession['snap'] = (...args) => session!.snap(...args);

/** Logs in through the login page; the first time, changes the one-time password as the page asks. */
async function login(user: typeof LINYE): Promise<void> {
  await page.goto(`${baseUrl}/login`);
  await page.getByRole('heading', { name: '账号登录' }).waitFor();
  const first = !!oneTime[user.username];
  await page.getByLabel('用户名').fill(user.username);
  await page.getByLabel('密码').fill(first ? oneTime[user.username]! : user.password);
  await page.getByTestId('login-submit').click();
  if (first) {
    await page.waitForURL(/\/change-password$/);
    await page.getByTestId('must-change-notice').waitFor();
    await page.getByLabel('当前密码').fill(oneTime[user.username]!);
    await page.getByLabel('新密码', { exact: true }).fill(user.password);
    await page.getByLabel('确认新密码').fill(user.password);
    await page.getByTestId('password-submit').click();
    delete oneTime[user.username];
  }
  await page.waitForURL(/\/dashboard$/);
  await page.getByTestId('welcome-card').waitFor();
  expect(await page.getByTestId('welcome-org').textContent()).toBe(user.orgName);
}

async function logout(): Promise<void> {
  await page.getByTestId('logout').click();
  await page.waitForURL(/\/login$/);
  await page.getByRole('heading', { name: '账号登录' }).waitFor();
}

/** The table row of 004 三 (the item, not one of its measures). */
function rowOfSan(table: Locator): Locator {
  return table.locator('tbody tr.ant-table-row').filter({ has: page.locator('.qs-ref-text', { hasText: /^三$/ }) });
}

async function expectState(text: string): Promise<void> {
  const state = page.getByTestId('task-header').getByTestId('task-state');
  await expect.poll(() => state.textContent()).toBe(text);
}

async function expectColour(text: string): Promise<void> {
  const colour = page.getByTestId('task-header').getByTestId('task-colour');
  await expect.poll(() => colour.textContent()).toBe(text);
}

/** Confirms the open Popconfirm with its primary button. */
async function confirmPopover(okText: string): Promise<void> {
  const ok = page.locator('.ant-popover:visible .ant-popconfirm-buttons button.ant-btn-primary');
  await ok.waitFor();
  expect((await ok.textContent())?.replace(/\s/g, '')).toBe(okText);
  await ok.click();
}

async function openInboxGroup(group: string): Promise<Locator> {
  await page.getByTestId(`inbox-${group}`).click();
  const table = page.getByTestId('inbox-table');
  await rowOfSan(table).waitFor();
  return table;
}

describe('任务督办 (task supervision)', () => {
  beforeAll(async () => {
    session = await openSession({ adminPassword: ADMIN_PASSWORD, signIn: false, shots: { prefix: 'tasks-', settleMs: 500 } });
    ({ baseUrl, page } = session);
    oneTime[LINYE.username] = await createUnitUser(session.token, LINYE);
    oneTime[STHJ.username] = await createUnitUser(session.token, STHJ);

    filesDir = mkdtempSync(join(tmpdir(), 'qingshan-e2e-files-'));
    pdfPath = join(filesDir, '地质公园排查报告.pdf');
    writeFileSync(
      pdfPath,
      '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
    );
    txtPath = join(filesDir, 'notes.txt');
    writeFileSync(txtPath, 'not evidence\n');
  });

  afterAll(async () => {
    await session?.close();
    if (filesDir) rmSync(filesDir, { recursive: true, force: true });
  });

  it('市林业局 logs in (changing the one-time password) and sees 任务督办 on the dashboard', async () => {
    await login(LINYE);
    const card = page.locator('.qs-module-card', { hasText: '任务督办' });
    await card.waitFor();
    expect(await card.textContent()).not.toContain('建设中');
    await card.click();
    await page.waitForURL(/\/tasks$/);
    await page.getByTestId('task-board').waitFor();
  });

  it('the board shows the four lists with their colour counts, and 004 三 red with its reason', async () => {
    for (const key of ['000', '002', '003', '004']) await page.getByTestId(`task-list-${key}`).waitFor();
    const card004 = page.getByTestId('task-list-004');
    expect(await card004.textContent()).toContain('巴中市贯彻落实第二轮中央生态环境保护督察反馈意见整改实施方案');
    expect(await page.getByTestId('task-list-004-red').textContent()).toMatch(/^红灯 \d+$/);
    // 004 sets 双月调度 itself; 002 sets no schedule, so the card says the platform's default applies.
    expect(await page.getByTestId('task-list-004-schedule').textContent()).toBe('调度：双月');
    expect(await page.getByTestId('task-list-002-schedule').textContent()).toBe('调度：每季度默认');
    await snap('board');

    await card004.click();
    await page.waitForURL(/list=004/);
    await page.getByTestId('task-search').locator('input').fill('三');
    await page.waitForURL(/q=/);
    const table = page.getByTestId('task-table');
    const row = rowOfSan(table);
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('省林业和草原局对地质公园的监督管理缺位');
    expect(await row.getByTestId('task-colour').textContent()).toBe('红灯');
    expect(await row.getByTestId('task-reason').textContent()).toContain('已超过完成时限（2023-12-31）');
    expect(await row.getByTestId('task-state').textContent()).toBe('未启动');
    expect(text).toContain('市林业局');
    expect(text).toContain('2023年12月');
    await snap('board-004-san');
    await row.getByTestId('task-link').click();
    await page.waitForURL(/\/tasks\/items\/\d+$/);
  });

  it('the item page shows the source text, all reasons in words and the measures', async () => {
    const header = page.getByTestId('task-header');
    await header.waitFor();
    expect(await header.getByTestId('task-ref').textContent()).toBe('三');
    expect(await page.getByTestId('task-clause').textContent()).toBe('任务清单 三');
    await expectState('未启动');
    await expectColour('红灯');
    const reasons = (await page.getByTestId('task-reasons').textContent()) ?? '';
    expect(reasons).toContain('红灯：原因');
    expect(reasons).toContain('已超过完成时限（2023-12-31）');
    expect(reasons).toMatch(/应报送的进度已逾期 \d+ 天/);
    expect(await header.getByTestId('task-deadline').textContent()).toContain('2023年12月');
    expect(await header.getByTestId('task-deadline').textContent()).toContain('2023-12-31');
    // 督导单位 市环委办 is a coordination body: its host department accepts.
    expect(await page.getByTestId('task-acceptance').textContent()).toContain('市生态环境局');
    expect(await page.getByTestId('task-text').textContent()).toContain('（省整改任务第十二项）');
    expect(await page.getByTestId('task-units').textContent()).toContain('通江县党委和人民政府');
    expect(await page.getByTestId('task-measures').locator('tbody tr.ant-table-row').count()).toBe(4);
    expect(await page.getByTestId('task-actions').textContent()).toContain('本单位为责任单位');
    // No evidence yet: 申请销号 is not offered until the first report starts the item.
    expect(await page.getByTestId('action-apply').count()).toBe(0);
    await snap('item-before');
  });

  it('files a progress report: the item is 推进中 and the report is marked late', async () => {
    const form = page.getByTestId('report-form');
    await form.getByTestId('report-submit').click();
    await form.getByText('请填写进展情况').waitFor();
    await form.getByTestId('report-text').fill(REPORT_TEXT);
    await form.getByLabel('完成进度').fill('60');
    await form.getByTestId('report-submit').click();
    const report = page.getByTestId('task-report').first();
    await report.waitFor();
    expect(await report.textContent()).toContain(REPORT_TEXT);
    expect(await report.textContent()).toContain('迟报');
    expect(await report.textContent()).toContain('张林');
    await expectState('推进中');
    expect(await page.getByTestId('task-transitions').textContent()).toContain('报送进度');
    await snap('item-report-filed');
  });

  it('refuses a .txt as evidence with the server’s reason, then uploads a PDF', async () => {
    const evidence = page.getByTestId('task-evidence');
    await evidence.locator('input[type=file]').setInputFiles(txtPath);
    const refused = evidence.locator('.ant-alert-error');
    await refused.waitFor();
    expect(await refused.textContent()).toContain('不支持的文件类型 .txt');
    await snap('evidence-refused');

    await evidence.locator('input[type=file]').setInputFiles(pdfPath);
    const file = evidence.getByTestId('task-evidence-file');
    await file.waitFor();
    expect(await file.textContent()).toContain('地质公园排查报告.pdf');
    expect(await file.textContent()).toContain('SHA-256');
    expect(await evidence.locator('.ant-alert-error').count()).toBe(0);
    const href = await file.locator('a.qs-evidence-name').getAttribute('href');
    expect(href).toMatch(/^\/api\/tasks\/evidence\/\d+$/);
    // The download link serves the very file.
    const body = await page.evaluate(async (url) => (await fetch(url)).text(), href!);
    expect(body.startsWith('%PDF-')).toBe(true);
    await snap('evidence-uploaded');
  });

  it('applies for 销号 and logs out', async () => {
    await page.getByTestId('action-apply').click();
    await confirmPopover('申请销号');
    await expectState('申请销号');
    expect(await page.getByTestId('task-actions').textContent()).toContain('已申请销号，等待整改验收单位验收');
    expect(await page.getByTestId('action-apply').count()).toBe(0);
    await snap('item-applied');
    await logout();
  });

  it('市生态环境局 sees it in 我的待办 and returns it with a reason', async () => {
    await login(STHJ);
    await page.getByTestId('main-menu').getByText('任务督办', { exact: true }).click();
    await page.waitForURL(/\/tasks$/);
    await page.getByTestId('tasks-nav').getByText('我的待办').click();
    await page.waitForURL(/\/tasks\/inbox$/);
    await page.getByTestId('inbox-toAccept').waitFor();
    expect(await page.getByTestId('inbox-toAccept-count').textContent()).toBe('1');
    const table = page.getByTestId('inbox-table');
    const row = rowOfSan(table);
    await row.waitFor();
    expect(await row.getByTestId('task-state').textContent()).toBe('申请销号');
    expect(await page.getByTestId('inbox-group').textContent()).toContain('待验收');
    await snap('inbox-to-accept');

    await row.getByTestId('task-link').click();
    await page.waitForURL(/\/tasks\/items\/\d+$/);
    await expectState('申请销号');
    expect(await page.getByTestId('task-actions').textContent()).toContain('本单位为整改验收单位');
    expect(await page.getByTestId('report-form').count()).toBe(0);
    await page.getByTestId('action-return').click();
    const modal = page.getByTestId('reason-modal');
    await modal.waitFor();
    await page.getByTestId('reason-submit').click();
    await modal.getByText('请填写理由').waitFor();
    await snap('return-reason-required', { fullPage: false });
    await modal.getByTestId('reason-text').fill(RETURN_REASON);
    await page.getByTestId('reason-submit').click();
    await expectState('退回');
    const transitions = (await page.getByTestId('task-transitions').textContent()) ?? '';
    expect(transitions).toContain(`理由：${RETURN_REASON}`);
    expect(transitions).toContain('李环');
    await snap('item-returned');
    await logout();
  });

  it('市林业局 finds it returned in 我的待办 and applies again', async () => {
    await login(LINYE);
    await page.goto(`${baseUrl}/tasks/inbox`);
    const table = await openInboxGroup('returned');
    expect(await page.getByTestId('inbox-returned-count').textContent()).toBe('1');
    await snap('inbox-returned');
    await rowOfSan(table).getByTestId('task-link').click();
    await page.waitForURL(/\/tasks\/items\/\d+$/);
    await expectState('退回');
    await page.getByTestId('action-apply').click();
    await confirmPopover('申请销号');
    await expectState('申请销号');
    await snap('item-reapplied');
    await logout();
  });

  it('市生态环境局 accepts it: green, 已销号, with 回头看 scheduled', async () => {
    await login(STHJ);
    await page.goto(`${baseUrl}/tasks/inbox`);
    const table = await openInboxGroup('toAccept');
    await rowOfSan(table).getByTestId('task-link').click();
    await page.waitForURL(/\/tasks\/items\/\d+$/);
    await page.getByTestId('action-accept').click();
    await confirmPopover('验收通过');
    await expectState('已销号');
    await expectColour('绿灯');
    expect(await page.getByTestId('task-reasons').textContent()).toContain('已通过验收销号');
    const rechecks = (await page.getByTestId('task-rechecks').textContent()) ?? '';
    expect(rechecks).toContain('待回头看');
    expect(await page.getByTestId('task-rechecks').locator('tbody tr.ant-table-row').count()).toBe(2);
    await snap('item-accepted');
  });

  it('回头看未通过 with a reason: the item is 反弹 and red', async () => {
    await page.getByTestId('action-recheck-fail').click();
    const modal = page.getByTestId('reason-modal');
    await modal.waitFor();
    await modal.getByTestId('reason-text').fill(RECHECK_REASON);
    await page.getByTestId('reason-submit').click();
    await expectState('反弹');
    await expectColour('红灯');
    expect(await page.getByTestId('task-reasons').textContent()).toContain('回头看未通过，问题反弹');
    const rechecks = page.getByTestId('task-rechecks');
    expect(await rechecks.textContent()).toContain('未通过');
    expect(await rechecks.textContent()).toContain(RECHECK_REASON);
    expect(await page.getByTestId('task-transitions').textContent()).toContain(`理由：${RECHECK_REASON}`);
    await snap('item-rebounded');

    // The board agrees.
    await page.goto(`${baseUrl}/tasks?list=004&q=${encodeURIComponent('三')}`);
    const row = rowOfSan(page.getByTestId('task-table'));
    await row.waitFor();
    expect(await row.getByTestId('task-state').textContent()).toBe('反弹');
    expect(await row.getByTestId('task-colour').textContent()).toBe('红灯');
    expect(await row.getByTestId('task-reason').textContent()).toContain('回头看未通过，问题反弹');
    await snap('board-rebounded');
    await logout();
  });

  it('the administrator reads the item’s audit history', async () => {
    await page.getByLabel('用户名').fill('admin');
    await page.getByLabel('密码').fill(ADMIN_PASSWORD);
    await page.getByTestId('login-submit').click();
    await page.waitForURL(/\/dashboard$/);
    await page.goto(`${baseUrl}/tasks?list=004&q=${encodeURIComponent('三')}`);
    await rowOfSan(page.getByTestId('task-table')).getByTestId('task-link').click();
    await page.waitForURL(/\/tasks\/items\/\d+$/);
    expect(await page.getByTestId('task-actions').textContent()).toContain('仅可查看');
    await page.getByTestId('task-history').click();
    const drawer = page.getByTestId('history-drawer');
    await drawer.locator('.qs-history-entry').first().waitFor();
    const text = (await drawer.textContent()) ?? '';
    for (const action of ['报送进度', '申请销号', '退回', '验收通过', '回头看未通过']) expect(text).toContain(action);
    expect(text).toContain('反弹');
    await snap('item-history', { fullPage: false });
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
    await logout();
  });

  it('整改公开: without logging in, the public page shows 004 三 as 反弹', async () => {
    const link = page.getByTestId('public-tasks-link');
    expect(await link.textContent()).toContain('整改公开');
    await link.click();
    await page.waitForURL(/\/public\/tasks$/);
    const group = page.getByTestId('public-group').filter({ hasText: '巴中市贯彻落实第二轮中央生态环境保护督察反馈意见整改实施方案' });
    await group.waitFor();
    const row = group.locator('tbody tr.ant-table-row').filter({ has: page.locator('.qs-ref-text', { hasText: /^三$/ }) });
    await row.waitFor();
    expect(await row.textContent()).toContain('省林业和草原局对地质公园的监督管理缺位');
    expect(await row.getByTestId('task-state').textContent()).toBe('反弹');
    expect(await row.getByTestId('task-colour').textContent()).toBe('红灯');
    // Nobody is logged in: the header offers to log in.
    expect(await page.getByRole('button', { name: /登录平台/ }).isVisible()).toBe(true);
    await snap('public');
  });
});

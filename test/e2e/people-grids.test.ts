// End-to-end test of 包保责任人 and 网格 in headless Chromium against the real server: the
// administrator logs in (changing the one-time password), finds no grids yet, is told what a grid
// form needs, creates a 乡镇级 grid of 巴州区 with itself as 网格长 and finds it by organisation; then on 004 八 (污泥处置)
// sets a 包保责任人 and the grid (after the form's own refusals) and sees both on the item page and in
// its history. A picture of each step goes to test-results/screenshots/people-grids-NN-*.png.
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clickUntilShown, openSession, type E2eSession } from './support.ts';

const ADMIN_PASSWORD = 'Qingshan2025grids';
const GRID = { code: '511902-001', name: '江北街道生态环境网格' };
const PERSON = { name: '王建国', post: '巴州区副区长', phone: '13800000001' };

let session: E2eSession | undefined;
let baseUrl = '';
let page: Page;

const snap: E2eSession['snap'] = (...args) => session!.snap(...args);

/** Picks `text` in the antd TreeSelect `select`, typing `search` to find it, and waits until the select shows it. */
async function pickTree(select: Locator, search: string, text: string): Promise<void> {
  await select.click();
  await page.keyboard.type(search);
  await page.locator('.ant-select-dropdown:visible .ant-select-tree-node-content-wrapper').filter({ hasText: new RegExp(`^${text}$`) }).first().click();
  await expect.poll(() => select.textContent()).toContain(text);
}

describe('包保责任人 and 网格', () => {
  beforeAll(async () => {
    // No administrator's password: the test logs in with the one-time password itself.
    session = await openSession({ shots: { prefix: 'people-grids-', settleMs: 500 } });
    ({ baseUrl, page } = session);
  });

  afterAll(() => session?.close());

  it('the administrator logs in, changing the one-time password', async () => {
    const oneTime = session!.server.adminPassword;
    await session!.login('admin', oneTime, /\/change-password$/);
    await session!.changePassword(oneTime, ADMIN_PASSWORD);
  });

  it('finds 网格管理 under 系统管理, with no grids yet', async () => {
    const menu = page.getByTestId('main-menu');
    await menu.getByText('系统管理', { exact: true }).click();
    await menu.getByText('网格管理', { exact: true }).click();
    await page.waitForURL(/\/system\/grids$/);
    await page.getByTestId('grids-empty').waitFor();
    expect(await page.getByTestId('grids-empty').textContent()).toContain('还没有网格，可点击右上角“新建网格”添加');
    await snap('grids-empty');
  });

  it('the grid form says in Chinese what it needs', async () => {
    await page.getByTestId('grid-create').click();
    const modal = page.getByTestId('grid-modal');
    await modal.waitFor();
    await page.getByTestId('grid-submit').click();
    for (const text of ['请输入网格编码', '请输入网格名称', '请选择责任单位']) await modal.getByText(text).waitFor();
    await modal.getByLabel('网格编码').fill('江北/01');
    await modal.getByText('编码只能包含字母、数字和 -').waitFor();
    await snap('grid-form-refused', { fullPage: false });
  });

  it('creates a 乡镇级 grid of 巴州区 and finds it by organisation', async () => {
    const modal = page.getByTestId('grid-modal');
    await modal.getByLabel('网格编码').fill(GRID.code);
    await modal.getByLabel('网格名称').fill(GRID.name);
    await pickTree(modal.locator('.ant-form-item').filter({ has: page.locator('label:text-is("责任单位")') }).locator('.ant-select'), '巴州区', '巴州区');
    expect(await modal.locator('.ant-form-item').filter({ has: page.locator('label:text-is("层级")') }).textContent()).toContain('乡镇级');
    // The first member added is the grid's chief.
    await modal.getByText('添加成员').click();
    await page.getByTestId('grid-member-0').click();
    await page.keyboard.type('admin');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: '系统管理员（admin）' }).click();
    await expect.poll(() => page.getByTestId('grid-member-0').textContent()).toContain('系统管理员（admin）');
    expect(await modal.getByLabel('第 1 位成员的职责').locator('xpath=ancestor::div[contains(@class,"ant-select")][1]').textContent()).toContain('网格长');
    await snap('grid-form-filled', { fullPage: false });
    await page.getByTestId('grid-submit').click();
    await modal.waitFor({ state: 'hidden' });
    const row = page.getByTestId('grids-table').locator('tbody tr.ant-table-row').filter({ hasText: GRID.code });
    await row.waitFor();
    const text = (await row.textContent()) ?? '';
    for (const part of [GRID.name, '乡镇级', '巴州区', '网格长：系统管理员', '未绘制', '启用']) expect(text).toContain(part);

    await pickTree(page.getByTestId('grid-filter-organisation'), '通江县', '通江县');
    await page.getByText('没有符合条件的网格').waitFor();
    await page.getByTestId('grid-filter-organisation').locator('.ant-select-clear').click({ force: true });
    await pickTree(page.getByTestId('grid-filter-organisation'), '巴州区', '巴州区');
    await row.waitFor();
    await expect.poll(() => page.getByTestId('grids-table').locator('tbody tr.ant-table-row').count()).toBe(1);
    await snap('grid-created');
  });

  it('004 八 names no 包保责任人 and no grid yet', async () => {
    const id = await page.evaluate(async () => {
      const res = await fetch(`/api/tasks/items?list=004&q=${encodeURIComponent('污泥处置')}`);
      const body = (await res.json()) as { items: { id: number; ref: string; parentId: number | null }[] };
      return body.items.find((i) => i.ref === '八' && i.parentId === null)!.id;
    });
    await page.goto(`${baseUrl}/tasks/items/${id}`);
    const card = page.getByTestId('item-people');
    await card.getByText('尚未明确包保责任人').waitFor();
    await card.getByText('尚未关联网格').waitFor();
    await snap('item-people-empty');
  });

  it('the people form refuses a missing name and a bad phone number', async () => {
    await page.getByTestId('people-edit').click();
    const modal = page.getByTestId('people-modal');
    await modal.waitFor();
    await page.getByTestId('people-add').click();
    await modal.getByLabel('第 1 位包保责任人联系电话').fill('5261234');
    await clickUntilShown(page.getByTestId('people-submit'), modal.getByText('请输入姓名'), 'the missing name');
    await modal.getByText('应为手机号或带区号的固话').waitFor();
    await snap('people-form-refused', { fullPage: false });
  });

  it('sets a 包保责任人 of 巴州区 and the grid, and shows them on the item page', async () => {
    const modal = page.getByTestId('people-modal');
    await modal.getByLabel('第 1 位包保责任人姓名').fill(PERSON.name);
    await modal.getByLabel('第 1 位包保责任人职务').fill(PERSON.post);
    await pickTree(modal.getByTestId('people-row').locator('.ant-select'), '巴州区', '巴州区');
    await modal.getByLabel('第 1 位包保责任人联系电话').fill(PERSON.phone);
    await page.getByTestId('people-grids').click();
    await page.keyboard.type('江北');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: GRID.name }).click();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('people-grids').textContent()).toContain(GRID.name);
    await snap('people-form-filled', { fullPage: false });
    await page.getByTestId('people-submit').click();
    await modal.waitFor({ state: 'hidden' });

    const persons = page.getByTestId('people-persons');
    await persons.waitFor();
    const text = (await persons.textContent()) ?? '';
    for (const part of [PERSON.name, PERSON.post, '巴州区', PERSON.phone]) expect(text).toContain(part);
    const grids = (await page.getByTestId('people-grids-list').textContent()) ?? '';
    for (const part of [GRID.name, GRID.code, '乡镇级', '巴州区']) expect(grids).toContain(part);
    await snap('item-people-set');
  });

  it('the item’s history records the change', async () => {
    await page.getByTestId('task-history').click();
    const drawer = page.getByTestId('history-drawer');
    const entry = drawer.locator('.qs-history-entry').first();
    // The organisation's name comes from the organisation tree, loaded apart from the history.
    await expect.poll(() => entry.textContent()).toContain(`${PERSON.name} ${PERSON.post} 巴州区 ${PERSON.phone}`);
    const text = (await entry.textContent()) ?? '';
    expect(text).toContain('设置包保责任人和网格');
    // Read as the page names them, not as JSON.
    expect(text).toContain(`${PERSON.name} ${PERSON.post} 巴州区 ${PERSON.phone}`);
    expect(text).toContain(`${GRID.name}（${GRID.code}）`);
    expect(text).not.toContain('"name"');
    await snap('item-history', { fullPage: false });
  });
});

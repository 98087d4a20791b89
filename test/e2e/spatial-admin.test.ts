// End-to-end test of the coordinator's 图层管理 and 准入规则 in headless Chromium, on a fresh
// platform (layer kinds and seeded rules, no layer data). The administrator imports a zipped
// Shapefile in Gauss-Krüger zone 36 with GBK attributes and no .cpg into 自然保护地 and reads the
// report — the system taken from the .prj, the Chinese names decoded — and sees the version listed;
// imports a Shapefile without .prj and is told, in words and on the field, to choose a coordinate
// system, then chooses CM 108°E and succeeds; edits a rule's basis and saves the rules as a new
// version with a note. Pictures go to test-results/screenshots/spatial-admin-NN-*.png.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseOption, createUser, openSession, organisationId, root, type E2eSession } from './support.ts';

const ADMIN_PASSWORD = 'Qingshan2025layersrules';
const FIXTURES = join(root, 'test', 'fixtures', 'spatial');
const GK36_GBK = join(FIXTURES, 'reserve-gk36-gbk.zip');
const NO_PRJ = join(FIXTURES, 'reserve-noprj.zip');
/** The features' names as written in the fixtures' source (reserve-source.geojson). */
const SOURCE_NAMES = (JSON.parse(readFileSync(join(FIXTURES, 'reserve-source.geojson'), 'utf8')) as { features: { properties: { 名称: string } }[] }).features.map(
  (f) => f.properties.名称,
);

let session: E2eSession | undefined;
let baseUrl = '';
let page: Page;

const snap: E2eSession['snap'] = (...args) => session!.snap(...args);
const reserveRow = () => page.locator('[data-testid="layer-admin-row"][data-layer="nature_reserve"]');
const currentVersion = async () => Number(await reserveRow().getByTestId('layer-current-version').getAttribute('data-version'));

async function openImport(): Promise<Locator> {
  await reserveRow().getByTestId('layer-import-open').click();
  const modal = page.getByTestId('layer-import-modal');
  await modal.waitFor();
  return modal;
}

async function chooseFile(modal: Locator, path: string): Promise<void> {
  await modal.locator('input[type="file"]').setInputFiles(path);
  // The chosen file is shown with its size before anything is sent.
  const shown = modal.getByTestId('layer-import-file');
  await shown.waitFor();
  expect(await shown.textContent()).toMatch(/\.zip\s*[\d.]+ (B|KB)/);
}

/**
 * Waits for the import's report. When it does not come, the failure says what the modal showed and what
 * the server logged last, and leaves a picture: a CI run once timed out here with nothing else to go on.
 */
async function waitForImport(done: Locator, modal: Locator): Promise<void> {
  try {
    await done.waitFor({ timeout: 60_000 });
  } catch (e) {
    await snap('import-timeout').catch(() => undefined);
    const shown = await modal.textContent({ timeout: 1_000 }).catch(() => '(the modal is gone)');
    throw new Error(`no import report within 60 s.\nThe modal shows: ${shown}\nThe server logged last:\n${session!.server.log().slice(-4_000)}`, { cause: e });
  }
}

describe('图层管理与准入规则 (layer and rule management)', () => {
  beforeAll(async () => {
    session = await openSession({ adminPassword: ADMIN_PASSWORD, shots: { prefix: 'spatial-admin-', fullPage: false, scrollToTop: false } });
    ({ baseUrl, page } = session);
  });

  afterAll(() => session?.close());

  it('lists the layer kinds under 图层管理, reached from the one map', async () => {
    await page.goto(`${baseUrl}/map`);
    await page.getByTestId('spatial-views').getByText('图层管理').click();
    await page.waitForURL(/\/map\/layers$/);
    await reserveRow().waitFor();
    const rowText = (await reserveRow().textContent()) ?? '';
    expect(rowText).toContain('自然保护地');
    expect(rowText).toContain('核心保护区');
    expect(await page.getByTestId('layer-admin-table').textContent()).not.toMatch(/spatial\.[a-z]/);
    await snap('layers');
  });

  it('imports a GBK Shapefile in zone 36 and reports the system, the encoding and the names', async () => {
    const before = await currentVersion();
    const modal = await openImport();
    await chooseFile(modal, GK36_GBK);
    await modal.getByTestId('layer-import-note').fill('测试导入：3度带36带，GBK');
    await snap('import-form');
    await page.getByTestId('layer-import-submit').click();

    const done = page.getByTestId('layer-import-done');
    await waitForImport(done, modal);
    expect(Number(await done.getAttribute('data-version'))).toBe(before + 1);
    // The coordinate system came from the .prj; the encoding was found without a .cpg.
    expect(await done.getByTestId('report-srid').getAttribute('data-srid')).toBe('4524');
    expect(await done.getByTestId('import-report').textContent()).toContain('.prj');
    expect((await done.getByTestId('report-encoding').textContent())?.toUpperCase()).toMatch(/GBK|CP936|GB18030/);
    expect(await done.getByTestId('report-counts').getAttribute('data-imported')).toBe(String(SOURCE_NAMES.length));
    // The Chinese names read back from the stored features exactly as written.
    await expect.poll(async () => (await done.getByTestId('sample-name').allTextContents()).sort()).toEqual([...SOURCE_NAMES].sort());
    await snap('import-report');

    await page.getByTestId('layer-import-close').click();
    await expect.poll(currentVersion).toBe(before + 1);
    expect(await reserveRow().getByTestId('layer-feature-count').getAttribute('data-count')).toBe(String(SOURCE_NAMES.length));

    await reserveRow().getByTestId('layer-versions-open').click();
    const versions = page.getByTestId('layer-versions');
    await versions.locator(`[data-testid="layer-version"][data-version="${before + 1}"]`).waitFor();
    const detail = versions.locator(`[data-testid="layer-version-detail"][data-version="${before + 1}"]`);
    expect(await detail.textContent()).toContain('测试导入：3度带36带，GBK');
    expect(await detail.getByTestId('report-srid').getAttribute('data-srid')).toBe('4524');
    await snap('versions');
    await page.keyboard.press('Escape');
    await versions.waitFor({ state: 'hidden' });
  });

  it('asks for the coordinate system of a Shapefile without .prj, then imports it in CM 108°E', async () => {
    const before = await currentVersion();
    const modal = await openImport();
    await chooseFile(modal, NO_PRJ);
    await page.getByTestId('layer-import-submit').click();

    // Refused in words, and the coordinate-system field marked.
    const alert = modal.locator('.ant-alert-error');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('请选择坐标系');
    const sridItem = modal.locator('.ant-form-item').filter({ has: page.getByTestId('layer-import-srid') });
    await expect.poll(() => sridItem.getAttribute('class')).toContain('ant-form-item-has-error');
    // antd shows the field's message a moment after it marks the field (it debounces the message).
    await expect.poll(() => sridItem.textContent()).toContain('请在此选择');
    await snap('import-no-prj');

    await chooseOption(page.getByTestId('layer-import-srid'), 'EPSG:4545');
    await expect.poll(() => sridItem.getAttribute('class')).not.toContain('ant-form-item-has-error');
    await page.getByTestId('layer-import-submit').click();
    const done = page.getByTestId('layer-import-done');
    await waitForImport(done, modal);
    expect(Number(await done.getAttribute('data-version'))).toBe(before + 1);
    expect(await done.getByTestId('report-srid').getAttribute('data-srid')).toBe('4545');
    expect(await done.getByTestId('import-report').textContent()).toContain('按所选');
    await expect.poll(async () => (await done.getByTestId('sample-name').allTextContents()).sort()).toEqual([...SOURCE_NAMES].sort());
    await snap('import-chosen-crs');
    await page.getByTestId('layer-import-close').click();
    await expect.poll(currentVersion).toBe(before + 1);
  });

  it('edits a rule and saves the rules as a new version with a note', async () => {
    // From the layer list as a user finds it, whatever the test before left open.
    await page.goto(`${baseUrl}/map/layers`);
    await page.getByTestId('spatial-views').getByText('准入规则').click();
    await page.waitForURL(/\/map\/rules$/);
    const ruleSet = page.getByTestId('rule-set');
    await ruleSet.waitFor();
    const version = Number(await ruleSet.getAttribute('data-version'));
    expect(version).toBeGreaterThan(0);
    expect(await page.getByTestId('rule-versioning').textContent()).toContain('新的规则版本');
    // The table filters by layer.
    const all = await page.getByTestId('rule-row').count();
    expect(all).toBeGreaterThan(0);
    await page.getByTestId('rule-filter-layer').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: /^自然保护地$/ }).click();
    await expect.poll(async () => new Set(await page.getByTestId('rule-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-layer'))))).toEqual(new Set(['nature_reserve']));
    expect(await page.getByTestId('rule-table').textContent()).not.toMatch(/spatial\.[a-z]/);
    const distances = await page.getByTestId('rule-distance').allTextContents();
    expect(distances).toContain('重叠');
    await snap('rules');

    await page.getByTestId('rules-edit-start').click();
    const first = page.getByTestId('rule-row').first();
    await first.getByTestId('rule-edit').click();
    const modal = page.getByTestId('rule-edit-modal');
    await modal.waitFor();
    const basis = `测试修改的依据：${Date.now()}`;
    await modal.getByTestId('rule-edit-basis').fill(basis);
    await snap('rule-edit');
    await page.getByTestId('rule-edit-submit').click();
    await modal.waitFor({ state: 'hidden' });
    expect(await first.getByTestId('rule-change').textContent()).toBe('已修改');
    expect(await first.getByTestId('rule-basis').textContent()).toContain(basis);

    await page.getByTestId('rules-save').click();
    const save = page.getByTestId('rules-save-modal');
    await save.waitFor();
    // A note is required.
    await page.getByTestId('rules-save-confirm').click();
    await save.getByText('请说明本次修改的内容和依据').waitFor();
    await page.getByTestId('rules-save-note').fill('测试：修改自然保护地规则的依据');
    await page.getByTestId('rules-save-confirm').click();
    await expect.poll(() => ruleSet.getAttribute('data-version')).toBe(String(version + 1));
    expect(await page.getByTestId('rule-set-note').textContent()).toBe('测试：修改自然保护地规则的依据');
    expect(await page.getByTestId('rule-table').textContent()).toContain(basis);
    expect(await page.getByTestId('rule-change').count()).toBe(0);
    // The rules not edited come back as they were: an overlap rule stays one.
    expect(await page.getByTestId('rule-distance').allTextContents()).toEqual(distances);
    await snap('rules-saved');

    await page.getByTestId('rule-versions-open').click();
    const versions = page.getByTestId('rule-versions');
    await versions.locator(`[data-testid="rule-version-row"][data-version="${version + 1}"]`).waitFor();
    expect(await versions.locator(`[data-testid="rule-version-row"][data-version="${version}"]`).count()).toBe(1);
    await snap('rule-versions');
  });
  it('shows 巴州区’s user the layers and their versions, with no import and no rule editing', async () => {
    const bazhou = await organisationId(baseUrl, session!.token, '巴州区', 'bazhou');
    const oneTime = await createUser(baseUrl, session!.token, { username: 'bazhou-map', displayName: '巴州区一张图查看员', role: 'district_user', organisationId: bazhou });
    await session!.login('bazhou-map', oneTime, /\/change-password$/);
    await session!.changePassword(oneTime, 'Bazhou2026layers');
    await page.goto(`${baseUrl}/map/layers`);
    await reserveRow().waitFor();
    expect(await currentVersion()).toBeGreaterThan(0);
    expect(await page.getByTestId('layer-import-open').count()).toBe(0);
    await reserveRow().getByTestId('layer-versions-open').click();
    await page.getByTestId('layer-versions').waitFor();
    await snap('layers-read-only');
    await page.keyboard.press('Escape');
    await page.goto(`${baseUrl}/map/rules`);
    await page.getByTestId('rule-table').waitFor();
    expect(await page.getByTestId('rules-save').count()).toBe(0);
  });
});

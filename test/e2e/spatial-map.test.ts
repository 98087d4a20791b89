// End-to-end test of 一张图 in headless Chromium, against a server whose database holds a test
// nature reserve (general and core zones), a river and a district boundary marked 示例数据
// (spatial-fixtures.ts). The administrator opens 一张图 from the navigation: the layer tree shows the
// groups and the layers with data; switching a layer off hides it on the map; a click on the reserve
// identifies it by name and zone; the search finds it by name and zooms to it. Pictures go to
// /tmp/helpers/shots/spatial-map-NN-*.png.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSession, type E2eSession } from './support.ts';
import { DISTRICT, RESERVE, RIVER, centreMap, mapPixel, mapSessionOptions } from './spatial-fixtures.ts';

const ADMIN_PASSWORD = 'Qingshan2025spatialmap';

let session: E2eSession | undefined;
let baseUrl = '';
let page: Page;

const snap: E2eSession['snap'] = (...args) => session!.snap(...args);

const visibleLayers = async () => ((await page.getByTestId('spatial-map').getAttribute('data-visible-layers')) ?? '').split(',').filter(Boolean);

describe('一张图 (the one map)', () => {
  beforeAll(async () => {
    session = await openSession(mapSessionOptions('spatial-map-', ADMIN_PASSWORD));
    ({ baseUrl, page } = session);
  });

  afterAll(() => session?.close());

  it('opens from the navigation with the layer tree in its groups and the demo banner', async () => {
    const tiles: { url: string; status: number; type: string }[] = [];
    page.on('response', (res) => {
      if (res.url().includes('/api/spatial/tiles/')) tiles.push({ url: res.url(), status: res.status(), type: res.headers()['content-type'] ?? '' });
    });
    await page.getByRole('menuitem', { name: /一张图/ }).click();
    await page.waitForURL(/\/map$/);
    const tree = page.getByTestId('layer-tree');
    await tree.locator('[data-testid="layer-row"][data-layer="nature_reserve"]').waitFor();
    const text = (await tree.textContent()) ?? '';
    for (const group of ['基础', '生态空间', '水', '管控']) expect(text).toContain(group);
    for (const layer of ['行政区划', '河流', '自然保护地', '环境管控单元']) expect(text).toContain(layer);
    // Layers with data are switched on; one without data cannot be.
    await expect.poll(visibleLayers).toEqual(['admin_boundary', 'ecological_redline', 'nature_reserve', 'river']);
    expect(await tree.locator('[data-testid="layer-row"][data-layer="control_unit"] input[type="checkbox"]').isDisabled()).toBe(true);
    expect(await tree.locator('[data-testid="layer-row"][data-layer="nature_reserve"] input[type="checkbox"]').isChecked()).toBe(true);
    // The district boundary is 示例数据: tagged in the tree and announced above the map.
    expect(await tree.locator('[data-layer="admin_boundary"] [data-testid="layer-demo"]').textContent()).toBe('示例数据');
    expect(await tree.locator('[data-layer="nature_reserve"] [data-testid="layer-demo"]').count()).toBe(0);
    expect(await page.getByTestId('demo-banner').textContent()).toContain('行政区划');
    // The reserve's zones each have their own swatch.
    expect(await tree.locator('[data-layer="nature_reserve"] [data-testid="layer-zones"]').textContent()).toMatch(/核心保护区.*一般控制区/);
    expect(text).not.toMatch(/spatial\.[a-z]/);
    await centreMap(page, 'spatial-map', RESERVE.centre[0], RESERVE.centre[1], 12);
    // The red line comes as vector tiles, fetched with the session.
    await expect.poll(() => tiles.filter((t) => t.url.includes('/ecological_redline/') && t.status === 200 && t.type.includes('vnd.mapbox-vector-tile')).length).toBeGreaterThan(0);
    await snap('tree');
  });

  it('switches a layer off and on again', async () => {
    await page.locator('[data-testid="layer-toggle"][data-layer="river"]').click();
    await expect.poll(visibleLayers).toEqual(['admin_boundary', 'ecological_redline', 'nature_reserve']);
    await page.getByTestId('demo-banner').waitFor();
    await page.locator('[data-testid="layer-toggle"][data-layer="admin_boundary"]').click();
    await expect.poll(() => page.getByTestId('demo-banner').count()).toBe(0);
    await page.locator('[data-testid="layer-toggle"][data-layer="river"]').click();
    await page.locator('[data-testid="layer-toggle"][data-layer="admin_boundary"]').click();
    await expect.poll(visibleLayers).toEqual(['admin_boundary', 'ecological_redline', 'nature_reserve', 'river']);
  });

  it('identifies the reserve by a click on it', async () => {
    await centreMap(page, 'spatial-map', RESERVE.centre[0], RESERVE.centre[1], 12);
    const at = await mapPixel(page, 'spatial-map', RESERVE.centre[0], RESERVE.centre[1]);
    await page.mouse.click(at.x, at.y);
    const panel = page.getByTestId('identify-panel');
    await panel.locator('[data-testid="identify-item"][data-layer="nature_reserve"]').first().waitFor();
    const names = await panel.getByTestId('identify-name').allTextContents();
    expect(names).toContain(RESERVE.name);
    expect(await panel.textContent()).toContain('核心保护区');
    // The district under the point is found too; the river, a kilometre and more away, is not.
    expect(names).toContain(DISTRICT.name);
    expect(names).not.toContain(RIVER.name);
    await snap('identify');
  });

  it('finds the reserve by name and zooms to it', async () => {
    await centreMap(page, 'spatial-map', 105.5, 31.0, 9);
    await page.getByTestId('map-search').locator('input').fill('青山湖');
    await page.getByTestId('map-search').locator('input').press('Enter');
    const hit = page.getByTestId('search-hit').first();
    await hit.waitFor();
    expect(await hit.textContent()).toContain(RESERVE.name);
    await hit.click();
    // The reserve is in view again: its centre maps to a pixel inside the map.
    await expect
      .poll(async () => {
        const box = (await page.getByTestId('spatial-map').boundingBox())!;
        const p = await mapPixel(page, 'spatial-map', RESERVE.centre[0], RESERVE.centre[1]);
        return p.x > box.x && p.x < box.x + box.width && p.y > box.y && p.y < box.y + box.height;
      })
      .toBe(true);
    await snap('search');
  });

  it('measures a distance in kilometres', async () => {
    await page.getByTestId('identify-panel').getByRole('button').first().click();
    await centreMap(page, 'spatial-map', RESERVE.centre[0], RESERVE.centre[1], 12);
    await page.getByTestId('tool-measure-length').click();
    const a = await mapPixel(page, 'spatial-map', 106.72, 31.85);
    const b = await mapPixel(page, 'spatial-map', 106.78, 31.85);
    await page.mouse.click(a.x, a.y);
    await page.waitForTimeout(350);
    await page.mouse.dblclick(b.x, b.y);
    // 0.06° of longitude at 31.85°N is about 5.67 km.
    await expect.poll(async () => (await page.getByTestId('measure-result').last().textContent()) ?? '').toMatch(/^5\.\d+ km$/);
    await snap('measure');
    await page.getByTestId('tool-measure-length').click();
  });

  it('reads in English too', async () => {
    await page.getByTestId('language-switch').getByText('English').click();
    const tree = page.getByTestId('layer-tree');
    await expect.poll(async () => (await tree.textContent()) ?? '').toContain('Ecological space');
    const text = (await tree.textContent()) ?? '';
    expect(text).toContain('Protected areas');
    expect(text).toContain('Demo data');
    expect(text).not.toMatch(/spatial\.[a-z]/);
    expect(await page.getByTestId('demo-banner').textContent()).toContain('demo data');
    // Search results name the layer in English too: the names come from the layer catalogue.
    await page.getByTestId('map-search').locator('input').fill('青山湖');
    await page.getByTestId('map-search').locator('input').press('Enter');
    await expect.poll(async () => (await page.getByTestId('search-hit').first().textContent()) ?? '').toContain('Protected areas');
    await snap('english');
    await page.getByTestId('language-switch').getByText('中文').click();
    await expect.poll(async () => (await tree.textContent()) ?? '').toContain('生态空间');
  });
});

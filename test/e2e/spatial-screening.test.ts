// End-to-end test of 项目准入筛查 in headless Chromium, against a server whose database holds a test
// nature reserve with its core zone and a 嘉陵江-basin river beside it (spatial-fixtures.ts). The
// administrator draws a chemical plant's site inside the core zone by clicking on the map, screens
// it, and reads 不予准入 with the rules that say why; the saved link shows the same verdict read-only;
// the report link answers with a DOCX. Pictures go to /tmp/helpers/shots/spatial-screening-NN-*.png.
import proj4 from 'proj4';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseOption, openSession, type E2eSession } from './support.ts';
import { RESERVE, RIVER, centreMap, mapPixel, mapSessionOptions } from './spatial-fixtures.ts';

const ADMIN_PASSWORD = 'Qingshan2025screening';
const PROJECT = '青山湖精细化工项目（测试）';

let session: E2eSession | undefined;
let baseUrl = '';
let page: Page;
let token = '';

const snap: E2eSession['snap'] = (...args) => session!.snap(...args);

describe('项目准入筛查 (project screening)', () => {
  beforeAll(async () => {
    session = await openSession(mapSessionOptions('spatial-screening-', ADMIN_PASSWORD));
    ({ baseUrl, page } = session);
  });

  afterAll(() => session?.close());

  it('refuses to screen before a site is drawn, in words', async () => {
    await page.goto(`${baseUrl}/map`);
    await page.getByTestId('spatial-views').getByText('项目准入筛查').click();
    await page.waitForURL(/\/map\/screening$/);
    await page.getByTestId('screening-project-name').fill(PROJECT);
    await chooseOption(page.getByTestId('screening-category'), '化工', { search: true });
    const row = page.locator('.qs-spatial-attr-row').first();
    await row.getByPlaceholder('名称，如投资额').fill('投资额（万元）');
    await row.getByPlaceholder('数值').fill('12000');
    await page.getByTestId('screening-submit').click();
    expect(await page.getByTestId('site-problem').textContent()).toContain('请先在地图上绘制项目场地');
  });

  it('draws a polygon inside the reserve’s core zone and screens it: 不予准入 with its rules', async () => {
    await centreMap(page, 'spatial-map', RESERVE.centre[0], RESERVE.centre[1], 13);
    await page.getByTestId('site-draw').click();
    await expect.poll(() => page.getByTestId('spatial-map').getAttribute('data-tool')).toBe('draw-polygon');
    const corners: [number, number][] = [
      [106.745, 31.845],
      [106.755, 31.845],
      [106.755, 31.855],
      [106.745, 31.855],
    ];
    const pixels = [];
    for (const [lon, lat] of corners) pixels.push(await mapPixel(page, 'spatial-map', lon, lat));
    for (const p of pixels) {
      await page.mouse.click(p.x, p.y);
      await page.waitForTimeout(350);
    }
    // Clicking the first vertex again closes the ring.
    await page.mouse.click(pixels[0]!.x, pixels[0]!.y);
    await expect.poll(async () => (await page.getByTestId('site-status').textContent()) ?? '').toContain('4 个顶点');
    expect(await page.getByTestId('spatial-map').getAttribute('data-tool')).toBe('');
    await snap('drawn');

    await page.getByTestId('screening-submit').click();
    const verdict = page.getByTestId('screening-verdict');
    await verdict.waitFor();
    expect(await verdict.getAttribute('data-verdict')).toBe('inadmissible');
    expect(await verdict.textContent()).toContain('不予准入');
    token = (await page.getByTestId('screening-result').getAttribute('data-token')) ?? '';
    expect(token).toMatch(/^[A-Za-z0-9_-]{16,64}$/);

    // The rule table: the core zone's prohibition, with its basis and source.
    const rules = page.getByTestId('screening-rules');
    await expect.poll(() => rules.locator('[data-testid="rule-row"][data-verdict="prohibited"]').count()).toBeGreaterThan(0);
    const rulesText = (await rules.textContent()) ?? '';
    expect(rulesText).toContain('禁止');
    expect(rulesText).toContain('自然保护地');
    expect(rulesText).toContain('核心保护区');
    expect(rulesText).toContain('自然保护区条例');
    // The layer hits: the site lies wholly in the core zone (and in the general zone around it).
    const hits = page.getByTestId('screening-hits');
    expect(await hits.locator('[data-testid="hit-row"][data-layer="nature_reserve"]').count()).toBeGreaterThan(0);
    expect(await hits.textContent()).toContain(RESERVE.name);
    expect(await hits.textContent()).toMatch(/100(\.0+)?%/);
    expect(await page.getByTestId('screening-result').textContent()).not.toMatch(/spatial\.[a-z]/);
    await snap('result');
    await page.evaluate(() => window.scrollTo(0, 0));
    await snap('result-full', { fullPage: true });
  });

  it('screens a site pasted as 界址点坐标 in Gauss-Krüger zone 36: the general zone only, 需专项论证 for tourism', async () => {
    // CGCS2000 3-degree zone 36 with its zone prefix (EPSG:4524), as a land department writes it: X northing, Y easting.
    proj4.defs('EPSG:4524', '+proj=tmerc +lat_0=0 +lon_0=108 +k=1 +x_0=36500000 +y_0=0 +ellps=GRS80 +units=m +no_defs');
    const corners = [
      [106.71, 31.82],
      [106.72, 31.82],
      [106.72, 31.83],
      [106.71, 31.83],
    ];
    const text = corners
      .map(([lon, lat], i) => {
        const [easting, northing] = proj4('EPSG:4326', 'EPSG:4524', [lon!, lat!]);
        return `J${i + 1} ${northing.toFixed(3)} ${easting.toFixed(3)}`;
      })
      .join('\n');
    await page.goto(`${baseUrl}/map/screening`);
    await page.getByTestId('screening-project-name').fill('青山湖生态旅游步道（测试）');
    await chooseOption(page.getByTestId('screening-category'), '旅游', { search: true });
    await page.getByTestId('site-mode').getByText('界址点坐标').click();
    await page.getByTestId('site-points').fill(text);
    await page.getByTestId('screening-submit').click();
    await page.getByTestId('screening-verdict').waitFor();
    const rules = page.getByTestId('screening-rules');
    await expect.poll(() => rules.locator('[data-testid="rule-row"][data-verdict="special_study"]').count()).toBeGreaterThan(0);
    expect(await rules.textContent()).toContain('需专项论证');
    expect(await rules.locator('[data-testid="rule-row"][data-verdict="prohibited"]').count()).toBe(0);
    const hits = (await page.getByTestId('screening-hits').textContent()) ?? '';
    expect(hits).toContain('一般控制区');
    expect(hits).not.toContain('核心保护区');
    // The site is drawn where the coordinates say: its centre is on the map, inside the view once the
    // map has fitted the site and the page has scrolled to the result.
    await expect
      .poll(async () => {
        const box = (await page.getByTestId('spatial-map').boundingBox())!;
        const centre = await mapPixel(page, 'spatial-map', 106.715, 31.825);
        return centre.x > box.x && centre.x < box.x + box.width && centre.y > box.y && centre.y < box.y + box.height;
      })
      .toBe(true);
    await page.evaluate(() => window.scrollTo(0, 0));
    await snap('boundary-points');
  });

  it('screens a point with a radius 500 m from a 嘉陵江-basin river: 不予准入 for a chemical plant, citing 004', async () => {
    await page.goto(`${baseUrl}/map/screening`);
    await page.getByTestId('screening-project-name').fill('清水河化工仓储（测试）');
    await chooseOption(page.getByTestId('screening-category'), '化工', { search: true });
    await page.getByTestId('draw-kind').getByText('点 + 半径').click();
    await page.getByTestId('site-radius').fill('500');
    // About 1.3 km east of the river: the 500 m circle comes within its 1 km.
    await centreMap(page, 'spatial-map', 106.83, 31.8, 13);
    await page.getByTestId('site-draw').click();
    const at = await mapPixel(page, 'spatial-map', 106.83, 31.8);
    await page.mouse.click(at.x, at.y);
    await expect.poll(async () => (await page.getByTestId('site-status').textContent()) ?? '').toContain('已选点');
    await page.getByTestId('screening-submit').click();
    const verdict = page.getByTestId('screening-verdict');
    await verdict.waitFor();
    expect(await verdict.getAttribute('data-verdict')).toBe('inadmissible');
    const rules = page.getByTestId('screening-rules');
    const river = rules.locator('[data-testid="rule-row"][data-verdict="prohibited"]').filter({ hasText: '河流' });
    await expect.poll(() => river.count()).toBeGreaterThan(0);
    expect(await river.first().textContent()).toContain('嘉陵江');
    expect(await river.first().textContent()).toContain(RIVER.name);
    expect(await river.first().textContent()).toContain('第二轮中央生态环境保护督察反馈意见整改实施方案');
    await page.evaluate(() => window.scrollTo(0, 0));
    await snap('point-radius');
  });

  it('screens a road drawn as a line with a width across the general zone: 有条件准入, 需专项论证', async () => {
    await page.goto(`${baseUrl}/map/screening`);
    await page.getByTestId('screening-project-name').fill('青山湖环湖公路（测试）');
    await chooseOption(page.getByTestId('screening-category'), '线性工程', { search: true });
    await page.getByTestId('draw-kind').getByText('线 + 宽度').click();
    await page.getByTestId('site-width').fill('30');
    await centreMap(page, 'spatial-map', 106.715, 31.82, 13);
    await page.getByTestId('site-draw').click();
    const from = await mapPixel(page, 'spatial-map', 106.705, 31.82);
    const to = await mapPixel(page, 'spatial-map', 106.725, 31.82);
    await page.mouse.click(from.x, from.y);
    await page.waitForTimeout(350);
    await page.mouse.dblclick(to.x, to.y);
    await expect.poll(async () => (await page.getByTestId('site-status').textContent()) ?? '').toContain('已绘制线路');
    await page.getByTestId('screening-submit').click();
    const verdict = page.getByTestId('screening-verdict');
    await verdict.waitFor();
    expect(await verdict.getAttribute('data-verdict')).toBe('conditional');
    expect(await verdict.textContent()).toContain('有条件准入');
    const rules = page.getByTestId('screening-rules');
    await expect.poll(() => rules.locator('[data-testid="rule-row"][data-verdict="special_study"]').count()).toBeGreaterThan(0);
    const hits = (await page.getByTestId('screening-hits').textContent()) ?? '';
    expect(hits).toContain('一般控制区');
    expect(hits).not.toContain('核心保护区');
    await page.evaluate(() => window.scrollTo(0, 0));
    await snap('line-width');
  });

  it('screens a site uploaded as a GeoJSON file, read in the browser, and says so when a file has no area', async () => {
    await page.goto(`${baseUrl}/map/screening`);
    await page.getByTestId('screening-project-name').fill('青山湖上传场地项目（测试）');
    await chooseOption(page.getByTestId('screening-category'), '化工', { search: true });
    await page.getByTestId('site-mode').getByText('上传文件').click();
    const input = page.getByTestId('site-file-panel').locator('input[type="file"]');
    // A line is no site: the form says so in words and keeps nothing.
    const line = { type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [[106.74, 31.84], [106.76, 31.86]] } };
    await input.setInputFiles({ name: 'line.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(line)) });
    await expect.poll(async () => (await page.getByTestId('site-file-panel').textContent()) ?? '').toContain('文件中没有面要素');
    // A square inside the reserve's core zone, as a FeatureCollection.
    const square = [[106.745, 31.845], [106.755, 31.845], [106.755, 31.855], [106.745, 31.855], [106.745, 31.845]];
    const site = { type: 'FeatureCollection', features: [{ type: 'Feature', properties: { 名称: '场地' }, geometry: { type: 'Polygon', coordinates: [square] } }] };
    await input.setInputFiles({ name: 'site.geojson', mimeType: 'application/geo+json', buffer: Buffer.from(JSON.stringify(site)) });
    await expect.poll(async () => (await page.getByTestId('site-file-panel').textContent()) ?? '').toContain('已读取：site.geojson');
    // Longitude and latitude: no coordinate system to choose.
    expect(await page.getByTestId('site-file-panel').getByTestId('site-srid').count()).toBe(0);
    await page.getByTestId('screening-submit').click();
    const verdict = page.getByTestId('screening-verdict');
    await verdict.waitFor();
    expect(await verdict.getAttribute('data-verdict')).toBe('inadmissible');
    const hits = (await page.getByTestId('screening-hits').textContent()) ?? '';
    expect(hits).toContain('核心保护区');
    await page.evaluate(() => window.scrollTo(0, 0));
    await snap('uploaded');
  });

  it('opens the saved link read-only with the same verdict', async () => {
    await page.goto(`${baseUrl}/map/screening/${token}`);
    const verdict = page.getByTestId('screening-verdict');
    await verdict.waitFor();
    expect(await verdict.getAttribute('data-verdict')).toBe('inadmissible');
    expect(await verdict.textContent()).toContain('不予准入');
    expect(await page.getByTestId('screening-project').textContent()).toBe(PROJECT);
    expect(await page.getByTestId('screening-result').textContent()).toContain('投资额（万元）');
    expect(await page.getByTestId('screening-form').count()).toBe(0);
    await snap('saved');
  });

  it('reads the saved result in English, with the layers’ and zones’ English names', async () => {
    await page.getByTestId('language-switch').getByText('English').click();
    const hits = page.getByTestId('screening-hits');
    await expect.poll(async () => (await hits.textContent()) ?? '').toContain('Protected areas');
    expect(await hits.textContent()).toContain('Core protection zone');
    expect(await hits.textContent()).not.toContain('自然保护地');
    const distances = (await page.getByTestId('screening-distances').textContent()) ?? '';
    expect(distances).toContain('Air quality monitoring stations');
    expect(distances).not.toContain('空气质量监测站');
    expect(await page.getByTestId('screening-rules').textContent()).toContain('Protected areas');
    expect(await page.getByTestId('screening-result').textContent()).toContain('Chemical industry');
    // The reasons too: the verdict's and each rule's words in English, only the rules' own basis in Chinese.
    const reasons = (await page.getByTestId('screening-reasons').textContent()) ?? '';
    expect(reasons).toContain('Not admissible: prohibitions that apply:');
    expect(reasons).toContain('Prohibited: the site ');
    expect(reasons).toContain('(Protected areas');
    expect(reasons).not.toContain('不予准入');
    expect(reasons).not.toContain('项目选址');
    await snap('saved-english');
    await page.getByTestId('language-switch').getByText('中文').click();
    await expect.poll(async () => (await hits.textContent()) ?? '').toContain('自然保护地');
    expect(await page.getByTestId('screening-reasons').textContent()).toContain('不予准入：触及');
  });

  it('lists the screening in the history', async () => {
    await page.goto(`${baseUrl}/map/screening`);
    await page.getByTestId('screening-history-open').click();
    const link = page.getByTestId('history-link').filter({ hasText: PROJECT });
    await link.waitFor();
    expect(await page.getByTestId('screening-history').textContent()).toContain('不予准入');
    await snap('history');
  });

  it('serves the report as a DOCX', async () => {
    const href = await page.evaluate(async (t) => {
      const res = await fetch(`/api/spatial/screenings/${t}/report.docx`, { credentials: 'same-origin' });
      const bytes = new Uint8Array(await res.arrayBuffer());
      return { status: res.status, type: res.headers.get('content-type'), zip: bytes[0] === 0x50 && bytes[1] === 0x4b };
    }, token);
    expect(href.status).toBe(200);
    expect(href.type).toContain('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(href.zip).toBe(true);
  });
});

// End-to-end test of 环境监测 (monitoring) against the real server, in headless Chromium. The
// administrator opens 监测点位 from the menu and finds the seeded sites (手傍岩, 化成水库, 市中心医院南坝院区)
// on the map and in the table, each with its approximate position marked; filters the sections; opens the
// station, whose page quotes the document that names it and has no data yet; imports three hours of
// PM2.5 through 数据导入 and sees them in the station's chart; has a file with wrong rows refused with each
// row and column named and nothing imported; and computes an AQI and a water class with the
// calculators, the server's field error shown on its field. Expected figures are the worked examples of
// shared/specs/calculator-io.md and GB 3838-2002 Table 1, not the code's own output.
// A picture of each step goes to test-results/screenshots/monitoring-NN-*.png.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseOption, openSession, readJson, type E2eSession } from './support.ts';

const ADMIN_PASSWORD = 'Qingshan2025monitor';
const STATION = '市中心医院南坝院区空气质量自动监测站';
const STATION_CODE = 'BZ-AIR-NBYQ';
/** The seed's sites: 5 air stations, 3 sections, 2 drinking-water sources. */
const SEEDED = { air: 5, section: 3, source: 2 };

let session: E2eSession | undefined;
let baseUrl = '';
let token = '';
let page: Page;
let filesDir = '';
let stationId = 0;

/** The day before today in China Standard Time: the station page shows the last seven days first. */
const yesterdayCst = new Date(Date.now() + 8 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);

const snap: E2eSession['snap'] = (...args) => session!.snap(...args);

function siteRow(code: string): Locator {
  return page.locator(`tr[data-code="${code}"]`);
}

function writeFile(name: string, lines: string[]): string {
  const path = join(filesDir, name);
  writeFileSync(path, lines.join('\r\n'));
  return path;
}

async function pm25Values(): Promise<{ at: string; value: string | null }[]> {
  const res = await fetch(`${baseUrl}/api/monitoring/stations/${stationId}/series?from=${yesterdayCst}&to=${yesterdayCst}&parameter=pm2_5`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return (await readJson<{ items: { at: string; value: string | null }[] }>(res, 'series')).items;
}

async function importFile(path: string): Promise<void> {
  await page.locator('[data-testid="monitoring-import"] input[type="file"]').setInputFiles(path);
  await page.getByTestId('import-submit').click();
}

describe('环境监测 (monitoring)', () => {
  beforeAll(async () => {
    // The server starts without 示例数据: the station has no values but the ones imported here.
    session = await openSession({ adminPassword: ADMIN_PASSWORD, shots: { prefix: 'monitoring-' } });
    ({ baseUrl, token, page } = session);
    filesDir = mkdtempSync(join(tmpdir(), 'qingshan-e2e-monitoring-'));
  });

  afterAll(async () => {
    await session?.close();
    if (filesDir) rmSync(filesDir, { recursive: true, force: true });
  });

  it('opens 监测点位 from the menu: the seeded sites on the map and in the table, positions marked approximate', async () => {
    const card = page.locator('.qs-module-card', { hasText: '环境监测' });
    expect(await card.textContent()).not.toContain('建设中');
    await page.getByTestId('main-menu').getByText('环境监测', { exact: true }).click();
    await page.waitForURL(/\/monitoring$/);
    await siteRow(STATION_CODE).waitFor();
    const all = SEEDED.air + SEEDED.section + SEEDED.source;
    expect(await page.getByTestId('site-row').count()).toBe(all);
    for (const name of ['手傍岩', '化成水库', STATION]) expect(await page.getByTestId('site-table').textContent()).toContain(name);

    // The map: drawn on a canvas with every site, no tiles, a scale line.
    const map = page.getByTestId('site-map');
    await map.locator('canvas').first().waitFor();
    expect(await map.getAttribute('data-points')).toBe(String(all));
    await map.locator('.ol-scale-line').waitFor();

    // 手傍岩: a national section of 巴河 with target class Ⅱ, its position approximate.
    const sby = siteRow('SW-SBY');
    expect(await sby.getByTestId('site-kind').textContent()).toBe('地表水断面');
    expect(await sby.getByTestId('site-target-class').textContent()).toBe('目标 Ⅱ类');
    expect(await sby.textContent()).toContain('巴河');
    expect(await sby.getByTestId('approximate').textContent()).toBe('坐标为近似值');
    expect(await page.getByTestId('approximate-note').textContent()).toContain(`共 ${all} 个点位的坐标为近似值`);
    await snap('sites');
  });

  it('filters the sections: the map and the table follow', async () => {
    await chooseOption(page.getByTestId('site-filter-kind'), '地表水断面');
    await page.waitForURL(/kind=section/);
    await expect.poll(() => page.getByTestId('site-row').count()).toBe(SEEDED.section);
    expect(await page.getByTestId('site-map').getAttribute('data-points')).toBe(String(SEEDED.section));
    expect(await page.getByTestId('site-table').textContent()).not.toContain('化成水库');
    await snap('sites-sections');
  });

  it('a point on the map names its site under the pointer and opens it', async () => {
    await page.goto(`${baseUrl}/monitoring`);
    await siteRow(STATION_CODE).waitFor();
    await chooseOption(page.getByTestId('site-filter-kind'), '空气监测站');
    await chooseOption(page.getByTestId('site-filter-district'), '南江县');
    await expect.poll(() => page.getByTestId('site-row').count()).toBe(1);
    // One point: the map centres it (the padding is 8 px taller at the top).
    const map = page.getByTestId('site-map');
    await expect.poll(() => map.getAttribute('data-points')).toBe('1');
    const box = (await map.boundingBox())!;
    const point = { x: box.x + box.width / 2, y: box.y + box.height / 2 + 4 };
    // The map finds what is under the pointer in the frame it last drew, which may still be the one
    // before the filter: point again until the tip names the site.
    const tip = page.getByTestId('site-map-tip');
    await expect
      .poll(async () => {
        await page.mouse.move(point.x - 2, point.y);
        await page.mouse.move(point.x, point.y);
        return (await tip.allTextContents()).join('');
      })
      .toContain('南江县城空气质量自动监测站');
    await snap('sites-map-tip', { fullPage: false });
    await page.mouse.click(point.x, point.y);
    await page.waitForURL(/\/monitoring\/sites\/\d+\?kind=air$/);
    await expect.poll(() => page.getByTestId('site-code').textContent()).toBe('NJ-AIR-01');
    await page.goto(`${baseUrl}/monitoring`);
    await siteRow(STATION_CODE).waitFor();
  });

  it('opens the station: its facts, the document that names it, and no data yet', async () => {
    await siteRow(STATION_CODE).click();
    await page.waitForURL(/\/monitoring\/sites\/\d+\?kind=air$/);
    stationId = Number(/sites\/(\d+)/.exec(page.url())![1]);
    await page.getByTestId('site-facts').waitFor();
    expect(await page.getByTestId('monitoring-title').textContent()).toContain(STATION);
    expect(await page.getByTestId('site-code').textContent()).toBe(STATION_CODE);
    const facts = page.getByTestId('site-facts');
    expect(await facts.textContent()).toContain('国控');
    expect(await facts.textContent()).toContain('巴州区');
    expect(await page.getByTestId('site-position').getByTestId('approximate').textContent()).toBe('坐标为近似值');
    const source = page.getByTestId('site-source');
    expect(await source.textContent()).toContain('依据：001 第一章 第一节');
    expect(await source.textContent()).toContain('市中心医院南坝院区空气质量自动监测站和9个长江经济带水质自动监测站');
    await page.getByTestId('series-empty').waitFor();
    expect(await page.getByTestId('series-parameter').textContent()).toContain('PM₂.₅');
    await snap('station-empty');
  });

  it('imports three hours through 数据导入 and shows them in the station’s chart', async () => {
    await page.getByTestId('monitoring-nav').getByText('数据导入').click();
    await page.waitForURL(/\/monitoring\/import$/);
    const path = writeFile('air-good.csv', [
      '站点编码,时间,SO2,NO2,PM10,PM2.5,CO,O3,PM2.5标记,审核状态',
      `${STATION_CODE},${yesterdayCst} 01:00,8,21,56,35,0.9,40,,原始`,
      `${STATION_CODE},${yesterdayCst} 02:00,7,20,50,48,0.8,38,,原始`,
      `${STATION_CODE},${yesterdayCst} 03:00,6,18,45,52,0.8,36,仪器校准,原始`,
    ]);
    await importFile(path);
    const accepted = page.getByTestId('import-accepted');
    await accepted.waitFor();
    expect(await accepted.textContent()).toContain('已导入：air-good.csv');
    expect(await page.getByTestId('import-count-records').textContent()).toBe('3');
    expect(await page.getByTestId('import-count-values').textContent()).toBe('18');
    expect(await page.getByTestId('import-count-written').textContent()).toBe('18');
    await snap('import-accepted');

    // Whether the page ever says it has no values while they are on their way (it once did for a
    // render, between finding the latest day with data and asking for its week).
    await page.addInitScript(() => {
      const seen = { empty: false };
      (window as unknown as { seriesEmptySeen: typeof seen }).seriesEmptySeen = seen;
      // The records, not the document: the state may be gone again by the time the observer runs.
      new MutationObserver((records) => {
        for (const r of records)
          for (const node of r.addedNodes)
            if (node instanceof Element && (node.matches('[data-testid="series-empty"]') || node.querySelector('[data-testid="series-empty"]'))) seen.empty = true;
      }).observe(document, { subtree: true, childList: true });
    });
    await page.goto(`${baseUrl}/monitoring/sites/${stationId}?kind=air`);
    const chart = page.getByTestId('series-chart');
    await chart.locator('canvas').waitFor();
    expect(await page.evaluate(() => (window as unknown as { seriesEmptySeen: { empty: boolean } }).seriesEmptySeen.empty)).toBe(false);
    expect(await page.getByTestId('series-count').textContent()).toBe('共 3 个值，其中无效 1 个');
    expect(await chart.getAttribute('aria-label')).toContain(`${STATION} PM₂.₅`);
    await snap('station-chart');

    // On the sites page the station now has a latest hour: the last one imported.
    await page.getByTestId('monitoring-nav').getByText('监测点位').click();
    await page.waitForURL(/\/monitoring$/);
    await expect.poll(() => siteRow(STATION_CODE).getByTestId('site-latest-aqi').textContent()).toContain(`${yesterdayCst.slice(5)} 03:00`);
    expect(await siteRow('EY-AIR-01').textContent()).not.toContain('03:00');
  });

  it('refuses a file with wrong rows: each row and column named, nothing imported', async () => {
    await page.goto(`${baseUrl}/monitoring/import`);
    const path = writeFile('air-bad.csv', [
      '站点编码,时间,SO2,NO2,PM10,PM2.5,CO,O3,审核状态',
      `${STATION_CODE},${yesterdayCst} 04:00,8,21,56,70,0.9,40,原始`,
      `NO-SUCH-STATION,${yesterdayCst} 04:00,8,21,56,35,0.9,40,原始`,
      `${STATION_CODE},${yesterdayCst} 05:30,8,21,56,35,0.9,40,原始`,
      `${STATION_CODE},${yesterdayCst} 06:00,8,-21,56,35,0.9,40,原始`,
    ]);
    await importFile(path);
    const refused = page.getByTestId('import-refused');
    await refused.waitFor();
    expect(await refused.locator('.ant-alert-error').textContent()).toContain('导入未执行：数据有误');
    const rows = page.getByTestId('import-error-row');
    expect(await rows.count()).toBeGreaterThanOrEqual(3);
    const cells = async (row: Locator) => (await row.locator('td').allTextContents()).slice(0, 2);
    const located = await Promise.all((await rows.all()).map(cells));
    expect(located).toEqual(expect.arrayContaining([['3', '站点编码'], ['4', '时间'], ['5', 'NO2']]));
    expect(located.some(([row]) => row === '2')).toBe(false);
    // The good row 2 was not imported either: the station still has its three values of yesterday.
    expect((await pm25Values()).map((v) => v.value)).toEqual(['35', '48', '52']);
    await snap('import-refused');
  });

  it('computes an AQI: the worked example of calculator-io.md, then a negative value refused on its field', async () => {
    await page.getByTestId('monitoring-nav').getByText('标准计算器').click();
    await page.waitForURL(/\/monitoring\/calculators$/);
    const aqi = page.getByTestId('calc-aqi');
    await chooseOption(aqi.getByTestId('aqi-standard'), 'HJ 633—2012');
    const example: [string, string][] = [
      ['SO₂ 24小时平均', '6'],
      ['NO₂ 24小时平均', '11'],
      ['PM₁₀ 24小时平均', '21'],
      ['PM₂.₅ 24小时平均', '20'],
      ['CO 24小时平均', '1.3'],
      ['O₃ 日最大1小时平均', '126'],
      ['O₃ 日最大8小时滑动平均', '93'],
    ];
    for (const [label, value] of example) await aqi.getByLabel(label, { exact: true }).fill(value);
    await page.getByTestId('aqi-submit').click();
    const result = page.getByTestId('aqi-result');
    await result.waitFor();
    expect(await page.getByTestId('aqi-value').textContent()).toBe('AQI47');
    expect(await page.getByTestId('aqi-value').getAttribute('data-color')).toBe('#00E400');
    expect(await page.getByTestId('aqi-category').textContent()).toBe('一级 · 优');
    expect(await page.getByTestId('aqi-primary').textContent()).toBe('首要污染物：无');
    expect(await result.locator('tr[data-key="O3_8h_max"]').textContent()).toContain('47');
    expect(await result.locator('tr[data-key="SO2_24h"]').textContent()).toContain('6');
    await snap('aqi');

    await aqi.getByLabel('NO₂ 24小时平均', { exact: true }).fill('-11');
    await page.getByTestId('aqi-submit').click();
    await aqi.getByText('浓度不能为负').waitFor();
    expect(await result.count()).toBe(0);
  });

  it('computes a water class: the README sample is Ⅱ类 优; with NH3-N 2.3 it is 劣Ⅴ类 with 氨氮 1.3 times over', async () => {
    const water = page.getByTestId('calc-water');
    const sample: [string, string][] = [
      ['pH值', '7.6'],
      ['溶解氧', '6.2'],
      ['高锰酸盐指数', '3.1'],
      ['化学需氧量', '14'],
      ['五日生化需氧量', '2.5'],
      ['氨氮', '0.35'],
      ['总磷', '0.08'],
    ];
    for (const [label, value] of sample) await water.getByLabel(label, { exact: true }).fill(value);
    await page.getByTestId('water-submit').click();
    await page.getByTestId('water-result').waitFor();
    expect(await page.getByTestId('water-class').textContent()).toBe('水质类别Ⅱ类');
    expect(await page.getByTestId('water-descriptor').textContent()).toBe('水质状况：优');
    expect(await page.getByTestId('water-main-pollutants').textContent()).toBe('主要污染指标：无');
    expect(await water.locator('tr[data-key="pH"]').textContent()).toContain('Ⅰ类');
    expect(await water.locator('tr[data-key="DO"]').textContent()).toContain('Ⅱ类');

    // GB 3838-2002: NH3-N above 2.0 is 劣Ⅴ; 超标倍数 against the class Ⅲ limit 1.0 is (2.3 − 1.0) / 1.0 = 1.3.
    await water.getByLabel('氨氮', { exact: true }).fill('2.3');
    await page.getByTestId('water-submit').click();
    await expect.poll(() => page.getByTestId('water-class').textContent()).toBe('水质类别劣Ⅴ类');
    expect(await page.getByTestId('water-descriptor').textContent()).toBe('水质状况：重度污染');
    expect(await page.getByTestId('water-main-pollutants').textContent()).toBe('主要污染指标：氨氮（劣Ⅴ类，超标 1.3 倍）');
    await page.getByTestId('water-result').scrollIntoViewIfNeeded();
    await snap('water-class');

    // pH runs 0–14: the server's refusal lands on the field, in Chinese.
    await water.getByLabel('pH值', { exact: true }).fill('15');
    await page.getByTestId('water-submit').click();
    await water.getByText('pH 不能大于 14').waitFor();
    expect(await page.getByTestId('water-result').count()).toBe(0);
  });

  it('reads in English', async () => {
    await page.goto(`${baseUrl}/monitoring`);
    await siteRow(STATION_CODE).waitFor();
    await page.getByTestId('language-switch').getByText('English').click();
    await expect.poll(() => page.getByTestId('monitoring-title').textContent()).toContain('Sites');
    expect(await siteRow('SW-SBY').getByTestId('approximate').textContent()).toBe('Approximate');
    expect(await siteRow('SW-SBY').getByTestId('site-target-class').textContent()).toBe('target Class Ⅱ');
    await snap('sites-en');
  });
});

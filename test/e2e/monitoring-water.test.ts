// End-to-end test of the water views of 环境监测 against the real server, in headless Chromium. The
// server starts without data: 地表水环境质量 says so; then two years (2024, 2025) of monthly samples for
// the three seeded sections and two drinking-water sources are pushed (the demo generator's samples,
// pushed as ordinary data, with two values set by hand: 金碑 July 2025 TP 0.25, class IV; 大佛寺
// August 2025 NH3-N 1.2, class IV). The administrator sees each section's class, target and 同比 on
// the map and in the table with the city's and districts' 优良率 and 达标率; switches to July and
// finds 金碑 below its target with 总磷 as main pollutant; and on 饮用水水源地 finds 大佛寺 over its
// limit in August. Expected classes are read off GB 3838-2002 Table 1 (TP river class IV: 0.2–0.3).
// A picture of each step goes to test-results/screenshots/monitoring-water-NN-*.png.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoWaterYear, type DemoWaterSite } from '../../src/monitoring/demo/water-year.ts';
import { openSession, readJson, type E2eSession } from './support.ts';

const ADMIN_PASSWORD = 'Qingshan2025water';
const YEAR = 2025;
const SITES: DemoWaterSite[] = [
  { code: 'SW-SBY', kind: 'section', waterBody: 'river', automatic: false },
  { code: 'SW-JL', kind: 'section', waterBody: 'river', automatic: false },
  { code: 'SW-JB', kind: 'section', waterBody: 'river', automatic: false },
  { code: 'DW-HCSK', kind: 'source', waterBody: 'lake', automatic: false },
  { code: 'DW-DFS', kind: 'source', waterBody: 'river', automatic: false },
];
/** Values set by hand over the generated ones: site, month of YEAR, parameter, value. */
const SET = [
  { site: 'SW-JB', month: '07', parameter: 'tp', value: 0.25 },
  { site: 'DW-DFS', month: '08', parameter: 'nh3_n', value: 1.2 },
];

let session: E2eSession | undefined;
let baseUrl = '';
let token = '';
let page: Page;

const snap: E2eSession['snap'] = (...args) => session!.snap(...args);

/** The manual samples of the two years, as an ordinary push. */
function records() {
  return SITES.flatMap((site) =>
    [YEAR - 1, YEAR].flatMap((year) =>
      demoWaterYear(site, year).map((sample) => {
        const values: Record<string, number> = { ...sample.values };
        for (const s of SET) if (s.site === site.code && sample.sampledAt.startsWith(`${YEAR}-${s.month}-`)) values[s.parameter] = s.value;
        return { site: site.code, at: sample.sampledAt, mode: 'manual', values };
      }),
    ),
  );
}

const sectionRow = (code: string) => page.locator(`tr[data-testid="water-section-row"][data-code="${code}"]`);
const sourceRow = (code: string) => page.locator(`tr[data-testid="drinking-source-row"][data-code="${code}"]`);

describe('环境监测: surface water and drinking-water sources', () => {
  beforeAll(async () => {
    session = await openSession({ adminPassword: ADMIN_PASSWORD, shots: { prefix: 'monitoring-water-' } });
    ({ baseUrl, token, page } = session);
  });

  afterAll(() => session?.close());

  it('opens 地表水环境质量 from the monitoring tabs: no data yet, said so', async () => {
    await page.goto(`${baseUrl}/monitoring`);
    await page.getByTestId('monitoring-nav').getByText('地表水环境质量').click();
    await page.waitForURL(/\/monitoring\/water$/);
    await page.getByTestId('water-empty').waitFor();
    expect(await page.getByTestId('water-empty').textContent()).toContain('没有断面监测数据');
    await snap('empty');
  });

  it('shows each section of the year with its class, target and 同比, and the city and district ratios', async () => {
    const res = await fetch(`${baseUrl}/api/monitoring/water/push`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ records: records() }),
    });
    const pushed = await readJson<{ written: number }>(res, 'push');
    expect(pushed.written).toBeGreaterThan(2 * 5 * 12 * 20);

    await page.goto(`${baseUrl}/monitoring/water?period=${YEAR}`);
    await sectionRow('SW-SBY').waitFor();
    expect(await page.getByTestId('water-section-row').count()).toBe(3);
    for (const code of ['SW-SBY', 'SW-JL', 'SW-JB']) {
      const row = sectionRow(code);
      // A year of class II months with a few class III or IV ones averages to class II or III.
      expect(['II', 'III']).toContain(await row.getByTestId('water-section-class').getAttribute('data-class'));
      expect(await row.textContent()).toContain('Ⅱ类');
      expect(await row.getByTestId('water-trend').locator('[data-month]').count()).toBe(12);
      expect(['better', 'same', 'worse']).toContain(await row.getByTestId('water-change').getAttribute('data-change'));
    }
    expect(await sectionRow('SW-JB').locator('[data-month="2025-07"]').getAttribute('data-class')).toBe('IV');
    expect(await page.getByTestId('water-city-good').textContent()).toBe('100%');
    expect(await page.getByTestId('water-district').count()).toBe(2);
    expect(await page.getByTestId('water-basis-line').textContent()).toContain('GB3838-2002');
    await page.getByTestId('site-map').locator('canvas').first().waitFor();
    expect(await page.getByTestId('site-map').getAttribute('data-points')).toBe('3');
    await snap('year');
  });

  it('switches to a month: 金碑 in July is class IV, below its target, 总磷 its main pollutant', async () => {
    await page.getByTestId('water-period-kind').getByText('月度').click();
    await page.waitForURL(new RegExp(`period=${YEAR}-12`));
    // The month panel opens on the year of the period shown; each month's cell is titled YYYY-MM.
    await page.getByTestId('water-period').click();
    await page.locator(`.ant-picker-dropdown:visible td[title="${YEAR}-07"]`).click();
    await page.waitForURL(new RegExp(`period=${YEAR}-07`));
    await expect.poll(() => sectionRow('SW-JB').getByTestId('water-section-class').getAttribute('data-class')).toBe('IV');
    const jb = sectionRow('SW-JB');
    expect(await jb.getByTestId('water-meets').textContent()).toBe('未达标');
    expect(await jb.getByTestId('water-pollutants').textContent()).toBe('总磷（0.25）');
    expect(await page.getByTestId('water-city-target').textContent()).not.toBe('100%');
    // Opened, the row shows the section's twelve months with their values.
    await jb.locator('.ant-table-row-expand-icon').click();
    const months = page.getByTestId('water-months');
    await months.locator('tbody tr.ant-table-row').nth(11).waitFor();
    const july = months.locator('tbody tr.ant-table-row').nth(6);
    expect(await july.textContent()).toContain(`${YEAR}-07`);
    expect(await july.textContent()).toContain('0.25');
    expect(await july.getByTestId('water-class-tag').textContent()).toBe('Ⅳ类');
    await snap('july');
  });

  it('opens 饮用水水源地: each source against its class, 大佛寺 over its limit in August', async () => {
    await page.getByTestId('monitoring-nav').getByText('饮用水水源地').click();
    await page.waitForURL(/\/monitoring\/drinking-water/);
    await sourceRow('DW-HCSK').waitFor();
    expect(await page.getByTestId('drinking-source-row').count()).toBe(2);
    // The period stays in the address: July; the reservoir is held to its own class II.
    expect(await sourceRow('DW-HCSK').textContent()).toContain('Ⅱ类');
    expect(await sourceRow('DW-DFS').textContent()).toContain('Ⅲ类');
    await snap('drinking-july');

    await page.goto(`${baseUrl}/monitoring/drinking-water?period=${YEAR}-08`);
    await expect.poll(() => sourceRow('DW-DFS').getByTestId('drinking-compliant').getAttribute('data-compliant')).toBe('false');
    // (1.2 − 1.0)/1.0 = 0.2 over the class III limit of 氨氮.
    expect(await sourceRow('DW-DFS').getByTestId('drinking-exceedances').textContent()).toContain('氨氮 1.2（限值 1.0，超标 0.2 倍）');
    expect(await page.getByTestId('drinking-city-percent').textContent()).not.toBe('100%');
    await snap('drinking-august');

    await page.goto(`${baseUrl}/monitoring/drinking-water?period=${YEAR}`);
    await expect.poll(async () => (await page.getByTestId('drinking-months').allTextContents()).join(' ')).toContain(`${YEAR}-08`);
    await snap('drinking-year');
  });
});

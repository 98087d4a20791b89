// End-to-end test of the air-quality views of 环境监测 against the real server, in headless Chromium.
// The server starts without data: 实时空气质量 says so; then November 2025 of hourly data for the five
// seeded stations is pushed (the demo generator's series, pushed as ordinary data), and the
// administrator sees each station's AQI in its level's colour, the districts and the city; on
// 空气质量评价 the districts ranked by 综合指数 and, with 两版标准对比, the city's 优良天数比例 lower
// under HJ 633—2026 than under HJ 633—2012 on the same data; and on the station page the calendar of
// the year's daily AQI. Expected figures are read from the API, the pages must show the same.
// A picture of each step goes to test-results/screenshots/monitoring-air-NN-*.png.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AIR_POLLUTANTS, demoAirYear } from '../../src/monitoring/demo/air-year.ts';
import { PARAMETER_OF } from '../../src/monitoring/evaluation/store.ts';
import { openSession, readJson, type E2eSession } from './support.ts';

const ADMIN_PASSWORD = 'Qingshan2025airview';
const STATIONS = ['BZ-AIR-NBYQ', 'EY-AIR-01', 'TJ-AIR-01', 'NJ-AIR-01', 'PC-AIR-01'];
const STATION = 'BZ-AIR-NBYQ';
/** A month whose PM2.5 has days between 60 and 75 µg/m³: 良 under HJ 633—2012, 轻度污染 under HJ 633—2026. */
const MONTH = '2025-11';
/** The month's last hour ends at the next month's midnight. */
const MONTH_END = '2025-12-01T00:00';
/** The six level colours of HJ 633 Appendix A. */
const LEVEL_COLOURS = ['#00E400', '#FFFF00', '#FF7E00', '#FF0000', '#99004C', '#7E0023'];

let session: E2eSession | undefined;
let baseUrl = '';
let token = '';
let page: Page;

const snap: E2eSession['snap'] = (...args) => session!.snap(...args);

async function api<T>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(`${baseUrl}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers } });
  return readJson<T>(res, path);
}

/** The month's hours of each seeded station, from the demo generator, as an ordinary push. */
function monthRecords() {
  return STATIONS.flatMap((code) =>
    demoAirYear(code, 2025, { particulateScale: code === STATION ? 1 : 0.9 })
      .filter((h) => h.hourEnding.startsWith(MONTH) || h.hourEnding.startsWith(MONTH_END))
      // An hour the analysers missed altogether is not sent.
      .filter((h) => AIR_POLLUTANTS.some((p) => h.values[p] !== null))
      .map((h) => ({
        site: code,
        at: h.hourEnding,
        values: Object.fromEntries(AIR_POLLUTANTS.filter((p) => h.values[p] !== null).map((p) => [PARAMETER_OF[p], h.values[p]])),
      })),
  );
}

interface Evaluation {
  standard: string;
  city: { evaluation: { goodDayRatioPercent: number; compositeIndex: number } };
  districts: { area: { name: string }; rank: number | null; evaluation: { compositeIndex: number | null } }[];
}

describe('环境监测: air quality (实时空气质量, 空气质量评价, AQI calendar)', () => {
  beforeAll(async () => {
    session = await openSession({ adminPassword: ADMIN_PASSWORD, shots: { prefix: 'monitoring-air-' } });
    ({ baseUrl, token, page } = session);
  });

  afterAll(() => session?.close());

  it('opens 实时空气质量 from the monitoring tabs: no data yet, said so', async () => {
    await page.goto(`${baseUrl}/monitoring`);
    await page.getByTestId('monitoring-nav').getByText('实时空气质量').click();
    await page.waitForURL(/\/monitoring\/air$/);
    await page.getByTestId('air-empty').waitFor();
    expect(await page.getByTestId('monitoring-title').textContent()).toContain('实时空气质量');
    await snap('realtime-empty');
  });

  it('shows each station’s AQI in its level’s colour, and the districts and the city', async () => {
    const pushed = await api<{ written: number }>('/api/monitoring/air/push', { method: 'POST', body: JSON.stringify({ records: monthRecords() }) });
    expect(pushed.written).toBeGreaterThan(5 * 700 * 6);
    const realtime = await api<{ items: { station: { code: string }; aqi: number; color: string }[]; districts: { area: { name: string } }[]; city: { aqi: number; stations: number[] } }>(
      '/api/monitoring/air/realtime',
    );
    expect(realtime.items).toHaveLength(STATIONS.length);

    await page.getByRole('button', { name: '刷新' }).click();
    const row = page.locator(`tr[data-testid="air-station-row"][data-code="${STATION}"]`);
    await row.waitFor();
    const expected = realtime.items.find((i) => i.station.code === STATION)!;
    const value = row.getByTestId('aqi-value');
    expect(await value.textContent()).toBe(String(expected.aqi));
    expect(LEVEL_COLOURS).toContain(await value.getAttribute('data-color'));
    expect(await value.getAttribute('data-color')).toBe(expected.color);
    expect(await row.textContent()).toContain(MONTH_END.replace('T', ' '));
    expect(await row.textContent()).toContain('HJ 633—2012');
    expect(await page.getByTestId('air-station-row').count()).toBe(STATIONS.length);

    // Five districts, one station each, and the city of its national station.
    expect(await page.getByTestId('air-district-row').count()).toBe(realtime.districts.length);
    expect(realtime.districts.length).toBe(5);
    const city = page.getByTestId('air-city-row');
    expect(await city.textContent()).toContain('巴中市（全市）');
    expect(await city.getByTestId('aqi-value').textContent()).toBe(String(realtime.city.aqi));
    expect(await city.getByTestId('area-stations').textContent()).toBe('1');

    // The legend of the six levels, and the stations on the map.
    expect(await page.getByTestId('aqi-legend').locator('.qs-air-legend-item').count()).toBe(6);
    expect(await page.getByTestId('aqi-legend').textContent()).toContain('严重污染');
    const map = page.getByTestId('site-map');
    await map.locator('canvas').first().waitFor();
    expect(await map.getAttribute('data-points')).toBe(String(STATIONS.length));
    await snap('realtime');
  });

  it('ranks the districts by 综合指数 on 空气质量评价, and compares the two versions of the standard', async () => {
    const old = await api<Evaluation>(`/api/monitoring/air/evaluation?period=${MONTH}&standard=HJ633-2012`);
    const next = await api<Evaluation>(`/api/monitoring/air/evaluation?period=${MONTH}&standard=HJ633-2026`);
    expect(next.city.evaluation.goodDayRatioPercent).toBeLessThan(old.city.evaluation.goodDayRatioPercent);

    await page.getByTestId('monitoring-nav').getByText('空气质量评价').click();
    await page.waitForURL(/\/monitoring\/evaluation$/);
    await page.goto(`${baseUrl}/monitoring/evaluation?period=${MONTH}`);
    const rows = page.getByTestId('evaluation-district-row');
    await expect.poll(() => rows.count()).toBe(5);
    // In force in November 2025: HJ 633—2012, the ranking as the API gives it.
    expect(await page.getByTestId('evaluation-basis').textContent()).toContain('HJ 633—2012');
    const names = await rows.evaluateAll((all) => all.map((r) => r.getAttribute('data-name')));
    expect(names).toEqual(old.districts.map((d) => d.area.name));
    expect(await rows.first().getByTestId('district-rank').textContent()).toBe('1');
    expect(await rows.first().getByTestId('district-compositeIndex').textContent()).toBe(String(old.districts[0]!.evaluation.compositeIndex));
    expect(await page.getByTestId('city-goodDayRatioPercent').textContent()).toBe(`${old.city.evaluation.goodDayRatioPercent}%`);
    expect(await page.getByTestId('evaluation-station-row').count()).toBe(STATIONS.length);
    await snap('evaluation');

    await page.getByTestId('evaluation-compare').click();
    await page.getByTestId('evaluation-compare-note').waitFor();
    const ratio = page.getByTestId('city-goodDayRatioPercent');
    await expect.poll(() => ratio.getAttribute('data-after')).toBe(String(next.city.evaluation.goodDayRatioPercent));
    expect(await ratio.getAttribute('data-before')).toBe(String(old.city.evaluation.goodDayRatioPercent));
    expect(await ratio.textContent()).toContain('→');
    expect(await page.getByTestId('evaluation-basis').textContent()).toContain('HJ 633—2026');
    expect(await rows.first().getByTestId('district-rank').textContent()).toContain('→');
    await snap('evaluation-compare');

    // The ranking as CSV: a column per standard, the districts in their order.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-districts').click()]);
    expect(download.suggestedFilename()).toBe(`县区排名-${MONTH}.csv`);
    const csv = readFileSync((await download.path())!, 'utf8').split('\r\n');
    expect(csv[0]).toContain('优良天数比例 (%) HJ 633—2012,优良天数比例 (%) HJ 633—2026');
    expect(csv[1]!.startsWith(`${old.districts[0]!.area.name},1,`)).toBe(true);
  });

  it('shows the station’s year of daily AQI on a calendar', async () => {
    const id = (await api<{ items: { id: number; code: string }[] }>('/api/monitoring/stations?pageSize=200')).items.find((s) => s.code === STATION)!.id;
    const daily = await api<{ items: { aqi: number | null; counted: boolean }[] }>(`/api/monitoring/air/stations/${id}/daily?from=2025-01-01&to=2025-12-31`);
    const withAqi = daily.items.filter((d) => d.aqi !== null).length;
    expect(withAqi).toBeGreaterThanOrEqual(30);

    await page.goto(`${baseUrl}/monitoring/sites/${id}?kind=air`);
    const calendar = page.getByTestId('aqi-calendar');
    // The calendar opens on the year of the station's latest data (2025), not this year.
    await calendar.getByTestId('calendar-chart').locator('canvas').first().waitFor();
    expect(await calendar.getByTestId('calendar-count').textContent()).toBe(
      `有 AQI 的 ${withAqi} 天，其中计入有效监测天数 ${daily.items.filter((d) => d.counted).length} 天`,
    );
    expect(await calendar.getByTestId('calendar-chart').getAttribute('aria-label')).toContain('2025 年逐日 AQI 日历');
    expect(await calendar.getByTestId('aqi-legend').locator('.qs-air-legend-item').count()).toBe(6);
    await calendar.scrollIntoViewIfNeeded();
    await snap('calendar');
  });

  it('reads in English', async () => {
    await page.goto(`${baseUrl}/monitoring/evaluation?period=${MONTH}&compare=1`);
    await page.getByTestId('evaluation-compare-note').waitFor();
    await page.getByTestId('language-switch').getByText('English').click();
    await expect.poll(() => page.getByTestId('monitoring-title').textContent()).toContain('Air evaluation');
    expect(await page.getByTestId('evaluation-district-table').textContent()).toContain('Composite index');
    await snap('evaluation-en');
    await page.getByTestId('monitoring-nav').getByText('Real-time air').click();
    await page.getByTestId('air-city-row').waitFor();
    expect(await page.getByTestId('air-city-row').textContent()).toContain('(city)');
    expect(await page.getByTestId('aqi-legend').textContent()).toContain('Severely polluted');
    await snap('realtime-en');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organisationId, startTestApp, userWithToken, type TestApp } from '../support/app.ts';

// Expected figures are worked out by hand from HJ 633 Table 1 / Table 3 and HJ 663 (comments beside each).
let t: TestApp;
let coordinator: string;
let reader: string;
let stationA: number; // BZ-AIR-NBYQ, national, 巴州区
let stationB: number; // a second 巴州区 station added here, provincial
let stationEY: number; // EY-AIR-01, 恩阳区

type Values = Partial<Record<'so2' | 'no2' | 'pm10' | 'pm2_5' | 'co' | 'o3', number>>;

/** Records for the hours `slots` of a date: slot h is h:00–h+1:00, stamped h+1 (24:00 for the last). */
function dayRecords(site: string, date: string, slots: number[], values: (slot: number) => Values) {
  return slots.map((slot) => ({ site, at: `${date} ${String(slot + 1).padStart(2, '0')}:00`, values: values(slot) }));
}
const all = Array.from({ length: 24 }, (_, h) => h);
const first = (n: number) => all.slice(0, n);

// Day 1: every hour SO2 10, NO2 30, PM10 100, PM2.5 70, CO 1.0, O3 50.
const day1 = (): Values => ({ so2: 10, no2: 30, pm10: 100, pm2_5: 70, co: 1.0, o3: 50 });
// Day 2: PM10 60, O3 120 in the hours 12–19 and 40 otherwise; PM2.5 40 (only some hours are sent).
const day2 = (slot: number): Values => ({ so2: 10, no2: 30, pm10: 60, co: 1.0, o3: slot >= 12 && slot <= 19 ? 120 : 40 });

async function push(records: unknown[]) {
  const response = await t.app.inject({ method: 'POST', url: '/api/monitoring/air/push', headers: { authorization: `Bearer ${coordinator}` }, payload: { records } });
  expect(response.statusCode, response.body).toBe(200);
}

const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${reader}` } });

beforeAll(async () => {
  t = await startTestApp();
  coordinator = (await userWithToken(t.db, { username: 'eval-coordinator', role: 'coordinator', organisation: 'shi-huanweiban' })).token;
  reader = (await userWithToken(t.db, { username: 'eval-leader', role: 'leader', organisation: 'bazhong' })).token;
  const id = async (code: string) => (await t.db.selectFrom('monitoring_site').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;
  stationA = await id('BZ-AIR-NBYQ');
  stationEY = await id('EY-AIR-01');
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/monitoring/stations',
    headers: { authorization: `Bearer ${coordinator}` },
    payload: { code: 'BZ-AIR-TEST', name: '巴州区测试站', level: 'provincial', districtId: await organisationId(t.db, 'bazhou'), lon: 106.75, lat: 31.86 },
  });
  expect(created.statusCode, created.body).toBe(201);
  stationB = created.json().id;

  await push([
    ...dayRecords('BZ-AIR-NBYQ', '2025-01-10', all, day1),
    // PM2.5 40 in 20 hours: a valid daily mean.
    ...dayRecords('BZ-AIR-NBYQ', '2025-01-11', all, (h) => ({ ...day2(h), ...(h < 20 ? { pm2_5: 40 } : {}) })),
    // PM2.5 in 19 hours only: no daily mean.
    ...dayRecords('BZ-AIR-NBYQ', '2025-01-12', all, (h) => ({ ...day2(h), ...(h < 19 ? { pm2_5: 40 } : {}) })),
    // Station B: as day 1, but PM2.5 80 in the last 12 hours only.
    ...dayRecords('BZ-AIR-TEST', '2025-01-10', all, (h) => ({ ...day1(), pm2_5: h >= 12 ? 80 : undefined })),
    ...dayRecords('EY-AIR-01', '2025-01-10', all, () => ({ ...day1(), pm2_5: 30 })),
    ...dayRecords('EY-AIR-01', '2025-01-11', all, (h) => ({ ...day2(h), pm2_5: 30 })),
    // Both sides of the change of standard (2026-03-01), the same values.
    ...dayRecords('BZ-AIR-NBYQ', '2026-02-28', all, day1),
    ...dayRecords('BZ-AIR-NBYQ', '2026-03-01', all, day1),
  ].map((r) => ({ ...r, values: Object.fromEntries(Object.entries(r.values).filter(([, v]) => v !== undefined)) })));
});
afterAll(async () => t?.close());

describe('daily series of a station', () => {
  it('gives each day its statistics and AQI under the standard in force that day', async () => {
    const response = await get(`/api/monitoring/air/stations/${stationA}/daily?from=2025-01-10&to=2025-01-12`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.demo).toBe(false);
    expect(body.items).toHaveLength(3);
    const [d1, d2, d3] = body.items;
    // PM2.5 70: IAQI = 50/40 × (70 − 35) + 50 = 93.75 → 94; PM10 100 → 75; NO2 30 → 37.5 → 38.
    expect(d1).toMatchObject({ date: '2025-01-10', standard: 'HJ633-2012', aqi: 94, category: '良', primaryPollutants: ['PM2.5'], counted: true });
    expect(d1.concentrations).toMatchObject({ SO2: 10, NO2: 30, PM10: 100, 'PM2.5': 70, CO: 1, O3: 50, O3_1h_max: 50 });
    expect(d1.iaqi).toMatchObject({ 'PM2.5_24h': 94, PM10_24h: 75, NO2_24h: 38, SO2_24h: 10, CO_24h: 25, O3_8h_max: 25, O3_1h_max: 16 });
    // O3 8-h max = the window 12–19 = 120: IAQI 50/60 × 20 + 50 = 66.7 → 67; PM2.5 40 (20 hours) → 56.25 → 57.
    expect(d2).toMatchObject({ aqi: 67, category: '良', primaryPollutants: ['O3'], counted: true });
    expect(d2.concentrations).toMatchObject({ 'PM2.5': 40, O3: 120 });
    expect(d2.hours['PM2.5']).toBe(20);
    expect(d2.o3Windows).toBe(17);
    // 19 hours of PM2.5: no daily mean; 2012 still publishes the AQI of the rest but the day does not count.
    expect(d3).toMatchObject({ aqi: 67, counted: false, missingPollutants: ['PM2.5'] });
    expect(d3.concentrations['PM2.5']).toBeNull();
    expect(d3.hours['PM2.5']).toBe(19);
  });

  it('re-evaluates the same days under the other standard when asked', async () => {
    const body = (await get(`/api/monitoring/air/stations/${stationA}/daily?from=2025-01-10&to=2025-01-12&standard=HJ633-2026`)).json();
    // HJ 633-2026: PM2.5 70 in the 60–115 band → 50/55 × 10 + 100 = 109.1 → 110; PM10 100 → 50/70 × 50 + 50 = 85.7 → 86.
    expect(body.items[0]).toMatchObject({ standard: 'HJ633-2026', aqi: 110, category: '轻度污染', primaryPollutants: ['PM2.5'] });
    expect(body.items[0].iaqi).toMatchObject({ 'PM10_24h': 86 });
    // §5.3.1: a pollutant missing and the rest ≤ 100 — no AQI.
    expect(body.items[2]).toMatchObject({ aqi: null, counted: false });
  });

  it('switches standard on 2026-03-01 by date', async () => {
    const body = (await get(`/api/monitoring/air/stations/${stationA}/daily?from=2026-02-28&to=2026-03-01`)).json();
    expect(body.items.map((d: { date: string; standard: string; aqi: number }) => [d.date, d.standard, d.aqi])).toEqual([
      ['2026-02-28', 'HJ633-2012', 94],
      ['2026-03-01', 'HJ633-2026', 110],
    ]);
  });

  it('refuses a reversed period and an unknown station as problems', async () => {
    const reversed = await get(`/api/monitoring/air/stations/${stationA}/daily?from=2025-02-01&to=2025-01-01`);
    expect(reversed.statusCode).toBe(400);
    expect(reversed.headers['content-type']).toContain('application/problem+json');
    expect((await get('/api/monitoring/air/stations/999999/daily?from=2025-01-01&to=2025-01-02')).statusCode).toBe(404);
  });
});

describe('real-time AQI', () => {
  it('gives each station the AQI of its latest hour, under the standard in force then', async () => {
    const response = await get('/api/monitoring/air/realtime');
    expect(response.statusCode, response.body).toBe(200);
    const items = response.json().items as { station: { id: number }; at: string; standard: string; aqi: number | null; category: string; primaryPollutants: string[]; missingPollutants: string[] }[];
    const a = items.find((i) => i.station.id === stationA)!;
    // Latest hour 2026-03-01 23:00–24:00 (HJ 633-2026, 1-h values): PM2.5 70 → 110 with the daily breakpoints (§4.2.3).
    expect(a).toMatchObject({ at: '2026-03-02T00:00:00+08:00', standard: 'HJ633-2026', aqi: 110, category: '轻度污染', primaryPollutants: ['PM2.5'] });
    const b = items.find((i) => i.station.id === stationB)!;
    // 2025-01-10, HJ 633-2012: PM2.5 in 12 of 24 hours gives no 24-h moving mean, and its 1-h value no IAQI;
    // PM10's moving mean 100 → 75 is the highest, published with PM2.5 missing.
    expect(b).toMatchObject({ at: '2025-01-11T00:00:00+08:00', standard: 'HJ633-2012', aqi: 75, category: '良', missingPollutants: ['PM2.5'] });
    expect(items.some((i) => i.station.id === stationEY)).toBe(true);
  });
});

describe('monthly and annual evaluation', () => {
  it('evaluates stations, districts (ranked) and the city for a month', async () => {
    const response = await get('/api/monitoring/air/evaluation?period=2025-01');
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ standard: 'HJ633-2012', straddlesChange: false, options: { spatialMean: 'hourly', cityStations: 'national' }, demo: false });
    const a = body.stations.find((s: { area: { id: number } }) => s.area.id === stationA).evaluation;
    // Days 94 and 67 count, day 3 does not: 2 of 2 good.
    expect(a).toMatchObject({ period: '2025-01', calendarDays: 31, daysWithData: 3, validAqiDays: 2, goodDays: 2, goodDayRatioPercent: 100, heavyPollutionDays: 0, attainsGradeII: null });
    // PM2.5 mean of 70 and 40 = 55, on 2 days: short of the month's 27.
    expect(a.pollutants['PM2.5']).toMatchObject({ annualMean: 55, validDays: 2, meetsValidity: false });

    // 巴州区 = stations A and B, hour by hour: PM2.5 on 10 Jan is 70 (hours 0–11) and (70 + 80)/2 = 75
    // (hours 12–23), a day of 72.5; the month's mean of 72.5 and 40 = 56.25 → 56.
    const bazhou = body.districts.find((d: { area: { name: string } }) => d.area.name === '巴州区');
    expect(bazhou.area.stations.sort()).toEqual([stationA, stationB].sort());
    expect(bazhou.evaluation.pollutants['PM2.5'].annualMean).toBe(56);
    // 恩阳区: SO2 10/60 + NO2 30/40 + PM10 80/70 + PM2.5 30/35 + CO 1.0/4 + O3 p90 113/160 = 3.8729 → 3.87.
    // (O3 p90 of 50 and 120: k = 1.9, 50 + 70 × 0.9 = 113.)
    const enyang = body.districts.find((d: { area: { name: string } }) => d.area.name === '恩阳区');
    expect(enyang.evaluation.compositeIndex).toBe(3.87);
    expect(enyang.rank).toBe(1);
    expect(bazhou.rank).toBe(2);
    expect(body.districts.slice(0, 2).map((d: { area: { name: string } }) => d.area.name)).toEqual(['恩阳区', '巴州区']);
    expect(body.districts.filter((d: { rank: number | null }) => d.rank === null).length).toBe(body.districts.length - 2);
    // The city: its national station only (HJ 663), i.e. station A.
    expect(body.city.area.stations).toEqual([stationA]);
    expect(body.city.evaluation.pollutants['PM2.5'].annualMean).toBe(55);
  });

  it('takes the district mean of daily values, or all stations for the city, when asked', async () => {
    const body = (await get('/api/monitoring/air/evaluation?period=2025-01&spatialMean=daily&cityStations=all')).json();
    // B has no valid PM2.5 daily mean on 10 Jan, so 巴州区's is A's 70: mean(70, 40) = 55.
    const bazhou = body.districts.find((d: { area: { name: string } }) => d.area.name === '巴州区');
    expect(bazhou.evaluation.pollutants['PM2.5'].annualMean).toBe(55);
    expect(body.city.area.stations.length).toBe(body.stations.length);
  });

  it('gives every station the same evaluation whether its days come from its hours or from its daily totals', async () => {
    for (const period of ['2025-01', '2025', '2026-03']) {
      const hourly = (await get(`/api/monitoring/air/evaluation?period=${period}&spatialMean=hourly`)).json();
      const daily = (await get(`/api/monitoring/air/evaluation?period=${period}&spatialMean=daily`)).json();
      expect(daily.stations.map((s: { evaluation: unknown }) => s.evaluation), period).toEqual(hourly.stations.map((s: { evaluation: unknown }) => s.evaluation));
    }
    expect((await get('/api/monitoring/air/evaluation?period=2025-01&spatialMean=daily')).json().stations.some((s: { evaluation: { validAqiDays: number } }) => s.evaluation.validAqiDays > 0)).toBe(true);
  });

  it('lowers 优良天数比例 under HJ 633-2026 on the same days when PM2.5 is between 60 and 75', async () => {
    const old = (await get('/api/monitoring/air/evaluation?period=2025-01')).json();
    const next = (await get('/api/monitoring/air/evaluation?period=2025-01&standard=HJ633-2026')).json();
    const ratio = (body: { standard: string; stations: { area: { id: number }; evaluation: { goodDayRatioPercent: number; standard: string } }[] }) =>
      body.stations.find((s) => s.area.id === stationA)!.evaluation;
    expect(ratio(old)).toMatchObject({ standard: 'HJ633-2012', goodDayRatioPercent: 100 });
    // Day 1's PM2.5 70 is 良 under 2012 (AQI 94) and 轻度污染 under 2026 (AQI 110): 1 of 2.
    expect(ratio(next)).toMatchObject({ standard: 'HJ633-2026', goodDayRatioPercent: 50 });
    expect(next.standard).toBe('HJ633-2026');
  });

  it('evaluates a year, and marks 2026 as straddling the change', async () => {
    const year = (await get('/api/monitoring/air/evaluation?period=2025')).json();
    const a = year.stations.find((s: { area: { id: number } }) => s.area.id === stationA).evaluation;
    expect(a).toMatchObject({ period: '2025', calendarDays: 365, validAqiDays: 2, attainsGradeII: null });
    expect(a.pollutants['PM2.5']).toMatchObject({ meetsValidity: false, attains: null, p95: expect.any(Number) });
    const straddling = (await get('/api/monitoring/air/evaluation?period=2026')).json();
    expect(straddling).toMatchObject({ standard: 'HJ633-2026', straddlesChange: true });
    const bad = await get('/api/monitoring/air/evaluation?period=2025-13');
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toContain('application/problem+json');
  });
});

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commonHour } from '../../src/monitoring/evaluation/service.ts';
import { organisationId, startTestApp, userWithToken, type TestApp } from '../support/app.ts';

// The real-time AQI of districts and the city: the mean of their stations' concentrations at the hour
// common to them. Expected figures are worked out by hand from HJ 633 Table 1 (comments beside each).
let t: TestApp;
let coordinator: string;
let reader: string;
let stationA: number; // BZ-AIR-NBYQ, national, 巴州区
let stationB: number; // provincial, 巴州区, one hour behind A
let stationC: number; // provincial, 巴州区, silent since February
let micro: number; // 微站, 巴州区: never counted

type Values = Partial<Record<'so2' | 'no2' | 'pm10' | 'pm2_5' | 'co' | 'o3', number>>;

/** Records for the hours `slots` of a date: slot h is h:00–h+1:00, stamped h+1 (24:00 for the last). */
function dayRecords(site: string, date: string, slots: number[], values: Values) {
  return slots.map((slot) => ({ site, at: `${date} ${String(slot + 1).padStart(2, '0')}:00`, values }));
}
const hours = (n: number) => Array.from({ length: n }, (_, h) => h);
const base: Values = { so2: 10, no2: 30, pm10: 100, pm2_5: 70, co: 1.0, o3: 50 };

const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${reader}` } });

async function createStation(code: string, level: string): Promise<number> {
  const created = await t.app.inject({
    method: 'POST',
    url: '/api/monitoring/stations',
    headers: { authorization: `Bearer ${coordinator}` },
    payload: { code, name: `${code} 测试站`, level, districtId: await organisationId(t.db, 'bazhou'), lon: 106.75, lat: 31.86 },
  });
  expect(created.statusCode, created.body).toBe(201);
  return created.json().id;
}

beforeAll(async () => {
  t = await startTestApp();
  coordinator = (await userWithToken(t.db, { username: 'rt-coordinator', role: 'coordinator', organisation: 'shi-huanweiban' })).token;
  reader = (await userWithToken(t.db, { username: 'rt-leader', role: 'leader', organisation: 'bazhong' })).token;
  stationA = (await t.db.selectFrom('monitoring_site').select('id').where('code', '=', 'BZ-AIR-NBYQ').executeTakeFirstOrThrow()).id;
  stationB = await createStation('BZ-AIR-RTB', 'provincial');
  stationC = await createStation('BZ-AIR-RTC', 'provincial');
  micro = await createStation('BZ-AIR-RTM', 'micro');
  const response = await t.app.inject({
    method: 'POST',
    url: '/api/monitoring/air/push',
    headers: { authorization: `Bearer ${coordinator}` },
    payload: {
      records: [
        ...dayRecords('BZ-AIR-NBYQ', '2026-03-01', hours(24), base),
        // B's last hour is 22:00–23:00, an hour behind A.
        ...dayRecords('BZ-AIR-RTB', '2026-03-01', hours(23), { ...base, pm2_5: 90 }),
        ...dayRecords('BZ-AIR-RTC', '2026-02-20', hours(24), { ...base, pm2_5: 200 }),
        ...dayRecords('BZ-AIR-RTM', '2026-03-01', hours(24), { ...base, pm2_5: 500 }),
      ],
    },
  });
  expect(response.statusCode, response.body).toBe(200);
});
afterAll(async () => t?.close());

interface Area {
  area: { kind: string; name: string };
  at: string;
  stations: number[];
  silent: number[];
  standard: string;
  aqi: number | null;
  category: string | null;
  primaryPollutants: string[];
  concentrations: Record<string, number>;
  demo: boolean;
}

describe('real-time AQI of districts and the city', () => {
  it('means the reporting stations of a district at their common hour, leaving out the silent and the micro stations', async () => {
    const response = await get('/api/monitoring/air/realtime');
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as { items: { station: { id: number } }[]; districts: Area[]; city: Area | null; demo: boolean };
    expect(body.items.some((i) => i.station.id === micro)).toBe(false);
    const bazhou = body.districts.find((d) => d.area.name === '巴州区')!;
    // A reached 24:00 and B 23:00: the common hour is 22:00–23:00. C stopped on 20 February.
    expect(bazhou).toMatchObject({ area: { kind: 'district' }, at: '2026-03-01T23:00:00+08:00', standard: 'HJ633-2026', demo: false });
    expect(bazhou.stations.sort()).toEqual([stationA, stationB].sort());
    expect(bazhou.silent.sort()).toEqual([stationC]);
    // PM2.5 (70 + 90) / 2 = 80, indexed with the 2026 daily breakpoints: 50/55 × (80 − 60) + 100 = 118.2 → 119.
    expect(bazhou.concentrations['PM2.5_1h']).toBe(80);
    expect(bazhou).toMatchObject({ aqi: 119, category: '轻度污染', primaryPollutants: ['PM2.5'] });
    // Districts without data are not listed.
    expect(body.districts.map((d) => d.area.name)).toEqual(['巴州区']);
  });

  it('gives the city its national stations by default, or all evaluation stations when asked', async () => {
    const national = (await get('/api/monitoring/air/realtime')).json().city as Area;
    // A alone at 24:00: PM2.5 70 → 50/55 × 10 + 100 = 109.1 → 110.
    expect(national).toMatchObject({ area: { kind: 'city', name: '巴中市' }, at: '2026-03-02T00:00:00+08:00', stations: [stationA], aqi: 110 });
    const all = (await get('/api/monitoring/air/realtime?cityStations=all')).json().city as Area;
    expect(all).toMatchObject({ at: '2026-03-01T23:00:00+08:00', aqi: 119 });
    expect(all.stations.sort()).toEqual([stationA, stationB].sort());
    expect(all.silent).toContain(stationC);
    expect(all.silent).not.toContain(micro);
  });

  it('re-computes an area under HJ 633-2012 from its mean hourly series', async () => {
    const body = (await get('/api/monitoring/air/realtime?standard=HJ633-2012')).json();
    const bazhou = (body.districts as Area[]).find((d) => d.area.name === '巴州区')!;
    // The 24 hours up to 23:00 hold 23 hours of the mean 80: a valid moving mean 80 → 50/40 × (80 − 75) + 100 = 106.25 → 107;
    // PM10's moving mean 100 → 75; O3 1-h 50 → 16 and 8-h 50 → 25.
    expect(bazhou).toMatchObject({ standard: 'HJ633-2012', aqi: 107, category: '轻度污染', primaryPollutants: ['PM2.5'] });
    expect(bazhou.concentrations['PM2.5_24h_moving']).toBe(80);
  });
});

describe('示例数据 in the series of a station', () => {
  it('marks each demo value and the series that holds one', async () => {
    // A value written as a demo load writes it (the database marks it demo).
    await t.db.transaction().execute(async (trx) => {
      await sql`SELECT set_config('qingshan.demo_load', 'on', true)`.execute(trx);
      await sql`INSERT INTO monitoring_air_hourly (station_id, observed_at, parameter, value) VALUES (${stationC}, '2026-02-21T01:00:00+08:00', 'pm2_5', 33)`.execute(trx);
    });
    const series = (await get(`/api/monitoring/stations/${stationC}/series?from=2026-02-20&to=2026-02-21&parameter=pm2_5`)).json();
    expect(series).toMatchObject({ demo: true, demoNote: expect.stringContaining('示例数据') });
    expect(series.items.filter((v: { demo: boolean }) => v.demo).map((v: { at: string }) => v.at)).toEqual(['2026-02-21T01:00:00+08:00']);
    expect(series.items.filter((v: { demo: boolean }) => !v.demo)).toHaveLength(24);
    const real = (await get(`/api/monitoring/stations/${stationA}/series?from=2026-03-01&to=2026-03-01&parameter=pm2_5`)).json();
    expect(real).toMatchObject({ demo: false, demoNote: null });
    expect(real.items).toHaveLength(24);
  });
});

describe('the common hour', () => {
  const H = 3_600_000;
  it('is the earliest latest hour of the stations that reported within a day of the newest', () => {
    expect(commonHour([{ id: 1, latest: 10 * H }, { id: 2, latest: 9 * H }, { id: 3, latest: undefined }])).toEqual({ latest: 9 * H, stations: [1, 2], silent: [3] });
    expect(commonHour([{ id: 1, latest: 30 * H }, { id: 2, latest: 6 * H }])).toEqual({ latest: 30 * H, stations: [1], silent: [2] });
    expect(commonHour([{ id: 1, latest: 30 * H }, { id: 2, latest: 7 * H }])).toEqual({ latest: 7 * H, stations: [1, 2], silent: [] });
    expect(commonHour([{ id: 1, latest: undefined }])).toBeNull();
  });
});

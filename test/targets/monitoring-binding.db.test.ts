// 目标指标 bound to 环境监测: 优良天数比例 and PM2.5 年均浓度 computed from stored hourly data for the
// city and its districts, under the standard in force, beside entered values for the years without data.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organisationId, startTestApp, userWithToken, type TestApp } from '../support/app.ts';

let t: TestApp;
const tokens: Record<string, string> = {};
const as = (who: string) => ({ authorization: `Bearer ${tokens[who]}` });

const all = Array.from({ length: 24 }, (_, h) => h);
/** A whole day of one station with the same values every hour (slot h stamped by its end, h+1). */
const day = (site: string, date: string, pm25: number) =>
  all.map((h) => ({ site, at: `${date} ${String(h + 1).padStart(2, '0')}:00`, values: { so2: 10, no2: 30, pm10: 60, pm2_5: pm25, co: 1.0, o3: 50 } }));

const get = async (url: string) => {
  const response = await t.app.inject({ method: 'GET', url, headers: as('leader') });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};

beforeAll(async () => {
  t = await startTestApp();
  for (const [name, role, org] of [
    ['coordinator', 'coordinator', 'shi-huanweiban'],
    ['coordinator2', 'coordinator', 'shi-huanweiban'],
    ['leader', 'leader', 'bazhong'],
    ['eeb', 'unit_user', 'shi-shengtaihuanjing-ju'],
    ['eeb2', 'unit_user', 'shi-shengtaihuanjing-ju'],
  ] as const) {
    tokens[name] = (await userWithToken(t.db, { username: `mb-${name}`, role, organisation: org })).token;
  }
  // 2025: the city's national station has one 良 day (PM2.5 70 → AQI 94) and one 重度污染 day (PM2.5 160 →
  // IAQI 50/35 × 45 + 150 = 214.3 → 215); 恩阳区's station two 良 days (PM10 60 → AQI 55).
  const pushed = await t.app.inject({
    method: 'POST',
    url: '/api/monitoring/air/push',
    headers: as('coordinator'),
    payload: { records: [...day('BZ-AIR-NBYQ', '2025-06-10', 70), ...day('BZ-AIR-NBYQ', '2025-06-11', 160), ...day('EY-AIR-01', '2025-06-10', 30), ...day('EY-AIR-01', '2025-06-11', 30)] },
  });
  expect(pushed.statusCode, pushed.body).toBe(200);
});
afterAll(async () => t?.close());

describe('优良天数比例 and PM2.5 computed from monitoring data', () => {
  it('gives the city its year from the national station under HJ 633-2012, saying what it rests on', async () => {
    const detail = await get('/api/indicators/air-good-days-ratio');
    expect(detail.source).toMatchObject({ origin: 'computed', binding: { module: 'monitoring', measure: 'air_good_days_ratio', status: 'active' } });
    const year2025 = detail.source.computed.find((c: { year: number }) => c.year === 2025);
    // One good day of two valid days.
    expect(year2025).toMatchObject({ period: 'year', value: 50, monitoring: { standard: 'HJ633-2012', straddlesChange: false, partial: false, demo: false, days: 2 } });
  });

  it('takes the PM2.5 annual mean of the valid days and says the year does not meet HJ 663 validity', async () => {
    const detail = await get('/api/indicators/pm25-concentration');
    const year2025 = detail.source.computed.find((c: { year: number }) => c.year === 2025);
    // (70 + 160) / 2 = 115.
    expect(year2025).toMatchObject({ value: 115, monitoring: { standard: 'HJ633-2012', days: 2, meetsValidity: false } });
    const target001 = detail.targets.find((x: { target: { doc: string } }) => x.target.doc === '001');
    expect(target001.latest).toMatchObject({ year: 2025, value: 115, origin: 'computed' });
    expect(target001.assessment.status).toBe('not_met');
  });

  it('gives each district its own value from its stations', async () => {
    const detail = await get('/api/indicators/air-good-days-ratio');
    const enyang = await organisationId(t.db, 'enyang');
    const bazhou = await organisationId(t.db, 'bazhou');
    const districts = detail.source.computed.find((c: { year: number }) => c.year === 2025).districts as { scopeId: number; value: number }[];
    const valueOf = (scope: number) => districts.find((d) => d.scopeId === scope)?.value;
    // PM2.5 30 → IAQI 43, PM10 60 → 55, NO2 30 → 38: AQI 55, 良 — good on both days.
    expect(valueOf(enyang)).toBe(100);
    expect(valueOf(bazhou)).toBe(50);
  });

  it('refuses no entry for a year without monitoring data, and keeps it beside the computed year', async () => {
    const entered = await t.app.inject({ method: 'POST', url: '/api/indicators/air-good-days-ratio/values', headers: as('eeb'), payload: { year: 2023, value: 97.8, source: '2023年巴中市生态环境状况公报' } });
    expect(entered.statusCode, entered.body).toBe(201);
    const id = entered.json().id;
    for (const [who, action] of [
      ['eeb', 'submit'],
      ['eeb2', 'approve'],
    ] as const) {
      const moved = await t.app.inject({ method: 'POST', url: `/api/indicator-values/${id}/transitions`, headers: as(who), payload: { action } });
      expect(moved.statusCode, moved.body).toBe(200);
    }
    const detail = await get('/api/indicators/air-good-days-ratio?year=2025');
    expect((detail.values as { year: number; value: number; state: string }[]).find((v) => v.year === 2023)).toMatchObject({ value: 97.8, state: 'approved' });
    expect(detail.source.computed.map((c: { year: number }) => c.year)).toEqual([2025]);
    // The 000 target of 2020 is judged on the entered years; the 001 target of 2025 on the computed one.
    const target001 = detail.targets.find((x: { target: { doc: string } }) => x.target.doc === '001');
    expect(target001.latest).toMatchObject({ year: 2025, value: 50, origin: 'computed' });
    // As of 2024 nothing is computed: the store's first year is 2025.
    const asOf2024 = await get('/api/indicators/air-good-days-ratio?year=2024');
    expect(asOf2024.source.computed).toEqual([]);
  });

  it('follows new data at once: a pushed day changes the figures read before', async () => {
    const pushed = await t.app.inject({ method: 'POST', url: '/api/monitoring/air/push', headers: as('coordinator'), payload: { records: day('BZ-AIR-NBYQ', '2025-06-12', 30) } });
    expect(pushed.statusCode, pushed.body).toBe(200);
    const detail = await get('/api/indicators/air-good-days-ratio');
    // Two good days of three: 66.7 %.
    expect(detail.source.computed.find((c: { year: number }) => c.year === 2025)).toMatchObject({ value: 66.7, monitoring: { days: 3 } });
  });
});

describe('断面水质优良率 and 饮用水水源 Ⅲ类 share computed from water samples', () => {
  // Class Ⅱ river water: every item within its class Ⅱ limit (GB 3838 Table 1).
  const classTwo = { ph: 7.6, do: 7.2, codmn: 3.1, cod: 12, bod5: 2.1, nh3_n: 0.3, tp: 0.08, cu: 0.005, zn: 0.02, fluoride: 0.3, se: 0.001, as: 0.002, hg: 0.00002, cd: 0.0005, cr6: 0.004, pb: 0.002, cyanide: 0.002, volatile_phenol: 0.0008, petroleum: 0.02, las: 0.05, sulfide: 0.01 };
  const sample = (site: string, month: string, values: Record<string, number>) => ({ site, at: `2025-${month}-10 09:00`, mode: 'manual', values });

  beforeAll(async () => {
    const pushed = await t.app.inject({
      method: 'POST',
      url: '/api/monitoring/water/push',
      headers: as('coordinator'),
      payload: {
        records: [
          sample('SW-SBY', '03', classTwo),
          // 江陵: NH3-N 1.8 is class Ⅴ (≤ 2.0): the year's mean makes the section Ⅴ, not 优良.
          sample('SW-JL', '03', { ...classTwo, nh3_n: 1.8 }),
          sample('SW-JB', '03', classTwo),
          // 化成水库 (city level, a lake): TP 0.02 is class Ⅱ for lakes.
          sample('DW-HCSK', '03', { ...classTwo, tp: 0.02 }),
        ],
      },
    });
    expect(pushed.statusCode, pushed.body).toBe(200);
  });

  it('gives the share of sections at Ⅰ–Ⅲ, saying how many were counted and under which standard', async () => {
    const detail = await get('/api/indicators/surface-water-good-ratio');
    expect(detail.source.binding).toMatchObject({ module: 'monitoring', measure: 'section_good_ratio', status: 'active' });
    const year2025 = detail.source.computed.find((c: { year: number }) => c.year === 2025);
    // Two of three: 66.7 %.
    expect(year2025).toMatchObject({ value: 66.7, monitoring: { standard: 'GB3838-2002', sites: 3, counted: 2, demo: false, partial: false } });
    const pingchang = await organisationId(t.db, 'pingchang');
    expect(year2025.districts).toEqual(expect.arrayContaining([{ scopeId: pingchang, value: 0 }]));
  });

  it('gives the share of city-level drinking-water sources at Ⅲ or better, from the sources with data', async () => {
    const detail = await get('/api/indicators/urban-drinking-water-source-quality-ratio');
    const year2025 = detail.source.computed.find((c: { year: number }) => c.year === 2025);
    expect(year2025).toMatchObject({ value: 100, monitoring: { standard: 'GB3838-2002', sites: 1, counted: 1 } });
    const target001 = detail.targets.find((x: { target: { doc: string } }) => x.target.doc === '001');
    expect(target001.latest).toMatchObject({ year: 2025, value: 100, origin: 'computed' });
  });
});

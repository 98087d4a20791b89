import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/audit/store.ts';
import type { RecordInput } from '../../src/monitoring/data/records.ts';
import { importRecords } from '../../src/monitoring/data/service.ts';
import { drinkingWaterComplianceRate, sectionGoodRatio } from '../../src/monitoring/evaluation/water.ts';
import { startTestApp, userWithToken, type TestApp } from '../support/app.ts';

// Expected classes are read off GB 3838-2002 Table 1 by hand (comments beside each value).
let t: TestApp;
let reader: string;
let enterprise: string;
const ids: Record<string, number> = {};
const locator = { record: (i: number) => `第 ${i + 1} 条`, field: (i: number, f: string) => `第 ${i + 1} 条 ${f}` };
const get = (url: string, token: string | null = reader) => t.app.inject({ method: 'GET', url, headers: token ? { authorization: `Bearer ${token}` } : {} });
const pad = (n: number) => String(n).padStart(2, '0');
const months = (year: number, values: (month: number) => Record<string, number>, code: string): RecordInput[] =>
  Array.from({ length: 12 }, (_, i) => ({ site: code, at: `${year}-${pad(i + 1)}-10 10:00`, mode: 'manual' as const, values: values(i + 1) }));

// Class II of a river: DO ≥ 6, CODMn ≤ 4, NH3-N ≤ 0.5, TP ≤ 0.1 (the worst item is II).
const riverII = { ph: 7.8, do: 8, codmn: 3, nh3_n: 0.3, tp: 0.08 };
// A lake at class II: TP ≤ 0.025 (lake limit); TN 0.6 is class III but evaluated apart.
const lakeII = { ph: 7.9, do: 8, codmn: 2.5, nh3_n: 0.2, tp: 0.02, tn: 0.6, chla: 5, sd: 2 };

beforeAll(async () => {
  t = await startTestApp();
  reader = (await userWithToken(t.db, { username: 'water-leader', role: 'leader', organisation: 'bazhong' })).token;
  enterprise = (await userWithToken(t.db, { username: 'water-enterprise', role: 'enterprise_user', organisation: null })).token;
  for (const s of await t.db.selectFrom('monitoring_site').select(['id', 'code']).execute()) ids[s.code] = s.id;
  await importRecords(
    t.db,
    SYSTEM_ACTOR,
    'water',
    [
      // 手傍岩: class II, July TP 0.25 (IV: > 0.2, ≤ 0.3; 超标倍数 (0.25 − 0.2)/0.2 = 0.25); March two samples, TP mean 0.09.
      ...months(2025, (m) => ({ ...riverII, ...(m === 7 ? { tp: 0.25 } : {}) }), 'SW-SBY'),
      { site: 'SW-SBY', at: '2025-03-25 10:00', mode: 'manual', values: { tp: 0.1 } },
      // A year before: January CODMn 5 (III), July TP 0.15 (III).
      { site: 'SW-SBY', at: '2024-01-10 10:00', mode: 'manual', values: { ...riverII, codmn: 5 } },
      { site: 'SW-SBY', at: '2024-07-10 10:00', mode: 'manual', values: { ...riverII, tp: 0.15 } },
      // 江陵: CODMn 5 all year (III: > 4, ≤ 6) — 优良 but below its class-II target.
      ...months(2025, () => ({ ...riverII, codmn: 5 }), 'SW-JL'),
      // 化成水库 (lake, target II: held to II): August TP 0.05 (III, limit 0.025, (0.05 − 0.025)/0.025 = 1).
      ...months(2025, (m) => ({ ...lakeII, ...(m === 8 ? { tp: 0.05 } : {}) }), 'DW-HCSK'),
      // Its automatic station: 0.2 on one August day.
      ...[4, 8, 12].map((h) => ({ site: 'DW-HCSK', at: `2025-08-15 ${pad(h)}:00`, mode: 'automatic' as const, values: { tp: 0.2 } })),
      // 大佛寺 (river, target III): class II, May NH3-N 1.2 (IV); 粪大肠菌群 50000 is a reference item.
      ...months(2025, (m) => ({ ...riverII, fecal_coliform: 50000, ...(m === 5 ? { nh3_n: 1.2 } : {}) }), 'DW-DFS'),
    ],
    locator,
    'push',
  );
});
afterAll(async () => t?.close());

describe('surface-water sections', () => {
  it('classes each section of a year from the mean of its monthly values, with 同比 and the city and district ratios', async () => {
    const response = await get('/api/monitoring/water/evaluation?period=2025');
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ period: '2025', standard: { standard: 'GB3838-2002', method: expect.stringContaining('评价办法') }, basis: 'manual', demo: false, demoNote: null });
    const section = (code: string) => body.sections.find((s: { site: { code: string } }) => s.site.code === code);
    // 手傍岩: TP (0.08 × 10 + 0.09 + 0.25)/12 = 0.095 → II.
    expect(section('SW-SBY').evaluation).toMatchObject({ class: 'II', status: '优', colour: { key: 'blue' }, good: true, meetsTarget: true, months: 12, complete: true, mainPollutants: [] });
    expect(section('SW-SBY').evaluation.values.TP).toBeCloseTo(0.095, 10);
    // 2024: TP (0.08 + 0.15)/2 = 0.115 → III; 2025 II is better.
    expect(section('SW-SBY')).toMatchObject({ lastYear: { period: '2024', class: 'III' }, change: 'better' });
    expect(section('SW-JL').evaluation).toMatchObject({ class: 'III', status: '良好', good: true, meetsTarget: false });
    expect(section('SW-JB')).toMatchObject({ evaluation: null, change: null });
    // Two sections with data: both 优良, one meets its target.
    expect(body.city).toMatchObject({ total: 2, good: 2, meetsTarget: 1, worst: 0, goodPercent: 100, meetsTargetPercent: 50, worstPercent: 0 });
    const district = (name: string) => body.districts.find((d: { name: string }) => d.name.includes(name));
    expect(district('巴州')).toMatchObject({ total: 1, good: 1, meetsTarget: 1 });
    expect(district('平昌')).toMatchObject({ total: 1, good: 1, meetsTarget: 0, meetsTargetPercent: 0 });
  });

  it('gives each month its class against the same month a year before', async () => {
    const body = (await get('/api/monitoring/water/evaluation?period=2025')).json();
    const trend = body.sections.find((s: { site: { code: string } }) => s.site.code === 'SW-SBY').trend;
    expect(trend).toHaveLength(12);
    expect(trend[0]).toEqual({ month: '2025-01', class: 'II', lastYearClass: 'III', change: 'better' });
    expect(trend[1]).toEqual({ month: '2025-02', class: 'II', lastYearClass: null, change: null });
    expect(trend[6]).toEqual({ month: '2025-07', class: 'IV', lastYearClass: 'III', change: 'worse' });
  });

  it('evaluates a month from its sample(s), naming main pollutants with 超标倍数 below class III', async () => {
    const july = (await get('/api/monitoring/water/evaluation?period=2025-07')).json();
    const sby = july.sections.find((s: { site: { code: string } }) => s.site.code === 'SW-SBY');
    expect(sby.evaluation).toMatchObject({ period: '2025-07', class: 'IV', status: '轻度污染', good: false, meetsTarget: false, samples: 1 });
    expect(sby.evaluation.mainPollutants).toEqual([{ parameter: 'TP', name: '总磷', class: 'IV', exceedMultiple: 0.25 }]);
    expect(july.city).toMatchObject({ total: 2, good: 1, meetsTarget: 0, goodPercent: 50, meetsTargetPercent: 0 });
    const march = (await get('/api/monitoring/water/evaluation?period=2025-03')).json();
    const sbyMarch = march.sections.find((s: { site: { code: string } }) => s.site.code === 'SW-SBY').evaluation;
    expect(sbyMarch).toMatchObject({ class: 'II', samples: 2 });
    expect(sbyMarch.values.TP).toBeCloseTo(0.09, 10);
    const empty = (await get('/api/monitoring/water/evaluation?period=2020')).json();
    expect(empty.city).toMatchObject({ total: 0, goodPercent: null });
    expect(empty.sections.every((s: { evaluation: unknown }) => s.evaluation === null)).toBe(true);
  });

  it('gives one site its twelve months, with a lake’s TN class and trophic index', async () => {
    const response = await get(`/api/monitoring/water/sites/${ids['SW-SBY']}/months?year=2025`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.site).toMatchObject({ code: 'SW-SBY', kind: 'section', targetClass: 2 });
    expect(body.limitClass).toBeNull();
    expect(body.months.map((m: { class: string | null }) => m.class)).toEqual(['II', 'II', 'II', 'II', 'II', 'II', 'IV', 'II', 'II', 'II', 'II', 'II']);
    expect(body.yearEvaluation).toMatchObject({ class: 'II', months: 12 });
    const lake = (await get(`/api/monitoring/water/sites/${ids['DW-HCSK']}/months?year=2025`)).json();
    expect(lake.limitClass).toBe('II');
    expect(lake.months[0].evaluation).toMatchObject({ class: 'II', totalNitrogenClass: 'III', trophic: { grade: '中营养' } });
    expect(lake.months[7].exceedances).toEqual([{ parameter: 'TP', name: '总磷', value: 0.05, class: 'III', limit: '0.025', exceedMultiple: 1 }]);
  });
});

describe('drinking-water sources', () => {
  it('judges each source against class III or its stricter target, and gives the compliance rate per level', async () => {
    const year = (await get('/api/monitoring/water/drinking?period=2025')).json();
    expect(year).toMatchObject({ period: '2025', standard: { standard: 'GB3838-2002' }, demo: false });
    const source = (body: { sources: { site: { code: string } }[] }, code: string) => body.sources.find((s) => s.site.code === code);
    // Annual means: lake TP (0.02 × 11 + 0.05)/12 = 0.0225 ≤ 0.025; river NH3-N (0.3 × 11 + 1.2)/12 = 0.375.
    expect(source(year, 'DW-HCSK')).toMatchObject({ limitClass: 'II', compliant: true, exceedances: [], exceedanceMonths: ['2025-08'] });
    expect(source(year, 'DW-DFS')).toMatchObject({ limitClass: 'III', compliant: true, exceedanceMonths: ['2025-05'] });
    expect(year.city).toEqual({ total: 2, compliant: 2, percent: 100 });
    expect(year.levels).toEqual([
      { level: 'city', total: 2, compliant: 2, percent: 100 },
      { level: 'county', total: 0, compliant: 0, percent: null },
      { level: 'township', total: 0, compliant: 0, percent: null },
    ]);
    const august = (await get('/api/monitoring/water/drinking?period=2025-08')).json();
    expect(source(august, 'DW-HCSK')).toMatchObject({ compliant: false, exceedances: [{ parameter: 'TP', limit: '0.025', exceedMultiple: 1 }] });
    expect(august.city).toEqual({ total: 2, compliant: 1, percent: 50 });
  });

  it('counts the automatic station’s daily means only when asked, and says so', async () => {
    const manual = (await get('/api/monitoring/water/drinking?period=2025-08')).json();
    expect(manual.basis).toBe('manual');
    const both = (await get('/api/monitoring/water/drinking?period=2025-08&basis=manual%2Bautomatic')).json();
    expect(both.basis).toBe('manual+automatic');
    const lake = both.sources.find((s: { site: { code: string } }) => s.site.code === 'DW-HCSK');
    // (0.05 manual + 0.2 daily mean)/2 = 0.125 → lake class V (> 0.1, ≤ 0.2).
    expect(lake.evaluation.values.TP).toBeCloseTo(0.125, 10);
    expect(lake.evaluation).toMatchObject({ class: 'V', samples: 2 });
  });

  it('gives the targets module the two annual rates', async () => {
    expect(await sectionGoodRatio(t.db, 2025)).toEqual({ percent: 100, good: 2, total: 2, demo: false });
    expect(await drinkingWaterComplianceRate(t.db, 2025)).toEqual({ percent: 100, compliant: 2, total: 2, demo: false });
    expect(await sectionGoodRatio(t.db, 2019)).toEqual({ percent: null, good: 0, total: 0, demo: false });
  });
});

describe('demo data and access', () => {
  it('says when a result rests on 示例数据', async () => {
    // A demo sample for 金碑 (劣V: DO 1.5 < 2), written as the demo load writes.
    await t.db.transaction().execute(async (trx) => {
      await sql`SELECT set_config('qingshan.demo_load', 'on', true)`.execute(trx);
      await sql`INSERT INTO monitoring_water_sample (site_id, mode, sampled_at, parameter, value) VALUES (${ids['SW-JB']!}, 'manual', '2025-10-10T10:00:00+08:00', 'do', 1.5)`.execute(trx);
    });
    const body = (await get('/api/monitoring/water/evaluation?period=2025')).json();
    expect(body).toMatchObject({ demo: true, demoNote: expect.stringContaining('示例数据') });
    const jb = body.sections.find((s: { site: { code: string } }) => s.site.code === 'SW-JB');
    expect(jb.evaluation).toMatchObject({ class: '劣V', status: '重度污染', demo: true, complete: false, months: 1 });
    expect(body.city).toMatchObject({ total: 3, good: 2, worst: 1, worstPercent: 33.3 });
    expect(await sectionGoodRatio(t.db, 2025)).toEqual({ percent: 66.7, good: 2, total: 3, demo: true });
    expect((await get('/api/monitoring/water/drinking?period=2025')).json().demo).toBe(false);
  });

  it('refuses bad input, unknown sites, and those who may not read', async () => {
    for (const url of ['/api/monitoring/water/evaluation?period=2025-13', '/api/monitoring/water/evaluation?period=abc', '/api/monitoring/water/drinking', '/api/monitoring/water/evaluation?period=2025&basis=auto']) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    expect((await get(`/api/monitoring/water/sites/${ids['SW-SBY']}/months`)).statusCode).toBe(400);
    const air = await get(`/api/monitoring/water/sites/${ids['BZ-AIR-NBYQ']}/months?year=2025`);
    expect(air.statusCode).toBe(404);
    expect(air.headers['content-type']).toContain('application/problem+json');
    expect((await get('/api/monitoring/water/sites/999999/months?year=2025')).statusCode).toBe(404);
    expect((await get('/api/monitoring/water/evaluation?period=2025', null)).statusCode).toBe(401);
    expect((await get('/api/monitoring/water/evaluation?period=2025', enterprise)).statusCode).toBe(403);
    expect((await get('/api/monitoring/water/drinking?period=2025', enterprise)).statusCode).toBe(403);
  });
});

import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/audit/store.ts';
import { importRecords } from '../../src/monitoring/data/service.ts';
import { AIR_POLLUTANTS, demoAirYear } from '../../src/monitoring/demo/air-year.ts';
import { demoWaterYear } from '../../src/monitoring/demo/water-year.ts';
import { defaultDemoYear, demoStatus, loadDemoOnFirstStart, loadDemoYear, removeDemoData } from '../../src/monitoring/demo/load.ts';
import { startTestApp, userWithToken, type TestApp } from '../support/app.ts';

let t: TestApp;
let reader: string;
const locator = { record: (i: number) => `第 ${i + 1} 条`, field: (i: number, f: string) => `第 ${i + 1} 条 ${f}` };
const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${reader}` } });

async function counts() {
  const { rows } = await sql<{ demo: boolean; n: string }>`SELECT demo, count(*) AS n FROM monitoring_air_hourly GROUP BY demo`.execute(t.db);
  return { demo: Number(rows.find((r) => r.demo)?.n ?? 0), real: Number(rows.find((r) => !r.demo)?.n ?? 0) };
}

async function stored(code: string, at: string, parameter: string) {
  const { rows } = await sql<{ value: string; demo: boolean }>`
    SELECT v.value::text AS value, v.demo FROM monitoring_air_hourly v JOIN monitoring_site s ON s.id = v.station_id
    WHERE s.code = ${code} AND v.observed_at = ${at}::timestamptz AND v.parameter = ${parameter}`.execute(t.db);
  return rows[0];
}

async function waterCounts() {
  const { rows } = await sql<{ demo: boolean; n: string }>`SELECT demo, count(*) AS n FROM monitoring_water_sample GROUP BY demo`.execute(t.db);
  return { demo: Number(rows.find((r) => r.demo)?.n ?? 0), real: Number(rows.find((r) => !r.demo)?.n ?? 0) };
}

/** The water values the generator makes for the active sections and sources in a year. */
async function generatedWater(year: number): Promise<number> {
  const sites = await t.db.selectFrom('monitoring_site').select(['code', 'kind', 'water_body', 'automatic']).where('kind', 'in', ['section', 'source']).where('status', '=', 'active').execute();
  return sites.reduce(
    (n, s) =>
      n +
      demoWaterYear({ code: s.code, kind: s.kind as 'section' | 'source', waterBody: s.water_body ?? 'river', automatic: s.automatic }, year).reduce(
        (m, sample) => m + Object.keys(sample.values).length,
        0,
      ),
    0,
  );
}

async function waterStored(code: string, at: string, parameter: string) {
  const { rows } = await sql<{ value: string; demo: boolean }>`
    SELECT v.value::text AS value, v.demo FROM monitoring_water_sample v JOIN monitoring_site s ON s.id = v.site_id
    WHERE s.code = ${code} AND v.mode = 'manual' AND v.sampled_at = ${at}::timestamptz AND v.parameter = ${parameter}`.execute(t.db);
  return rows[0];
}

/** The values the generator makes for a station and year, missing hours left out. */
function generated(code: string, level: string, year: number): number {
  return demoAirYear(code, year, { particulateScale: level === 'national' ? 1 : 0.9 }).reduce(
    (n, h) => n + AIR_POLLUTANTS.filter((p) => h.values[p] !== null).length,
    0,
  );
}

beforeAll(async () => {
  t = await startTestApp();
  reader = (await userWithToken(t.db, { username: 'demo-leader', role: 'leader', organisation: 'bazhong' })).token;
});
afterAll(async () => t?.close());

describe('示例数据', () => {
  it('reports no demo data on a store without them', async () => {
    const body = (await get('/api/monitoring/demo')).json();
    expect(body).toMatchObject({ present: false, values: 0, load: null });
  });

  it('loads the demo year in the background on the first start of an empty store, and reports its progress', async () => {
    // One active station keeps this load short; the others are suspended for the while.
    const others = await t.db.selectFrom('monitoring_site').select('id').where('kind', '=', 'air').where('code', '<>', 'BZ-AIR-NBYQ').execute();
    const ids = others.map((o) => o.id);
    await t.db.updateTable('monitoring_site').set({ status: 'suspended' }).where('id', 'in', ids).execute();
    const messages: string[] = [];
    const log = { info: (m: string) => messages.push(m), error: (_e: unknown, m?: string) => messages.push(`error ${m}`) };
    const loading = loadDemoOnFirstStart(t.db, log);
    // While the year is written, the status tells how far it has got.
    let status = (await get('/api/monitoring/demo')).json();
    for (let i = 0; i < 50 && status.load === null; i++) {
      await new Promise((r) => setTimeout(r, 100));
      status = (await get('/api/monitoring/demo')).json();
    }
    expect(status.load).toMatchObject({ origin: 'first-start', stationsTotal: 1 });
    expect(await loading).toBe(true);
    status = (await get('/api/monitoring/demo')).json();
    expect(status).toMatchObject({ present: true, stations: 1, load: { state: 'done', stationsDone: 1, valuesWritten: status.values } });
    expect(status.values).toBe(generated('BZ-AIR-NBYQ', 'national', defaultDemoYear()));
    // The water year comes with it, counted apart, in the module's status and in the API's.
    const full = await demoStatus(t.db);
    expect(full.water.values).toBe(await generatedWater(defaultDemoYear()));
    expect(full.water.sites).toBe(5);
    expect(full.load?.waterValuesWritten).toBe(full.water.values);
    expect(status).toMatchObject({ water: { values: full.water.values, sites: 5 }, load: { waterValuesWritten: full.water.values } });
    expect(messages.some((m) => m.startsWith('error'))).toBe(false);
    // Once loaded (even when removed later), a start does not load again.
    expect(await loadDemoOnFirstStart(t.db, log)).toBe(false);
    expect(await removeDemoData(t.db)).toEqual({ values: status.values, waterValues: full.water.values });
    expect(await loadDemoOnFirstStart(t.db, log)).toBe(false);
    await t.db.updateTable('monitoring_site').set({ status: 'active' }).where('id', 'in', ids).execute();
  });

  it('loads a demo year for every air station beside real data, without touching them, and removes exactly the demo values', async () => {
    // Real data first: one hour of the demo year at the national station, and one outside it.
    await importRecords(t.db, SYSTEM_ACTOR, 'air', [
      { site: 'BZ-AIR-NBYQ', at: '2025-06-01 10:00', values: { pm2_5: '12.5', o3: 99 } },
      { site: 'TJ-AIR-01', at: '2024-12-31 10:00', values: { pm2_5: 20 } },
    ], locator, 'push');
    const before = await counts();
    expect(before).toEqual({ demo: 0, real: 3 });
    // A real water sample on a day the demo year has a manual sample of 化成水库.
    const reservoir = demoWaterYear({ code: 'DW-HCSK', kind: 'source', waterBody: 'lake', automatic: true }, 2025).find((x) => x.mode === 'manual')!;
    const realAt = reservoir.sampledAt.slice(0, 16).replace('T', ' ');
    await importRecords(t.db, SYSTEM_ACTOR, 'water', [{ site: 'DW-HCSK', at: realAt, mode: 'manual', values: { tp: 0.011 } }], locator, 'push');

    const stations = await t.db.selectFrom('monitoring_site').select(['code', 'level']).where('kind', '=', 'air').where('status', '=', 'active').execute();
    const result = await loadDemoYear(t.db, 2025, 'command');

    const expected = stations.reduce((n, s) => n + generated(s.code, s.level, 2025), 0);
    // The two real values inside the demo year are kept (where the generator made a value for them).
    const real = await stored('BZ-AIR-NBYQ', '2025-06-01T10:00:00+08:00', 'pm2_5');
    expect(real).toEqual({ value: '12.5', demo: false });
    expect(await stored('BZ-AIR-NBYQ', '2025-06-01T10:00:00+08:00', 'o3')).toEqual({ value: '99', demo: false });
    const after = await counts();
    expect(after.real).toBe(3);
    expect(after.demo).toBe(result.values);
    expect(after.demo).toBeGreaterThanOrEqual(expected - 2);
    expect(after.demo).toBeLessThanOrEqual(expected);

    const water = await waterCounts();
    expect(water.real).toBe(1);
    expect(water.demo).toBe(result.water.values);
    expect(result.water).toEqual({ sites: 5, values: (await generatedWater(2025)) - 1 });
    expect(await waterStored('DW-HCSK', reservoir.sampledAt, 'tp')).toEqual({ value: '0.011', demo: false });
    const waterEvaluation = (await get('/api/monitoring/water/evaluation?period=2025')).json();
    expect(waterEvaluation).toMatchObject({ demo: true, city: { total: 3 } });

    const status = (await get('/api/monitoring/demo')).json();
    expect(status).toMatchObject({ present: true, values: after.demo, stations: stations.length, load: { year: 2025, origin: 'command', state: 'done', stationsDone: stations.length, stationsTotal: stations.length } });

    // Every reading built on them says so.
    const evaluation = (await get('/api/monitoring/air/evaluation?period=2025')).json();
    expect(evaluation).toMatchObject({ demo: true, demoNote: expect.stringContaining('示例数据') });
    expect(evaluation.city.evaluation).toMatchObject({ demo: true, calendarDays: 365 });
    expect(evaluation.city.evaluation.validAqiDays).toBeGreaterThan(300);
    const realtime = (await get('/api/monitoring/air/realtime')).json();
    expect(realtime.demo).toBe(true);
    expect(realtime.items.every((i: { demo: boolean }) => i.demo)).toBe(true);

    // A real import over a demo hour makes it real; loading again does not overwrite it.
    const hour = '2025-03-03 09:00';
    await importRecords(t.db, SYSTEM_ACTOR, 'air', [{ site: 'EY-AIR-01', at: hour, values: { no2: 41 } }], locator, 'push');
    expect(await stored('EY-AIR-01', '2025-03-03T09:00:00+08:00', 'no2')).toEqual({ value: '41', demo: false });

    const removed = await removeDemoData(t.db);
    expect(removed).toEqual({ values: after.demo - 1, waterValues: water.demo });
    expect(await waterCounts()).toEqual({ demo: 0, real: 1 });
    expect(await counts()).toEqual({ demo: 0, real: 4 });
    expect(await stored('BZ-AIR-NBYQ', '2025-06-01T10:00:00+08:00', 'pm2_5')).toEqual({ value: '12.5', demo: false });
    expect((await get('/api/monitoring/demo')).json()).toMatchObject({ present: false, values: 0, load: { state: 'done' } });
  });
});

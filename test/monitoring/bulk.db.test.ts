import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/audit/store.ts';
import type { Db } from '../../src/db/connect.ts';
import { importAirCsv } from '../../src/monitoring/data/bulk.ts';
import { loadParameters } from '../../src/monitoring/data/records.ts';
import { ImportRefused } from '../../src/monitoring/data/refused.ts';
import { correctValue, importRecords, type ImportResult } from '../../src/monitoring/data/service.ts';
import { dataRecords } from '../../src/monitoring/data/table.ts';
import { readTable } from '../../src/monitoring/data/table-file.ts';
import { AIR_POLLUTANTS, demoAirYear } from '../../src/monitoring/demo/air-year.ts';
import { openTestStore, type TestStore } from '../support/db.ts';

let store: TestStore;
let db: Db;
let folder: string;
const ids = new Map<string, number>();

const HEADER = ['站点编码', '时间', ...AIR_POLLUTANTS, 'PM2.5标记', '气温', '审核状态'].join(',');

/** Demo hours of a station as file rows, from the start of a year: wall-clock times, blank when missing. */
function rows(station: string, year: number, hours: number, offset = 0): string[] {
  return demoAirYear(station, year)
    .slice(offset, offset + hours)
    // An hour the analysers missed whole is no row at all.
    .filter((h) => h.values.SO2 !== null)
    .map((h, i) => {
      const values = AIR_POLLUTANTS.map((p) => (h.values[p] === null ? '' : String(h.values[p])));
      // Some flags with commas and quotes, some temperatures below zero, some audited hours.
      const flag = i % 97 === 5 ? '"仪器校准, ""零点"" 漂移"' : '';
      const temperature = i % 13 === 0 ? `-${(i % 7) + 0.5}` : '';
      return [station, h.hourEnding.slice(0, 16).replace('T', ' '), ...values, flag, temperature, i % 11 === 0 ? '已审核' : '原始'].join(',');
    });
}

const csv = (lines: string[]) => [HEADER, ...lines].join('\r\n') + '\r\n';

async function stored(stations: string[]) {
  const { rows: found } = await sql<Record<string, unknown>>`
    SELECT s.code, to_char(h.observed_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS at, h.parameter, h.value::text AS value,
      h.valid, h.invalid_reason, h.review, h.corrected, h.tableoid::regclass::text AS partition
    FROM monitoring_air_hourly h JOIN monitoring_site s ON s.id = h.station_id
    WHERE s.code = ANY(${stations}::text[]) ORDER BY s.code, h.observed_at, h.parameter`.execute(db);
  return found;
}

async function countAll(): Promise<number> {
  const { rows: found } = await sql<{ n: number }>`SELECT count(*)::integer AS n FROM monitoring_air_hourly`.execute(db);
  return found[0]!.n;
}

/** The existing path, as the upload route takes it: the whole table in memory. */
async function importInMemory(file: Buffer): Promise<ImportResult> {
  const table = await readTable(file);
  if ('refused' in table) throw new Error(table.refused);
  const parsed = dataRecords('air', table, await loadParameters(db, 'air'));
  return importRecords(db, SYSTEM_ACTOR, 'air', parsed.records, parsed.at, 'file', parsed.problems);
}

async function refusal(work: Promise<unknown>): Promise<ImportRefused> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportRefused);
  return error as ImportRefused;
}

/**
 * What was there before a file arrives: values the file will update, an audited value it sends raw,
 * and a value corrected by hand.
 */
async function earlierState(stations: [string, string]): Promise<void> {
  await sql`DELETE FROM monitoring_air_hourly WHERE station_id = ANY(${stations.map((s) => ids.get(s)!)}::int[])`.execute(db);
  await importRecords(
    db,
    SYSTEM_ACTOR,
    'air',
    [
      { site: stations[0], at: '2027-01-31 23:00', values: { pm2_5: 1, so2: 2 } },
      { site: stations[0], at: '2027-02-01 05:00', review: 'audited', values: { no2: 3 } },
      { site: stations[1], at: '2027-01-31 24:00', values: { o3: 4 } },
    ],
    { record: (i) => `#${i}`, field: (i, f) => `#${i}.${f}` },
    'push',
  );
  await correctValue(db, SYSTEM_ACTOR, 'air', ids.get(stations[1])!, { at: '2027-01-31 24:00', parameter: 'o3', value: 40, valid: true, reason: '人工复核' });
}

beforeAll(async () => {
  store = await openTestStore();
  db = store.storage.db;
  for (const s of await db.selectFrom('monitoring_site').select(['id', 'code']).where('kind', '=', 'air').execute()) ids.set(s.code, s.id);
  folder = mkdtempSync(join(tmpdir(), 'qingshan-bulk-'));
});
afterAll(async () => {
  rmSync(folder, { recursive: true, force: true });
  await store?.dispose();
});

describe('bulk import of an air CSV file', () => {
  it('stores exactly what the in-memory import stores, from the same file', async () => {
    const stations: [string, string] = ['EY-AIR-01', 'TJ-AIR-01'];
    // January and February 2027 around the month boundary, both stations, with the earlier state's hours inside.
    const file = Buffer.from(csv([...rows(stations[0], 2027, 900, 300), ...rows(stations[1], 2027, 900, 300)]), 'utf8');

    await earlierState(stations);
    const inMemory = await importInMemory(file);
    const afterInMemory = await stored(stations);

    await earlierState(stations);
    const bulk = await importAirCsv(db, SYSTEM_ACTOR, file);
    const afterBulk = await stored(stations);

    expect(afterBulk).toEqual(afterInMemory);
    expect({ ...bulk, partitions: [] }).toEqual({ ...inMemory, partitions: [] });
    expect(bulk.kept).toBeGreaterThan(0);
    expect(afterBulk.length).toBeGreaterThan(5000);
    expect(new Set(afterBulk.map((r) => r.partition))).toEqual(new Set(['monitoring_air_hourly_2027_01', 'monitoring_air_hourly_2027_02']));
    // The state the file met is what both kept.
    expect(afterBulk.find((r) => r.code === stations[1] && r.at === '2027-02-01 00:00' && r.parameter === 'o3')).toMatchObject({ value: '40', corrected: true });
    expect(afterBulk.some((r) => r.invalid_reason === '仪器校准, "零点" 漂移' && !r.valid)).toBe(true);
    expect(afterBulk.some((r) => r.parameter === 'temperature' && String(r.value).startsWith('-'))).toBe(true);

    // The audit entries of the two imports say the same.
    const { rows: audits } = await sql<{ after: unknown }>`
      SELECT after FROM audit_entry WHERE entity = 'monitoring_air_hourly' AND action = 'import' ORDER BY id DESC LIMIT 2`.execute(db);
    const after = audits.map((a) => (typeof a.after === 'string' ? JSON.parse(a.after) : a.after) as Record<string, unknown>);
    expect({ ...after[0], partitions: [] }).toEqual({ ...after[1], partitions: [] });
  });

  it('stores exactly what the in-memory import stores into a period with nothing stored yet', async () => {
    const stations: [string, string] = ['EY-AIR-01', 'TJ-AIR-01'];
    const file = Buffer.from(csv([...rows(stations[0], 2030, 800, 1000), ...rows(stations[1], 2030, 800, 1000)]), 'utf8');
    const clear = () => sql`DELETE FROM monitoring_air_hourly WHERE station_id = ANY(${stations.map((s) => ids.get(s)!)}::int[])`.execute(db);
    await clear();
    const inMemory = await importInMemory(file);
    const afterInMemory = await stored(stations);
    await clear();
    const bulk = await importAirCsv(db, SYSTEM_ACTOR, file);
    expect(await stored(stations)).toEqual(afterInMemory);
    expect({ ...bulk, partitions: [] }).toEqual({ ...inMemory, partitions: [] });
    expect(bulk.written).toBe(bulk.values);
    expect(afterInMemory.length).toBe(bulk.values);
  });

  it('imports nothing from a long file with one bad row deep inside, and names that row', async () => {
    const lines = [...rows('PC-AIR-01', 2028, 6000), ...rows('NJ-AIR-01', 2028, 6000)];
    const bad = 9876;
    // Row numbers count the header as row 1.
    const fields = lines[bad - 2]!.split(',');
    fields[2 + AIR_POLLUTANTS.indexOf('NO2')] = '-12';
    lines[bad - 2] = fields.join(',');
    const path = join(folder, 'bad.csv');
    writeFileSync(path, csv(lines));
    const before = await countAll();
    const refused = await refusal(importAirCsv(db, SYSTEM_ACTOR, path));
    expect(refused.errors).toEqual([{ field: `第${bad}行 NO2`, message: 'NO₂ 不能为负数' }]);
    expect(await countAll()).toBe(before);
    expect(await stored(['PC-AIR-01', 'NJ-AIR-01'])).toEqual([]);
  });

  it('counts every problem of a file wrong throughout and lists the first ones', async () => {
    const lines = rows('PC-AIR-01', 2028, 1200).map((line) => line.replace(',2028-', ',28-'));
    const refused = await refusal(importAirCsv(db, SYSTEM_ACTOR, Buffer.from(csv(lines))));
    expect(refused.errors).toHaveLength(500);
    expect(refused.errors![0]).toMatchObject({ field: '第2行 时间' });
    expect(refused.detail).toContain(`共 ${lines.length} 处问题`);
  });

  it('refuses a value given twice with the same messages as the in-memory import, naming the earlier row', async () => {
    const lines = [
      'NJ-AIR-01,2028-01-01 01:00,,,,30,,,,,原始',
      'NJ-AIR-01,2028-01-01 01:00,5,,,,,,,,原始',
      'NJ-AIR-01,2028-01-01 01:00,6,,,31,,,,,原始',
      'NJ-AIR-01,2028-01-01 02:00,7,20,50,32,0.8,40,,,原始',
      'NJ-AIR-01,2028-01-01 02:00,7,20,50,32,0.8,40,,,原始',
    ];
    const file = Buffer.from(csv(lines));
    const bulk = await refusal(importAirCsv(db, SYSTEM_ACTOR, file));
    const inMemory = await refusal(importInMemory(file));
    expect(bulk.errors).toEqual(inMemory.errors);
    expect(bulk.errors).toContainEqual({ field: '第4行 SO2', message: '与第3行重复（同一点位、时间、项目）' });
    expect(bulk.errors).toContainEqual({ field: '第4行 PM2.5', message: '与第2行重复（同一点位、时间、项目）' });
    expect(bulk.errors!.filter((e) => e.field.startsWith('第6行'))).toHaveLength(6);
  });

  it('imports the same file again without duplicates: every value updated in place', async () => {
    const file = Buffer.from(csv(rows('NJ-AIR-01', 2029, 500)));
    const first = await importAirCsv(db, SYSTEM_ACTOR, file);
    const once = await stored(['NJ-AIR-01']);
    const again = await importAirCsv(db, SYSTEM_ACTOR, file);
    expect(first.partitions).toEqual(['monitoring_air_hourly_2029_01']);
    expect(again).toEqual({ ...first, partitions: [] });
    expect(again.written).toBe(again.values);
    expect(await stored(['NJ-AIR-01'])).toEqual(once);
    expect(once).toHaveLength(first.values);
  });

  it('leaves a value corrected by hand as it was corrected', async () => {
    const file = Buffer.from(csv(rows('BZ-AIR-NBYQ', 2029, 48)));
    await importAirCsv(db, SYSTEM_ACTOR, file);
    const station = ids.get('BZ-AIR-NBYQ')!;
    await correctValue(db, SYSTEM_ACTOR, 'air', station, { at: '2029-01-01 10:00', parameter: 'pm2_5', value: null, valid: false, invalidReason: '停电', reason: '现场停电' });
    const again = await importAirCsv(db, SYSTEM_ACTOR, file);
    expect(again.kept).toBe(1);
    const value = (await stored(['BZ-AIR-NBYQ'])).find((r) => r.at === '2029-01-01 10:00' && r.parameter === 'pm2_5');
    expect(value).toMatchObject({ value: null, valid: false, invalid_reason: '停电', corrected: true });
  });
});

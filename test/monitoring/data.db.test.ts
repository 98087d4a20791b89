import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, userWithToken, type TestApp } from '../support/app.ts';
import { multipartFile } from '../support/multipart.ts';

let t: TestApp;
const tokens: Record<string, string> = {};
const as = (who: string) => (tokens[who] ? { authorization: `Bearer ${tokens[who]}` } : {});


const upload = (who: string, url: string, name: string, content: Buffer | string) => {
  const body = multipartFile(name, typeof content === 'string' ? Buffer.from(content, 'utf8') : content);
  return t.app.inject({ method: 'POST', url, headers: { ...body.headers, ...as(who) }, payload: body.payload });
};
const push = (who: string, medium: 'air' | 'water', records: unknown[]) =>
  t.app.inject({ method: 'POST', url: `/api/monitoring/${medium}/push`, headers: as(who), payload: { records } });

let station: number;
let section: number;
let reservoir: number;

const siteId = async (code: string) => (await t.db.selectFrom('monitoring_site').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;

async function airRows(stationId: number) {
  const { rows } = await sql<{ at: string; parameter: string; value: string | null; valid: boolean; invalid_reason: string | null; partition: string }>`
    SELECT to_char(observed_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI') AS at, parameter, value, valid, invalid_reason, tableoid::regclass::text AS partition
    FROM monitoring_air_hourly WHERE station_id = ${stationId} ORDER BY observed_at, parameter`.execute(t.db);
  return rows;
}

async function partitions(): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = 'monitoring_air_hourly'::regclass`.execute(t.db);
  return rows.map((r) => r.name).sort();
}

// Written by hand: the hour 00:00–01:00 of 1 March 2026 is stamped 01:00, the day's last hour 24:00.
const AIR_HEADER = '站点编码,时间,SO2,NO2,PM10,PM2.5,CO,O3,PM2.5标记,审核状态';
const airFile = (pm25First: string) =>
  [
    AIR_HEADER,
    `BZ-AIR-NBYQ,2026-03-01 01:00,8,21,56,${pm25First},2.2,40,,原始`,
    'BZ-AIR-NBYQ,2026-03-01 02:00,7,20,50,33,2.10,38,仪器校准,原始',
    'BZ-AIR-NBYQ,2026-03-01 24:00,6,18,45,30,0.9,52,,原始',
  ].join('\r\n');

beforeAll(async () => {
  t = await startTestApp();
  for (const [who, role, organisation] of [
    ['coordinator', 'coordinator', 'shi-huanweiban'],
    ['admin', 'admin', 'bazhong'],
    ['leader', 'leader', 'bazhong'],
    ['district', 'district_user', 'bazhou'],
    ['enterprise', 'enterprise_user', null],
  ] as const) {
    tokens[who] = (await userWithToken(t.db, { username: `data-${who}`, role, organisation })).token;
  }
  station = await siteId('BZ-AIR-NBYQ');
  section = await siteId('SW-SBY');
  reservoir = await siteId('DW-HCSK');
});
afterAll(async () => t?.close());

describe('air hourly import', () => {
  it('imports a CSV file, each value with its flag, each hour in its month partition', async () => {
    const response = await upload('coordinator', '/api/monitoring/air/import', 'air.csv', airFile('35'));
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ records: 3, values: 18, written: 18, kept: 0 });
    const rows = await airRows(station);
    expect(rows).toHaveLength(18);
    expect(new Set(rows.map((r) => r.partition))).toEqual(new Set(['monitoring_air_hourly_2026_03']));
    expect(rows.filter((r) => r.at === '2026-03-02 00:00')).toHaveLength(6);
    expect(rows.find((r) => r.at === '2026-03-01 01:00' && r.parameter === 'co')?.value).toBe('2.2');
    expect(rows.find((r) => r.at === '2026-03-01 02:00' && r.parameter === 'co')?.value).toBe('2.10');
    const flagged = rows.filter((r) => !r.valid);
    expect(flagged).toEqual([expect.objectContaining({ at: '2026-03-01 02:00', parameter: 'pm2_5', value: '33', invalid_reason: '仪器校准' })]);
  });

  it('updates on re-import, never duplicates', async () => {
    const response = await upload('coordinator', '/api/monitoring/air/import', 'air.csv', airFile('41'));
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ values: 18, written: 18 });
    const rows = await airRows(station);
    expect(rows).toHaveLength(18);
    expect(rows.find((r) => r.at === '2026-03-01 01:00' && r.parameter === 'pm2_5')?.value).toBe('41');
  });

  it('imports nothing from a file with errors, and names each row and column', async () => {
    const before = await t.db.selectFrom('monitoring_air_hourly').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    const csv = [
      AIR_HEADER,
      'BZ-AIR-NBYQ,2026-03-05 01:00,8,21,56,35,2.2,40,,原始',
      'NO-SUCH-STATION,2026-03-05 01:00,8,21,56,35,2.2,40,,原始',
      'BZ-AIR-NBYQ,2026-03-05 02:30,8,21,56,35,2.2,40,,原始',
      'BZ-AIR-NBYQ,2026-03-05 03:00,8,-21,56,abc,2.2,40,,原始',
      'BZ-AIR-NBYQ,2026-03-05 01:00,8,21,56,35,2.2,40,,已审核',
      'SW-SBY,2026-03-05 01:00,8,21,56,35,2.2,40,,原始',
    ].join('\n');
    const response = await upload('coordinator', '/api/monitoring/air/import', 'air.csv', csv);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const body = response.json();
    expect(body.title).toBe('导入未执行：数据有误');
    const fields = body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining(['第3行 站点编码', '第4行 时间', '第5行 NO2', '第5行 PM2.5', '第6行 SO2', '第7行 站点编码']),
    );
    expect(fields.some((f: string) => f.startsWith('第2行'))).toBe(false);
    const after = await t.db.selectFrom('monitoring_air_hourly').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('refuses a file whose columns it does not know', async () => {
    const response = await upload('coordinator', '/api/monitoring/air/import', 'air.csv', '站点编码,时间,PM2.5,苯并芘\nBZ-AIR-NBYQ,2026-03-06 01:00,30,1');
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([expect.objectContaining({ field: '表头', message: expect.stringContaining('苯并芘') })]);
  });
});

describe('month partitions on demand', () => {
  it('creates the partition of a month no data had reached, holding the hour that ends at its last midnight', async () => {
    expect(await partitions()).not.toContain('monitoring_air_hourly_2031_01');
    const response = await push('coordinator', 'air', [
      { site: 'TJ-AIR-01', at: '2031-01-15T10:00:00+08:00', values: { pm2_5: 60, pm10: 90 } },
      { site: 'TJ-AIR-01', at: '2031-01-31T16:00:00Z', values: { pm2_5: 58 } },
    ]);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().partitions).toEqual(['monitoring_air_hourly_2031_01']);
    expect(await partitions()).toContain('monitoring_air_hourly_2031_01');
    const rows = await airRows(await siteId('TJ-AIR-01'));
    expect(rows.map((r) => [r.at, r.partition])).toEqual([
      ['2031-01-15 10:00', 'monitoring_air_hourly_2031_01'],
      ['2031-01-15 10:00', 'monitoring_air_hourly_2031_01'],
      ['2031-02-01 00:00', 'monitoring_air_hourly_2031_01'],
    ]);
  });
});

describe('push', () => {
  it('writes a batch whole, and again without duplicates', async () => {
    const records = [
      { site: 'NJ-AIR-01', at: '2026-04-01 01:00', values: { so2: '5', o3: '61' }, invalid: { no2: '停电' } },
      { site: 'NJ-AIR-01', at: '2026-04-01 02:00', review: 'audited', values: { so2: 6, temperature: -1.5 } },
    ];
    const first = await push('coordinator', 'air', records);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ records: 2, values: 5, written: 5 });
    const again = await push('coordinator', 'air', records);
    expect(again.json()).toMatchObject({ values: 5, written: 5 });
    const rows = await airRows(await siteId('NJ-AIR-01'));
    expect(rows).toHaveLength(5);
    expect(rows.find((r) => r.parameter === 'no2')).toMatchObject({ value: null, valid: false, invalid_reason: '停电' });
    expect(rows.find((r) => r.parameter === 'temperature')?.value).toBe('-1.5');
  });

  it('keeps an audited value when the raw feed sends it again', async () => {
    const response = await push('coordinator', 'air', [{ site: 'NJ-AIR-01', at: '2026-04-01 02:00', review: 'raw', values: { so2: 99 } }]);
    expect(response.json()).toMatchObject({ values: 1, written: 0, kept: 1 });
    const rows = await airRows(await siteId('NJ-AIR-01'));
    expect(rows.find((r) => r.at === '2026-04-01 02:00' && r.parameter === 'so2')?.value).toBe('6');
  });

  it('refuses a batch with a bad record, naming it, and writes none of it', async () => {
    const response = await push('coordinator', 'air', [
      { site: 'PC-AIR-01', at: '2026-04-02 01:00', values: { pm2_5: 20 } },
      { site: 'PC-AIR-01', at: '2026-04-02 02:00', values: { pm2_5: -3, benzene: 1 } },
    ]);
    expect(response.statusCode).toBe(400);
    const fields = response.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['records[1].values.pm2_5', 'records[1].values.benzene']));
    expect(await airRows(await siteId('PC-AIR-01'))).toEqual([]);
  });
});

describe('water samples', () => {
  it('imports an XLSX file of manual and automatic samples, dates as Excel dates', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('水质');
    sheet.addRow(['点位编码', '采样时间', '方式', 'pH', '溶解氧', 'NH3-N', '总磷（mg/L）', '总磷标记']);
    sheet.addRow(['SW-SBY', new Date(Date.UTC(2026, 2, 10, 9, 30)), '手工', 7.8, 8.1, 0.12, 0.05, null]);
    sheet.addRow(['DW-HCSK', '2026-03-10 04:00', '自动', 7.6, 9.0, 0.08, 0.02, '试剂过期']);
    const response = await upload('admin', '/api/monitoring/water/import', 'water.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ records: 2, values: 8, written: 8 });

    const manual = await t.app.inject({ method: 'GET', url: `/api/monitoring/sections/${section}/series?from=2026-03-10&to=2026-03-10`, headers: as('leader') });
    expect(manual.statusCode, manual.body).toBe(200);
    const items = manual.json().items as { at: string; mode: string; parameter: string; value: string }[];
    expect(items.map((i) => i.parameter).sort()).toEqual(['do', 'nh3_n', 'ph', 'tp']);
    expect(new Set(items.map((i) => `${i.at} ${i.mode}`))).toEqual(new Set(['2026-03-10T09:30:00+08:00 manual']));

    const automatic = await t.app.inject({ method: 'GET', url: `/api/monitoring/sources/${reservoir}/series?from=2026-03-10&to=2026-03-10&mode=automatic`, headers: as('leader') });
    const tp = (automatic.json().items as { parameter: string; valid: boolean; invalidReason: string | null }[]).find((i) => i.parameter === 'tp');
    expect(tp).toMatchObject({ valid: false, invalidReason: '试剂过期' });
  });

  it('refuses water data for an air station, naming the row', async () => {
    const response = await upload('admin', '/api/monitoring/water/import', 'water.csv', '点位编码,采样时间,方式,pH\nBZ-AIR-NBYQ,2026-03-10 09:00,手工,7.1\nSW-SBY,2026-03-11 09:00,人工,7.2');
    expect(response.statusCode).toBe(400);
    const fields = response.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['第2行 点位编码', '第3行 方式']));
  });
});

describe('series and corrections', () => {
  const series = (who: string) => t.app.inject({ method: 'GET', url: `/api/monitoring/stations/${station}/series?from=2026-03-01&to=2026-03-01&parameter=pm2_5`, headers: as(who) });

  it('gives one station’s day: the hours ending 01:00 to 24:00', async () => {
    const response = await series('leader');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().items.map((i: { at: string }) => i.at)).toEqual([
      '2026-03-01T01:00:00+08:00',
      '2026-03-01T02:00:00+08:00',
      '2026-03-02T00:00:00+08:00',
    ]);
  });

  it('corrects a value, keeping the original, and records who and why in the audit trail', async () => {
    const correct = (value: number, reason: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/monitoring/stations/${station}/corrections`,
        headers: as('coordinator'),
        payload: { at: '2026-03-01 01:00', parameter: 'pm2_5', value, valid: true, reason },
      });
    const first = await correct(38, '与手工比对结果不符，按比对值更正');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({ before: { value: '41', valid: true }, after: { value: '38', valid: true } });
    const second = await correct(37, '再次核对');
    expect(second.json().before.value).toBe('38');

    const hour = (await series('leader')).json().items[0];
    expect(hour).toMatchObject({ value: '37', corrected: true, originalValue: '41' });

    const corrections = await t.db.selectFrom('monitoring_correction').select(['before_value', 'after_value', 'reason', 'actor_name']).where('site_id', '=', station).orderBy('id').execute();
    expect(corrections).toEqual([
      { before_value: '41', after_value: '38', reason: '与手工比对结果不符，按比对值更正', actor_name: 'data-coordinator' },
      { before_value: '38', after_value: '37', reason: '再次核对', actor_name: 'data-coordinator' },
    ]);
    const audit = await t.db
      .selectFrom('audit_entry')
      .select(['actor_name', 'before', 'after'])
      .where('action', '=', 'correct')
      .where('entity', '=', 'monitoring_air_hourly')
      .orderBy('id')
      .execute();
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({ actor_name: 'data-coordinator', before: { value: '41' }, after: { value: '38', reason: '与手工比对结果不符，按比对值更正' } });
  });

  it('leaves a corrected value alone when the same file is imported again', async () => {
    const response = await upload('coordinator', '/api/monitoring/air/import', 'air.csv', airFile('41'));
    expect(response.json()).toMatchObject({ values: 18, written: 17, kept: 1 });
    expect((await series('leader')).json().items[0].value).toBe('37');
  });

  it('refuses a correction without a reason, or of a value that does not exist', async () => {
    const noReason = await t.app.inject({
      method: 'POST',
      url: `/api/monitoring/stations/${station}/corrections`,
      headers: as('coordinator'),
      payload: { at: '2026-03-01 01:00', parameter: 'pm2_5', value: 30, valid: true, reason: '   ' },
    });
    expect(noReason.statusCode).toBe(400);
    const missing = await t.app.inject({
      method: 'POST',
      url: `/api/monitoring/stations/${station}/corrections`,
      headers: as('coordinator'),
      payload: { at: '2026-03-20 01:00', parameter: 'pm2_5', value: null, valid: false, invalidReason: '停电', reason: '补记' },
    });
    expect(missing.statusCode).toBe(404);
  });
});

describe('who may', () => {
  it('lets every administration role read and only managers change', async () => {
    expect((await series('district')).statusCode).toBe(200);
    expect((await series('enterprise')).statusCode).toBe(403);
    expect((await series('anonymous')).statusCode).toBe(401);
    const pushed = await push('leader', 'air', [{ site: 'BZ-AIR-NBYQ', at: '2026-03-07 01:00', values: { pm2_5: 1 } }]);
    expect(pushed.statusCode).toBe(403);
    const imported = await upload('district', '/api/monitoring/air/import', 'air.csv', airFile('1'));
    expect(imported.statusCode).toBe(403);
    const corrected = await t.app.inject({
      method: 'POST',
      url: `/api/monitoring/stations/${station}/corrections`,
      headers: as('district'),
      payload: { at: '2026-03-01 01:00', parameter: 'pm2_5', value: 1, valid: true, reason: '无权' },
    });
    expect(corrected.statusCode).toBe(403);
    expect((await series('leader')).json().items[0].value).toBe('37');
  });

  function series(who: string) {
    return t.app.inject({ method: 'GET', url: `/api/monitoring/stations/${station}/series?from=2026-03-01&to=2026-03-01&parameter=pm2_5`, headers: as(who) });
  }
});

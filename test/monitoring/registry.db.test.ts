import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPath } from '../../src/orgs/seed.ts';
import { startTestApp, userWithToken, organisationId, type TestApp } from '../support/app.ts';
import { docText, squeeze } from '../support/seed-docs.ts';
import { multipartFile } from '../support/multipart.ts';

let t: TestApp;
const tokens: Record<string, string> = {};
const as = (who: string) => ({ authorization: `Bearer ${tokens[who]}` });

interface SeedSite {
  code: string;
  name: string;
  district: string;
  source: { doc: string; clause: string; text: string };
}
const seed = JSON.parse(readFileSync(seedPath('bazhong', 'monitoring.json'), 'utf8')) as Record<'stations' | 'sections' | 'sources', SeedSite[]>;

// 巴中市 spans about 106°20′–107°49′ E and 31°15′–32°45′ N.
const BAZHONG = { west: 106.33, east: 107.82, south: 31.25, north: 32.75 };


const upload = (url: string, name: string, text: string) => {
  const body = multipartFile(name, Buffer.from(text, 'utf8'));
  return t.app.inject({ method: 'POST', url, headers: { ...body.headers, ...as('coordinator') }, payload: body.payload });
};

async function all(kind: string): Promise<{ code: string; name: string; level: string; lon: number; lat: number; coordinatesApproximate: boolean; districtName: string; source: { doc: string; clause: string; text: string } | null; targetClass: number | null; automatic: boolean; river: string | null; status: string }[]> {
  const response = await t.app.inject({ method: 'GET', url: `/api/monitoring/${kind}?pageSize=200`, headers: as('leader') });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items;
}

beforeAll(async () => {
  t = await startTestApp();
  tokens.coordinator = (await userWithToken(t.db, { username: 'mon-coordinator', role: 'coordinator', organisation: 'shi-huanweiban' })).token;
  tokens.leader = (await userWithToken(t.db, { username: 'mon-leader', role: 'leader', organisation: 'bazhong' })).token;
  tokens.district = (await userWithToken(t.db, { username: 'mon-district', role: 'district_user', organisation: 'bazhou' })).token;
});
afterAll(async () => t?.close());

describe('seeded registry', () => {
  it('holds every site of the seed file, by kind', async () => {
    for (const kind of ['stations', 'sections', 'sources'] as const) {
      const sites = await all(kind);
      expect(sites.map((s) => s.code).sort()).toEqual(seed[kind].map((s) => s.code).sort());
    }
  });

  it('has the sites the documents name', async () => {
    const sections = await all('sections');
    for (const name of ['手傍岩', '江陵', '金碑']) {
      const section = sections.find((s) => s.name === name);
      expect(section, name).toBeDefined();
      expect(section!.level).toBe('national');
      expect(section!.targetClass).toBe(2);
      expect(section!.river).not.toBeNull();
    }
    const reservoir = (await all('sources')).find((s) => s.name === '化成水库');
    expect(reservoir).toMatchObject({ level: 'city', automatic: true });
    expect((await all('stations')).some((s) => s.name.includes('市中心医院南坝院区'))).toBe(true);
  });

  it('cites for every site a document, a clause and words the document contains', async () => {
    const documents = new Map<string, string>();
    for (const kind of ['stations', 'sections', 'sources'] as const) {
      for (const site of await all(kind)) {
        expect(site.source, site.code).not.toBeNull();
        expect(site.source!.clause, site.code).not.toBe('');
        if (!documents.has(site.source!.doc)) documents.set(site.source!.doc, squeeze(docText(site.source!.doc)));
        for (const part of site.source!.text.split('……')) expect(documents.get(site.source!.doc), `${site.code}: ${part}`).toContain(squeeze(part));
      }
    }
  });

  it('places every site inside 巴中市, marked approximate', async () => {
    for (const kind of ['stations', 'sections', 'sources'] as const) {
      for (const site of await all(kind)) {
        expect(site.coordinatesApproximate, site.code).toBe(true);
        expect(site.lon, site.code).toBeGreaterThan(BAZHONG.west);
        expect(site.lon, site.code).toBeLessThan(BAZHONG.east);
        expect(site.lat, site.code).toBeGreaterThan(BAZHONG.south);
        expect(site.lat, site.code).toBeLessThan(BAZHONG.north);
      }
    }
  });

  it('stores the points as CGCS2000 geometry', async () => {
    const rows = await t.db.selectFrom('monitoring_site').select((eb) => eb.fn<number>('ST_SRID', [eb.ref('geom')]).as('srid')).execute();
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.srid))).toEqual(new Set([4490]));
  });
});

describe('registry API', () => {
  it('creates, reads and changes a station, auditing each change', async () => {
    const bazhou = await organisationId(t.db, 'bazhou');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/monitoring/stations',
      headers: as('coordinator'),
      payload: { code: 'BZ-MICRO-01', name: '江北微站', level: 'micro', districtId: bazhou, lon: 106.75, lat: 31.87 },
    });
    expect(created.statusCode, created.body).toBe(201);
    const site = created.json();
    expect(site).toMatchObject({ kind: 'air', districtName: '巴州区', lon: 106.75, lat: 31.87, status: 'active', coordinatesApproximate: true });

    const changed = await t.app.inject({ method: 'PATCH', url: `/api/monitoring/stations/${site.id}`, headers: as('coordinator'), payload: { status: 'suspended', coordinatesApproximate: false } });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json()).toMatchObject({ status: 'suspended', coordinatesApproximate: false, name: '江北微站' });

    const read = await t.app.inject({ method: 'GET', url: `/api/monitoring/stations/${site.id}`, headers: as('district') });
    expect(read.json().status).toBe('suspended');
    const audit = await t.db.selectFrom('audit_entry').select(['action']).where('entity', '=', 'monitoring_site').where('entity_id', '=', String(site.id)).orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'update']);
  });

  it('refuses what does not fit the kind, and a code in use', async () => {
    const bazhou = await organisationId(t.db, 'bazhou');
    const base = { name: '测试', districtId: bazhou, lon: 106.8, lat: 31.9 };
    const wrongLevel = await t.app.inject({ method: 'POST', url: '/api/monitoring/sections', headers: as('coordinator'), payload: { ...base, code: 'T-1', level: 'micro' } });
    expect(wrongLevel.statusCode).toBe(400);
    expect(wrongLevel.json().errors.map((e: { field: string }) => e.field)).toContain('level');
    const thousandTonCounty = await t.app.inject({ method: 'POST', url: '/api/monitoring/sources', headers: as('coordinator'), payload: { ...base, code: 'T-2', level: 'county', thousandTon: true } });
    expect(thousandTonCounty.statusCode).toBe(400);
    const taken = await t.app.inject({ method: 'POST', url: '/api/monitoring/sections', headers: as('coordinator'), payload: { ...base, code: 'SW-SBY', level: 'provincial' } });
    expect(taken.statusCode).toBe(409);
    expect(taken.headers['content-type']).toContain('application/problem+json');
  });

  it('answers an id of another kind with 404', async () => {
    const section = (await t.db.selectFrom('monitoring_site').select('id').where('code', '=', 'SW-SBY').executeTakeFirstOrThrow()).id;
    const response = await t.app.inject({ method: 'GET', url: `/api/monitoring/stations/${section}`, headers: as('leader') });
    expect(response.statusCode).toBe(404);
  });
});

describe('registry import', () => {
  const header = '编码,名称,级别,县区,经度,纬度,坐标近似,状态,河流,目标水质类别,水体类型,来源文件,来源条款,备注';

  it('creates new codes and updates known ones, all in one go', async () => {
    const csv = [
      header,
      'SW-TEST-1,恩阳河测试断面,省控,恩阳区,106.62,31.80,是,运行,恩阳河,Ⅲ,河流,,,',
      'SW-JB,金碑,国控,巴州区,106.971,31.701,否,运行,巴河,II类,河流,001,第一章 第二节,实测坐标',
    ].join('\n');
    const response = await upload('/api/monitoring/sections/import', 'sections.csv', csv);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ created: 1, updated: 1 });
    const sections = await all('sections');
    expect(sections.find((s) => s.code === 'SW-TEST-1')).toMatchObject({ level: 'provincial', districtName: '恩阳区', targetClass: 3, river: '恩阳河' });
    expect(sections.find((s) => s.code === 'SW-JB')).toMatchObject({ coordinatesApproximate: false, lon: 106.971 });
  });

  it('leaves what a table has no column for as it was', async () => {
    const before = (await all('sources')).find((s) => s.code === 'DW-HCSK')!;
    const response = await upload('/api/monitoring/sources/import', 'sources.csv', '编码,名称,级别,县区,经度,纬度,状态\nDW-HCSK,化成水库,市级,巴州区,106.861,31.961,暂停');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ created: 0, updated: 1 });
    const after = (await all('sources')).find((s) => s.code === 'DW-HCSK')!;
    expect(after).toMatchObject({ status: 'suspended', lon: 106.861 });
    expect(after.source).toEqual(before.source);
    expect(after.targetClass).toBe(before.targetClass);
    expect(after.automatic).toBe(true);
  });

  it('imports nothing from a file with errors, and says which rows', async () => {
    const before = await t.db.selectFrom('monitoring_site').select(['code', 'name', 'updated_at']).orderBy('code').execute();
    const csv = [
      header,
      'SW-TEST-2,好断面,市控,平昌县,107.1,31.5,是,运行,巴河,III,河流,,,',
      'SW-TEST-3,坏级别,区控,平昌县,107.1,31.5,是,运行,巴河,III,河流,,,',
      'SW-TEST-4,坏县区,市控,成都市,107.1,abc,是,运行,巴河,VI,河流,,,',
    ].join('\n');
    const response = await upload('/api/monitoring/sections/import', 'sections.csv', csv);
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const fields = response.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toContain('第3行 级别');
    expect(fields).toContain('第4行 纬度');
    expect(fields).toContain('第4行 目标水质类别');
    expect(fields.some((f: string) => f.startsWith('第2行'))).toBe(false);
    const after = await t.db.selectFrom('monitoring_site').select(['code', 'name', 'updated_at']).orderBy('code').execute();
    expect(after).toEqual(before);
  });
});

import { strFromU8, unzipSync } from 'fflate';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screeningByToken } from '../../src/spatial/screening/service.ts';
import { figureData, layerVersionsOf } from '../../src/spatial/report/load.ts';
import { bboxOf } from '../../src/spatial/report/map-figure.ts';
import { organisationId, startTestApp, userWithToken, type TestApp } from '../support/app.ts';

// A screening row written by SQL as the screening module stores one (its result jsonb per the
// contract), with the features it names: a demo reserve it overlaps, a control unit covering it, a
// river passing 400 m north reaching far beyond the figure's frame, and an air station nearby.
let t: TestApp;
let reader: string;
const TOKEN = 'ReportTestToken_0123456789';
const PROJECT = '巴州区某化工项目（报告测试）';
const BASIS = '禁止在自然保护地核心保护区内新建化工项目（报告测试依据）';
const ADMISSION = '禁止新建化工园区（报告测试准入清单）';
let reserveId: number;
let unitId: number;
let riverId: number;
let stationId: number;
let reserveVersionId: number;
let docTitle: string;

const SITE = 'POLYGON((106.750 31.860, 106.760 31.860, 106.760 31.868, 106.750 31.868, 106.750 31.860))';

async function layerVersion(layer: string, demo: boolean): Promise<number> {
  const last = await t.db.selectFrom('map_layer_version').select((eb) => eb.fn.max('version').as('v')).where('layer_code', '=', layer).executeTakeFirst();
  const row = await t.db
    .insertInto('map_layer_version')
    .values({ layer_code: layer, version: Number(last?.v ?? 0) + 1, source_name: `${layer}-report-test.geojson`, source_format: demo ? 'demo' : 'geojson', source_srid: 4490, demo, feature_count: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

async function feature(versionId: number, name: string, zone: string | null, wkt: string, properties: Record<string, unknown> = {}): Promise<number> {
  const { rows } = await sql<{ id: string }>`
    INSERT INTO map_feature (layer_version_id, source_index, name, zone, properties, geom)
    VALUES (${versionId}, 0, ${name}, ${zone}, ${JSON.stringify(properties)}::jsonb, ST_GeomFromText(${wkt}, 4490)) RETURNING id`.execute(t.db);
  return Number(rows[0]!.id);
}

beforeAll(async () => {
  t = await startTestApp();
  reader = (await userWithToken(t.db, { username: 'report-reader', role: 'leader', organisation: 'bazhong' })).token;
  const screener = await userWithToken(t.db, { username: 'report-screener', role: 'coordinator', organisation: 'bazhong' });

  reserveVersionId = await layerVersion('nature_reserve', true);
  const unitVersionId = await layerVersion('control_unit', false);
  const riverVersionId = await layerVersion('river', false);
  reserveId = await feature(reserveVersionId, '测试自然保护区', 'core', 'POLYGON((106.740 31.850, 106.755 31.850, 106.755 31.864, 106.740 31.864, 106.740 31.850))');
  unitId = await feature(unitVersionId, '测试重点管控单元', 'key', 'POLYGON((106.60 31.70, 106.90 31.70, 106.90 32.00, 106.60 32.00, 106.60 31.70))', { spatial_layout: ADMISSION });
  riverId = await feature(riverVersionId, '嘉陵江（测试段）', 'main', 'LINESTRING(106.50 31.872, 106.75 31.8716, 107.00 31.872)', { basin: '嘉陵江' });
  const station = await sql<{ id: number }>`
    INSERT INTO monitoring_site (kind, code, name, level, district_id, geom)
    VALUES ('air', 'RPT-AIR-1', '报告测试空气站', 'provincial', ${await organisationId(t.db, 'bazhou')}, ST_SetSRID(ST_MakePoint(106.766, 31.862), 4490)) RETURNING id`.execute(t.db);
  stationId = station.rows[0]!.id;

  const ruleSet = await t.db.selectFrom('screening_rule_set').select(['id', 'version']).orderBy('version', 'desc').executeTakeFirstOrThrow();
  const doc = await t.db.selectFrom('source_document').select(['id', 'title']).where('id', '=', '002').executeTakeFirstOrThrow();
  docTitle = doc.title;
  const category = await t.db.selectFrom('project_category').select(['code', 'name', 'name_en']).where('code', '=', 'chemical').executeTakeFirstOrThrow();
  const { rows: area } = await sql<{ a: number }>`SELECT ST_Area(ST_GeomFromText(${SITE}, 4490)::geography) AS a`.execute(t.db);
  const siteArea = Number(area[0]!.a);
  const layers = [
    { layer: 'nature_reserve', layerName: '自然保护地', versionId: reserveVersionId, version: 1, demo: true, hits: [{ featureId: reserveId, name: '测试自然保护区', zone: 'core', zoneName: '核心保护区', overlapM2: 0.2 * siteArea, shareOfSite: 0.2 }] },
    { layer: 'control_unit', layerName: '环境管控单元', versionId: unitVersionId, version: 1, demo: false, hits: [{ featureId: unitId, name: '测试重点管控单元', zone: 'key', zoneName: '重点管控单元', overlapM2: siteArea, shareOfSite: 1 }] },
    { layer: 'river', layerName: '河流', versionId: riverVersionId, version: 1, demo: false, hits: [] },
  ];
  const result = {
    category: { code: category.code, name: category.name, nameEn: category.name_en },
    reasons: ['选址压占自然保护地核心保护区，禁止建设。'],
    warnings: [],
    layers,
    distances: [
      { kind: 'layer', layer: 'river', layerName: '河流', featureId: riverId, name: '嘉陵江（测试段）', zone: 'main', zoneName: '干流', distanceM: 400 },
      { kind: 'air_station', layer: null, layerName: '空气质量监测站', featureId: stationId, name: '报告测试空气站', zone: null, zoneName: null, distanceM: 600 },
    ],
    controlUnits: [
      { featureId: unitId, name: '测试重点管控单元', zone: 'key', zoneName: '重点管控单元', overlapM2: siteArea, shareOfSite: 1, admissionList: { spatialLayout: ADMISSION, emissionControl: null, riskPrevention: null, resourceEfficiency: null } },
    ],
    rules: [
      {
        ruleId: 1,
        layer: 'nature_reserve',
        layerName: '自然保护地',
        zone: 'core',
        zoneName: '核心保护区',
        category: 'chemical',
        verdict: 'prohibited',
        withinM: null,
        basis: BASIS,
        doc: '002',
        docTitle: null,
        clause: '(二十)',
        features: [{ featureId: reserveId, name: '测试自然保护区', overlapM2: 0.2 * siteArea, distanceM: null }],
      },
    ],
    ruleSet: { id: ruleSet.id, version: ruleSet.version },
    demo: true,
  };
  await sql`
    INSERT INTO screening (token, project_name, category, attributes, input, site, site_area_m2, layer_versions, rule_set_id, verdict, result, organisation_id, created_by)
    VALUES (${TOKEN}, ${PROJECT}, 'chemical', ${JSON.stringify({ 产能: '5万吨/年' })}::jsonb,
            ${JSON.stringify({ kind: 'polygon', coordinates: [[[106.75, 31.86], [106.76, 31.86], [106.76, 31.868], [106.75, 31.868], [106.75, 31.86]]] })}::jsonb,
            ST_GeomFromText(${SITE}, 4490), ${siteArea},
            ${JSON.stringify(layers.map((l) => ({ layer: l.layer, versionId: l.versionId, version: l.version })))}::jsonb,
            ${ruleSet.id}, 'inadmissible', ${JSON.stringify(result)}::jsonb, ${await organisationId(t.db, 'bazhong')}, ${screener.id})`.execute(t.db);
});

afterAll(async () => {
  await t?.close();
});

const get = (url: string, token?: string) => t.app.inject({ method: 'GET', url, headers: token ? { authorization: `Bearer ${token}` } : {} });

describe('screening report (API)', () => {
  it('answers the DOCX with the project, the verdict, the rule’s basis and source, and the map figure', async () => {
    const response = await get(`/api/spatial/screenings/${TOKEN}/report.docx`, reader);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(response.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent(`${PROJECT}-准入筛查报告.docx`).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`);
    const files = unzipSync(new Uint8Array(response.rawPayload));
    const xml = strFromU8(files['word/document.xml']!);
    for (const text of [PROJECT, '不予准入', BASIS, `《${docTitle}》`, ADMISSION, '测试自然保护区', '报告测试空气站', '自然保护地（示例数据）', `/map/screening/${TOKEN}`, 'nature_reserve-report-test.geojson']) {
      expect(xml).toContain(text);
    }
    const media = Object.keys(files).filter((name) => name.startsWith('word/media/'));
    expect(media).toHaveLength(1);
    expect(files[media[0]!]!.length).toBeGreaterThan(20_000);
  });

  it('answers 404 for an unknown or malformed token, 401 without a login', async () => {
    const unknown = await get('/api/spatial/screenings/NoSuchScreeningToken0000/report.docx', reader);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect((await get('/api/spatial/screenings/bad%20token/report.docx', reader)).statusCode).toBe(404);
    expect((await get(`/api/spatial/screenings/${TOKEN}/report.docx`)).statusCode).toBe(401);
  });
});

describe('report data', () => {
  it('clips the named features to a frame around the site and adds the stations', async () => {
    const screening = (await screeningByToken(t.db, TOKEN))!;
    const { frame, layers, features } = await figureData(t.db, screening);
    const [w, s, e, n] = bboxOf(screening.site);
    expect(frame.west).toBeLessThan(w);
    expect(frame.east).toBeGreaterThan(e);
    expect(frame.south).toBeLessThan(s);
    // The river 400 m north is in view.
    expect(frame.north).toBeGreaterThan(31.8716);
    expect(layers.map((l) => l.code).sort()).toEqual(['#air_station', 'control_unit', 'nature_reserve', 'river']);
    expect(layers.find((l) => l.code === 'nature_reserve')).toMatchObject({ name: '自然保护地', demo: true });
    expect(layers.find((l) => l.code === 'river')!.style.stroke).toBeTruthy();
    // Every drawn geometry lies within the frame (the river runs 50 km beyond it; the unit covers it).
    const slack = 1e-7;
    for (const f of features) {
      const [fw, fs, fe, fn] = bboxOf(f.geometry);
      expect(fw).toBeGreaterThanOrEqual(frame.west - slack);
      expect(fe).toBeLessThanOrEqual(frame.east + slack);
      expect(fs).toBeGreaterThanOrEqual(frame.south - slack);
      expect(fn).toBeLessThanOrEqual(frame.north + slack);
    }
    const river = features.find((f) => f.layer === 'river')!;
    expect(bboxOf(river.geometry)[2] - bboxOf(river.geometry)[0]).toBeCloseTo(frame.east - frame.west, 6);
    const station = features.find((f) => f.layer === '#air_station')!;
    expect(station.geometry).toEqual({ type: 'Point', coordinates: [106.766, 31.862] });
  });

  it('gives each layer version its source file', async () => {
    const screening = (await screeningByToken(t.db, TOKEN))!;
    const versions = await layerVersionsOf(t.db, screening);
    expect(versions.find((v) => v.versionId === reserveVersionId)).toMatchObject({ layer: 'nature_reserve', demo: true, sourceName: 'nature_reserve-report-test.geojson' });
  });
});

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import proj4 from 'proj4';
import { SYSTEM_ACTOR } from '../../src/audit/store.ts';
import { openStorage } from '../../src/db/connect.ts';
import { readSpatialFile, type ReadOptions, type SpatialFile } from '../../src/spatial/import/read.ts';
import { importLayerVersion, type ImportReport } from '../../src/spatial/import/store.ts';
import { startTestApp, userWithToken, type TestApp } from '../support/app.ts';
import { runCli } from '../support/cli.ts';
import { seededTestLocation } from '../support/db.ts';

// Imports into the seeded layer kinds (自然保护地 with its zones 核心保护区/一般控制区) and a point
// layer made for the test, from the fixtures GDAL wrote (test/fixtures/spatial/make-fixtures.sh).
const FIXTURES = new URL('../fixtures/spatial/', import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, FIXTURES));

let t: TestApp;
let coordinator: string;
let leader: string;

beforeAll(async () => {
  t = await startTestApp({ QINGSHAN_DEMO: 'off' });
  coordinator = (await userWithToken(t.db, { username: 'layer-coordinator', role: 'coordinator', organisation: null })).token;
  leader = (await userWithToken(t.db, { username: 'layer-leader', role: 'leader', organisation: null })).token;
  await t.db
    .insertInto('map_layer')
    .values({ code: 'test_points', name: '测试点位', name_en: 'Test points', geometry_type: 'point', name_fields: ['名称'] })
    .execute();
});
afterAll(async () => {
  await t?.close();
});

async function readFixture(name: string, options?: ReadOptions, data: Buffer = fixture(name)): Promise<SpatialFile> {
  const read = await readSpatialFile({ name, data }, options);
  if (!read.ok) throw new Error(read.error);
  return read.value;
}

async function counts(layer: string): Promise<{ versions: number; features: number }> {
  const { rows } = await sql<{ versions: number; features: number }>`
    SELECT (SELECT count(*) FROM map_layer_version WHERE layer_code = ${layer})::int AS versions,
           (SELECT count(*) FROM map_feature f JOIN map_layer_version v ON v.id = f.layer_version_id WHERE v.layer_code = ${layer})::int AS features`.execute(t.db);
  return rows[0]!;
}

/** A multipart body with a file and form fields, as a browser's form sends it. */
function form(name: string, content: Buffer, fields: Record<string, string> = {}) {
  const boundary = '----qingshan-layer-upload';
  const parts = Object.entries(fields).map(([key, value]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${key}"\r\n\r\n${value}\r\n`));
  return {
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([
      ...parts,
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]),
  };
}

function upload(layer: string, token: string, name: string, content: Buffer, fields?: Record<string, string>) {
  const body = form(name, content, fields);
  return t.app.inject({
    method: 'POST',
    url: `/api/spatial/layers/${layer}/versions`,
    headers: { ...body.headers, authorization: `Bearer ${token}` },
    payload: body.payload,
  });
}

const get = (url: string, token: string) => t.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });

describe('importing a layer version', () => {
  it('imports v1 and v2 of a layer, keeping v1, with names and zones from the attributes', async () => {
    const before = await counts('nature_reserve');
    const first = await importLayerVersion(t.db, SYSTEM_ACTOR, 'nature_reserve', await readFixture('reserve-gk36-gbk.zip'), { sourceName: 'reserve-gk36-gbk.zip', note: '第一版' });
    expect(first.ok).toBe(true);
    if (!first.ok) return;
    expect(first.version).toBe(before.versions + 1);
    expect(first.featureCount).toBe(3);
    expect(first.report.counts).toEqual({ read: 3, imported: 3, repaired: 0, refused: 0 });

    const second = await importLayerVersion(t.db, SYSTEM_ACTOR, 'nature_reserve', await readFixture('reserve-cm108.gpkg'), { sourceName: 'reserve-cm108.gpkg' });
    expect(second.ok).toBe(true);
    if (!second.ok) return;
    expect(second.version).toBe(first.version + 1);

    const versions = await t.db.selectFrom('map_layer_version').selectAll().where('id', 'in', [first.versionId, second.versionId]).orderBy('version').execute();
    expect(versions.map((v) => [v.source_format, v.source_srid, v.encoding, v.feature_count, v.note])).toEqual([
      ['shapefile', 4524, 'gbk', 3, '第一版'],
      ['geopackage', 4545, null, 3, null],
    ]);
    expect((versions[0]!.report as unknown as ImportReport).encodingSource).toBe('detected');

    const features = await sql<{ layer_version_id: number; source_index: number; name: string; zone: string; area: number }>`
      SELECT layer_version_id, source_index, name, zone, ST_Area(geom::geography) AS area
      FROM map_feature WHERE layer_version_id IN (${first.versionId}, ${second.versionId}) ORDER BY layer_version_id, source_index`.execute(t.db);
    const ofVersion = (id: number) => features.rows.filter((f) => f.layer_version_id === id);
    // 核心区 is the core zone's alias; 实验区 and 缓冲区 are the general zone's.
    expect(ofVersion(first.versionId).map((f) => [f.name, f.zone])).toEqual([
      ['光雾山核心区', 'core'],
      ['光雾山实验区', 'general'],
      ['诺水河缓冲区', 'general'],
    ]);
    // The same polygons through two systems and two formats: the same areas to the square metre.
    ofVersion(second.versionId).forEach((f, i) => expect(f.area).toBeCloseTo(ofVersion(first.versionId)[i]!.area, 0));

    const audit = await t.db.selectFrom('audit_entry').select(['action', 'entity_id']).where('entity', '=', 'map_layer_version').execute();
    expect(audit.map((a) => a.entity_id)).toEqual(expect.arrayContaining([String(first.versionId), String(second.versionId)]));
  });

  it('transforms Gauss-Krüger points, with and without the zone prefix, as proj4 does', async () => {
    // Points across zone 36 (CM 108°E): on the central meridian, 100 km either side, north and south of 巴中.
    const eastNorth = [
      [500000, 3500000],
      [400000.123, 3600000.456],
      [600000.5, 3650000.25],
      [387349.37, 3597738.71],
      [455000, 3280000],
    ];
    const collection = (offset: number) =>
      Buffer.from(
        JSON.stringify({
          type: 'FeatureCollection',
          features: eastNorth.map(([e, n], i) => ({ type: 'Feature', properties: { 名称: `点${i}` }, geometry: { type: 'Point', coordinates: [e! + offset, n] } })),
        }),
      );
    const prefixed = await importLayerVersion(t.db, SYSTEM_ACTOR, 'test_points', await readFixture('p.geojson', { srid: 4524 }, collection(36_000_000)), { sourceName: 'p.geojson' });
    const plain = await importLayerVersion(t.db, SYSTEM_ACTOR, 'test_points', await readFixture('p.geojson', { srid: 4545 }, collection(0)), { sourceName: 'p.geojson' });
    if (!prefixed.ok || !plain.ok) throw new Error('import refused');
    const reference = '+proj=tmerc +lat_0=0 +lon_0=108 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs';
    for (const versionId of [prefixed.versionId, plain.versionId]) {
      const { rows } = await sql<{ source_index: number; lon: number; lat: number }>`
        SELECT source_index, ST_X(geom) AS lon, ST_Y(geom) AS lat FROM map_feature WHERE layer_version_id = ${versionId} ORDER BY source_index`.execute(t.db);
      expect(rows).toHaveLength(eastNorth.length);
      for (const row of rows) {
        const [lon, lat] = proj4(reference, 'EPSG:4326', eastNorth[row.source_index] as [number, number]);
        expect(Math.abs(row.lon - lon!)).toBeLessThan(1e-7);
        expect(Math.abs(row.lat - lat!)).toBeLessThan(1e-7);
      }
    }
  });

  it('repairs a bow-tie polygon and reports it', async () => {
    const outcome = await importLayerVersion(t.db, SYSTEM_ACTOR, 'nature_reserve', await readFixture('bowtie.geojson'), { sourceName: 'bowtie.geojson' });
    if (!outcome.ok) throw new Error(outcome.reason);
    expect(outcome.report.counts).toEqual({ read: 2, imported: 2, repaired: 1, refused: 0 });
    expect(outcome.report.repaired).toHaveLength(1);
    expect(outcome.report.repaired[0]).toMatchObject({ index: 1, name: '自相交的保护区' });
    expect(outcome.report.repaired[0]!.reason).toMatch(/self-intersection/i);
    const { rows } = await sql<{ source_index: number; repaired: boolean; type: string; valid: boolean; zone: string; area: number; triangle: number }>`
      SELECT source_index, repaired, ST_GeometryType(geom) AS type, ST_IsValid(geom) AS valid, zone, ST_Area(geom::geography) AS area,
             ST_Area(ST_SetSRID(ST_GeomFromText('POLYGON((106.74 31.80, 106.75 31.81, 106.74 31.82, 106.74 31.80))'), 4490)::geography) AS triangle
      FROM map_feature WHERE layer_version_id = ${outcome.versionId} ORDER BY source_index`.execute(t.db);
    expect(rows.map((r) => [r.source_index, r.repaired, r.valid, r.zone])).toEqual([
      [0, false, true, 'core'],
      [1, true, true, 'general'],
    ]);
    // The bow-tie becomes its two triangles, each of the area of the one drawn here.
    expect(rows[1]!.type).toBe('ST_MultiPolygon');
    expect(rows[1]!.area / (2 * rows[1]!.triangle)).toBeCloseTo(1, 3);
  });

  it('refuses the whole import when a point comes into a polygon layer, unless told to skip it', async () => {
    const before = await counts('nature_reserve');
    const read = await readFixture('point-among-polygons.geojson');
    const refused = await importLayerVersion(t.db, SYSTEM_ACTOR, 'nature_reserve', read, { sourceName: 'point-among-polygons.geojson' });
    expect(refused.ok).toBe(false);
    if (refused.ok || refused.reason !== 'refused') throw new Error('expected a refusal');
    expect(refused.report.refused).toEqual([{ index: 1, name: '误入的监测点', reason: expect.stringContaining('Point') }]);
    expect(refused.report.counts).toMatchObject({ read: 2, imported: 0, refused: 1 });
    expect(refused.message).toContain('整个文件未导入');
    expect(await counts('nature_reserve')).toEqual(before);

    const skipped = await importLayerVersion(t.db, SYSTEM_ACTOR, 'nature_reserve', read, { sourceName: 'point-among-polygons.geojson', skipRefused: true });
    if (!skipped.ok) throw new Error('expected the rest to be imported');
    expect(skipped.featureCount).toBe(1);
    expect(skipped.report.skippedRefused).toBe(true);
    expect(await counts('nature_reserve')).toEqual({ versions: before.versions + 1, features: before.features + 1 });
  });

  it('refuses features without geometry and warns of zones the layer does not have', async () => {
    const file = Buffer.from(
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          { type: 'Feature', properties: { 名称: '甲', 分区: '外围保护带' }, geometry: { type: 'Polygon', coordinates: [[[106.7, 31.8], [106.71, 31.8], [106.71, 31.81], [106.7, 31.8]]] } },
          { type: 'Feature', properties: { 名称: '乙' }, geometry: null },
          { type: 'Feature', properties: { 名称: '丙' }, geometry: { type: 'Polygon', coordinates: [[[106.7, 31.8], [106.71, 31.8], [106.71, 31.81]]] } },
        ],
      }),
    );
    const outcome = await importLayerVersion(t.db, SYSTEM_ACTOR, 'nature_reserve', await readFixture('x.geojson', undefined, file), { sourceName: 'x.geojson', skipRefused: true });
    if (!outcome.ok) throw new Error('expected an import');
    expect(outcome.report.refused.map((r) => [r.index, r.name])).toEqual([
      [1, '乙'],
      [2, '丙'],
    ]);
    expect(outcome.report.refused[0]!.reason).toContain('几何为空');
    expect(outcome.report.refused[1]!.reason).toContain('少于 4 个点');
    expect(outcome.report.warnings.join()).toContain('外围保护带');
    const row = await t.db.selectFrom('map_feature').select(['name', 'zone']).where('layer_version_id', '=', outcome.versionId).executeTakeFirstOrThrow();
    expect(row).toEqual({ name: '甲', zone: null });
  });

  it('refuses an unknown layer', async () => {
    expect(await importLayerVersion(t.db, SYSTEM_ACTOR, 'no_such_layer', await readFixture('bowtie.geojson'), { sourceName: 'b' })).toEqual({ ok: false, reason: 'layer_not_found' });
  });
});

describe('layers API', () => {
  it('imports through the form: 201, 404 for an unknown layer, 422 with the report, 403 for a leader', async () => {
    const created = await upload('ecological_redline', coordinator, '生态保护红线.zip', fixture('reserve-cm108-utf8.zip'), { note: '2024 年调整', encoding: '' });
    expect(created.statusCode, created.body).toBe(201);
    const body = created.json();
    expect(body).toMatchObject({ version: 1, featureCount: 3, report: { srid: 4545, sourceName: '生态保护红线.zip', counts: { imported: 3 } } });

    expect((await upload('no_such_layer', coordinator, 'a.zip', fixture('reserve-cm108-utf8.zip'))).statusCode).toBe(404);

    const missing = await upload('ecological_redline', coordinator, 'noprj.zip', fixture('reserve-noprj.zip'));
    expect(missing.statusCode).toBe(422);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(missing.json()).toMatchObject({ status: 422, report: null, errors: [{ field: 'srid' }] });
    expect(missing.json().detail).toContain('缺少坐标系');
    const chosen = await upload('ecological_redline', coordinator, 'noprj.zip', fixture('reserve-noprj.zip'), { srid: '4545' });
    expect(chosen.statusCode, chosen.body).toBe(201);
    expect(chosen.json().version).toBe(2);

    const refused = await upload('ecological_redline', coordinator, 'mixed.geojson', fixture('point-among-polygons.geojson'));
    expect(refused.statusCode).toBe(422);
    expect(refused.json().report.refused).toEqual([{ index: 1, name: '误入的监测点', reason: expect.any(String) }]);
    const skipped = await upload('ecological_redline', coordinator, 'mixed.geojson', fixture('point-among-polygons.geojson'), { skipRefused: 'true' });
    expect(skipped.statusCode, skipped.body).toBe(201);
    expect(skipped.json()).toMatchObject({ version: 3, featureCount: 1 });

    expect((await upload('ecological_redline', coordinator, 'a.zip', fixture('reserve-noprj.zip'), { srid: 'abc' })).statusCode).toBe(400);
    expect((await upload('ecological_redline', leader, 'a.zip', fixture('reserve-cm108-utf8.zip'))).statusCode).toBe(403);
  });

  it('lists the layers with their current versions, and a layer’s versions newest first', async () => {
    const layers = await get('/api/spatial/layers', leader);
    expect(layers.statusCode).toBe(200);
    const items = layers.json().items as { code: string; current: { version: number; featureCount: number; sourceFormat: string; demo: boolean } | null; versionCount: number; zones: unknown[] }[];
    const redline = items.find((l) => l.code === 'ecological_redline')!;
    expect(redline.versionCount).toBe(3);
    expect(redline.current).toMatchObject({ version: 3, featureCount: 1, sourceFormat: 'geojson', demo: false, importedBy: { name: 'layer-coordinator' } });
    const reserve = items.find((l) => l.code === 'nature_reserve')!;
    expect(reserve.zones).toEqual([
      { code: 'core', name: '核心保护区', nameEn: 'Core protection zone' },
      { code: 'general', name: '一般控制区', nameEn: 'General control zone' },
    ]);

    const versions = await get('/api/spatial/layers/ecological_redline/versions', leader);
    expect(versions.statusCode).toBe(200);
    const list = versions.json().items as { version: number; current: boolean; note: string | null; importedBy: { name: string } | null; sourceSrid: number }[];
    expect(list.map((v) => [v.version, v.current, v.sourceSrid])).toEqual([
      [3, true, 4490],
      [2, false, 4545],
      [1, false, 4545],
    ]);
    expect(list[2]!.note).toBe('2024 年调整');
    expect(list[0]!.importedBy?.name).toBe('layer-coordinator');
    expect((await get('/api/spatial/layers/no_such_layer/versions', leader)).statusCode).toBe(404);
  });
});

describe('qingshan spatial import', { timeout: 240_000 }, () => {
  it('imports a file and prints the report; refuses one without a coordinate system', async () => {
    const location = await seededTestLocation();
    try {
      const path = fileURLToPath(new URL('reserve-gk36-gbk.zip', FIXTURES));
      const done = await runCli(['spatial', 'import', 'nature_reserve', path, '--note', '命令行导入'], location.env);
      expect(done.code, done.stderr).toBe(0);
      expect(done.stdout).toContain('第 1 版');
      expect(done.stdout).toContain('GBK');
      const noPrj = await runCli(['spatial', 'import', 'nature_reserve', fileURLToPath(new URL('reserve-noprj.zip', FIXTURES))], location.env);
      expect(noPrj.code).toBe(1);
      expect(noPrj.stderr).toContain('缺少坐标系');
      const withSrid = await runCli(['spatial', 'import', 'nature_reserve', fileURLToPath(new URL('reserve-noprj.zip', FIXTURES)), '--srid', '4545'], location.env);
      expect(withSrid.code, withSrid.stderr).toBe(0);
      const storage = await openStorage(location.storage, { create: false });
      try {
        const versions = await storage.db.selectFrom('map_layer_version').select(['version', 'note', 'feature_count']).where('layer_code', '=', 'nature_reserve').orderBy('version').execute();
        expect(versions).toEqual([
          { version: 1, note: '命令行导入', feature_count: 3 },
          { version: 2, note: null, feature_count: 3 },
        ]);
      } finally {
        await storage.close();
      }
    } finally {
      await location.dispose();
    }
  });
});

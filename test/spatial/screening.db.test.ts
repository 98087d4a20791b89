import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { screenSite } from '../../src/spatial/screening/query.ts';
import { screeningByToken } from '../../src/spatial/screening/service.ts';
import { startTestApp, userWithToken, type TestApp } from '../support/app.ts';

// Screening against small layers made here by SQL near 巴中 (106.75°E 31.85°N): a nature reserve
// square, a first-grade water-source square, a 嘉陵江-basin river along 31.90°N and one general control
// unit around them all. Areas and distances are checked against PostGIS geography directly.
let t: TestApp;
let coordinator: string;
let leader: string;
let bazhouUser: string;

const as = (token: string) => ({ authorization: `Bearer ${token}` });
const post = (url: string, token: string, payload: object) => t.app.inject({ method: 'POST', url, headers: as(token), payload });
const put = (url: string, token: string, payload: object) => t.app.inject({ method: 'PUT', url, headers: as(token), payload });
const get = (url: string, token: string) => t.app.inject({ method: 'GET', url, headers: as(token) });

const envelope = (x0: number, y0: number, x1: number, y1: number) => `POLYGON((${x0} ${y0},${x1} ${y0},${x1} ${y1},${x0} ${y1},${x0} ${y0}))`;
const ring = (x0: number, y0: number, x1: number, y1: number) => [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]];

const RESERVE = envelope(106.75, 31.85, 106.76, 31.86);
const WATER_SOURCE = envelope(106.8, 31.85, 106.81, 31.86);
const RIVER = 'LINESTRING(106.70 31.90,106.80 31.90)';
const UNIT = envelope(106.6, 31.7, 106.95, 32.0);
const SITE_A = [106.755, 31.855, 106.765, 31.865] as const;

async function layerVersion(layer: string, version: number, features: { name: string; zone: string | null; properties?: Record<string, unknown>; wkt: string }[]) {
  const row = await t.db
    .insertInto('map_layer_version')
    .values({ layer_code: layer, version, source_name: `${layer}-v${version}.geojson`, source_format: 'geojson', source_srid: 4490, feature_count: features.length })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const [index, f] of features.entries()) {
    await sql`INSERT INTO map_feature (layer_version_id, source_index, name, zone, properties, geom)
      VALUES (${row.id}, ${index}, ${f.name}, ${f.zone}, ${JSON.stringify(f.properties ?? {})}::jsonb, ST_GeomFromText(${f.wkt}, 4490))`.execute(t.db);
  }
  return row.id;
}

async function scalar(query: ReturnType<typeof sql<{ v: number }>>): Promise<number> {
  const { rows } = await query.execute(t.db);
  return Number(rows[0]!.v);
}

beforeAll(async () => {
  t = await startTestApp();
  coordinator = (await userWithToken(t.db, { username: 'screen-coordinator', role: 'coordinator', organisation: 'shi-huanweiban' })).token;
  leader = (await userWithToken(t.db, { username: 'screen-leader', role: 'leader', organisation: null })).token;
  bazhouUser = (await userWithToken(t.db, { username: 'screen-bazhou', role: 'district_user', organisation: 'bazhou' })).token;
  await layerVersion('nature_reserve', 1, [{ name: '测试保护区', zone: 'general', wkt: RESERVE }]);
  await layerVersion('water_source', 1, [{ name: '测试水源地', zone: 'first', wkt: WATER_SOURCE }]);
  await layerVersion('river', 1, [{ name: '测试河', zone: 'main', properties: { basin: '嘉陵江', shoreline_rule: '岸线一公里内禁止化工' }, wkt: RIVER }]);
  await layerVersion('control_unit', 1, [
    { name: '测试一般管控单元', zone: 'general', properties: { spatial_layout: '空间布局约束文字', emission_control: '排放管控文字', risk_prevention: '风险防控文字', resource_efficiency: '资源效率文字' }, wkt: UNIT },
  ]);
});
afterAll(async () => {
  await t?.close();
});

describe('screenSite (one statement)', () => {
  it('gives the overlap of a known square on the ellipsoid, within 0.1% of PostGIS geography, and its share of the site', async () => {
    const site = `SRID=4490;${envelope(...SITE_A)}`;
    const outcome = await screenSite(t.db, site, 'tourism');
    const expectedArea = await scalar(sql<{ v: number }>`SELECT ST_Area(ST_GeomFromText(${envelope(...SITE_A)}, 4490)::geography) AS v`);
    const expectedOverlap = await scalar(sql<{ v: number }>`SELECT ST_Area(ST_GeomFromText(${envelope(106.755, 31.855, 106.76, 31.86)}, 4490)::geography) AS v`);
    expect(Math.abs(outcome.siteAreaM2 - expectedArea) / expectedArea).toBeLessThan(0.001);
    const reserve = outcome.layers.find((l) => l.layer === 'nature_reserve')!;
    expect(reserve.hits).toHaveLength(1);
    expect(Math.abs(reserve.hits[0]!.overlapM2 - expectedOverlap) / expectedOverlap).toBeLessThan(0.001);
    const unit = outcome.layers.find((l) => l.layer === 'control_unit')!;
    // The unit covers the whole site: its overlap is the site's area.
    expect(Math.abs(unit.hits[0]!.overlapM2 - expectedArea) / expectedArea).toBeLessThan(0.001);
  });

  it('reports distances to sensitive features and monitoring stations as PostGIS geography does', async () => {
    const site = `SRID=4490;${envelope(...SITE_A)}`;
    const outcome = await screenSite(t.db, site, 'tourism');
    const toSource = outcome.distances.find((d) => d.layer === 'water_source')!;
    const expected = await scalar(sql<{ v: number }>`SELECT ST_Distance(ST_GeomFromText(${envelope(...SITE_A)}, 4490)::geography, ST_GeomFromText(${WATER_SOURCE}, 4490)::geography) AS v`);
    expect(expected).toBeGreaterThan(1000);
    // The nearest feature's distance is taken between the closest points found in a plane scaled to the
    // ellipsoid at the site (migration 0013): here two parallel meridian edges, where geography finds the
    // exact minimum at the northern end and the plane sees a tie, 0.2 m longer over 3.3 km.
    expect(Math.abs(toSource.distanceM - expected) / expected).toBeLessThan(1e-4);
    expect(toSource.distanceM).toBeGreaterThanOrEqual(expected - 0.001);
    expect(toSource).toMatchObject({ kind: 'layer', name: '测试水源地', zone: 'first', zoneName: '一级保护区' });
    const air = outcome.distances.filter((d) => d.kind === 'air_station');
    const nearestAir = await scalar(sql<{ v: number }>`SELECT min(ST_Distance(geom::geography, ST_GeomFromText(${envelope(...SITE_A)}, 4490)::geography)) AS v FROM monitoring_site WHERE kind = 'air' AND status = 'active'`);
    // Stations too are measured on the ellipsoid to the site's point closest in the scaled plane.
    if (Number.isFinite(nearestAir) && nearestAir > 0) expect(Math.abs(air[0]!.distanceM - nearestAir) / nearestAir).toBeLessThan(1e-4);
    const sections = outcome.distances.filter((d) => d.kind === 'water_section');
    expect(sections.map((s) => s.distanceM)).toEqual([...sections.map((s) => s.distanceM)].sort((a, b) => a - b));
  });

  it('refuses a chemical project within 1 km of a 嘉陵江-basin river, citing document 004', async () => {
    const site = `SRID=4490;${envelope(106.74, 31.89, 106.745, 31.893)}`;
    const outcome = await screenSite(t.db, site, 'chemical');
    const distance = await scalar(sql<{ v: number }>`SELECT ST_Distance(ST_GeomFromText(${envelope(106.74, 31.89, 106.745, 31.893)}, 4490)::geography, ST_GeomFromText(${RIVER}, 4490)::geography) AS v`);
    expect(distance).toBeLessThan(1000);
    expect(outcome.evaluation.verdict).toBe('inadmissible');
    const rule = outcome.evaluation.rules.find((r) => r.layer === 'river' && r.verdict === 'prohibited')!;
    expect(rule.doc).toBe('004');
    expect(rule.basis).toContain('嘉陵江');
    expect(Math.abs(rule.features[0]!.distanceM! - distance)).toBeLessThan(0.01);
    // The same site for a project of another category is not caught by that rule.
    const other = await screenSite(t.db, site, 'tourism');
    expect(other.evaluation.rules.some((r) => r.layer === 'river' && r.verdict === 'prohibited')).toBe(false);
  });

  it('asks for manual review when screened layers have no data, naming them', async () => {
    const outcome = await screenSite(t.db, `SRID=4490;${envelope(106.9, 31.95, 106.905, 31.955)}`, 'tourism');
    expect(outcome.evaluation.verdict).toBe('manual_review');
    expect(outcome.evaluation.missingLayers).toContain('basic_farmland');
    expect(outcome.evaluation.reasons.join('')).toContain('永久基本农田');
  });
});

describe('screening API', () => {
  let first: { token: string; id: number };

  it('screens a polygon site (201) with layers, control units and rules, recording layer versions', async () => {
    const response = await post('/api/spatial/screenings', coordinator, { projectName: '测试康养项目', category: 'tourism', attributes: { 投资: 1000 }, site: { kind: 'polygon', coordinates: ring(...SITE_A) } });
    expect(response.statusCode, response.body).toBe(201);
    const body = response.json();
    first = { token: body.token, id: body.id };
    expect(body.token).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const reserve = body.layers.find((l: { layer: string }) => l.layer === 'nature_reserve');
    expect(reserve.version).toBe(1);
    const expectedShare = (await scalar(sql<{ v: number }>`SELECT ST_Area(ST_GeomFromText(${envelope(106.755, 31.855, 106.76, 31.86)}, 4490)::geography) / ST_Area(ST_GeomFromText(${envelope(...SITE_A)}, 4490)::geography) AS v`));
    expect(Math.abs(reserve.hits[0].shareOfSite - expectedShare)).toBeLessThan(0.001);
    expect(body.controlUnits[0].admissionList).toEqual({ spatialLayout: '空间布局约束文字', emissionControl: '排放管控文字', riskPrevention: '风险防控文字', resourceEfficiency: '资源效率文字' });
    expect(body.ruleSet.version).toBe(1);
    const saved = await t.db.selectFrom('screening').select(['layer_versions', 'rule_set_id', 'organisation_id']).where('id', '=', body.id).executeTakeFirstOrThrow();
    expect(saved.layer_versions.map((v) => v.layer).sort()).toEqual(['control_unit', 'nature_reserve', 'river', 'water_source']);
    expect(saved.rule_set_id).toBe(body.ruleSet.id);
    // The reasons come as words and as data, one for one, and read back the same.
    expect(body.reasonDetails).toHaveLength(body.reasons.length);
    const ruleIds = body.reasonDetails.filter((r: { code: string }) => r.code === 'rule').map((r: { ruleId: number }) => r.ruleId);
    expect(ruleIds.sort()).toEqual(body.rules.map((r: { ruleId: number }) => r.ruleId).sort());
    const read = (await get(`/api/spatial/screenings/${body.token}`, coordinator)).json();
    expect(read.reasonDetails).toEqual(body.reasonDetails);
  });

  it('builds a point with a radius and a line with a width on the ellipsoid', async () => {
    const point = await post('/api/spatial/screenings', coordinator, { projectName: '点', category: 'tourism', site: { kind: 'point', lon: 106.9, lat: 31.95, radiusM: 500 } });
    expect(point.statusCode, point.body).toBe(201);
    expect(Math.abs(point.json().siteAreaM2 - Math.PI * 500 ** 2) / (Math.PI * 500 ** 2)).toBeLessThan(0.001);
    const coordinates = [[106.9, 31.95], [106.91, 31.95]];
    const line = await post('/api/spatial/screenings', coordinator, { projectName: '管线', category: 'linear', site: { kind: 'line', coordinates, widthM: 40 } });
    expect(line.statusCode, line.body).toBe(201);
    const length = await scalar(sql<{ v: number }>`SELECT ST_Length(ST_GeomFromText('LINESTRING(106.9 31.95,106.91 31.95)', 4490)::geography) AS v`);
    expect(Math.abs(line.json().siteAreaM2 - length * 40) / (length * 40)).toBeLessThan(0.01);
  });

  it('reads 界址点坐标 in Gauss-Krüger zone 36 as the same site as the equivalent polygon', async () => {
    const { rows } = await sql<{ x: number; y: number }>`
      SELECT ST_Y(p) AS x, ST_X(p) AS y FROM (
        SELECT ST_Transform(ST_SetSRID(ST_MakePoint(lon, lat), 4490), 4524) AS p
        FROM (VALUES (1, 106.755, 31.855), (2, 106.765, 31.855), (3, 106.765, 31.865), (4, 106.755, 31.865)) v (n, lon, lat) ORDER BY n) q`.execute(t.db);
    const text = rows.map((r, i) => `J${i + 1} ${r.x.toFixed(3)} ${r.y.toFixed(3)}`).join('\n');
    expect(text).toMatch(/^J1 35\d{5}\.\d{3} 36\d{6}\.\d{3}/);
    const fromPoints = await post('/api/spatial/screenings', coordinator, { projectName: '界址点', category: 'tourism', site: { kind: 'boundary_points', text } });
    expect(fromPoints.statusCode, fromPoints.body).toBe(201);
    const polygon = await post('/api/spatial/screenings', coordinator, { projectName: '多边形', category: 'tourism', site: { kind: 'polygon', coordinates: ring(...SITE_A) } });
    const a = fromPoints.json();
    const b = polygon.json();
    expect(Math.abs(a.siteAreaM2 - b.siteAreaM2) / b.siteAreaM2).toBeLessThan(0.001);
    const corners = (site: { coordinates: number[][][] }) => site.coordinates[0]!.slice(0, 4);
    for (const [i, corner] of corners(a.site).entries()) {
      const match = corners(b.site).some((c) => Math.abs(c[0]! - corner[0]!) < 1e-7 && Math.abs(c[1]! - corner[1]!) < 1e-7);
      expect(match, `corner ${i} ${corner}`).toBe(true);
    }
    expect(a.verdict).toBe(b.verdict);
  });

  it('answers 422 with a clear message on bad input', async () => {
    const bowTie = await post('/api/spatial/screenings', coordinator, { projectName: '坏', category: 'tourism', site: { kind: 'polygon', coordinates: [[[106, 31], [107, 32], [107, 31], [106, 32]]] } });
    expect(bowTie.statusCode).toBe(422);
    expect(bowTie.json().detail).toContain('自相交');
    const noZone = await post('/api/spatial/screenings', coordinator, { projectName: '坏', category: 'tourism', site: { kind: 'boundary_points', text: '3530000 480000\n3530000 481000\n3531000 481000' } });
    expect(noZone.statusCode).toBe(422);
    expect(noZone.json().errors[0].field).toBe('site.srid');
    const category = await post('/api/spatial/screenings', coordinator, { projectName: '坏', category: 'nope', site: { kind: 'point', lon: 106.9, lat: 31.95, radiusM: 10 } });
    expect(category.statusCode).toBe(422);
  });

  it('lists screenings within the caller’s organisation; the coordinator sees all', async () => {
    const own = await post('/api/spatial/screenings', bazhouUser, { projectName: '巴州区项目', category: 'tourism', site: { kind: 'point', lon: 106.9, lat: 31.95, radiusM: 100 } });
    expect(own.statusCode, own.body).toBe(201);
    const districtList = (await get('/api/spatial/screenings?pageSize=200', bazhouUser)).json();
    expect(districtList.items.map((s: { projectName: string }) => s.projectName)).toEqual(['巴州区项目']);
    expect(districtList.total).toBe(1);
    const all = (await get('/api/spatial/screenings?pageSize=200', coordinator)).json();
    expect(all.items.map((s: { token: string }) => s.token)).toEqual(expect.arrayContaining([own.json().token, first.token]));
    expect((await get('/api/spatial/screenings', leader)).statusCode).toBe(403);
  });

  it('opens the shareable link for a leader and keeps the layer versions it used after a new import', async () => {
    await layerVersion('nature_reserve', 2, [{ name: '测试保护区（调整后）', zone: 'general', wkt: envelope(106.75, 31.85, 106.77, 31.87) }]);
    const link = await get(`/api/spatial/screenings/${first.token}`, leader);
    expect(link.statusCode, link.body).toBe(200);
    const reserve = link.json().layers.find((l: { layer: string }) => l.layer === 'nature_reserve');
    expect(reserve.version).toBe(1);
    expect(reserve.hits[0].name).toBe('测试保护区');
    const again = await post('/api/spatial/screenings', coordinator, { projectName: '再次筛查', category: 'tourism', site: { kind: 'polygon', coordinates: ring(...SITE_A) } });
    const newReserve = again.json().layers.find((l: { layer: string }) => l.layer === 'nature_reserve');
    expect(newReserve.version).toBe(2);
    expect(newReserve.hits[0].name).toBe('测试保护区（调整后）');
    expect((await screeningByToken(t.db, first.token))!.layers.find((l) => l.layer === 'nature_reserve')!.version).toBe(1);
    expect((await get('/api/spatial/screenings/AAAAAAAAAAAAAAAAAAAAAAAA', leader)).statusCode).toBe(404);
  });

  it('saves edited rules as version 2; earlier screenings still name rule set 1', async () => {
    const current = (await get('/api/spatial/rules', leader)).json();
    expect(current.ruleSet.version).toBe(1);
    const bad = await put('/api/spatial/rules', coordinator, { note: '坏', rules: [{ layer: 'nature_reserve', zone: 'nowhere', category: 'nope', verdict: 'prohibited', basis: ' ', doc: null, clause: null }] });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(['rules.0.zone', 'rules.0.category', 'rules.0.basis', 'rules.0.clause']);
    const rules = current.items.map((r: Record<string, unknown>) => ({ layer: r.layer, zone: r.zone, category: r.category, featureFilter: r.featureFilter, withinM: r.withinM, verdict: r.verdict, basis: r.basis, doc: r.doc, clause: r.clause }));
    rules.push({ layer: 'nature_reserve', zone: 'general', category: 'tourism', verdict: 'special_study', basis: '测试新增规则', doc: null, clause: '测试条款' });
    const saved = await put('/api/spatial/rules', coordinator, { note: '增加一条', rules });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().ruleSet.version).toBe(2);
    expect(saved.json().items).toHaveLength(rules.length);
    expect((await put('/api/spatial/rules', bazhouUser, { note: null, rules: [] })).statusCode).toBe(403);
    const versions = (await get('/api/spatial/rules/versions', leader)).json();
    expect(versions.items.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const old = (await get(`/api/spatial/screenings/${first.token}`, leader)).json();
    expect(old.ruleSet.version).toBe(1);
    const fresh = await post('/api/spatial/screenings', coordinator, { projectName: '新规则', category: 'tourism', site: { kind: 'polygon', coordinates: ring(...SITE_A) } });
    expect(fresh.json().ruleSet.version).toBe(2);
    expect(fresh.json().rules.some((r: { basis: string }) => r.basis === '测试新增规则')).toBe(true);
    expect(fresh.json().verdict).toBe('conditional');
  });

  it('lists the categories', async () => {
    const categories = (await get('/api/spatial/categories', leader)).json();
    expect(categories.items.map((c: { code: string }) => c.code)).toContain('chemical');
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, userWithToken, type TestApp } from '../support/app.ts';
import { insertLayerVersion, insertTestLayers, square } from './features.fixture.ts';

// OGC API – Features at /ogc over a fixture of 自然保护地 and 河流 (see features.fixture.ts).
let t: TestApp;
let token: string;
let fixture: Awaited<ReturnType<typeof insertTestLayers>>;

const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
const EPSG_4490 = 'http://www.opengis.net/def/crs/EPSG/0/4490';

interface Link {
  href: string;
  rel: string;
  type: string;
}
interface Feature {
  type: 'Feature';
  id: number;
  geometry: { type: string; coordinates: number[][][] | number[][] };
  properties: Record<string, unknown>;
}
interface Items {
  type: 'FeatureCollection';
  features: Feature[];
  numberMatched: number;
  numberReturned: number;
  timeStamp: string;
  links: Link[];
}

beforeAll(async () => {
  t = await startTestApp({ QINGSHAN_DEMO: 'off' });
  fixture = await insertTestLayers(t.db);
  token = (await userWithToken(t.db, { username: 'ogc-reader', role: 'leader', organisation: 'bazhong' })).token;
});
afterAll(async () => {
  await t.close();
});

const get = (url: string, bearer: string | null = token) =>
  t.app.inject({ method: 'GET', url, headers: { host: 'gis.example.cn', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) } });

/** The path and query of an absolute link, to follow it through inject. */
const pathOf = (href: string) => {
  const url = new URL(href);
  expect(url.host).toBe('gis.example.cn');
  return url.pathname + url.search;
};

describe('OGC API – Features', () => {
  it('has a landing page linking to the API definition, conformance and the collections', async () => {
    const response = await get('/ogc');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toContain('application/json');
    const links = (response.json() as { links: Link[] }).links;
    const byRel = new Map(links.map((link) => [link.rel, link]));
    for (const rel of ['self', 'service-desc', 'conformance', 'data']) expect(byRel.has(rel), rel).toBe(true);
    // The API definition the landing page names exists and documents the OGC paths.
    const spec = await get(pathOf(byRel.get('service-desc')!.href));
    expect(spec.statusCode).toBe(200);
    expect(Object.keys((spec.json() as { paths: Record<string, unknown> }).paths)).toEqual(
      expect.arrayContaining(['/ogc/collections', '/ogc/collections/{collectionId}/items']),
    );
    const conformance = (await get(pathOf(byRel.get('conformance')!.href))).json() as { conformsTo: string[] };
    expect(conformance.conformsTo).toEqual(
      expect.arrayContaining([
        'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
        'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
        'http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs',
      ]),
    );
    expect((await get('/ogc/?f=json')).statusCode).toBe(200);
    expect((await get('/ogc?f=html')).statusCode).toBe(400);
  });

  it('lists a collection per layer with a current version, with its extent and CRSs', async () => {
    const body = (await get('/ogc/collections')).json() as {
      collections: { id: string; title: string; description: string; extent: { spatial: { bbox: number[][]; crs: string } }; crs: string[]; storageCrs: string; links: Link[] }[];
    };
    const ids = body.collections.map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining(['nature_reserve', 'river']));
    // Layers never imported are not collections.
    const imported = await t.db.selectFrom('map_layer_version').select('layer_code').distinct().execute();
    expect([...ids].sort()).toEqual(imported.map((row) => row.layer_code).sort());
    const reserves = body.collections.find((c) => c.id === 'nature_reserve')!;
    expect(reserves.title).toBe('自然保护地');
    expect(reserves.description).toContain('示例数据');
    // Extent of the current version only (the old one lies at 106.0–106.1).
    expect(reserves.extent.spatial.crs).toBe(CRS84);
    expect(reserves.extent.spatial.bbox[0]!.map((n) => Math.round(n * 10) / 10)).toEqual([106.8, 32.2, 107.6, 32.4]);
    expect(reserves.crs).toEqual(expect.arrayContaining([CRS84, EPSG_4490]));
    expect(reserves.storageCrs).toBe(EPSG_4490);
    const items = reserves.links.find((l) => l.rel === 'items')!;
    expect(items.type).toBe('application/geo+json');

    const one = await get('/ogc/collections/river');
    expect(one.statusCode).toBe(200);
    expect((one.json() as { id: string; title: string }).title).toBe('河流');
  });

  it('pages through the items by following next links to the end, every feature once', async () => {
    const many = await insertLayerVersion(
      t.db,
      'livestock_ban',
      Array.from({ length: 23 }, (_, i) => ({ name: `禁养区${i + 1}`, zone: null, wkt: square(106.5 + (i % 5) * 0.05, 31.6 + Math.floor(i / 5) * 0.05, 0.04) })),
    );
    const seen: number[] = [];
    let url: string | null = '/ogc/collections/livestock_ban/items?limit=5&f=json';
    let pages = 0;
    while (url) {
      const response = await get(url);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.headers['content-type']).toContain('application/geo+json');
      expect(response.headers['content-crs']).toBe(`<${CRS84}>`);
      const page = response.json() as Items;
      expect(page.numberMatched).toBe(23);
      expect(page.numberReturned).toBe(page.features.length);
      expect(Number.isNaN(Date.parse(page.timeStamp))).toBe(false);
      const self = page.links.find((l) => l.rel === 'self')!;
      expect(new URL(self.href).searchParams.get('f')).toBe('json');
      if (pages > 0) expect(page.links.some((l) => l.rel === 'prev')).toBe(true);
      seen.push(...page.features.map((f) => f.id));
      const next = page.links.find((l) => l.rel === 'next');
      if (next) {
        // Every query parameter of the request is kept.
        expect(new URL(next.href).searchParams.get('limit')).toBe('5');
        expect(new URL(next.href).searchParams.get('f')).toBe('json');
      }
      url = next ? pathOf(next.href) : null;
      pages++;
    }
    expect(pages).toBe(5);
    expect(seen).toEqual(many.ids);
    // A limit above the maximum is served at the maximum, not refused.
    const all = (await get('/ogc/collections/livestock_ban/items?limit=20000')).json() as Items;
    expect(all.numberReturned).toBe(23);
    expect(all.links.some((l) => l.rel === 'next')).toBe(false);
  });

  it('filters by bbox in CRS84 or, latitude first, in EPSG:4490', async () => {
    const lonFirst = (await get('/ogc/collections/nature_reserve/items?bbox=107.15,32.25,107.25,32.3')).json() as Items;
    expect(lonFirst.features.map((f) => f.properties.name)).toEqual(['光雾山自然保护区']);
    expect(lonFirst.numberMatched).toBe(1);
    const latFirst = (await get(`/ogc/collections/nature_reserve/items?bbox=32.25,107.15,32.3,107.25&bbox-crs=${encodeURIComponent(EPSG_4490)}`)).json() as Items;
    expect(latFirst.features.map((f) => f.properties.name)).toEqual(['光雾山自然保护区']);
    expect((await get('/ogc/collections/nature_reserve/items?bbox=1,2,3')).statusCode).toBe(400);
    expect((await get('/ogc/collections/nature_reserve/items?crs=http://www.opengis.net/def/crs/EPSG/0/3857')).statusCode).toBe(400);
  });

  it('gives features with the platform’s properties, and swaps axes for crs EPSG:4490', async () => {
    const plain = (await get('/ogc/collections/nature_reserve/items')).json() as Items;
    const first = plain.features[0]!;
    expect(first.id).toBe(fixture.reserves.ids[0]);
    expect(first.properties).toMatchObject({ name: '诺水河国家级自然保护区', zone: 'core', zoneName: '核心保护区', demo: true, 级别: '国家级' });
    const response = await get(`/ogc/collections/nature_reserve/items?crs=${encodeURIComponent(EPSG_4490)}`);
    expect(response.headers['content-crs']).toBe(`<${EPSG_4490}>`);
    const flipped = (response.json() as Items).features[0]!;
    const ring = (first.geometry.coordinates as number[][][])[0]!;
    const flippedRing = (flipped.geometry.coordinates as number[][][])[0]!;
    expect(flippedRing).toEqual(ring.map(([lon, lat]) => [lat, lon]));
    // Bazhong: longitude about 107, latitude about 32.
    expect(ring[0]![0]).toBeGreaterThan(100);
    expect(flippedRing[0]![0]).toBeLessThan(40);
  });

  it('gives one item, and 404 problems for what does not exist', async () => {
    const id = fixture.rivers.ids[1]!;
    const response = await get(`/ogc/collections/river/items/${id}`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toContain('application/geo+json');
    const feature = response.json() as Feature;
    expect(feature.id).toBe(id);
    expect(feature.geometry.type).toBe('LineString');
    expect(feature.properties).toMatchObject({ name: '通江河', basin: '嘉陵江', zone: null, demo: false });

    const absent = [
      '/ogc/collections/no_such_layer',
      '/ogc/collections/no_such_layer/items',
      `/ogc/collections/river/items/${fixture.reserves.ids[0]}`, // a feature of another collection
      `/ogc/collections/nature_reserve/items/${fixture.old.ids[0]}`, // a feature of an old version
      '/ogc/collections/river/items/abc',
      '/ogc/collections/river/items/999999999',
      '/ogc/collections/river/items/1/more',
      '/ogc/api',
    ];
    for (const url of absent) {
      const missing = await get(url);
      expect(missing.statusCode, url).toBe(404);
      expect(missing.headers['content-type'], url).toContain('application/problem+json');
    }
  });

  it('asks for a token without one, and refuses a role without spatial.read', async () => {
    const anonymous = await get('/ogc/collections', null);
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers['www-authenticate']).toContain('Bearer');
    expect(anonymous.headers['content-type']).toContain('application/problem+json');
    expect((await get('/ogc/collections/river/items', 'not-a-token')).statusCode).toBe(401);
    const enterprise = (await userWithToken(t.db, { username: 'ogc-enterprise', role: 'enterprise_user', organisation: null })).token;
    for (const url of ['/ogc', '/ogc/conformance', '/ogc/collections', '/ogc/collections/river/items']) {
      expect((await get(url, enterprise)).statusCode, url).toBe(403);
    }
  });
});

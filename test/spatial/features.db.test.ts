import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import MVT from 'ol/format/MVT.js';
import RenderFeature from 'ol/render/Feature.js';
import { vectorTile } from '../../src/spatial/features/store.ts';
import { startTestApp, userWithToken, type TestApp } from '../support/app.ts';
import { insertTestLayers } from './features.fixture.ts';

// The map's feature services against a fixture of 自然保护地 (three reserves side by side, plus an
// older version with one) and 河流 (two east–west lines), inserted as an import leaves them.
let t: TestApp;
let token: string;
let fixture: Awaited<ReturnType<typeof insertTestLayers>>;

interface Feature {
  type: 'Feature';
  id: number;
  geometry: { type: string; coordinates: unknown };
  properties: Record<string, unknown>;
}
interface Collection {
  type: 'FeatureCollection';
  features: Feature[];
  numberMatched: number;
  numberReturned: number;
}

beforeAll(async () => {
  t = await startTestApp({ QINGSHAN_DEMO: 'off' });
  fixture = await insertTestLayers(t.db);
  token = (await userWithToken(t.db, { username: 'map-reader', role: 'grid_inspector', organisation: 'bazhou' })).token;
});
afterAll(async () => {
  await t.close();
});

const get = (url: string, bearer: string | null = token) =>
  t.app.inject({ method: 'GET', url, headers: bearer ? { authorization: `Bearer ${bearer}` } : {} });

/** A tile's bytes as the ArrayBuffer OpenLayers' reader takes. */
function arrayBuffer(bytes: Uint8Array): ArrayBuffer {
  const copy = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(copy).set(bytes);
  return copy;
}

function flatCoordinates(value: unknown): number[] {
  return Array.isArray(value) ? value.flatMap(flatCoordinates) : [value as number];
}

describe('layer features as GeoJSON', () => {
  it('gives the current version with the platform’s properties over the file’s', async () => {
    const response = await get('/api/spatial/layers/nature_reserve/features');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toContain('application/geo+json');
    const body = response.json() as Collection;
    expect(body.type).toBe('FeatureCollection');
    expect(body.features.map((f) => f.id)).toEqual(fixture.reserves.ids);
    const core = body.features[0]!;
    expect(core.geometry.type).toBe('Polygon');
    expect(core.properties).toMatchObject({
      name: '诺水河国家级自然保护区',
      zone: 'core',
      zoneName: '核心保护区',
      layer: 'nature_reserve',
      versionId: fixture.reserves.versionId,
      demo: true,
      级别: '国家级',
    });
    // The file's own "zone" attribute does not hide the platform's zone code.
    expect(body.features[1]!.properties.zoneName).toBe('一般控制区');
    for (const n of flatCoordinates(core.geometry.coordinates)) {
      expect(typeof n).toBe('number');
      expect(String(n).split('.')[1]?.length ?? 0).toBeLessThanOrEqual(7);
    }
  });

  it('gives an older version on request and 404 for a version or layer that does not exist', async () => {
    const old = (await get(`/api/spatial/layers/nature_reserve/features?version=${fixture.old.version}`)).json() as Collection;
    expect(old.features.map((f) => f.properties.name)).toEqual(['旧版保护地']);
    expect(old.features[0]!.properties.demo).toBe(false);
    const missing = await get(`/api/spatial/layers/nature_reserve/features?version=${fixture.reserves.version + 1}`);
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect((await get('/api/spatial/layers/no_such_layer/features')).statusCode).toBe(404);
  });

  it('filters by bbox and pages with limit and offset', async () => {
    // Only the middle reserve (107.1–107.3) reaches into 107.15–107.25.
    const middle = (await get('/api/spatial/layers/nature_reserve/features?bbox=107.15,32.25,107.25,32.3')).json() as Collection;
    expect(middle.features.map((f) => f.properties.name)).toEqual(['光雾山自然保护区']);
    expect(middle.numberMatched).toBe(1);
    // A box between the reserves' boxes touches none.
    const none = (await get('/api/spatial/layers/nature_reserve/features?bbox=106.0,30.0,106.5,30.5')).json() as Collection;
    expect(none.features).toEqual([]);

    const pages: number[] = [];
    for (let offset = 0; offset < 3; offset += 2) {
      const page = (await get(`/api/spatial/layers/nature_reserve/features?limit=2&offset=${offset}`)).json() as Collection;
      expect(page.numberMatched).toBe(3);
      pages.push(...page.features.map((f) => f.id));
    }
    expect(pages).toEqual(fixture.reserves.ids);

    for (const bad of ['bbox=1,2,3', 'bbox=107.3,32,107.1,32.4', 'bbox=a,b,c,d', 'limit=10001', 'limit=0', 'offset=-1']) {
      const response = await get(`/api/spatial/layers/nature_reserve/features?${bad}`);
      expect(response.statusCode, bad).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('simplifies geometry for small scales', async () => {
    const full = (await get('/api/spatial/layers/river/features')).json() as Collection;
    const coarse = (await get('/api/spatial/layers/river/features?resolution=0.01')).json() as Collection;
    const bahe = (c: Collection) => c.features.find((f) => f.properties.name === '巴河')!.geometry.coordinates as number[][];
    // The straight river's middle vertex goes; its ends stay.
    expect(bahe(full)).toHaveLength(3);
    expect(bahe(coarse)).toEqual([bahe(full)[0], bahe(full)[2]]);
  });

  it('refuses a caller without a token or without spatial.read', async () => {
    expect((await get('/api/spatial/layers/nature_reserve/features', null)).statusCode).toBe(401);
    const enterprise = (await userWithToken(t.db, { username: 'map-enterprise', role: 'enterprise_user', organisation: null })).token;
    expect((await get('/api/spatial/layers/nature_reserve/features', enterprise)).statusCode).toBe(403);
    expect((await get('/api/spatial/identify?lon=106.9&lat=32.3', enterprise)).statusCode).toBe(403);
    expect((await get('/api/spatial/search?q=河', enterprise)).statusCode).toBe(403);
    expect((await get('/api/spatial/tiles/nature_reserve/0/0/0.mvt', enterprise)).statusCode).toBe(403);
  });
});

describe('identify', () => {
  interface Items {
    items: { id: number; layer: string; layerName: string; name: string; zone: string | null; zoneName: string | null; demo: boolean; distanceM: number }[];
  }

  it('finds the polygon containing the point and a line within the tolerance, not beyond', async () => {
    // 0.3 km south of 巴河 (latitude 32.0) and inside no reserve.
    const near = (await get('/api/spatial/identify?lon=106.9&lat=31.9973&toleranceM=500')).json() as Items;
    expect(near.items.map((i) => [i.layer, i.name])).toEqual([['river', '巴河']]);
    expect(near.items[0]!.distanceM).toBeGreaterThan(250);
    expect(near.items[0]!.distanceM).toBeLessThan(350);
    expect(near.items[0]!.layerName).toBe('河流');
    const far = (await get('/api/spatial/identify?lon=106.9&lat=31.9973&toleranceM=200')).json() as Items;
    expect(far.items).toEqual([]);

    const inside = (await get('/api/spatial/identify?lon=106.9&lat=32.3')).json() as Items;
    expect(inside.items).toEqual([
      expect.objectContaining({ id: fixture.reserves.ids[0], layer: 'nature_reserve', layerName: '自然保护地', name: '诺水河国家级自然保护区', zone: 'core', zoneName: '核心保护区', demo: true, distanceM: 0 }),
    ]);
    // The old version's reserve lies at 106.0–106.1, 31.0–31.1: not current, not found.
    expect(((await get('/api/spatial/identify?lon=106.05&lat=31.05')).json() as Items).items).toEqual([]);
  });

  it('keeps to the layers asked for and refuses unknown ones', async () => {
    const rivers = (await get('/api/spatial/identify?lon=106.9&lat=32.3&layers=river')).json() as Items;
    expect(rivers.items).toEqual([]);
    const unknown = await get('/api/spatial/identify?lon=106.9&lat=32.3&layers=river,nope');
    expect(unknown.statusCode).toBe(400);
    expect((await get('/api/spatial/identify?lon=200&lat=32.3')).statusCode).toBe(400);
  });
});

describe('search', () => {
  interface Items {
    items: { id: number; layer: string; name: string; zoneName: string | null; bbox: number[] }[];
  }

  it('finds names containing the text in current versions, with their boxes', async () => {
    const result = (await get(`/api/spatial/search?q=${encodeURIComponent('保护')}`)).json() as Items;
    expect(result.items.map((i) => i.name).sort()).toEqual(['光雾山自然保护区', '米仓山自然保护区', '诺水河国家级自然保护区']);
    const nuoshui = result.items.find((i) => i.name.startsWith('诺水河'))!;
    expect(nuoshui.bbox.map((n) => Math.round(n * 10) / 10)).toEqual([106.8, 32.2, 107, 32.4]);
    expect(nuoshui.zoneName).toBe('核心保护区');

    const river = (await get(`/api/spatial/search?q=${encodeURIComponent('巴河')}`)).json() as Items;
    expect(river.items.map((i) => [i.layer, i.name])).toEqual([['river', '巴河']]);
    // Wildcards in the text are taken literally.
    expect(((await get('/api/spatial/search?q=%25')).json() as Items).items).toEqual([]);
    const limited = (await get(`/api/spatial/search?q=${encodeURIComponent('保护')}&limit=2`)).json() as Items;
    expect(limited.items).toHaveLength(2);
    expect((await get('/api/spatial/search?q=')).statusCode).toBe(400);
  });
});

describe('vector tiles', () => {
  // Tile coordinates of a point at zoom z (XYZ scheme).
  function tileOf(lon: number, lat: number, z: number) {
    const n = 2 ** z;
    const x = Math.floor(((lon + 180) / 360) * n);
    const rad = (lat * Math.PI) / 180;
    const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * n);
    return { x, y };
  }

  it('encodes the current version’s features in a layer named after the code', async () => {
    const z = 8;
    const { x, y } = tileOf(107.1, 32.3, z);
    const response = await get(`/api/spatial/tiles/nature_reserve/${z}/${x}/${y}.mvt`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toContain('application/vnd.mapbox-vector-tile');
    expect(response.headers['cache-control']).toMatch(/max-age=\d+/);
    const format = new MVT({ layers: ['nature_reserve'] });
    const features = format.readFeatures(arrayBuffer(response.rawPayload), { extent: [0, 0, 4096, 4096] } as never);
    expect(features.map((f) => f.get('name')).sort()).toEqual(['光雾山自然保护区', '米仓山自然保护区', '诺水河国家级自然保护区']);
    const core = features.find((f) => f.get('name') === '诺水河国家级自然保护区')!;
    expect(core.get('zone')).toBe('core');
    expect(Number(core.get('id'))).toBe(fixture.reserves.ids[0]);
    expect(features.every((f) => f.get('layer') === 'nature_reserve')).toBe(true);
  });

  it('answers 204 for an empty tile and 400 for one outside the grid', async () => {
    const empty = await get('/api/spatial/tiles/nature_reserve/8/0/0.mvt');
    expect(empty.statusCode).toBe(204);
    expect(empty.rawPayload.length).toBe(0);
    for (const url of ['/api/spatial/tiles/nature_reserve/3/8/0.mvt', '/api/spatial/tiles/nature_reserve/3/0/8.mvt', '/api/spatial/tiles/nature_reserve/23/0/0.mvt']) {
      const response = await get(url);
      expect(response.statusCode, url).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
    expect((await get('/api/spatial/tiles/no_such_layer/0/0/0.mvt')).statusCode).toBe(404);
  });

  it('draws the same tiles with PostGIS’s ST_AsMVT and with the portable encoder', async () => {
    const read = (tile: Buffer, layer: string) =>
      (new MVT({ layers: [layer], featureClass: RenderFeature }).readFeatures(arrayBuffer(tile), { extent: [0, 0, 4096, 4096] } as never) as RenderFeature[])
        .map((f) => ({ id: Number(f.get('id')), name: f.get('name') as string, type: f.getType(), coordinates: f.getFlatCoordinates() }))
        .sort((a, b) => a.id - b.id);
    // Whole polygons inside one tile, and a river clipped by the edges of a smaller one.
    const cases = [
      { layerCode: 'nature_reserve', versionId: fixture.reserves.versionId, z: 8, ...tileOf(107.1, 32.3, 8) },
      { layerCode: 'river', versionId: fixture.rivers.versionId, z: 11, ...tileOf(106.9, 32.0, 11) },
    ];
    for (const spec of cases) {
      const portable = read(await vectorTile(t.db, spec, 'portable'), spec.layerCode);
      expect(portable.length, spec.layerCode).toBeGreaterThan(0);
      let postgis: Buffer;
      try {
        postgis = await vectorTile(t.db, spec, 'postgis');
      } catch (error) {
        // PGlite's PostGIS has no protobuf-c: only the portable encoder is there to compare.
        expect(String(error)).toMatch(/protobuf/);
        continue;
      }
      const reference = read(postgis, spec.layerCode);
      expect(portable.map(({ id, name, type }) => ({ id, name, type }))).toEqual(reference.map(({ id, name, type }) => ({ id, name, type })));
      for (const [index, feature] of portable.entries()) {
        const expected = reference[index]!.coordinates;
        const xs = (c: number[]) => [Math.min(...c.filter((_, i) => i % 2 === 0)), Math.max(...c.filter((_, i) => i % 2 === 0))];
        const ys = (c: number[]) => [Math.min(...c.filter((_, i) => i % 2 === 1)), Math.max(...c.filter((_, i) => i % 2 === 1))];
        // Same extent to within a tile unit (ST_AsMVTGeom may order or simplify vertices its own way).
        for (const [got, want] of [...xs(feature.coordinates).map((v, i) => [v, xs(expected)[i]!]), ...ys(feature.coordinates).map((v, i) => [v, ys(expected)[i]!])]) {
          expect(Math.abs(got! - want!), `${spec.layerCode} ${feature.name}`).toBeLessThanOrEqual(1);
        }
      }
    }
  });
});

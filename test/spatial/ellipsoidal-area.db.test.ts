import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openTestStore, type TestStore } from '../support/db.ts';

// m2_per_square_degree (migration 0013): a polygon's area in degrees times the ellipsoid's factor at its
// centroid's latitude, against PostGIS geography's area on the ellipsoid. The error grows with the square
// of the polygon's extent in latitude; the screening's goal is 0.1 %.
let store: TestStore;

beforeAll(async () => {
  store = await openTestStore();
});
afterAll(async () => {
  await store?.dispose();
});

async function areas(wkt: string): Promise<{ scaled: number; geography: number }> {
  const { rows } = await sql<{ scaled: number; geography: number }>`
    WITH g AS (SELECT ST_GeomFromText(${wkt}, 4490) AS g)
    SELECT ST_Area(g) * m2_per_square_degree(ST_Y(ST_Centroid(g))) AS scaled, ST_Area(g::geography) AS geography FROM g`.execute(store.storage.db);
  return { scaled: Number(rows[0]!.scaled), geography: Number(rows[0]!.geography) };
}

const circle = (lon: number, lat: number, radiusDeg: number, segments = 64) => {
  const ring = Array.from({ length: segments + 1 }, (_, i) => {
    const a = (2 * Math.PI * (i % segments)) / segments;
    return `${lon + radiusDeg * Math.cos(a)} ${lat + radiusDeg * Math.sin(a)}`;
  });
  return `POLYGON((${ring.join(',')}))`;
};

describe('m2_per_square_degree', () => {
  it.each([
    // [what, polygon, largest relative error allowed]
    ['a 2 km circle at 巴中', circle(106.75, 31.85, 0.01), 1e-7],
    ['a 20 km circle at 巴中', circle(106.75, 31.85, 0.1), 1e-5],
    ['a 200 km circle at 巴中', circle(106.75, 31.85, 1), 1e-3],
    ['a 2 km circle on the equator', circle(10, 0, 0.01), 1e-7],
    ['a 2 km circle at 60° N', circle(10, 60, 0.01), 1e-6],
    ['a sliver 1 m wide and 5 km long', 'POLYGON((106.7 31.8,106.75 31.8,106.75 31.80001,106.7 31.80001,106.7 31.8))', 1e-6],
  ])('gives %s the area of PostGIS geography', async (_what, wkt, tolerance) => {
    const { scaled, geography } = await areas(wkt);
    expect(geography).toBeGreaterThan(0);
    expect(Math.abs(scaled - geography) / geography).toBeLessThan(tolerance);
  });

  it('grows with latitude as the ellipsoid does, largest at the equator', async () => {
    const { rows } = await sql<{ lat: number; f: number }>`
      SELECT lat, m2_per_square_degree(lat) AS f FROM (VALUES (0::float8), (31.85), (60), (89.9)) v (lat) ORDER BY lat`.execute(store.storage.db);
    const factors = rows.map((r) => Number(r.f));
    expect(factors).toEqual([...factors].sort((a, b) => b - a));
    // At the equator a degree of longitude is 111.32 km and one of latitude 110.57 km on CGCS2000.
    expect(factors[0]! / 1e6).toBeCloseTo(111.3195 * 110.5743, 0);
  });
});

import { describe, expect, it } from 'vitest';
import { blob, blobInnerReachM, blobReachM, distanceM, meander, pointInPolygons, seededRandom, toEwkbHex, type LonLat } from '../../src/spatial/demo/shapes.ts';
import { sourceBaseName, waterSourcePlan } from '../../src/spatial/demo/plan.ts';

describe('demo shapes', () => {
  it('writes EWKB as PostGIS reads it', () => {
    // SELECT encode(ST_AsEWKB('SRID=4490;LINESTRING(1 2,3 4)'::geometry), 'hex')
    expect(toEwkbHex({ type: 'LineString', coordinates: [[1, 2], [3, 4]] }, 4490)).toBe(
      '01020000208a11000002000000000000000000f03f000000000000004000000000000008400000000000001040',
    );
  });

  it('draws the same blob from the same seed, within its stated reach', () => {
    const centre: LonLat = [106.8, 31.85];
    const options = { aspect: 1.4, rotation: 0.7, roughness: 0.2 };
    const a = blob(centre, 2000, seededRandom('a'), options);
    expect(blob(centre, 2000, seededRandom('a'), options)).toEqual(a);
    expect(blob(centre, 2000, seededRandom('b'), options)).not.toEqual(a);
    for (const point of a.coordinates[0]!) {
      const d = distanceM(centre, point);
      expect(d).toBeLessThanOrEqual(blobReachM(2000, options) * 1.001);
      expect(d).toBeGreaterThanOrEqual(blobInnerReachM(2000, options) * 0.999);
    }
    expect(pointInPolygons(centre, [a.coordinates])).toBe(true);
    expect(pointInPolygons([106.9, 31.85], [a.coordinates])).toBe(false);
  });

  it('keeps the points a river must pass through', () => {
    const through: LonLat[] = [[106.745, 31.9], [106.735, 31.855], [106.86, 31.8]];
    const line = meander(through, seededRandom('river'), { steps: 6 });
    for (const point of through) expect(line).toContainEqual(point);
    expect(line).toHaveLength(1 + 2 * 6);
  });

  it('names a source zone by the source', () => {
    expect(sourceBaseName('巴城大佛寺集中式饮用水水源地')).toBe('巴城大佛寺');
    expect(sourceBaseName('化成水库')).toBe('化成水库');
    const [first] = waterSourcePlan({ waterSources: [{ code: 'S', name: '化成水库', lon: 106.86, lat: 31.96, waterBody: 'lake' }], airStations: [] });
    expect(first!.features[0]!.name).toBe('化成水库饮用水水源一级保护区（示例）');
  });
});

import { describe, expect, it } from 'vitest';
import MVT from 'ol/format/MVT.js';
import RenderFeature from 'ol/render/Feature.js';
import { encodeTile, type TileFeature } from './mvt.ts';

// Encoded tiles read back by OpenLayers' decoder, the one the map page uses.
function decode(tile: Uint8Array, layer = 'test') {
  const copy = new ArrayBuffer(tile.byteLength);
  new Uint8Array(copy).set(tile);
  const format = new MVT({ layers: [layer], featureClass: RenderFeature });
  return format.readFeatures(copy, { extent: [0, 0, 4096, 4096] } as never) as RenderFeature[];
}

/** Pairs [x, y] of a decoded feature's coordinates, y turned back down (OpenLayers reads it upwards). */
function pairs(feature: RenderFeature): number[][] {
  const flat = feature.getFlatCoordinates();
  const out: number[][] = [];
  for (let i = 0; i < flat.length; i += 2) out.push([flat[i]!, 4096 - flat[i + 1]!]);
  return out;
}

describe('encodeTile', () => {
  it('encodes points, lines and polygons with their properties', () => {
    const features: TileFeature[] = [
      { id: 7, properties: { id: 7, name: '巴河', zone: null }, geometry: { type: 'LineString', coordinates: [[10, 10], [100, 10], [100, 10], [100, 200]] } },
      { id: 8, properties: { id: 8, name: '保护区', zone: 'core', share: 0.5, flag: true, below: -3 }, geometry: { type: 'Polygon', coordinates: [[[0, 0], [0, 50], [50, 50], [50, 0], [0, 0]]] } },
      { id: 9, properties: { id: 9, name: '站点', zone: null }, geometry: { type: 'MultiPoint', coordinates: [[1, 2], [3, 4]] } },
    ];
    const decoded = decode(encodeTile('test', features));
    expect(decoded.map((f) => f.getId())).toEqual([7, 8, 9]);
    expect(decoded.map((f) => f.getType())).toEqual(['LineString', 'Polygon', 'MultiPoint']);
    const [line, polygon, points] = decoded;
    expect(line!.getProperties()).toMatchObject({ id: 7, name: '巴河', layer: 'test' });
    expect(line!.get('zone')).toBeUndefined();
    // The repeated vertex is dropped.
    expect(pairs(line!)).toEqual([[10, 10], [100, 10], [100, 200]]);
    expect(polygon!.getProperties()).toMatchObject({ name: '保护区', zone: 'core', share: 0.5, flag: true, below: -3 });
    expect(pairs(points!)).toEqual([[1, 2], [3, 4]]);
  });

  it('orients rings as the specification asks whatever order they came in, keeping holes', () => {
    // Exterior counter-clockwise on screen (y down) and a hole clockwise: both the wrong way round.
    const square = [[0, 0], [0, 100], [100, 100], [100, 0], [0, 0]];
    const hole = [[20, 20], [80, 20], [80, 80], [20, 80], [20, 20]];
    const [polygon] = decode(
      encodeTile('test', [{ id: 1, properties: {}, geometry: { type: 'Polygon', coordinates: [[...square].reverse(), [...hole].reverse()] } }]),
    );
    expect(polygon!.getType()).toBe('Polygon');
    // OpenLayers splits rings by their winding: one polygon with two rings (exterior and hole).
    expect(polygon!.getEnds()).toHaveLength(2);
  });

  it('gives an empty tile when nothing is left to draw', () => {
    expect(encodeTile('test', [])).toHaveLength(0);
    const collapsed: TileFeature = { id: 1, properties: {}, geometry: { type: 'Polygon', coordinates: [[[5, 5], [5, 5], [5, 5], [5, 5]]] } };
    expect(encodeTile('test', [collapsed])).toHaveLength(0);
  });
});

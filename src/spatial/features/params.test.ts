import { describe, expect, it } from 'vitest';
import { containsPattern, layerList, parseBbox, tileInRange, tileSearchBox, zoneNameOf } from './params.ts';

describe('parseBbox', () => {
  it('reads four numbers lon/lat, or lat/lon first for EPSG axis order, and drops heights', () => {
    expect(parseBbox('106.5, 31.6,107.2,32.2')).toEqual({ ok: true, value: [106.5, 31.6, 107.2, 32.2] });
    expect(parseBbox('31.6,106.5,32.2,107.2', { latFirst: true })).toEqual({ ok: true, value: [106.5, 31.6, 107.2, 32.2] });
    expect(parseBbox('106.5,31.6,0,107.2,32.2,100')).toEqual({ ok: true, value: [106.5, 31.6, 107.2, 32.2] });
  });

  it('refuses wrong counts, non-numbers, inverted and out-of-range boxes', () => {
    for (const text of ['1,2,3', '1,2,3,4,5', 'a,2,3,4', '1,,3,4', '107,31,106,32', '106,33,107,32', '-181,0,0,1', '0,0,1,91']) {
      expect(parseBbox(text).ok, text).toBe(false);
    }
  });
});

describe('tiles', () => {
  it('accepts x and y within 0 … 2^z − 1 for z 0 … 22', () => {
    expect(tileInRange(0, 0, 0)).toBe(true);
    expect(tileInRange(0, 1, 0)).toBe(false);
    expect(tileInRange(3, 7, 7)).toBe(true);
    expect(tileInRange(3, 8, 0)).toBe(false);
    expect(tileInRange(22, 2 ** 22 - 1, 0)).toBe(true);
    expect(tileInRange(23, 0, 0)).toBe(false);
    expect(tileInRange(3, -1, 0)).toBe(false);
  });

  it('gives the lon/lat box of a tile, widened by a margin and clipped to the world', () => {
    const [minLon, minLat, maxLon, maxLat] = tileSearchBox(1, 1, 0);
    expect([minLon, maxLon]).toEqual([0, 180]);
    expect(minLat).toBeCloseTo(0, 9);
    expect(maxLat).toBeCloseTo(85.0511287798, 6);
    const inner = tileSearchBox(8, 204, 103);
    const outer = tileSearchBox(8, 204, 103, 0.25);
    // A quarter tile on each side: 1.5 tiles wide in longitude.
    expect(outer[2] - outer[0]).toBeCloseTo(1.5 * (inner[2] - inner[0]), 9);
    expect(outer[1]).toBeLessThan(inner[1]);
    expect(outer[3]).toBeGreaterThan(inner[3]);
    expect(tileSearchBox(0, 0, 0, 0.5)).toEqual([-180, expect.closeTo(-85.0511287798, 6), 180, expect.closeTo(85.0511287798, 6)]);
  });
});

describe('small helpers', () => {
  it('names a zone from the layer’s list', () => {
    const zones = [{ code: 'core', name: '核心保护区', nameEn: 'Core' }];
    expect(zoneNameOf(zones, 'core')).toBe('核心保护区');
    expect(zoneNameOf(zones, 'other')).toBeNull();
    expect(zoneNameOf(zones, null)).toBeNull();
  });

  it('makes LIKE patterns that take % _ and \\ literally', () => {
    expect(containsPattern('巴河')).toBe('%巴河%');
    expect(containsPattern('50%_a\\b')).toBe('%50\\%\\_a\\\\b%');
  });

  it('reads a comma list of layer codes', () => {
    expect(layerList(undefined)).toEqual([]);
    expect(layerList(' river, ,nature_reserve,river')).toEqual(['river', 'nature_reserve']);
  });
});

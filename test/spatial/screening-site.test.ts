import { describe, expect, it } from 'vitest';
import cases from '../../src/spatial/screening/site.cases.json' with { type: 'json' };
import { checkSite, selfIntersection, zoneSrid } from '../../src/spatial/screening/site.ts';

interface Expect {
  ok: boolean;
  kind?: string;
  srid?: number;
  field?: string;
  error?: string;
  warning?: string;
  points?: number;
  ringLength?: number;
  firstPosition?: [number, number];
}

describe('site input (site.cases.json)', () => {
  for (const c of cases.cases as { name: string; input: unknown; expect: Expect }[]) {
    it(c.name, () => {
      const result = checkSite(c.input);
      if (!c.expect.ok) {
        expect(result.ok, JSON.stringify(result)).toBe(false);
        if (result.ok) return;
        expect(result.field).toBe(c.expect.field);
        expect(result.error).toContain(c.expect.error);
        return;
      }
      expect(result.ok, JSON.stringify(result)).toBe(true);
      if (!result.ok) return;
      const shape = result.value;
      expect(shape.kind).toBe(c.expect.kind);
      if (c.expect.points !== undefined && shape.kind === 'line') expect(shape.coordinates).toHaveLength(c.expect.points);
      if (shape.kind === 'area') {
        if (c.expect.srid !== undefined) expect(shape.srid).toBe(c.expect.srid);
        const ring = shape.geometry.type === 'Polygon' ? shape.geometry.coordinates[0]! : shape.geometry.coordinates[0]![0]!;
        // Every ring comes back closed.
        expect(ring[0]).toEqual(ring[ring.length - 1]);
        if (c.expect.ringLength !== undefined) expect(ring).toHaveLength(c.expect.ringLength);
        if (c.expect.firstPosition) expect(ring[0]).toEqual(c.expect.firstPosition);
      }
      if (c.expect.warning) expect(result.warnings.join('')).toContain(c.expect.warning);
      else expect(result.warnings).toEqual([]);
    });
  }

  it('maps a Gauss-Krüger zone to its EPSG code with prefix', () => {
    expect(zoneSrid(25)).toBe(4513);
    expect(zoneSrid(36)).toBe(4524);
    expect(zoneSrid(45)).toBe(4533);
  });

  it('finds no crossing in a simple concave ring and one in a bow tie', () => {
    expect(selfIntersection([[0, 0], [4, 0], [4, 4], [2, 1], [0, 4]])).toBeNull();
    expect(selfIntersection([[0, 0], [4, 4], [4, 0], [0, 4]])).not.toBeNull();
  });
});

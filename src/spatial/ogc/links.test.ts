import { describe, expect, it } from 'vitest';
import { CRS84, EPSG_4326, EPSG_4490, latitudeFirst, pageLinks } from './links.ts';

describe('latitudeFirst', () => {
  it('is false for CRS84, true for the EPSG geographic CRSs, null for others', () => {
    expect(latitudeFirst(CRS84)).toBe(false);
    expect(latitudeFirst(EPSG_4490)).toBe(true);
    expect(latitudeFirst(EPSG_4326)).toBe(true);
    expect(latitudeFirst('http://www.opengis.net/def/crs/EPSG/0/3857')).toBeNull();
  });
});

describe('pageLinks', () => {
  const url = new URL('http://h/ogc/collections/river/items?bbox=1,2,3,4&limit=10&offset=10&crs=x');
  const rels = (links: { rel: string }[]) => links.map((l) => l.rel);

  it('links next and prev keeping every parameter', () => {
    const links = pageLinks(url, { offset: 10, limit: 10, returned: 10, matched: 35 });
    expect(rels(links)).toEqual(['self', 'next', 'prev']);
    const next = new URL(links[1]!.href);
    expect(Object.fromEntries(next.searchParams)).toEqual({ bbox: '1,2,3,4', limit: '10', offset: '20', crs: 'x' });
    expect(new URL(links[2]!.href).searchParams.get('offset')).toBe('0');
    expect(links[0]!.href).toBe(url.href);
  });

  it('has no next on the last page and no prev on the first', () => {
    expect(rels(pageLinks(url, { offset: 30, limit: 10, returned: 5, matched: 35 }))).toEqual(['self', 'prev']);
    const first = new URL('http://h/items?limit=10');
    const links = pageLinks(first, { offset: 0, limit: 10, returned: 10, matched: 11 });
    expect(rels(links)).toEqual(['self', 'next']);
    expect(new URL(links[1]!.href).searchParams.get('offset')).toBe('10');
    expect(rels(pageLinks(first, { offset: 50, limit: 10, returned: 0, matched: 11 }))).toEqual(['self', 'prev']);
  });
});

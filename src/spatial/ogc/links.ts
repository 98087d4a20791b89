/**
 * OGC API – Features vocabulary: conformance classes, the coordinate reference systems offered
 * (Part 2, by reference) and the paging links of an items answer. Pure.
 */

export const CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
  'http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs',
] as const;

export const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
export const EPSG_4490 = 'http://www.opengis.net/def/crs/EPSG/0/4490';
export const EPSG_4326 = 'http://www.opengis.net/def/crs/EPSG/0/4326';

/** Stored in CGCS2000; WGS84 is within centimetres of it, so its numbers are served unchanged. */
export const STORAGE_CRS = EPSG_4490;
export const SUPPORTED_CRS = [CRS84, EPSG_4490, EPSG_4326] as const;

/**
 * Whether coordinates in the CRS come latitude first: CRS84 is lon,lat; EPSG:4490 and EPSG:4326 are
 * lat,lon as EPSG defines their axes. Null for a CRS not offered.
 */
export function latitudeFirst(crs: string): boolean | null {
  if (crs === CRS84) return false;
  if (crs === EPSG_4490 || crs === EPSG_4326) return true;
  return null;
}

export interface Link {
  href: string;
  rel: string;
  type: string;
  title?: string;
}

export const GEOJSON_TYPE = 'application/geo+json';
export const JSON_TYPE = 'application/json';

/** The URL with `offset` set (other parameters kept, in their order). */
export function withOffset(url: URL, offset: number): string {
  const next = new URL(url.href);
  next.searchParams.set('offset', String(offset));
  return next.href;
}

/**
 * self, and next / prev where another page exists, each keeping every query parameter of the request
 * so that a client following them keeps its bbox, limit and crs.
 */
export function pageLinks(url: URL, page: { offset: number; limit: number; returned: number; matched: number }): Link[] {
  const links: Link[] = [{ href: url.href, rel: 'self', type: GEOJSON_TYPE, title: '本页 / this page' }];
  if (page.offset + page.returned < page.matched && page.returned > 0) {
    links.push({ href: withOffset(url, page.offset + page.returned), rel: 'next', type: GEOJSON_TYPE, title: '下一页 / next page' });
  }
  if (page.offset > 0) {
    links.push({ href: withOffset(url, Math.max(0, page.offset - page.limit)), rel: 'prev', type: GEOJSON_TYPE, title: '上一页 / previous page' });
  }
  return links;
}

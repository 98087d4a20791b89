// The coordinate systems a layer file may be in, as the import form offers them and as a report names
// them: CGCS2000 and WGS84 geographic, and the CGCS2000 3-degree Gauss-Krüger zones with the zone
// number prefixed (EPSG:4513–4533, zones 25–45) or without it (4534–4554, central meridians 75°E–135°E).
import type { TFunction } from 'i18next';

const PREFIXED_FIRST = 4513;
const FIRST_ZONE = 25;
const LAST_ZONE = 45;
const MERIDIAN_FIRST = 4534;
const FIRST_MERIDIAN = 75;
const LAST_MERIDIAN = 135;

/** The systems listed by name in the form (巴中 lies in zone 36 / central meridian 108°E). */
export const LISTED_SRIDS = [4490, 4326, 4524, 4545] as const;

export function zoneOf(srid: number): number | null {
  const zone = srid - PREFIXED_FIRST + FIRST_ZONE;
  return zone >= FIRST_ZONE && zone <= LAST_ZONE ? zone : null;
}

export function meridianOf(srid: number): number | null {
  const cm = FIRST_MERIDIAN + (srid - MERIDIAN_FIRST) * 3;
  return cm >= FIRST_MERIDIAN && cm <= LAST_MERIDIAN ? cm : null;
}

export function isKnownSrid(srid: number): boolean {
  return Number.isInteger(srid) && (srid === 4490 || srid === 4326 || zoneOf(srid) !== null || meridianOf(srid) !== null);
}

/** "EPSG:4524 CGCS2000 3度带 第36带（横坐标含带号）" and the like, in the current language. */
export function sridLabel(t: TFunction, srid: number): string {
  if (srid === 4490) return t('spatial.layers.crs.cgcs2000');
  if (srid === 4326) return t('spatial.layers.crs.wgs84');
  const zone = zoneOf(srid);
  if (zone !== null) return t('spatial.layers.crs.zone', { srid, zone });
  const meridian = meridianOf(srid);
  if (meridian !== null) return t('spatial.layers.crs.meridian', { srid, meridian });
  return `EPSG:${srid}`;
}

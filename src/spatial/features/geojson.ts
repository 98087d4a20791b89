/**
 * GeoJSON text of features read from PostGIS. The geometry arrives as text from ST_AsGeoJSON and is
 * put into the answer as it is: parsing and writing again a large layer's coordinates would cost the
 * server more than the query.
 */
import type { MapLayerZone } from '../../db/schema.ts';
import { zoneNameOf } from './params.ts';
import type { FeatureRow } from './store.ts';

/**
 * A feature's properties: its source attributes, then the platform's own fields, which win over an
 * attribute of the same name (a file's "zone" column holds 核心区 where the platform has core).
 */
export function featureProperties(
  row: Pick<FeatureRow, 'name' | 'zone' | 'properties'>,
  context: { zones: readonly MapLayerZone[]; demo: boolean },
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    ...row.properties,
    name: row.name,
    zone: row.zone,
    zoneName: zoneNameOf(context.zones, row.zone),
    demo: context.demo,
    ...extra,
  };
}

export function featureText(row: Pick<FeatureRow, 'id' | 'geometry'>, properties: Record<string, unknown>, members: Record<string, unknown> = {}): string {
  const more = Object.entries(members)
    .map(([key, value]) => `,${JSON.stringify(key)}:${JSON.stringify(value)}`)
    .join('');
  return `{"type":"Feature","id":${JSON.stringify(row.id)},"geometry":${row.geometry},"properties":${JSON.stringify(properties)}${more}}`;
}

/** A FeatureCollection of feature texts, with further top-level members (numberMatched, links …) after them. */
export function featureCollectionText(features: string[], members: Record<string, unknown> = {}): string {
  const more = Object.entries(members)
    .map(([key, value]) => `,${JSON.stringify(key)}:${JSON.stringify(value)}`)
    .join('');
  return `{"type":"FeatureCollection","features":[${features.join(',')}]${more}}`;
}

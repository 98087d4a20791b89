/**
 * A feature's name and zone from its attributes, by the layer's configuration: the first of
 * name_fields / zone_fields that holds a value wins, and a zone value is matched to one of the
 * layer's zones by code, name, English name or alias.
 */
import type { MapLayerZone } from '../../db/schema.ts';

const text = (value: unknown): string | null => {
  if (value === null || value === undefined) return null;
  const s = (typeof value === 'object' ? JSON.stringify(value) : String(value)).trim();
  return s === '' ? null : s;
};

/** The value of the first field present, looked up exactly and then regardless of ASCII case. */
export function firstField(properties: Record<string, unknown>, fields: readonly string[]): string | null {
  const keys = Object.keys(properties);
  for (const field of fields) {
    const exact = text(properties[field]);
    if (exact !== null) return exact;
    const key = keys.find((k) => k.toLowerCase() === field.toLowerCase());
    const loose = key === undefined ? null : text(properties[key]);
    if (loose !== null) return loose;
  }
  return null;
}

const folded = (s: string) => s.trim().toLowerCase().replace(/\s+/g, '');

/** The code of the zone a value names, or null. */
export function matchZone(value: string, zones: readonly MapLayerZone[]): string | null {
  const wanted = folded(value);
  const zone = zones.find((z) => [z.code, z.name, z.nameEn, ...(z.aliases ?? [])].some((spelling) => folded(spelling) === wanted));
  return zone?.code ?? null;
}

export interface FeatureFields {
  name: string | null;
  zone: string | null;
  /** The zone value found in the file when it matched none of the layer's zones. */
  unknownZone: string | null;
}

export function featureFields(
  properties: Record<string, unknown>,
  layer: { nameFields: readonly string[]; zoneFields: readonly string[]; zones: readonly MapLayerZone[] },
): FeatureFields {
  const name = firstField(properties, layer.nameFields);
  const raw = layer.zoneFields.length > 0 ? firstField(properties, layer.zoneFields) : null;
  if (raw === null) return { name, zone: null, unknownZone: null };
  const zone = matchZone(raw, layer.zones);
  return { name, zone, unknownZone: zone === null ? raw : null };
}

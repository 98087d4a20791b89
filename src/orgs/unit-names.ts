import { buildUnitResolver, normaliseUnitName, type NamedOrganisation } from './resolve.ts';

/** A phrase naming several units at once (各县（区）人民政府), and the organisations it stands for, if any. */
export interface Collective {
  text: string;
  aliases?: string[];
  resolvesTo?: string[];
}

/**
 * Resolves a unit name as a document writes it to the organisation keys it stands for: one for a
 * unit or alias, several (or none) for a collective phrase, undefined for a name nobody knows.
 */
export function buildUnitNameResolver(
  organisations: readonly NamedOrganisation[],
  collectives: readonly Collective[],
): (name: string) => string[] | undefined {
  const resolve = buildUnitResolver(organisations);
  const keys = new Set(organisations.map((o) => o.key));
  const collectiveIndex = new Map<string, string[]>();
  for (const c of collectives) {
    for (const text of [c.text, ...(c.aliases ?? [])]) collectiveIndex.set(normaliseUnitName(text), (c.resolvesTo ?? []).filter((k) => keys.has(k)));
  }
  return (name) => {
    const key = resolve(name);
    if (key) return [key];
    return collectiveIndex.get(normaliseUnitName(name));
  };
}

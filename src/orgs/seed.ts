import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { Db } from '../db/connect.ts';
import { SEEDS_DIR } from '../paths.ts';
import type { OrganisationSource } from '../db/schema.ts';
import { audited, SYSTEM_ACTOR } from '../audit/store.ts';
import { toOrganisation } from './store.ts';
import { setSetting, SETTING_KEYS } from '../settings/store.ts';


/** One city's organisations as its seed file writes them (seeds/<city>/organisations.json). */
export interface OrganisationSeed {
  city: string;
  /** Key of the coordinating body (市环委办): it accepts lists whose rule says so. */
  coordinator?: string;
  documents: Record<string, { file?: string; title: string; issued?: string }>;
  organisations: {
    key: string;
    name: string;
    fullName?: string;
    kind: 'city' | 'district' | 'unit';
    districtType?: string;
    unitType?: string;
    code?: string;
    codeOfficial?: boolean;
    parent: string | null;
    /** Key of the department a coordination body sits in. */
    host?: string;
    hostNote?: string;
    aliases?: string[];
    sources?: OrganisationSource[];
    note?: string;
  }[];
}

export function seedPath(city: string, file: string): string {
  return `${SEEDS_DIR}${city}/${file}`;
}

export function readOrganisationSeed(city: string): { seed: OrganisationSeed; checksum: string } {
  const path = seedPath(city, 'organisations.json');
  if (!existsSync(path)) throw new Error(`没有找到种子数据 ${path} / seed file missing`);
  const text = readFileSync(path, 'utf8');
  return { seed: JSON.parse(text) as OrganisationSeed, checksum: createHash('sha256').update(text).digest('hex') };
}

/** Parents before children, so each insert can refer to its parent's id. */
export function orderByParent<T extends { key: string; parent: string | null }>(items: readonly T[]): T[] {
  const byKey = new Map(items.map((item) => [item.key, item]));
  const ordered: T[] = [];
  const placed = new Set<string>();
  const visit = (item: T, path: Set<string>) => {
    if (placed.has(item.key)) return;
    if (path.has(item.key)) throw new Error(`种子数据的上级关系成环：${item.key}`);
    path.add(item.key);
    if (item.parent !== null) {
      const parent = byKey.get(item.parent);
      if (!parent) throw new Error(`种子数据中 ${item.key} 的上级 ${item.parent} 不存在`);
      visit(parent, path);
    }
    placed.add(item.key);
    ordered.push(item);
  };
  for (const item of items) visit(item, new Set());
  return ordered;
}

/**
 * Loads a city's documents and organisations once. A later start finds the seed_run row and loads
 * nothing, even if the file changed since (changes after the first start are the users' to make).
 */
export async function seedOrganisations(db: Db, city: string): Promise<{ loaded: number } | { skipped: true }> {
  const runName = `${city}:organisations`;
  const done = await db.selectFrom('seed_run').select('name').where('name', '=', runName).executeTakeFirst();
  if (done) return { skipped: true };
  const { seed, checksum } = readOrganisationSeed(city);
  const ordered = orderByParent(seed.organisations);
  return audited(db, SYSTEM_ACTOR, async (trx, audit) => {
    for (const [id, doc] of Object.entries(seed.documents)) {
      await trx
        .insertInto('source_document')
        .values({ id, title: doc.title, file: doc.file ?? null, issued: doc.issued ?? null })
        .onConflict((oc) => oc.column('id').doNothing())
        .execute();
    }
    const ids = new Map<string, number>();
    for (const org of ordered) {
      const row = await trx
        .insertInto('organisation')
        .values({
          key: org.key,
          name: org.name,
          full_name: org.fullName ?? null,
          kind: org.kind,
          district_type: org.districtType ?? null,
          unit_type: org.unitType ?? null,
          code: org.code ?? null,
          code_official: org.codeOfficial ?? false,
          parent_id: org.parent === null ? null : (ids.get(org.parent) ?? null),
          aliases: org.aliases ?? [],
          sources: JSON.stringify(org.sources ?? []),
          note: [org.note, org.hostNote].filter(Boolean).join('\n') || null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      ids.set(org.key, row.id);
      await audit({ action: 'create', entity: 'organisation', entityId: row.id, after: { ...toOrganisation(row), seed: runName } });
    }
    for (const org of ordered) {
      if (!org.host) continue;
      const hostId = ids.get(org.host);
      if (hostId === undefined) throw new Error(`种子数据中 ${org.key} 的所在部门 ${org.host} 不存在`);
      const id = ids.get(org.key)!;
      await trx.updateTable('organisation').set({ host_id: hostId }).where('id', '=', id).execute();
      await audit({ action: 'update', entity: 'organisation', entityId: id, before: { hostId: null }, after: { hostId, seed: runName } });
    }
    if (seed.coordinator) {
      const coordinatorId = ids.get(seed.coordinator);
      if (coordinatorId === undefined) throw new Error(`种子数据中的协调机构 ${seed.coordinator} 不存在`);
      await setSetting(trx, SETTING_KEYS.coordinatorOrganisation, coordinatorId);
    }
    await trx.insertInto('seed_run').values({ name: runName, checksum }).execute();
    return { loaded: ordered.length };
  });
}

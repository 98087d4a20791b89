/**
 * The one map's configuration for a city (seeds/<city>/spatial/): its layer kinds, the project
 * categories a screening chooses from, and the screening rules its documents state (rule set 1).
 * Loaded once per file, recorded in seed_run like every seed; later changes are the users' to make.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { Transaction } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { Database, MapLayerZone, RuleVerdict } from '../db/schema.ts';
import { seedPath } from '../orgs/seed.ts';

export const LAYERS_SEED_FILE = 'spatial/layers.json';
export const RULES_SEED_FILE = 'spatial/rules.json';

export interface LayerSeed {
  code: string;
  name: string;
  nameEn: string;
  geometryType: 'polygon' | 'line' | 'point';
  zones?: MapLayerZone[];
  nameFields?: string[];
  zoneFields?: string[];
  sensitive?: boolean;
  vectorTiles?: boolean;
  screened?: boolean;
  style?: Record<string, unknown>;
  sortOrder?: number;
  description?: string;
  doc?: string;
  clause?: string;
}

export interface CategorySeed {
  code: string;
  name: string;
  nameEn: string;
}

export interface RuleSeed {
  layer: string;
  zone: string | null;
  category: string | null;
  featureFilter?: Record<string, string> | null;
  withinM?: number | null;
  verdict: RuleVerdict;
  basis: string;
  doc: string | null;
  clause: string | null;
}

/** A rule set's rows, in one statement, in the order given (sort_order 10, 20, …). */
export async function insertRuleRows(trx: Transaction<Database>, ruleSetId: number, rules: readonly RuleSeed[]): Promise<void> {
  if (rules.length === 0) return;
  await trx
    .insertInto('screening_rule')
    .values(
      rules.map((rule, index) => ({
        rule_set_id: ruleSetId,
        layer_code: rule.layer,
        zone: rule.zone,
        category: rule.category,
        feature_filter: rule.featureFilter ? JSON.stringify(rule.featureFilter) : null,
        within_m: rule.withinM ?? null,
        verdict: rule.verdict,
        basis: rule.basis.trim(),
        doc: rule.doc,
        clause: rule.clause,
        sort_order: (index + 1) * 10,
      })),
    )
    .execute();
}

function readSeed<T>(city: string, file: string): { seed: T; checksum: string } | null {
  const path = seedPath(city, file);
  if (!existsSync(path)) return null;
  const text = readFileSync(path, 'utf8');
  return { seed: JSON.parse(text) as T, checksum: createHash('sha256').update(text).digest('hex') };
}

async function alreadyLoaded(db: Db, name: string): Promise<boolean> {
  return (await db.selectFrom('seed_run').select('name').where('name', '=', name).executeTakeFirst()) !== undefined;
}

/** Layer kinds and project categories, then the rules (which name both). */
export async function seedSpatial(db: Db, city: string): Promise<{ layers: number; categories: number; rules: number }> {
  const counts = { layers: 0, categories: 0, rules: 0 };
  const layersRun = `${city}:${LAYERS_SEED_FILE}`;
  const layers = readSeed<{ layers: LayerSeed[]; categories: CategorySeed[] }>(city, LAYERS_SEED_FILE);
  if (layers && !(await alreadyLoaded(db, layersRun))) {
    await db.transaction().execute(async (trx) => {
      for (const layer of layers.seed.layers) {
        const { numInsertedOrUpdatedRows } = await trx
          .insertInto('map_layer')
          .values({
            code: layer.code,
            name: layer.name,
            name_en: layer.nameEn,
            geometry_type: layer.geometryType,
            zones: JSON.stringify(layer.zones ?? []),
            ...(layer.nameFields ? { name_fields: layer.nameFields } : {}),
            zone_fields: layer.zoneFields ?? [],
            sensitive: layer.sensitive ?? false,
            vector_tiles: layer.vectorTiles ?? false,
            screened: layer.screened ?? true,
            style: JSON.stringify(layer.style ?? {}),
            sort_order: layer.sortOrder ?? 0,
            description: layer.description ?? null,
            doc: layer.doc ?? null,
            clause: layer.clause ?? null,
          })
          .onConflict((oc) => oc.column('code').doNothing())
          .executeTakeFirst();
        counts.layers += Number(numInsertedOrUpdatedRows ?? 0);
      }
      for (const [index, category] of layers.seed.categories.entries()) {
        const { numInsertedOrUpdatedRows } = await trx
          .insertInto('project_category')
          .values({ code: category.code, name: category.name, name_en: category.nameEn, sort_order: (index + 1) * 10 })
          .onConflict((oc) => oc.column('code').doNothing())
          .executeTakeFirst();
        counts.categories += Number(numInsertedOrUpdatedRows ?? 0);
      }
      await trx.insertInto('seed_run').values({ name: layersRun, checksum: layers.checksum }).execute();
    });
  }

  const rulesRun = `${city}:${RULES_SEED_FILE}`;
  const rules = readSeed<{ rules: RuleSeed[] }>(city, RULES_SEED_FILE);
  if (rules && !(await alreadyLoaded(db, rulesRun))) {
    await db.transaction().execute(async (trx) => {
      // Rules edited before this seed arrived stay current: the seed becomes rule set 1 only on an empty table.
      const existing = await trx.selectFrom('screening_rule_set').select('id').limit(1).executeTakeFirst();
      if (!existing) {
        const set = await trx
          .insertInto('screening_rule_set')
          .values({ version: 1, note: `${city} 文件所载规则（${RULES_SEED_FILE}）` })
          .returning('id')
          .executeTakeFirstOrThrow();
        await insertRuleRows(trx, set.id, rules.seed.rules);
        counts.rules += rules.seed.rules.length;
      }
      await trx.insertInto('seed_run').values({ name: rulesRun, checksum: rules.checksum }).execute();
    });
  }
  return counts;
}

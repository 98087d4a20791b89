import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { seedSpatial } from '../../src/spatial/seed.ts';
import { openTestStore, type TestStore } from '../support/db.ts';

// The one map's configuration is in the test template as on a first start: layer kinds with their
// zones, project categories, and rule set 1 whose every rule names its document and clause.
let store: TestStore;
beforeAll(async () => {
  store = await openTestStore();
});
afterAll(async () => {
  await store.dispose();
});

describe('spatial seed', () => {
  it('loads the layer kinds, categories and the documents’ rules once', async () => {
    const db = store.storage.db;
    const layers = await db.selectFrom('map_layer').select(['code', 'zones', 'geometry_type']).orderBy('sort_order').execute();
    expect(layers.map((l) => l.code)).toContain('nature_reserve');
    expect(layers.find((l) => l.code === 'water_source')!.zones.map((z) => z.name)).toEqual(['一级保护区', '二级保护区', '准保护区']);
    expect(layers.find((l) => l.code === 'river')!.geometry_type).toBe('line');
    const sets = await db.selectFrom('screening_rule_set').select(['id', 'version']).execute();
    expect(sets.map((s) => s.version)).toEqual([1]);
    const rules = await db.selectFrom('screening_rule').selectAll().execute();
    expect(rules.length).toBeGreaterThan(0);
    // Each rule names where it comes from: a city document's clause, or (doc null) the law's article.
    for (const rule of rules) {
      if (rule.doc !== null) expect(rule.doc).toMatch(/^00[0-4]$/);
      expect(rule.clause).toBeTruthy();
    }
    expect(rules.some((r) => r.doc === '004' && r.layer_code === 'river' && r.category === 'chemical' && Number(r.within_m) === 1000)).toBe(true);
    // A second start loads nothing twice.
    expect(await seedSpatial(db, 'bazhong')).toEqual({ layers: 0, categories: 0, rules: 0 });
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM screening_rule`.execute(db);
    expect(rows[0]!.n).toBe(rules.length);
  });

  it('refuses an invalid geometry at the table', async () => {
    const db = store.storage.db;
    const version = await db
      .insertInto('map_layer_version')
      .values({ layer_code: 'nature_reserve', version: 1, source_name: 't', source_format: 'geojson', source_srid: 4490, feature_count: 0 })
      .returning('id')
      .executeTakeFirstOrThrow();
    // A bow-tie polygon: self-intersecting, so not valid.
    await expect(
      sql`INSERT INTO map_feature (layer_version_id, source_index, geom) VALUES (${version.id}, 0, ST_GeomFromText('POLYGON((106 31, 107 32, 107 31, 106 32, 106 31))', 4490))`.execute(db),
    ).rejects.toThrow();
  });
});

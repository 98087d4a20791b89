import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import pg from 'pg';
import { openStorage } from '../../src/db/connect.ts';
import { listMigrations, migrate } from '../../src/db/migrate.ts';
import { seedOrganisations, seedPath } from '../../src/orgs/seed.ts';
import { seedIndicators } from '../../src/targets/seed.ts';
import { seedTaskLists } from '../../src/tasks/seed.ts';
import { MONITORING_SEED_FILE, seedMonitoringSites } from '../../src/monitoring/registry/seed.ts';
import { LAYERS_SEED_FILE, RULES_SEED_FILE, seedSpatial } from '../../src/spatial/seed.ts';
import { readdirSync } from 'node:fs';
import { testDatabaseKind, PG_ADMIN_URL, PG_TEMPLATE, PGLITE_TEMPLATE } from './db-config.ts';

/** Fingerprint of what a template holds; a changed migration or seed rebuilds it. */
function templateFingerprint(): string {
  const hash = createHash('sha256');
  for (const migration of listMigrations()) hash.update(migration.name).update(migration.script);
  hash.update(readFileSync(seedPath('bazhong', 'organisations.json')));
  for (const file of readdirSync(seedPath('bazhong', 'tasks')).sort()) hash.update(file).update(readFileSync(seedPath('bazhong', `tasks/${file}`)));
  hash.update(readFileSync(seedPath('bazhong', 'indicators.json')));
  hash.update(readFileSync(seedPath('bazhong', MONITORING_SEED_FILE)));
  hash.update(readFileSync(seedPath('bazhong', LAYERS_SEED_FILE))).update(readFileSync(seedPath('bazhong', RULES_SEED_FILE)));
  return hash.digest('hex');
}

async function preparePgliteTemplate(fingerprint: string): Promise<void> {
  const stamp = `${PGLITE_TEMPLATE}.fingerprint`;
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === fingerprint && existsSync(PGLITE_TEMPLATE)) return;
  rmSync(PGLITE_TEMPLATE, { recursive: true, force: true });
  mkdirSync(resolve(PGLITE_TEMPLATE, '..'), { recursive: true });
  const building = `${PGLITE_TEMPLATE}.building`;
  rmSync(building, { recursive: true, force: true });
  const storage = await openStorage({ kind: 'pglite', dataDir: building });
  await migrate(storage);
  await seedOrganisations(storage.db, 'bazhong');
  await seedTaskLists(storage.db, 'bazhong');
  await seedIndicators(storage.db, 'bazhong');
  await seedMonitoringSites(storage.db, 'bazhong');
  await seedSpatial(storage.db, 'bazhong');
  await storage.close();
  cpSync(building, PGLITE_TEMPLATE, { recursive: true });
  rmSync(building, { recursive: true, force: true });
  writeFileSync(stamp, fingerprint);
}

async function preparePostgresTemplate(fingerprint: string): Promise<void> {
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    const { rows } = await admin.query(`SELECT shobj_description(oid, 'pg_database') AS note FROM pg_database WHERE datname = $1`, [PG_TEMPLATE]);
    if (rows[0]?.note === fingerprint) return;
    await admin.query(`DROP DATABASE IF EXISTS ${PG_TEMPLATE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${PG_TEMPLATE}`);
    const url = new URL(PG_ADMIN_URL);
    url.pathname = `/${PG_TEMPLATE}`;
    const storage = await openStorage({ kind: 'postgres', url: url.toString() });
    await migrate(storage);
    await seedOrganisations(storage.db, 'bazhong');
    await seedTaskLists(storage.db, 'bazhong');
    await seedIndicators(storage.db, 'bazhong');
    await seedMonitoringSites(storage.db, 'bazhong');
    await seedSpatial(storage.db, 'bazhong');
    await storage.close();
    await admin.query(`COMMENT ON DATABASE ${PG_TEMPLATE} IS '${fingerprint}'`);
  } finally {
    await admin.end();
  }
}

export default async function setup(): Promise<void> {
  const fingerprint = templateFingerprint();
  if (testDatabaseKind() === 'postgres') await preparePostgresTemplate(fingerprint);
  else await preparePgliteTemplate(fingerprint);
}

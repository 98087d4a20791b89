import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { Db } from '../../db/connect.ts';
import { SYSTEM_ACTOR } from '../../audit/store.ts';
import { seedPath } from '../../orgs/seed.ts';
import { importSites } from './service.ts';
import { KIND_PATHS, SITE_KINDS, type SiteInput } from './site.ts';

/** seeds/<city>/monitoring.json: the sites the city's documents name, by collection. */
export type MonitoringSeed = Record<(typeof KIND_PATHS)[keyof typeof KIND_PATHS], SiteInput[]>;

export const MONITORING_SEED_FILE = 'monitoring.json';

export function readMonitoringSeed(city: string): { seed: MonitoringSeed; checksum: string } | null {
  const file = seedPath(city, MONITORING_SEED_FILE);
  if (!existsSync(file)) return null;
  const text = readFileSync(file, 'utf8');
  return { seed: JSON.parse(text) as MonitoringSeed, checksum: createHash('sha256').update(text).digest('hex') };
}

/**
 * Loads a city's monitoring registry once, through the same import users use, all kinds in one go
 * (the last kind's transaction records the run). Later changes are the users' to make.
 */
export async function seedMonitoringSites(db: Db, city: string): Promise<{ sites: number }> {
  const runName = `${city}:${MONITORING_SEED_FILE}`;
  const done = await db.selectFrom('seed_run').select('name').where('name', '=', runName).executeTakeFirst();
  if (done) return { sites: 0 };
  const read = readMonitoringSeed(city);
  if (!read) return { sites: 0 };
  let sites = 0;
  for (const [index, kind] of SITE_KINDS.entries()) {
    const entries = read.seed[KIND_PATHS[kind]] ?? [];
    const last = index === SITE_KINDS.length - 1;
    const result = await importSites(
      db,
      SYSTEM_ACTOR,
      kind,
      entries.map((site, n) => ({ where: `${MONITORING_SEED_FILE} ${KIND_PATHS[kind]}[${n}]`, site, problems: [] })),
      last ? { alsoInTransaction: async (trx) => void (await trx.insertInto('seed_run').values({ name: runName, checksum: read.checksum }).execute()) } : {},
    );
    sites += result.created;
  }
  return { sites };
}

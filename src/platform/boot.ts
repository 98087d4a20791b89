import type { Config } from '../config/index.ts';
import { openStorage, type Storage } from '../db/connect.ts';
import { migrate } from '../db/migrate.ts';
import { SYSTEM_ACTOR } from '../audit/store.ts';
import { seedOrganisations } from '../orgs/seed.ts';
import { seedIndicators } from '../targets/seed.ts';
import { seedMonitoringSites } from '../monitoring/registry/seed.ts';
import { seedTaskLists } from '../tasks/seed.ts';
import { seedSpatial } from '../spatial/seed.ts';
import { ensureAdministrator } from '../users/service.ts';

export interface Prepared {
  storage: Storage;
  migrations: string[];
  seeded: number;
  administrator: { username: string; password: string } | null;
}

/** Opens the store and brings it to a usable state: schema current, city seeded, an administrator present. */
export async function prepareStorage(config: Config): Promise<Prepared> {
  const storage = await openStorage(config.storage);
  try {
    const migrations = await migrate(storage);
    const seed = await seedOrganisations(storage.db, config.seed);
    await seedTaskLists(storage.db, config.seed);
    await seedIndicators(storage.db, config.seed);
    await seedMonitoringSites(storage.db, config.seed);
    await seedSpatial(storage.db, config.seed);
    const administrator = await ensureAdministrator(storage.db, SYSTEM_ACTOR);
    return { storage, migrations, seeded: 'loaded' in seed ? seed.loaded : 0, administrator };
  } catch (error) {
    await storage.close().catch(() => undefined);
    throw error;
  }
}

import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import type { Db } from '../db/connect.ts';
import { SYSTEM_ACTOR } from '../audit/store.ts';
import { seedPath } from '../orgs/seed.ts';
import { readCollectives } from '../tasks/seed.ts';
import { importIndicators } from './import.ts';

/** Imports a city's indicators once, through the same import users use. */
export async function seedIndicators(db: Db, city: string): Promise<{ indicators: number; targets: number }> {
  const file = seedPath(city, 'indicators.json');
  if (!existsSync(file)) return { indicators: 0, targets: 0 };
  const runName = `${city}:indicators.json`;
  const done = await db.selectFrom('seed_run').select('name').where('name', '=', runName).executeTakeFirst();
  if (done) return { indicators: 0, targets: 0 };
  const text = readFileSync(file, 'utf8');
  const checksum = createHash('sha256').update(text).digest('hex');
  return importIndicators(db, SYSTEM_ACTOR, JSON.parse(text), {
    collectives: readCollectives(city),
    alsoInTransaction: async (trx) => {
      await trx.insertInto('seed_run').values({ name: runName, checksum }).execute();
    },
  });
}

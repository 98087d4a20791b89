import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { Db } from '../db/connect.ts';
import { SYSTEM_ACTOR } from '../audit/store.ts';
import { seedPath } from '../orgs/seed.ts';
import { importTaskList } from './import.ts';
import type { TaskListInput } from './list-format.ts';
import type { Collective } from './plan.ts';

/** The collective phrases of a city's documents, from its organisation seed. */
export function readCollectives(city: string): Collective[] {
  const text = readFileSync(seedPath(city, 'organisations.json'), 'utf8');
  return (JSON.parse(text) as { collectives?: Collective[] }).collectives ?? [];
}

/** Imports each of a city's task lists once, through the same import users use. */
export async function seedTaskLists(db: Db, city: string): Promise<{ lists: number; items: number }> {
  const dir = seedPath(city, 'tasks');
  if (!existsSync(dir)) return { lists: 0, items: 0 };
  const collectives = readCollectives(city);
  let lists = 0;
  let items = 0;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
    const runName = `${city}:tasks/${file}`;
    const done = await db.selectFrom('seed_run').select('name').where('name', '=', runName).executeTakeFirst();
    if (done) continue;
    const text = readFileSync(`${dir}/${file}`, 'utf8');
    const checksum = createHash('sha256').update(text).digest('hex');
    const result = await importTaskList(db, SYSTEM_ACTOR, JSON.parse(text) as TaskListInput, {
      collectives,
      alsoInTransaction: async (trx) => {
        await trx.insertInto('seed_run').values({ name: runName, checksum }).execute();
      },
    });
    lists += 1;
    items += result.items;
  }
  return { lists, items };
}

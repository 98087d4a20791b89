import type { Db } from '../db/connect.ts';

/** The city's organisation (kind 'city'): the scope of a city-wide value. */
export async function cityScopeId(db: Db): Promise<number> {
  const city = await db.selectFrom('organisation').select('id').where('kind', '=', 'city').orderBy('id').executeTakeFirstOrThrow();
  return city.id;
}

import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { monthOfHourEnding } from './time.ts';

const PARENT = 'monitoring_air_hourly';

const pad = (n: number) => String(n).padStart(2, '0');

export function partitionName(year: number, month: number): string {
  return `${PARENT}_${year}_${pad(month)}`;
}

/**
 * A month's partition holds the hours that START in that month (CST): from 01:00 on the 1st to
 * 00:00 on the 1st of the next month inclusive, as [01:00 on the 1st, 01:00 on the next 1st).
 */
function bounds(year: number, month: number): { from: string; to: string } {
  const next = month === 12 ? { year: year + 1, month: 1 } : { year, month: month + 1 };
  return { from: `${year}-${pad(month)}-01 01:00:00+08`, to: `${next.year}-${pad(next.month)}-01 01:00:00+08` };
}

export async function airPartitions(db: Db): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = ${PARENT}::regclass ORDER BY 1`.execute(db);
  return rows.map((r) => r.name);
}

/**
 * Creates the month partitions the given end-of-hour times need and do not have yet. Run before the
 * import's transaction, on its own: a partition is structure, not data, so one left by an import
 * that is then refused is harmless, and creating it outside keeps the parent's lock short. Two
 * imports racing for the same month both succeed (IF NOT EXISTS, and a lost race is ignored).
 */
export async function ensureAirPartitions(db: Db, times: Iterable<number>): Promise<string[]> {
  const wanted = new Map<string, { year: number; month: number }>();
  for (const ms of times) {
    const m = monthOfHourEnding(ms);
    wanted.set(partitionName(m.year, m.month), m);
  }
  if (wanted.size === 0) return [];
  const present = new Set(await airPartitions(db));
  const created: string[] = [];
  for (const [name, { year, month }] of wanted) {
    if (present.has(name)) continue;
    const { from, to } = bounds(year, month);
    try {
      // Names and bounds are built from integers only.
      await sql.raw(`CREATE TABLE IF NOT EXISTS ${name} PARTITION OF ${PARENT} FOR VALUES FROM ('${from}') TO ('${to}')`).execute(db);
    } catch (error) {
      if ((error as { code?: string }).code !== '42P07') throw error;
    }
    created.push(name);
  }
  return created;
}

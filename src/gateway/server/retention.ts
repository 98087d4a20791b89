/**
 * How long real-time readings (2011) are kept. A device uploads every 30 s or so, each packet a row per
 * factor: 10 factors make ~29,000 rows a device a day. Minute, hour and day readings are the record and
 * stay; real-time values older than the retention are deleted, in batches so that no one statement holds
 * locks on hundreds of thousands of rows while devices keep writing.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';

export const REALTIME_RETENTION_DAYS = 30;
const BATCH_ROWS = 5_000;
const DAY_MS = 86_400_000;

/** Deletes 2011 readings whose DataTime is more than `days` days before `now`; returns how many. */
export async function pruneRealtime(db: Db, days: number, now = Date.now(), batchRows = BATCH_ROWS): Promise<number> {
  if (!(days > 0)) throw new Error(`实时数据保留天数须为正数 / retention days must be positive: ${days}`);
  const before = new Date(now - days * DAY_MS);
  let deleted = 0;
  for (;;) {
    // The (cn, data_time) index finds a batch; the primary key deletes exactly that batch.
    const { rows } = await sql<{ count: number }>`
      WITH gone AS (
        DELETE FROM gateway_reading
        WHERE (device_id, cn, data_time, factor_code) IN (
          SELECT device_id, cn, data_time, factor_code FROM gateway_reading
          WHERE cn = '2011' AND data_time < ${before}
          LIMIT ${batchRows})
        RETURNING 1)
      SELECT count(*)::int AS count FROM gone`.execute(db);
    const count = rows[0]?.count ?? 0;
    deleted += count;
    if (count < batchRows) return deleted;
  }
}

/** Prunes once on start and then hourly while the gateway runs; one run at a time, awaited on stop. */
export class RealtimePruner {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly days: number,
    private readonly log: { info(message: string, fields?: Record<string, unknown>): void; error(message: string, fields?: Record<string, unknown>): void },
    private readonly intervalMs = 3600_000,
  ) {}

  start(): void {
    if (this.timer) return;
    this.run();
    this.timer = setInterval(() => this.run(), this.intervalMs);
    // Never what keeps a process alive.
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  private run(): void {
    this.running = this.running.then(async () => {
      try {
        const deleted = await pruneRealtime(this.db, this.days);
        if (deleted > 0) this.log.info('已删除过期实时数据 / old real-time readings deleted', { deleted, days: this.days });
      } catch (error) {
        this.log.error('删除过期实时数据失败 / pruning real-time readings failed', { error: (error as Error).message });
      }
    });
  }
}

import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';

/** Settings a city configures; the defaults live beside the code that uses them. */
export const SETTING_KEYS = {
  coordinatorOrganisation: 'coordinator_organisation',
  taskColourThresholds: 'task_colour_thresholds',
  recheckIntervalsDays: 'recheck_intervals_days',
  monitoringSilentHours: 'monitoring_silent_hours',
  monitoringAlertScanMinutes: 'monitoring_alert_scan_minutes',
} as const;

export async function getSetting<T>(db: Db, key: string, fallback: T): Promise<T> {
  const row = await db.selectFrom('setting').select('value').where('key', '=', key).executeTakeFirst();
  return row ? (row.value as T) : fallback;
}

export async function setSetting(db: Db, key: string, value: unknown): Promise<void> {
  await sql`INSERT INTO setting (key, value) VALUES (${key}, ${JSON.stringify(value)}::jsonb)
    ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = now()`.execute(db);
}

/**
 * The server's periodic alert scan. The interval is a setting (monitoring_alert_scan_minutes, read
 * before each wait, so a change takes effect without a restart; 0 pauses the scans). The first scan
 * comes one interval after the server starts listening: a start (and the seeding or demo load it
 * may run) is not slowed, and a test's short-lived server is left alone unless it asks for a scan
 * (POST /api/monitoring/alerts/scan).
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Db } from '../../db/connect.ts';
import { getSetting, SETTING_KEYS } from '../../settings/store.ts';
import { scanAlerts } from './service.ts';

export const DEFAULT_SCAN_MINUTES = 10;
/** While scans are paused, how often the setting is looked at again. */
const PAUSED_RECHECK_MINUTES = 10;
const MINUTE_MS = 60_000;

export interface ScanScheduler {
  stop(): Promise<void>;
}

export function startAlertScans(db: Db, log: FastifyBaseLogger): ScanScheduler {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;

  const schedule = async () => {
    const minutes = await getSetting<number>(db, SETTING_KEYS.monitoringAlertScanMinutes, DEFAULT_SCAN_MINUTES).catch(() => DEFAULT_SCAN_MINUTES);
    if (stopped) return;
    const paused = minutes <= 0;
    timer = setTimeout(() => {
      running = (paused ? Promise.resolve() : scanOnce()).finally(() => void (stopped || schedule()));
    }, (paused ? PAUSED_RECHECK_MINUTES : minutes) * MINUTE_MS);
    timer.unref();
  };

  const scanOnce = async () => {
    try {
      const result = await scanAlerts(db);
      if (result.opened > 0 || result.closed > 0) log.info({ alerts: result }, 'monitoring alerts scanned');
    } catch (error) {
      log.error({ err: error }, 'monitoring alert scan failed');
    }
  };

  void schedule();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}

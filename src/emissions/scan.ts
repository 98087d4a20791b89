/**
 * 超标扫描: judges an outlet's new readings against its limits and writes the exceedance events that
 * open, grow or close, in one transaction; opening and closing are audited (growing is the same event,
 * seen again, as with monitoring alerts). The gateway calls the scanner when it has stored an outlet's
 * minute, hour or day data; a scan resumes where the limit's latest event ends, so running it twice
 * changes nothing.
 */
import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import { audited, SYSTEM_ACTOR, type Actor } from '../audit/store.ts';
import { judgePeriods, type ExceedanceState, type Period } from './exceedance.ts';
import {
  CN_OF_RESOLUTION,
  insertExceedance,
  lastEventEnd,
  limitsOf,
  openExceedanceOf,
  periodReadings,
  updateExceedance,
  type Resolution,
} from './store.ts';

/** Any constant, paired with the outlet id: scans of one outlet take turns, so an event never opens twice. */
const SCAN_LOCK = 711_011;
/** Where a limit without events starts: data older than this came too late to raise an event now. */
export const FIRST_SCAN_HOURS = 48;

const PERIOD_MS: Readonly<Record<Resolution, number>> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

export interface OutletScanResult {
  opened: number;
  extended: number;
  closed: number;
}

export async function scanOutlet(db: Db, outletId: number, options: { now?: Date; actor?: Actor } = {}): Promise<OutletScanResult> {
  const now = options.now ?? new Date();
  return audited(db, options.actor ?? SYSTEM_ACTOR, async (trx, audit) => {
    await sql`SELECT pg_advisory_xact_lock(${SCAN_LOCK}, ${outletId})`.execute(trx);
    const result: OutletScanResult = { opened: 0, extended: 0, closed: 0 };
    for (const limit of await limitsOf(trx, outletId)) {
      const open = await openExceedanceOf(trx, limit.id);
      const since = open?.endedAt ?? (await lastEventEnd(trx, limit.id)) ?? new Date(now.getTime() - FIRST_SCAN_HOURS * 3_600_000);
      const readings = await periodReadings(trx, outletId, limit.factorCode, CN_OF_RESOLUTION[limit.resolution], limit.basis, since);
      const length = PERIOD_MS[limit.resolution];
      const periods: Period[] = readings.map((r) => ({ start: r.start.getTime(), end: r.start.getTime() + length, value: r.value }));
      const state: ExceedanceState | null = open && {
        startedAt: open.startedAt.getTime(),
        endedAt: open.endedAt.getTime(),
        periods: open.periods,
        peak: open.peak,
        closedAt: null,
      };
      for (const { change, event, closeReason, multiple } of judgePeriods({ limit: limit.limitValue, validFrom: limit.validFrom, validTo: limit.validTo }, periods, state)) {
        const stored = {
          endedAt: new Date(event.endedAt),
          closedAt: event.closedAt === null ? null : new Date(event.closedAt),
          periods: event.periods,
          peak: event.peak,
        };
        const facts = { outletId, limitId: limit.id, factorCode: limit.factorCode, startedAt: new Date(event.startedAt), ...stored, multiple };
        if (change === 'open') {
          const id = await insertExceedance(trx, { ...facts, limitValue: limit.limitValue, standard: limit.standard });
          await audit({ action: 'open', entity: 'emission_exceedance', entityId: id, after: { ...facts, limitValue: limit.limitValue, standard: limit.standard } });
          result.opened += 1;
          if (stored.closedAt !== null) {
            await audit({ action: 'close', entity: 'emission_exceedance', entityId: id, after: { closedAt: stored.closedAt, closeReason } });
            result.closed += 1;
          }
        } else {
          await updateExceedance(trx, open!.id, stored);
          if (change === 'close') {
            await audit({ action: 'close', entity: 'emission_exceedance', entityId: open!.id, before: { endedAt: open!.endedAt, periods: open!.periods, peak: open!.peak }, after: { ...stored, closeReason } });
            result.closed += 1;
          } else {
            result.extended += 1;
          }
        }
      }
    }
    return result;
  });
}

/** What the scanner logs through (the gateway's log has this shape). */
export interface ScanLog {
  info(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface ExceedanceScanner {
  /** The gateway stored readings of this CN for a device of this outlet. */
  onOutletReadings(outletId: number, cn: string): void;
  /** Drops pending scans and waits for running ones. */
  close(): Promise<void>;
}

/** The CNs whose data limits are judged on (real-time 2011 data are not). */
const JUDGED_CN = new Set<string>(Object.values(CN_OF_RESOLUTION));

/**
 * Scans an outlet about a second after its readings arrive: a device sends one packet per CN, and a
 * burst of them (several factors, a resend after reconnecting) makes one scan, not one each. Scans of
 * one outlet run one after another.
 */
export function createExceedanceScanner(db: Db, log: ScanLog, delayMs = 1000): ExceedanceScanner {
  const pending = new Map<number, NodeJS.Timeout>();
  const running = new Map<number, Promise<void>>();
  let closed = false;

  const run = (outletId: number) => {
    pending.delete(outletId);
    const scan = (running.get(outletId) ?? Promise.resolve())
      .then(() => scanOutlet(db, outletId))
      .then((result) => {
        if (result.opened + result.closed > 0) log.info('排放口超标事件已更新 / outlet exceedances updated', { outletId, ...result });
      })
      .catch((error: unknown) => log.error('超标判定失败 / exceedance scan failed', { outletId, error: (error as Error).message }));
    running.set(outletId, scan);
    void scan.finally(() => {
      if (running.get(outletId) === scan) running.delete(outletId);
    });
  };

  return {
    onOutletReadings(outletId, cn) {
      if (closed || !JUDGED_CN.has(cn) || pending.has(outletId)) return;
      pending.set(outletId, setTimeout(() => run(outletId), delayMs));
    },
    async close() {
      closed = true;
      for (const timer of pending.values()) clearTimeout(timer);
      pending.clear();
      await Promise.all(running.values());
    },
  };
}

/**
 * 超标判定: from one emission limit and the periods its data cover, the exceedance events (超标事件)
 * that open, grow and close. Pure: the scan (scan.ts) reads the periods and writes the changes.
 *
 * An event is a run of periods above the limit: it starts at the start of the first and ends at the
 * end of the last. It closes at the first later valid period at or under the limit. A period without
 * a valid value (no data, or flagged invalid by the device: 维护, 故障, 校准 …) neither extends nor
 * closes an event: it says nothing about what was emitted, so counting it as exceedance would charge
 * the enterprise without evidence, and counting it as compliance would let a device that stops sending
 * valid data end an exceedance it never showed to be over. A gap therefore does not split an event.
 */

/** 排放限值 as the judgement needs it: the value, and the dates (CST, inclusive) it is in force. */
export interface LimitRule {
  limit: number;
  /** YYYY-MM-DD, or null: in force since ever. */
  validFrom: string | null;
  /** YYYY-MM-DD (the last day in force), or null: still in force. */
  validTo: string | null;
}

/** One minute, hour or day of data: its value on the limit's basis, or null when there is no valid one. */
export interface Period {
  start: number;
  end: number;
  value: number | null;
}

/** An event as it stands: times in ms since the epoch. */
export interface ExceedanceState {
  startedAt: number;
  endedAt: number;
  /** Periods above the limit (a gap between them is not counted). */
  periods: number;
  peak: number;
  closedAt: number | null;
}

export type CloseReason = 'compliant' | 'limit_expired';

/**
 * 'open': a new event (it may already be closed, when a compliant period followed within the series);
 * 'extend': the event that was open got more periods above and stays open; 'close': the event that
 * was open closed (perhaps after growing first).
 */
export interface ExceedanceChange {
  change: 'open' | 'extend' | 'close';
  event: ExceedanceState;
  closeReason: CloseReason | null;
  /** 超标倍数 as value ÷ limit of the peak, e.g. 1.35 (two decimals). */
  multiple: number;
  /** ended_at − started_at, ms. */
  durationMs: number;
}

const DAY_MS = 86_400_000;
const CST_MS = 8 * 3_600_000;

const cstMidnight = (date: string) => Date.parse(`${date}T00:00:00Z`) - CST_MS;

/** The limit's force as [from, until) in ms. */
export function forceOf(rule: LimitRule): { from: number; until: number } {
  return {
    from: rule.validFrom === null ? -Infinity : cstMidnight(rule.validFrom),
    until: rule.validTo === null ? Infinity : cstMidnight(rule.validTo) + DAY_MS,
  };
}

export const multipleOf = (value: number, limit: number) => Math.round((value / limit) * 100) / 100;

/**
 * The changes the periods make to the limit's events, given the event now open (if any). Periods are
 * taken in time order; those starting before the open event's end were judged already and are skipped,
 * so a repeated scan changes nothing. A period is judged only while the limit is in force; the first
 * period past its end closes an open event there (the limit no longer applies), as an event cannot
 * outlive the limit it is measured against.
 */
export function judgePeriods(rule: LimitRule, periods: readonly Period[], open: ExceedanceState | null): ExceedanceChange[] {
  const { from, until } = forceOf(rule);
  const sorted = [...periods].sort((a, b) => a.start - b.start);
  const finished: { event: ExceedanceState; reason: CloseReason | null; wasOpen: boolean }[] = [];
  let current: { event: ExceedanceState; wasOpen: boolean; grown: boolean } | null = open ? { event: { ...open }, wasOpen: true, grown: false } : null;

  const close = (at: number, reason: CloseReason) => {
    if (!current) return;
    finished.push({ event: { ...current.event, closedAt: Math.max(at, current.event.endedAt) }, reason, wasOpen: current.wasOpen });
    current = null;
  };

  for (const period of sorted) {
    if (open && period.start < open.endedAt) continue;
    if (period.start >= until) {
      close(until, 'limit_expired');
      continue;
    }
    if (period.start < from || period.value === null) continue;
    if (period.value > rule.limit) {
      if (current) {
        const event = current.event;
        event.endedAt = Math.max(event.endedAt, period.end);
        event.periods += 1;
        event.peak = Math.max(event.peak, period.value);
        current.grown = true;
      } else {
        current = { event: { startedAt: period.start, endedAt: period.end, periods: 1, peak: period.value, closedAt: null }, wasOpen: false, grown: true };
      }
    } else {
      close(period.end, 'compliant');
    }
  }

  const changes = finished.map(({ event, reason, wasOpen }) => describe(wasOpen ? 'close' : 'open', event, reason, rule.limit));
  if (current !== null) {
    const last: { event: ExceedanceState; wasOpen: boolean; grown: boolean } = current;
    if (!last.wasOpen) changes.push(describe('open', last.event, null, rule.limit));
    else if (last.grown) changes.push(describe('extend', last.event, null, rule.limit));
  }
  return changes;
}

function describe(change: ExceedanceChange['change'], event: ExceedanceState, closeReason: CloseReason | null, limit: number): ExceedanceChange {
  return { change, event, closeReason, multiple: multipleOf(event.peak, limit), durationMs: event.endedAt - event.startedAt };
}

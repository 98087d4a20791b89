/**
 * Monitoring times are China Standard Time (UTC+8, no daylight saving). Hourly values (and the
 * 4-hour windows of automatic water stations) are stamped by the END of their period: 01:00 is the
 * hour 00:00–01:00, and a day's last hour may be written 24:00.
 */
const CST_MS = 8 * 3600_000;
const HOUR_MS = 3600_000;

const WALL = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const ZONED = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/;

export interface ParsedTime {
  /** Milliseconds since the epoch. */
  ms: number;
  /** Only a date was written. */
  dateOnly: boolean;
}

/** A time as written in a file or a push: CST wall time ("2026-03-01 01:00", "2026/3/1 24:00") or ISO 8601 with an offset. */
export function parseMonitoringTime(text: string): ParsedTime | null {
  const t = text.trim();
  if (ZONED.test(t)) {
    const ms = Date.parse(t);
    return Number.isNaN(ms) ? null : { ms, dateOnly: false };
  }
  const m = WALL.exec(t);
  if (!m) return null;
  const [y, mo, d, h = 0, mi = 0, s = 0] = m.slice(1).map((v) => (v === undefined ? undefined : Number(v))) as number[];
  if (mo! < 1 || mo! > 12 || d! < 1 || h > 24 || mi > 59 || s > 59 || (h === 24 && (mi > 0 || s > 0))) return null;
  const day = Date.UTC(y!, mo! - 1, d!);
  if (new Date(day).getUTCDate() !== d) return null;
  return { ms: day + ((h * 60 + mi) * 60 + s) * 1000 - CST_MS, dateOnly: m[4] === undefined };
}

export function isWholeHour(ms: number): boolean {
  return ms % HOUR_MS === 0;
}

/** ISO 8601 in China Standard Time: 2026-03-01T01:00:00+08:00. */
export function cstIso(ms: number | Date): string {
  const at = typeof ms === 'number' ? ms : ms.getTime();
  return `${new Date(at + CST_MS).toISOString().slice(0, 19)}+08:00`;
}

/** The CST midnight starting a date (YYYY-MM-DD), in ms. */
export function cstMidnight(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return Date.UTC(y!, m! - 1, d!) - CST_MS;
}

/** The month (year, 1-based month) an end-stamped hour belongs to: the month of the hour's start. */
export function monthOfHourEnding(ms: number): { year: number; month: number } {
  const start = new Date(ms - HOUR_MS + CST_MS);
  return { year: start.getUTCFullYear(), month: start.getUTCMonth() + 1 };
}

/**
 * The one place where an HJ 212 hour becomes a store hour. HJ 212 stamps hour data (2061) by the START of
 * the hour (C.17: DataTime=20160801080000 is 08:00–09:00); the store stamps an hour by its END in China
 * Standard Time (src/monitoring/data/time.ts). DataTime is Beijing time, as SystemTime is (§6.7).
 */
const CST_MS = 8 * 3600_000;
const HOUR_MS = 3600_000;

/** The end of the hour that starts at `dataTime` (YYYYMMDDhhmmss, CST), in ms; null unless a real whole hour. */
export function hourEndOfDataTime(dataTime: string): number | null {
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(dataTime);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute !== 0 || second !== 0) return null;
  const midnight = Date.UTC(year, month - 1, day);
  if (new Date(midnight).getUTCDate() !== day) return null;
  return midnight + hour * HOUR_MS - CST_MS + HOUR_MS;
}

/**
 * The one place where an HJ 212 hour becomes a store hour. HJ 212 stamps hour data (2061) by the START of
 * the hour (C.17: DataTime=20160801080000 is 08:00–09:00); the store stamps an hour by its END in China
 * Standard Time (src/monitoring/data/time.ts). DataTime is Beijing time, as SystemTime is (§6.7).
 */
import { dataTimeOf } from './readings.ts';

const HOUR_MS = 3600_000;

/** The end of the hour that starts at `dataTime` (YYYYMMDDhhmmss, CST), in ms; null unless a real whole hour. */
export function hourEndOfDataTime(dataTime: string): number | null {
  const start = dataTimeOf('2061', dataTime);
  return start.ok ? start.value + HOUR_MS : null;
}

/**
 * HJ 212 writes times as Beijing time digits with no zone (QN `YYYYMMDDhhmmsszzz`, SystemTime and DataTime
 * `YYYYMMDDhhmmss`). China has kept UTC+8 without daylight saving since 1991, so a fixed offset is exact.
 */
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

function beijingDigits(instant: Date): string {
  const iso = new Date(instant.getTime() + BEIJING_OFFSET_MS).toISOString();
  return iso.slice(0, 23).replace(/[-T:.]/g, '');
}

/** A QN 请求编码 for the instant: 17 digits to the millisecond. */
export function formatQn(instant: Date): string {
  return beijingDigits(instant);
}

/** SystemTime / DataTime: 14 digits to the second. */
export function formatSystemTime(instant: Date): string {
  return beijingDigits(instant).slice(0, 14);
}

/**
 * A day's statistics from its hourly values (GB 3095 Table 4 data validity; HJ 663 §6.1).
 *
 * A day's hours are given as 24 slots, slot h holding the hour that ends at h+1 o'clock (slot 0:
 * 00:00–01:00, slot 23: 23:00–24:00); null is a missing or invalid hour.
 */
import { compare, divide, fractionOf, integer, max, mean, roundHalfEven, type Fraction } from './exact-decimal.ts';

/** 24-h mean: valid with at least 20 hourly values. */
export const MIN_HOURS_DAILY_MEAN = 20;
/** 8-h mean of O3: valid with at least 6 hourly values in the 8 hours. */
export const MIN_HOURS_EIGHT_HOUR_MEAN = 6;
/** Daily maximum 8-h mean of O3: valid with at least 14 of its 17 windows (HJ 663 §6.1.2). */
export const MIN_WINDOWS_O3_DAILY_MAX = 14;
/** ... or, with fewer, when it exceeds the O3 8-h limit anyway. */
export const O3_DAILY_MAX_OVERRIDE = 160;

export type HourlyValue = number | Fraction | null | undefined;

export interface MeanOfHours {
  /** Mean of the valid hours (null without any), given even when too few to be valid. */
  value: Fraction | null;
  hours: number;
  valid: boolean;
}

const present = (hours: readonly HourlyValue[]): Fraction[] =>
  hours.filter((h): h is number | Fraction => h !== null && h !== undefined).map((h) => (typeof h === 'number' ? fractionOf(h) : h));

function meanOfHours(hours: readonly HourlyValue[], minimum: number): MeanOfHours {
  const values = present(hours);
  return { value: values.length === 0 ? null : mean(values), hours: values.length, valid: values.length >= minimum };
}

/** 日平均: the mean of the natural day's valid hours. */
export function dailyMean(dayHours: readonly HourlyValue[]): MeanOfHours {
  return meanOfHours(dayHours, MIN_HOURS_DAILY_MEAN);
}

/** An 8-h moving mean of O3 from the eight hours of its window. */
export function eightHourMean(windowHours: readonly HourlyValue[]): MeanOfHours {
  if (windowHours.length !== 8) throw new RangeError(`an 8-h window has 8 hours, not ${windowHours.length}`);
  return meanOfHours(windowHours, MIN_HOURS_EIGHT_HOUR_MEAN);
}

export interface O3DailyMax {
  value: Fraction | null;
  validWindows: number;
  valid: boolean;
  /** Valid only because it exceeds 160 with fewer than 14 windows. */
  byExceedance: boolean;
}

/**
 * 日最大8小时平均: the largest of the 17 8-h means ending 08:00 … 24:00 of the day (hours 00–07 …
 * 16–23; none reaches into the previous day). The exceedance test compares the value rounded to an
 * integer µg/m³ with 160, as a published figure would be.
 */
export function o3DailyMax8h(dayHours: readonly HourlyValue[]): O3DailyMax {
  if (dayHours.length !== 24) throw new RangeError(`a day has 24 hours, not ${dayHours.length}`);
  // Each hour is read once, not once per window it falls in.
  const hours = dayHours.map((h) => (h === null || h === undefined ? null : typeof h === 'number' ? fractionOf(h) : h));
  const whole = wholeNumbers(hours);
  if (whole) {
    const { value, validWindows } = largestWindowOfWholeNumbers(whole);
    return { value, validWindows, ...o3DailyMaxValidity(value, validWindows) };
  }
  let value: Fraction | null = null;
  let validWindows = 0;
  for (let start = 0; start + 8 <= 24; start++) {
    const window = eightHourMean(hours.slice(start, start + 8));
    if (!window.valid || window.value === null) continue;
    validWindows++;
    value = value === null ? window.value : max(value, window.value);
  }
  return { value, validWindows, ...o3DailyMaxValidity(value, validWindows) };
}

/** The hours as plain numbers when every one is a whole number a double holds exactly (O3 is reported in whole µg/m³), else null. */
function wholeNumbers(hours: readonly (Fraction | null)[]): (number | null)[] | null {
  const out: (number | null)[] = [];
  for (const h of hours) {
    if (h === null) out.push(null);
    else if (h.den === 1n && h.num < SMALL && h.num > -SMALL) out.push(Number(h.num));
    else return null;
  }
  return out;
}

const SMALL = 2n ** 40n;

/**
 * The same largest valid 8-h mean as the general path, on whole numbers: sums and counts are exact in
 * doubles, windows compare by cross-multiplication, and only the largest becomes a fraction — a year
 * of a hundred stations has 620,000 windows, each otherwise an exact mean of its own.
 */
function largestWindowOfWholeNumbers(hours: readonly (number | null)[]): { value: Fraction | null; validWindows: number } {
  let best: { sum: number; n: number } | null = null;
  let validWindows = 0;
  for (let start = 0; start + 8 <= 24; start++) {
    let sum = 0;
    let n = 0;
    for (let k = start; k < start + 8; k++) {
      const h = hours[k];
      if (h !== null && h !== undefined) {
        sum += h;
        n++;
      }
    }
    if (n < MIN_HOURS_EIGHT_HOUR_MEAN) continue;
    validWindows++;
    if (best === null || sum * best.n > best.sum * n) best = { sum, n };
  }
  return { value: best === null ? null : divide(integer(best.sum), integer(best.n)), validWindows };
}

/** Whether a daily maximum 8-h O3 value counts, from how many of its windows were valid. */
export function o3DailyMaxValidity(value: Fraction | null, validWindows: number): { valid: boolean; byExceedance: boolean } {
  if (value === null) return { valid: false, byExceedance: false };
  if (validWindows >= MIN_WINDOWS_O3_DAILY_MAX) return { valid: true, byExceedance: false };
  const exceeds = compare(roundHalfEven(value, 0), integer(O3_DAILY_MAX_OVERRIDE)) > 0;
  return { valid: exceeds, byExceedance: exceeds };
}

/** 日最大1小时平均 of O3: the largest valid hour of the day (null without any). */
export function o3DailyMax1h(dayHours: readonly HourlyValue[]): Fraction | null {
  const values = present(dayHours);
  return values.length === 0 ? null : values.reduce(max);
}

/**
 * Period means of a section's samples (地表水环境质量评价办法（试行）, 评价时段): a week, ten days or a
 * month — one sample or the mean of several; a quarter — the mean of at least 2; a year — the 12
 * monthly values, or at least 8 where ice prevents sampling. Each item is averaged over the samples
 * that have it; an item with too few samples gets no mean. The same mean, over points instead of
 * samples, is the space mean of a lake or of a river with fewer than 5 sections.
 *
 * Sums are exact decimals (big.js), so the mean of 0.1 and 0.2 is 0.15. Means are not rounded here.
 */
import Big from 'big.js';
import { decimalOf } from './item-class.ts';

// A constructor of its own: the division precision is this module's, whatever others set on Big.
const Exact = Big();
Exact.DP = 30;

export type SamplingPeriod = 'week' | 'ten_days' | 'month' | 'quarter' | 'year';

export interface PeriodOptions {
  /** Annual only: the section is ice-bound part of the year, so 8 monthly values suffice instead of 12. */
  iceBound?: boolean;
}

export function minimumSamples(period: SamplingPeriod, options: PeriodOptions = {}): number {
  if (period === 'quarter') return 2;
  if (period === 'year') return options.iceBound ? 8 : 12;
  return 1;
}

type Samples<K extends string> = readonly Partial<Record<K, number | null>>[];

/** Mean of each item over the samples that have it. */
export function meanOfSamples<K extends string>(samples: Samples<K>): Partial<Record<K, number>> {
  return periodMean(samples, 'month').values;
}

export interface PeriodMean<K extends string> {
  values: Partial<Record<K, number>>;
  /** Items measured in the period, but too few times for a mean. */
  insufficient: K[];
}

export function periodMean<K extends string>(samples: Samples<K>, period: SamplingPeriod, options: PeriodOptions = {}): PeriodMean<K> {
  const needed = minimumSamples(period, options);
  const sums = new Map<K, { sum: Big; count: number }>();
  for (const sample of samples) {
    for (const [key, value] of Object.entries(sample) as [K, number | null | undefined][]) {
      if (value === null || value === undefined) continue;
      const entry = sums.get(key) ?? { sum: new Exact(0), count: 0 };
      sums.set(key, { sum: entry.sum.plus(new Exact(decimalOf(value))), count: entry.count + 1 });
    }
  }
  const values: Partial<Record<K, number>> = {};
  const insufficient: K[] = [];
  for (const [key, { sum, count }] of sums) {
    if (count < needed) insufficient.push(key);
    else values[key] = Number(sum.div(count));
  }
  return { values, insufficient };
}

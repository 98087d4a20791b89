import type { Period } from '../model.ts';

/** The last month a period covers: a whole year ends in December. */
function endMonth(period: Period): number {
  if (period === 'year') return 12;
  return period.startsWith('Q') ? Number(period.slice(1)) * 3 : Number(period.slice(1));
}

/** How much of a year a period covers, in rank: a month, a quarter, the year. */
function coverage(period: Period): number {
  return period === 'year' ? 2 : period.startsWith('Q') ? 1 : 0;
}

/**
 * The value a table shows as 最新值: the latest year's whole-year value, else that year's latest quarter
 * or month (of periods ending together, the one covering most).
 */
export function latestOf<V extends { year: number; period: Period }>(values: readonly V[]): V | null {
  let best: V | null = null;
  for (const v of values) {
    if (!best || v.year > best.year) best = v;
    else if (v.year === best.year) {
      const later = endMonth(v.period) - endMonth(best.period) || coverage(v.period) - coverage(best.period);
      if (later > 0) best = v;
    }
  }
  return best;
}

/**
 * 环境空气质量综合指数 and the rankings built on it (城市环境空气质量排名技术规定, 2018).
 * I_sum = Σ C_i/S_i over the six pollutants: C the annual (period) mean of SO2, NO2, PM10, PM2.5, the
 * 24-h CO 95th percentile and the O3 daily-max-8-h 90th percentile; S the grade-II annual limits, the
 * CO 24-h limit and the O3 8-h limit. Published to two decimals; larger is worse.
 *
 * Unverified (specs §3.5, §9.2): the 3/2/2 weights (PM2.5 × 3, NO2 × 2, O3 × 2) attributed to HJ 663-2026,
 * and which limits S the index uses after 2026. Both are options, and a result says whether its basis
 * is the verified one (plain sum, GB 3095-2012 limits, 2012 generation).
 */
import type { Species } from './aqi.ts';
import { add, compare, divide, fractionOf, integer, multiply, roundedNumber, subtract, type Fraction } from './exact-decimal.ts';
import { limitsOf, type LimitSetId } from './limits.ts';
import type { AqiStandard } from './standard-versions.ts';

export type CompositeWeights = 'plain' | 'weighted-3-2-2';

const WEIGHTS: Record<CompositeWeights, Record<Species, number>> = {
  plain: { SO2: 1, NO2: 1, PM10: 1, 'PM2.5': 1, CO: 1, O3: 1 },
  'weighted-3-2-2': { SO2: 1, NO2: 2, PM10: 1, 'PM2.5': 3, CO: 1, O3: 2 },
};

export interface CompositeBasis {
  weights: CompositeWeights;
  limitSet: LimitSetId;
}

export interface CompositeIndex {
  value: number;
  /** I_i = C_i / S_i, each to two decimals (the sum is taken before rounding). */
  singleIndices: Record<Species, number>;
  basis: CompositeBasis & { verified: boolean };
}

/** The limit S_i each pollutant's statistic is divided by. */
export function compositeDivisor(species: Species, limitSet: LimitSetId): number {
  const limits = limitsOf(limitSet, 'II', species);
  const divisor = species === 'CO' ? limits['24h'] : species === 'O3' ? limits['8h'] : limits.annual;
  return divisor!;
}

/** `statistics` are the published (rounded) figures: annual means, CO p95, O3 p90. */
export function compositeIndex(statistics: Readonly<Record<Species, Fraction | number>>, basis: CompositeBasis, standard: AqiStandard): CompositeIndex {
  let sum = integer(0);
  const singleIndices = {} as Record<Species, number>;
  for (const species of Object.keys(WEIGHTS.plain) as Species[]) {
    const c = statistics[species];
    const single = divide(typeof c === 'number' ? fractionOf(c) : c, fractionOf(compositeDivisor(species, basis.limitSet)));
    singleIndices[species] = roundedNumber(single, 2);
    sum = add(sum, multiply(integer(WEIGHTS[basis.weights][species]), single));
  }
  const verified = basis.weights === 'plain' && basis.limitSet === 'GB3095-2012' && standard === 'HJ633-2012';
  return { value: roundedNumber(sum, 2), singleIndices, basis: { ...basis, verified } };
}

/** Standard competition ranking (1, 2, 2, 4) of entries by an exact key, smaller first. */
function rankBy<T>(entries: readonly T[], key: (entry: T) => Fraction): (T & { rank: number })[] {
  const sorted = [...entries].sort((a, b) => compare(key(a), key(b)));
  return sorted.map((entry, i) => {
    let first = i;
    while (first > 0 && compare(key(sorted[first - 1]!), key(entry)) === 0) first--;
    return { ...entry, rank: first + 1 };
  });
}

/** Districts ranked by their published composite index, best (smallest) first; equal indices share a rank. */
export function rankByCompositeIndex<T extends { compositeIndex: number }>(entries: readonly T[]): (T & { rank: number })[] {
  return rankBy(entries, (e) => fractionOf(e.compositeIndex));
}

/**
 * Districts ranked by the change of their index, ΔI = (I − I_last)/I_last, most improved (most
 * negative) first; equal changes share a rank. Computed from the published two-decimal indices.
 */
export function rankByChangeRate<T extends { compositeIndex: number; lastCompositeIndex: number }>(
  entries: readonly T[],
): (T & { changeRatePercent: number; rank: number })[] {
  const rate = (e: T) => divide(subtract(fractionOf(e.compositeIndex), fractionOf(e.lastCompositeIndex)), fractionOf(e.lastCompositeIndex));
  return rankBy(entries, rate).map((e) => ({ ...e, changeRatePercent: roundedNumber(multiply(rate(e), integer(100)), 2) }));
}

/**
 * Exact arithmetic for the air standards. A measured value is taken as the decimal it is written as
 * (2.2, not the binary double nearest to it), and everything computed from it — IAQI, means,
 * percentiles, indices — is an exact rational until it is rounded once, as the standard says:
 * binary floating point would put CO 2.2 mg/m³ at IAQI 55.00000000000001 and round it up to 56.
 */
import Big from 'big.js';

/** An exact rational number, num/den with den > 0, in lowest terms. */
export interface Fraction {
  readonly num: bigint;
  readonly den: bigint;
}

/** The exact decimal a number is written as (its shortest round-trip form), as a big.js decimal. */
export function decimalOf(value: number): Big {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  return new Big(value);
}

export function fractionOf(value: number | Big): Fraction {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
    // Integers (every breakpoint and limit) need no parsing; others are read from their shortest form, as big.js would.
    return Number.isSafeInteger(value) ? { num: BigInt(value), den: 1n } : fractionOfDecimal(String(value));
  }
  return fractionOfDecimal(value.toFixed());
}

const PLAIN_INTEGER = /^-?\d{1,15}$/;
const DECIMAL_TEXT = /^([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;

/** A decimal as written ("2.20", "-0.5", "1e-7", a PostgreSQL numeric's text), exactly. */
export function fractionOfDecimal(text: string): Fraction {
  if (PLAIN_INTEGER.test(text)) return { num: BigInt(text), den: 1n };
  const match = DECIMAL_TEXT.exec(text);
  if (!match || (match[2] === '' && (match[3] ?? '') === '')) throw new RangeError(`not a decimal: ${text}`);
  const [, sign, whole = '', decimals = '', exponent = '0'] = match;
  const num = BigInt(whole + decimals || '0');
  const shift = Number(exponent) - decimals.length;
  const signed = sign === '-' ? -num : num;
  return shift >= 0 ? { num: signed * 10n ** BigInt(shift), den: 1n } : fraction(signed, 10n ** BigInt(-shift));
}

export const integer = (n: number | bigint): Fraction => ({ num: BigInt(n), den: 1n });

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const TEN_TO_15 = 10n ** 15n;

function gcd(a: bigint, b: bigint): bigint {
  let [x, y] = [a < 0n ? -a : a, b < 0n ? -b : b];
  // Nearly every reduction here is of small numbers, where a double's remainder is exact and many
  // times faster than a BigInt's: a year's evaluation of a hundred stations reduces millions of means.
  if (x <= SAFE && y <= SAFE) {
    let [p, q] = [Number(x), Number(y)];
    while (q !== 0) [p, q] = [q, p % q];
    return BigInt(p);
  }
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/** Lowest terms keep sums over a year of daily means small. */
function fraction(num: bigint, den: bigint): Fraction {
  if (den === 0n) throw new RangeError('division by zero');
  const sign = den < 0n ? -1n : 1n;
  const g = gcd(num, den < 0n ? -den : den) || 1n;
  return { num: (sign * num) / g, den: (sign * den) / g };
}

export const add = (a: Fraction, b: Fraction): Fraction => fraction(a.num * b.den + b.num * a.den, a.den * b.den);
export const subtract = (a: Fraction, b: Fraction): Fraction => fraction(a.num * b.den - b.num * a.den, a.den * b.den);
export const multiply = (a: Fraction, b: Fraction): Fraction => fraction(a.num * b.num, a.den * b.den);
export const divide = (a: Fraction, b: Fraction): Fraction => fraction(a.num * b.den, a.den * b.num);

export function compare(a: Fraction, b: Fraction): -1 | 0 | 1 {
  if (a.den === b.den) return a.num < b.num ? -1 : a.num > b.num ? 1 : 0;
  const left = a.num * b.den;
  const right = b.num * a.den;
  return left < right ? -1 : left > right ? 1 : 0;
}

export const max = (a: Fraction, b: Fraction): Fraction => (compare(a, b) >= 0 ? a : b);

/** Arithmetic mean; the list must not be empty. */
export function mean(values: readonly Fraction[]): Fraction {
  if (values.length === 0) throw new RangeError('mean of no values');
  // Measured values have small denominators (1, 2, 5, 10, …): summing over their least common one
  // needs a single reduction, where adding fraction by fraction reduces at every step.
  let den = values[0]!.den;
  for (const v of values) if (v.den !== den) den = (den / gcd(den, v.den)) * v.den;
  let num = 0n;
  for (const v of values) num += v.den === den ? v.num : v.num * (den / v.den);
  return fraction(num, den * BigInt(values.length));
}

function floorDivide(num: bigint, den: bigint): bigint {
  const q = num / den;
  return num % den !== 0n && num < 0n ? q - 1n : q;
}

export const floor = (f: Fraction): bigint => floorDivide(f.num, f.den);
export const ceil = (f: Fraction): bigint => -floorDivide(-f.num, f.den);

/**
 * GB/T 8170 修约 (round half to even) to `decimals` places, on the exact value: 34.5 → 34, 35.5 → 36,
 * 2.25 → 2.2, 2.35 → 2.4.
 */
export function roundHalfEven(f: Fraction, decimals: number): Fraction {
  const scale = 10n ** BigInt(decimals);
  const scaled = f.num * scale;
  let q = floorDivide(scaled, f.den);
  const twiceRest = 2n * (scaled - q * f.den);
  if (twiceRest > f.den || (twiceRest === f.den && q % 2n !== 0n)) q += 1n;
  return fraction(q, scale);
}

/** Decimal places of a quotient as big.js computes it by default (Big.DP 20, Big.RM 1: half up). */
const QUOTIENT_DECIMALS = 20;
const QUOTIENT_SCALE = 10n ** BigInt(QUOTIENT_DECIMALS);

/**
 * A fraction as a JavaScript number, for output; exact when it is a short decimal such as a rounded
 * value. Otherwise the quotient to 20 decimals rounded half up (what big.js's division gives), read as
 * the nearest double.
 */
export function toNumber(f: Fraction): number {
  if (f.den === 1n) return Number(f.num);
  // A short decimal (a denominator dividing 10^15, both parts exact in a double): its quotient has at
  // most 15 decimals, so the general path's 20 lose nothing, and IEEE division rounds the same exact
  // quotient to the same nearest double, without building its digits.
  if (f.den <= TEN_TO_15 && TEN_TO_15 % f.den === 0n && f.num < SAFE && f.num > -SAFE) return Number(f.num) / Number(f.den);
  const magnitude = f.num < 0n ? -f.num : f.num;
  const scaled = magnitude * QUOTIENT_SCALE;
  let q = scaled / f.den;
  if (2n * (scaled - q * f.den) >= f.den) q += 1n;
  const digits = q.toString().padStart(QUOTIENT_DECIMALS + 1, '0');
  const text = `${digits.slice(0, -QUOTIENT_DECIMALS)}.${digits.slice(-QUOTIENT_DECIMALS)}`;
  return f.num < 0n ? -Number(text) : Number(text);
}

/** A number rounded half to even, as a number: the usual way to turn a statistic into its published figure. */
export const roundedNumber = (f: Fraction, decimals: number): number => toNumber(roundHalfEven(f, decimals));

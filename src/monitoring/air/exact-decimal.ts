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
  const text = (typeof value === 'number' ? decimalOf(value) : value).toFixed();
  const negative = text.startsWith('-');
  const [whole = '0', decimals = ''] = (negative ? text.slice(1) : text).split('.');
  const num = BigInt(whole + decimals);
  return fraction(negative ? -num : num, 10n ** BigInt(decimals.length));
}

export const integer = (n: number | bigint): Fraction => ({ num: BigInt(n), den: 1n });

function gcd(a: bigint, b: bigint): bigint {
  let [x, y] = [a < 0n ? -a : a, b];
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
  const left = a.num * b.den;
  const right = b.num * a.den;
  return left < right ? -1 : left > right ? 1 : 0;
}

export const max = (a: Fraction, b: Fraction): Fraction => (compare(a, b) >= 0 ? a : b);

/** Arithmetic mean; the list must not be empty. */
export function mean(values: readonly Fraction[]): Fraction {
  if (values.length === 0) throw new RangeError('mean of no values');
  return divide(values.reduce(add), integer(values.length));
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

/** A fraction as a JavaScript number, for output; exact when it is a short decimal such as a rounded value. */
export function toNumber(f: Fraction): number {
  if (f.den === 1n) return Number(f.num);
  return Number(new Big(f.num.toString()).div(new Big(f.den.toString())).toFixed());
}

/** A number rounded half to even, as a number: the usual way to turn a statistic into its published figure. */
export const roundedNumber = (f: Fraction, decimals: number): number => toNumber(roundHalfEven(f, decimals));

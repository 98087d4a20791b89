import { describe, expect, it } from 'vitest';
import Big from 'big.js';
import { ceil, compare, fractionOf, mean, roundHalfEven, roundedNumber, toNumber } from './exact-decimal.ts';

describe('exact decimals', () => {
  it('takes a number as the decimal it is written as', () => {
    expect(fractionOf(2.2)).toEqual({ num: 11n, den: 5n });
    expect(fractionOf(0.1 + 0.2)).toEqual({ num: 7500000000000001n, den: 25000000000000000n });
    expect(compare(fractionOf(1e-7), { num: 1n, den: 10000000n })).toBe(0);
  });

  it('avoids the binary-float ceiling traps of the IAQI formula', () => {
    // The traps are real in binary floating point ...
    expect(Math.ceil(((100 - 50) / (4 - 2)) * (2.2 - 2) + 50)).toBe(56);
    // ... and absent in exact arithmetic: 50 × 0.2 / 2 is exactly 5.
    expect(ceil({ num: 50n * 2n, den: 10n * 2n })).toBe(5n);
    expect(ceil(fractionOf(55))).toBe(55n);
    expect(ceil(fractionOf(54.01))).toBe(55n);
    expect(ceil(fractionOf(-0.5))).toBe(0n);
  });

  it.each([
    [34.5, 0, 34],
    [35.5, 0, 36],
    [36.5, 0, 36],
    [0.5, 0, 0],
    [1.5, 0, 2],
    [34.50001, 0, 35],
    [2.25, 1, 2.2],
    [2.35, 1, 2.4],
    [2.45, 1, 2.4],
    [2.251, 1, 2.3],
    [3.945, 2, 3.94],
    [3.955, 2, 3.96],
    [-2.5, 0, -2],
    [-3.5, 0, -4],
  ])('GB/T 8170 rounds %s to %s decimals as %s', (value, decimals, expected) => {
    expect(toNumber(roundHalfEven(fractionOf(value), decimals))).toBe(expected);
  });

  it('rounds a mean that is exactly half way to even (35.5 → 36, 34.5 → 34)', () => {
    expect(roundedNumber(mean([35, 36].map((v) => fractionOf(v))), 0)).toBe(36);
    expect(roundedNumber(mean([34, 35].map((v) => fractionOf(v))), 0)).toBe(34);
    // 1/3 + 2/3 of the way: not half, whatever the float would say.
    expect(roundedNumber(mean([0.1, 0.2, 0.3].map((v) => fractionOf(v))), 1)).toBe(0.2);
  });
});

describe('toNumber of short decimals', () => {
  it('gives the double nearest the exact decimal, as parsing its digits does', () => {
    let seed = 3;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let i = 0; i < 2000; i++) {
      const places = 1 + Math.floor(next() * 15);
      const digits = String(Math.floor(next() * 9_000_000_000_000) + 1).slice(0, 1 + Math.floor(next() * 15));
      const text = `${next() < 0.2 ? '-' : ''}${digits.slice(0, Math.max(1, digits.length - places)) || '0'}.${digits.slice(Math.max(1, digits.length - places)) || '0'}`;
      expect(toNumber(fractionOf(Number(text) === 0 ? 1 : new Big(text))), text).toBe(Number(text) === 0 ? 1 : Number(text));
    }
  });
});

import Big from 'big.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isDecimalText } from './readings.ts';
import { scaledValue } from './scaled-value.ts';

/** Decimals as HJ 212 devices write them: optional sign, digits, optional point and fraction (`.5`, `1.` too). */
const decimalText = fc
  .tuple(fc.constantFrom('', '-', '+'), fc.stringMatching(/^[0-9]{0,6}$/), fc.option(fc.stringMatching(/^[0-9]{0,6}$/)))
  .map(([sign, integer, fraction]) => `${sign}${integer}${fraction === null ? '' : `.${fraction}`}`)
  .filter(isDecimalText);

const bigTimes = (text: string, scale: string) => new Big(text.replace(/^\+/, '')).times(scale).toFixed();

describe('scaledValue: a sent value times its scale, exactly', () => {
  it('moves the point for powers of ten as big.js would compute the product', () => {
    const powers = ['1', '10', '100', '1000', '1000000', '0.1', '0.01', '0.001', '0.000001'];
    fc.assert(
      fc.property(decimalText, fc.constantFrom(...powers), (text, scale) => {
        expect(scaledValue(text, scale)).toBe(bigTimes(text, scale));
      }),
      { numRuns: 5000 },
    );
  });

  it('multiplies by any other scale through big.js', () => {
    fc.assert(
      fc.property(decimalText, fc.constantFrom('2.5', '0.5', '1.25', '3', '0.0224'), (text, scale) => {
        expect(scaledValue(text, scale)).toBe(bigTimes(text, scale));
      }),
    );
  });

  it.each([
    ['0.012', '1000', '12'],
    ['101.325', '10', '1013.25'],
    ['+0.012', '1000', '12'],
    ['+1.5', '2.5', '3.75'],
    ['-0.002', '1000', '-2'],
    ['-0.0', '10', '0'],
    ['.5', '1000', '500'],
    ['1.', '10', '10'],
    ['007.50', '10', '75'],
    ['12', '0.001', '0.012'],
    ['0', '1000', '0'],
  ])('%s × %s = %s', (text, scale, product) => {
    expect(scaledValue(text, scale)).toBe(product);
  });
});

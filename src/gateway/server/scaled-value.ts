/**
 * A value as sent, times its code's scale (the store's unit over the device's), exactly, as plain decimal
 * text without trailing zeros (what big.js's toFixed() writes). Most scales are powers of ten (mg/m³ →
 * μg/m³ is 1000, kPa → hPa is 10): for those the decimal point moves, at a small part of big.js's cost,
 * and four of an air station's eleven codes pass here in every hour packet. Other scales go through
 * big.js. A leading `+`, which HJ 212's numbers may carry and big.js refuses, is dropped first.
 */
import Big from 'big.js';

/** `text` is a decimal as isDecimalText accepts it; `scale` a positive decimal. */
export function scaledValue(text: string, scale: string): string {
  const unsigned = text.startsWith('+') ? text.slice(1) : text;
  const places = powerOfTen(scale);
  return places === null ? new Big(unsigned).times(scale).toFixed() : shiftPoint(unsigned, places);
}

/** k when the scale is 10^k (1, 10, 1000, 0.1, 0.001 …), else null. */
function powerOfTen(scale: string): number | null {
  if (/^10*$/.test(scale)) return scale.length - 1;
  if (/^0\.0*1$/.test(scale)) return -(scale.length - 2);
  return null;
}

/** The decimal point of `text` moved `places` to the right (left when negative), normalised as big.js writes. */
function shiftPoint(text: string, places: number): string {
  const negative = text.startsWith('-');
  const body = negative ? text.slice(1) : text;
  const point = body.indexOf('.');
  let digits = point < 0 ? body : body.slice(0, point) + body.slice(point + 1);
  let integerLength = (point < 0 ? body.length : point) + places;
  if (integerLength > digits.length) digits += '0'.repeat(integerLength - digits.length);
  if (integerLength < 0) {
    digits = '0'.repeat(-integerLength) + digits;
    integerLength = 0;
  }
  const integer = digits.slice(0, integerLength).replace(/^0+/, '') || '0';
  const fraction = digits.slice(integerLength).replace(/0+$/, '');
  const magnitude = fraction === '' ? integer : `${integer}.${fraction}`;
  return negative && magnitude !== '0' ? `-${magnitude}` : magnitude;
}

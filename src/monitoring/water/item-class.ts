/**
 * Class of one item's value (单因子类别), GB 3838-2002 Table 1: the best class whose limit the value
 * meets. A value equal to a limit meets it; 溶解氧 meets a limit from above (≥); pH inside 6–9 is
 * class I (the limit is the same for every class) and outside is 劣V; a value failing class V is 劣V.
 * Where classes share a limit (COD 15 for I and II) the value is the better class.
 *
 * Values are compared as the decimals they are written as (big.js), never as binary doubles, so a
 * value written on a limit is on it.
 */
import Big from 'big.js';
import { WATER_CLASSES, type ClassLimits, type WaterBody, type WaterClass, type WaterParameter } from './parameters.ts';

/** The exact decimal a measured number is written as (its shortest round-trip form). */
export function decimalOf(value: number): Big {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  return new Big(value);
}

/** Limits of classes I–V for this water body (lakes and reservoirs have their own TP limits). */
export function classLimits(parameter: WaterParameter, waterBody: WaterBody): ClassLimits {
  const { rule } = parameter;
  if (rule.kind === 'atMost') return (waterBody === 'lake' && rule.lakeLimits) || rule.limits;
  if (rule.kind === 'atLeast') return rule.limits;
  throw new RangeError(`${parameter.key} has no class limits`);
}

export function itemClass(parameter: WaterParameter, value: number, waterBody: WaterBody): WaterClass {
  const { rule } = parameter;
  const exact = decimalOf(value);
  if (rule.kind === 'none') throw new RangeError(`${parameter.key} has no class`);
  if (rule.kind === 'range') return exact.gte(rule.low) && exact.lte(rule.high) ? 'I' : '劣V';
  const limits = classLimits(parameter, waterBody);
  const meets = (limit: string) => (rule.kind === 'atLeast' ? exact.gte(limit) : exact.lte(limit));
  const index = limits.findIndex(meets);
  return WATER_CLASSES[index === -1 ? 5 : index]!;
}

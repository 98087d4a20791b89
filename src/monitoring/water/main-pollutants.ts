/**
 * 主要污染指标 of a section (地表水环境质量评价办法（试行）): the class items worse than class III, at
 * most three, not assessed when the section is 优 or 良好 (I–III, where none is worse than III anyway).
 *
 * Order:
 * 1. Cyanide and heavy metals (Hg, Cd, Cr6+, Pb, As, Cu, Zn) that exceed come first ("优先").
 * 2. Then the worse class first.
 * 3. Within a class, larger 超标倍数 first; pH and 溶解氧, which have no multiple, after the items that
 *    have one (project reading of the 办法, which only says they still rank by class).
 * 4. Ties keep GB 3838 Table 1 order.
 *
 * 超标倍数 = (C − C_III)/C_III with the class-III limit of the water body (lake TP uses the lake limit),
 * rounded half to even (GB/T 8170) to `multipleDecimals` (2 by default, as 0.52 in published
 * bulletins). Ranking uses the rounded multiple, so the order always agrees with the figures shown.
 */
import Big from 'big.js';
import { classLimits, decimalOf, itemClass } from './item-class.ts';
import { CLASS_PARAMETERS, classRank, hasExceedMultiple, type WaterBody, type WaterClass, type WaterParameter, type WaterParameterKey } from './parameters.ts';
import type { WaterValues } from './section-class.ts';

export interface MainPollutant {
  parameter: WaterParameterKey;
  class: WaterClass;
  /** 超标倍数, rounded; null for pH and 溶解氧. */
  exceedMultiple: number | null;
}

export interface MainPollutantOptions {
  /** Decimals 超标倍数 is rounded to (GB/T 8170, half to even). */
  multipleDecimals: number;
  /** How many items are listed. */
  limit: number;
}

export const DEFAULT_MAIN_POLLUTANT_OPTIONS: MainPollutantOptions = { multipleDecimals: 2, limit: 3 };

const CLASS_III = 2;
// Each Big() is a constructor with its own settings, so this precision stays private to the module.
const Exact = Big();
Exact.DP = 30;

/** 超标倍数 of a value over the class-III limit, exact; null for items without a multiple. */
export function exceedMultiple(parameter: WaterParameter, value: number, waterBody: WaterBody): Big | null {
  if (!hasExceedMultiple(parameter)) return null;
  const limit = new Exact(classLimits(parameter, waterBody)[CLASS_III]);
  return new Exact(decimalOf(value)).minus(limit).div(limit);
}

function byMultipleDescending(a: number | null, b: number | null): number {
  if (a === null || b === null) return (a === null ? 1 : 0) - (b === null ? 1 : 0);
  return b - a;
}

export function mainPollutants(
  values: WaterValues,
  waterBody: WaterBody,
  options: MainPollutantOptions = DEFAULT_MAIN_POLLUTANT_OPTIONS,
): MainPollutant[] {
  const found: (MainPollutant & { priority: boolean })[] = [];
  for (const parameter of CLASS_PARAMETERS) {
    const value = values[parameter.key];
    if (value === undefined || value === null) continue;
    const c = itemClass(parameter, value, waterBody);
    if (classRank(c) <= CLASS_III) continue;
    const multiple = exceedMultiple(parameter, value, waterBody);
    found.push({
      parameter: parameter.key,
      class: c,
      exceedMultiple: multiple && Number(multiple.round(options.multipleDecimals, Big.roundHalfEven)),
      priority: parameter.priorityPollutant,
    });
  }
  // Array.prototype.sort is stable: equal items keep Table 1 order.
  found.sort(
    (a, b) =>
      Number(b.priority) - Number(a.priority) ||
      classRank(b.class) - classRank(a.class) ||
      byMultipleDescending(a.exceedMultiple, b.exceedMultiple),
  );
  return found.slice(0, options.limit).map(({ priority: _priority, ...pollutant }) => pollutant);
}

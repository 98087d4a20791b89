// Figures of indicators as a reader sees them: a number at the precision it was written, with its unit.
import { roundTo } from '../../../src/targets/assess.ts';
import type { Comparator, Requirement } from './types.ts';

export { roundTo };

/** A number without binary noise: 0.1 + 0.2 shows as 0.3. */
export function plain(value: number): string {
  return String(Number(value.toPrecision(12)));
}

/** Decimals of a number as it would be written (27.40 and 27.4 alike: 1). */
export function decimalsOf(value: number): number {
  const [mantissa = '', exponent] = plain(value).split('e');
  const fraction = mantissa.split('.')[1]?.length ?? 0;
  return Math.max(0, fraction - Number(exponent ?? 0));
}

/** "96%", "27.0 μg/m³", "1673 平方公里" (the unit as the documents write it). */
export function withUnit(figure: string, unit: string | null): string {
  return unit === null ? figure : unit === '%' ? `${figure}%` : `${figure} ${unit}`;
}

export const SIGNS: Record<Comparator, string> = { '>=': '≥ ', '>': '> ', '<=': '≤ ', '<': '< ', '=': '' };

/** The comparator and the figure a requirement's measure is compared with. */
export function boundOf(requirement: Requirement): { comparator: Comparator; figure: number } {
  switch (requirement.kind) {
    case 'level':
      return { comparator: requirement.comparator, figure: requirement.value };
    case 'change':
      return { comparator: requirement.comparator, figure: requirement.change };
    case 'not_worse':
      return { comparator: requirement.direction === 'higher_better' ? '>=' : requirement.direction === 'lower_better' ? '<=' : '=', figure: requirement.baseValue };
  }
}

/** What a value amounts to for a requirement: the value itself, or its change from the base year. */
export function exactMeasure(requirement: Requirement, value: number): number {
  if (requirement.kind !== 'change') return value;
  const { baseValue, changeUnit } = requirement;
  return changeUnit === 'percent' ? ((value - baseValue) / baseValue) * 100 : value - baseValue;
}

export function holds(comparator: Comparator, measure: number, bound: number): boolean {
  switch (comparator) {
    case '>=':
      return measure >= bound;
    case '>':
      return measure > bound;
    case '<=':
      return measure <= bound;
    case '<':
      return measure < bound;
    case '=':
      return measure === bound;
  }
}

/**
 * The indicator's own level a requirement asks for, to draw beside its values: the figure itself, the
 * base value moved by the change ("比2020年下降14.5%" → 85.5 % of the 2020 value), or the base value.
 */
export function requiredLevel(requirement: Requirement): number {
  switch (requirement.kind) {
    case 'level':
      return requirement.value;
    case 'change':
      return requirement.changeUnit === 'percent' ? requirement.baseValue * (1 + requirement.change / 100) : requirement.baseValue + requirement.change;
    case 'not_worse':
      return requirement.baseValue;
  }
}

import { calcAirAnnual, calcAqi } from '../air/index.ts';
import { calcWaterClass } from '../water/index.ts';
import { CalculatorInputError } from './input-error.ts';

/**
 * The calculators of ../shared/specs/calculator-io.md: one input object in, one output object out. The
 * same functions answer the API (`POST /api/v1/calc/<name>`), the CLI (`qingshan calc <name>`) and the UI.
 */
export const CALCULATORS = {
  aqi: calcAqi,
  'air-annual': calcAirAnnual,
  'water-class': calcWaterClass,
} as const satisfies Record<string, (input: unknown) => unknown>;

export type CalculatorName = keyof typeof CALCULATORS;
export const CALCULATOR_NAMES = Object.keys(CALCULATORS) as CalculatorName[];

export interface CalculatorFault {
  field: string;
  messageZh: string;
  messageEn: string;
}

/** An input the calculator refused, with the field it names; anything else thrown is a bug. */
export function calculatorFault(error: unknown): CalculatorFault | null {
  if (error instanceof CalculatorInputError) {
    return { field: error.field, messageZh: error.messageZh, messageEn: error.messageEn };
  }
  return null;
}

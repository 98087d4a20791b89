/**
 * 数值来源: the values an indicator is assessed on, by scope, and where they come from — entered by the
 * responsible units and approved; computed by another module (an active Binding: the city's value, which
 * nobody enters); or derived by the indicator's Formula from its operands' values in the same scope and
 * period. A binding still pending (monitoring) leaves the entered values in force.
 */
import type { Db } from '../db/connect.ts';
import { roundTo } from './assess.ts';
import { boundTaskItem, bindingStatus, type BindingStatus } from './bindings.ts';
import { deriveSeries, formulaKeys, parseFormula } from './formula.ts';
import type { Binding, Period, PeriodValue } from './model.ts';
import { cityScopeId } from './scope.ts';
import { approvedValues, type ApprovedValues, type IndicatorView } from './store.ts';
import { annualValuesOf, yearlyTaskRates } from './task-rates.ts';

export type ValueOrigin = 'entered' | 'computed' | 'derived';

/** A computed or derived value of the city, with what it was computed from. */
export interface ComputedValue {
  year: number;
  period: Period;
  value: number | null;
  /** computed from tasks: the sub-items entered and those counted, on the day taken. */
  tasks?: { items: number; counted: number; on: string };
  /** derived: each operand's approved value for the period (null: none). */
  operands?: { key: string; value: number | null }[];
  /** Why there is no value. */
  missing?: 'no_items' | 'operands' | 'division_by_zero';
}

export interface IndicatorSource {
  origin: ValueOrigin;
  binding: (Binding & { status: BindingStatus; itemId?: number; itemTitle?: string; found?: boolean }) | null;
  formula: { expression: string; operands: { key: string; name: string; unit: string | null }[] } | null;
  /** The city's computed or derived values (empty for entered ones), in order. */
  computed: ComputedValue[];
}

export interface IndicatorValues {
  source: IndicatorSource;
  /** What the assessment uses, by scope: approved, computed or derived values. */
  byScope: Map<number, ApprovedValues>;
}

const SOURCE_WORDS: Record<Exclude<ValueOrigin, 'entered'>, string> = { computed: '任务督办自动计算', derived: '公式计算' };

/** The latest value of a series: the last year's whole-year value, else that year's last period. */
function latestOf(values: readonly (PeriodValue & { period: Period })[], origin: Exclude<ValueOrigin, 'entered'>): ApprovedValues['latest'] {
  const lastYear = values.at(-1)?.year;
  if (lastYear === undefined) return null;
  const chosen = values.find((v) => v.year === lastYear && v.period === 'year') ?? values.filter((v) => v.year === lastYear).at(-1)!;
  return { year: chosen.year, period: chosen.period, value: chosen.value, status: null, source: SOURCE_WORDS[origin] };
}

const computedEntry = (numbers: (PeriodValue & { period: Period })[], origin: Exclude<ValueOrigin, 'entered'>): ApprovedValues => ({
  numbers,
  status: null,
  evidence: false,
  latest: latestOf(numbers, origin),
});

/** Every indicator's values as of `asOfYear` (`today` is the day a bound rate of the current year is taken on). */
export async function indicatorValues(db: Db, indicators: readonly IndicatorView[], asOfYear: number, today: string): Promise<Map<number, IndicatorValues>> {
  const operandKeys = [...new Set(indicators.flatMap((i) => (i.formula ? formulaKeys(parseFormula(i.formula.expression)) : [])))];
  const operands = operandKeys.length ? await db.selectFrom('indicator').select(['id', 'key', 'name', 'unit']).where('key', 'in', operandKeys).execute() : [];
  const [approved, cityId] = await Promise.all([
    approvedValues(db, [...new Set([...indicators.map((i) => i.id), ...operands.map((o) => o.id)])], asOfYear),
    cityScopeId(db),
  ]);
  const result = new Map<number, IndicatorValues>();
  for (const indicator of indicators) {
    const entered = approved.get(indicator.id) ?? new Map<number, ApprovedValues>();
    const binding = indicator.binding;
    if (binding?.module === 'tasks') {
      const item = await boundTaskItem(db, binding);
      const rates = item ? yearlyTaskRates(item.records, binding.measure, asOfYear, today) : [];
      const numbers = annualValuesOf(rates).map((v) => ({ ...v, period: 'year' as const }));
      result.set(indicator.id, {
        source: {
          origin: 'computed',
          binding: { ...binding, status: 'active', found: item !== null, ...(item ? { itemId: item.id, itemTitle: item.title } : {}) },
          formula: null,
          computed: rates.map((r) => ({
            year: r.year,
            period: 'year',
            value: r.value,
            tasks: { items: r.items, counted: r.counted, on: r.on },
            ...(r.value === null ? { missing: 'no_items' as const } : {}),
          })),
        },
        byScope: numbers.length ? new Map([[cityId, computedEntry(numbers, 'computed')]]) : new Map(),
      });
    } else if (indicator.formula) {
      const keys = formulaKeys(parseFormula(indicator.formula.expression));
      const operandOf = new Map(operands.map((o) => [o.key, o]));
      const scopes = new Set(keys.flatMap((key) => [...(approved.get(operandOf.get(key)?.id ?? -1)?.keys() ?? [])]));
      const byScope = new Map<number, ApprovedValues>();
      let computed: ComputedValue[] = [];
      for (const scope of scopes) {
        const values = Object.fromEntries(keys.map((key) => [key, approved.get(operandOf.get(key)?.id ?? -1)?.get(scope)?.numbers ?? []]));
        const derived = deriveSeries(indicator.formula.expression, values);
        const numbers = derived.filter((d): d is typeof d & { value: number } => d.value !== null).map((d) => ({ year: d.year, period: d.period, value: roundTo(d.value, 4) }));
        if (numbers.length) byScope.set(scope, computedEntry(numbers, 'derived'));
        if (scope === cityId) {
          computed = derived.map((d) => ({
            year: d.year,
            period: d.period,
            value: d.value === null ? null : roundTo(d.value, 4),
            operands: keys.map((key) => ({ key, value: values[key]!.find((v) => v.year === d.year && (v.period ?? 'year') === d.period)?.value ?? null })),
            ...(d.value === null ? { missing: d.reason === 'missing' ? ('operands' as const) : ('division_by_zero' as const) } : {}),
          }));
        }
      }
      result.set(indicator.id, {
        source: {
          origin: 'derived',
          binding: null,
          formula: { expression: indicator.formula.expression, operands: keys.map((key) => ({ key, name: operandOf.get(key)?.name ?? key, unit: operandOf.get(key)?.unit ?? null })) },
          computed,
        },
        byScope,
      });
    } else {
      result.set(indicator.id, {
        source: { origin: 'entered', binding: binding ? { ...binding, status: bindingStatus(binding) } : null, formula: null, computed: [] },
        byScope: entered,
      });
    }
  }
  return result;
}

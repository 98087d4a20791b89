/**
 * 数值来源: the values an indicator is assessed on, by scope, and where they come from — entered by the
 * responsible units and approved; computed by another module (an active Binding: the city's value, which
 * nobody enters); or derived by the indicator's Formula from its operands' values in the same scope and
 * period. A monitoring binding gives the years the store holds data for (monitoring-measures.ts); the
 * entered values stand for the other years, and for every year while its measure is still pending.
 */
import type { Db } from '../db/connect.ts';
import { roundTo } from './assess.ts';
import { boundTaskItem, bindingStatus, type BindingStatus } from './bindings.ts';
import { deriveSeries, formulaKeys, parseFormula } from './formula.ts';
import type { Binding, Period, PeriodValue } from './model.ts';
import { monitoringMeasures, type MonitoringBasis } from './monitoring-measures.ts';
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
  /** computed from 环境监测: the standard, the days counted, a year to date, 示例数据. */
  monitoring?: MonitoringBasis;
  /** computed from 环境监测: each district's value of the year, where its stations give one. */
  districts?: { scopeId: number; value: number | null }[];
  /** Why there is no value. */
  missing?: 'no_items' | 'operands' | 'division_by_zero' | 'no_data';
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

const SOURCE_WORDS = { computed: '任务督办自动计算', monitoring: '环境监测自动计算', derived: '公式计算' } as const;
type SourceWords = keyof typeof SOURCE_WORDS;

/** The latest value of a series: the last year's whole-year value, else that year's last period. */
function latestOf(values: readonly (PeriodValue & { period: Period })[], origin: SourceWords): ApprovedValues['latest'] {
  const lastYear = values.at(-1)?.year;
  if (lastYear === undefined) return null;
  const chosen = values.find((v) => v.year === lastYear && v.period === 'year') ?? values.filter((v) => v.year === lastYear).at(-1)!;
  return { year: chosen.year, period: chosen.period, value: chosen.value, status: null, source: SOURCE_WORDS[origin] };
}

const computedEntry = (numbers: (PeriodValue & { period: Period })[], origin: SourceWords): ApprovedValues => ({
  numbers,
  status: null,
  evidence: false,
  latest: latestOf(numbers, origin),
});

/** A scope's entered values with the computed years put in their place (every period of a computed year yields to it). */
function withComputedYears(entered: ApprovedValues | undefined, computed: { year: number; value: number }[]): ApprovedValues | undefined {
  if (computed.length === 0) return entered;
  const years = new Set(computed.map((c) => c.year));
  const kept = (entered?.numbers ?? []).filter((v) => !years.has(v.year)).map((v) => ({ ...v, period: v.period ?? ('year' as const) }));
  const numbers = [...kept, ...computed.map((c) => ({ year: c.year, period: 'year' as const, value: c.value }))].sort((a, b) => a.year - b.year || (a.period === 'year' ? 1 : b.period === 'year' ? -1 : a.period.localeCompare(b.period)));
  const lastComputed = Math.max(...years);
  const latest = entered?.latest && entered.latest.year > lastComputed ? entered.latest : latestOf(numbers.filter((n) => years.has(n.year)), 'monitoring');
  return { numbers, status: entered?.status ?? null, evidence: entered?.evidence ?? false, latest };
}

/** Every indicator's values as of `asOfYear` (`today` is the day a bound rate of the current year is taken on). */
export async function indicatorValues(db: Db, indicators: readonly IndicatorView[], asOfYear: number, today: string): Promise<Map<number, IndicatorValues>> {
  const operandKeys = [...new Set(indicators.flatMap((i) => (i.formula ? formulaKeys(parseFormula(i.formula.expression)) : [])))];
  const operands = operandKeys.length ? await db.selectFrom('indicator').select(['id', 'key', 'name', 'unit']).where('key', 'in', operandKeys).execute() : [];
  const [approved, city] = await Promise.all([
    approvedValues(db, [...new Set([...indicators.map((i) => i.id), ...operands.map((o) => o.id)])], asOfYear),
    db.selectFrom('organisation').select(['id', 'name']).where('kind', '=', 'city').orderBy('id').executeTakeFirstOrThrow(),
  ]);
  const cityId = city.id;
  const monitoring = monitoringMeasures(db, today, city);
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
    } else if (binding?.module === 'monitoring' && bindingStatus(binding) === 'active') {
      const years = await monitoring.series(binding.measure, asOfYear);
      const scopes = new Set([...entered.keys(), cityId, ...years.flatMap((y) => [...y.districts.keys()])]);
      const byScope = new Map<number, ApprovedValues>();
      for (const scope of scopes) {
        const computed = years.flatMap((y) => {
          const value = scope === cityId ? y.city : (y.districts.get(scope) ?? null);
          return value === null ? [] : [{ year: y.year, value }];
        });
        const values = withComputedYears(entered.get(scope), computed);
        if (values) byScope.set(scope, values);
      }
      result.set(indicator.id, {
        source: {
          // Until the store holds data for a year, every value is an entered one.
          origin: years.some((y) => y.city !== null) ? 'computed' : 'entered',
          binding: { ...binding, status: 'active' },
          formula: null,
          computed: years.map((y) => ({
            year: y.year,
            period: 'year',
            value: y.city,
            monitoring: y.basis,
            districts: [...y.districts].map(([scopeId, value]) => ({ scopeId, value })),
            ...(y.city === null ? { missing: 'no_data' as const } : {}),
          })),
        },
        byScope,
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

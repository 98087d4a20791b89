/**
 * 任务完成率: an indicator bound to 任务督办 (a Binding of module 'tasks') takes its value from the states
 * of a task item's sub-items — a rectification campaign's 问题台账. Pure: the items with their transitions
 * in, the rate on a day out.
 *
 * - `accepted_share` (整改完成率): of the sub-items entered by the day, the share 已销号 on that day. An item
 *   accepted and later 反弹 does not count while it is rebounded; the state on a past day is replayed from
 *   the transitions (the state a later transition started from).
 * - `accepted_on_time_share` (按期完成率): the share 已销号 on that day whose acceptance came on or before
 *   their deadline; an item without a deadline is on time once accepted.
 * - A year's value is the rate at the end of the year, or on the day of assessment in the current year.
 * - Without any sub-item there is no value: a rate of nothing is not 0 %.
 */
import type { TaskState } from '../tasks/colour.ts';
import { roundTo } from './assess.ts';
import type { PeriodValue, TaskMeasure } from './model.ts';

export interface TaskRecord {
  /** The day the item was entered (city date, ISO). */
  createdOn: string;
  /** Its state now. */
  state: TaskState;
  /** Its deadline (its own, else the bound item's), ISO date. */
  due: string | null;
  /** Every change of state in order, each on its city date. */
  transitions: readonly { on: string; from: TaskState; to: TaskState }[];
}

export interface TaskRate {
  /** Percent, 2 decimals; null without items. */
  value: number | null;
  /** Items entered by the day. */
  items: number;
  /** Of them, those counted: 已销号 (on time, for accepted_on_time_share). */
  counted: number;
}

/** The state an item had at the end of `on`: the one its first later transition started from, else its state now. */
export function stateOn(item: TaskRecord, on: string): TaskState {
  return item.transitions.find((t) => t.on > on)?.from ?? item.state;
}

/** The day an item accepted on `on` was accepted: its last transition into 已销号 by then (its entry day if none is recorded). */
function acceptedSince(item: TaskRecord, on: string): string {
  return item.transitions.filter((t) => t.to === 'accepted' && t.on <= on).at(-1)?.on ?? item.createdOn;
}

export function taskRate(items: readonly TaskRecord[], measure: TaskMeasure, on: string): TaskRate {
  const entered = items.filter((item) => item.createdOn <= on);
  const accepted = entered.filter((item) => stateOn(item, on) === 'accepted');
  const counted = measure === 'accepted_share' ? accepted : accepted.filter((item) => item.due === null || acceptedSince(item, on) <= item.due);
  return { value: entered.length === 0 ? null : roundTo((counted.length / entered.length) * 100, 2), items: entered.length, counted: counted.length };
}

/** One year's rate with the day it was taken on. */
export type YearRate = TaskRate & { year: number; on: string };

/**
 * The rate for every year from the first item's entry to `asOfYear`, each at the end of the year — or on
 * `today` for today's year, which is not over.
 */
export function yearlyTaskRates(items: readonly TaskRecord[], measure: TaskMeasure, asOfYear: number, today: string): YearRate[] {
  if (items.length === 0) return [];
  const first = Number(items.map((i) => i.createdOn).sort()[0]!.slice(0, 4));
  const thisYear = Number(today.slice(0, 4));
  const years: YearRate[] = [];
  for (let year = first; year <= Math.min(asOfYear, thisYear); year++) {
    const on = year === thisYear ? today : `${year}-12-31`;
    years.push({ year, on, ...taskRate(items, measure, on) });
  }
  return years;
}

/** The yearly rates as whole-year values for the assessment. */
export const annualValuesOf = (rates: readonly YearRate[]): PeriodValue[] =>
  rates.filter((r): r is YearRate & { value: number } => r.value !== null).map((r) => ({ year: r.year, value: r.value }));

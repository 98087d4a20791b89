import type { Colour, ColourReason, TaskState } from './colour.ts';
import { daysBetween } from './schedule.ts';
import type { UnitRole } from './plan.ts';
import type { TaskItem } from './store.ts';

/**
 * 时限一览: items by the date they are due, for the timeline chart and its table. Items that never
 * close (持续推进, 每年…) have no place on a date axis and are listed apart; items whose documents
 * set no deadline at all are only counted.
 */
export type TimelineRole = UnitRole | 'acceptance';

export interface TimelineFilter {
  colour?: Colour;
  state?: TaskState;
  /** The organisation named in the item, in `role` when one is given (the acceptance unit for 'acceptance'). */
  organisationId?: number | null;
  role?: TimelineRole;
  /** Inclusive ISO dates; they bound the dated items only. */
  from?: string;
  to?: string;
}

export interface TimelineEntry {
  id: number;
  listKey: string;
  listTitle: string;
  parentId: number | null;
  parentRef: string | null;
  ref: string;
  title: string;
  deadlineText: string | null;
  deadlineKind: 'date' | 'ongoing' | 'yearly';
  /** The date the item is judged by; null for ongoing and yearly items. */
  due: string | null;
  /** Days from today to `due`, negative once it has passed; null without a due date. */
  daysLeft: number | null;
  /** Closes on `due` and is reported on after (…完成并长期坚持). */
  ongoingAfter: boolean;
  state: TaskState;
  colour: Colour;
  reasons: ColourReason[];
}

export interface MonthCount {
  /** YYYY-MM */
  month: string;
  red: number;
  yellow: number;
  green: number;
}

export interface Timeline {
  /** Dated items, earliest due first. */
  dated: TimelineEntry[];
  /** Items that never close or recur every year. */
  ongoing: TimelineEntry[];
  /** Items that pass the filters but have no deadline the platform can place. */
  undated: number;
  /** Dated items per month of their due date, every month from the first to the last. */
  months: MonthCount[];
}

function names(item: TaskItem, filter: TimelineFilter): boolean {
  const { organisationId, role } = filter;
  if (organisationId === undefined && role === undefined) return true;
  if (organisationId === undefined || organisationId === null) return false;
  if (role === 'acceptance') return item.acceptanceUnitId === organisationId;
  return item.units.some((u) => u.organisationId === organisationId && (role === undefined || u.role === role));
}

function entry(item: TaskItem, today: string): TimelineEntry | null {
  const { deadline } = item;
  if (deadline.kind !== 'date' && deadline.kind !== 'ongoing' && deadline.kind !== 'yearly') return null;
  return {
    id: item.id,
    listKey: item.listKey,
    listTitle: item.listTitle,
    parentId: item.parentId,
    parentRef: item.parentRef,
    ref: item.ref,
    title: item.title,
    deadlineText: item.deadlineText,
    deadlineKind: deadline.kind,
    due: deadline.kind === 'date' ? deadline.due : null,
    daysLeft: deadline.kind === 'date' ? daysBetween(today, deadline.due) : null,
    ongoingAfter: deadline.kind === 'date' && deadline.ongoingAfter,
    state: item.state,
    colour: item.colour,
    reasons: item.reasons,
  };
}

function monthsBetween(first: string, last: string): string[] {
  const months: string[] = [];
  for (let year = Number(first.slice(0, 4)), month = Number(first.slice(5, 7)); ; month++) {
    if (month > 12) {
      year++;
      month = 1;
    }
    const key = `${year}-${String(month).padStart(2, '0')}`;
    months.push(key);
    if (key >= last) return months;
  }
}

/** Items in the order given stay in that order within a due date; `today` is the city's. */
export function timeline(items: readonly TaskItem[], filter: TimelineFilter, today: string): Timeline {
  const kept = items.filter((item) => (!filter.colour || item.colour === filter.colour) && (!filter.state || item.state === filter.state) && names(item, filter));
  const entries = kept.map((item) => entry(item, today));
  const dated = entries
    .filter((e): e is TimelineEntry & { due: string } => e !== null && e.due !== null)
    .filter((e) => (!filter.from || e.due >= filter.from) && (!filter.to || e.due <= filter.to))
    .sort((a, b) => (a.due < b.due ? -1 : a.due > b.due ? 1 : 0));
  const ongoing = entries.filter((e): e is TimelineEntry => e !== null && e.due === null);

  const counts = new Map<string, MonthCount>();
  if (dated.length > 0) {
    for (const month of monthsBetween(dated[0]!.due.slice(0, 7), dated.at(-1)!.due.slice(0, 7))) counts.set(month, { month, red: 0, yellow: 0, green: 0 });
  }
  for (const e of dated) counts.get(e.due.slice(0, 7))![e.colour]++;

  return { dated, ongoing, undated: entries.filter((e) => e === null).length, months: [...counts.values()] };
}

/**
 * 调度: when progress reports are due. The documents set it per list — 000 quarterly before the
 * 25th of the quarter's last month, 002 双月调度, 004 半年交账 — so a schedule is data: every
 * `everyMonths` months, due on `day` of the period's last month.
 */
export interface ReportSchedule {
  everyMonths: 1 | 2 | 3 | 6 | 12;
  day: number;
}

export const SCHEDULES: Record<string, ReportSchedule> = {
  monthly: { everyMonths: 1, day: 25 },
  bimonthly: { everyMonths: 2, day: 25 },
  quarterly: { everyMonths: 3, day: 25 },
  semiannual: { everyMonths: 6, day: 25 },
  yearly: { everyMonths: 12, day: 25 },
};

/** Days from a to b (ISO dates), negative when b is before a. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

function iso(year: number, month: number, day: number): string {
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${year}-${String(month).padStart(2, '0')}-${String(Math.min(day, last)).padStart(2, '0')}`;
}

/** The due dates that fall in [from, to], in order: periods end in months divisible by everyMonths. */
export function dueDates(schedule: ReportSchedule, from: string, to: string): string[] {
  const dates: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  while (month % schedule.everyMonths !== 0) month++;
  for (;;) {
    if (month > 12) {
      year += Math.floor((month - 1) / 12);
      month = ((month - 1) % 12) + 1;
    }
    const date = iso(year, month, schedule.day);
    if (date > to) break;
    if (date >= from) dates.push(date);
    month += schedule.everyMonths;
  }
  return dates;
}

/**
 * Which due dates the reports answered, and which reports were late. A report filed while due dates
 * stand unanswered answers all of them (it is late, and brings the item up to date); otherwise it
 * answers the due date that ends its own period. Reports are taken in the order they were filed.
 */
export function matchReports(
  schedule: ReportSchedule,
  start: string,
  reportDates: readonly string[],
  until: string,
): { answered: Set<string>; late: Set<number>; dues: string[] } {
  const horizon = [until, ...reportDates].sort().at(-1)!;
  const dues = dueDates(schedule, start, `${Number(horizon.slice(0, 4)) + 1}-12-31`);
  const answered = new Set<string>();
  const late = new Set<number>();
  const order = reportDates.map((date, index) => ({ date, index })).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.index - b.index));
  for (const report of order) {
    const owed = dues.filter((due) => due < report.date && !answered.has(due));
    if (owed.length > 0) {
      for (const due of owed) answered.add(due);
      late.add(report.index);
      continue;
    }
    const own = dues.find((due) => due >= report.date);
    if (own && !answered.has(own)) answered.add(own);
  }
  return { answered, late, dues };
}

/** The report an item owes on `today`: the earliest passed due date no report answered. */
export function missedReport(schedule: ReportSchedule, start: string, reportDates: readonly string[], today: string): { due: string; daysLate: number } | null {
  const { answered, dues } = matchReports(schedule, start, reportDates, today);
  const due = dues.find((d) => d < today && !answered.has(d));
  return due ? { due, daysLate: daysBetween(due, today) } : null;
}

/** The next due date after today (the one the item is working towards). */
export function nextDue(schedule: ReportSchedule, today: string): string {
  const year = Number(today.slice(0, 4));
  return dueDates(schedule, today, `${year + 2}-12-31`)[0]!;
}

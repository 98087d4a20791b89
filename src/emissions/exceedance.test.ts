import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { judgePeriods, type ExceedanceChange, type ExceedanceState, type LimitRule, type Period } from './exceedance.ts';

/** An event with times written as CST ISO strings, as the cases state them. */
type WrittenEvent = Omit<ExceedanceState, 'startedAt' | 'endedAt' | 'closedAt'> & { startedAt: string; endedAt: string; closedAt: string | null };

interface Case {
  name: string;
  limit: LimitRule;
  /** Consecutive periods from `start`; a value "-" is a period with no data at all, null one with no valid value. */
  series: { start: string; step: 'minute' | 'hour' | 'day'; values: (number | null | '-')[]; reversed?: boolean };
  open: WrittenEvent | null;
  expected: (Omit<ExceedanceChange, 'event'> & { event: WrittenEvent })[];
}
const cases = JSON.parse(readFileSync(new URL('./exceedance.cases.json', import.meta.url), 'utf8')) as Case[];

const STEP_MS = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };
const cst = (ms: number) => `${new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;

function periodsOf(series: Case['series']): Period[] {
  const step = STEP_MS[series.step];
  const first = Date.parse(series.start);
  const periods = series.values.flatMap((value, i) =>
    value === '-' ? [] : [{ start: first + i * step, end: first + (i + 1) * step, value }],
  );
  return series.reversed ? periods.reverse() : periods;
}

const parsed = (e: WrittenEvent): ExceedanceState => ({
  ...e,
  startedAt: Date.parse(e.startedAt),
  endedAt: Date.parse(e.endedAt),
  closedAt: e.closedAt === null ? null : Date.parse(e.closedAt),
});
const written = (e: ExceedanceState): WrittenEvent => ({ ...e, startedAt: cst(e.startedAt), endedAt: cst(e.endedAt), closedAt: e.closedAt === null ? null : cst(e.closedAt) });

describe('exceedance events (超标判定)', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const changes = judgePeriods(c.limit, periodsOf(c.series), c.open && parsed(c.open));
    expect(changes.map((change) => ({ ...change, event: written(change.event) }))).toEqual(c.expected);
  });

  it('does not change the open event it was given', () => {
    const open = parsed(cases.find((c) => c.open !== null)!.open!);
    const before = { ...open };
    judgePeriods({ limit: 50, validFrom: null, validTo: null }, [{ start: open.endedAt, end: open.endedAt + 3_600_000, value: 99 }], open);
    expect(open).toEqual(before);
  });
});

import { describe, expect, it } from 'vitest';
import { daysBetween, dueDates, matchReports, missedReport, nextDue, SCHEDULES } from './schedule.ts';

describe('dueDates', () => {
  it('quarterly: the 25th of March, June, September, December', () => {
    expect(dueDates(SCHEDULES.quarterly!, '2025-01-01', '2025-12-31')).toEqual(['2025-03-25', '2025-06-25', '2025-09-25', '2025-12-25']);
  });
  it('bimonthly and half-yearly, across a year end', () => {
    expect(dueDates(SCHEDULES.bimonthly!, '2025-11-01', '2026-04-30')).toEqual(['2025-12-25', '2026-02-25', '2026-04-25']);
    expect(dueDates(SCHEDULES.semiannual!, '2021-07-01', '2022-12-31')).toEqual(['2021-12-25', '2022-06-25', '2022-12-25']);
  });
  it('starts after a due date of the starting month that has already passed', () => {
    expect(dueDates(SCHEDULES.quarterly!, '2025-03-26', '2025-09-30')).toEqual(['2025-06-25', '2025-09-25']);
  });
  it('clamps the day to the month', () => {
    expect(dueDates({ everyMonths: 1, day: 31 }, '2026-02-01', '2026-02-28')).toEqual(['2026-02-28']);
  });
});

describe('missedReport', () => {
  const q = SCHEDULES.quarterly!;
  it('is null while every passed due date was answered', () => {
    expect(missedReport(q, '2025-01-01', ['2025-03-20', '2025-06-24'], '2025-08-01')).toBeNull();
  });
  it('names the first unanswered due date and how late it is', () => {
    expect(missedReport(q, '2025-01-01', ['2025-03-20'], '2025-07-05')).toEqual({ due: '2025-06-25', daysLate: 10 });
    expect(missedReport(q, '2025-01-01', [], '2025-07-05')).toEqual({ due: '2025-03-25', daysLate: 102 });
  });
  it('lets a late report answer the due date it missed, and marks it late', () => {
    expect(missedReport(q, '2025-01-01', ['2025-04-02'], '2025-05-01')).toBeNull();
    expect(missedReport(q, '2025-01-01', ['2025-04-02'], '2025-07-01')).toEqual({ due: '2025-06-25', daysLate: 6 });
    expect([...matchReports(q, '2025-01-01', ['2025-03-01', '2025-04-02', '2025-05-01'], '2025-07-01').late]).toEqual([]);
    expect([...matchReports(q, '2025-01-01', ['2025-04-02', '2025-04-03'], '2025-07-01').late]).toEqual([0]);
  });
  it('lets one late report answer every due date it missed', () => {
    expect(missedReport(q, '2025-01-01', ['2025-10-01'], '2025-11-01')).toBeNull();
    expect([...matchReports(q, '2025-01-01', ['2025-10-01'], '2025-11-01').answered].sort()).toEqual(['2025-03-25', '2025-06-25', '2025-09-25']);
  });
  it('does not let two reports in one period answer a later period in advance', () => {
    expect(missedReport(q, '2025-01-01', ['2025-03-01', '2025-03-10'], '2025-06-30')).toEqual({ due: '2025-06-25', daysLate: 5 });
  });
  it('owes nothing on the due date itself', () => {
    expect(missedReport(q, '2025-01-01', [], '2025-03-25')).toBeNull();
  });
});

describe('nextDue and daysBetween', () => {
  it('finds the next due date and counts days', () => {
    expect(nextDue(SCHEDULES.semiannual!, '2025-06-26')).toBe('2025-12-25');
    expect(daysBetween('2025-12-25', '2026-01-04')).toBe(10);
    expect(daysBetween('2026-01-04', '2025-12-25')).toBe(-10);
  });
});

import type { Deadline } from './deadline.ts';
import { daysBetween } from './schedule.ts';

/** 督办状态: the supervision life of an item. */
export const TASK_STATES = [
  'not_started', // 未启动
  'in_progress', // 推进中
  'applied', // 申请销号
  'accepted', // 已销号
  'returned', // 退回
  'rebounded', // 反弹
] as const;
export type TaskState = (typeof TASK_STATES)[number];

export type Colour = 'red' | 'yellow' | 'green';

/** Why an item has its colour; the UI words each code in the user's language. */
export type ColourReason =
  | { code: 'rebounded' }
  | { code: 'past_deadline'; days: number; due: string }
  | { code: 'report_overdue'; days: number; due: string }
  | { code: 'behind_schedule'; daysLeft: number; progress: number; elapsed: number }
  | { code: 'recheck_due'; days: number; due: string }
  | { code: 'accepted' }
  | { code: 'ongoing' }
  | { code: 'on_track' };

/** 红黄绿 thresholds: configuration, not code. */
export interface ColourThresholds {
  /** A deadline within this many days is "near". */
  nearDays: number;
  /** A report overdue by more than this many days turns the item red rather than yellow. */
  reportOverdueRedDays: number;
}

export const DEFAULT_THRESHOLDS: ColourThresholds = { nearDays: 30, reportOverdueRedDays: 30 };

export interface ColourFacts {
  state: TaskState;
  deadline: Deadline;
  /** When the work started (the list's start or the item's assignment). */
  start: string;
  /** Latest reported progress in percent, if any. */
  progress: number | null;
  /** The report owed now, if any (see schedule.missedReport). */
  missedReport: { due: string; daysLate: number } | null;
  /** The earliest 回头看 due on or before today and not yet done, if any (only accepted items have them). */
  recheckDue?: string | null;
  today: string;
}

const RANK: Record<Colour, number> = { green: 0, yellow: 1, red: 2 };

/**
 * 红黄绿, computed from the facts, never typed in. Every rule that applies adds its reason; the
 * colour is that of the worst one.
 */
export function colourOf(facts: ColourFacts, thresholds: ColourThresholds = DEFAULT_THRESHOLDS): { colour: Colour; reasons: ColourReason[] } {
  const found: { colour: Colour; reason: ColourReason }[] = [];
  if (facts.state === 'rebounded') found.push({ colour: 'red', reason: { code: 'rebounded' } });
  if (facts.state === 'accepted') {
    // An accepted item stays closed, but a 回头看 left undone past its date is the acceptance unit's lapse to see.
    if (facts.recheckDue && facts.recheckDue <= facts.today) {
      return { colour: 'yellow', reasons: [{ code: 'recheck_due', due: facts.recheckDue, days: daysBetween(facts.recheckDue, facts.today) }] };
    }
    return { colour: 'green', reasons: [{ code: 'accepted' }] };
  }

  if (facts.deadline.kind === 'date') {
    const daysLeft = daysBetween(facts.today, facts.deadline.due);
    if (daysLeft < 0) {
      found.push({ colour: 'red', reason: { code: 'past_deadline', days: -daysLeft, due: facts.deadline.due } });
    } else if (daysLeft <= thresholds.nearDays) {
      const total = Math.max(1, daysBetween(facts.start, facts.deadline.due));
      const elapsed = Math.min(100, Math.max(0, Math.round((daysBetween(facts.start, facts.today) / total) * 100)));
      const progress = facts.progress ?? 0;
      if (progress < elapsed) found.push({ colour: 'yellow', reason: { code: 'behind_schedule', daysLeft, progress, elapsed } });
    }
  }
  if (facts.missedReport) {
    const { due, daysLate } = facts.missedReport;
    found.push({ colour: daysLate > thresholds.reportOverdueRedDays ? 'red' : 'yellow', reason: { code: 'report_overdue', days: daysLate, due } });
  }
  if (found.length === 0) {
    return { colour: 'green', reasons: [facts.deadline.kind === 'ongoing' ? { code: 'ongoing' } : { code: 'on_track' }] };
  }
  const colour = found.reduce<Colour>((worst, f) => (RANK[f.colour] > RANK[worst] ? f.colour : worst), 'green');
  return { colour, reasons: found.map((f) => f.reason) };
}

/** A reason in words, for exports and notices (the UI has its own message files). */
export function describeReason(reason: ColourReason): string {
  switch (reason.code) {
    case 'rebounded':
      return '回头看未通过，问题反弹';
    case 'past_deadline':
      return `已超过完成时限（${reason.due}）${reason.days} 天，尚未销号`;
    case 'report_overdue':
      return `${reason.due} 应报的进度已逾期 ${reason.days} 天`;
    case 'behind_schedule':
      return `距完成时限 ${reason.daysLeft} 天，进度 ${reason.progress}% 落后于时间进度 ${reason.elapsed}%`;
    case 'recheck_due':
      return reason.days === 0 ? `已销号，今日（${reason.due}）应开展回头看` : `已销号，回头看应于 ${reason.due} 开展，已逾期 ${reason.days} 天`;
    case 'accepted':
      return '已销号';
    case 'ongoing':
      return '长期推进，按期报送进度';
    case 'on_track':
      return '按计划推进';
  }
}

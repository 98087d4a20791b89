// Shapes of the task supervision (任务督办) API. The item, its states, colours and reasons come from
// the server's own definitions, so the UI cannot drift from the API.
export type { TaskItem } from '../../../src/tasks/store.ts';
export type { Colour, ColourReason, TaskState } from '../../../src/tasks/colour.ts';
export type { Deadline } from '../../../src/tasks/deadline.ts';
export type { UnitRole } from '../../../src/tasks/plan.ts';
export { TASK_STATES } from '../../../src/tasks/colour.ts';
import type { TaskItem } from '../../../src/tasks/store.ts';

export const COLOURS = ['red', 'yellow', 'green'] as const;
export const UNIT_ROLE_ORDER = ['lead', 'responsible', 'supervising'] as const;
export const MINE_FILTERS = ['lead', 'responsible', 'supervising', 'acceptance'] as const;
export type MineFilter = (typeof MINE_FILTERS)[number];

/** A task list (督办清单) with its 红黄绿 counts. */
export interface TaskListSummary {
  key: string;
  title: string;
  doc: string | null;
  year: number;
  reportSchedule: string;
  /** Where the schedule comes from: the document's words, or who set it and when; null for the platform default. */
  scheduleSource: string | null;
  scheduleIsDefault: boolean;
  items: number;
  red: number;
  yellow: number;
  green: number;
}

import type { TaskDetail } from '../../../src/tasks/detail.ts';
export type { TaskDetail };
export type TaskMilestone = TaskDetail['milestones'][number];
export type TaskReport = TaskDetail['reports'][number];
export type TaskEvidence = TaskDetail['evidence'][number];
export type TaskTransition = TaskDetail['transitions'][number];
export type TaskRecheck = TaskDetail['rechecks'][number];
export type TaskTarget = TaskDetail['targets'][number];
export type TaskAsset = TaskDetail['assets'][number];

export const INBOX_GROUPS = ['toAccept', 'recheckDue', 'returned', 'rebounded', 'overdue', 'dueSoon', 'reportOverdue', 'accepted'] as const;
export type InboxGroup = (typeof INBOX_GROUPS)[number];
export type Inbox = Record<InboxGroup, TaskItem[]>;

/** An item on the public page (整改公开). */
export interface PublicTask {
  id: number;
  listTitle: string;
  ref: string;
  parentId: number | null;
  parentRef: string | null;
  title: string;
  deadlineText: string | null;
  state: string;
  colour: 'red' | 'yellow' | 'green';
}

export type TransitionAction = 'apply' | 'accept' | 'return' | 'recheck_pass' | 'recheck_fail';

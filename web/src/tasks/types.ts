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
  items: number;
  red: number;
  yellow: number;
  green: number;
}

export interface TaskMilestone {
  id: number;
  subject: string;
  unit: string | null;
  year: number;
  quantity: number;
  cumulative: boolean;
  /** The district's organisation name, when the text names one. */
  district: string | null;
  /** The district as the document writes it (市本级, 经开区 …). */
  district_written_as?: string | null;
}

export interface TaskReport {
  id: number;
  filedOn: string;
  author: string;
  text: string;
  progress: number | null;
  milestoneId: number | null;
  quantity: number | null;
  late: boolean;
}

export interface TaskEvidence {
  id: number;
  reportId: number | null;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  uploadedAt: string;
}

export interface TaskTransition {
  id: number;
  action: string;
  from: string;
  to: string;
  actor: string;
  reason: string | null;
  at: string;
}

export interface TaskRecheck {
  id: number;
  dueOn: string;
  doneAt: string | null;
  passed: boolean | null;
  reason: string | null;
}

export interface TaskTarget {
  text: string;
  quantity?: number | null;
  unit?: string | null;
  subject?: string | null;
  deadline?: string | null;
}

export interface TaskAsset {
  kind?: string;
  name?: string;
  district?: string;
  status?: string;
  [key: string]: unknown;
}

/** One item with everything the item page shows. */
export interface TaskDetail extends TaskItem {
  text: string;
  reasonsText: string[];
  targets: TaskTarget[] | null;
  indicator: { row?: number; name?: string } | null;
  persons: string[] | null;
  assets: TaskAsset[] | null;
  units_as_written: Partial<Record<'lead' | 'responsible' | 'supervising', string[]>> | null;
  children: TaskItem[];
  milestones: TaskMilestone[];
  reports: TaskReport[];
  evidence: TaskEvidence[];
  transitions: TaskTransition[];
  rechecks: TaskRecheck[];
  standing: { responsible: boolean; acceptor: boolean };
}

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

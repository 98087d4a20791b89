// Shapes of the task chart endpoints (时限一览, 节点进度), from the server's own definitions.
import type { MonthCount, TimelineEntry } from '../../../src/tasks/timeline.ts';
import type { SubjectProgress } from '../../../src/tasks/milestone-progress.ts';

export type { MonthCount, TimelineEntry } from '../../../src/tasks/timeline.ts';
export type { CurrentProgress, DistrictProgress, ProgressSeries, SubjectProgress } from '../../../src/tasks/milestone-progress.ts';

/** GET /api/tasks/timeline */
export interface TimelineResponse {
  items: TimelineEntry[];
  total: number;
  page: number;
  pageSize: number;
  ongoing: TimelineEntry[];
  undated: number;
  months: MonthCount[];
}

/** GET /api/tasks/items/:id/milestone-progress */
export interface MilestoneProgressResponse {
  itemId: number;
  currentYear: number;
  subjects: SubjectProgress[];
}

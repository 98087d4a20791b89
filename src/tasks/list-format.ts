/**
 * A task list as the documents write it (seeds/<city>/tasks/*.json, described in SCHEMA.md there).
 * The seed files and a user's import of next year's list go through the same planning and import.
 */
export interface TaskListInput {
  list: {
    key: string;
    doc: string | null;
    title: string;
    year: number;
    reportSchedule: string | null;
    scheduleSource?: string | null;
    acceptance: 'supervisor' | 'lead' | 'coordinator';
    acceptanceSource?: string | null;
  };
  items: TaskItemInput[];
}

export interface TaskItemInput {
  ref: string;
  heading?: string | null;
  title: string;
  text: string;
  clause: string;
  lead?: string[];
  responsible?: string[];
  supervising?: string[];
  /** 包保责任人 named by the document, as written; imported as task_person rows. */
  persons?: string[];
  deadline?: string | null;
  targets?: unknown[];
  indicator?: unknown;
  public?: boolean;
  milestones?: MilestoneInput[];
  assets?: unknown[];
  children?: TaskItemInput[];
}

export interface MilestoneInput {
  subject: string;
  unit?: string | null;
  district?: string | null;
  year: number;
  quantity: number;
  cumulative?: boolean;
}

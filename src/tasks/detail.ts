import { Type, type Static } from 'typebox';
import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { Principal } from '../auth/access.ts';
import { Nullable } from '../server/schemas.ts';
import { describeReason } from './colour.ts';
import { TaskItemSchema } from './schemas.ts';
import { item, items, standingOf } from './service.ts';
import type { TaskItem } from './store.ts';

// The import takes targets, assets and indicators as the list's author wrote them, so their
// objects may carry more than the fields named here.
const Open = { additionalProperties: true } as const;

const WrittenUnits = Type.Object({
  lead: Type.Optional(Type.Array(Type.String())),
  responsible: Type.Optional(Type.Array(Type.String())),
  supervising: Type.Optional(Type.Array(Type.String())),
});

export const TaskMilestoneSchema = Type.Object({
  id: Type.Integer(),
  subject: Type.String(),
  unit: Nullable(Type.String()),
  year: Type.Integer(),
  quantity: Type.Number(),
  cumulative: Type.Boolean({ description: 'true：数量为截至该年累计；false：当年数量' }),
  district: Nullable(Type.String({ description: '县区（组织名称）；不指县区时为空' })),
  districtWrittenAs: Nullable(Type.String({ description: '文件原文写法，如 市本级、经开区' })),
});

export const TaskReportSchema = Type.Object({
  id: Type.Integer(),
  filedOn: Type.String({ format: 'date' }),
  author: Type.String(),
  text: Type.String(),
  progress: Nullable(Type.Number()),
  milestoneId: Nullable(Type.Integer()),
  quantity: Nullable(Type.Number()),
  late: Type.Boolean(),
});

export const TaskEvidenceSchema = Type.Object({
  id: Type.Integer(),
  reportId: Nullable(Type.Integer()),
  fileName: Type.String(),
  mediaType: Type.String(),
  size: Type.Integer(),
  sha256: Type.String(),
  uploadedAt: Type.String({ format: 'date-time' }),
});

export const TaskTransitionSchema = Type.Object({
  id: Type.Integer(),
  action: Type.String(),
  from: Type.String(),
  to: Type.String(),
  actor: Type.String(),
  reason: Nullable(Type.String()),
  at: Type.String({ format: 'date-time' }),
});

export const TaskRecheckSchema = Type.Object({
  id: Type.Integer(),
  dueOn: Type.String({ format: 'date' }),
  doneAt: Nullable(Type.String({ format: 'date-time' })),
  passed: Nullable(Type.Boolean()),
  reason: Nullable(Type.String()),
});

export const TaskDetailSchema = Type.Object({
  ...TaskItemSchema.properties,
  reasonsText: Type.Array(Type.String(), { description: '红黄绿原因（中文）' }),
  text: Type.String({ description: '文件原文' }),
  targets: Type.Array(
    Type.Object(
      {
        text: Type.Optional(Type.String()),
        quantity: Type.Optional(Nullable(Type.Number())),
        unit: Type.Optional(Nullable(Type.String())),
        subject: Type.Optional(Nullable(Type.String())),
        deadline: Type.Optional(Nullable(Type.String())),
      },
      Open,
    ),
  ),
  indicator: Nullable(Type.Object({ row: Type.Optional(Type.Integer()), name: Type.Optional(Type.String()) }, Open)),
  assets: Type.Array(
    Type.Object({ kind: Type.Optional(Type.String()), name: Type.Optional(Type.String()), district: Type.Optional(Type.String()), status: Type.Optional(Type.String()) }, Open),
  ),
  unitsAsWritten: WrittenUnits,
  children: Type.Array(TaskItemSchema),
  milestones: Type.Array(TaskMilestoneSchema),
  reports: Type.Array(TaskReportSchema),
  evidence: Type.Array(TaskEvidenceSchema),
  transitions: Type.Array(TaskTransitionSchema),
  rechecks: Type.Array(TaskRecheckSchema),
  standing: Type.Object({ responsible: Type.Boolean(), acceptor: Type.Boolean() }),
});

/** One item with everything its page shows; the item as of today, the rest as recorded. */
export type TaskDetail = Omit<Static<typeof TaskDetailSchema>, keyof TaskItem | 'children'> & TaskItem & { children: TaskItem[] };

const iso = (value: Date | string) => (value instanceof Date ? value.toISOString() : new Date(value).toISOString());
const numberOrNull = (value: string | number | null) => (value === null ? null : Number(value));

export async function itemDetail(db: Db, principal: Principal, id: number): Promise<TaskDetail> {
  const task = await item(db, id);
  const [source, children, milestones, reports, evidence, transitions, rechecks, standing] = await Promise.all([
    db.selectFrom('task_item').select(['text', 'targets', 'indicator', 'assets', 'units_as_written']).where('id', '=', id).executeTakeFirstOrThrow(),
    db.selectFrom('task_item').select('id').where('parent_id', '=', id).orderBy('position').execute(),
    db
      .selectFrom('task_milestone as m')
      .leftJoin('organisation as o', 'o.id', 'm.organisation_id')
      .select(['m.id', 'm.subject', 'm.unit', 'm.year', 'm.quantity', 'm.cumulative', 'o.name as district', 'm.district_written_as as districtWrittenAs'])
      .where('m.item_id', '=', id)
      .orderBy('m.subject')
      .orderBy('m.year')
      .execute(),
    db
      .selectFrom('task_report')
      .select(['id', sql<string>`filed_on::text`.as('filedOn'), 'author_name as author', 'text', 'progress', 'milestone_id as milestoneId', 'quantity', 'late'])
      .where('item_id', '=', id)
      .orderBy('id', 'desc')
      .execute(),
    db
      .selectFrom('task_evidence')
      .select(['id', 'report_id as reportId', 'file_name as fileName', 'media_type as mediaType', 'size', 'sha256', 'uploaded_at as uploadedAt'])
      .where('item_id', '=', id)
      .orderBy('id')
      .execute(),
    db.selectFrom('task_transition').select(['id', 'action', 'from_state as from', 'to_state as to', 'actor_name as actor', 'reason', 'at']).where('item_id', '=', id).orderBy('id').execute(),
    db.selectFrom('task_recheck').select(['id', sql<string>`due_on::text`.as('dueOn'), 'done_at as doneAt', 'passed', 'reason']).where('item_id', '=', id).orderBy('due_on').execute(),
    standingOf(principal, task),
  ]);
  return {
    ...task,
    reasonsText: task.reasons.map(describeReason),
    text: source.text,
    targets: (source.targets ?? []) as TaskDetail['targets'],
    indicator: (source.indicator ?? null) as TaskDetail['indicator'],
    assets: (source.assets ?? []) as TaskDetail['assets'],
    unitsAsWritten: (source.units_as_written ?? {}) as TaskDetail['unitsAsWritten'],
    children: children.length ? await items(db, { ids: children.map((c) => c.id) }) : [],
    milestones: milestones.map((m) => ({ ...m, quantity: Number(m.quantity) })),
    reports: reports.map((r) => ({ ...r, progress: numberOrNull(r.progress), quantity: numberOrNull(r.quantity) })),
    evidence: evidence.map((e) => ({ ...e, uploadedAt: iso(e.uploadedAt) })),
    transitions: transitions.map((t) => ({ ...t, at: iso(t.at) })),
    rechecks: rechecks.map((r) => ({ ...r, doneAt: r.doneAt === null ? null : iso(r.doneAt) })),
    standing,
  };
}

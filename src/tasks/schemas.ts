import { Type } from 'typebox';
import { Nullable } from '../server/schemas.ts';
import { TASK_STATES } from './colour.ts';
import { TASK_ACTIONS } from './workflow.ts';

export const StateSchema = Type.Union(TASK_STATES.map((s) => Type.Literal(s)));
export const ColourSchema = Type.Union([Type.Literal('red'), Type.Literal('yellow'), Type.Literal('green')]);
export const ActionSchema = Type.Union(TASK_ACTIONS.filter((a) => a !== 'report').map((a) => Type.Literal(a)));

export const TaskItemSchema = Type.Object({
  id: Type.Integer(),
  listId: Type.Integer(),
  listKey: Type.String(),
  listTitle: Type.String(),
  doc: Nullable(Type.String()),
  parentId: Nullable(Type.Integer()),
  parentRef: Nullable(Type.String()),
  ref: Type.String(),
  heading: Nullable(Type.String()),
  title: Type.String(),
  clause: Type.String(),
  deadlineText: Nullable(Type.String()),
  deadline: Type.Unknown(),
  state: Type.String(),
  progress: Nullable(Type.Number()),
  public: Type.Boolean(),
  units: Type.Array(Type.Object({ role: Type.String(), organisationId: Type.Integer(), name: Type.String(), writtenAs: Type.String() })),
  acceptanceUnitId: Nullable(Type.Integer()),
  colour: ColourSchema,
  reasons: Type.Array(Type.Unknown()),
  nextReportDue: Nullable(Type.String()),
  recheckDue: Nullable(Type.String({ format: 'date' })),
  lastReportOn: Nullable(Type.String()),
});

// Shapes of the 目标指标 endpoints (src/targets/routes.ts), built on the server's own definitions.
import type { AssessmentReason, AssessmentStatus, Requirement, TargetAssessment } from '../../../src/targets/assess.ts';
import type { Attribute, Binding, Comparator, Direction, QualitativeStatus, Target } from '../../../src/targets/model.ts';
import type { ComputedValue, ValueOrigin } from '../../../src/targets/series.ts';
import type { ValueAction, ValueState } from '../../../src/targets/value-workflow.ts';

export type { AssessmentReason, AssessmentStatus, Attribute, Binding, Comparator, ComputedValue, Direction, QualitativeStatus, Requirement, Target, ValueAction, ValueOrigin, ValueState };

export const STATUSES = ['met', 'on_track', 'at_risk', 'not_met', 'no_data'] as const satisfies readonly AssessmentStatus[];
export const VALUE_STATES = ['draft', 'submitted', 'approved', 'returned'] as const satisfies readonly ValueState[];
export const QUALITATIVE_STATUSES = ['not_started', 'in_progress', 'done'] as const satisfies readonly QualitativeStatus[];
export const PERIODS = ['year', 'Q1', 'Q2', 'Q3', 'Q4', 'M01', 'M02', 'M03', 'M04', 'M05', 'M06', 'M07', 'M08', 'M09', 'M10', 'M11', 'M12'] as const;

export interface TargetDocument {
  id: string;
  title: string;
  targets: number;
}

export interface TargetUnit {
  role: string;
  organisationId: number;
  name: string;
  writtenAs: string;
}

export interface TargetRow {
  id: number;
  indicatorId: number;
  doc: string;
  clause: string;
  group: string | null;
  domain: string | null;
  row: number | null;
  sub: number | null;
  rowName: string | null;
  nameAsWritten: string;
  targetAsWritten: string;
  year: number;
  deadlineText: string | null;
  target: Target;
  attribute: Attribute | null;
  note: string | null;
  noteEn: string | null;
  units: TargetUnit[];
}

export interface Assessment {
  status: AssessmentStatus;
  reasons: AssessmentReason[];
  reasonsText: string[];
  projected?: NonNullable<TargetAssessment['projected']>;
  gap?: NonNullable<TargetAssessment['gap']>;
  requirement?: Requirement;
}

export interface LatestValue {
  year: number;
  period: string;
  value: number | null;
  status: string | null;
  source: string;
  origin: ValueOrigin;
}

export interface DistrictAssessment {
  organisationId: number;
  name: string;
  status: AssessmentStatus;
  reasons: AssessmentReason[];
  reasonsText: string[];
}

/** Where an indicator's values come from (src/targets/series.ts IndicatorSource). */
export interface IndicatorSource {
  origin: ValueOrigin;
  binding: (Binding & { status: 'active' | 'pending'; itemId?: number; itemTitle?: string; found?: boolean }) | null;
  formula: { expression: string; operands: { key: string; name: string; unit: string | null }[] } | null;
  computed: ComputedValue[];
}

export interface AssessedTarget {
  target: TargetRow;
  indicator: { key: string; name: string; unit: string | null };
  assessment: Assessment;
  districts: DistrictAssessment[];
  latest: LatestValue | null;
}

/** GET /api/targets/scorecard */
export interface Scorecard {
  doc: string;
  title: string;
  asOfYear: number;
  counts: Record<string, number>;
  groups: { name: string | null; rows: AssessedTarget[] }[];
}

/** GET /api/indicators (one row) */
export interface IndicatorSummary {
  key: string;
  name: string;
  unit: string | null;
  docs: string[];
  targets: number;
  status: AssessmentStatus | null;
  latest: LatestValue | null;
  origin: ValueOrigin;
  bindingStatus: 'active' | 'pending' | null;
}

export interface ValueEvent {
  action: string;
  from: string | null;
  to: string;
  reason: string | null;
  /** The user name, and the person's name while the account exists. */
  actor: string;
  actorName: string | null;
  at: string;
}

export interface IndicatorValue {
  id: number;
  scopeId: number;
  scopeName: string;
  scopeKind: string;
  year: number;
  period: string;
  value: number | null;
  status: string | null;
  source: string;
  note: string | null;
  state: ValueState;
  enteredBy: string | null;
  enteredById: number | null;
  enteredAt: string;
  reviewReason: string | null;
  evidence: { id: number; fileName: string; size: number; sha256: string }[];
  events: ValueEvent[];
}

export interface Baseline {
  year: number;
  value: number | null;
  asWritten: string;
  doc: string | null;
  clause: string;
  note: string | null;
  noteEn: string | null;
}

export interface IndicatorStanding {
  enters: boolean;
  reviews: boolean;
  manages: boolean;
  scopes: { id: number; name: string }[];
}

/** GET /api/indicators/:key */
export interface IndicatorDetail {
  key: string;
  name: string;
  aliases: string[];
  unit: string | null;
  direction: Direction;
  note: string | null;
  noteEn: string | null;
  asOfYear: number;
  source: IndicatorSource;
  baselines: Baseline[];
  targets: AssessedTarget[];
  values: IndicatorValue[];
  figures: { targetId: number; year: number; value: number; source: string }[];
  standing: IndicatorStanding;
}

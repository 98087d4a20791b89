import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { Attribute, Binding, Direction, Period, PeriodValue, QualitativeStatus, Target } from './model.ts';

export type TargetUnitRole = 'lead' | 'responsible' | 'supervising';

/** One target of one indicator, placed as its document places it. */
export interface TargetView {
  id: number;
  indicatorId: number;
  doc: string;
  clause: string;
  group: string | null;
  /** 领域 (000 附件2). */
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
  position: number;
  units: { role: TargetUnitRole; organisationId: number; name: string; writtenAs: string }[];
}

export interface IndicatorView {
  id: number;
  key: string;
  name: string;
  aliases: string[];
  unit: string | null;
  direction: Direction;
  formula: { expression: string } | null;
  binding: Binding | null;
  note: string | null;
  noteEn: string | null;
  baselines: { year: number; value: number | null; asWritten: string; doc: string | null; clause: string; note: string | null; noteEn: string | null }[];
  targets: TargetView[];
}

const num = (value: string | number | null): number | null => (value === null ? null : Number(value));

/** Indicators with their baselines and targets, in the order of first appearance. */
export async function loadIndicators(db: Db, filter: { keys?: string[]; ids?: number[] } = {}): Promise<IndicatorView[]> {
  let q = db.selectFrom('indicator').selectAll();
  if (filter.keys) q = q.where('key', 'in', filter.keys.length ? filter.keys : ['']);
  if (filter.ids) q = q.where('id', 'in', filter.ids.length ? filter.ids : [-1]);
  const indicators = await q.orderBy('position').execute();
  if (indicators.length === 0) return [];
  const ids = indicators.map((i) => i.id);
  const [baselines, targets, units] = await Promise.all([
    db.selectFrom('indicator_baseline').selectAll().where('indicator_id', 'in', ids).orderBy('year').orderBy('id').execute(),
    db.selectFrom('indicator_target').selectAll().where('indicator_id', 'in', ids).orderBy('position').execute(),
    db
      .selectFrom('indicator_target_unit as u')
      .innerJoin('indicator_target as t', 't.id', 'u.target_id')
      .innerJoin('organisation as o', 'o.id', 'u.organisation_id')
      .select(['u.target_id', 'u.role', 'u.organisation_id', 'o.name', 'u.written_as'])
      .where('t.indicator_id', 'in', ids)
      .orderBy('u.position')
      .execute(),
  ]);
  return indicators.map((i) => ({
    id: i.id,
    key: i.key,
    name: i.name,
    aliases: i.aliases,
    unit: i.unit,
    direction: i.direction,
    formula: i.formula,
    binding: (i.binding as Binding | null) ?? null,
    note: i.note,
    noteEn: i.note_en,
    baselines: baselines
      .filter((b) => b.indicator_id === i.id)
      .map((b) => ({ year: b.year, value: num(b.value), asWritten: b.as_written, doc: b.doc, clause: b.clause, note: b.note, noteEn: b.note_en })),
    targets: targets
      .filter((t) => t.indicator_id === i.id)
      .map((t) => ({
        id: t.id,
        indicatorId: i.id,
        doc: t.doc,
        clause: t.clause,
        group: t.group_name,
        domain: t.domain,
        row: t.row_number,
        sub: t.sub,
        rowName: t.row_name_as_written,
        nameAsWritten: t.name_as_written,
        targetAsWritten: t.target_as_written,
        year: t.year,
        deadlineText: t.deadline_text,
        target: t.target as Target,
        attribute: t.attribute,
        note: t.note,
        noteEn: t.note_en,
        position: t.position,
        units: units
          .filter((u) => u.target_id === t.id)
          .map((u) => ({ role: u.role, organisationId: u.organisation_id, name: u.name, writtenAs: u.written_as })),
      })),
  }));
}

/** What assessments need of the approved values: numbers by scope, and the latest qualitative status. */
export interface ApprovedValues {
  numbers: PeriodValue[];
  status: QualitativeStatus | null;
  evidence: boolean;
  latest: { year: number; period: Period; value: number | null; status: QualitativeStatus | null; source: string } | null;
}

/** Approved values up to `asOfYear`, by indicator and scope. */
export async function approvedValues(db: Db, indicatorIds: number[], asOfYear = 9999): Promise<Map<number, Map<number, ApprovedValues>>> {
  const rows = indicatorIds.length
    ? await db
        .selectFrom('indicator_value as v')
        .select([
          'v.indicator_id',
          'v.scope_id',
          'v.year',
          'v.period',
          'v.value',
          'v.status',
          'v.source',
          sql<boolean>`EXISTS (SELECT 1 FROM indicator_value_evidence e WHERE e.value_id = v.id)`.as('has_evidence'),
        ])
        .where('v.indicator_id', 'in', indicatorIds)
        .where('v.state', '=', 'approved')
        .where('v.year', '<=', asOfYear)
        .orderBy('v.year')
        .orderBy('v.period')
        .execute()
    : [];
  const result = new Map<number, Map<number, ApprovedValues>>();
  for (const row of rows) {
    const byScope = result.get(row.indicator_id) ?? new Map<number, ApprovedValues>();
    const entry = byScope.get(row.scope_id) ?? { numbers: [], status: null, evidence: false, latest: null };
    const value = num(row.value);
    if (value !== null) entry.numbers.push({ year: row.year, period: row.period as Period, value });
    if (row.status) {
      entry.status = row.status;
      entry.evidence = row.has_evidence;
    }
    // Rows come by year, then period (M.. < Q.. < year): the whole year wins, else the last period given.
    const later = !entry.latest || row.year > entry.latest.year || entry.latest.period !== 'year';
    if (later) entry.latest = { year: row.year, period: row.period as Period, value, status: row.status, source: row.source };
    byScope.set(row.scope_id, entry);
    result.set(row.indicator_id, byScope);
  }
  return result;
}

export async function externalFigures(db: Db, targetIds: number[]): Promise<Map<number, { year: number; value: number; source: string }[]>> {
  const rows = targetIds.length
    ? await db.selectFrom('indicator_external_figure').select(['target_id', 'year', 'value', 'source']).where('target_id', 'in', targetIds).orderBy('year').execute()
    : [];
  const result = new Map<number, { year: number; value: number; source: string }[]>();
  for (const r of rows) result.set(r.target_id, [...(result.get(r.target_id) ?? []), { year: r.year, value: Number(r.value), source: r.source }]);
  return result;
}

import type { Db } from '../../db/connect.ts';
import type { AssessmentStatus } from '../assess.ts';
import type { Attribute, Period, QualitativeStatus } from '../model.ts';
import { assessIndicators, cityScopeId, loadIndicators } from '../service.ts';
import type { TargetView } from '../store.ts';
import { latestOf } from './latest.ts';

/** The city's latest approved value of an indicator up to the year of assessment. */
export interface LatestValue {
  year: number;
  period: Period;
  value: number | null;
  status: QualitativeStatus | null;
  source: string;
}

/** One target of a document as the exports print it: as written, with its assessment for the city. */
export interface ExportLine {
  target: TargetView;
  indicator: { key: string; name: string; unit: string | null };
  /** The baseline this document states beside the target (001's 2020 基准值), as written. */
  baseline: { year: number; asWritten: string } | null;
  status: AssessmentStatus;
  reasons: string[];
  latest: LatestValue | null;
  /** 牵头单位, 责任单位 and 督导单位 exactly as the document writes them. */
  written: { lead: string[]; responsible: string[]; supervising: string[] };
}

export interface ExportDocument {
  id: string;
  title: string;
  lines: ExportLine[];
}

/**
 * A table's rows by their number, sub-indicators in turn; targets outside a table by position. (Positions
 * follow the indicators' first appearance across documents, so they do not keep 附件2's row order.)
 */
const documentOrder = (a: ExportLine, b: ExportLine) =>
  (a.target.row ?? Infinity) - (b.target.row ?? Infinity) || (a.target.sub ?? 0) - (b.target.sub ?? 0) || a.target.position - b.target.position;

const words = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

/**
 * The targets of each document (or of one), in the document's order, assessed as of `asOfYear` with the
 * latest city value approved by then; documents without a target of the filter are left out.
 */
export async function assessedDocuments(db: Db, asOfYear: number, filter: { doc?: string; attribute?: Attribute | 'unlabelled' } = {}): Promise<ExportDocument[]> {
  let targetQuery = db.selectFrom('indicator_target').select(['id', 'indicator_id', 'units_as_written']);
  if (filter.doc) targetQuery = targetQuery.where('doc', '=', filter.doc);
  if (filter.attribute === 'unlabelled') targetQuery = targetQuery.where('attribute', 'is', null);
  else if (filter.attribute) targetQuery = targetQuery.where('attribute', '=', filter.attribute);
  const targets = await targetQuery.execute();
  const indicatorIds = [...new Set(targets.map((t) => t.indicator_id))];
  const [indicators, documents, cityId] = await Promise.all([
    loadIndicators(db, { ids: indicatorIds }),
    db.selectFrom('source_document').select(['id', 'title']).orderBy('id').execute(),
    cityScopeId(db),
  ]);
  const [assessed, values] = await Promise.all([
    assessIndicators(db, indicators, asOfYear),
    indicatorIds.length
      ? db
          .selectFrom('indicator_value')
          .select(['indicator_id', 'year', 'period', 'value', 'status', 'source'])
          .where('indicator_id', 'in', indicatorIds)
          .where('scope_id', '=', cityId)
          .where('state', '=', 'approved')
          .where('year', '<=', asOfYear)
          .execute()
      : [],
  ]);
  const written = new Map(targets.map((t) => [t.id, (t.units_as_written ?? {}) as Record<string, unknown>]));
  const lines: ExportLine[] = indicators.flatMap((indicator) => {
    const latest = latestOf(
      values
        .filter((v) => v.indicator_id === indicator.id)
        .map((v) => ({ year: v.year, period: v.period as Period, value: v.value === null ? null : Number(v.value), status: v.status, source: v.source })),
    );
    return indicator.targets
      .filter((t) => written.has(t.id))
      .map((target) => {
        const assessment = assessed.get(target.id)!;
        const units = written.get(target.id)!;
        // A computed or derived value is not in indicator_value: the assessment's series has it.
        const current = assessment.latest && assessment.latest.origin !== 'entered' ? assessment.latest : latest;
        const baseline =
          indicator.baselines.find((b) => b.doc === target.doc && b.clause === target.clause) ?? indicator.baselines.find((b) => b.doc === target.doc) ?? null;
        return {
          target,
          indicator: { key: indicator.key, name: indicator.name, unit: indicator.unit },
          baseline: baseline && { year: baseline.year, asWritten: baseline.asWritten },
          status: assessment.city.status,
          reasons: assessment.city.reasonsText,
          latest: current && { year: current.year, period: current.period, value: current.value, status: current.status, source: current.source },
          written: { lead: words(units.lead), responsible: words(units.responsible), supervising: words(units.supervising) },
        };
      });
  });
  return documents
    .map((d) => ({ id: d.id, title: d.title, lines: lines.filter((l) => l.target.doc === d.id).sort(documentOrder) }))
    .filter((d) => d.lines.length > 0);
}

/**
 * 主要任务 of a document's indicator table, by row: the text of the task-list item that digitizes the row
 * (000 附件2: each row is an item whose `indicator` names its row).
 */
export async function rowTasks(db: Db, doc: string): Promise<Map<number, string>> {
  const items = await db
    .selectFrom('task_item as i')
    .innerJoin('task_list as l', 'l.id', 'i.list_id')
    .select(['i.indicator', 'i.text'])
    .where('l.doc', '=', doc)
    .where('i.parent_id', 'is', null)
    .where('i.indicator', 'is not', null)
    .orderBy('l.id')
    .orderBy('i.position')
    .execute();
  const byRow = new Map<number, string>();
  for (const item of items) {
    const row = Number((item.indicator as { row?: unknown }).row);
    if (Number.isInteger(row) && !byRow.has(row)) byRow.set(row, item.text);
  }
  return byRow;
}

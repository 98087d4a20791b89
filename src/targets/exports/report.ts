import type { Db } from '../../db/connect.ts';
import { getSetting, SETTING_KEYS } from '../../settings/store.ts';
import type { AssessmentStatus } from '../assess.ts';
import { STATUS_LABELS, STATUS_ORDER, valueText } from './labels.ts';
import { assessedDocuments, type ExportLine } from './rows.ts';

/** One binding target in the report. */
export interface ReportLine {
  targetId: number;
  docTitle: string;
  /** The indicator's name, and the clause that sets the target ("专栏一 序号14"). */
  name: string;
  clause: string;
  /** The target as written, with its deadline or year: "<27.0（2025年）", "制定实施（持续推进）". */
  target: string;
  latest: string;
  status: AssessmentStatus;
  reasons: string;
}

/** A lead unit with its binding targets at risk or not met. */
export interface ReportUnit {
  /** null for targets whose document names no lead unit. */
  organisationId: number | null;
  name: string;
  notMet: number;
  atRisk: number;
  lines: ReportLine[];
}

export type StatusCounts = Record<AssessmentStatus, number>;

/** 年度目标评估报告: every binding (约束性) target, assessed as of a year. */
export interface AssessmentReport {
  year: number;
  /** 成文日期, ISO. */
  date: string;
  city: string;
  issuer: string | null;
  counts: StatusCounts;
  documents: { id: string; title: string; counts: StatusCounts; lines: ReportLine[] }[];
  units: ReportUnit[];
  /**
   * Documents that label no target 约束性 or 预期性 (002, 003, 004): how many targets each sets, and those
   * whose indicator another document makes binding — shown apart, not counted as binding.
   */
  unlabelled: { id: string; title: string; targets: number; lines: ReportLine[] }[];
}

export const NO_LEAD_UNIT = '文件未明确牵头单位';

const FLAGGED: readonly AssessmentStatus[] = ['not_met', 'at_risk'];

function countsOf(lines: readonly { status: AssessmentStatus }[]): StatusCounts {
  return Object.fromEntries(STATUS_ORDER.map((s) => [s, lines.filter((l) => l.status === s).length])) as StatusCounts;
}

function reportLine(line: ExportLine, docTitle: string): ReportLine {
  const { target } = line;
  return {
    targetId: target.id,
    docTitle,
    name: line.indicator.name,
    clause: target.clause,
    target: `${target.targetAsWritten || '（原文未填写）'}（${target.deadlineText ?? `${target.year}年`}）`,
    latest: line.latest ? valueText(line.latest, line.indicator.unit) : '—',
    status: line.status,
    reasons: line.reasons.join('；'),
  };
}

/**
 * The binding targets of every document as of `year`, and those 有风险 or 未达标 under each lead unit
 * (a target once under each unit it names, units with the most 未达标 first; targets whose document names
 * no lead unit last).
 */
export async function assessmentReport(db: Db, year: number, date: string): Promise<AssessmentReport> {
  const [documents, unlabelled, city, coordinatorId] = await Promise.all([
    assessedDocuments(db, year, { attribute: 'binding' }),
    assessedDocuments(db, year, { attribute: 'unlabelled' }),
    db.selectFrom('organisation').select('name').where('kind', '=', 'city').orderBy('id').executeTakeFirst(),
    getSetting<number | null>(db, SETTING_KEYS.coordinatorOrganisation, null),
  ]);
  const coordinator = coordinatorId === null ? undefined : await db.selectFrom('organisation').select(['name', 'full_name']).where('id', '=', coordinatorId).executeTakeFirst();

  const units = new Map<string, ReportUnit>();
  const sections = documents.map((document) => {
    const lines = document.lines.map((line) => ({ line, report: reportLine(line, document.title) }));
    for (const { line, report } of lines.filter((l) => FLAGGED.includes(l.report.status))) {
      const leads = line.target.units.filter((u) => u.role === 'lead');
      const named = leads.length > 0 ? leads.map((u) => ({ key: `o${u.organisationId}`, organisationId: u.organisationId as number | null, name: u.name })) : [{ key: 'none', organisationId: null, name: NO_LEAD_UNIT }];
      for (const lead of named) {
        const unit = units.get(lead.key) ?? { organisationId: lead.organisationId, name: lead.name, notMet: 0, atRisk: 0, lines: [] };
        if (unit.lines.some((l) => l.targetId === report.targetId)) continue;
        unit.lines.push(report);
        if (report.status === 'not_met') unit.notMet += 1;
        else unit.atRisk += 1;
        units.set(lead.key, unit);
      }
    }
    const reportLines = lines.map((l) => l.report);
    return { id: document.id, title: document.title, counts: countsOf(reportLines), lines: reportLines };
  });
  const bindingIndicators = new Set(documents.flatMap((d) => d.lines.map((l) => l.indicator.key)));
  return {
    year,
    date,
    city: city?.name ?? '',
    issuer: coordinator ? (coordinator.full_name ?? coordinator.name) : null,
    counts: countsOf(sections.flatMap((s) => s.lines)),
    documents: sections,
    units: [...units.values()].sort(
      (a, b) => Number(a.organisationId === null) - Number(b.organisationId === null) || b.notMet - a.notMet || b.atRisk - a.atRisk || a.name.localeCompare(b.name, 'zh-CN'),
    ),
    unlabelled: unlabelled.map((d) => ({
      id: d.id,
      title: d.title,
      targets: d.lines.length,
      lines: d.lines.filter((l) => bindingIndicators.has(l.indicator.key)).map((l) => reportLine(l, d.title)),
    })),
  };
}

const total = (counts: StatusCounts) => STATUS_ORDER.reduce((n, s) => n + counts[s], 0);

/** "已达标 3 项、有风险 1 项" — the statuses that occur, in the order of STATUS_ORDER. */
export function countsText(counts: StatusCounts, options: { all?: boolean } = {}): string {
  return STATUS_ORDER.filter((s) => options.all || counts[s] > 0)
    .map((s) => `${STATUS_LABELS[s]} ${counts[s]} 项`)
    .join('、');
}

export function reportTitle(r: Pick<AssessmentReport, 'city' | 'year'>): string {
  return `${r.city}${r.year}年度约束性目标评估报告`;
}

/** The opening paragraphs: what was assessed, the counts, and how a target is judged. */
export function reportIntro(r: AssessmentReport): string[] {
  const titles = r.documents.map((d) => `《${d.title}》`).join('');
  return [
    `根据各责任单位填报并经审核的指标数值，现将${titles}设定的约束性目标截至${r.year}年的完成情况评估如下。` +
      `纳入评估的约束性目标共 ${total(r.counts)} 项，其中${countsText(r.counts, { all: true })}。`,
    '目标年度的数值已审核的，按该年数值判定已达标或未达标；尚未到目标年度的，按近年已审核数值的趋势外推到目标年度，判断预计达标或有风险；' +
      '上级下达的目标，以录入的上级目标值为准；定性目标，按进展和佐证材料判断；没有可用数值的，列为无数据。每项评估均列明原因。',
  ];
}

export function sectionHeading(document: AssessmentReport['documents'][number]): string {
  return `《${document.title}》约束性目标（${total(document.counts)} 项：${countsText(document.counts)}）`;
}

export const UNLABELLED_HEADING = '未标注属性的目标';

/** Which documents label no target, and what is shown of them. */
export function unlabelledIntro(r: AssessmentReport): string {
  const listed = r.unlabelled.reduce((n, d) => n + d.lines.length, 0);
  const documents = r.unlabelled.map((d) => `《${d.title}》（${d.targets} 项）`).join('、');
  return (
    `${documents}未标注目标的约束性或预期性属性，其目标未计入上述约束性目标。` +
    (listed > 0 ? `其中指标在其他文件中为约束性的目标 ${listed} 项，评估情况列示如下，供参考。` : '其中没有指标在其他文件中为约束性的目标。')
  );
}

export function unitHeading(unit: ReportUnit): string {
  return `${unit.name}（${[unit.notMet ? `未达标 ${unit.notMet} 项` : '', unit.atRisk ? `有风险 ${unit.atRisk} 项` : ''].filter(Boolean).join('、')}）`;
}

export const FLAGGED_INTRO = '以下约束性目标评估为有风险或未达标，按牵头单位列示（同一目标有多个牵头单位的，在各单位下分别列示；文件未明确牵头单位的，单独列示）。';

export const REPORT_CLOSING =
  '请各牵头单位对照评估结果，对有风险、未达标的约束性目标逐项分析原因，明确措施和时限，抓紧推进；请各责任单位按时填报指标数值并提供来源和佐证材料，无数据的指标尽快补报。';

export function reportFileName(r: Pick<AssessmentReport, 'year'>): string {
  return `${r.year}年度约束性目标评估报告.docx`;
}

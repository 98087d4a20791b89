/**
 * 节点进度: how far the quantities a plan sets per district and year (新改建排水管网 km, 示范门店 家 …)
 * have been reported done. For each subject and district, two series by year — planned cumulative
 * and reported cumulative — and where things stand in the current year.
 *
 * How the numbers are read:
 * - A cumulative milestone (the document's "累计", e.g. 巴州区 2023 年累计 97 km) is the total by the
 *   end of its year; a year without one keeps the last. A per-year milestone (2022 年新建 1 家) adds
 *   to the years before it.
 * - A report counts for the milestone it answers, in the earlier of the year it was filed and the
 *   milestone's year: filed before that year, it says where things stood when filed; filed after
 *   (late, or entered afterwards), it answers the year the user picked.
 * - Several reports: for a cumulative subject each report gives the total so far, so the latest one
 *   up to a year counts (by the year it counts in, then filing date, then filing order); for a
 *   per-year subject reports are amounts done, and they add up.
 * - Reports without a milestone or without a quantity say nothing about quantities. Nothing is
 *   reported for years after the current one.
 * - A milestone without a district is the whole city's. The subject's total adds up the rows that
 *   name an organisation (市本级 is one of them); a whole-city row stands on its own beside it.
 */

export interface PlannedMilestone {
  id: number;
  subject: string;
  unit: string | null;
  /** The district (or the city itself for 市本级); null when the milestone names none: the whole city. */
  organisationId: number | null;
  organisationName: string | null;
  districtWrittenAs: string | null;
  year: number;
  quantity: number;
  cumulative: boolean;
}

export interface QuantityReport {
  id: number;
  milestoneId: number | null;
  quantity: number | null;
  filedOn: string;
}

export interface CurrentProgress {
  year: number;
  planned: number | null;
  reported: number | null;
  /** planned − reported (nothing reported counts as 0); negative when more was done than planned. */
  gap: number | null;
  /** reported / planned in percent, one decimal; null when nothing (or 0) is planned. */
  percent: number | null;
}

export interface ProgressSeries {
  /** Aligned with the subject's `years`. */
  planned: (number | null)[];
  /** Aligned with the subject's `years`; null before the first report and after the current year. */
  reported: (number | null)[];
  /** How many reports with a quantity the series counts. */
  reports: number;
  current: CurrentProgress;
}

export interface DistrictProgress extends ProgressSeries {
  organisationId: number | null;
  organisationName: string | null;
  /** As the document writes it in the latest year (市本级, 巴中经开区 …). */
  writtenAs: string | null;
}

export interface SubjectProgress {
  subject: string;
  unit: string | null;
  cumulative: boolean;
  /** Every year from the first milestone or counted report to the last milestone. */
  years: number[];
  districts: DistrictProgress[];
  /** The sum of the rows that name an organisation; null when none does. */
  total: ProgressSeries | null;
}

/** Sums of decimal quantities (18.6 + 97 …) without binary noise. */
const tidy = (value: number) => Math.round(value * 1e6) / 1e6;

function current(year: number, planned: number | null, reported: number | null): CurrentProgress {
  return {
    year,
    planned,
    reported,
    gap: planned === null ? null : tidy(planned - (reported ?? 0)),
    percent: planned ? Math.round(((reported ?? 0) / planned) * 1000) / 10 : null,
  };
}

interface CountedReport {
  quantity: number;
  year: number;
  filedOn: string;
  id: number;
}

const yearOf = (date: string) => Number(date.slice(0, 4));
const later = (a: CountedReport, b: CountedReport) => a.year - b.year || (a.filedOn < b.filedOn ? -1 : a.filedOn > b.filedOn ? 1 : 0) || a.id - b.id;

function plannedBy(milestones: readonly PlannedMilestone[], cumulative: boolean, year: number): number | null {
  const upTo = milestones.filter((m) => m.year <= year);
  if (upTo.length === 0) return null;
  if (cumulative) return upTo.reduce((last, m) => (m.year >= last.year ? m : last)).quantity;
  return tidy(upTo.reduce((sum, m) => sum + m.quantity, 0));
}

function reportedBy(reports: readonly CountedReport[], cumulative: boolean, year: number, currentYear: number): number | null {
  if (year > currentYear) return null;
  const upTo = reports.filter((r) => r.year <= year);
  if (upTo.length === 0) return null;
  if (cumulative) return upTo.reduce((last, r) => (later(r, last) > 0 ? r : last)).quantity;
  return tidy(upTo.reduce((sum, r) => sum + r.quantity, 0));
}

function sumOf(values: readonly (number | null)[]): number | null {
  const present = values.filter((v): v is number => v !== null);
  return present.length === 0 ? null : tidy(present.reduce((a, b) => a + b, 0));
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** Insertion order of a Map, keyed by first appearance. */
function groupBy<T, K>(values: readonly T[], key: (value: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const value of values) {
    const k = key(value);
    const group = groups.get(k);
    if (group) group.push(value);
    else groups.set(k, [value]);
  }
  return groups;
}

/**
 * Subjects in the order the plan first names them; districts in the order of the subject's latest
 * year, the document's fullest list (then any named only earlier).
 */
export function milestoneProgress(milestones: readonly PlannedMilestone[], reports: readonly QuantityReport[], currentYear: number): SubjectProgress[] {
  const byId = new Map(milestones.map((m) => [m.id, m]));
  const counted = new Map<number, CountedReport[]>();
  for (const report of reports) {
    const milestone = report.milestoneId === null ? undefined : byId.get(report.milestoneId);
    if (!milestone || report.quantity === null) continue;
    const entry = { quantity: report.quantity, year: Math.min(yearOf(report.filedOn), milestone.year), filedOn: report.filedOn, id: report.id };
    counted.set(milestone.id, [...(counted.get(milestone.id) ?? []), entry]);
  }

  return [...groupBy(milestones, (m) => m.subject)].map(([subject, planned]) => {
    const cumulative = planned.some((m) => m.cumulative);
    const latestFirst = [...planned].sort((a, b) => b.year - a.year);
    const rows = [...groupBy(latestFirst, (m) => m.organisationId)].map(([organisationId, own]) => ({
      organisationId,
      own,
      reports: own.flatMap((m) => counted.get(m.id) ?? []),
    }));
    const countedYears = rows.flatMap((r) => r.reports.map((c) => c.year));
    const plannedYears = planned.map((m) => m.year);
    const years = range(Math.min(...plannedYears, ...countedYears), Math.max(...plannedYears));

    const districts: DistrictProgress[] = rows.map(({ organisationId, own, reports: mine }) => {
      const at = (year: number) => ({ planned: plannedBy(own, cumulative, year), reported: reportedBy(mine, cumulative, year, currentYear) });
      const now = at(currentYear);
      return {
        organisationId,
        organisationName: own[0]!.organisationName,
        writtenAs: own[0]!.districtWrittenAs,
        planned: years.map((y) => at(y).planned),
        reported: years.map((y) => at(y).reported),
        reports: mine.length,
        current: current(currentYear, now.planned, now.reported),
      };
    });

    const named = districts.filter((d) => d.organisationId !== null);
    const total: ProgressSeries | null =
      named.length === 0
        ? null
        : {
            planned: years.map((_, i) => sumOf(named.map((d) => d.planned[i]!))),
            reported: years.map((_, i) => sumOf(named.map((d) => d.reported[i]!))),
            reports: named.reduce((sum, d) => sum + d.reports, 0),
            current: current(currentYear, sumOf(named.map((d) => d.current.planned)), sumOf(named.map((d) => d.current.reported))),
          };

    return { subject, unit: planned.find((m) => m.unit)?.unit ?? null, cumulative, years, districts, total };
  });
}

import type { Db } from '../db/connect.ts';
import { getSetting } from '../settings/store.ts';
import { cityToday } from '../tasks/service.ts';
import { assessTarget, describeAssessment, DEFAULT_ASSESSMENT_SETTINGS, type AssessmentReason, type AssessmentSettings, type TargetAssessment } from './assess.ts';
import { cityScopeId } from './scope.ts';
import { indicatorValues, type IndicatorSource, type ValueOrigin } from './series.ts';
import { externalFigures, loadIndicators, type ApprovedValues, type IndicatorView, type TargetView } from './store.ts';
import { writtenDecimals } from './written-decimals.ts';

export const ASSESSMENT_SETTINGS_KEY = 'target_assessment';

export { cityScopeId };

export interface AssessedTarget {
  target: TargetView;
  city: TargetAssessment & { reasonsText: string[] };
  /** Districts with values of their own, each with its reasons as codes (for the UI) and in words. */
  districts: { organisationId: number; name: string; status: TargetAssessment['status']; reasons: AssessmentReason[]; reasonsText: string[] }[];
  /** The city's latest value, and where it came from. */
  latest: (NonNullable<ApprovedValues['latest']> & { origin: ValueOrigin }) | null;
  source: IndicatorSource;
}

function figureOf(target: TargetView): number | null {
  const t = target.target;
  if (t.kind === 'absolute') return t.value;
  if (t.kind === 'relative') return t.change;
  return null;
}

/**
 * The year a target is judged for: its own, except that a target to keep up (持续推进, 持续保持, 长期坚持)
 * whose year has passed must still hold now — 000's rows all say 2020 and are still in force.
 */
export function judgedYear(target: Pick<TargetView, 'year' | 'deadlineText'>, asOfYear: number): number {
  return /持续|长期|保持/.test(target.deadlineText ?? '') ? Math.max(target.year, asOfYear) : target.year;
}

function assessOne(indicator: IndicatorView, target: TargetView, values: ApprovedValues | undefined, figures: { year: number; value: number }[], asOfYear: number, settings: AssessmentSettings): TargetAssessment {
  const figure = figureOf(target);
  return assessTarget(
    {
      target: target.target,
      direction: indicator.direction,
      unit: indicator.unit,
      targetYear: judgedYear(target, asOfYear),
      decimals: figure === null ? undefined : writtenDecimals(target.targetAsWritten, figure),
      values: values?.numbers ?? [],
      baselines: indicator.baselines.map((b) => ({ year: b.year, value: b.value })),
      externalFigures: figures,
      qualitative: { status: values?.status ?? null, evidence: values?.evidence ?? false },
      asOfYear,
    },
    settings,
  );
}

const words = (a: TargetAssessment) => a.reasons.map(describeAssessment);

/**
 * Every target of the indicators given, assessed as of `asOfYear` for the city and for each district with
 * values — entered, computed by a bound module or derived by formula (series.ts).
 */
/** A monitoring measure is computed for the years with data only; its other years are entered values. */
function originOfYear(source: IndicatorSource, year: number): ValueOrigin {
  if (source.binding?.module !== 'monitoring') return source.origin;
  return source.computed.some((c) => c.year === year && c.value !== null) ? source.origin : 'entered';
}

export async function assessIndicators(db: Db, indicators: IndicatorView[], asOfYear: number, today = cityToday()): Promise<Map<number, AssessedTarget>> {
  const targets = indicators.flatMap((i) => i.targets);
  const [values, figures, settings, cityId, districts] = await Promise.all([
    indicatorValues(db, indicators, asOfYear, today),
    externalFigures(
      db,
      targets.map((t) => t.id),
    ),
    getSetting<AssessmentSettings>(db, ASSESSMENT_SETTINGS_KEY, DEFAULT_ASSESSMENT_SETTINGS),
    cityScopeId(db),
    db.selectFrom('organisation').select(['id', 'name']).where('kind', '=', 'district').orderBy('id').execute(),
  ]);
  const result = new Map<number, AssessedTarget>();
  for (const indicator of indicators) {
    const { byScope, source } = values.get(indicator.id)!;
    const cityLatest = byScope.get(cityId)?.latest ?? null;
    for (const target of indicator.targets) {
      const figureList = figures.get(target.id) ?? [];
      const city = assessOne(indicator, target, byScope?.get(cityId), figureList, asOfYear, settings);
      result.set(target.id, {
        target,
        city: { ...city, reasonsText: words(city) },
        districts: districts
          .filter((d) => byScope.has(d.id))
          .map((d) => {
            const a = assessOne(indicator, target, byScope.get(d.id), figureList, asOfYear, settings);
            return { organisationId: d.id, name: d.name, status: a.status, reasons: a.reasons, reasonsText: words(a) };
          }),
        latest: cityLatest && { ...cityLatest, origin: originOfYear(source, cityLatest.year) },
        source,
      });
    }
  }
  return result;
}

export { loadIndicators };

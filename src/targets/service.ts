import type { Db } from '../db/connect.ts';
import { getSetting } from '../settings/store.ts';
import { assessTarget, describeAssessment, DEFAULT_ASSESSMENT_SETTINGS, type AssessmentSettings, type TargetAssessment } from './assess.ts';
import { approvedValues, externalFigures, loadIndicators, type ApprovedValues, type IndicatorView, type TargetView } from './store.ts';
import { writtenDecimals } from './written-decimals.ts';

export const ASSESSMENT_SETTINGS_KEY = 'target_assessment';

/** The city's organisation (kind 'city'): the scope of a city-wide value. */
export async function cityScopeId(db: Db): Promise<number> {
  const city = await db.selectFrom('organisation').select('id').where('kind', '=', 'city').orderBy('id').executeTakeFirstOrThrow();
  return city.id;
}

export interface AssessedTarget {
  target: TargetView;
  city: TargetAssessment & { reasonsText: string[] };
  /** Districts with approved values of their own. */
  districts: { organisationId: number; name: string; status: TargetAssessment['status']; reasonsText: string[] }[];
  latest: ApprovedValues['latest'];
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

/** Every target of the indicators given, assessed for the city and for each district with values. */
export async function assessIndicators(db: Db, indicators: IndicatorView[], asOfYear: number): Promise<Map<number, AssessedTarget>> {
  const targets = indicators.flatMap((i) => i.targets);
  const [values, figures, settings, cityId, districts] = await Promise.all([
    approvedValues(
      db,
      indicators.map((i) => i.id),
      asOfYear,
    ),
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
    const byScope = values.get(indicator.id);
    for (const target of indicator.targets) {
      const figureList = figures.get(target.id) ?? [];
      const city = assessOne(indicator, target, byScope?.get(cityId), figureList, asOfYear, settings);
      result.set(target.id, {
        target,
        city: { ...city, reasonsText: words(city) },
        districts: districts
          .filter((d) => byScope?.has(d.id))
          .map((d) => {
            const a = assessOne(indicator, target, byScope!.get(d.id), figureList, asOfYear, settings);
            return { organisationId: d.id, name: d.name, status: a.status, reasonsText: words(a) };
          }),
        latest: byScope?.get(cityId)?.latest ?? null,
      });
    }
  }
  return result;
}

export { loadIndicators };

// The water evaluation endpoints as the pages read them (src/monitoring/water-evaluation-routes.ts):
// sections with their class, target, main pollutants and 同比; one site's months; drinking-water
// sources' compliance. Every answer names its standard, the data it rests on and whether it is 示例数据.
import type { DrinkingEvaluation, SectionsEvaluation, SiteMonths } from '../../../src/monitoring/evaluation/water.ts';
import { STATUS_COLOURS, statusOfClass } from '../../../src/monitoring/water/section-class.ts';
import type { WaterClass } from '../../../src/monitoring/water/parameters.ts';
import { api } from '../api.ts';

export type { WaterClass };
export type DataBasis = SectionsEvaluation['basis'];
export const DATA_BASES: readonly DataBasis[] = ['manual', 'manual+automatic'];

type WithNote<T> = T & { demoNote: string | null };
export type WaterEvaluation = WithNote<SectionsEvaluation>;
export type SectionRow = SectionsEvaluation['sections'][number];
export type AreaRatios = SectionsEvaluation['city'];
export type Drinking = WithNote<DrinkingEvaluation>;
export type SourceRow = DrinkingEvaluation['sources'][number];
export type WaterSiteMonths = WithNote<SiteMonths>;

export const loadWaterEvaluation = (period: string, basis: DataBasis): Promise<WaterEvaluation> =>
  api.get<WaterEvaluation>('/api/monitoring/water/evaluation', { period, basis });

export const loadDrinking = (period: string, basis: DataBasis): Promise<Drinking> => api.get<Drinking>('/api/monitoring/water/drinking', { period, basis });

export const loadSiteMonths = (id: number, year: number, basis: DataBasis): Promise<WaterSiteMonths> =>
  api.get<WaterSiteMonths>(`/api/monitoring/water/sites/${id}/months`, { year, basis });

/** The evaluation method's colours (蓝 绿 黄 橙 红), the same as the water-class calculator shows. */
const STATUS_HEX: Record<string, string> = { blue: '#1d6fd8', green: '#2f9e44', yellow: '#d4a600', orange: '#e8710a', red: '#d9363e' };

export const classColour = (waterClass: WaterClass): string => STATUS_HEX[STATUS_COLOURS[statusOfClass(waterClass)].key]!;

/** The last complete year in China Standard Time: the default period, as the demo year is. */
export const lastYear = (): string => String(new Date(Date.now() + 8 * 3_600_000).getUTCFullYear() - 1);

/** A figure as printed: at most four significant digits, no trailing zeros. */
export const shortNumber = (value: number): string => String(Number(value.toPrecision(4)));

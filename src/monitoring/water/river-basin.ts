/**
 * 河流、流域（水系）水质 (地表水环境质量评价办法（试行）):
 * - fewer than 5 sections: the mean of each item over the sections, then the section method
 *   (class, status and 主要污染指标 with 超标倍数);
 * - 5 sections or more: the proportion method (断面水质类别比例法) on the sections' classes:
 *
 *   | share of sections                  | status   |
 *   | I–III ≥ 90 %                       | 优       |
 *   | 75 % ≤ I–III < 90 %                | 良好     |
 *   | I–III < 75 %, 劣V < 20 %           | 轻度污染 |
 *   | I–III < 75 %, 20 % ≤ 劣V < 40 %    | 中度污染 |
 *   | I–III < 60 %, 劣V ≥ 40 %           | 重度污染 |
 *
 *   The two conditions of the last row disagree only at exactly 60 % / 40 %. By default 劣V ≥ 40 %
 *   alone decides (spec); `severeNeedsGoodBelow60` also demands I–III < 60 % and leaves 60 % / 40 %
 *   at 中度污染. Shares are compared exactly (counts), never after rounding.
 *   主要污染指标: class items worse than III ranked by 断面超标率 (sections where the item is worse than
 *   III ÷ all sections), top three, ties in Table 1 order; listed for 轻度污染 or worse only unless
 *   `mainPollutantsWhenGood` (the 办法's wording on 良好 basins is not verified).
 */
import { meanOfSamples } from './aggregation.ts';
import { itemClass } from './item-class.ts';
import { mainPollutants, type MainPollutant } from './main-pollutants.ts';
import { CLASS_PARAMETERS, classRank, type WaterClass, type WaterParameterKey } from './parameters.ts';
import { classifySection, STATUS_COLOURS, type StatusColour, type WaterQualityStatus, type WaterValues } from './section-class.ts';

/** The two readings of the 办法 that are not verified (spec §9.5); defaults follow the spec. */
export interface RiverOptions {
  /** 重度污染 also demands I–III < 60 %, not only 劣V ≥ 40 %. */
  severeNeedsGoodBelow60: boolean;
  /** List main pollutants for a 良好 basin too. */
  mainPollutantsWhenGood: boolean;
}

export const DEFAULT_RIVER_OPTIONS: RiverOptions = { severeNeedsGoodBelow60: false, mainPollutantsWhenGood: false };

/** A 断面超标率: sections where the item is worse than class III, of all sections. */
export interface BasinPollutant {
  parameter: WaterParameterKey;
  exceedingSections: number;
  /** Percent, one decimal (GB/T 8170). */
  exceedRatePercent: number;
}

export type RiverAssessment =
  | {
      method: 'mean';
      sectionCount: number;
      meanValues: WaterValues;
      class: WaterClass;
      status: WaterQualityStatus;
      colour: StatusColour;
      mainPollutants: MainPollutant[];
    }
  | {
      method: 'proportion';
      sectionCount: number;
      sectionClasses: WaterClass[];
      /** Sections at I–III (水质优良) and at 劣V. */
      goodCount: number;
      worstCount: number;
      goodSharePercent: number;
      worstSharePercent: number;
      status: WaterQualityStatus;
      colour: StatusColour;
      mainPollutants: BasinPollutant[];
    };

const PROPORTION_METHOD_MINIMUM = 5;
const MAIN_POLLUTANT_COUNT = 3;
const POLLUTED: readonly WaterQualityStatus[] = ['轻度污染', '中度污染', '重度污染'];

/** Percent to one decimal, half to even, from an exact count ratio. */
function percent(count: number, total: number): number {
  const tenths = (count * 1000) / total;
  const floor = Math.floor(tenths);
  const rest = count * 1000 - floor * total;
  const rounded = 2 * rest > total || (2 * rest === total && floor % 2 === 1) ? floor + 1 : floor;
  return rounded / 10;
}

/** Status from counts: share ≥ p % is count·100 ≥ p·total, exact in integers. */
export function proportionStatus(goodCount: number, worstCount: number, total: number, options: RiverOptions = DEFAULT_RIVER_OPTIONS): WaterQualityStatus {
  const goodAtLeast = (p: number) => goodCount * 100 >= p * total;
  const worstAtLeast = (p: number) => worstCount * 100 >= p * total;
  if (goodAtLeast(90)) return '优';
  if (goodAtLeast(75)) return '良好';
  if (worstAtLeast(40) && (!options.severeNeedsGoodBelow60 || !goodAtLeast(60))) return '重度污染';
  if (worstAtLeast(20)) return '中度污染';
  return '轻度污染';
}

function classified(values: WaterValues): { class: WaterClass; status: WaterQualityStatus; colour: StatusColour } {
  const { class: c, status, colour } = classifySection(values, 'river');
  if (c === null || status === null || colour === null) throw new RangeError('a section has none of the 21 class items');
  return { class: c, status, colour };
}

export function assessRiver(sections: readonly WaterValues[], options: RiverOptions = DEFAULT_RIVER_OPTIONS): RiverAssessment {
  const sectionCount = sections.length;
  if (sectionCount === 0) throw new RangeError('a river needs at least one section');
  if (sectionCount < PROPORTION_METHOD_MINIMUM) {
    const meanValues = meanOfSamples(sections);
    return { method: 'mean', sectionCount, meanValues, ...classified(meanValues), mainPollutants: mainPollutants(meanValues, 'river') };
  }

  const sectionClasses = sections.map((s) => classified(s).class);
  const goodCount = sectionClasses.filter((c) => classRank(c) <= classRank('III')).length;
  const worstCount = sectionClasses.filter((c) => c === '劣V').length;
  const status = proportionStatus(goodCount, worstCount, sectionCount, options);
  const listed = POLLUTED.includes(status) || (options.mainPollutantsWhenGood && status === '良好');
  const pollutants: BasinPollutant[] = [];
  if (listed) {
    for (const parameter of CLASS_PARAMETERS) {
      const exceedingSections = sections.filter((s) => {
        const value = s[parameter.key];
        return value !== undefined && value !== null && classRank(itemClass(parameter, value, 'river')) > classRank('III');
      }).length;
      if (exceedingSections > 0) pollutants.push({ parameter: parameter.key, exceedingSections, exceedRatePercent: percent(exceedingSections, sectionCount) });
    }
    pollutants.sort((a, b) => b.exceedingSections - a.exceedingSections);
  }
  return {
    method: 'proportion',
    sectionCount,
    sectionClasses,
    goodCount,
    worstCount,
    goodSharePercent: percent(goodCount, sectionCount),
    worstSharePercent: percent(worstCount, sectionCount),
    status,
    colour: STATUS_COLOURS[status],
    mainPollutants: pollutants.slice(0, MAIN_POLLUTANT_COUNT),
  };
}

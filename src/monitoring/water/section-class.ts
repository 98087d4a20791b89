/**
 * 断面水质类别 by the single-factor method (单因子评价法, 地表水环境质量评价办法（试行）): the class of a
 * section (or of one lake point, or of a water body's mean values) is the worst class among the 21
 * class items given. 粪大肠菌群 is classed but stays out; 总氮 is classed apart for lakes and
 * reservoirs and not at all for rivers.
 */
import { itemClass } from './item-class.ts';
import {
  classRank,
  isEvaluated,
  WATER_PARAMETERS,
  type WaterBody,
  type WaterClass,
  type WaterParameterKey,
} from './parameters.ts';

/** Measured values of one section, one sample or one period mean; absent or null = not measured. */
export type WaterValues = Partial<Record<WaterParameterKey, number | null>>;

/** 水质状况: the words a class is published with. */
export type WaterQualityStatus = '优' | '良好' | '轻度污染' | '中度污染' | '重度污染';

export interface StatusColour {
  key: 'blue' | 'green' | 'yellow' | 'orange' | 'red';
  name: '蓝色' | '绿色' | '黄色' | '橙色' | '红色';
}

export const STATUS_COLOURS: Record<WaterQualityStatus, StatusColour> = {
  优: { key: 'blue', name: '蓝色' },
  良好: { key: 'green', name: '绿色' },
  轻度污染: { key: 'yellow', name: '黄色' },
  中度污染: { key: 'orange', name: '橙色' },
  重度污染: { key: 'red', name: '红色' },
};

const STATUS_OF_CLASS: Record<WaterClass, WaterQualityStatus> = {
  I: '优',
  II: '优',
  III: '良好',
  IV: '轻度污染',
  V: '中度污染',
  劣V: '重度污染',
};

export function statusOfClass(waterClass: WaterClass): WaterQualityStatus {
  return STATUS_OF_CLASS[waterClass];
}

/** 水质优良: classes I–III. */
export function isGoodQuality(waterClass: WaterClass): boolean {
  return classRank(waterClass) <= classRank('III');
}

/** Whether a class meets a target class (水质目标), e.g. III meets a target of III or IV. */
export function meetsTargetClass(waterClass: WaterClass, target: WaterClass): boolean {
  return classRank(waterClass) <= classRank(target);
}

export function worstClass(classes: readonly WaterClass[]): WaterClass | null {
  return classes.reduce<WaterClass | null>((worst, c) => (worst === null || classRank(c) > classRank(worst) ? c : worst), null);
}

export interface SectionClassification {
  /** Worst class of the class items given; null when none of them is given. */
  class: WaterClass | null;
  status: WaterQualityStatus | null;
  colour: StatusColour | null;
  /** Class of every item given that is classed in this water body, in Table 1 order (reference items too). */
  classes: Partial<Record<WaterParameterKey, WaterClass>>;
  /** Lakes and reservoirs: the class of 总氮, evaluated apart; null for rivers or when not given. */
  totalNitrogenClass: WaterClass | null;
}

export function classifySection(values: WaterValues, waterBody: WaterBody): SectionClassification {
  const classes: Partial<Record<WaterParameterKey, WaterClass>> = {};
  const forClass: WaterClass[] = [];
  for (const parameter of WATER_PARAMETERS) {
    const value = values[parameter.key];
    if (value === undefined || value === null || !isEvaluated(parameter, waterBody)) continue;
    const c = itemClass(parameter, value, waterBody);
    classes[parameter.key] = c;
    if (parameter.role === 'class') forClass.push(c);
  }
  const sectionClass = worstClass(forClass);
  const status = sectionClass && statusOfClass(sectionClass);
  return {
    class: sectionClass,
    status,
    colour: status && STATUS_COLOURS[status],
    classes,
    totalNitrogenClass: waterBody === 'lake' ? (classes.TN ?? null) : null,
  };
}

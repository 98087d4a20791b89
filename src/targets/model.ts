// 目标指标: how the documents write a target, as data. Shared by the seed files
// (seeds/<city>/indicators.json), the import, the assessment (assess.ts) and the API.

/** ≥ > ≤ < = as the documents write them. */
export type Comparator = '>=' | '>' | '<=' | '<' | '=';

/** Which way is better for an indicator's value; 'none' for qualitative ones. */
export type Direction = 'higher_better' | 'lower_better' | 'none';

/** 约束性 (binding), 预期性 (expected), 参考性 (reference; 000's word for non-binding). */
export type Attribute = 'binding' | 'expected' | 'reference';

/**
 * One target as written. `relative` judges the change from the base year's value — in percent of it
 * ((value − base) / base × 100) or in percentage points (value − base) — against `change` with `comparator`:
 * "比2020年下降14.5%" → { kind: 'relative', baseYear: 2020, comparator: '<=', change: -14.5, changeUnit: 'percent' }
 * (a fall of at least 14.5 %); "提高5个百分点" → { comparator: '>=', change: 5, changeUnit: 'points' };
 * "不降低" / "面积不减少" → { kind: 'not_worse', baseYear } (the indicator's direction says which way is worse).
 * `external`: "完成省考核目标", "完成上级规定的目标任务" — the figure is entered per year by the coordinator
 * when the province sets it (IndicatorTargetFigure), and judged with `comparator` against that figure.
 * `qualitative`: "建立", "制定实施", "有效开展", "全面实施" — judged by a status with evidence.
 */
export type Target =
  | { kind: 'absolute'; comparator: Comparator; value: number }
  | { kind: 'relative'; comparator: Comparator; baseYear: number; change: number; changeUnit: 'percent' | 'points' }
  | { kind: 'not_worse'; baseYear: number }
  | { kind: 'external'; comparator: Comparator; authority: string }
  | { kind: 'qualitative'; wording: string };

/** 定性指标的状态 */
export type QualitativeStatus = 'not_started' | 'in_progress' | 'done';

/**
 * 数据绑定: an indicator whose values another module computes instead of a unit entering them.
 * `tasks` (任务督办): of the sub-items of one task-list item (a 专项行动's 问题台账), the share 已销号 at the
 * end of each year (`accepted_share`), or the share 已销号 by its deadline (`accepted_on_time_share`);
 * `item` is the path of refs from the top ("十", "1": 任务清单 十 措施1).
 * `monitoring` (环境监测): a statistic of the monitoring module, named by `measure`; pending until that
 * module provides it (src/targets/bindings.ts), manual values counting meanwhile.
 */
export type Binding =
  | { module: 'tasks'; measure: TaskMeasure; list: string; item: string[] }
  | { module: 'monitoring'; measure: MonitoringMeasure };

export const TASK_MEASURES = ['accepted_share', 'accepted_on_time_share'] as const;
export type TaskMeasure = (typeof TASK_MEASURES)[number];

/** 优良天数比例, PM2.5 年均浓度, 断面水质优良率, 集中式饮用水水源达标率. */
export const MONITORING_MEASURES = ['air_good_days_ratio', 'pm25_annual_mean', 'section_good_ratio', 'drinking_water_source_compliance'] as const;
export type MonitoringMeasure = (typeof MONITORING_MEASURES)[number];

/** An indicator computed from others, e.g. 单位GDP能耗 = 能源消费总量 / 地区生产总值. */
export interface Formula {
  /** Arithmetic over indicator keys in braces: "{energy-use} / {gdp} * 10000". */
  expression: string;
}

/** Where a target stands in its document: the document, clause, and its place in the document's own grouping. */
export interface TargetPlacement {
  /** Source document id: '000' … '004'. */
  doc: string;
  /** Clause as a reader finds it, e.g. "专栏一 序号14", "附件2 第11行", "三(二)". */
  clause: string;
  /** The document's group heading, e.g. "(二) 生态保护" in 001 专栏一, or 领域/任务 in 000 附件2. */
  group: string | null;
  /** The row number in the document's table, when it has one. */
  row: number | null;
  /** 领域: the domain column 000 附件2 prints over its 任务 groups (生态制度, 生态安全, …). */
  domain?: string;
  /**
   * Sub-position within a row that holds several indicators (000 row 11 has two), or within a sentence
   * that sets several at once ("…分别保持90%、85%、90%以上" → 1, 2, 3), counted from 1.
   */
  sub: number | null;
  /** The document's words for the indicator and the target, exactly as written. */
  nameAsWritten: string;
  targetAsWritten: string;
  /**
   * The row's own name when `sub` splits it (000 row 11 环境空气质量 over 优良天数比例 and PM2.5浓度下降幅度):
   * the exports rebuild the table's layout from it.
   */
  rowNameAsWritten?: string;
}

/** One target of one indicator in one document, for one year. */
export interface IndicatorTarget {
  placement: TargetPlacement;
  /** The year the target is for (2025, 2030, or the deadline's year). */
  year: number;
  /** The deadline as written ("2020年12月", "持续推进"), if the document gives one. */
  deadlineText: string | null;
  target: Target;
  attribute: Attribute | null;
  /** Unit names as written; resolved to organisations by the import (src/orgs/resolve.ts). */
  lead: string[];
  responsible: string[];
  /** 督导单位 as written: 004's rectification targets name who oversees them instead of a lead. */
  supervising?: string[];
  /** The reading chosen for this target when its words allow more than one (an empty cell, "左右", a year implied), in Chinese. */
  note?: string;
  /** The same reading in English, for the English interface. */
  noteEn?: string;
}

/** An indicator, once, with every target the documents set for it. */
export interface IndicatorSeed {
  /** Stable key, lowercase latin with hyphens: "forest-coverage", "pm25-concentration". */
  key: string;
  /** The name the platform shows (the most common wording). */
  name: string;
  /** Other wordings the documents use for the same indicator. */
  aliases: string[];
  /** Unit of the value: "%", "μg/m³", "万吨", "万千瓦", "个", or null for qualitative. */
  unit: string | null;
  direction: Direction;
  /** A baseline value stated by a document (e.g. 001's 2020 基准值), with where it is stated. */
  baselines: { year: number; value: number | null; asWritten: string; doc: string; clause: string; note?: string; noteEn?: string }[];
  formula: Formula | null;
  /** Values computed by another module; absent for values entered by hand. */
  binding?: Binding;
  /** Empty only for an operand of another indicator's formula (能源消费总量 of 单位GDP能耗). */
  targets: IndicatorTarget[];
  /** Anything a reader of the seed should know (ambiguities, readings chosen), in Chinese. */
  note?: string;
  noteEn?: string;
}

/** 统计期: the whole year, a quarter or a month of it. */
export type Period = 'year' | 'Q1' | 'Q2' | 'Q3' | 'Q4' | `M${'01' | '02' | '03' | '04' | '05' | '06' | '07' | '08' | '09' | '10' | '11' | '12'}`;

/** One value of an indicator for one period of a year; no period means the whole year. */
export interface PeriodValue {
  year: number;
  period?: Period;
  value: number;
}

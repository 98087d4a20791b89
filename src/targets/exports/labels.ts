import { PERIOD_WORDS, type AssessmentStatus } from '../assess.ts';
import type { Attribute, Period, QualitativeStatus } from '../model.ts';

/** Words for exports and reports (the web UI has its own message files). */
export const STATUS_LABELS: Record<AssessmentStatus, string> = {
  met: '已达标',
  on_track: '预计达标',
  at_risk: '有风险',
  not_met: '未达标',
  no_data: '无数据',
};

/** In the order a reader counts them: the good first. */
export const STATUS_ORDER: readonly AssessmentStatus[] = ['met', 'on_track', 'at_risk', 'not_met', 'no_data'];

/** ARGB fills of the 评估 cell: green, blue, orange, red, grey. */
export const STATUS_FILLS: Record<AssessmentStatus, string> = {
  met: 'FFC8E6C9',
  on_track: 'FFBBDEFB',
  at_risk: 'FFFFD8A8',
  not_met: 'FFF4B6B6',
  no_data: 'FFE0E0E0',
};

export const ATTRIBUTE_LABELS: Record<Attribute, string> = { binding: '约束性', expected: '预期性', reference: '参考性' };

const QUALITATIVE_LABELS: Record<QualitativeStatus, string> = { not_started: '未启动', in_progress: '推进中', done: '已完成' };


/** An approved value as the tables show it: "98.1%（2025年）", "0.52 吨标准煤/万元（2026年第一季度）", "已完成（2024年）". */
export function valueText(latest: { year: number; period: Period; value: number | null; status: QualitativeStatus | null }, unit: string | null): string {
  const when = `${latest.year}年${latest.period === 'year' ? '' : PERIOD_WORDS[latest.period]}`;
  if (latest.value === null) return `${latest.status ? QUALITATIVE_LABELS[latest.status] : ''}（${when}）`;
  const figure = String(Number(latest.value.toPrecision(12)));
  return `${unit === null ? figure : unit === '%' ? `${figure}%` : `${figure} ${unit}`}（${when}）`;
}

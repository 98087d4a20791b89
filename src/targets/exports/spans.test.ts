import { describe, expect, it } from 'vitest';
import { mergeSpans, type SpanColumn, type SpanLine } from './spans.ts';

// 领域, 任务, 序号, 指标名称 (row's name), 指标名称 (sub-indicator), 指标值, 评估
const COLUMNS: SpanColumn[] = [{ merge: 'group' }, { merge: 'group' }, { merge: 'row' }, { merge: 'row' }, { merge: 'line', yieldsLeft: true }, { merge: 'row' }, { merge: 'line' }];
const line = (row: number, values: unknown[]): SpanLine => ({ row, values });

describe('mergeSpans', () => {
  it.each([
    {
      name: 'single lines: each name spans both name columns, nothing else merges',
      lines: [line(1, ['生态制度', '（一）', 1, '规划', '', '制定实施', '无数据']), line(2, ['生态安全', '（二）', 2, '指数', null, '≥60%', '无数据'])],
      expected: [
        { top: 0, bottom: 0, left: 3, right: 4 },
        { top: 1, bottom: 1, left: 3, right: 4 },
      ],
    },
    {
      name: 'a group over its rows, a row over its sub-indicators with the shared 指标值',
      lines: [
        line(10, ['生态制度', '（一）', 10, '环评', '', '100%', '无数据']),
        line(11, ['生态安全', '（二）', 11, '环境空气质量', '优良天数比例', '完成考核任务', '已达标']),
        line(11, ['生态安全', '（二）', 11, '环境空气质量', 'PM2.5', '完成考核任务', '有风险']),
        line(12, ['生态安全', '（二）', 12, '水', '', '100%', '无数据']),
      ],
      expected: [
        { top: 1, bottom: 3, left: 0, right: 0 },
        { top: 1, bottom: 3, left: 1, right: 1 },
        { top: 1, bottom: 2, left: 2, right: 2 },
        { top: 1, bottom: 2, left: 3, right: 3 },
        { top: 1, bottom: 2, left: 5, right: 5 },
        { top: 0, bottom: 0, left: 3, right: 4 },
        { top: 3, bottom: 3, left: 3, right: 4 },
      ],
    },
    {
      name: 'different values in one row stay apart; a 任务 ends where its 领域 does',
      lines: [
        line(15, ['生态安全', '（三）', 15, '生物多样性', '保护率', '≥95%', '无数据']),
        line(15, ['生态安全', '（三）', 15, '生物多样性', '入侵', '不明显', '无数据']),
        line(16, ['生态空间', '（三）', 16, '红线', '', '不减少', '无数据']),
      ],
      expected: [
        { top: 0, bottom: 1, left: 0, right: 0 },
        { top: 0, bottom: 1, left: 1, right: 1 },
        { top: 0, bottom: 1, left: 2, right: 2 },
        { top: 0, bottom: 1, left: 3, right: 3 },
        { top: 2, bottom: 2, left: 3, right: 4 },
      ],
    },
    {
      name: 'empty group cells are not merged',
      lines: [line(1, ['', '', 1, 'a', 'x', '', '']), line(2, ['', '', 2, 'b', 'y', '', ''])],
      expected: [],
    },
  ])('$name', ({ lines, expected }) => {
    expect(mergeSpans(COLUMNS, lines)).toEqual(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { clauseOrder, compareClauses } from './clause-order.ts';

describe('clauseOrder', () => {
  it.each([
    ['附件2 第11行', [2, 11]],
    ['专栏一 序号9', [1, 9]],
    ['三（三）', [3, 3]],
    ['(十九)', [19]],
    ['（二十二）', [22]],
    ['（九）2.', [9, 2]],
    ['任务清单 十', [10]],
  ] as const)('%s → %j', (clause, numbers) => {
    expect(clauseOrder(clause)).toEqual(numbers);
  });

  it('sorts a document’s clauses as it numbers them, not as strings do', () => {
    const clauses = ['附件2 第10行', '附件2 第2行', '附件2 第11行', '附件2 第1行'];
    expect([...clauses].sort(compareClauses)).toEqual(['附件2 第1行', '附件2 第2行', '附件2 第10行', '附件2 第11行']);
    expect(['(十)', '(九)', '(十九)', '(八)'].sort(compareClauses)).toEqual(['(八)', '(九)', '(十)', '(十九)']);
    expect(['（九）2.', '（九）', '（七）'].sort(compareClauses)).toEqual(['（七）', '（九）', '（九）2.']);
  });
});

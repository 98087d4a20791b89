import { describe, expect, it } from 'vitest';
import { VALUE_ACTIONS, VALUE_STATES, valueEdit, valueTransition, type ValueAction, type ValueStanding, type ValueState } from './value-workflow.ts';

const ENTERER: ValueStanding = { enters: true, reviews: false, enteredIt: true };
const REVIEWER: ValueStanding = { enters: false, reviews: true, enteredIt: false };
const LEAD_WHO_ENTERED: ValueStanding = { enters: true, reviews: true, enteredIt: true };
const STRANGER: ValueStanding = { enters: false, reviews: false, enteredIt: false };

// Every state × action for each standing, written out: [state, action, enterer, reviewer, lead who entered it, stranger].
const MATRIX: [ValueState, ValueAction, string, string, string, string][] = [
  ['draft', 'submit', 'submitted', '403', 'submitted', '403'],
  ['draft', 'approve', '403', '409', '403', '403'],
  ['draft', 'return', '403', '409', '403', '403'],
  ['submitted', 'submit', '409', '403', '409', '403'],
  ['submitted', 'approve', '403', 'approved', '403', '403'],
  ['submitted', 'return', '403', 'returned', '403', '403'],
  ['approved', 'submit', '409', '403', '409', '403'],
  ['approved', 'approve', '403', '409', '403', '403'],
  ['approved', 'return', '403', '409', '403', '403'],
  ['returned', 'submit', 'submitted', '403', 'submitted', '403'],
  ['returned', 'approve', '403', '409', '403', '403'],
  ['returned', 'return', '403', '409', '403', '403'],
];

const outcome = (r: ReturnType<typeof valueTransition>) => ('to' in r ? r.to : String(r.status));

describe('valueTransition', () => {
  it('covers every state and action', () => {
    expect(MATRIX.length).toBe(VALUE_STATES.length * VALUE_ACTIONS.length);
  });

  it.each(MATRIX)('%s + %s', (state, action, enterer, reviewer, leadWhoEntered, stranger) => {
    const reason = '数据来源不完整';
    expect(outcome(valueTransition(state, action, ENTERER, reason))).toBe(enterer);
    expect(outcome(valueTransition(state, action, REVIEWER, reason))).toBe(reviewer);
    expect(outcome(valueTransition(state, action, LEAD_WHO_ENTERED, reason))).toBe(leadWhoEntered);
    expect(outcome(valueTransition(state, action, STRANGER, reason))).toBe(stranger);
  });

  it('wants a reason to return a value', () => {
    expect(valueTransition('submitted', 'return', REVIEWER, '  ')).toEqual({ status: 409, title: '退回须写明原因' });
  });

  it('never lets anyone approve what they entered', () => {
    expect(valueTransition('submitted', 'approve', LEAD_WHO_ENTERED, null)).toMatchObject({ status: 403, title: '不能审核本人填报的数值' });
  });
});

describe('valueEdit', () => {
  it('lets the entering unit change a draft or a returned value, and nobody change a submitted one', () => {
    expect(valueEdit('draft', ENTERER, null)).toEqual({ to: 'draft' });
    expect(valueEdit('returned', ENTERER, null)).toEqual({ to: 'returned' });
    expect(valueEdit('draft', REVIEWER, null)).toMatchObject({ status: 403 });
    expect(valueEdit('submitted', ENTERER, null)).toMatchObject({ status: 409 });
    expect(valueEdit('submitted', REVIEWER, '改')).toMatchObject({ status: 409 });
  });

  it('keeps an approved value locked: a change needs a reason and goes back for review unless a reviewer makes it', () => {
    expect(valueEdit('approved', ENTERER, null)).toMatchObject({ status: 409, title: '已审核的数值已锁定，修改须写明原因' });
    expect(valueEdit('approved', ENTERER, '统计局更正')).toEqual({ to: 'submitted' });
    expect(valueEdit('approved', REVIEWER, '统计局更正')).toEqual({ to: 'approved' });
    expect(valueEdit('approved', LEAD_WHO_ENTERED, '统计局更正')).toEqual({ to: 'submitted' });
    expect(valueEdit('approved', STRANGER, '统计局更正')).toMatchObject({ status: 403 });
  });
});

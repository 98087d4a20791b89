import { describe, expect, it } from 'vitest';
import { TASK_STATES, type TaskState } from './colour.ts';
import { acceptanceUnit, nextState, TASK_ACTIONS, type TaskAction } from './workflow.ts';

const unit = { responsible: true, acceptor: false };
const acceptor = { responsible: false, acceptor: true };
const stranger = { responsible: false, acceptor: false };

// Every state × action, written out: the life the issue describes.
const ALLOWED: Record<TaskAction, Partial<Record<TaskState, TaskState>>> = {
  report: { not_started: 'in_progress', in_progress: 'in_progress', applied: 'applied', accepted: 'accepted', returned: 'in_progress', rebounded: 'rebounded' },
  apply: { in_progress: 'applied', returned: 'applied', rebounded: 'applied' },
  accept: { applied: 'accepted' },
  return: { applied: 'returned' },
  recheck_pass: { accepted: 'accepted' },
  recheck_fail: { accepted: 'rebounded' },
};

describe('nextState', () => {
  for (const action of TASK_ACTIONS) {
    for (const state of TASK_STATES) {
      const expected = ALLOWED[action][state];
      const standing = ['report', 'apply'].includes(action) ? unit : acceptor;
      it(`${action} from ${state}: ${expected ?? 'refused'}`, () => {
        const result = nextState(state, action, { standing, ongoing: false, reason: '现场核查发现问题' });
        if (expected) expect(result).toEqual({ to: expected });
        else expect(result).toMatchObject({ refused: { code: 'wrong_state' } });
      });
    }
  }

  it('refuses acceptance by the responsible unit and reports by the acceptor', () => {
    expect(nextState('applied', 'accept', { standing: unit, ongoing: false })).toMatchObject({ refused: { code: 'not_allowed' } });
    expect(nextState('in_progress', 'report', { standing: acceptor, ongoing: false })).toMatchObject({ refused: { code: 'not_allowed' } });
    for (const action of TASK_ACTIONS) {
      expect(nextState('applied', action, { standing: stranger, ongoing: false, reason: 'x' })).toMatchObject({ refused: { code: 'not_allowed' } });
    }
  });

  it('asks for a reason to return or to fail a re-check', () => {
    expect(nextState('applied', 'return', { standing: acceptor, ongoing: false, reason: '  ' })).toMatchObject({ refused: { code: 'reason_required' } });
    expect(nextState('accepted', 'recheck_fail', { standing: acceptor, ongoing: false })).toMatchObject({ refused: { code: 'reason_required' } });
  });

  it('lets ongoing items report but never apply', () => {
    expect(nextState('in_progress', 'apply', { standing: unit, ongoing: true })).toMatchObject({ refused: { code: 'ongoing' } });
    expect(nextState('not_started', 'report', { standing: unit, ongoing: true })).toEqual({ to: 'in_progress' });
  });
});

describe('acceptanceUnit', () => {
  const coordinatorId = 99;
  it('is the first supervising unit', () => {
    expect(acceptanceUnit({ rule: 'supervisor', supervising: [{ id: 5, hostId: null }, { id: 6, hostId: null }], lead: [], coordinatorId })).toBe(5);
  });
  it('is the host department of a coordination body (004 五(三))', () => {
    expect(acceptanceUnit({ rule: 'supervisor', supervising: [{ id: 7, hostId: 24 }], lead: [], coordinatorId })).toBe(24);
  });
  it('falls back to the lead unit, then the coordinator', () => {
    expect(acceptanceUnit({ rule: 'supervisor', supervising: [], lead: [{ id: 3, hostId: null }], coordinatorId })).toBe(3);
    expect(acceptanceUnit({ rule: 'lead', supervising: [{ id: 5, hostId: null }], lead: [], coordinatorId })).toBe(99);
    expect(acceptanceUnit({ rule: 'coordinator', supervising: [{ id: 5, hostId: null }], lead: [{ id: 3, hostId: null }], coordinatorId })).toBe(99);
  });
});

import { describe, expect, it } from 'vitest';
import { advance, parseSystemTime, type CommandFacts } from './command-state.ts';

const at = new Date('2026-03-01T02:00:10Z');
const getTime = (state: CommandFacts['state']): CommandFacts => ({ cn: '1011', state, result: null });

describe('platform command states', () => {
  it('goes pending → sent → accepted → done for a 1011, with the clock offset from the upload', () => {
    expect(advance(getTime('pending'), { kind: 'sent', at })).toEqual({ state: 'sent', sentAt: at });
    expect(advance(getTime('sent'), { kind: 'qnRtn', value: 1, at })).toEqual({ state: 'accepted', qnRtn: 1 });
    // 10:00:40 Beijing time against a platform at 10:00:10: 30 s ahead.
    const clock = advance(getTime('accepted'), { kind: 'clock', systemTime: '20260301100040', at });
    expect(clock).toEqual({
      state: 'accepted',
      result: { deviceTime: '2026-03-01T02:00:40.000Z', systemTime: '20260301100040', offsetSeconds: 30, receivedAt: at.toISOString() },
    });
    expect(advance(getTime('accepted'), { kind: 'exeRtn', value: 1, at })).toEqual({ state: 'done', exeRtn: 1, finishedAt: at });
  });

  it('gives a device clock behind the platform a negative offset', () => {
    const clock = advance(getTime('sent'), { kind: 'clock', systemTime: '20260301095910', at });
    expect(clock?.result?.offsetSeconds).toBe(-60);
  });

  it('refuses on a QnRtn other than 1 and fails on an ExeRtn other than 1, saying why in Chinese', () => {
    const refused = advance(getTime('sent'), { kind: 'qnRtn', value: 3, at });
    expect(refused).toMatchObject({ state: 'refused', qnRtn: 3, finishedAt: at });
    expect(refused?.error).toContain('密码错误');
    const failed = advance(getTime('accepted'), { kind: 'exeRtn', value: 5, at });
    expect(failed).toMatchObject({ state: 'failed', exeRtn: 5 });
    expect(failed?.error).toContain('繁忙');
  });

  it('accepts a 9012 without a 9011 first (some devices skip it)', () => {
    expect(advance(getTime('sent'), { kind: 'exeRtn', value: 1, at })?.state).toBe('done');
  });

  it('ignores answers to a finished or unsent command, and a clock upload for a 1012', () => {
    for (const state of ['done', 'refused', 'failed', 'expired'] as const) {
      expect(advance(getTime(state), { kind: 'exeRtn', value: 1, at })).toBeNull();
      expect(advance(getTime(state), { kind: 'expire', at, reason: 'x' })).toBeNull();
    }
    expect(advance(getTime('pending'), { kind: 'qnRtn', value: 1, at })).toBeNull();
    expect(advance(getTime('accepted'), { kind: 'qnRtn', value: 1, at })).toBeNull();
    expect(advance(getTime('sent'), { kind: 'sent', at })).toBeNull();
    expect(advance({ cn: '1012', state: 'accepted', result: null }, { kind: 'clock', systemTime: '20260301100040', at })).toBeNull();
  });

  it('expires an unfinished command with its reason', () => {
    for (const state of ['pending', 'sent', 'accepted'] as const) {
      expect(advance(getTime(state), { kind: 'expire', at, reason: '超时' })).toEqual({ state: 'expired', finishedAt: at, error: '超时' });
    }
  });

  it('keeps an unreadable SystemTime in the result without an offset', () => {
    const clock = advance(getTime('accepted'), { kind: 'clock', systemTime: '20261399250000', at });
    expect(clock?.result).toMatchObject({ deviceTime: null, systemTime: '20261399250000' });
    expect(clock?.result).not.toHaveProperty('offsetSeconds');
  });
});

describe('parseSystemTime', () => {
  it('reads 14 digits as Beijing time and rejects impossible dates', () => {
    expect(parseSystemTime('20260101000000')?.toISOString()).toBe('2025-12-31T16:00:00.000Z');
    expect(parseSystemTime('20260230120000')).toBeNull();
    expect(parseSystemTime('2026010100000')).toBeNull();
    expect(parseSystemTime('20260101240000')).toBeNull();
  });
});

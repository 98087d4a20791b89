import { describe, expect, it } from 'vitest';
import { judgedYear } from './service.ts';

describe('judgedYear', () => {
  it('judges a target to keep up (持续推进, 持续保持) in the current year once its own year has passed', () => {
    expect(judgedYear({ year: 2020, deadlineText: '持续推进' }, 2026)).toBe(2026);
    expect(judgedYear({ year: 2020, deadlineText: '持续保持' }, 2026)).toBe(2026);
    expect(judgedYear({ year: 2030, deadlineText: '长期坚持' }, 2026)).toBe(2030);
  });

  it('keeps a dated target to its own year', () => {
    expect(judgedYear({ year: 2020, deadlineText: '2020年12月' }, 2026)).toBe(2020);
    expect(judgedYear({ year: 2025, deadlineText: null }, 2026)).toBe(2025);
  });
});

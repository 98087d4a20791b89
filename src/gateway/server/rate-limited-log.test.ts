import { describe, expect, it } from 'vitest';
import { RateLimitedLog } from './rate-limited-log.ts';

describe('RateLimitedLog', () => {
  it('lets one line per key and interval through and counts the ones held back', () => {
    const log = new RateLimitedLog(60_000);
    expect(log.admit('a', 0)).toEqual({ suppressed: 0 });
    expect(log.admit('a', 1_000)).toBeNull();
    expect(log.admit('a', 59_999)).toBeNull();
    expect(log.admit('b', 2_000)).toEqual({ suppressed: 0 });
    expect(log.admit('a', 60_000)).toEqual({ suppressed: 2 });
    expect(log.admit('a', 60_001)).toBeNull();
  });

  it('forgets the oldest keys beyond its bound', () => {
    const log = new RateLimitedLog(60_000, 2);
    log.admit('a', 0);
    log.admit('b', 0);
    log.admit('c', 0);
    expect(log.admit('a', 1)).toEqual({ suppressed: 0 });
    expect(log.admit('c', 1)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { MalformedPackets } from './malformed.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('MalformedPackets', () => {
  it('counts every fault of a key and keeps the last five, passwords blanked and binary quoted', () => {
    const packets = new MalformedPackets();
    for (let n = 1; n <= 7; n++) packets.record('MN1', `fault ${n}`, bytes(`##0010QN=1;PW=123456;CP=&&&&\x01${n}`));
    const summary = packets.of('MN1');
    expect(summary.count).toBe(7);
    expect(summary.last.map((e) => e.reason)).toEqual(['fault 3', 'fault 4', 'fault 5', 'fault 6', 'fault 7']);
    expect(summary.last[0]!.text).toBe('##0010QN=1;PW=***;CP=&&&&\\x013');
    expect(packets.of('other')).toEqual({ count: 0, last: [] });
  });

  it('forgets the oldest keys beyond its bound', () => {
    const packets = new MalformedPackets(2);
    packets.record('a', 'x', bytes('a'));
    packets.record('b', 'x', bytes('b'));
    packets.record('c', 'x', bytes('c'));
    expect(packets.of('a').count).toBe(0);
    expect(packets.of('c').count).toBe(1);
  });
});

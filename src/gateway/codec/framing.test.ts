import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FrameSplitter, STANDARD_FRAMING, TOLERANT_FRAMING, type FrameEvent, type FrameFault, type FramingOptions } from './framing.ts';
import { referenceFrame, streamBytes, type StreamPiece } from './testing/reference-frame.ts';

interface Case {
  name: string;
  options?: FramingOptions;
  stream: StreamPiece[];
  expect: ({ frame: string; warnings?: string[] } | { rejected: Record<string, unknown> })[];
  skipped: number;
}
const cases = JSON.parse(readFileSync(new URL('./framing.cases.json', import.meta.url), 'utf8')) as Case[];

const text = new TextDecoder();

type Outcome = { frame: string; warnings: string[] } | { rejected: FrameFault };

/** Frames and rejections in order, and the garbage count, from feeding the chunks then ending the stream. */
function split(chunks: Uint8Array[], options: FramingOptions = STANDARD_FRAMING) {
  const splitter = new FrameSplitter(options);
  const events: FrameEvent[] = [];
  let maxBuffered = 0;
  for (const chunk of chunks) {
    events.push(...splitter.push(chunk));
    maxBuffered = Math.max(maxBuffered, splitter.bufferedBytes);
  }
  events.push(...splitter.finish());
  const outcomes = events.flatMap((event): Outcome[] => {
    if (event.kind === 'frame') return [{ frame: text.decode(event.segment), warnings: event.warnings }];
    if (event.kind === 'rejected') return [{ rejected: event.fault }];
    return [];
  });
  const skippedInEvents = events.reduce((sum, event) => sum + (event.kind === 'skipped' ? event.count : 0), 0);
  expect(skippedInEvents).toBe(splitter.skippedBytes);
  expect(maxBuffered).toBeLessThanOrEqual(splitter.maxBufferedBytes);
  return { outcomes, skipped: splitter.skippedBytes };
}

describe('FrameSplitter', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const { outcomes, skipped } = split([streamBytes(c.stream)], c.options);
    expect(outcomes).toEqual(c.expect.map((e) => ('frame' in e ? { frame: e.frame, warnings: e.warnings ?? [] } : e)));
    expect(skipped).toBe(c.skipped);
  });

  it('gives the same packets and rejections however the stream is cut', () => {
    const stream = streamBytes(cases.flatMap((c) => (c.options || c.name.startsWith('the stream ends') ? [] : c.stream)));
    const whole = split([stream]);
    expect(whole.outcomes.filter((o) => 'frame' in o).length).toBeGreaterThan(10);
    for (let offset = 1; offset < stream.length; offset++) {
      expect(split([stream.subarray(0, offset), stream.subarray(offset)])).toEqual(whole);
    }
    expect(split(Array.from(stream, (byte) => Uint8Array.of(byte)))).toEqual(whole);
  });

  describe('length limit (Table 2: 0 ≤ n ≤ 1024; 9999 tolerated)', () => {
    /** A data segment of exactly `length` UTF-8 bytes. */
    const segmentOf = (length: number) => {
      const head = 'QN=20160801085857223;ST=32;CN=3020;PW=123456;MN=010000A8900016F000169DC0;Flag=4;CP=&&i13004-Info=//';
      const tail = '//&&';
      return head + 'x'.repeat(length - head.length - tail.length) + tail;
    };

    it.each([
      ['standard', STANDARD_FRAMING, 1024, true],
      ['standard', STANDARD_FRAMING, 1025, false],
      ['tolerant', TOLERANT_FRAMING, 1025, true],
      ['tolerant', TOLERANT_FRAMING, 9999, true],
    ] as const)('%s framing, %i bytes: accepted %s', (_mode, options, length, accepted) => {
      const segment = segmentOf(length);
      expect(new TextEncoder().encode(segment).length).toBe(length);
      const { outcomes } = split([referenceFrame({ packet: segment })], options);
      expect(outcomes[0]).toEqual(accepted ? { frame: segment, warnings: [] } : { rejected: { code: 'length_over_limit', length, limit: 1024 } });
    });

    it('refuses a limit the four digits cannot carry', () => {
      expect(() => new FrameSplitter({ maxSegmentLength: 10000, requireCrLf: false })).toThrow(RangeError);
    });
  });

  it('holds no more than one longest frame, whatever a sender trickles', () => {
    const splitter = new FrameSplitter(STANDARD_FRAMING);
    splitter.push(new TextEncoder().encode('##1024'));
    for (let index = 0; index < 5000; index++) {
      splitter.push(new TextEncoder().encode('x'));
      expect(splitter.bufferedBytes).toBeLessThanOrEqual(1024 + 12);
    }
  });
});

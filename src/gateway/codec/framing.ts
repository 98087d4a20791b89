/**
 * Cutting HJ 212 packets out of a byte stream (§6.3.1, Table 2): `##`, four decimal digits giving the data
 * segment's length in UTF-8 bytes, the data segment, four hex digits of CRC, CR LF.
 *
 * Stateful but pure: it is fed chunks as they arrive and returns what they complete, so the same bytes give
 * the same frames and rejections however they are cut. Packets are framed by the length field, not by
 * CR LF (real devices send LF only, trailing spaces or nothing, §7); what follows a frame up to the next
 * `##` is its terminator when it is white space, and garbage otherwise. Garbage (DTU banners, Modbus bytes)
 * is skipped and counted; the splitter never holds more than one longest frame.
 */
import { formatCrc, hj212Crc } from './crc.ts';

export interface FramingOptions {
  /** Longest data segment accepted: 1024 bytes by the standard; up to 9999 when tolerating real devices (§1). */
  maxSegmentLength: number;
  /** Whether CR LF must follow the CRC. Off by default: devices that omit it are common and harmless (§7). */
  requireCrLf: boolean;
}

export const STANDARD_FRAMING: FramingOptions = { maxSegmentLength: 1024, requireCrLf: false };
export const TOLERANT_FRAMING: FramingOptions = { maxSegmentLength: 9999, requireCrLf: false };

export type FrameWarning = 'crc_lower_case';

export interface Frame {
  kind: 'frame';
  /** The data segment's bytes, as sent. */
  segment: Uint8Array;
  crc: number;
  warnings: FrameWarning[];
}

export type FrameFault =
  | { code: 'length_not_digits'; sent: string }
  | { code: 'length_over_limit'; length: number; limit: number }
  | { code: 'line_shorter_than_length'; length: number; lineLength: number }
  | { code: 'crc_not_hex'; sent: string }
  | { code: 'crc_mismatch'; sent: string; computed: string }
  | { code: 'missing_crlf' }
  | { code: 'truncated'; length: number | null; received: number };

export interface FrameRejection {
  kind: 'rejected';
  fault: FrameFault;
  /** The bytes given up, for the log of malformed packets. */
  bytes: Uint8Array;
}

export interface SkippedBytes {
  kind: 'skipped';
  count: number;
}

export type FrameEvent = Frame | FrameRejection | SkippedBytes;

const HASH = 0x23;
const CR = 0x0d;
const LF = 0x0a;
/** `##` + length + CRC + CR LF around the data segment. */
const FRAME_OVERHEAD = 12;

export class FrameSplitter {
  readonly options: FramingOptions;
  private buffer = new Uint8Array(0);
  /** Just after a frame, white space is its terminator, not garbage. */
  private afterFrame = false;
  private skipped = 0;

  constructor(options: FramingOptions = STANDARD_FRAMING) {
    if (!Number.isInteger(options.maxSegmentLength) || options.maxSegmentLength < 0 || options.maxSegmentLength > 9999) {
      throw new RangeError(`maxSegmentLength must be 0..9999 (four digits), got ${options.maxSegmentLength}`);
    }
    this.options = options;
  }

  /** The most bytes the splitter ever holds between two chunks. */
  get maxBufferedBytes(): number {
    return this.options.maxSegmentLength + FRAME_OVERHEAD;
  }

  get bufferedBytes(): number {
    return this.buffer.length;
  }

  /** Garbage bytes skipped so far (white space ending a frame is not counted). */
  get skippedBytes(): number {
    return this.skipped;
  }

  push(chunk: Uint8Array): FrameEvent[] {
    const buffer = this.buffer.length === 0 ? chunk : concat(this.buffer, chunk);
    const events: FrameEvent[] = [];
    let position = 0;
    const skip = (to: number) => {
      if (to > position) {
        events.push({ kind: 'skipped', count: to - position });
        this.skipped += to - position;
      }
      position = to;
    };

    for (;;) {
      if (this.afterFrame) {
        while (position < buffer.length && isWhiteSpace(buffer[position]!)) position++;
        if (position === buffer.length) break;
        this.afterFrame = false;
      }
      const start = indexOfHeader(buffer, position);
      if (start < 0) {
        // A lone '#' at the end may be the first half of the next header.
        skip(buffer[buffer.length - 1] === HASH ? buffer.length - 1 : buffer.length);
        break;
      }
      skip(start);
      if (buffer.length - start < 6) break;

      const lengthText = latin1(buffer, start + 2, start + 6);
      if (!/^[0-9]{4}$/.test(lengthText)) {
        events.push(rejection({ code: 'length_not_digits', sent: lengthText }, buffer, start, start + 6));
        position = start + 2;
        continue;
      }
      const length = Number(lengthText);
      if (length > this.options.maxSegmentLength) {
        events.push(rejection({ code: 'length_over_limit', length, limit: this.options.maxSegmentLength }, buffer, start, start + 6));
        position = start + 2;
        continue;
      }
      const segmentStart = start + 6;
      const crcEnd = segmentStart + length + 4;
      const earlyLineEnd = findLineEnd(buffer, segmentStart, crcEnd);
      if (earlyLineEnd === UNDECIDED) break;
      if (earlyLineEnd >= 0) {
        // A CR LF after four hex digits is the end of a packet whose length field over-counts (characters
        // counted instead of bytes, or a lost byte): waiting for the declared length would swallow the next
        // packet.
        const lineLength = earlyLineEnd - 4 - segmentStart;
        events.push(rejection({ code: 'line_shorter_than_length', length, lineLength }, buffer, start, earlyLineEnd + 2));
        position = earlyLineEnd + 2;
        continue;
      }
      const frameEnd = this.options.requireCrLf ? crcEnd + 2 : crcEnd;
      if (buffer.length < frameEnd) break;

      const crcText = latin1(buffer, crcEnd - 4, crcEnd);
      if (!/^[0-9A-Fa-f]{4}$/.test(crcText)) {
        events.push(rejection({ code: 'crc_not_hex', sent: crcText }, buffer, start, crcEnd));
        position = start + 2;
        continue;
      }
      if (this.options.requireCrLf && !(buffer[crcEnd] === CR && buffer[crcEnd + 1] === LF)) {
        // The length and CRC delimit it: only its end is wrong, so the next packet starts after it.
        events.push(rejection({ code: 'missing_crlf' }, buffer, start, crcEnd));
        position = crcEnd;
        continue;
      }
      const segment = buffer.slice(segmentStart, segmentStart + length);
      const sent = parseInt(crcText, 16);
      const computed = hj212Crc(segment);
      position = frameEnd;
      this.afterFrame = true;
      if (sent !== computed) {
        events.push(rejection({ code: 'crc_mismatch', sent: crcText, computed: formatCrc(computed) }, buffer, start, frameEnd));
        continue;
      }
      events.push({ kind: 'frame', segment, crc: computed, warnings: /[a-f]/.test(crcText) ? ['crc_lower_case'] : [] });
    }
    this.buffer = buffer.slice(position);
    return events;
  }

  /** The end of the stream: a frame still incomplete is rejected as truncated. */
  finish(): FrameEvent[] {
    const rest = this.buffer;
    this.buffer = new Uint8Array(0);
    this.afterFrame = false;
    if (rest.length === 0) return [];
    if (rest.length >= 2 && rest[0] === HASH && rest[1] === HASH) {
      const lengthText = rest.length >= 6 ? latin1(rest, 2, 6) : '';
      const length = /^[0-9]{4}$/.test(lengthText) ? Number(lengthText) : null;
      return [rejection({ code: 'truncated', length, received: rest.length }, rest, 0, rest.length)];
    }
    this.skipped += rest.length;
    return [{ kind: 'skipped', count: rest.length }];
  }
}

function rejection(fault: FrameFault, buffer: Uint8Array, from: number, to: number): FrameRejection {
  return { kind: 'rejected', fault, bytes: buffer.slice(from, Math.min(to, buffer.length)) };
}

/** Where `##` starts; of a run of `#` (`###0101…`), the last two. */
function indexOfHeader(buffer: Uint8Array, from: number): number {
  for (let index = buffer.indexOf(HASH, from); index >= 0; index = buffer.indexOf(HASH, index + 1)) {
    if (index + 1 < buffer.length && buffer[index + 1] === HASH) {
      while (buffer[index + 2] === HASH) index++;
      return index;
    }
  }
  return -1;
}

const UNDECIDED = -2;

/**
 * The first CR LF preceded by four hex digits that starts before `before`; -1 when there is none, UNDECIDED
 * when such a CR is the last byte buffered (its LF, or something else, is still to come).
 */
function findLineEnd(buffer: Uint8Array, segmentStart: number, before: number): number {
  for (let index = buffer.indexOf(CR, segmentStart + 4); index >= 0 && index < before; index = buffer.indexOf(CR, index + 1)) {
    if (!isHex(buffer, index - 4, index)) continue;
    if (index + 1 === buffer.length) return UNDECIDED;
    if (buffer[index + 1] === LF) return index;
  }
  return -1;
}

function isHex(buffer: Uint8Array, from: number, to: number): boolean {
  for (let index = from; index < to; index++) {
    const byte = buffer[index]!;
    const hex = (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66);
    if (!hex) return false;
  }
  return true;
}

function isWhiteSpace(byte: number): boolean {
  return byte === CR || byte === LF || byte === 0x20 || byte === 0x09;
}

/** Bytes shown one character each, so a fault quotes exactly what came (binary included). */
function latin1(buffer: Uint8Array, from: number, to: number): string {
  return String.fromCharCode(...buffer.subarray(from, to));
}

function concat(first: Uint8Array, second: Uint8Array): Uint8Array {
  const joined = new Uint8Array(first.length + second.length);
  joined.set(first, 0);
  joined.set(second, first.length);
  return joined;
}

/**
 * Whole packets: a frame's bytes to a decoded data segment, and a data segment to the bytes on the wire
 * (`##`, length in UTF-8 bytes, segment, CRC, CR LF).
 */
import { formatCrc, hj212Crc } from './crc.ts';
import { FrameSplitter, STANDARD_FRAMING, type Frame, type FrameFault, type FramingOptions } from './framing.ts';
import { fail, ok, type Result } from './result.ts';
import { formatSegment, parseSegment, type DataSegment, type SegmentFault, type SegmentFields, type SegmentWarning } from './segment.ts';

export type PacketWarning = SegmentWarning | { code: 'crc_lower_case' } | { code: 'decoded_as_gb18030' };

/** A packet received (数据包): its segment decoded, the text it was read from and every deviation noticed. */
export interface Packet extends Omit<DataSegment, 'warnings'> {
  segment: string;
  warnings: PacketWarning[];
}

export type PacketFault =
  | FrameFault
  | SegmentFault
  | { code: 'no_packet' }
  | { code: 'more_than_one_packet'; count: number }
  | { code: 'bytes_outside_packet'; count: number };

const utf8 = new TextDecoder('utf-8', { fatal: true });
const gb18030 = new TextDecoder('gb18030');
const encoder = new TextEncoder();

/**
 * The segment as text: UTF-8 as the standard requires, else GB18030, which devices with a Chinese locale
 * write into `-Info` logs (spec §7). The CRC was already checked over the bytes as sent.
 */
function decodeText(bytes: Uint8Array): { text: string; gb18030: boolean } {
  try {
    return { text: utf8.decode(bytes), gb18030: false };
  } catch {
    return { text: gb18030.decode(bytes), gb18030: true };
  }
}

export function decodeFrame(frame: Frame): Result<Packet, SegmentFault> {
  const { text, gb18030: fellBack } = decodeText(frame.segment);
  const parsed = parseSegment(text);
  if (!parsed.ok) return parsed;
  const warnings: PacketWarning[] = [
    ...frame.warnings.map((code) => ({ code })),
    ...(fellBack ? [{ code: 'decoded_as_gb18030' as const }] : []),
    ...parsed.value.warnings,
  ];
  return ok({ ...parsed.value, segment: text, warnings });
}

/** Exactly one packet from bytes holding one (the CLI's one line per packet); anything around it is a fault. */
export function decodePacket(bytes: Uint8Array | string, options: FramingOptions = STANDARD_FRAMING): Result<Packet, PacketFault> {
  const splitter = new FrameSplitter(options);
  const events = [...splitter.push(typeof bytes === 'string' ? encoder.encode(bytes) : bytes), ...splitter.finish()];
  const rejection = events.find((event) => event.kind === 'rejected');
  if (rejection) return fail(rejection.fault);
  const frames = events.filter((event): event is Frame => event.kind === 'frame');
  if (frames.length === 0) return fail({ code: 'no_packet' });
  if (frames.length > 1) return fail({ code: 'more_than_one_packet', count: frames.length });
  if (splitter.skippedBytes > 0) return fail({ code: 'bytes_outside_packet', count: splitter.skippedBytes });
  return decodeFrame(frames[0]!);
}

/** The packet on the wire for a data segment text. */
export function framePacket(segment: string): string {
  const bytes = encoder.encode(segment);
  if (bytes.length > 9999) throw new RangeError(`a data segment of ${bytes.length} bytes does not fit the four-digit length`);
  return `##${String(bytes.length).padStart(4, '0')}${segment}${formatCrc(hj212Crc(bytes))}\r\n`;
}

export function encodePacket(fields: SegmentFields): string {
  return framePacket(formatSegment(fields));
}

/**
 * Test support: packets framed by an independent reading of the standard, so tests never take their
 * expected CRCs and lengths from the code under test.
 */

/** Appendix A's pseudo-code, bit by bit as printed (spec §2). */
export function appendixACrc(bytes: Uint8Array): number {
  let register = 0xffff;
  for (const byte of bytes) {
    register = (register >> 8) ^ byte;
    for (let bit = 0; bit < 8; bit++) {
      const lsb = register & 1;
      register = register >> 1;
      if (lsb === 1) register = register ^ 0xa001;
    }
  }
  return register & 0xffff;
}

export interface ReferencePacket {
  /** The data segment. */
  packet: string;
  /** Sent instead of the right CRC. */
  crc?: string;
  lowerCaseCrc?: boolean;
  /** Sent instead of the right length. */
  length?: string;
  /** What follows the CRC; CR LF by default. */
  end?: string;
}

export function referenceFrame(spec: ReferencePacket): Uint8Array {
  const segment = new TextEncoder().encode(spec.packet);
  const rightCrc = appendixACrc(segment).toString(16).toUpperCase().padStart(4, '0');
  const crc = spec.crc ?? (spec.lowerCaseCrc ? rightCrc.toLowerCase() : rightCrc);
  const length = spec.length ?? String(segment.length).padStart(4, '0');
  return new TextEncoder().encode(`##${length}${spec.packet}${crc}${spec.end ?? '\r\n'}`);
}

/** A stream piece of a case file: text (UTF-8), raw bytes in hex, or a packet framed by the reference. */
export type StreamPiece = string | { hex: string } | ReferencePacket;

export function streamBytes(pieces: readonly StreamPiece[]): Uint8Array {
  const parts = pieces.map((piece) => {
    if (typeof piece === 'string') return new TextEncoder().encode(piece);
    if ('hex' in piece) return Uint8Array.from(piece.hex.match(/../g) ?? [], (pair) => parseInt(pair, 16));
    return referenceFrame(piece);
  });
  const joined = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    joined.set(part, offset);
    offset += part.length;
  }
  return joined;
}

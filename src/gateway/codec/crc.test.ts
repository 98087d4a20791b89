import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatCrc, hj212Crc, hj212CrcOfText } from './crc.ts';
import { appendixACrc } from './testing/reference-frame.ts';

interface Case {
  name: string;
  segment: string;
  crc: string;
  modbusWouldGive?: string;
}
const cases = JSON.parse(readFileSync(new URL('./crc.cases.json', import.meta.url), 'utf8')) as Case[];

/** CRC-16/MODBUS, which the standard's "ANSI CRC16" is often mistaken for. */
function modbusCrc(bytes: Uint8Array): number {
  let register = 0xffff;
  for (const byte of bytes) {
    register ^= byte;
    for (let bit = 0; bit < 8; bit++) register = register & 1 ? (register >> 1) ^ 0xa001 : register >> 1;
  }
  return register;
}

describe('HJ 212 CRC (Appendix A)', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(formatCrc(hj212CrcOfText(c.segment))).toBe(c.crc);
    if (c.modbusWouldGive) {
      const bytes = new TextEncoder().encode(c.segment);
      expect(formatCrc(modbusCrc(bytes))).toBe(c.modbusWouldGive);
    }
  });

  it('agrees with the pseudo-code of Appendix A on random buffers, bytes ≥ 0x80 included', () => {
    let seed = 212;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let round = 0; round < 2000; round++) {
      const bytes = Uint8Array.from({ length: random() % 64 }, () => random() % 256);
      expect(hj212Crc(bytes)).toBe(appendixACrc(bytes));
    }
  });

  it('counts Chinese text as its UTF-8 bytes', () => {
    const text = 'i13004-Info=//阀门故障//';
    expect(hj212CrcOfText(text)).toBe(appendixACrc(new TextEncoder().encode(text)));
  });

  it('prints four upper-case digits, zero-padded', () => {
    expect(formatCrc(0x0abc)).toBe('0ABC');
    expect(formatCrc(0x1c80)).toBe('1C80');
  });
});

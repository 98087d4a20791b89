/**
 * The CRC of HJ 212 (Appendix A, normative; 校验码). The standard calls it "ANSI CRC16", but it is not
 * CRC-16/MODBUS: the register is shifted right by 8 *before* the byte is XORed in, so only the low 8 bits of
 * state pass from one byte to the next. Computed over the data segment's UTF-8 bytes only (not `##`, the
 * length or CR LF). The standard's example `…CP=&&RtdInterval=30&&` gives 1C80, where Modbus would give 0759.
 */

const REFLECTED_A001_TABLE = buildTable();

function buildTable(): Uint16Array {
  const table = new Uint16Array(256);
  for (let index = 0; index < 256; index++) {
    let register = index;
    for (let bit = 0; bit < 8; bit++) register = register & 1 ? (register >>> 1) ^ 0xa001 : register >>> 1;
    table[index] = register;
  }
  return table;
}

/** CRC of the given bytes; FFFF for none. */
export function hj212Crc(bytes: Uint8Array): number {
  let register = 0xffff;
  for (const byte of bytes) register = REFLECTED_A001_TABLE[((register >>> 8) ^ byte) & 0xff]!;
  return register;
}

const utf8 = new TextEncoder();

/** CRC of a data segment given as text (its UTF-8 bytes). */
export function hj212CrcOfText(segment: string): number {
  return hj212Crc(utf8.encode(segment));
}

/** Four upper-case hex digits, high byte first, as the standard prints it. */
export function formatCrc(crc: number): string {
  return crc.toString(16).toUpperCase().padStart(4, '0');
}

import { describe, expect, it } from 'vitest';
import { TOLERANT_FRAMING } from './framing.ts';
import { decodePacket, framePacket } from './packet.ts';
import { appendixACrc, referenceFrame } from './testing/reference-frame.ts';

const standardExample =
  '##0101QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&1C80\r\n';

describe('decodePacket (one packet, as the CLI reads a line)', () => {
  it("decodes the standard's example", () => {
    expect(decodePacket(standardExample)).toMatchObject({ ok: true, value: { version: '2017', cn: '1062', answerWanted: true, warnings: [] } });
  });

  it('notes a lower-case CRC', () => {
    expect(decodePacket(standardExample.replace('1C80', '1c80'))).toMatchObject({ ok: true, value: { warnings: [{ code: 'crc_lower_case' }] } });
  });

  it('catches any single-byte change from the header to the CRC (but the case of CRC hex, which is tolerated)', () => {
    const bytes = new TextEncoder().encode(standardExample);
    const crcStart = bytes.length - 6;
    for (let position = 0; position < bytes.length - 2; position++) {
      for (let value = 0; value < 256; value++) {
        if (value === bytes[position]) continue;
        const sameHexDigit = String.fromCharCode(value).toUpperCase() === String.fromCharCode(bytes[position]!);
        if (position >= crcStart && sameHexDigit) continue;
        const changed = bytes.slice();
        changed[position] = value;
        expect(decodePacket(changed).ok, `byte ${position} → ${value}`).toBe(false);
      }
    }
  });

  it('gives a frame fault, a segment fault or a stray byte its own reason', () => {
    expect(decodePacket(standardExample.replace('1C80', '1C81'))).toEqual({ ok: false, fault: { code: 'crc_mismatch', sent: '1C81', computed: '1C80' } });
    expect(decodePacket(referenceFrame({ packet: 'QN=;ST=32;CN=2011;PW=123456;MN=AIR0001;Flag=4;CP=&&&&' }))).toEqual({
      ok: false,
      fault: { code: 'invalid_field', name: 'QN', value: '' },
    });
    expect(decodePacket(`x${standardExample}`)).toEqual({ ok: false, fault: { code: 'bytes_outside_packet', count: 1 } });
    expect(decodePacket(standardExample + standardExample)).toEqual({ ok: false, fault: { code: 'more_than_one_packet', count: 2 } });
    expect(decodePacket('')).toEqual({ ok: false, fault: { code: 'no_packet' } });
  });

  it('reads an Info log written in GB18030 when it is not UTF-8, keeping the CRC over the bytes sent', () => {
    const head = new TextEncoder().encode('QN=20160801085857223;ST=32;CN=3020;PW=123456;MN=AIR0001;Flag=4;CP=&&i11001-Info=//');
    const gbText = Uint8Array.of(0xb1, 0xa8, 0xbe, 0xaf); // 报警 in GB18030
    const tail = new TextEncoder().encode('//&&');
    const segment = Uint8Array.from([...head, ...gbText, ...tail]);
    const crc = appendixACrc(segment).toString(16).toUpperCase().padStart(4, '0');
    const frame = Uint8Array.from([...new TextEncoder().encode(`##${String(segment.length).padStart(4, '0')}`), ...segment, ...new TextEncoder().encode(`${crc}\r\n`)]);
    const decoded = decodePacket(frame);
    expect(decoded).toMatchObject({ ok: true, value: { cp: [[{ key: 'i11001-Info', value: '报警', delimited: true }]], warnings: [{ code: 'decoded_as_gb18030' }] } });
  });

  it('takes a 1623-byte packet only in tolerant mode', () => {
    const segment = `QN=20160801085857223;ST=32;CN=3020;PW=123456;MN=AIR0001;Flag=4;CP=&&i11001-Info=//${'x'.repeat(1623 - 86)}//&&`;
    expect(new TextEncoder().encode(segment).length).toBe(1623);
    const packet = referenceFrame({ packet: segment });
    expect(decodePacket(packet)).toMatchObject({ ok: false, fault: { code: 'length_over_limit', length: 1623 } });
    expect(decodePacket(packet, TOLERANT_FRAMING)).toMatchObject({ ok: true });
  });
});

describe('framePacket', () => {
  it('counts the length in UTF-8 bytes and appends the CRC and CR LF', () => {
    const segment = 'QN=20160801085857223;ST=32;CN=3020;PW=123456;MN=AIR0001;Flag=4;CP=&&i11001-Info=//报警//&&';
    expect(framePacket(segment)).toBe(new TextDecoder().decode(referenceFrame({ packet: segment })));
  });

  it('refuses a segment the four-digit length cannot carry', () => {
    expect(() => framePacket('x'.repeat(10000))).toThrow(RangeError);
  });
});

/**
 * Properties of the whole codec over generated packets: what is encoded decodes back to the same fields,
 * and no single changed byte is ever read as a different packet.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cpField, formatCp, parseCp, type CpField } from './cp.ts';
import { encodeFlag, type ProtocolVersion } from './flag.ts';
import { TOLERANT_FRAMING } from './framing.ts';
import { decodePacket, encodePacket } from './packet.ts';
import type { SegmentFields } from './segment.ts';

const chars = (alphabet: string, minLength: number, maxLength: number) =>
  fc.string({ unit: fc.constantFrom(...alphabet), minLength, maxLength });

const DIGITS = '0123456789';
const ALPHANUMERIC = `${DIGITS}ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz`;
/**
 * Visible ASCII without the header separators `;` and `,`, and without `&`, so no password reads as the
 * start of CP (`CP=&&`): the characters a PW can carry and still be read back as itself.
 */
const PASSWORD_CHARACTERS = Array.from({ length: 0x7e - 0x21 + 1 }, (_, i) => String.fromCharCode(0x21 + i))
  .filter((char) => !';,&'.includes(char))
  .join('');

const decimal = fc
  .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 14n }), fc.option(chars(DIGITS, 1, 4), { nil: undefined }))
  .map(([negative, whole, fraction]) => `${negative ? '-' : ''}${whole}${fraction === undefined ? '' : `.${fraction}`}`);

const factorCode = fc.oneof(
  fc.tuple(fc.constantFrom('a', 'w', 'i', 'e'), chars(DIGITS, 5, 5)).map(([letter, digits]) => `${letter}${digits}`),
  chars(`${ALPHANUMERIC}_.`, 1, 8),
);

/**
 * An Info text between `//`: may hold `;`, `,`, `=` and Chinese (several UTF-8 bytes each). It cannot hold
 * `//`, and cannot end in `/` either — `//a///` would read as `a` followed by a stray `/`; formatCp refuses both.
 */
const infoText = chars('abc 123;,=报警故障/-', 0, 20).filter((text) => !text.includes('//') && !text.endsWith('/'));

const codeField: fc.Arbitrary<CpField> = fc.oneof(
  fc.tuple(factorCode, fc.constantFrom('Rtd', 'Avg', 'Min', 'Max', 'Cou', 'ZsAvg'), decimal).map(([code, name, value]) => cpField(`${code}-${name}`, value)),
  fc.tuple(factorCode, fc.constantFrom('N', 'F', 'M', 'S', 'D', 'C', 'T', 'B')).map(([code, flag]) => cpField(`${code}-Flag`, flag)),
  fc.tuple(factorCode, infoText).map(([code, text]) => cpField(`${code}-Info`, text, { delimited: true })),
);

const dataTime = fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString().slice(0, 19).replace(/[-T:]/g, ''));

const cpGroups = fc.tuple(
  fc.option(dataTime, { nil: undefined }),
  fc.array(fc.array(codeField, { minLength: 1, maxLength: 4 }), { maxLength: 8 }),
).map(([time, groups]) => (time === undefined ? groups : [[cpField('DataTime', time)], ...groups]));

const segmentFields: fc.Arbitrary<SegmentFields> = fc
  .record({
    qn: chars(DIGITS, 17, 17),
    st: chars(ALPHANUMERIC, 2, 3),
    cn: chars(DIGITS, 4, 4),
    pw: chars(PASSWORD_CHARACTERS, 1, 24),
    mn: chars(`${ALPHANUMERIC}_-`, 1, 24),
    version: fc.constantFrom<ProtocolVersion>('2017', '2025'),
    answerWanted: fc.boolean(),
    part: fc.option(fc.integer({ min: 1, max: 9999 }).chain((pnum) => fc.record({ pnum: fc.constant(pnum), pno: fc.integer({ min: 1, max: pnum }) })), { nil: null }),
    cp: cpGroups,
  })
  .map(({ version, answerWanted, ...fields }) => ({ ...fields, flag: encodeFlag(version, { answerWanted, split: fields.part !== null }) }));

const HEX_LETTERS = 'ABCDEF';
const TERMINATOR_WHITE_SPACE = [0x0d, 0x0a, 0x20, 0x09];

describe('HJ 212 codec round trip (property)', () => {
  it('decodes what it encodes: header fields, Flag bits, parts and every CP field', () => {
    fc.assert(
      fc.property(segmentFields, (fields) => {
        const decoded = decodePacket(encodePacket(fields), TOLERANT_FRAMING);
        expect(decoded.ok).toBe(true);
        if (!decoded.ok) return;
        const { qn, st, cn, pw, mn, flag, part, cp, version, answerWanted } = decoded.value;
        expect({ qn, st, cn, pw, mn, flag, part, cp }).toEqual(fields);
        expect(version).toBe(fields.flag! >> 2 === 1 ? '2017' : '2025');
        expect(answerWanted).toBe((fields.flag! & 1) === 1);
      }),
      { numRuns: 500 },
    );
  });

  it('never reads a packet with one byte changed as a different packet', () => {
    // The CRC covers the data segment's bytes, so trimming inside the segment cannot make two byte strings
    // equal. What lies outside it is `##`, the length and the CRC text, and the CR LF: only the case of a
    // CRC hex letter (tolerated, with a warning) and white space in place of CR or LF (the splitter reads
    // any white space after a frame as its end) leave the packet readable — and then it is the same packet.
    fc.assert(
      fc.property(segmentFields, fc.nat(), fc.integer({ min: 0, max: 255 }), (fields, where, value) => {
        const original = new TextEncoder().encode(encodePacket(fields));
        const position = where % original.length;
        fc.pre(original[position] !== value);
        const changed = original.slice();
        changed[position] = value;

        const crcStart = original.length - 6;
        const inCrc = position >= crcStart && position < crcStart + 4;
        const inTerminator = position >= original.length - 2;
        const wasLetter = HEX_LETTERS.includes(String.fromCharCode(original[position]!));
        const caseChanged = inCrc && wasLetter && value === original[position]! + 0x20;
        const whiteSpaceEnd = inTerminator && TERMINATOR_WHITE_SPACE.includes(value);

        const before = decodePacket(original, TOLERANT_FRAMING);
        const after = decodePacket(changed, TOLERANT_FRAMING);
        if (!caseChanged && !whiteSpaceEnd) {
          expect(after.ok, `byte ${position} → 0x${value.toString(16)}`).toBe(false);
          return;
        }
        expect(after.ok && before.ok).toBe(true);
        if (!after.ok || !before.ok) return;
        const { warnings: warningsAfter, ...packetAfter } = after.value;
        const { warnings: warningsBefore, ...packetBefore } = before.value;
        expect(packetAfter).toEqual(packetBefore);
        expect(warningsAfter).toEqual(caseChanged ? [{ code: 'crc_lower_case' }, ...warningsBefore] : warningsBefore);
      }),
      { numRuns: 3000 },
    );
  });

  it('reads a lower-case CRC letter as the same packet, with the warning (the tolerated change, forced)', () => {
    // Random positions rarely land on a CRC letter with its lower case; this checks that case every time.
    fc.assert(
      fc.property(segmentFields, (fields) => {
        const packet = encodePacket(fields);
        const crc = packet.slice(-6, -2);
        fc.pre(/[A-F]/.test(crc));
        const lowered = `${packet.slice(0, -6)}${crc.toLowerCase()}\r\n`;
        const before = decodePacket(packet, TOLERANT_FRAMING);
        const after = decodePacket(lowered, TOLERANT_FRAMING);
        expect(after).toMatchObject({ ok: true, value: { segment: before.ok ? before.value.segment : null } });
        expect(after.ok && after.value.warnings[0]).toEqual({ code: 'crc_lower_case' });
      }),
      { numRuns: 200 },
    );
  });
});

describe('HJ 212 Info texts that cannot travel', () => {
  it('refuses, when formatting, an Info text that would not read back as itself', () => {
    fc.assert(
      fc.property(chars('abc 报警/', 0, 12), (text) => {
        const format = () => formatCp([[cpField('i12001-Info', text, { delimited: true })]]);
        if (text.includes('//') || text.endsWith('/')) expect(format).toThrow();
        else {
          const parsed = parseCp(format().slice('CP=&&'.length, -'&&'.length));
          expect(parsed.ok && parsed.value.groups[0]![0]!.value).toBe(text);
        }
      }),
    );
  });
});

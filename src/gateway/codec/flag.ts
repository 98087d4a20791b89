/**
 * The Flag field (标志位) of HJ 212: bits `V5 V4 V3 V2 V1 V0 D A`. The version is Flag >> 2
 * (0 = HJ/T 212-2005, 1 = HJ 212-2017, 2 = HJ 212-2025), D (bit 1) says PNUM/PNO follow, A (bit 0) asks for
 * an answer. A 2025 packet has Flag 8..11; parsers that test only bit V0 take it for 2005, so the whole
 * version number is compared here.
 */

export type ProtocolVersion = '2005' | '2017' | '2025';

const VERSION_NUMBERS: Record<ProtocolVersion, number> = { '2005': 0, '2017': 1, '2025': 2 };
const VERSIONS_BY_NUMBER: readonly ProtocolVersion[] = ['2005', '2017', '2025'];

export const ANSWER_WANTED = 0b01;
export const SPLIT = 0b10;

export interface DecodedFlag {
  /** null: version bits this codec does not know (3 and above). */
  version: ProtocolVersion | null;
  versionNumber: number;
  answerWanted: boolean;
  split: boolean;
}

export function decodeFlag(flag: number): DecodedFlag {
  const versionNumber = flag >> 2;
  return {
    version: VERSIONS_BY_NUMBER[versionNumber] ?? null,
    versionNumber,
    answerWanted: (flag & ANSWER_WANTED) !== 0,
    split: (flag & SPLIT) !== 0,
  };
}

export function encodeFlag(version: ProtocolVersion, options: { answerWanted?: boolean; split?: boolean } = {}): number {
  return (VERSION_NUMBERS[version] << 2) | (options.answerWanted ? ANSWER_WANTED : 0) | (options.split ? SPLIT : 0);
}

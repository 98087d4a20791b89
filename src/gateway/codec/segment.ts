/**
 * The data segment of an HJ 212 packet (数据段, §6.3.2, Table 3): `QN;ST;CN;PW;MN;Flag;[PNUM;PNO;]CP=&&…&&`.
 *
 * Accepted as real devices send it (spec §7): any field order (reported), `,` between header fields,
 * a missing `;` before CP, a missing Flag (then an answer is owed, and without QN the packet is 2005),
 * MN of 1–24 `[0-9A-Za-z_-]`, PW longer than six, ST of 2–3 alphanumerics. Everything else is refused
 * with the field and what was wrong with it.
 */
import { commandOf, SYSTEMS } from './commands.ts';
import { formatCp, parseCp, type CpFault, type CpGroup, type CpWarning } from './cp.ts';
import { decodeFlag, type ProtocolVersion } from './flag.ts';
import { fail, ok, type Result } from './result.ts';

/** One split packet's place (分包): part `pno` of `pnum`. */
export interface PacketPart {
  pnum: number;
  pno: number;
}

/** The header fields and CP, as a builder gives them. */
export interface SegmentFields {
  qn: string | null;
  st: string;
  cn: string;
  pw: string;
  mn: string;
  /** null: no Flag field (2005 devices). */
  flag: number | null;
  part: PacketPart | null;
  cp: CpGroup[];
}

/** A parsed data segment (数据段). */
export interface DataSegment extends SegmentFields {
  version: ProtocolVersion;
  answerWanted: boolean;
  warnings: SegmentWarning[];
}

export type SegmentWarning =
  | CpWarning
  | { code: 'flag_missing'; assumed: ProtocolVersion }
  | { code: 'fields_out_of_order'; order: string[] }
  | { code: 'comma_between_fields' }
  | { code: 'no_separator_before_cp' }
  | { code: 'unknown_st'; st: string }
  | { code: 'unknown_cn'; cn: string; version: ProtocolVersion }
  | { code: 'pw_longer_than_6'; length: number };

export type HeaderField = 'QN' | 'ST' | 'CN' | 'PW' | 'MN' | 'Flag' | 'PNUM' | 'PNO';

export type SegmentFault =
  | CpFault
  | { code: 'cp_missing' }
  | { code: 'cp_not_closed' }
  | { code: 'field_without_equals'; text: string }
  | { code: 'unknown_field'; name: string }
  | { code: 'duplicate_field'; name: HeaderField }
  | { code: 'missing_field'; name: HeaderField }
  | { code: 'invalid_field'; name: HeaderField; value: string }
  | { code: 'unknown_version'; flag: number }
  | { code: 'split_without_parts'; flag: number }
  | { code: 'parts_without_split'; flag: number }
  | { code: 'part_out_of_range'; pnum: number; pno: number };

/** The order of Table 3, in which builders write and against which order is checked. */
const HEADER_ORDER: readonly HeaderField[] = ['QN', 'ST', 'CN', 'PW', 'MN', 'Flag', 'PNUM', 'PNO'];

const FIELD_PATTERNS: Record<HeaderField, RegExp> = {
  QN: /^[0-9]{17}$/,
  ST: /^[0-9A-Za-z]{2,3}$/,
  CN: /^[0-9]{4}$/,
  PW: /^[\x21-\x7e]{1,24}$/,
  MN: /^[0-9A-Za-z_-]{1,24}$/,
  Flag: /^[0-9]{1,3}$/,
  PNUM: /^[0-9]{1,4}$/,
  PNO: /^[0-9]{1,4}$/,
};

const CP_START = 'CP=&&';
const CP_END = '&&';

export function parseSegment(text: string): Result<DataSegment, SegmentFault> {
  const cpStart = text.indexOf(CP_START);
  if (cpStart < 0) return fail({ code: 'cp_missing' });
  if (!text.endsWith(CP_END) || text.length - CP_END.length < cpStart + CP_START.length) return fail({ code: 'cp_not_closed' });

  const warnings: SegmentWarning[] = [];
  let header = text.slice(0, cpStart);
  if (/[;,]\s*$/.test(header)) header = header.replace(/[;,]\s*$/, '');
  else if (header.trim() !== '') warnings.push({ code: 'no_separator_before_cp' });
  if (header.includes(',')) warnings.push({ code: 'comma_between_fields' });

  const values = new Map<HeaderField, string>();
  for (const item of header.split(/[;,]/)) {
    if (item.trim() === '') continue;
    const equals = item.indexOf('=');
    if (equals < 0) return fail({ code: 'field_without_equals', text: item.trim() });
    const name = item.slice(0, equals).trim();
    const value = item.slice(equals + 1).trim();
    if (!isHeaderField(name)) return fail({ code: 'unknown_field', name });
    if (values.has(name)) return fail({ code: 'duplicate_field', name });
    if (!FIELD_PATTERNS[name].test(value)) return fail({ code: 'invalid_field', name, value });
    values.set(name, value);
  }
  const order = [...values.keys()];
  if (order.some((name, index) => index > 0 && HEADER_ORDER.indexOf(name) < HEADER_ORDER.indexOf(order[index - 1]!))) {
    warnings.push({ code: 'fields_out_of_order', order });
  }
  for (const name of ['ST', 'CN', 'PW', 'MN'] as const) if (!values.has(name)) return fail({ code: 'missing_field', name });
  const st = values.get('ST')!;
  const cn = values.get('CN')!;
  const pw = values.get('PW')!;
  const mn = values.get('MN')!;
  const qn = values.get('QN') ?? null;

  const flagText = values.get('Flag');
  const flag = flagText === undefined ? null : Number(flagText);
  let version: ProtocolVersion;
  let answerWanted: boolean;
  let split: boolean;
  if (flag === null) {
    // No Flag: an answer is owed (as caoyiliang/HJ212_Server does); without QN it is a 2005 packet.
    version = qn === null ? '2005' : '2017';
    answerWanted = true;
    split = values.has('PNUM') || values.has('PNO');
    if (qn !== null) warnings.push({ code: 'flag_missing', assumed: version });
  } else {
    const decoded = decodeFlag(flag);
    if (flag > 255 || decoded.version === null) return fail({ code: 'unknown_version', flag });
    version = decoded.version;
    answerWanted = decoded.answerWanted;
    split = decoded.split;
    if (version !== '2005' && qn === null) return fail({ code: 'missing_field', name: 'QN' });
  }

  let part: PacketPart | null = null;
  if (split) {
    const pnum = values.get('PNUM');
    const pno = values.get('PNO');
    if (pnum === undefined || pno === undefined) {
      if (flag !== null) return fail({ code: 'split_without_parts', flag });
      return fail({ code: 'missing_field', name: pnum === undefined ? 'PNUM' : 'PNO' });
    }
    part = { pnum: Number(pnum), pno: Number(pno) };
    if (part.pnum < 1 || part.pno < 1 || part.pno > part.pnum) return fail({ code: 'part_out_of_range', ...part });
  } else if (values.has('PNUM') || values.has('PNO')) {
    return fail({ code: 'parts_without_split', flag: flag! });
  }

  if (!(st in SYSTEMS)) warnings.push({ code: 'unknown_st', st });
  if (version !== '2005' && commandOf(cn, version) === undefined) warnings.push({ code: 'unknown_cn', cn, version });
  if (pw.length > 6) warnings.push({ code: 'pw_longer_than_6', length: pw.length });

  const cp = parseCp(text.slice(cpStart + CP_START.length, text.length - CP_END.length));
  if (!cp.ok) return cp;
  warnings.push(...cp.value.warnings);
  return ok({ qn, st, cn, pw, mn, flag, part, cp: cp.value.groups, version, answerWanted, warnings });
}

/** The data segment text, fields in the order of Table 3. */
export function formatSegment(fields: SegmentFields): string {
  const header: [HeaderField, string | number | null][] = [
    ['QN', fields.qn],
    ['ST', fields.st],
    ['CN', fields.cn],
    ['PW', fields.pw],
    ['MN', fields.mn],
    ['Flag', fields.flag],
    ['PNUM', fields.part?.pnum ?? null],
    ['PNO', fields.part?.pno ?? null],
  ];
  const written = header.filter(([, value]) => value !== null).map(([name, value]) => `${name}=${value};`);
  return `${written.join('')}${formatCp(fields.cp)}`;
}

function isHeaderField(name: string): name is HeaderField {
  return (HEADER_ORDER as readonly string[]).includes(name);
}

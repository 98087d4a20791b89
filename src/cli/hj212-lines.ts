/**
 * `qingshan hj212 decode` and `encode`, line by line: a packet to what the gateway reads from it and would
 * answer, and fields given as JSON to the packet on the wire. Pure; the command reads and writes the streams.
 */
import { formatQn } from '../gateway/codec/clock-text.ts';
import { COMMANDS } from '../gateway/codec/commands.ts';
import { cpField, formatCp, parseCp, type CpField, type CpGroup } from '../gateway/codec/cp.ts';
import { describeFault, describeWarning } from '../gateway/codec/faults.ts';
import { encodeFlag, type ProtocolVersion } from '../gateway/codec/flag.ts';
import { TOLERANT_FRAMING } from '../gateway/codec/framing.ts';
import { decodePacket, encodePacket } from '../gateway/codec/packet.ts';
import { answerFor } from '../gateway/codec/replies.ts';
import type { PacketPart, SegmentFields } from '../gateway/codec/segment.ts';

export type DecodedLine =
  | {
      ok: true;
      version: ProtocolVersion;
      qn: string | null;
      st: string;
      cn: string;
      /** The command's name (命令名称) when the device's version defines it. */
      command: string | null;
      pw: string;
      mn: string;
      flag: number | null;
      answerWanted: boolean;
      pnum?: number;
      pno?: number;
      cp: Record<string, string>[];
      warnings: { code: string; message: string }[];
      reply: string | null;
    }
  | { ok: false; code: string; error: string };

/**
 * One line as the gateway reads it: tolerant framing, then the segment (the same FrameSplitter and
 * decodeFrame the server uses), and the answer it owes a registered device, or null.
 */
export function decodeLine(bytes: Uint8Array): DecodedLine {
  const decoded = decodePacket(bytes, TOLERANT_FRAMING);
  if (!decoded.ok) return { ok: false, code: decoded.fault.code, error: describeFault(decoded.fault) };
  const packet = decoded.value;
  const answer = answerFor(packet);
  return {
    ok: true,
    version: packet.version,
    qn: packet.qn,
    st: packet.st,
    cn: packet.cn,
    command: COMMANDS[packet.cn]?.versions.includes(packet.version) ? COMMANDS[packet.cn]!.name : null,
    pw: packet.pw,
    mn: packet.mn,
    flag: packet.flag,
    answerWanted: packet.answerWanted,
    ...(packet.part ? { pnum: packet.part.pnum, pno: packet.part.pno } : {}),
    cp: readableCp(packet.cp),
    warnings: packet.warnings.map((warning) => ({ code: warning.code, message: describeWarning(warning) })),
    reply: answer ? encodePacket(answer) : null,
  };
}

/** Each CP group as an object in order; a key repeated within a group starts a new object, so nothing is lost. */
function readableCp(groups: readonly CpGroup[]): Record<string, string>[] {
  const objects: Record<string, string>[] = [];
  for (const group of groups) {
    let current: Record<string, string> = {};
    objects.push(current);
    for (const field of group) {
      if (Object.hasOwn(current, field.key)) objects.push((current = {}));
      current[field.key] = field.value;
    }
  }
  return objects;
}

/** Input an operator can correct: the message in Chinese and English. */
export class EncodeInputError extends Error {}

function refuse(zh: string, en: string): never {
  throw new EncodeInputError(`${zh} / ${en}`);
}

const VERSIONS: readonly ProtocolVersion[] = ['2005', '2017', '2025'];

/**
 * The packet for fields given as JSON (the shape `decode` prints is accepted back). Whatever the codec
 * would not read back as the same fields — a separator inside a value, a bad field — is refused, so the
 * output is always a packet the gateway decodes to exactly this input.
 */
export function encodeInput(input: unknown, now: Date = new Date()): { packet: string; warnings: string[] } {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) refuse('每项输入应为一个 JSON 对象', 'each input must be a JSON object');
  const record = input as Record<string, unknown>;
  const version = record.version === undefined ? undefined : String(record.version);
  if (version !== undefined && !(VERSIONS as readonly string[]).includes(version)) refuse(`version 应为 2005、2017 或 2025（收到 ${version}）`, 'version must be 2005, 2017 or 2025');
  if (record.answerWanted !== undefined && typeof record.answerWanted !== 'boolean') refuse('answerWanted 应为 true 或 false', 'answerWanted must be a boolean');
  const part = partOf(record);

  let flag: number | null;
  if (record.flag === undefined) {
    flag = encodeFlag((version as ProtocolVersion | undefined) ?? '2017', { answerWanted: record.answerWanted === true, split: part !== null });
  } else if (record.flag === null) {
    flag = null;
  } else {
    if (!Number.isInteger(record.flag) || (record.flag as number) < 0 || (record.flag as number) > 255) refuse('flag 应为 0 至 255 的整数', 'flag must be an integer 0–255');
    flag = record.flag as number;
  }
  let qn: string | null;
  if (record.qn === undefined) qn = flag === null && version === '2005' ? null : formatQn(now);
  else if (record.qn === null) qn = null;
  else if (typeof record.qn !== 'string') refuse('qn 应为17位数字的字符串', 'qn must be a string of 17 digits');
  else qn = record.qn;

  const fields: SegmentFields = {
    qn,
    st: headerText(record, 'st'),
    cn: headerText(record, 'cn'),
    pw: headerText(record, 'pw'),
    mn: headerText(record, 'mn'),
    flag,
    part,
    cp: cpOf(record.cp),
  };
  let packet: string;
  try {
    packet = encodePacket(fields);
  } catch (error) {
    refuse(`无法编码：${(error as Error).message}`, 'cannot encode');
  }
  const decoded = decodePacket(packet, TOLERANT_FRAMING);
  if (!decoded.ok) refuse(`编码结果无法解码：${describeFault(decoded.fault)}`, 'the packet would not decode');
  const back = decoded.value;
  const differing = (['qn', 'st', 'cn', 'pw', 'mn', 'flag'] as const).find((name) => back[name] !== fields[name]);
  if (differing) refuse(`字段 ${differing} 的值含有分隔符或首尾空格，无法原样编码`, `${differing} holds a separator or surrounding spaces`);
  if (formatCp(back.cp) !== formatCp(fields.cp)) refuse('CP 的值含有分隔符或首尾空格，无法原样编码', 'a CP value holds a separator or surrounding spaces');
  if (version !== undefined && back.version !== version) refuse(`flag=${flag} 表示 ${back.version} 版，与 version=${version} 不符`, 'flag and version disagree');
  if (record.answerWanted !== undefined && back.answerWanted !== record.answerWanted) refuse(`flag=${flag} 与 answerWanted=${String(record.answerWanted)} 不符`, 'flag and answerWanted disagree');
  return { packet, warnings: back.warnings.map(describeWarning) };
}

function headerText(record: Record<string, unknown>, name: 'st' | 'cn' | 'pw' | 'mn'): string {
  const value = record[name];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return String(value);
  return refuse(`缺少字段 ${name} 或其值不是字符串`, `${name} is missing or not a string`);
}

function partOf(record: Record<string, unknown>): PacketPart | null {
  if (record.pnum === undefined && record.pno === undefined) return null;
  const pnum = record.pnum;
  const pno = record.pno;
  if (!Number.isInteger(pnum) || !Number.isInteger(pno)) refuse('pnum 与 pno 须同时给出且为整数', 'pnum and pno go together, as integers');
  return { pnum: pnum as number, pno: pno as number };
}

/** CP as text (`DataTime=…;a34004-Avg=35`, with or without `CP=&&…&&`), as groups, or as one flat object. */
function cpOf(cp: unknown): CpGroup[] {
  if (cp === undefined) return [];
  if (typeof cp === 'string') {
    const body = /^CP=&&([\s\S]*)&&$/.exec(cp)?.[1] ?? cp;
    const parsed = parseCp(body);
    if (!parsed.ok) return refuse(`CP 无效：${describeFault(parsed.fault)}`, 'invalid CP');
    return parsed.value.groups;
  }
  if (Array.isArray(cp)) return cp.map(groupOf);
  if (typeof cp === 'object' && cp !== null) return flatGroups(cp as Record<string, unknown>);
  return refuse('cp 应为字符串、分组数组或对象', 'cp must be a string, an array of groups or an object');
}

/** A group: `{"a34004-Avg": 35, "a34004-Flag": "N"}`, or the codec's fields `[{"key": …, "value": …}]`. */
function groupOf(group: unknown): CpGroup {
  if (Array.isArray(group)) {
    return group.map((field: Partial<CpField>) => {
      if (typeof field !== 'object' || field === null || typeof field.key !== 'string') return refuse('CP 分组中的字段应为 {"key", "value"}', 'a CP field must be {"key", "value"}');
      return fieldOf(field.key, field.value, field.delimited === true);
    });
  }
  if (typeof group !== 'object' || group === null) return refuse('CP 分组应为对象', 'a CP group must be an object');
  return Object.entries(group).map(([key, value]) => fieldOf(key, value));
}

/** One flat object: the fields of one factor (same code) are joined into one group, as the standard writes them. */
function flatGroups(object: Record<string, unknown>): CpGroup[] {
  const groups: CpGroup[] = [];
  for (const [key, value] of Object.entries(object)) {
    const field = fieldOf(key, value);
    const last = groups.at(-1);
    if (last && field.code !== null && last[0]!.code === field.code) last.push(field);
    else groups.push([field]);
  }
  return groups;
}

function fieldOf(key: string, value: unknown, delimited = false): CpField {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number' && Number.isFinite(value)) {
    text = String(value);
    if (/e/i.test(text)) refuse(`${key} 的数值 ${text} 请写成小数字符串`, `write ${key} as a decimal string`);
  } else return refuse(`${key} 的值应为字符串或数字`, `${key} must be a string or a number`);
  // A value carrying ; , or & can only travel between // delimiters (as -Info texts do).
  return cpField(key, text, { delimited: delimited || /[;,&]/.test(text) });
}

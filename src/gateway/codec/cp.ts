/**
 * The command parameters of HJ 212 (CP=&&…&&, §6.3.3): items separated by `;`, fields of one factor joined
 * by `,`, each `key=value` with the key a parameter (DataTime, SystemTime…) or `code-Field` (w01018-Rtd,
 * SB1-RS, i13004-Info). Values stay the exact strings sent (decimals are never turned into numbers here);
 * `-Info` values written between `//` and `//` may hold `;`, `,` and `=` and are scanned as one token.
 * Spaces around keys and values are trimmed (the standard's own C.4 and C.42 have them). Unknown keys are
 * kept verbatim and reported as warnings, never rejected: real devices send ValidNum, longitude, bare Flag.
 */
import { fail, ok, type Result } from './result.ts';

/** One `key=value` of the CP (数据区字段). */
export interface CpField {
  key: string;
  /** The factor or equipment code before the last `-` (w01018, SB1), or null for a parameter (DataTime). */
  code: string | null;
  /** The field name: Rtd, Flag… after the code, or the whole key for a parameter. */
  name: string;
  value: string;
  /** Written between `//` and `//` (an Info text); `value` is what lies between them. */
  delimited?: true;
}

/** Fields joined by `,`: one factor's values, or one parameter. */
export type CpGroup = CpField[];

export type CpFault =
  | { code: 'cp_item_without_equals'; text: string }
  | { code: 'cp_bad_key'; key: string }
  | { code: 'cp_info_not_closed'; key: string }
  | { code: 'cp_text_after_info'; key: string; text: string }
  | { code: 'cp_bad_time'; key: string; value: string };

export type CpWarning = { code: 'unknown_cp_key'; key: string };

/** Parameters of Table 4 (and the 2025 key exchange, medium confidence per §0). */
const PARAMETER_NAMES = new Set([
  'SystemTime', 'QnRtn', 'ExeRtn', 'RtdInterval', 'MinInterval', 'RestartTime', 'BeginTime', 'EndTime',
  'DataTime', 'PolId', 'NewPW', 'OverTime', 'ReCount', 'VaseNo', 'CstartTime', 'Ctime', 'Stime', 'InfoId',
  'SKCreateTime', 'NewSK',
]);

/** Fields that follow a code (Table 4). */
const CODE_FIELD_NAMES = new Set([
  'SampleTime', 'Rtd', 'Min', 'Avg', 'Max', 'ZsRtd', 'ZsMin', 'ZsAvg', 'ZsMax', 'Cou', 'Flag', 'EFlag',
  'RS', 'RT', 'Data', 'DayData', 'NightData', 'Info', 'SN',
]);

/** Times written YYYYMMDDhhmmss (N14); a 17-digit SystemTime is a real device bug (spec §7) to refuse. */
const TIME_NAMES = new Set(['SystemTime', 'RestartTime', 'BeginTime', 'EndTime', 'DataTime', 'SampleTime']);

const TIME_PATTERN = /^[0-9]{14}$/;
const INFO_DELIMITER = '//';

export function parseCp(body: string): Result<{ groups: CpGroup[]; warnings: CpWarning[] }, CpFault> {
  const groups: CpGroup[] = [];
  const warnings: CpWarning[] = [];
  let group: CpGroup = [];
  let position = 0;
  while (position < body.length) {
    const equals = body.indexOf('=', position);
    const separator = nextSeparator(body, position);
    if (equals < 0 || (separator >= 0 && separator < equals)) {
      const end = separator < 0 ? body.length : separator;
      const text = body.slice(position, end);
      // An empty item (`;;`, a trailing `;`) carries nothing; anything else without `=` is malformed.
      if (text.trim() !== '') return fail({ code: 'cp_item_without_equals', text: text.trim() });
      position = end;
    } else {
      const key = body.slice(position, equals).trim();
      if (!isKeyText(key)) return fail({ code: 'cp_bad_key', key });
      const dash = key.lastIndexOf('-');
      const code = dash > 0 ? key.slice(0, dash) : null;
      const name = dash > 0 ? key.slice(dash + 1) : key;
      if (!isKnownKey(code, name)) warnings.push({ code: 'unknown_cp_key', key });
      const valueStart = skipSpaces(body, equals + 1);
      if (body.startsWith(INFO_DELIMITER, valueStart)) {
        const close = body.indexOf(INFO_DELIMITER, valueStart + INFO_DELIMITER.length);
        if (close < 0) return fail({ code: 'cp_info_not_closed', key });
        group.push({ key, code, name, value: body.slice(valueStart + INFO_DELIMITER.length, close), delimited: true });
        position = skipSpaces(body, close + INFO_DELIMITER.length);
        if (position < body.length && body[position] !== ';' && body[position] !== ',') {
          const rest = nextSeparator(body, position);
          return fail({ code: 'cp_text_after_info', key, text: body.slice(position, rest < 0 ? body.length : rest) });
        }
      } else {
        const end = separator < 0 ? body.length : separator;
        const value = body.slice(valueStart, end).trim();
        if (TIME_NAMES.has(name) && !TIME_PATTERN.test(value)) return fail({ code: 'cp_bad_time', key, value });
        // Built whole, not spread from the key's parts: this runs for every value of every packet.
        group.push({ key, code, name, value });
        position = end;
      }
    }
    if (position < body.length) {
      if (body[position] === ';' && group.length > 0) {
        groups.push(group);
        group = [];
      }
      position++;
    }
  }
  if (group.length > 0) groups.push(group);
  return ok({ groups, warnings });
}

/** `CP=&&…&&` for the groups; values are written as given. */
export function formatCp(groups: readonly CpGroup[]): string {
  const body = groups
    .map((group) => group.map((field) => `${field.key}=${formatValue(field)}`).join(','))
    .join(';');
  return `CP=&&${body}&&`;
}

/** A CP field from its key and value, code and name split as the parser does. */
export function cpField(key: string, value: string, options?: { delimited?: boolean }): CpField {
  const dash = key.lastIndexOf('-');
  const field: CpField = dash > 0 ? { key, code: key.slice(0, dash), name: key.slice(dash + 1), value } : { key, code: null, name: key, value };
  if (options?.delimited) field.delimited = true;
  return field;
}

/** The first value given for a key, wherever it is. */
export function cpValue(groups: readonly CpGroup[], key: string): string | undefined {
  for (const group of groups) for (const field of group) if (field.key === key) return field.value;
  return undefined;
}

function formatValue(field: CpField): string {
  if (field.delimited) {
    if (field.value.includes(INFO_DELIMITER)) throw new Error(`${field.key}: an Info text cannot contain "//"`);
    // `//a///` would read back as `a` and a stray `/`: the closing delimiter is the first `//` after the text.
    if (field.value.endsWith('/')) throw new Error(`${field.key}: an Info text cannot end in "/"`);
    return `${INFO_DELIMITER}${field.value}${INFO_DELIMITER}`;
  }
  if (needsDelimiters(field.value)) throw new Error(`${field.key}: "${field.value}" needs // delimiters to carry ; , or &`);
  return field.value;
}

/** `;`, `,` or `&` in a value would end it early. A loop, not a regular expression: every value sent passes here. */
function needsDelimiters(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x3b || c === 0x2c || c === 0x26) return true;
  }
  return false;
}

function isKnownKey(code: string | null, name: string): boolean {
  return code === null ? PARAMETER_NAMES.has(name) : CODE_FIELD_NAMES.has(name);
}

/** The first `;` or `,` from `from`, or -1. One scan: two indexOf calls ran on to the group's end for every field. */
function nextSeparator(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x3b || c === 0x2c) return i;
  }
  return -1;
}

/** A key of `[0-9A-Za-z_.-]+`: a loop, not a regular expression, as every field of every packet passes here. */
function isKeyText(key: string): boolean {
  if (key.length === 0) return false;
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    const allowed = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x2e || c === 0x2d;
    if (!allowed) return false;
  }
  return true;
}

function skipSpaces(text: string, from: number): number {
  let position = from;
  while (text[position] === ' ') position++;
  return position;
}

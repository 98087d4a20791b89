/**
 * The answers of the conversation (§6, Appendix C): 9011 请求应答, 9012 执行结果, 9013 通知应答, 9014 数据应答.
 * A reply echoes the QN, PW and MN of the packet it answers, carries ST=91 (系统交互, as in C.14–C.19 —
 * not the device's ST) and the device's own version bits with no answer asked.
 */
import { COMMANDS, SYSTEM_INTERACTION, type ExeRtn, type QnRtn } from './commands.ts';
import { cpField, type CpGroup } from './cp.ts';
import { encodeFlag } from './flag.ts';
import type { DataSegment, SegmentFields } from './segment.ts';

type Answered = Pick<DataSegment, 'qn' | 'pw' | 'mn' | 'flag' | 'version'>;

/**
 * The reply's Flag: 4 for 2017, 8 for 2025 (medium confidence: spec §0, §6). 2017 does not define it for
 * 2005 devices (medium confidence): their version bits (0) when they sent a Flag, none when they did not.
 */
export function replyFlag(device: Pick<DataSegment, 'flag' | 'version'>): number | null {
  if (device.version === '2005' && device.flag === null) return null;
  return encodeFlag(device.version);
}

function reply(device: Answered, cn: string, cp: CpGroup[]): SegmentFields {
  return { qn: device.qn, st: SYSTEM_INTERACTION, cn, pw: device.pw, mn: device.mn, flag: replyFlag(device), part: null, cp };
}

/** 9011 请求应答 (QnRtn, Table 7), sent by whoever received a request. */
export function requestAnswer(request: Answered, qnRtn: QnRtn): SegmentFields {
  return reply(request, '9011', [[cpField('QnRtn', String(qnRtn))]]);
}

/** 9012 执行结果 (ExeRtn, Table 6), with the request's QN. */
export function executionResult(request: Answered, exeRtn: ExeRtn): SegmentFields {
  return reply(request, '9012', [[cpField('ExeRtn', String(exeRtn))]]);
}

/** 9013 通知应答, e.g. to a 1013 time-calibration request (C.4). */
export function noticeAnswer(notice: Answered): SegmentFields {
  return reply(notice, '9013', []);
}

/** 9014 数据应答 to an upload; one per split part, each with that part's QN (C.50). */
export function dataAnswer(upload: Answered): SegmentFields {
  return reply(upload, '9014', []);
}

/**
 * What the platform owes a packet the device sent, or null when nothing (no answer asked, or a command the
 * platform only logs). The gateway sends it only after the data are committed.
 * Medium confidence (spec §0): the 2025 heartbeat 9015 is answered with 9013, as caoyiliang/HJ212's device
 * side waits for (`SendHeartbeat` → `CN9013Rsp`); the 2025 text has not been seen.
 */
export function answerFor(packet: Pick<DataSegment, 'qn' | 'pw' | 'mn' | 'flag' | 'version' | 'cn' | 'answerWanted'>): SegmentFields | null {
  if (!packet.answerWanted) return null;
  if (packet.cn === '1013' || (packet.cn === '9015' && packet.version === '2025')) return noticeAnswer(packet);
  // A 2005 device's CN table is not modelled; its uploads are the same data CNs.
  if (COMMANDS[packet.cn]?.upload && (packet.version === '2005' || COMMANDS[packet.cn]!.versions.includes(packet.version))) {
    return dataAnswer(packet);
  }
  return null;
}

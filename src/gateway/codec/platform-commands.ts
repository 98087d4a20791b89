/**
 * Requests the platform (上位机) sends a device over the device's own connection (§6.5, Appendix C). Each
 * carries a new QN, the device's ST, PW and MN, and the device's version with an answer asked (the standard's
 * own example, a 1062, has Flag=5), so the device answers 9011 and then 9012.
 */
import { cpField, type CpGroup } from './cp.ts';
import { encodeFlag, type ProtocolVersion } from './flag.ts';
import type { SegmentFields } from './segment.ts';

/** The device addressed, as registered. */
export interface CommandTarget {
  st: string;
  pw: string;
  mn: string;
  version: ProtocolVersion;
}

/** MinInterval values the standard allows (Table 4). */
export const MIN_INTERVALS: readonly number[] = [1, 2, 3, 4, 5, 6, 10, 12, 15, 20, 30];

export function platformRequest(target: CommandTarget, qn: string, cn: string, cp: CpGroup[] = []): SegmentFields {
  return { qn, st: target.st, cn, pw: target.pw, mn: target.mn, flag: encodeFlag(target.version, { answerWanted: true }), part: null, cp };
}

const polIdGroup = (polId: string | undefined): CpGroup[] => (polId === undefined ? [] : [[cpField('PolId', polId)]]);

/** 1000 设置超时时间及重发次数 (OverTime s, ReCount; each 1–99). */
export function setTimeoutAndRetries(target: CommandTarget, qn: string, overTime: number, reCount: number): SegmentFields {
  checkRange('OverTime', overTime, 1, 99);
  checkRange('ReCount', reCount, 1, 99);
  return platformRequest(target, qn, '1000', [[cpField('OverTime', String(overTime)), cpField('ReCount', String(reCount))]]);
}

/** 1011 提取现场机时间: the instrument's clock with PolId, the 数采仪's without. */
export function getTime(target: CommandTarget, qn: string, polId?: string): SegmentFields {
  return platformRequest(target, qn, '1011', polIdGroup(polId));
}

/** 1012 设置现场机时间; `systemTime` is 14 digits of Beijing time (see formatSystemTime). */
export function setTime(target: CommandTarget, qn: string, systemTime: string, polId?: string): SegmentFields {
  if (!/^[0-9]{14}$/.test(systemTime)) throw new RangeError(`SystemTime must be 14 digits, got "${systemTime}"`);
  return platformRequest(target, qn, '1012', [...polIdGroup(polId), [cpField('SystemTime', systemTime)]]);
}

/** 1061 提取实时数据间隔. */
export function getRtdInterval(target: CommandTarget, qn: string): SegmentFields {
  return platformRequest(target, qn, '1061');
}

/** 1062 设置实时数据间隔, seconds 30–3600. */
export function setRtdInterval(target: CommandTarget, qn: string, seconds: number): SegmentFields {
  checkRange('RtdInterval', seconds, 30, 3600);
  return platformRequest(target, qn, '1062', [[cpField('RtdInterval', String(seconds))]]);
}

/** 1063 提取分钟数据间隔. */
export function getMinInterval(target: CommandTarget, qn: string): SegmentFields {
  return platformRequest(target, qn, '1063');
}

/** 1064 设置分钟数据间隔, minutes from MIN_INTERVALS. */
export function setMinInterval(target: CommandTarget, qn: string, minutes: number): SegmentFields {
  if (!MIN_INTERVALS.includes(minutes)) throw new RangeError(`MinInterval must be one of ${MIN_INTERVALS.join(', ')}, got ${minutes}`);
  return platformRequest(target, qn, '1064', [[cpField('MinInterval', String(minutes))]]);
}

/** 1072 设置现场机密码. */
export function setPassword(target: CommandTarget, qn: string, newPw: string): SegmentFields {
  if (!/^[0-9A-Za-z]{1,6}$/.test(newPw)) throw new RangeError(`NewPW must be 1–6 letters or digits (C6), got "${newPw}"`);
  return platformRequest(target, qn, '1072', [[cpField('NewPW', newPw)]]);
}

/** 2011 取污染物实时数据 / 2021 取设备运行状态: the device starts uploading. */
export function startUploads(target: CommandTarget, qn: string, cn: '2011' | '2021'): SegmentFields {
  return platformRequest(target, qn, cn);
}

/** 2012 停止察看实时数据 / 2022 停止察看设备运行状态 (notices: the device answers 9013). */
export function stopUploads(target: CommandTarget, qn: string, cn: '2012' | '2022'): SegmentFields {
  return platformRequest(target, qn, cn);
}

/** 2031 日 / 2041 运行时间日 / 2051 分钟 / 2061 小时 history between two 14-digit times. */
export function requestHistory(
  target: CommandTarget,
  qn: string,
  cn: '2031' | '2041' | '2051' | '2061',
  beginTime: string,
  endTime: string,
): SegmentFields {
  for (const time of [beginTime, endTime]) if (!/^[0-9]{14}$/.test(time)) throw new RangeError(`BeginTime/EndTime must be 14 digits, got "${time}"`);
  return platformRequest(target, qn, cn, [[cpField('BeginTime', beginTime)], [cpField('EndTime', endTime)]]);
}

function checkRange(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) throw new RangeError(`${name} must be an integer ${min}–${max}, got ${value}`);
}

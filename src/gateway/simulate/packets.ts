/**
 * The packets a simulated air station (模拟数采仪) uploads: real-time (2011), minute (2051) or hour (2061)
 * data with A=1, each with its own QN and the next DataTime in the series, so every packet is new data
 * to the gateway. Pure: time and values are given.
 */
import { formatQn, formatSystemTime } from '../codec/clock-text.ts';
import { cpField, type CpGroup } from '../codec/cp.ts';
import { encodeFlag, type ProtocolVersion } from '../codec/flag.ts';
import { encodePacket } from '../codec/packet.ts';
import type { SegmentFields } from '../codec/segment.ts';
import type { AirValue } from './air-values.ts';

export type UploadCn = '2011' | '2051' | '2061';
export const UPLOAD_CNS: readonly UploadCn[] = ['2011', '2051', '2061'];

/** A simulated device as the gateway knows it once registered. */
export interface SimulatedDevice {
  mn: string;
  pw: string;
  st: string;
  version: Extract<ProtocolVersion, '2017' | '2025'>;
}

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const BEIJING_OFFSET_MS = 8 * HOUR_MS;

/** The MN of device `index` (1-based): the prefix and the number, as registered with `gateway device add`. */
export function simulatedMn(prefix: string, index: number): string {
  return `${prefix}${index}`;
}

/**
 * DataTime of the device's `index`-th packet (0-based): the start of consecutive hours (2061) or minutes
 * (2051) from `startMs`, or for real-time data (2011) the seconds elapsed at the sending interval.
 */
export function dataTimeMs(cn: UploadCn, startMs: number, index: number, intervalSeconds: number): number {
  if (cn === '2061') return startMs + index * HOUR_MS;
  if (cn === '2051') return startMs + index * MINUTE_MS;
  return startMs + Math.floor(index * intervalSeconds) * 1000;
}

/** The start moved back to the whole hour (2061) or minute (2051): DataTime there is an interval's start. */
export function alignStart(cn: UploadCn, startMs: number): number {
  const unit = cn === '2061' ? HOUR_MS : cn === '2051' ? MINUTE_MS : 1000;
  return Math.floor(startMs / unit) * unit;
}

/** `YYYYMMDDhh`, `YYYYMMDDhhmm` or `YYYYMMDDhhmmss` in Beijing time (the standard's clock), or null. */
export function parseStartTime(text: string): number | null {
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})?(\d{2})?$/.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute = 0, second = 0] = match.slice(1).map((part) => (part === undefined ? undefined : Number(part))) as number[];
  const ms = Date.UTC(year!, month! - 1, day!, hour!, minute, second) - BEIJING_OFFSET_MS;
  // Date.UTC rolls 2026-02-30 over into March: a date that does not read back is not a date.
  return formatSystemTime(new Date(ms)) === text.padEnd(14, '0') ? ms : null;
}

/** The QN time of the next packet: now, but always after the previous one so QNs never repeat. */
export function nextQnMs(previousMs: number | null, nowMs: number): number {
  return previousMs === null ? nowMs : Math.max(nowMs, previousMs + 1);
}

/** CP of an upload: DataTime, then one group per factor (`-Rtd` for 2011, `-Min,-Avg,-Max` otherwise, then `-Flag`). */
export function uploadCp(cn: UploadCn, dataTime: number, values: readonly AirValue[]): CpGroup[] {
  const factorGroup = (value: AirValue): CpGroup =>
    cn === '2011'
      ? [cpField(`${value.code}-Rtd`, value.avg), cpField(`${value.code}-Flag`, value.flag)]
      : [
          cpField(`${value.code}-Min`, value.min),
          cpField(`${value.code}-Avg`, value.avg),
          cpField(`${value.code}-Max`, value.max),
          cpField(`${value.code}-Flag`, value.flag),
        ];
  return [[cpField('DataTime', formatSystemTime(new Date(dataTime)))], ...values.map(factorGroup)];
}

export interface Upload {
  cn: UploadCn;
  qnMs: number;
  dataTimeMs: number;
  values: readonly AirValue[];
}

/** The data segment's fields of an upload asking for 9014 (Flag with A=1 in the device's version). */
export function uploadFields(device: SimulatedDevice, upload: Upload): SegmentFields {
  return {
    qn: formatQn(new Date(upload.qnMs)),
    st: device.st,
    cn: upload.cn,
    pw: device.pw,
    mn: device.mn,
    flag: encodeFlag(device.version, { answerWanted: true }),
    part: null,
    cp: uploadCp(upload.cn, upload.dataTimeMs, upload.values),
  };
}

/** The upload on the wire. */
export function uploadPacket(device: SimulatedDevice, upload: Upload): string {
  return encodePacket(uploadFields(device, upload));
}

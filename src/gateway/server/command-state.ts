/**
 * The life of a platform command (§6.5, Appendix C): queued (pending), written to the device (sent), the
 * device's 9011 answer (accepted, or refused with its QnRtn), for 1011 the device's upload of its clock, and
 * the 9012 execution result (done or failed). A command not finished in time expires. Pure: the gateway
 * applies what `advance` returns to the gateway_command row.
 */
import { EXE_RTN, QN_RTN } from '../codec/commands.ts';
import type { GatewayCommandState } from '../../db/schema.ts';

export interface CommandFacts {
  cn: string;
  state: GatewayCommandState;
  result: Record<string, unknown> | null;
}

export type CommandEvent =
  | { kind: 'sent'; at: Date }
  | { kind: 'qnRtn'; value: number; at: Date }
  /** The device's 1011 upload with the command's QN: its SystemTime (14 digits, Beijing time), received at `at`. */
  | { kind: 'clock'; systemTime: string | null; at: Date }
  | { kind: 'exeRtn'; value: number; at: Date }
  | { kind: 'expire'; at: Date; reason: string };

export interface CommandChange {
  state: GatewayCommandState;
  qnRtn?: number;
  exeRtn?: number;
  result?: Record<string, unknown>;
  sentAt?: Date;
  finishedAt?: Date;
  error?: string;
}

export const FINISHED: readonly GatewayCommandState[] = ['done', 'refused', 'failed', 'expired'];

const QN_RTN_TEXT: Record<number, string> = {
  [QN_RTN.refused]: '设备拒绝请求',
  [QN_RTN.wrongPassword]: '密码错误',
  [QN_RTN.wrongMn]: 'MN 错误',
  [QN_RTN.wrongSt]: 'ST 错误',
  [QN_RTN.wrongFlag]: 'Flag 错误',
  [QN_RTN.wrongQn]: 'QN 错误',
  [QN_RTN.wrongCn]: 'CN 错误',
  [QN_RTN.wrongCrc]: 'CRC 校验错误',
  [QN_RTN.unknownError]: '未知错误',
};

const EXE_RTN_TEXT: Record<number, string> = {
  [EXE_RTN.failedUnknown]: '执行失败，原因不明',
  [EXE_RTN.conditionError]: '命令请求条件错误',
  [EXE_RTN.timeout]: '通讯超时',
  [EXE_RTN.busy]: '系统繁忙不能执行',
  [EXE_RTN.systemFault]: '系统故障',
  [EXE_RTN.noData]: '没有数据',
};

/** 14 digits of Beijing time as an instant, or null when they are not a valid time. */
export function parseSystemTime(digits: string): Date | null {
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(digits);
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match.map(Number) as number[];
  const ms = Date.UTC(y!, mo! - 1, d!, h! - 8, mi!, s!);
  const back = new Date(ms + 8 * 3_600_000);
  if (back.getUTCMonth() !== mo! - 1 || back.getUTCDate() !== d! || h! > 23 || mi! > 59 || s! > 59) return null;
  return new Date(ms);
}

/** The change an event makes to a command, or null when it makes none (a late or stray answer). */
export function advance(command: CommandFacts, event: CommandEvent): CommandChange | null {
  if (FINISHED.includes(command.state)) return null;
  switch (event.kind) {
    case 'sent':
      return command.state === 'pending' ? { state: 'sent', sentAt: event.at } : null;
    case 'qnRtn':
      if (command.state !== 'sent') return null;
      if (event.value === QN_RTN.ready) return { state: 'accepted', qnRtn: event.value };
      return { state: 'refused', qnRtn: event.value, finishedAt: event.at, error: `设备拒绝执行：${QN_RTN_TEXT[event.value] ?? `QnRtn=${event.value}`}` };
    case 'clock': {
      if (command.cn !== '1011' || command.state === 'pending') return null;
      const deviceTime = event.systemTime === null ? null : parseSystemTime(event.systemTime);
      if (!deviceTime) return { state: command.state, result: { deviceTime: null, systemTime: event.systemTime, error: '设备上传的 SystemTime 无法识别' } };
      // Positive: the device's clock is ahead of the platform's.
      const offsetSeconds = Math.round((deviceTime.getTime() - event.at.getTime()) / 1000);
      return { state: command.state, result: { deviceTime: deviceTime.toISOString(), systemTime: event.systemTime, offsetSeconds, receivedAt: event.at.toISOString() } };
    }
    case 'exeRtn':
      if (command.state === 'pending') return null;
      if (event.value === EXE_RTN.succeeded) return { state: 'done', exeRtn: event.value, finishedAt: event.at };
      return { state: 'failed', exeRtn: event.value, finishedAt: event.at, error: `执行失败：${EXE_RTN_TEXT[event.value] ?? `ExeRtn=${event.value}`}` };
    case 'expire':
      return { state: 'expired', finishedAt: event.at, error: event.reason };
  }
}

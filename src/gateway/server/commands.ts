/**
 * Platform → device commands through the gateway_command queue, which the web API fills and the gateway
 * (in the same process or not) empties: every `pollMs`, and at once when a device connects, the pending
 * commands of the devices connected here are claimed (state sent, so a second gateway does not send them
 * too) and written to the device's connection. The device's answers — 9011, the 1011 upload, 9012 — move
 * the command on (command-state.ts); a command unfinished after `timeoutMs` expires. A device's 1013 (time
 * calibration request) gets a 1012 with the platform's time, queued here with no user.
 */
import { sql, type Transaction } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { Database, GatewayCommandState } from '../../db/schema.ts';
import { formatQn, formatSystemTime } from '../codec/clock-text.ts';
import { cpValue } from '../codec/cp.ts';
import type { ProtocolVersion } from '../codec/flag.ts';
import type { Packet } from '../codec/packet.ts';
import { getTime, setTime, type CommandTarget } from '../codec/platform-commands.ts';
import type { SegmentFields } from '../codec/segment.ts';
import { advance, type CommandChange, type CommandEvent } from './command-state.ts';

/** A proved device connection the dispatcher can write to. */
export interface CommandLink {
  deviceId: number;
  mn: string;
  st: string;
  /** The PW the device proved itself with: commands carry it (the database keeps only a hash). */
  pw: string;
  version: ProtocolVersion;
  send(fields: SegmentFields): void;
}

export interface CommandLog {
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export const COMMAND_KINDS = { 'get-time': '1011', 'set-time': '1012' } as const;
export type CommandKind = keyof typeof COMMAND_KINDS;

/** CNs the dispatcher knows how to build; others stay pending until they expire. */
function build(cn: string, target: CommandTarget, qn: string, now: Date): { fields: SegmentFields; cp: Record<string, string> } | null {
  if (cn === '1011') return { fields: getTime(target, qn), cp: {} };
  if (cn === '1012') {
    // The time is taken when the command leaves, not when it was asked for.
    const systemTime = formatSystemTime(now);
    return { fields: setTime(target, qn, systemTime), cp: { SystemTime: systemTime } };
  }
  return null;
}

/**
 * Queues a command; its QN is the request time to the millisecond (the device echoes it), moved on by
 * a millisecond when the device already has a command with that QN.
 */
export async function queueCommand(db: Db | Transaction<Database>, deviceId: number, cn: string, requestedBy: number | null, now = new Date()): Promise<{ id: number; qn: string }> {
  for (let attempt = 0; ; attempt++) {
    const qn = formatQn(new Date(now.getTime() + attempt));
    const row = await db
      .insertInto('gateway_command')
      .values({ device_id: deviceId, cn, qn, requested_by: requestedBy, requested_at: now })
      .onConflict((oc) => oc.columns(['device_id', 'qn']).doNothing())
      .returning('id')
      .executeTakeFirst();
    if (row) return { id: row.id, qn };
    if (attempt > 50) throw new Error('could not find a free QN');
  }
}

interface CommandRow {
  id: number;
  cn: string;
  qn: string;
  state: GatewayCommandState;
  result: Record<string, unknown> | null;
}

export class CommandDispatcher {
  private readonly links = new Map<number, CommandLink>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly log: CommandLog,
    private readonly pollMs = 2_000,
    private readonly timeoutMs = 60_000,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.poll(), this.pollMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  /** A device proved itself on a connection: its pending commands go out now. */
  connected(link: CommandLink): Promise<void> {
    this.links.set(link.deviceId, link);
    return this.poll();
  }

  disconnected(link: CommandLink): void {
    if (this.links.get(link.deviceId) === link) this.links.delete(link.deviceId);
  }

  /** One round, after the previous one: expire, then send what is pending for connected devices. */
  poll(): Promise<void> {
    this.running = this.running.then(() =>
      this.round().catch((error: Error) => this.log.error('网关命令处理出错 / command round failed', { error: error.message })),
    );
    return this.running;
  }

  private async round(now = new Date()): Promise<void> {
    await this.expire(now);
    if (this.links.size === 0) return;
    const pending = await this.db
      .selectFrom('gateway_command')
      .select(['id', 'device_id', 'cn', 'qn'])
      .where('state', '=', 'pending')
      .where('device_id', 'in', [...this.links.keys()])
      .orderBy('id')
      .execute();
    for (const command of pending) {
      const link = this.links.get(command.device_id);
      if (!link) continue;
      const built = build(command.cn, link, command.qn, new Date());
      if (!built) continue;
      const change = advance({ cn: command.cn, state: 'pending', result: null }, { kind: 'sent', at: new Date() })!;
      // Claimed before it is written: another gateway polling the same queue skips it.
      const claimed = await this.db
        .updateTable('gateway_command')
        .set({ state: change.state, sent_at: change.sentAt!, cp: JSON.stringify(built.cp) })
        .where('id', '=', command.id)
        .where('state', '=', 'pending')
        .executeTakeFirst();
      if (Number(claimed.numUpdatedRows) === 0) continue;
      link.send(built.fields);
    }
  }

  private async expire(now: Date): Promise<void> {
    const cutoff = new Date(now.getTime() - this.timeoutMs);
    await this.db
      .updateTable('gateway_command')
      .set({ state: 'expired', finished_at: now, error: sql<string>`CASE WHEN state = 'pending' THEN ${'设备未连接，命令未发出'} ELSE ${`设备未在 ${Math.round(this.timeoutMs / 1000)} 秒内完成应答`} END` })
      .where('state', 'in', ['pending', 'sent', 'accepted'])
      .where(sql<boolean>`coalesce(sent_at, requested_at) < ${cutoff}`)
      .execute();
  }

  /**
   * A packet from a device that may answer a command: 9011, 9012, or the 1011 upload with a command's QN.
   * True when it did (the packet needs no other handling).
   */
  async answer(deviceId: number, packet: Packet, at = new Date()): Promise<boolean> {
    const event = eventOf(packet, at);
    if (!event || packet.qn === null) return false;
    const command = await this.db
      .selectFrom('gateway_command')
      .select(['id', 'cn', 'qn', 'state', 'result'])
      .where('device_id', '=', deviceId)
      .where('qn', '=', packet.qn)
      .executeTakeFirst();
    if (!command) {
      // A 1011 upload nobody asked for is the device's own business; a stray 9011/9012 is worth a line.
      if (packet.cn !== '1011') this.log.warn('设备应答的 QN 没有对应的命令 / answer to an unknown command', { deviceId, cn: packet.cn, qn: packet.qn });
      return packet.cn !== '1011';
    }
    await this.apply(command, advance(command, event));
    return true;
  }

  /** 1013 from a device: a 1012 with the platform's time, queued and sent at once. */
  async calibrate(deviceId: number, now = new Date()): Promise<void> {
    await queueCommand(this.db, deviceId, '1012', null, now);
    await this.poll();
  }

  private async apply(command: CommandRow, change: CommandChange | null): Promise<void> {
    if (!change) return;
    await this.db
      .updateTable('gateway_command')
      .set({
        state: change.state,
        ...(change.qnRtn !== undefined ? { qn_rtn: change.qnRtn } : {}),
        ...(change.exeRtn !== undefined ? { exe_rtn: change.exeRtn } : {}),
        ...(change.result !== undefined ? { result: JSON.stringify({ ...command.result, ...change.result }) } : {}),
        ...(change.finishedAt !== undefined ? { finished_at: change.finishedAt } : {}),
        ...(change.error !== undefined ? { error: change.error } : {}),
      })
      .where('id', '=', command.id)
      .where('state', '=', command.state)
      .execute();
  }
}

function eventOf(packet: Packet, at: Date): CommandEvent | null {
  if (packet.cn === '9011') return { kind: 'qnRtn', value: Number(cpValue(packet.cp, 'QnRtn') ?? NaN), at };
  if (packet.cn === '9012') return { kind: 'exeRtn', value: Number(cpValue(packet.cp, 'ExeRtn') ?? NaN), at };
  if (packet.cn === '1011') return { kind: 'clock', systemTime: cpValue(packet.cp, 'SystemTime') ?? null, at };
  return null;
}

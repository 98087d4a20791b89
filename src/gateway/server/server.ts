/**
 * The HJ 212 gateway (数据采集网关): a TCP server devices connect to (spec §6: devices open the
 * connection, the platform listens). Per connection a frame splitter cuts packets out of the stream,
 * packets are handled one after another in the order received, and a reply goes out only once what it
 * acknowledges is committed.
 *
 * Defences, each bounded per connection or per address so one bad peer never stops another device:
 * the splitter's own length bound; a packet begun must end within `frameTimeoutMs` (a sender trickling
 * bytes); no bytes for `idleTimeoutMs` closes the connection; garbage beyond `maxGarbageBytes` without
 * a packet closes it; at most `maxConnectionsPerAddress` connections from one address.
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { Db } from '../../db/connect.ts';
import { COMMANDS, QN_RTN, type QnRtn } from '../codec/commands.ts';
import { describeFault } from '../codec/faults.ts';
import { FrameSplitter, TOLERANT_FRAMING, type FrameEvent, type FramingOptions } from '../codec/framing.ts';
import { decodeFrame, encodePacket, type Packet } from '../codec/packet.ts';
import { answerFor, requestAnswer } from '../codec/replies.ts';
import { verifyDevicePassword } from '../devices/password.ts';
import { deviceByMn, markSeen, type DeviceWithSecret } from '../devices/store.ts';
import { signedAirParameters } from './ingest.ts';
import { UploadWriter } from './upload-writer.ts';
import { describeReadingsFault, isReadingCn } from './readings.ts';
import { REALTIME_RETENTION_DAYS, RealtimePruner } from './retention.ts';
import { MalformedPackets, type MalformedSummary } from './malformed.ts';
import { RateLimitedLog } from './rate-limited-log.ts';
import { GatewayStatus, StatusPublisher } from './status.ts';
import { CommandDispatcher, type CommandLink } from './commands.ts';
import { SYSTEM_INTERACTION } from '../codec/commands.ts';
import type { SegmentFields } from '../codec/segment.ts';
import { cstIso } from '../../monitoring/data/time.ts';

export interface GatewayLog {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface GatewayOptions {
  host: string;
  port: number;
  framing: FramingOptions;
  idleTimeoutMs: number;
  frameTimeoutMs: number;
  maxConnectionsPerAddress: number;
  maxConnections: number;
  maxGarbageBytes: number;
  /** One refusal line per device and address within this interval. */
  refusalLogIntervalMs: number;
  log: GatewayLog;
  /** How often the status snapshot is written to gateway_status (default 5 s). */
  statusIntervalMs?: number;
  /** How often the command queue is read (default 2 s), and when an unanswered command expires (default 60 s). */
  commandPollMs?: number;
  commandTimeoutMs?: number;
  /** Days real-time readings (2011) are kept (default 30); minute, hour and day readings stay. */
  realtimeRetentionDays?: number;
  /**
   * How long a connection trusts the device row it loaded (default 30 s). After that, the next packet
   * reads it again: a device deactivated meanwhile is refused and its connection closed, and a new
   * password, code mapping or limits take effect, also when the device was changed from another process.
   */
  deviceRecheckMs?: number;
  /**
   * Called after an outlet device's readings are committed (exceedance detection). Called, never awaited:
   * it must hand the work off and return at once, as the device waits for its 9014 meanwhile.
   */
  onOutletReadings?: (outletId: number, cn: string) => void;
}

/** See GatewayOptions.deviceRecheckMs. */
const DEVICE_RECHECK_MS = 30_000;

export const GATEWAY_DEFAULTS: Omit<GatewayOptions, 'host' | 'port' | 'log'> = {
  // Real packets reach 1623 bytes (spec §1): tolerant framing, bounded at 9999.
  framing: TOLERANT_FRAMING,
  // A DTU keeps its link with a heartbeat every minute or so; ten minutes of silence is a dead link.
  idleTimeoutMs: 10 * 60_000,
  frameTimeoutMs: 30_000,
  // Several devices behind one operator NAT share an address.
  maxConnectionsPerAddress: 16,
  maxConnections: 5_000,
  maxGarbageBytes: 64 * 1024,
  refusalLogIntervalMs: 60_000,
};

export class GatewayServer {
  readonly options: GatewayOptions;
  readonly malformed = new MalformedPackets();
  readonly status = new GatewayStatus();
  readonly commands: CommandDispatcher;
  readonly uploads: UploadWriter;
  private publisher: StatusPublisher | null = null;
  private readonly server: Server;
  private readonly perAddress = new Map<string, number>();
  private readonly connections = new Set<Connection>();
  private readonly logLimit: RateLimitedLog;
  private signed: Promise<Set<string>> | null = null;
  private readonly pruner: RealtimePruner;
  private readonly afterClose: Array<() => Promise<void> | void> = [];

  constructor(readonly db: Db, options: Partial<GatewayOptions> & Pick<GatewayOptions, 'log'>) {
    this.options = { host: '0.0.0.0', port: 9212, ...GATEWAY_DEFAULTS, ...options };
    this.logLimit = new RateLimitedLog(this.options.refusalLogIntervalMs);
    this.server = createServer((socket) => this.accept(socket));
    this.server.maxConnections = this.options.maxConnections;
    this.uploads = new UploadWriter(db);
    this.commands = new CommandDispatcher(db, this.options.log, this.options.commandPollMs, this.options.commandTimeoutMs);
    this.pruner = new RealtimePruner(db, this.options.realtimeRetentionDays ?? REALTIME_RETENTION_DAYS, this.options.log);
  }

  listen(): Promise<number> {
    return new Promise((done, fail) => {
      this.server.once('error', fail);
      this.server.listen(this.options.port, this.options.host, () => {
        this.server.off('error', fail);
        const address = this.server.address();
        const port = typeof address === 'object' && address ? address.port : this.options.port;
        this.startReporting(port);
        this.pruner.start();
        done(port);
      });
    });
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((done) => this.server.close(() => done()));
    for (const connection of this.connections) connection.socket.destroy();
    await Promise.all([...this.connections].map((connection) => connection.idle()));
    await closed;
    await this.stopReporting();
    await this.pruner.stop();
    for (const after of this.afterClose.splice(0)) await after();
  }

  /** Work to finish once the connections are closed (e.g. the scans their data started). */
  whenClosed(after: () => Promise<void> | void): void {
    this.afterClose.push(after);
  }

  /** Status to gateway_status and the command queue, from listening to closing. */
  private startReporting(port: number): void {
    this.publisher = new StatusPublisher(this.db, port, (state) => this.status.snapshot(this.connections.size, this.malformed, state), this.options.log, this.options.statusIntervalMs);
    this.publisher.start();
    this.commands.start();
  }

  private async stopReporting(): Promise<void> {
    await this.commands.stop();
    await this.publisher?.stop();
  }

  /** Malformed packets of a device (by MN), or of an address before its connection named a device. */
  malformedOf(key: string): MalformedSummary {
    return this.malformed.of(key);
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  signedParameters(): Promise<Set<string>> {
    this.signed ??= signedAirParameters(this.db);
    return this.signed;
  }

  /** A warning at most once per key and interval, with the count held back since. */
  limitedWarn(key: string, message: string, fields: Record<string, unknown>): void {
    const admitted = this.logLimit.admit(key, Date.now());
    if (admitted) this.options.log.warn(message, admitted.suppressed > 0 ? { ...fields, suppressed: admitted.suppressed } : fields);
  }

  private accept(socket: Socket): void {
    const address = socket.remoteAddress ?? 'unknown';
    const open = this.perAddress.get(address) ?? 0;
    if (open >= this.options.maxConnectionsPerAddress) {
      this.limitedWarn(`flood|${address}`, '同一地址连接过多，已拒绝 / too many connections from one address', { address, limit: this.options.maxConnectionsPerAddress });
      socket.destroy();
      return;
    }
    this.perAddress.set(address, open + 1);
    const connection = new Connection(this, socket, address);
    this.connections.add(connection);
    socket.once('close', () => {
      this.connections.delete(connection);
      const left = (this.perAddress.get(address) ?? 1) - 1;
      if (left <= 0) this.perAddress.delete(address);
      else this.perAddress.set(address, left);
    });
  }
}

/** One device link: its splitter, the device it proved to be, and the work queued in order. */
class Connection {
  private readonly splitter: FrameSplitter;
  private device: DeviceWithSecret | null = null;
  private verifiedPassword: string | null = null;
  /** When `device` was read (performance.now()). */
  private deviceReadAt = 0;
  /** A wrong password retried is refused without hashing it again: scrypt is the costly part. */
  private rejectedPassword: { mn: string; pw: string } | null = null;
  private work: Promise<void> = Promise.resolve();
  private frameTimer: NodeJS.Timeout | null = null;
  private garbageSinceFrame = 0;
  /** The proved device as the command queue writes to it. */
  private link: CommandLink | null = null;

  constructor(private readonly gateway: GatewayServer, readonly socket: Socket, private readonly address: string) {
    const { options } = gateway;
    this.splitter = new FrameSplitter(options.framing);
    socket.setNoDelay(true);
    socket.setTimeout(options.idleTimeoutMs, () => this.drop('连接空闲超时 / idle timeout'));
    socket.on('data', (chunk: Buffer) => {
      // Read no further until this chunk's packets are handled: a fast sender waits for the store.
      socket.pause();
      this.work = this.work
        .then(() => this.receive(chunk))
        .then(
          () => {
            if (!socket.destroyed) socket.resume();
          },
          (error: Error) => {
            gateway.options.log.error('网关处理数据出错，已断开 / gateway failed on a connection', { address, mn: this.device?.mn, error: error.message });
            socket.destroy();
          },
        );
    });
    socket.on('error', () => undefined);
    socket.once('close', () => {
      this.gateway.status.disconnected(this);
      if (this.link) this.gateway.commands.disconnected(this.link);
      this.clearFrameTimer();
      this.work = this.work.then(() => this.events(this.splitter.finish()));
    });
  }

  /** Resolves when the queued packets are handled. */
  idle(): Promise<void> {
    return this.work;
  }

  private get key(): string {
    return this.device?.mn ?? this.address;
  }

  /** Closes the connection: at once, or once what was written to it (a refusal) has gone out. */
  private drop(reason: string, when: 'now' | 'after-reply' = 'now'): void {
    this.gateway.limitedWarn(`drop|${this.address}|${reason}`, `断开连接 / connection closed: ${reason}`, { address: this.address, mn: this.device?.mn });
    if (when === 'after-reply') this.socket.end();
    else this.socket.destroy();
  }

  private async receive(chunk: Buffer): Promise<void> {
    if (this.socket.destroyed) return;
    await this.events(this.splitter.push(chunk));
    if (this.socket.destroyed) return;
    if (this.splitter.bufferedBytes === 0) this.clearFrameTimer();
    else this.frameTimer ??= setTimeout(() => this.drop('数据包未在限定时间内收全 / packet not completed in time'), this.gateway.options.frameTimeoutMs);
  }

  private clearFrameTimer(): void {
    if (this.frameTimer) clearTimeout(this.frameTimer);
    this.frameTimer = null;
  }

  private async events(events: FrameEvent[]): Promise<void> {
    for (const event of events) {
      if (event.kind === 'skipped') {
        this.garbageSinceFrame += event.count;
        if (this.garbageSinceFrame > this.gateway.options.maxGarbageBytes) {
          this.gateway.malformed.record(this.key, `连续 ${this.garbageSinceFrame} 字节不是数据包`, new Uint8Array(0));
          this.gateway.status.malformed();
          this.drop('无法识别的数据过多 / too many bytes outside packets');
          return;
        }
      } else if (event.kind === 'rejected') {
        this.malformed(describeFault(event.fault), event.bytes);
      } else {
        // Once a packet was cut out (whole, even if refused below), the frame timer restarts with the next.
        this.clearFrameTimer();
        this.garbageSinceFrame = 0;
        const decoded = decodeFrame(event);
        if (!decoded.ok) this.malformed(describeFault(decoded.fault), event.segment);
        else await this.packet(decoded.value);
      }
      if (this.socket.destroyed) return;
    }
  }

  /** Counted and kept for display; logged at most once a minute per device or address. */
  private malformed(reason: string, bytes: Uint8Array): void {
    this.gateway.malformed.record(this.key, reason, bytes);
    this.gateway.status.malformed();
    this.gateway.limitedWarn(`malformed|${this.key}`, `坏包已丢弃，未应答 / malformed packet dropped: ${reason}`, { address: this.address, mn: this.device?.mn });
  }

  private async packet(packet: Packet): Promise<void> {
    const device = await this.authenticate(packet);
    if (!device) return;
    this.gateway.status.packet(this, packet.cn);
    // 9011 / 9012 / the 1011 upload answering a command of the platform: recorded, nothing to reply.
    if (['9011', '9012', '1011'].includes(packet.cn) && (await this.gateway.commands.answer(device.id, packet))) return;
    const { log } = this.gateway.options;
    if (isReadingCn(packet.cn)) {
      let outcome;
      try {
        outcome = await this.gateway.uploads.store(device, packet, packet.cn, await this.gateway.signedParameters());
      } catch (error) {
        // Not acknowledged: the device resends, and the receipt makes the resend safe.
        log.error('数据写入失败，未应答 / storing data failed, not acknowledged', { mn: device.mn, cn: packet.cn, qn: packet.qn, error: (error as Error).message });
        return;
      }
      if (outcome.kind === 'refused') {
        this.malformed(describeReadingsFault(packet.cn, outcome.fault), new TextEncoder().encode(packet.segment));
        return;
      }
      if (outcome.kind === 'stored') {
        const { monitoring } = outcome;
        if (monitoring && monitoring.unmapped.length > 0) {
          this.gateway.limitedWarn(`unmapped|${device.mn}`, '因子编码未对照，未入监测库（原始读数已存）/ factor codes without a mapping not stored in monitoring', { mn: device.mn, codes: monitoring.unmapped });
        }
        if (monitoring) log.info('小时数据已入库 / hour data stored', { mn: device.mn, qn: packet.qn, hour: cstIso(outcome.periodEnd), values: monitoring.written, readings: outcome.readings });
        // Real-time and minute data come too often to log each packet.
        else if (packet.cn === '2061' || packet.cn === '2031') log.info('数据已入库 / readings stored', { mn: device.mn, qn: packet.qn, cn: packet.cn, readings: outcome.readings });
        if (device.outletId !== null && this.gateway.options.onOutletReadings) {
          const failed = (error: unknown) => log.error('排放口数据回调出错 / outlet readings hook failed', { mn: device.mn, cn: packet.cn, error: (error as Error).message });
          try {
            // An async hook is allowed by the type: its rejection is logged, never left unhandled.
            const handed: unknown = this.gateway.options.onOutletReadings(device.outletId, packet.cn);
            if (handed instanceof Promise) handed.catch(failed);
          } catch (error) {
            failed(error);
          }
        }
      }
    } else if (!COMMANDS[packet.cn]) {
      this.gateway.limitedWarn(`unknown-cn|${device.mn}|${packet.cn}`, `未知命令编码 CN=${packet.cn}，已忽略 / unknown CN ignored`, { mn: device.mn, cn: packet.cn });
    }
    this.reply(answerFor(packet));
    // 现场机时间校准请求: after the 9013, the platform's time in a 1012.
    if (packet.cn === '1013') await this.gateway.commands.calibrate(device.id);
  }

  /** The device the packet comes from, or null after refusing it (9011 when an answer is owed). */
  private async authenticate(packet: Packet): Promise<DeviceWithSecret | null> {
    const stale = this.device !== null && performance.now() - this.deviceReadAt > (this.gateway.options.deviceRecheckMs ?? DEVICE_RECHECK_MS);
    if (!this.device || this.device.mn !== packet.mn || stale) {
      const found = await deviceByMn(this.gateway.db, packet.mn);
      if (!found || !found.active) {
        const wasProved = this.device?.mn === packet.mn && this.verifiedPassword !== null;
        this.refuse(packet, QN_RTN.wrongMn, 'MN 未登记或已停用 / unknown MN');
        if (wasProved) this.drop('数采仪已停用 / device deactivated', 'after-reply');
        return null;
      }
      // The same stored password: the one proved on this connection still holds, without hashing it again.
      const samePassword = this.device?.mn === found.mn && this.device.passwordHash === found.passwordHash;
      if (!samePassword) this.verifiedPassword = null;
      this.device = found;
      this.deviceReadAt = performance.now();
    }
    const device = this.device;
    if (this.verifiedPassword !== packet.pw) {
      const known = this.rejectedPassword?.mn === device.mn && this.rejectedPassword.pw === packet.pw;
      if (known || !(await verifyDevicePassword(packet.pw, device.passwordHash))) {
        this.rejectedPassword = { mn: device.mn, pw: packet.pw };
        return this.refuse(packet, QN_RTN.wrongPassword, '访问密码错误 / wrong password');
      }
      if (this.verifiedPassword === null) await markSeen(this.gateway.db, device.id, packet.version);
      this.verifiedPassword = packet.pw;
      this.proved(device, packet);
    }
    // A device's 9011/9012 answer carries ST=91 (系统交互), not its own ST.
    const answerSt = packet.st === SYSTEM_INTERACTION && (packet.cn === '9011' || packet.cn === '9012');
    if (packet.st !== device.st && !answerSt) return this.refuse(packet, QN_RTN.wrongSt, `系统编码 ST=${packet.st} 与登记的 ${device.st} 不符 / wrong ST`);
    return device;
  }

  /** The device is proved on this connection: shown as connected, and its queued commands go out. */
  private proved(device: DeviceWithSecret, packet: Packet): void {
    if (this.link) this.gateway.commands.disconnected(this.link);
    this.gateway.status.connected(this, device, this.address, packet.version);
    this.link = { deviceId: device.id, mn: device.mn, st: device.st, pw: packet.pw, version: packet.version, send: (fields) => this.send(fields) };
    void this.gateway.commands.connected(this.link);
  }

  private send(fields: SegmentFields): void {
    if (!this.socket.destroyed) this.socket.write(encodePacket(fields));
  }

  private refuse(packet: Packet, qnRtn: QnRtn, reason: string): null {
    this.gateway.status.refused();
    // Never the password, never the data: who, from where, and why.
    this.gateway.limitedWarn(`refused|${this.address}|${packet.mn}|${qnRtn}`, `拒绝数据包 / packet refused: ${reason}`, { address: this.address, mn: packet.mn, cn: packet.cn, qnRtn });
    if (packet.answerWanted && packet.qn !== null) this.reply(requestAnswer(packet, qnRtn));
    return null;
  }

  private reply(fields: ReturnType<typeof answerFor>): void {
    if (fields && !this.socket.destroyed) this.socket.write(encodePacket(fields));
    if (fields && fields.cn !== '9011') this.gateway.status.acknowledged();
  }
}

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
import { signedAirParameters, storeHourPacket } from './ingest.ts';
import { MalformedPackets, type MalformedSummary } from './malformed.ts';
import { RateLimitedLog } from './rate-limited-log.ts';
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
}

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

/** Uploads the store has no place for yet (it keeps hourly air values only): acknowledged and logged. */
const NOT_STORED: Record<string, string> = { '2011': '实时数据', '2051': '分钟数据', '2031': '日数据' };

export class GatewayServer {
  readonly options: GatewayOptions;
  readonly malformed = new MalformedPackets();
  private readonly server: Server;
  private readonly perAddress = new Map<string, number>();
  private readonly connections = new Set<Connection>();
  private readonly logLimit: RateLimitedLog;
  private signed: Promise<Set<string>> | null = null;

  constructor(readonly db: Db, options: Partial<GatewayOptions> & Pick<GatewayOptions, 'log'>) {
    this.options = { host: '0.0.0.0', port: 9212, ...GATEWAY_DEFAULTS, ...options };
    this.logLimit = new RateLimitedLog(this.options.refusalLogIntervalMs);
    this.server = createServer((socket) => this.accept(socket));
    this.server.maxConnections = this.options.maxConnections;
  }

  listen(): Promise<number> {
    return new Promise((done, fail) => {
      this.server.once('error', fail);
      this.server.listen(this.options.port, this.options.host, () => {
        this.server.off('error', fail);
        const address = this.server.address();
        done(typeof address === 'object' && address ? address.port : this.options.port);
      });
    });
  }

  async close(): Promise<void> {
    const closed = new Promise<void>((done) => this.server.close(() => done()));
    for (const connection of this.connections) connection.socket.destroy();
    await Promise.all([...this.connections].map((connection) => connection.idle()));
    await closed;
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
  /** A wrong password retried is refused without hashing it again: scrypt is the costly part. */
  private rejectedPassword: { mn: string; pw: string } | null = null;
  private work: Promise<void> = Promise.resolve();
  private frameTimer: NodeJS.Timeout | null = null;
  private garbageSinceFrame = 0;

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

  private drop(reason: string): void {
    this.gateway.limitedWarn(`drop|${this.address}|${reason}`, `断开连接 / connection closed: ${reason}`, { address: this.address, mn: this.device?.mn });
    this.socket.destroy();
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
    this.gateway.limitedWarn(`malformed|${this.key}`, `坏包已丢弃，未应答 / malformed packet dropped: ${reason}`, { address: this.address, mn: this.device?.mn });
  }

  private async packet(packet: Packet): Promise<void> {
    const device = await this.authenticate(packet);
    if (!device) return;
    const { log } = this.gateway.options;
    if (packet.cn === '2061') {
      let outcome;
      try {
        outcome = await storeHourPacket(this.gateway.db, device, packet, await this.gateway.signedParameters());
      } catch (error) {
        // Not acknowledged: the device resends, and the receipt makes the resend safe.
        log.error('小时数据写入失败，未应答 / storing hour data failed, not acknowledged', { mn: device.mn, qn: packet.qn, error: (error as Error).message });
        return;
      }
      if (outcome.kind === 'refused') {
        const reason = outcome.fault.code === 'no_data_time' ? '小时数据缺少 DataTime' : `小时数据的 DataTime=${outcome.fault.dataTime} 不是整点`;
        this.malformed(reason, new TextEncoder().encode(packet.segment));
        return;
      }
      if (outcome.kind === 'stored' && outcome.unmapped.length > 0) {
        this.gateway.limitedWarn(`unmapped|${device.mn}`, '因子编码未对照，未入库 / factor codes without a mapping not stored', { mn: device.mn, codes: outcome.unmapped });
      }
      if (outcome.kind === 'stored') log.info('小时数据已入库 / hour data stored', { mn: device.mn, qn: packet.qn, hour: cstIso(outcome.observedAt), values: outcome.written });
    } else if (packet.cn in NOT_STORED) {
      this.gateway.limitedWarn(`not-stored|${device.mn}|${packet.cn}`, `${NOT_STORED[packet.cn]}（CN=${packet.cn}）暂无存储位置，已应答未入库 / acknowledged, not stored`, { mn: device.mn, cn: packet.cn });
    } else if (!COMMANDS[packet.cn]) {
      this.gateway.limitedWarn(`unknown-cn|${device.mn}|${packet.cn}`, `未知命令编码 CN=${packet.cn}，已忽略 / unknown CN ignored`, { mn: device.mn, cn: packet.cn });
    }
    this.reply(answerFor(packet));
  }

  /** The device the packet comes from, or null after refusing it (9011 when an answer is owed). */
  private async authenticate(packet: Packet): Promise<DeviceWithSecret | null> {
    if (!this.device || this.device.mn !== packet.mn) {
      const found = await deviceByMn(this.gateway.db, packet.mn);
      if (!found || !found.active) return this.refuse(packet, QN_RTN.wrongMn, 'MN 未登记或已停用 / unknown MN');
      this.device = found;
      this.verifiedPassword = null;
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
    }
    if (packet.st !== device.st) return this.refuse(packet, QN_RTN.wrongSt, `系统编码 ST=${packet.st} 与登记的 ${device.st} 不符 / wrong ST`);
    return device;
  }

  private refuse(packet: Packet, qnRtn: QnRtn, reason: string): null {
    // Never the password, never the data: who, from where, and why.
    this.gateway.limitedWarn(`refused|${this.address}|${packet.mn}|${qnRtn}`, `拒绝数据包 / packet refused: ${reason}`, { address: this.address, mn: packet.mn, cn: packet.cn, qnRtn });
    if (packet.answerWanted && packet.qn !== null) this.reply(requestAnswer(packet, qnRtn));
    return null;
  }

  private reply(fields: ReturnType<typeof answerFor>): void {
    if (fields && !this.socket.destroyed) this.socket.write(encodePacket(fields));
  }
}

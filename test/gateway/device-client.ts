/**
 * Test support: a device (数采仪) on a TCP connection. Packets are framed by the reference framing of the
 * codec tests (an independent reading of the standard); what comes back is split and decoded.
 */
import { connect, type Socket } from 'node:net';
import { FrameSplitter, TOLERANT_FRAMING } from '../../src/gateway/codec/framing.ts';
import { decodeFrame, type Packet } from '../../src/gateway/codec/packet.ts';
import { referenceFrame } from '../../src/gateway/codec/testing/reference-frame.ts';

export interface HourPacketInput {
  qn: string;
  mn: string;
  pw?: string;
  st?: string;
  /** Flag: 5 = 2017 with an answer wanted (default), 9 = 2025. */
  flag?: number;
  dataTime: string;
  /** `code-Avg=value,code-Flag=flag` groups after DataTime. */
  values: string;
  cn?: string;
}

export function hourSegment(input: HourPacketInput): string {
  return `QN=${input.qn};ST=${input.st ?? '22'};CN=${input.cn ?? '2061'};PW=${input.pw ?? '123456'};MN=${input.mn};Flag=${input.flag ?? 5};CP=&&DataTime=${input.dataTime};${input.values}&&`;
}

export function frame(segment: string): Uint8Array {
  return referenceFrame({ packet: segment });
}

export class DeviceClient {
  readonly replies: Packet[] = [];
  closed = false;
  private readonly splitter = new FrameSplitter(TOLERANT_FRAMING);
  private waiters: (() => void)[] = [];

  private constructor(readonly socket: Socket) {
    socket.on('data', (chunk) => {
      for (const event of this.splitter.push(chunk)) {
        if (event.kind !== 'frame') continue;
        const decoded = decodeFrame(event);
        if (decoded.ok) this.replies.push(decoded.value);
      }
      this.wake();
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
  }

  static open(port: number, options: { localAddress?: string } = {}): Promise<DeviceClient> {
    return new Promise((done, fail) => {
      const socket = connect({ port, host: '127.0.0.1', ...options }, () => done(new DeviceClient(socket)));
      socket.once('error', fail);
    });
  }

  send(bytes: Uint8Array | string): void {
    this.socket.write(bytes);
  }

  /** Resolves when the predicate holds of what was received, or rejects after the timeout. */
  until(predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`timed out; replies: ${this.replies.map((r) => `${r.cn}/${r.qn}`).join(' ')}, closed: ${this.closed}`)), timeoutMs);
      const check = () => {
        if (predicate()) {
          clearTimeout(timer);
          done();
        } else this.waiters.push(check);
      };
      this.waiters.push(check);
    });
  }

  replyTo(qn: string, cn = '9014'): Packet | undefined {
    return this.replies.find((reply) => reply.qn === qn && reply.cn === cn);
  }

  close(): void {
    this.socket.destroy();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const waiter of waiters) waiter();
  }
}

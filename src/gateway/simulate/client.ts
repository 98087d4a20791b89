/**
 * The simulated devices on the wire (`qingshan hj212 simulate`): N TCP connections, each a 数采仪 that
 * uploads every S seconds with A=1 and waits for the platform's answer before its next packet, as a real
 * device does. What the gateway answers is counted: 9014 acknowledged (with its latency), 9011 refused
 * (with its QnRtn), nothing within the timeout, or the connection closed.
 */
import { setMaxListeners } from 'node:events';
import { connect, type Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import { cpValue } from '../codec/cp.ts';
import { FrameSplitter, TOLERANT_FRAMING } from '../codec/framing.ts';
import { decodeFrame, encodePacket } from '../codec/packet.ts';
import { airValues, drawSiteLevel, seededRandom } from './air-values.ts';
import { dataTimeMs, nextQnMs, simulatedMn, uploadFields, type SimulatedDevice, type UploadCn } from './packets.ts';

export interface SimulationOptions {
  host: string;
  port: number;
  devices: number;
  /** Seconds between one device's packets; fractional for load (0.01). */
  intervalSeconds: number;
  cn: UploadCn;
  mnPrefix: string;
  password: string;
  st: string;
  version: SimulatedDevice['version'];
  /** Packets per device; null: until stopped. */
  count: number | null;
  /**
   * Every packet is encoded before the first connection opens (needs `count`): during the run the load
   * generator only sends and reads, so on one machine its CPU is not taken from the gateway it measures.
   */
  preEncode?: boolean;
  /**
   * Each device first sends one packet (its log-in: the gateway checks the password once per
   * connection), and the clock starts when every device has had its answer: what follows is the
   * steady state of connected devices, and the log-ins are reported apart.
   */
  warmup?: boolean;
  /** Called as the clock starts after the warm-up. */
  onWarmedUp?: (warmup: NonNullable<SimulationSummary['warmup']>) => void;
  /** DataTime of each device's first packet. */
  startMs: number;
  ackTimeoutMs: number;
  otherFlagRate: number;
  seed: number;
  /** Local addresses the connections are bound to in turn (the gateway limits connections per address). */
  localAddresses: readonly string[];
  progressIntervalMs: number;
  onProgress?: (progress: SimulationProgress) => void;
  signal?: AbortSignal;
}

export interface SimulationProgress {
  elapsedSeconds: number;
  connected: number;
  sent: number;
  acknowledged: number;
  refused: number;
  timedOut: number;
}

export interface SimulationSummary extends SimulationProgress {
  devices: number;
  /** Connections that could not be opened. */
  connectFailed: number;
  /** Devices whose connection the gateway closed before they finished. */
  disconnected: number;
  /** Refusals by QnRtn (3 PW错误, 4 MN错误, 5 ST错误 …). */
  refusedBy: Record<string, number>;
  ackLatencyMs: { p50: number | null; p99: number | null; max: number | null };
  packetsPerSecond: number;
  /** Factor values acknowledged per second. */
  valuesPerSecond: number;
  /** With `warmup`: the first packets, sent before the clock started and left out of every other figure. */
  warmup: { packets: number; acknowledged: number; seconds: number } | null;
  /** CPU this process used over the run (user + system), so a load test can tell the load generator's share. */
  cpuMs: number;
}

type Answer = { kind: 'acknowledged' } | { kind: 'refused'; qnRtn: string } | { kind: 'timeout' } | { kind: 'closed' };

/** One device's connection: replies are split and decoded, and the one with the awaited QN settles the wait. */
class DeviceLink {
  closed = false;
  private readonly splitter = new FrameSplitter(TOLERANT_FRAMING);
  private pending: { qn: string; settle: (answer: Answer) => void } | null = null;

  constructor(readonly socket: Socket) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      for (const event of this.splitter.push(chunk)) {
        if (event.kind !== 'frame') continue;
        const reply = decodeFrame(event);
        if (!reply.ok || !this.pending || reply.value.qn !== this.pending.qn) continue;
        if (reply.value.cn === '9014') this.settle({ kind: 'acknowledged' });
        else if (reply.value.cn === '9011') this.settle({ kind: 'refused', qnRtn: cpValue(reply.value.cp, 'QnRtn') ?? '?' });
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      this.closed = true;
      this.settle({ kind: 'closed' });
    });
  }

  /** Sends the packet and resolves with the gateway's answer to its QN. */
  exchange(packet: string, qn: string, timeoutMs: number): Promise<Answer> {
    if (this.closed) return Promise.resolve({ kind: 'closed' });
    return new Promise((done) => {
      const timer = setTimeout(() => this.settle({ kind: 'timeout' }), timeoutMs);
      this.pending = {
        qn,
        settle: (answer) => {
          clearTimeout(timer);
          done(answer);
        },
      };
      this.socket.write(packet);
    });
  }

  private settle(answer: Answer): void {
    const pending = this.pending;
    this.pending = null;
    pending?.settle(answer);
  }
}

function open(options: SimulationOptions, index: number): Promise<Socket | null> {
  const localAddress = options.localAddresses.length > 0 ? options.localAddresses[index % options.localAddresses.length] : undefined;
  return new Promise((done) => {
    const socket = connect({ host: options.host, port: options.port, ...(localAddress ? { localAddress } : {}) }, () => {
      socket.off('error', failed);
      done(socket);
    });
    const failed = () => done(null);
    socket.once('error', failed);
  });
}

/** Resolves after `ms`, or at once when the run is stopped. */
function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (ms <= 0 || signal?.aborted) return Promise.resolve();
  return new Promise((done) => {
    const timer = setTimeout(finish, ms);
    function finish() {
      clearTimeout(timer);
      signal?.removeEventListener('abort', finish);
      done();
    }
    signal?.addEventListener('abort', finish, { once: true });
  });
}

/** The nearest-rank percentile of sorted values, to 0.01 ms. */
export function percentile(sorted: readonly number[], fraction: number): number | null {
  if (sorted.length === 0) return null;
  const value = sorted[Math.max(0, Math.ceil(fraction * sorted.length) - 1)]!;
  return Math.round(value * 100) / 100;
}

export async function simulate(options: SimulationOptions): Promise<SimulationSummary> {
  if (options.preEncode && options.count === null) throw new SimulationError('pre-encoding needs a packet count');
  const counts = { connected: 0, connectFailed: 0, disconnected: 0, sent: 0, acknowledged: 0, refused: 0, timedOut: 0, values: 0 };
  const refusedBy: Record<string, number> = {};
  const latencies: number[] = [];
  let started = performance.now();
  let cpuAtStart = process.cpuUsage();
  // Every device's abortable pause listens on the one signal.
  if (options.signal) setMaxListeners(options.devices + 10, options.signal);
  let warmup: SimulationSummary['warmup'] = null;
  const warmedUp = options.warmup ? barrier(options.devices, () => {
    warmup = { packets: counts.sent, acknowledged: counts.acknowledged, seconds: Math.round(elapsedSeconds() * 100) / 100 };
    for (const key of ['sent', 'acknowledged', 'refused', 'timedOut', 'values'] as const) counts[key] = 0;
    for (const key of Object.keys(refusedBy)) delete refusedBy[key];
    latencies.length = 0;
    started = performance.now();
    cpuAtStart = process.cpuUsage();
    options.onWarmedUp?.(warmup);
  }) : null;
  const intervalMs = options.intervalSeconds * 1000;
  const elapsedSeconds = () => (performance.now() - started) / 1000;
  const progress = (): SimulationProgress => ({
    elapsedSeconds: Math.round(elapsedSeconds() * 10) / 10,
    connected: counts.connected,
    sent: counts.sent,
    acknowledged: counts.acknowledged,
    refused: counts.refused,
    timedOut: counts.timedOut,
  });
  const reporter = options.onProgress ? setInterval(() => options.onProgress!(progress()), options.progressIntervalMs) : null;

  const encoded = options.preEncode ? Array.from({ length: options.devices }, (_, index) => [...deviceUploads(options, index)]) : null;

  const runDevice = async (index: number): Promise<void> => {
    const uploads = encoded?.[index]?.values() ?? deviceUploads(options, index);
    const socket = await open(options, index);
    if (!socket) {
      counts.connectFailed++;
      warmedUp?.arrive(index);
      return;
    }
    counts.connected++;
    const link = new DeviceLink(socket);
    // Devices start spread over one interval, so the load is even rather than in bursts.
    let firstAt = performance.now() + (index / options.devices) * intervalMs;
    let dropped = false;
    for (let sequence = 0; options.count === null || sequence < options.count; sequence++) {
      await pause(firstAt + sequence * intervalMs - performance.now(), options.signal);
      if (options.signal?.aborted) break;
      if (link.closed) {
        dropped = true;
        break;
      }
      // Taken only now, so that a packet encoded on the way carries the time it is sent as its QN.
      const next = uploads.next();
      if (next.done) break;
      const upload = next.value;
      const sentAt = performance.now();
      counts.sent++;
      const answer = await link.exchange(upload.packet, upload.qn, options.ackTimeoutMs);
      if (answer.kind === 'acknowledged') {
        counts.acknowledged++;
        counts.values += upload.values;
        latencies.push(performance.now() - sentAt);
      } else if (answer.kind === 'refused') {
        counts.refused++;
        refusedBy[answer.qnRtn] = (refusedBy[answer.qnRtn] ?? 0) + 1;
      } else if (answer.kind === 'timeout') {
        counts.timedOut++;
      } else {
        dropped = true;
        break;
      }
      if (sequence === 0 && warmedUp) {
        warmedUp.arrive(index);
        await warmedUp.passed;
        // The schedule starts again at the end of the warm-up, spread as at the start.
        firstAt = performance.now() + (index / options.devices - 1) * intervalMs;
      }
    }
    // A device that stopped before its first answer still lets the others start.
    warmedUp?.arrive(index);
    if (dropped) counts.disconnected++;
    socket.end();
    socket.destroy();
  };

  try {
    await Promise.all(Array.from({ length: options.devices }, (_, index) => runDevice(index)));
  } finally {
    if (reporter) clearInterval(reporter);
  }
  if (counts.connected === 0) throw new SimulationError(`无法连接网关 ${options.host}:${options.port} / cannot connect to the gateway`);

  const elapsed = elapsedSeconds();
  latencies.sort((a, b) => a - b);
  const rate = (count: number) => (elapsed > 0 ? Math.round((count / elapsed) * 10) / 10 : 0);
  return {
    devices: options.devices,
    ...progress(),
    connectFailed: counts.connectFailed,
    disconnected: counts.disconnected,
    refusedBy,
    ackLatencyMs: { p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), max: percentile(latencies, 1) },
    packetsPerSecond: rate(counts.acknowledged),
    valuesPerSecond: rate(counts.values),
    warmup,
    cpuMs: cpuMsSince(cpuAtStart),
  };
}

/** One upload of a device, on the wire. */
interface EncodedUpload {
  packet: string;
  qn: string;
  /** Factor values in it. */
  values: number;
}

/**
 * Device `index`'s uploads in order: DataTime runs on from the start, values follow its seeded series, and
 * each QN is the time of encoding, after the previous one. Lazy: a run without a count goes on until stopped.
 */
function* deviceUploads(options: SimulationOptions, index: number): Generator<EncodedUpload> {
  const device: SimulatedDevice = { mn: simulatedMn(options.mnPrefix, index + 1), pw: options.password, st: options.st, version: options.version };
  const random = seededRandom(options.seed + index);
  const siteLevel = drawSiteLevel(random);
  let previousQn: number | null = null;
  for (let sequence = 0; options.count === null || sequence < options.count; sequence++) {
    const dataTime = dataTimeMs(options.cn, options.startMs, sequence, options.intervalSeconds);
    const values = airValues(dataTime, random, { siteLevel, otherFlagRate: options.otherFlagRate, instant: options.cn === '2011' });
    previousQn = nextQnMs(previousQn, Date.now());
    const fields = uploadFields(device, { cn: options.cn, qnMs: previousQn, dataTimeMs: dataTime, values });
    yield { packet: encodePacket(fields), qn: fields.qn!, values: values.length };
  }
}

/** Passed once each of `parties` has arrived; `onPass` runs then, before anyone goes on. A second arrival counts once. */
function barrier(parties: number, onPass: () => void): { arrive: (party: number) => void; passed: Promise<void> } {
  const arrived = new Set<number>();
  let open!: () => void;
  const passed = new Promise<void>((done) => (open = done));
  return {
    passed,
    arrive: (party) => {
      if (arrived.has(party)) return;
      arrived.add(party);
      if (arrived.size === parties) {
        onPass();
        open();
      }
    },
  };
}

function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return Math.round((used.user + used.system) / 1000);
}

/** Not one connection could be opened: an operator's problem, reported in one line. */
export class SimulationError extends Error {}

/**
 * What a running gateway tells the gateway page: its connections, packets counted per CN, replies and
 * refusals, the devices connected with their address and version, and the malformed packets kept per
 * device. The web API may run in another process (`qingshan gateway run`), so the gateway publishes a
 * snapshot to gateway_status every few seconds; a snapshot not renewed for a while means it stopped.
 */
import { hostname } from 'node:os';
import type { Db } from '../../db/connect.ts';
import type { MalformedPackets } from './malformed.ts';

/** A device on one connection, from the packet that proved it to the connection's close. */
export interface ConnectedDevice {
  mn: string;
  deviceId: number;
  address: string;
  version: string;
  connectedSince: string;
  lastPacketAt: string;
  packets: number;
}

/** A device's malformed packets as published (times as ISO text, as they come back from jsonb). */
export interface PublishedMalformed {
  count: number;
  last: { at: string; reason: string; text: string }[];
}

export interface GatewaySnapshot {
  state: 'running' | 'stopped';
  connections: number;
  /** Packets from proved devices, per CN. */
  packets: Record<string, number>;
  acknowledged: number;
  refused: number;
  malformed: number;
  devices: ConnectedDevice[];
  /** Per MN (or address before a connection named its device): count and the last few, newest keys first. */
  malformedByKey: Record<string, PublishedMalformed>;
}

/** How many keys' malformed packets a snapshot carries: the most recent ones, to keep the row small. */
const MALFORMED_KEYS_PUBLISHED = 200;

/** Counters the server updates as packets come; read whole by `snapshot`. */
export class GatewayStatus {
  private readonly packetsByCn = new Map<string, number>();
  private acknowledgedCount = 0;
  private refusedCount = 0;
  private malformedCount = 0;
  /**
   * Keyed by the connection object, so a device that reconnects before its old link closes is counted once per link.
   * The last packet's time is kept in ms and written as text only in a snapshot: a Date per packet showed in the gateway's profile.
   */
  private readonly links = new Map<object, Omit<ConnectedDevice, 'lastPacketAt'> & { lastPacketMs: number }>();

  connected(link: object, device: { id: number; mn: string }, address: string, version: string, at = new Date()): void {
    this.links.set(link, { mn: device.mn, deviceId: device.id, address, version, connectedSince: at.toISOString(), lastPacketMs: at.getTime(), packets: 0 });
  }

  disconnected(link: object): void {
    this.links.delete(link);
  }

  packet(link: object, cn: string, atMs = Date.now()): void {
    this.packetsByCn.set(cn, (this.packetsByCn.get(cn) ?? 0) + 1);
    const device = this.links.get(link);
    if (device) {
      device.packets += 1;
      device.lastPacketMs = atMs;
    }
  }

  acknowledged(): void {
    this.acknowledgedCount += 1;
  }

  refused(): void {
    this.refusedCount += 1;
  }

  malformed(): void {
    this.malformedCount += 1;
  }

  /** Device ids with a proved connection now. */
  connectedDeviceIds(): number[] {
    return [...new Set([...this.links.values()].map((d) => d.deviceId))];
  }

  snapshot(connections: number, malformed: MalformedPackets, state: GatewaySnapshot['state'] = 'running'): GatewaySnapshot {
    const malformedByKey: Record<string, PublishedMalformed> = {};
    for (const [key, summary] of malformed.recent(MALFORMED_KEYS_PUBLISHED)) {
      malformedByKey[key] = { count: summary.count, last: summary.last.map((m) => ({ at: m.at.toISOString(), reason: m.reason, text: m.text })) };
    }
    return {
      state,
      connections: state === 'running' ? connections : 0,
      packets: Object.fromEntries(this.packetsByCn),
      acknowledged: this.acknowledgedCount,
      refused: this.refusedCount,
      malformed: this.malformedCount,
      devices: state === 'running' ? [...this.links.values()].map(({ lastPacketMs, ...d }) => ({ ...d, lastPacketAt: new Date(lastPacketMs).toISOString() })) : [],
      malformedByKey,
    };
  }
}

export interface PublisherLog {
  warn(message: string, fields?: Record<string, unknown>): void;
}

/** Writes the gateway's snapshot to gateway_status now and every `intervalMs`; `stop` writes it as stopped. */
export class StatusPublisher {
  readonly instance: string;
  readonly host = hostname();
  private readonly startedAt = new Date();
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    readonly port: number,
    private readonly snapshot: (state: GatewaySnapshot['state']) => GatewaySnapshot,
    private readonly log: PublisherLog,
    private readonly intervalMs = 5_000,
  ) {
    this.instance = `${this.host}:${port}:${process.pid}`;
  }

  start(): void {
    void this.publish('running');
    this.timer = setInterval(() => void this.publish('running'), this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.publish('stopped');
  }

  /** One write at a time: a slow database never piles up snapshots. */
  publish(state: GatewaySnapshot['state']): Promise<void> {
    this.writing = this.writing.then(() => this.write(state));
    return this.writing;
  }

  private async write(state: GatewaySnapshot['state']): Promise<void> {
    const now = new Date();
    const snapshot = JSON.stringify(this.snapshot(state));
    try {
      await this.db
        .insertInto('gateway_status')
        .values({ instance: this.instance, host: this.host, port: this.port, started_at: this.startedAt, updated_at: now, snapshot })
        .onConflict((oc) => oc.column('instance').doUpdateSet({ host: this.host, port: this.port, started_at: this.startedAt, updated_at: now, snapshot }))
        .execute();
    } catch (error) {
      this.log.warn('网关状态写入失败 / publishing gateway status failed', { error: (error as Error).message });
    }
  }
}

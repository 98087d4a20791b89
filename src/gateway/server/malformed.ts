/**
 * Malformed packets (坏包) counted per device, with the last few kept for the gateway page. Before a
 * connection has proved which device it is, its faults are counted under its address. Bounded: a few
 * entries per key, and the oldest keys forgotten first. Passwords are blanked in the kept text.
 */
export interface MalformedEntry {
  at: Date;
  reason: string;
  /** The bytes received, as text (binary bytes as \xNN), at most 200 characters. */
  text: string;
}

export interface MalformedSummary {
  count: number;
  last: MalformedEntry[];
}

const KEPT = 5;
const TEXT_LIMIT = 200;

export class MalformedPackets {
  private readonly byKey = new Map<string, MalformedSummary>();

  constructor(private readonly maxKeys = 5_000) {}

  record(key: string, reason: string, bytes: Uint8Array, at = new Date()): void {
    const summary = this.byKey.get(key) ?? { count: 0, last: [] };
    summary.count += 1;
    summary.last.push({ at, reason, text: shown(bytes) });
    if (summary.last.length > KEPT) summary.last.shift();
    this.byKey.delete(key);
    this.byKey.set(key, summary);
    while (this.byKey.size > this.maxKeys) this.byKey.delete(this.byKey.keys().next().value!);
  }

  of(key: string): MalformedSummary {
    const summary = this.byKey.get(key);
    return summary ? { count: summary.count, last: [...summary.last] } : { count: 0, last: [] };
  }

  /** The keys with a fault most recently, newest first, at most `limit` (for the published status). */
  recent(limit: number): [string, MalformedSummary][] {
    return [...this.byKey.entries()]
      .slice(-limit)
      .reverse()
      .map(([key, summary]) => [key, { count: summary.count, last: [...summary.last] }]);
  }
}

function shown(bytes: Uint8Array): string {
  const text = Buffer.from(bytes.subarray(0, TEXT_LIMIT * 4)).toString('latin1');
  return text
    .replace(/PW=[^;,&]*/g, 'PW=***')
    .replace(/[^\x20-\x7e]/g, (char) => `\\x${char.charCodeAt(0).toString(16).padStart(2, '0')}`)
    .slice(0, TEXT_LIMIT);
}

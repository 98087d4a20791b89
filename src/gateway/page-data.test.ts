import { describe, expect, it } from 'vitest';
import { isRunning, liveView, type GatewayInstance } from './page-data.ts';
import type { GatewaySnapshot } from './server/status.ts';

const now = new Date('2026-03-01T02:00:30Z');

function instance(name: string, updatedAt: string, snapshot: Partial<GatewaySnapshot>): GatewayInstance {
  const full: GatewaySnapshot = { state: 'running', connections: 0, packets: {}, acknowledged: 0, refused: 0, malformed: 0, devices: [], malformedByKey: {}, ...snapshot };
  const at = new Date(updatedAt);
  return { instance: name, host: 'h', port: 9212, startedAt: at, updatedAt: at, ageSeconds: 0, running: isRunning(full.state, at, now), snapshot: full };
}

const device = (mn: string, lastPacketAt: string) => ({ mn, deviceId: 1, address: '10.0.0.1', version: '2017', connectedSince: lastPacketAt, lastPacketAt, packets: 1 });
const entry = (at: string, reason: string) => ({ at, reason, text: '##' });

describe('gateway page data', () => {
  it('takes a gateway as running only when it says so and renewed its row within 30 s', () => {
    expect(isRunning('running', new Date('2026-03-01T02:00:00Z'), now)).toBe(true);
    expect(isRunning('running', new Date('2026-03-01T01:59:59Z'), now)).toBe(false);
    expect(isRunning('stopped', new Date('2026-03-01T02:00:29Z'), now)).toBe(false);
  });

  it('shows devices online and malformed packets only from running gateways, merged across them', () => {
    const live = liveView([
      instance('a', '2026-03-01T02:00:25Z', {
        devices: [device('MN1', '2026-03-01T02:00:10Z')],
        malformedByKey: { MN1: { count: 3, last: [entry('2026-03-01T01:00:00Z', 'a1'), entry('2026-03-01T01:30:00Z', 'a2')] } },
      }),
      instance('b', '2026-03-01T02:00:20Z', {
        devices: [device('MN1', '2026-03-01T02:00:15Z')],
        malformedByKey: { MN1: { count: 1, last: [entry('2026-03-01T01:10:00Z', 'b1')] } },
      }),
      instance('stale', '2026-03-01T01:00:00Z', { devices: [device('MN2', '2026-03-01T01:00:00Z')], malformedByKey: { MN2: { count: 9, last: [] } } }),
    ]);
    expect(live.connection('MN1')?.lastPacketAt).toBe('2026-03-01T02:00:15Z');
    expect(live.connection('MN2')).toBeNull();
    expect(live.malformed('MN1').count).toBe(4);
    expect(live.malformed('MN1').last.map((m) => m.reason)).toEqual(['a1', 'b1', 'a2']);
    expect(live.malformed('MN2')).toEqual({ count: 0, last: [] });
  });
});

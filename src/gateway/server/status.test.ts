import { describe, expect, it } from 'vitest';
import { MalformedPackets } from './malformed.ts';
import { GatewayStatus } from './status.ts';

describe('GatewayStatus', () => {
  it('counts packets per CN and per connection, and forgets a connection once closed', () => {
    const status = new GatewayStatus();
    const first = {};
    const second = {};
    status.connected(first, { id: 7, mn: 'MN1' }, '10.0.0.1', '2017', new Date('2026-03-01T00:00:00Z'));
    status.connected(second, { id: 7, mn: 'MN1' }, '10.0.0.2', '2017');
    status.packet(first, '2061');
    status.packet(first, '2061', Date.parse('2026-03-01T00:05:00Z'));
    status.packet(second, '2011');
    status.acknowledged();
    status.refused();
    const malformed = new MalformedPackets();
    malformed.record('MN1', 'bad crc', new TextEncoder().encode('##0010PW=secret;'));
    status.malformed();
    const snapshot = status.snapshot(2, malformed);
    expect(snapshot).toMatchObject({ state: 'running', connections: 2, packets: { '2061': 2, '2011': 1 }, acknowledged: 1, refused: 1, malformed: 1 });
    expect(snapshot.devices.map((d) => [d.address, d.packets])).toEqual([['10.0.0.1', 2], ['10.0.0.2', 1]]);
    expect(snapshot.devices[0]).toMatchObject({ connectedSince: '2026-03-01T00:00:00.000Z', lastPacketAt: '2026-03-01T00:05:00.000Z' });
    expect(snapshot.malformedByKey.MN1?.count).toBe(1);
    expect(JSON.stringify(snapshot)).not.toContain('secret');
    expect(status.connectedDeviceIds()).toEqual([7]);

    status.disconnected(first);
    expect(status.snapshot(1, malformed).devices.map((d) => d.address)).toEqual(['10.0.0.2']);
    expect(status.snapshot(0, malformed, 'stopped')).toMatchObject({ state: 'stopped', connections: 0, devices: [] });
  });
});

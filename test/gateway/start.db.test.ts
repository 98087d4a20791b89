import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededTestLocation } from '../support/db.ts';
import { startServer } from '../support/cli.ts';
import { DeviceClient, frame, hourSegment } from './device-client.ts';

let location: Awaited<ReturnType<typeof seededTestLocation>>;

beforeAll(async () => {
  location = await seededTestLocation();
});

afterAll(async () => {
  await location?.dispose();
});

function freePort(): Promise<number> {
  return new Promise((done) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => done(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

async function connectWithin(port: number, ms: number): Promise<DeviceClient | null> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      return await DeviceClient.open(port);
    } catch {
      await new Promise((wait) => setTimeout(wait, 200));
    }
  }
  return null;
}

describe('qingshan start and the gateway', () => {
  it('starts the gateway after the HTTP port, and not at all with QINGSHAN_GATEWAY=off', async () => {
    const port = await freePort();
    const server = await startServer({ ...location.env, QINGSHAN_GATEWAY: 'on', QINGSHAN_GATEWAY_PORT: String(port) });
    try {
      const device = await connectWithin(port, 20_000);
      expect(device).not.toBeNull();
      const qn = '20260301000000001';
      device!.send(frame(hourSegment({ qn, mn: 'QSUNKNOWN', dataTime: '20260301000000', values: 'a34004-Avg=1' })));
      await device!.until(() => device!.replyTo(qn, '9011') !== undefined);
      device!.close();
    } finally {
      await server.stop();
    }

    const off = await startServer({ ...location.env, QINGSHAN_GATEWAY: 'off', QINGSHAN_GATEWAY_PORT: String(port) });
    try {
      expect(await connectWithin(port, 3_000)).toBeNull();
    } finally {
      await off.stop();
    }
  });
});

import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/connect.ts';
import { decodePacket, encodePacket } from '../codec/packet.ts';
import { AIR_STATION_PROFILE } from '../devices/code-mapping.ts';
import type { Device } from '../devices/store.ts';
import type { PreparedUpload, StoreOutcome } from './ingest.ts';
import { UploadWriter } from './upload-writer.ts';

const device: Device = {
  id: 1, mn: 'MN1', st: '22', siteId: 7, siteCode: 'S7', outletId: null, outletLabel: null, name: null,
  flagProfile: 'hj212', active: true, versionSeen: '2017', lastSeenAt: null, note: null, codes: [...AIR_STATION_PROFILE],
};

function hourPacket(qn: string) {
  const packet = decodePacket(
    encodePacket({ qn, st: '22', cn: '2061', pw: '123456', mn: 'MN1', flag: 5, part: null, cp: [[{ key: 'DataTime', code: null, name: 'DataTime', value: `202603010${qn.slice(-1)}0000` }]] }),
  );
  if (!packet.ok) throw new Error(JSON.stringify(packet.fault));
  return packet.value;
}

/** A writer whose group commits the test ends by hand, recording when each starts. */
class HeldWriter extends UploadWriter {
  readonly events: string[] = [];
  readonly held: Array<() => void> = [];

  constructor() {
    super(null as unknown as Db);
  }

  protected override async write(uploads: PreparedUpload[]): Promise<StoreOutcome[]> {
    // The real write reaches the database's socket only after the pool hands it a client on a later tick.
    await new Promise((resolve) => process.nextTick(resolve));
    this.events.push(`write ${uploads.map((u) => u.receiptQn.slice(-1)).join('')}`);
    return new Promise((resolve) => {
      this.held.push(() => resolve(uploads.map((u) => ({ kind: 'stored', readings: 0, periodEnd: u.periodEnd, monitoring: null }))));
    });
  }
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('UploadWriter: group commits', () => {
  it('sends the uploads that waited to the database before answering the ones just committed', async () => {
    const writer = new HeldWriter();
    const signed = new Set<string>();
    const store = (qn: string) =>
      writer.store(device, hourPacket(qn), '2061', signed).then((outcome) => {
        writer.events.push(`answer ${qn.slice(-1)} ${outcome.kind}`);
      });
    const first = store('20260301080000001');
    await nextTurn();
    expect(writer.events).toEqual(['write 1']);
    // Two more arrive while the first commits: they wait, and are written together.
    const later = [store('20260301080000002'), store('20260301080000003')];
    await nextTurn();
    expect(writer.events).toEqual(['write 1']);

    writer.held.shift()!();
    await first;
    expect(writer.events).toEqual(['write 1', 'write 23', 'answer 1 stored']);

    // Nothing waits behind the last batch: it is answered as soon as it is committed.
    writer.held.shift()!();
    await Promise.all(later);
    expect(writer.events).toEqual(['write 1', 'write 23', 'answer 1 stored', 'answer 2 stored', 'answer 3 stored']);
  });
});

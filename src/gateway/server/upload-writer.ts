/**
 * Group commit for uploads. Packets from every connection queue here; while one transaction commits,
 * those arriving meanwhile gather, and the next transaction writes them all. A lone packet is written
 * at the end of the event loop's turn (no timer), and under load one commit acknowledges many devices: the cost of
 * a commit, not of a row, is what limited a packet-per-transaction gateway.
 *
 * When more uploads wait as a commit returns, they go to the database before the committed ones are
 * answered: the 9014s are written while the database works on the next batch, not while it waits.
 *
 * A batch that fails is retried one upload at a time, so one bad packet never holds back the others;
 * a failed upload rejects and is not acknowledged, and the device resends it.
 */
import type { Db } from '../../db/connect.ts';
import type { Packet } from '../codec/packet.ts';
import type { Device } from '../devices/store.ts';
import { ensureUploadPartitions, prepareUpload, writeUploads, type PreparedUpload, type StoreOutcome } from './ingest.ts';
import type { ReadingCn } from './readings.ts';

interface Job {
  upload: PreparedUpload;
  resolve: (outcome: StoreOutcome) => void;
  reject: (error: unknown) => void;
}

export class UploadWriter {
  private queue: Job[] = [];
  private flushing = false;
  /** Transactions committed and uploads written, for the gateway's status. */
  readonly totals = { transactions: 0, uploads: 0, writeMs: 0 };

  constructor(
    private readonly db: Db,
    private readonly maxBatch = 500,
  ) {}

  /** Resolves once the upload is committed (or found stored before); refused ones resolve at once. */
  store(device: Device, packet: Packet, cn: ReadingCn, signed: ReadonlySet<string>): Promise<StoreOutcome> {
    const prepared = prepareUpload(device, packet, cn, signed);
    if (!prepared.ok) return Promise.resolve({ kind: 'refused', fault: prepared.fault });
    return new Promise((resolve, reject) => {
      this.queue.push({ upload: prepared.value, resolve, reject });
      if (!this.flushing) {
        this.flushing = true;
        // After the packets of this turn of the event loop: PGlite answers within microtasks, so
        // without this wait no socket would be read between one commit and the next.
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, this.maxBatch);
        try {
          const outcomes = await this.write(batch.map((job) => job.upload));
          const answer = () => batch.forEach((job, i) => job.resolve(outcomes[i]!));
          // With more waiting, the next batch goes to the database first and this one's devices are answered
          // after: a 9014 costs its socket a write, and the database waited for all of them (docs/BENCHMARKS.md).
          if (this.queue.length > 0) setImmediate(answer);
          else answer();
        } catch (error) {
          if (batch.length === 1) batch[0]!.reject(error);
          else for (const job of batch) await this.write([job.upload]).then(([outcome]) => job.resolve(outcome!), job.reject);
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  /** One group commit (protected: a test stands in for the database here). */
  protected async write(uploads: PreparedUpload[]): Promise<StoreOutcome[]> {
    const started = performance.now();
    await ensureUploadPartitions(this.db, uploads);
    const outcomes = await writeUploads(this.db, uploads);
    this.totals.writeMs += performance.now() - started;
    this.totals.transactions += 1;
    this.totals.uploads += uploads.length;
    return outcomes;
  }
}

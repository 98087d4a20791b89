/**
 * Putting split packets back together (分包, §6.3.2, C.47–C.50). Each part is a whole packet with its own QN
 * and `PNUM`/`PNO`, and repeats `DataTime=` at the start of its CP; the parts of one record share
 * (MN, CN, DataTime). The record is their CPs concatenated in PNO order with DataTime once.
 *
 * A pure accumulator: it holds the parts received and is told the time, never reads a clock. Pending records
 * are bounded; the oldest is given up first, so a device sending parts that never complete cannot grow it.
 */
import { cpValue, type CpGroup } from './cp.ts';
import type { DataSegment } from './segment.ts';

type Part = Pick<DataSegment, 'mn' | 'cn' | 'qn' | 'part' | 'cp'>;

export interface ReassemblyOptions {
  /** Records that may wait for missing parts at once. */
  maxPending: number;
}

export type ReassemblyOutcome =
  | { kind: 'complete'; mn: string; cn: string; dataTime: string; cp: CpGroup[]; qns: (string | null)[] }
  | { kind: 'pending'; received: number; pnum: number }
  | { kind: 'duplicate'; pno: number; sameContent: boolean }
  | { kind: 'rejected'; reason: 'not_split' | 'no_data_time' | 'pnum_differs'; pnum?: number };

export interface AbandonedRecord {
  mn: string;
  cn: string;
  dataTime: string;
  received: number[];
  pnum: number;
}

interface PendingRecord {
  mn: string;
  cn: string;
  dataTime: string;
  pnum: number;
  parts: Map<number, Part>;
  firstAt: number;
}

export class SplitReassembler {
  private readonly pending = new Map<string, PendingRecord>();
  private readonly abandonedRecords: AbandonedRecord[] = [];

  constructor(private readonly options: ReassemblyOptions = { maxPending: 1000 }) {}

  get pendingCount(): number {
    return this.pending.size;
  }

  /** Records given up since last asked (bound reached or expired); the gateway logs them. */
  takeAbandoned(): AbandonedRecord[] {
    return this.abandonedRecords.splice(0);
  }

  /** Adds a part received at `at` (any monotonic number the caller chooses, e.g. milliseconds). */
  add(packet: Part, at = 0): ReassemblyOutcome {
    if (!packet.part) return { kind: 'rejected', reason: 'not_split' };
    const dataTime = cpValue(packet.cp, 'DataTime');
    if (dataTime === undefined) return { kind: 'rejected', reason: 'no_data_time' };
    const { pnum, pno } = packet.part;
    const key = JSON.stringify([packet.mn, packet.cn, dataTime]);
    let record = this.pending.get(key);
    if (record && record.pnum !== pnum) return { kind: 'rejected', reason: 'pnum_differs', pnum: record.pnum };
    if (!record) {
      record = { mn: packet.mn, cn: packet.cn, dataTime, pnum, parts: new Map(), firstAt: at };
      this.pending.set(key, record);
      while (this.pending.size > this.options.maxPending) this.abandon(this.pending.keys().next().value!);
    }
    const earlier = record.parts.get(pno);
    if (earlier) return { kind: 'duplicate', pno, sameContent: JSON.stringify(earlier.cp) === JSON.stringify(packet.cp) };
    record.parts.set(pno, packet);
    if (record.parts.size < pnum) return { kind: 'pending', received: record.parts.size, pnum };

    this.pending.delete(key);
    const ordered = [...record.parts.entries()].sort(([a], [b]) => a - b).map(([, part]) => part);
    const cp = ordered.flatMap((part, index) => (index === 0 ? part.cp : withoutDataTime(part.cp)));
    return { kind: 'complete', mn: record.mn, cn: record.cn, dataTime, cp, qns: ordered.map((part) => part.qn) };
  }

  /** Gives up records whose first part came before `before`. */
  expire(before: number): void {
    for (const [key, record] of this.pending) if (record.firstAt < before) this.abandon(key);
  }

  private abandon(key: string): void {
    const record = this.pending.get(key)!;
    this.pending.delete(key);
    const { mn, cn, dataTime, pnum } = record;
    this.abandonedRecords.push({ mn, cn, dataTime, pnum, received: [...record.parts.keys()].sort((a, b) => a - b) });
  }
}

/** A later part's CP without the DataTime it repeats. */
function withoutDataTime(cp: CpGroup[]): CpGroup[] {
  return cp.map((group) => group.filter((field) => field.key !== 'DataTime')).filter((group) => group.length > 0);
}

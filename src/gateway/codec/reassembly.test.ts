import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatCp } from './cp.ts';
import { SplitReassembler, type AbandonedRecord } from './reassembly.ts';
import { parseSegment, type DataSegment } from './segment.ts';

interface Case {
  name: string;
  maxPending?: number;
  parts: string[];
  outcomes: Record<string, unknown>[];
  abandoned?: AbandonedRecord[];
  pendingAfter?: number;
}
const cases = JSON.parse(readFileSync(new URL('./reassembly.cases.json', import.meta.url), 'utf8')) as Case[];

function parsed(segment: string): DataSegment {
  const result = parseSegment(segment);
  if (!result.ok) throw new Error(`case does not parse: ${JSON.stringify(result.fault)}`);
  return result.value;
}

describe('SplitReassembler (分包重组)', () => {
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const reassembler = new SplitReassembler({ maxPending: c.maxPending ?? 100 });
    const outcomes = c.parts.map((part) => {
      const outcome = reassembler.add(parsed(part));
      return outcome.kind === 'complete' ? { ...outcome, cp: formatCp(outcome.cp) } : outcome;
    });
    expect(outcomes).toEqual(c.outcomes);
    expect(reassembler.takeAbandoned()).toEqual(c.abandoned ?? []);
    if (c.pendingAfter !== undefined) expect(reassembler.pendingCount).toBe(c.pendingAfter);
  });

  it('gives up records whose first part is older than the time it is told', () => {
    const reassembler = new SplitReassembler({ maxPending: 10 });
    const first = 'QN=20160801085857001;ST=32;CN=2061;PW=100000;MN=M1;Flag=6;PNUM=2;PNO=1;CP=&&DataTime=20160801080000;w01018-Avg=15.2&&';
    const second = 'QN=20160801085857002;ST=32;CN=2061;PW=100000;MN=M1;Flag=6;PNUM=2;PNO=1;CP=&&DataTime=20160801090000;w01018-Avg=15.3&&';
    reassembler.add(parsed(first), 1_000);
    reassembler.add(parsed(second), 5_000);
    reassembler.expire(2_000);
    expect(reassembler.pendingCount).toBe(1);
    expect(reassembler.takeAbandoned()).toEqual([{ mn: 'M1', cn: '2061', dataTime: '20160801080000', pnum: 2, received: [1] }]);
    expect(reassembler.takeAbandoned()).toEqual([]);
  });
});

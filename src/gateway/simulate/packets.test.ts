import { describe, expect, it } from 'vitest';
import { TOLERANT_FRAMING } from '../codec/framing.ts';
import { decodePacket } from '../codec/packet.ts';
import { answerFor } from '../codec/replies.ts';
import { airValues, seededRandom } from './air-values.ts';
import { alignStart, dataTimeMs, nextQnMs, parseStartTime, simulatedMn, uploadPacket, type UploadCn } from './packets.ts';

const START = parseStartTime('2026030108')!;

describe('simulated uploads', () => {
  it('reads the start as Beijing time and refuses dates that do not exist', () => {
    expect(new Date(START).toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect(parseStartTime('20260301083015')).toBe(START + 30 * 60_000 + 15_000);
    expect(parseStartTime('2026023008')).toBeNull();
    expect(parseStartTime('2026-03-01')).toBeNull();
  });

  it('steps DataTime by hour for 2061, by minute for 2051 and by the interval for 2011', () => {
    expect(dataTimeMs('2061', START, 3, 0.01) - START).toBe(3 * 3_600_000);
    expect(dataTimeMs('2051', START, 3, 0.01) - START).toBe(3 * 60_000);
    expect(dataTimeMs('2011', START, 3, 30) - START).toBe(90_000);
    expect(alignStart('2061', START + 1234_567)).toBe(START);
  });

  it('never repeats a QN time, however fast the packets go', () => {
    let previous: number | null = null;
    const seen = new Set<number>();
    for (let i = 0; i < 100; i++) {
      previous = nextQnMs(previous, 1_000);
      seen.add(previous);
    }
    expect(seen.size).toBe(100);
    expect(nextQnMs(5, 1_000)).toBe(1_000);
  });

  it.each([
    ['2061', '2017', 5, ['Min', 'Avg', 'Max', 'Flag']],
    ['2051', '2025', 9, ['Min', 'Avg', 'Max', 'Flag']],
    ['2011', '2017', 5, ['Rtd', 'Flag']],
  ] as const)('builds a %s upload (%s) that the gateway codec reads, asks for 9014 and gets it', (cn, version, flag, names) => {
    const device = { mn: simulatedMn('QSSIM', 7), pw: '123456', st: '22', version };
    const dataTime = dataTimeMs(cn as UploadCn, START, 2, 30);
    const values = airValues(dataTime, seededRandom(1), { siteLevel: 1, otherFlagRate: 0, instant: cn === '2011' });
    const decoded = decodePacket(uploadPacket(device, { cn, qnMs: START, dataTimeMs: dataTime, values }), TOLERANT_FRAMING);
    expect(decoded.ok).toBe(true);
    if (!decoded.ok) return;
    const packet = decoded.value;
    expect(packet).toMatchObject({ mn: 'QSSIM7', qn: '20260301080000000', cn, flag, version, answerWanted: true, warnings: [] });
    expect(packet.cp[0]).toEqual([expect.objectContaining({ key: 'DataTime', value: cn === '2061' ? '20260301100000' : cn === '2051' ? '20260301080200' : '20260301080100' })]);
    expect(packet.cp.slice(1).map((group) => group.map((field) => field.name))).toEqual(values.map(() => names));
    expect(answerFor(packet)?.cn).toBe('9014');
  });
});

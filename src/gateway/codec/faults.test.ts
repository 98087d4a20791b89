import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeFault, describeWarning } from './faults.ts';
import type { PacketFault, PacketWarning } from './packet.ts';

const read = (name: string) => JSON.parse(readFileSync(new URL(name, import.meta.url), 'utf8')) as unknown[];

/** Every fault and warning the case files expect, so each one the codec can give is worded. */
function collect(value: unknown, into: { faults: PacketFault[]; warnings: PacketWarning[] }) {
  if (Array.isArray(value)) for (const item of value) collect(item, into);
  else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (record.fault) into.faults.push(record.fault as PacketFault);
    if (record.rejected) into.faults.push(record.rejected as PacketFault);
    if (Array.isArray(record.warnings)) {
      for (const warning of record.warnings) into.warnings.push(typeof warning === 'string' ? ({ code: warning } as PacketWarning) : (warning as PacketWarning));
    }
    for (const child of Object.values(record)) collect(child, into);
  }
}

describe('fault and warning wording', () => {
  const found = { faults: [] as PacketFault[], warnings: [] as PacketWarning[] };
  for (const file of ['./segment.cases.json', './framing.cases.json']) collect(read(file), found);

  it('words every fault in Chinese', () => {
    expect(new Set(found.faults.map((fault) => fault.code)).size).toBeGreaterThan(20);
    for (const fault of found.faults) expect(describeFault(fault)).toMatch(/[\u4e00-\u9fff]/);
  });

  it('words every warning in Chinese', () => {
    for (const warning of found.warnings) expect(describeWarning(warning)).toMatch(/[\u4e00-\u9fff]/);
  });

  it('quotes what the device sent, binary bytes escaped', () => {
    expect(describeFault({ code: 'crc_mismatch', sent: '0759', computed: '1C80' })).toBe('CRC 校验错误：收到 0759，按数据段计算应为 1C80');
    expect(describeFault({ code: 'length_not_digits', sent: '\u0000\u00ff81' })).toBe('长度字段不是4位十进制数字（收到"\\x00\\xff81"）');
    expect(describeFault({ code: 'invalid_field', name: 'QN', value: '' })).toBe('字段 QN 的值""不是17位数字 YYYYMMDDhhmmsszzz');
  });
});

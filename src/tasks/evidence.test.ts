import { describe, expect, it } from 'vitest';
import { checkEvidence, EVIDENCE_MAX_BYTES } from './evidence.ts';

const pdf = Buffer.from('%PDF-1.7\n%âãÏÓ\n');
const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 20, 0, 6, 0]);

describe('checkEvidence', () => {
  it('accepts images, PDF and Office files whose bytes match their extension', () => {
    expect(checkEvidence('整改报告.pdf', pdf)).toEqual({ mediaType: 'application/pdf' });
    expect(checkEvidence('现场照片.PNG', png)).toEqual({ mediaType: 'image/png' });
    expect(checkEvidence('台账.xlsx', zip)).toEqual({ mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  });
  it('refuses a renamed file, an unknown type, an empty and an oversized file', () => {
    expect(checkEvidence('照片.jpg', pdf)).toEqual({ refused: '文件内容与扩展名 .jpg 不符' });
    expect(checkEvidence('run.exe', Buffer.from('MZ'))).toMatchObject({ refused: expect.stringContaining('不支持的文件类型 .exe') });
    expect(checkEvidence('a.pdf', Buffer.alloc(0))).toEqual({ refused: '文件为空' });
    expect(checkEvidence('a.pdf', Buffer.concat([pdf, Buffer.alloc(EVIDENCE_MAX_BYTES)]))).toEqual({ refused: '文件超过 20 MB' });
  });
});

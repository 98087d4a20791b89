import { describe, expect, it } from 'vitest';
import { formatQn, formatSystemTime } from './clock-text.ts';
import { decodePacket, encodePacket } from './packet.ts';
import {
  getMinInterval, getRtdInterval, getTime, requestHistory, setMinInterval, setPassword, setRtdInterval, setTime,
  setTimeoutAndRetries, startUploads, stopUploads, type CommandTarget,
} from './platform-commands.ts';
import { formatSegment } from './segment.ts';

const device2017: CommandTarget = { st: '32', pw: '100000', mn: '010000A8900016F000169DC0', version: '2017' };
const device2025: CommandTarget = { st: '22', pw: '123456', mn: 'AIR0001', version: '2025' };
const qn = '20160801085857223';

describe('platform commands (上位机请求)', () => {
  it("builds the standard's own example exactly (1062, RtdInterval=30)", () => {
    expect(encodePacket(setRtdInterval(device2017, qn, 30))).toBe(
      '##0101QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&1C80\r\n',
    );
  });

  it('sets the time with a 14-digit SystemTime, with PolId for an instrument clock', () => {
    expect(formatSegment(setTime(device2017, qn, '20160801085857'))).toBe(
      'QN=20160801085857223;ST=32;CN=1012;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&SystemTime=20160801085857&&',
    );
    expect(formatSegment(setTime(device2017, qn, '20160801085857', 'w01018'))).toBe(
      'QN=20160801085857223;ST=32;CN=1012;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&PolId=w01018;SystemTime=20160801085857&&',
    );
    expect(() => setTime(device2017, qn, '20160801085857223')).toThrow(RangeError);
  });

  it('asks a 2025 device in its own version (Flag=9)', () => {
    expect(formatSegment(getTime(device2025, '20260105101500000'))).toBe('QN=20260105101500000;ST=22;CN=1011;PW=123456;MN=AIR0001;Flag=9;CP=&&&&');
  });

  it('keeps intervals within Table 4', () => {
    expect(() => setRtdInterval(device2017, qn, 29)).toThrow(RangeError);
    expect(() => setRtdInterval(device2017, qn, 3601)).toThrow(RangeError);
    expect(() => setMinInterval(device2017, qn, 7)).toThrow(RangeError);
    expect(() => setTimeoutAndRetries(device2017, qn, 100, 3)).toThrow(RangeError);
  });

  it('round-trips every command through the parser', () => {
    const commands = [
      setTimeoutAndRetries(device2017, qn, 10, 3), getTime(device2017, qn, 'w01018'), setTime(device2025, qn, '20260105101500'),
      getRtdInterval(device2017, qn), setRtdInterval(device2025, qn, 3600), getMinInterval(device2017, qn), setMinInterval(device2017, qn, 30),
      setPassword(device2017, qn, 'abc123'), startUploads(device2017, qn, '2011'), stopUploads(device2017, qn, '2022'),
      requestHistory(device2017, qn, '2061', '20160801000000', '20160801235959'),
    ];
    for (const fields of commands) {
      expect(decodePacket(encodePacket(fields))).toEqual({ ok: true, value: { ...fields, version: expect.any(String), answerWanted: true, segment: formatSegment(fields), warnings: [] } });
    }
  });
});

describe('clock text (Beijing time, UTC+8)', () => {
  it('writes a QN and a SystemTime in Beijing time', () => {
    const instant = new Date('2016-08-01T00:58:57.223Z');
    expect(formatQn(instant)).toBe('20160801085857223');
    expect(formatSystemTime(instant)).toBe('20160801085857');
  });

  it('crosses midnight into the Beijing date', () => {
    expect(formatSystemTime(new Date('2025-12-31T16:00:00Z'))).toBe('20260101000000');
  });
});

import { AIR_FACTORS, METEOROLOGY_FACTORS } from '../../src/gateway/simulate/air-values.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { referenceFrame } from '../../src/gateway/codec/testing/reference-frame.ts';
import { cpValue } from '../../src/gateway/codec/cp.ts';
import { simulate, SimulationError, type SimulationOptions } from '../../src/gateway/simulate/client.ts';
import { parseStartTime } from '../../src/gateway/simulate/packets.ts';
import { expandAddresses } from '../../src/cli/hj212.ts';
import { runCli } from '../support/cli.ts';
import { startAckServer, type AckServer } from './fixtures/hj212-cli/ack-server.ts';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const hourCp = 'DataTime=20260301080000;a34004-Avg=35,a34004-Flag=N;a21026-Avg=-0.012,a21026-Flag=N';

/** Packets framed by the tests' own reading of the standard, each ending in CR LF as on the wire. */
const packets = {
  upload2017: text(referenceFrame({ packet: `QN=20260301080512345;ST=22;CN=2061;PW=123456;MN=QSCLI01;Flag=5;CP=&&${hourCp}&&` })),
  noAnswer2025: text(referenceFrame({ packet: `QN=20260301080512346;ST=22;CN=2061;PW=123456;MN=QSCLI01;Flag=8;CP=&&${hourCp}&&` })),
  upload2025: text(referenceFrame({ packet: `QN=20260301080512347;ST=22;CN=2061;PW=123456;MN=QSCLI01;Flag=9;CP=&&${hourCp}&&` })),
  old2005: text(referenceFrame({ packet: `ST=22;CN=2061;PW=123456;MN=88888880000001;CP=&&${hourCp}&&` })),
  lowerCaseCrc: text(referenceFrame({ packet: 'QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&', lowerCaseCrc: true })),
  wrongCrc: text(referenceFrame({ packet: 'QN=20160801085857223;ST=32;CN=1062;PW=100000;MN=010000A8900016F000169DC0;Flag=5;CP=&&RtdInterval=30&&', crc: '1C81' })),
  unknownCn: text(referenceFrame({ packet: 'QN=20260301080512348;ST=22;CN=2999;PW=123456;MN=QSCLI01;Flag=5;CP=&&&&' })),
};

/** The 9014 the standard prescribes (C.14–C.19), framed independently of the codec. */
const dataAnswer = (fields: string) => text(referenceFrame({ packet: `${fields};CP=&&&&` }));

describe('qingshan hj212 decode', () => {
  it('reads one packet per line, answers as the gateway would, and reports each bad line without failing the run', async () => {
    const input = [
      packets.upload2017,
      '\r\n',
      packets.noAnswer2025,
      packets.upload2025,
      packets.old2005,
      packets.lowerCaseCrc.replace('\r\n', '\n'),
      packets.wrongCrc,
      packets.unknownCn,
    ].join('');
    const result = await runCli(['hj212', 'decode'], {}, input);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('1 行无法解码');
    const [upload2017, noAnswer2025, upload2025, old2005, lowerCaseCrc, wrongCrc, unknownCn, ...more] = result.stdout.trimEnd().split('\n').map((line) => JSON.parse(line));
    expect(more).toEqual([]);

    expect(upload2017).toMatchObject({ ok: true, version: '2017', qn: '20260301080512345', st: '22', cn: '2061', command: '小时数据', pw: '123456', mn: 'QSCLI01', flag: 5, answerWanted: true, warnings: [] });
    expect(upload2017.cp).toEqual([{ DataTime: '20260301080000' }, { 'a34004-Avg': '35', 'a34004-Flag': 'N' }, { 'a21026-Avg': '-0.012', 'a21026-Flag': 'N' }]);
    expect(upload2017.reply).toBe(dataAnswer('QN=20260301080512345;ST=91;CN=9014;PW=123456;MN=QSCLI01;Flag=4'));

    expect(noAnswer2025).toMatchObject({ ok: true, version: '2025', flag: 8, answerWanted: false, reply: null });
    expect(upload2025).toMatchObject({ ok: true, version: '2025', answerWanted: true });
    expect(upload2025.reply).toBe(dataAnswer('QN=20260301080512347;ST=91;CN=9014;PW=123456;MN=QSCLI01;Flag=8'));

    // No Flag and no QN: a 2005 upload, owed an answer in its own form (no QN, no Flag).
    expect(old2005).toMatchObject({ ok: true, version: '2005', qn: null, flag: null, answerWanted: true });
    expect(old2005.reply).toBe(dataAnswer('ST=91;CN=9014;PW=123456;MN=88888880000001'));

    expect(lowerCaseCrc).toMatchObject({ ok: true, warnings: [{ code: 'crc_lower_case', message: 'CRC 使用小写十六进制（已接受）' }] });
    expect(wrongCrc).toEqual({ ok: false, code: 'crc_mismatch', error: 'CRC 校验错误：收到 1C81，按数据段计算应为 1C80' });
    expect(unknownCn).toMatchObject({ ok: true, cn: '2999', command: null, reply: null, warnings: [{ code: 'unknown_cn' }] });
  });
});

describe('qingshan hj212 encode', () => {
  it('frames fields given as JSON with length and CRC, and decode reads back the same fields', async () => {
    const inputs = [
      { qn: '20260301080512345', st: '22', cn: '2061', pw: '123456', mn: 'QSCLI01', version: '2017', answerWanted: true, cp: hourCp },
      { qn: '20260301090000000', st: '22', cn: '2061', pw: '123456', mn: 'QSCLI01', flag: 9, cp: { DataTime: '20260301090000', 'a34004-Avg': 41, 'a34004-Flag': 'N', 'a21026-Avg': '-0.012' } },
      { qn: '20260301090000001', st: '22', cn: '3020', pw: '123456', mn: 'QSCLI01', version: '2025', cp: [{ 'i11001-Info': '报警;门开,温度=40' }] },
    ];
    const encoded = await runCli(['hj212', 'encode'], {}, inputs.map((input) => JSON.stringify(input)).join('\n'));
    expect(encoded.code, encoded.stderr).toBe(0);
    const lines = encoded.stdout.split(/(?<=\r\n)/);
    expect(lines).toHaveLength(3);
    // The first input is the first decode test's packet: byte for byte the reference framing.
    expect(lines[0]).toBe(packets.upload2017);

    const decoded = await runCli(['hj212', 'decode'], {}, encoded.stdout);
    const objects = decoded.stdout.trimEnd().split('\n').map((line) => JSON.parse(line));
    // A flat CP object is grouped by factor code, as the standard writes it.
    expect(objects[1]).toMatchObject({ ok: true, version: '2025', flag: 9, cp: [{ DataTime: '20260301090000' }, { 'a34004-Avg': '41', 'a34004-Flag': 'N' }, { 'a21026-Avg': '-0.012' }] });
    expect(objects[2]).toMatchObject({ ok: true, version: '2025', flag: 8, cp: [{ 'i11001-Info': '报警;门开,温度=40' }] });

    // What decode prints is accepted back by encode and gives the same bytes.
    const again = await runCli(['hj212', 'encode'], {}, decoded.stdout);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toBe(encoded.stdout);
  });

  it('refuses invalid input in Chinese and English with exit code 2 and writes no packet', async () => {
    const input = [
      JSON.stringify({ qn: '20260301080512345', st: '22', cn: '2061', pw: '12;3456', mn: 'QSCLI01', cp: '' }),
      JSON.stringify({ st: '22', pw: '123456', mn: 'QSCLI01', cp: '' }),
      JSON.stringify({ qn: '20260301080512345', st: '22', cn: '2061', pw: '123456', mn: 'QSCLI01', flag: 5, version: '2025', cp: '' }),
      '{not json',
    ].join('\n');
    const result = await runCli(['hj212', 'encode'], {}, input);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    const errors = result.stderr.trimEnd().split('\n');
    expect(errors).toHaveLength(4);
    expect(errors[0]).toMatch(/第 1 行.*line 1.*缺少"=".*would not decode/);
    expect(errors[1]).toMatch(/第 2 行.*缺少字段 cn.*cn is missing/);
    expect(errors[2]).toMatch(/第 3 行.*2017 版.*version=2025.*flag and version disagree/);
    expect(errors[3]).toMatch(/第 4 行.*不是有效的 JSON.*not valid JSON/);
  });
});

describe('simulated devices against a platform that answers', () => {
  let server: AckServer | null = null;
  afterEach(async () => {
    await server?.close();
    server = null;
  });

  const baseOptions = (port: number): SimulationOptions => ({
    host: '127.0.0.1',
    port,
    devices: 3,
    intervalSeconds: 0.005,
    cn: '2061',
    mnPrefix: 'SIM',
    password: '123456',
    st: '22',
    version: '2017',
    count: 4,
    startMs: parseStartTime('2026030100')!,
    ackTimeoutMs: 150,
    otherFlagRate: 0,
    seed: 1,
    localAddresses: [],
    progressIntervalMs: 1000,
  });

  it('waits for each answer before the next packet and counts acknowledgements, refusals and timeouts', async () => {
    server = await startAckServer({ ackDelayMs: 25, refuseMn: 'SIM2', silentMn: 'SIM3' });
    const summary = await simulate(baseOptions(server.port));

    expect(server.sentBeforeAnswer).toBe(0);
    expect(summary).toMatchObject({ devices: 3, connected: 3, sent: 12, acknowledged: 4, refused: 4, timedOut: 4, refusedBy: { '4': 4 }, disconnected: 0 });
    // Each answer came 25 ms after its packet: so did the latency measured.
    expect(summary.ackLatencyMs.p50).toBeGreaterThanOrEqual(24);
    // Each packet holds the six pollutants and the five meteorological factors. Both rates are rounded to
    // tenths, so they agree within half a tenth of each, the packets' rate counted once per value.
    const perPacket = Object.keys(AIR_FACTORS).length + Object.keys(METEOROLOGY_FACTORS).length;
    expect(Math.abs(summary.valuesPerSecond - summary.packetsPerSecond * perPacket)).toBeLessThanOrEqual(0.05 * (perPacket + 1) + 1e-9);

    const first = server.received.filter((packet) => packet.mn === 'SIM1');
    expect(first.map((packet) => cpValue(packet.cp, 'DataTime'))).toEqual(['20260301000000', '20260301010000', '20260301020000', '20260301030000']);
    expect(new Set(server.received.map((packet) => `${packet.mn}/${packet.qn}`)).size).toBe(12);
    expect(first.every((packet) => packet.flag === 5 && packet.st === '22' && packet.pw === '123456')).toBe(true);
  });

  it('with a warm-up, starts the clock once every device has had its first answer and counts the rest apart', async () => {
    server = await startAckServer({ ackDelayMs: 5, refuseMn: 'SIM2', silentMn: 'SIM3' });
    const summary = await simulate({ ...baseOptions(server.port), warmup: true });

    // SIM3 never answers: the warm-up lasts until its first packet times out (150 ms).
    expect(summary.warmup).toMatchObject({ packets: 3, acknowledged: 1 });
    expect(summary.warmup!.seconds).toBeGreaterThanOrEqual(0.14);
    expect(summary).toMatchObject({ sent: 9, acknowledged: 3, refused: 3, timedOut: 3, refusedBy: { '4': 3 } });
    // No device sent its second packet before the last first packet was settled.
    const received = server.received;
    const firstHour = (packet: (typeof received)[number]) => cpValue(packet.cp, 'DataTime') === '20260301000000';
    const lastFirst = received.findLastIndex(firstHour);
    expect(received.slice(0, lastFirst + 1).every(firstHour)).toBe(true);
    expect(received).toHaveLength(12);
  });

  it('pre-encoded, sends the same series as encoding on the way, each packet with a QN of its own', async () => {
    const bodies = async (preEncode: boolean) => {
      server = await startAckServer({ ackDelayMs: 0 });
      const summary = await simulate({ ...baseOptions(server.port), preEncode, warmup: true });
      const received = server.received;
      await server.close();
      server = null;
      expect(summary).toMatchObject({ sent: 9, acknowledged: 9, warmup: { acknowledged: 3 } });
      expect(new Set(received.map((packet) => `${packet.mn}/${packet.qn}`)).size).toBe(12);
      // What is sent apart from the QN: DataTime and the seeded values, device by device.
      return received.map((packet) => `${packet.mn} ${JSON.stringify(packet.cp)}`).sort();
    };
    const lazy = await bodies(false);
    expect(await bodies(true)).toEqual(lazy);
  });

  it('refuses to pre-encode a run without a count, before it connects', async () => {
    server = await startAckServer({ ackDelayMs: 0 });
    await expect(simulate({ ...baseOptions(server.port), preEncode: true, count: null })).rejects.toThrow(SimulationError);
    expect(server.received).toHaveLength(0);
  });

  it('refuses --pre-encode without --count', async () => {
    const result = await runCli(['hj212', 'simulate', '--pre-encode'], {});
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--pre-encode needs --count');
  });

  it('counts a device whose connection is closed', async () => {
    server = await startAckServer({ ackDelayMs: 0 });
    const summary = await simulate({ ...baseOptions(server.port), devices: 1, count: null, intervalSeconds: 0.05, progressIntervalMs: 200, onProgress: () => server?.close() });
    expect(summary).toMatchObject({ connected: 1, disconnected: 1 });
    expect(summary.acknowledged).toBeGreaterThan(0);
  });

  it('runs from the command line: minute data, summary as JSON on stdout', async () => {
    server = await startAckServer({ ackDelayMs: 5 });
    const args = ['hj212', 'simulate', '--port', String(server.port), '--devices', '2', '--count', '3', '--interval', '0.01', '--cn', '2051', '--start', '202603010800', '--version', '2025'];
    const result = await runCli(args, {});
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ devices: 2, sent: 6, acknowledged: 6, refused: 0, timedOut: 0 });
    const device = server.received.filter((packet) => packet.mn === 'QSSIM2');
    expect(device.map((packet) => cpValue(packet.cp, 'DataTime'))).toEqual(['20260301080000', '20260301080100', '20260301080200']);
    expect(device.every((packet) => packet.version === '2025' && packet.flag === 9)).toBe(true);
  });

  it('refuses a CN it does not simulate with exit code 2', async () => {
    const result = await runCli(['hj212', 'simulate', '--cn', '2031'], {});
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('--cn 应为 2011、2051、2061');
  });
});

describe('--local-addresses', () => {
  it('expands last-octet ranges and refuses what is not an IPv4 list', () => {
    expect(expandAddresses('127.0.0.1-3,10.0.0.9')).toEqual(['127.0.0.1', '127.0.0.2', '127.0.0.3', '10.0.0.9']);
    expect(expandAddresses('127.0.0.5-2')).toBeNull();
    expect(expandAddresses('localhost')).toBeNull();
  });
});

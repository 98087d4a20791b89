import type { Command } from 'commander';

/** Usage mistakes: one line on stderr and exit code 2, as for invalid `encode` input. */
function usageError(zh: string, en: string): never {
  console.error(`错误 / error: ${zh} / ${en}`);
  process.exit(2);
}

/** `qingshan hj212`: the HJ 212 codec from the shell, and simulated devices for demos and load. */
export function registerHj212Commands(program: Command): void {
  const hj212 = program.command('hj212').description('HJ 212 报文解码、编码与模拟数采仪 / HJ 212 packets: decode, encode, simulate devices');

  hj212
    .command('decode')
    .description('标准输入每行一个数据包，标准输出每行一个 JSON（含网关应答）；坏行也各自输出，退出码为 0 / one packet per line in, one JSON line out with the reply due; refused lines report themselves, exit code 0')
    .action(async () => {
      const { decodeLine } = await import('./hj212-lines.ts');
      let failed = 0;
      for await (const line of byteLines(process.stdin)) {
        // The line keeps its CR: a packet's CR LF ends it, and the LF is what split the lines.
        if (line.every((byte) => byte === 0x0d || byte === 0x20 || byte === 0x09)) continue;
        const decoded = decodeLine(line);
        if (!decoded.ok) failed++;
        process.stdout.write(`${JSON.stringify(decoded)}\n`);
      }
      if (failed > 0) console.error(`${failed} 行无法解码 / ${failed} line(s) refused`);
    });

  hj212
    .command('encode')
    .description('标准输入为 JSON（每行一个对象或单个对象），输出带长度与 CRC 的数据包；输入无效时退出码为 2 / JSON fields in (one object per line, or one object), framed packets out; invalid input exits 2')
    .action(async () => {
      const { encodeInput, EncodeInputError } = await import('./hj212-lines.ts');
      const inputs = parseJsonInputs(await readText(process.stdin));
      const packets: string[] = [];
      const errors: string[] = [];
      for (const input of inputs) {
        if ('error' in input) {
          errors.push(`第 ${input.line} 行 / line ${input.line}: ${input.error}`);
          continue;
        }
        try {
          const encoded = encodeInput(input.value);
          packets.push(encoded.packet);
          for (const warning of encoded.warnings) console.error(`注意 / note: 第 ${input.line} 行 / line ${input.line}: ${warning}`);
        } catch (error) {
          if (!(error instanceof EncodeInputError)) throw error;
          errors.push(`第 ${input.line} 行 / line ${input.line}: ${error.message}`);
        }
      }
      // All or nothing: a half-written batch of packets is worse than none.
      if (errors.length > 0) {
        for (const error of errors) console.error(`错误 / error: ${error}`);
        process.exit(2);
      }
      if (packets.length === 0) usageError('标准输入没有 JSON 对象', 'no JSON object on standard input');
      process.stdout.write(packets.join(''));
    });

  hj212
    .command('simulate')
    .description('模拟 N 台空气站数采仪连接网关上传数据（须先用 gateway device add 登记）/ simulated air-station devices uploading to a gateway (register them first with gateway device add)')
    .option('--host <host>', '网关地址 / gateway host', '127.0.0.1')
    .option('--port <port>', '网关端口 / gateway port', '9212')
    .option('--devices <n>', '设备数，MN 为 <前缀><序号>（从 1 起）/ devices, MN <prefix><1..n>', '1')
    .option('--interval <seconds>', '每台设备的上传间隔，可为小数 / seconds between a device\'s packets (fractional for load)', '1')
    .option('--cn <cn>', '2011 实时 | 2051 分钟 | 2061 小时 / real-time, minute or hour data', '2061')
    .option('--mn-prefix <prefix>', 'MN 前缀 / MN prefix', 'QSSIM')
    .option('--password <pw>', '访问密码 / device password', '123456')
    .option('--st <st>', '系统编码 ST / system code', '22')
    .option('--count <k>', '每台设备发送的包数（默认一直发送，Ctrl-C 结束）/ packets per device (default: until Ctrl-C)')
    .option('--version <version>', '协议版本 2017 | 2025 / protocol version', '2017')
    .option('--start <time>', '首个 DataTime（北京时间 YYYYMMDDhh[mm[ss]]）/ first DataTime, Beijing time', '2026010100')
    .option('--ack-timeout <seconds>', '等待应答的秒数 / seconds to wait for the answer', '10')
    .option('--other-flag-rate <fraction>', '数据标记不为 N 的比例 / share of values flagged other than N', '0.01')
    .option('--seed <n>', '随机数种子 / random seed', '212')
    .option('--local-addresses <list>', '轮流绑定的本地地址，如 127.0.0.1-40（网关限制每个地址 16 个连接）/ local addresses to bind in turn, e.g. 127.0.0.1-40 (the gateway allows 16 connections per address)')
    .option('--warmup', '先让每台设备发送一个包（登录），全部应答后再开始计时；预热包单独报告 / each device first sends one packet (its log-in); the clock starts once all are answered, and the warm-up is reported apart')
    .option('--pre-encode', '开始前编码全部数据包（须与 --count 同用），运行中模拟器只收发，在同一台机器上压测时少占网关的 CPU / encode every packet before connecting (needs --count): during the run the simulator only sends and reads, taking less CPU from a gateway on the same machine')
    .option('--progress <seconds>', '进度输出间隔 / seconds between progress lines', '5')
    .action(async (options: Record<string, string | undefined>) => {
      const [{ simulate, SimulationError }, { UPLOAD_CNS, alignStart, parseStartTime }] = await Promise.all([
        import('../gateway/simulate/client.ts'),
        import('../gateway/simulate/packets.ts'),
      ]);
      const integer = (name: string, min: number, max = Number.MAX_SAFE_INTEGER) => {
        const value = Number(options[name]);
        if (!Number.isInteger(value) || value < min || value > max) usageError(`--${name} 应为 ${min} 至 ${max} 的整数`, `--${name} must be an integer ${min}..${max}`);
        return value;
      };
      const positive = (name: string) => {
        const value = Number(options[name]);
        if (!Number.isFinite(value) || value <= 0) usageError(`--${name} 应为正数`, `--${name} must be a positive number`);
        return value;
      };
      const cn = options.cn as (typeof UPLOAD_CNS)[number];
      if (!UPLOAD_CNS.includes(cn)) usageError(`--cn 应为 ${UPLOAD_CNS.join('、')}`, `--cn must be one of ${UPLOAD_CNS.join(', ')}`);
      const version = options.version;
      if (version !== '2017' && version !== '2025') usageError('--version 应为 2017 或 2025', '--version must be 2017 or 2025');
      const start = parseStartTime(options.start!);
      if (start === null) usageError('--start 应为北京时间 YYYYMMDDhh[mm[ss]]', '--start must be YYYYMMDDhh[mm[ss]] (Beijing time)');
      const otherFlagRate = Number(options.otherFlagRate);
      if (!(otherFlagRate >= 0 && otherFlagRate <= 1)) usageError('--other-flag-rate 应在 0 与 1 之间', '--other-flag-rate must be 0..1');
      if (options.preEncode !== undefined && options.count === undefined) usageError('--pre-encode 须与 --count 同用', '--pre-encode needs --count');
      let localAddresses: string[] = [];
      if (options.localAddresses !== undefined) {
        const expanded = expandAddresses(options.localAddresses);
        if (!expanded) usageError('--local-addresses 应为以逗号分隔的 IPv4 地址或 a.b.c.d-e 范围', '--local-addresses must list IPv4 addresses or a.b.c.d-e ranges');
        localAddresses = expanded;
      }

      const stop = new AbortController();
      const onSignal = () => {
        // The first Ctrl-C ends the run with its summary; a second one leaves at once.
        if (stop.signal.aborted) process.exit(130);
        stop.abort();
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      try {
        const summary = await simulate({
          host: options.host!,
          port: integer('port', 1, 65535),
          devices: integer('devices', 1, 100_000),
          intervalSeconds: positive('interval'),
          cn,
          mnPrefix: options.mnPrefix!,
          password: options.password!,
          st: options.st!,
          version,
          count: options.count === undefined ? null : integer('count', 1),
          warmup: options.warmup !== undefined,
          preEncode: options.preEncode !== undefined,
          // A line of its own on stdout, before the summary: a load test can start its own clocks there.
          onWarmedUp: (warmup) => process.stdout.write(`${JSON.stringify({ warmup })}\n`),
          startMs: alignStart(cn, start),
          ackTimeoutMs: positive('ackTimeout') * 1000,
          otherFlagRate,
          seed: integer('seed', 0),
          localAddresses,
          progressIntervalMs: positive('progress') * 1000,
          onProgress: (p) =>
            console.error(`[${p.elapsedSeconds}s] 连接 ${p.connected} · 已发送 ${p.sent} · 已应答 ${p.acknowledged} · 拒绝 ${p.refused} · 超时 ${p.timedOut} / connected, sent, acknowledged, refused, timed out`),
          signal: stop.signal,
        });
        process.stdout.write(`${JSON.stringify(summary)}\n`);
      } catch (error) {
        if (!(error instanceof SimulationError)) throw error;
        console.error(`错误 / error: ${error.message}`);
        process.exitCode = 1;
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
    });
}

/** `127.0.0.1,127.0.0.5-8` → each address; null when an item is not an IPv4 address or range. */
export function expandAddresses(list: string): string[] | null {
  const addresses: string[] = [];
  for (const item of list.split(',').map((text) => text.trim())) {
    const match = /^(\d{1,3}\.\d{1,3}\.\d{1,3}\.)(\d{1,3})(?:-(\d{1,3}))?$/.exec(item);
    if (!match) return null;
    const first = Number(match[2]);
    const last = match[3] === undefined ? first : Number(match[3]);
    if (last < first || last > 255) return null;
    for (let octet = first; octet <= last; octet++) addresses.push(`${match[1]}${octet}`);
  }
  return addresses;
}

/** The input split at LF, each line's bytes kept as sent (CR included; a GB18030 text stays undecoded). */
async function* byteLines(input: NodeJS.ReadableStream): AsyncGenerator<Uint8Array> {
  let rest = Buffer.alloc(0);
  for await (const chunk of input) {
    let buffer = rest.length === 0 ? (chunk as Buffer) : Buffer.concat([rest, chunk as Buffer]);
    for (let end = buffer.indexOf(0x0a); end >= 0; end = buffer.indexOf(0x0a)) {
      yield buffer.subarray(0, end);
      buffer = buffer.subarray(end + 1);
    }
    rest = Buffer.from(buffer);
  }
  if (rest.length > 0) yield rest;
}

async function readText(input: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** One JSON value for the whole input (an object, or an array of them), else one object per line. */
type JsonInput = { line: number; value: unknown } | { line: number; error: string };

function parseJsonInputs(text: string): JsonInput[] {
  if (text.trim() === '') return [];
  try {
    const whole: unknown = JSON.parse(text);
    return Array.isArray(whole) ? whole.map((value, index) => ({ line: index + 1, value })) : [{ line: 1, value: whole }];
  } catch {
    return text.split('\n').flatMap((line, index): JsonInput[] => {
      if (line.trim() === '') return [];
      try {
        return [{ line: index + 1, value: JSON.parse(line) as unknown }];
      } catch {
        return [{ line: index + 1, error: '不是有效的 JSON / not valid JSON' }];
      }
    });
  }
}

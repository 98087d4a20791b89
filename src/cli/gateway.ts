import type { Command } from 'commander';
import { StorageError } from '../db/errors.ts';
import { configFrom } from './options.ts';
import { storageModules } from './server.ts';

/** `qingshan gateway`: the HJ 212 gateway on its own, and its devices. */
export function registerGatewayCommands(program: Command): void {
  const gateway = program.command('gateway').description('HJ 212 数据采集网关 / HJ 212 data gateway');

  gateway
    .command('run')
    .description('只启动网关（不启动网页与接口）/ run the gateway alone, without the web UI and API')
    .option('-p, --port <port>', '网关端口 / gateway port (default 9212, env QINGSHAN_GATEWAY_PORT)')
    .option('--host <host>', '监听地址 / address (default 0.0.0.0)')
    .action(async (options: { port?: string }, command: Command) => {
      const config = configFrom(command);
      if (options.port !== undefined) config.gateway.port = Number(options.port);
      const { openStorage, migrate } = await storageModules();
      const { startGateway } = await import('../gateway/server/start.ts');
      const storage = await openStorage(config.storage);
      await migrate(storage);
      let started;
      try {
        started = await startGateway(storage.db, config);
      } catch (error) {
        await storage.close();
        if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') throw new StorageError(`网关端口 ${config.gateway.port} 已被占用 / gateway port in use`);
        throw error;
      }
      console.log(`青山 Qingshan gateway listening on tcp://${config.host}:${started.port}`);
      const stop = async () => {
        await started.gateway.close();
        await storage.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });

  const device = gateway.command('device').description('数采仪登记 / devices');

  device
    .command('add')
    .description('登记数采仪，访问密码从标准输入读取（默认按空气站编码对照）/ register a device, password on stdin (air-station code mapping by default)')
    .requiredOption('--mn <mn>', '设备唯一标识 MN')
    .requiredOption('--site <code>', '空气监测站编码 / air station code')
    .option('--st <st>', '系统编码 ST (default 22)')
    .action(async (options: { mn: string; site: string; st?: string }, command: Command) => {
      const config = configFrom(command);
      // From standard input, never the command line: arguments show in the process list and shell history.
      const password = (await readStdin()).trim();
      if (!password) throw new StorageError('请在标准输入提供访问密码 / give the device password on standard input');
      const { openStorage, migrate } = await storageModules();
      const [{ createDevice }, { SYSTEM_ACTOR }] = await Promise.all([import('../gateway/devices/service.ts'), import('../audit/store.ts')]);
      const storage = await openStorage(config.storage);
      try {
        await migrate(storage);
        const created = await createDevice(storage.db, { ...SYSTEM_ACTOR, name: 'cli' }, { mn: options.mn, password, site: options.site, st: options.st });
        console.log(`已登记 / registered: ${created.mn} → ${created.siteCode}（${created.codes.length} 个编码对照）`);
      } finally {
        await storage.close();
      }
    });

  device
    .command('list')
    .description('列出数采仪 / list devices')
    .action(async (_options, command: Command) => {
      const config = configFrom(command);
      const { openStorage, migrate } = await storageModules();
      const { listDevices } = await import('../gateway/devices/service.ts');
      const storage = await openStorage(config.storage);
      try {
        await migrate(storage);
        for (const d of await listDevices(storage.db)) {
          console.log([d.mn, d.siteCode, d.st, d.versionSeen ?? '-', d.lastSeenAt?.toISOString() ?? '-', d.active ? 'active' : 'inactive'].join('\t'));
        }
      } finally {
        await storage.close();
      }
    });
}

async function readStdin(): Promise<string> {
  let text = '';
  for await (const chunk of process.stdin) text += chunk;
  return text;
}

import { spawn } from 'node:child_process';
import type { Command } from 'commander';
import { StorageError } from '../db/errors.ts';
import { configFrom } from './options.ts';

// Commands load what they use when they run, so `--help` and `version` answer at once.
export async function storageModules() {
  const [{ openStorage }, { migrate }] = await Promise.all([import('../db/connect.ts'), import('../db/migrate.ts')]);
  return { openStorage, migrate };
}

export function registerServerCommands(program: Command): void {
  program
    .command('start')
    .description('启动平台（网页与接口同一端口）/ start the platform: web UI and API on one port')
    .option('-p, --port <port>', '端口 / port (default 8080, env PORT)')
    .option('--host <host>', '监听地址 / address (default 0.0.0.0)')
    .action(async (_options, command: Command) => {
      const config = configFrom(command);
      const [{ prepareStorage }, { buildApp }] = await Promise.all([import('../platform/boot.ts'), import('../server/app.ts')]);
      const prepared = await prepareStorage(config);
      const app = await buildApp(prepared.storage, config);
      try {
        await app.listen({ port: config.port, host: config.host });
      } catch (error) {
        await app.close();
        await prepared.storage.close();
        if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE') {
          throw new StorageError(`端口 ${config.port} 已被占用，请用 --port 或 PORT 换一个端口。/ port ${config.port} is in use.`);
        }
        throw error;
      }
      const address = app.server.address();
      const port = typeof address === 'object' && address ? address.port : config.port;
      if (prepared.administrator) {
        console.log(
          `\n青山 Qingshan: 已创建管理员账号 / administrator created: ${prepared.administrator.username}\n` +
            `  one-time password: ${prepared.administrator.password}\n` +
            `  首次登录后须修改此密码，它不会再次显示。/ it must be changed at first login and is not shown again.\n`,
        );
      }
      console.log(`青山 Qingshan ${prepared.storage.kind === 'pglite' ? `PGlite ${prepared.storage.location}` : `PostgreSQL ${prepared.storage.location}`}; listening on http://${config.host === '0.0.0.0' ? '127.0.0.1' : config.host}:${port}`);
      // After the HTTP port is ready, never before it: a gateway that cannot start is logged, not fatal.
      const gateway = config.gateway.enabled
        ? import('../gateway/server/start.ts')
            .then(({ startGateway }) => startGateway(prepared.storage.db, config))
            .then(
              (started) => {
                console.log(`青山 Qingshan HJ 212 gateway listening on tcp://${config.host}:${started.port}`);
                return started.gateway;
              },
              (error: NodeJS.ErrnoException) => {
                console.error(`HJ 212 网关未启动 / gateway not started: ${error.code === 'EADDRINUSE' ? `端口 ${config.gateway.port} 已被占用 / port in use` : error.message}`);
                return null;
              },
            )
        : Promise.resolve(null);
      const stop = async () => {
        await (await gateway)?.close();
        await app.close();
        await prepared.storage.close();
        process.exit(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });

  program
    .command('dev')
    .description('开发模式：接口自动重启，网页热更新 / dev mode: API restarts on change, web hot reload')
    .action(() => {
      const children = [
        spawn(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'watch', 'src/cli/main.ts', 'start'], { stdio: 'inherit' }),
        spawn(process.execPath, ['node_modules/vite/bin/vite.js', '--host', '127.0.0.1'], { stdio: 'inherit' }),
      ];
      const stop = () => children.forEach((child) => child.kill('SIGTERM'));
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });

  program
    .command('migrate')
    .description('执行数据库迁移 / apply database migrations')
    .action(async (_options, command: Command) => {
      const { openStorage, migrate } = await storageModules();
      const storage = await openStorage(configFrom(command).storage);
      try {
        const ran = await migrate(storage);
        console.log(ran.length ? `已执行迁移 / applied: ${ran.join(', ')}` : '数据库已是最新 / already up to date');
      } finally {
        await storage.close();
      }
    });

  program
    .command('seed')
    .description('载入城市种子数据（只载入一次）/ load the city seed (once)')
    .action(async (_options, command: Command) => {
      const config = configFrom(command);
      const { openStorage, migrate } = await storageModules();
      const { seedOrganisations } = await import('../orgs/seed.ts');
      const storage = await openStorage(config.storage);
      try {
        await migrate(storage);
        const result = await seedOrganisations(storage.db, config.seed);
        console.log('loaded' in result ? `已载入 ${result.loaded} 个组织机构 / organisations loaded` : '种子数据此前已载入 / seed already loaded');
      } finally {
        await storage.close();
      }
    });
}

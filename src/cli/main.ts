import { Command, Option } from 'commander';
import { ConfigError } from '../config/index.ts';
import { StorageError } from '../db/errors.ts';
import { HttpProblem } from '../server/problem.ts';
import { PLATFORM_VERSION } from '../paths.ts';
import { registerAdminCommands } from './admin.ts';
import { registerServerCommands } from './server.ts';
import { registerCalculatorCommands } from './calc.ts';
import { registerDemoCommands } from './demo.ts';
import { registerGatewayCommands } from './gateway.ts';
import { registerHj212Commands } from './hj212.ts';
import { registerSpatialCommands } from './spatial.ts';

const program = new Command('qingshan')
  .description('青山 · 生态环境智慧治理平台 / Qingshan eco-environment governance platform')
  .version(PLATFORM_VERSION, '-V, --version-flag', '显示版本 / show version')
  .addOption(new Option('--data-dir <dir>', 'PGlite 数据目录 / PGlite data folder').env('QINGSHAN_DATA_DIR'))
  .addOption(new Option('--database-url <url>', 'PostgreSQL + PostGIS 连接串 / connection string').env('DATABASE_URL'))
  .showHelpAfterError();

program
  .command('version')
  .description('显示版本 / show the platform version')
  .action(() => {
    console.log(`qingshan ${PLATFORM_VERSION}`);
  });

registerServerCommands(program);
registerAdminCommands(program);
registerCalculatorCommands(program);
registerDemoCommands(program);
registerGatewayCommands(program);
registerHj212Commands(program);
registerSpatialCommands(program);

/** Operator mistakes print one clear message; anything else is a bug and keeps its stack. */
function report(error: unknown): never {
  if (error instanceof StorageError || error instanceof ConfigError) {
    console.error(`错误 / error: ${error.message}`);
  } else if (error instanceof HttpProblem) {
    console.error(`错误 / error: ${error.title}${error.detail ? `：${error.detail}` : ''}`);
  } else {
    console.error(error);
  }
  process.exit(1);
}

try {
  await program.parseAsync(process.argv);
} catch (error) {
  report(error);
}

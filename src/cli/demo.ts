import { InvalidArgumentError, type Command } from 'commander';
import { configFrom } from './options.ts';
import { storageModules } from './server.ts';

function yearOf(text: string): number {
  const year = Number(text);
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new InvalidArgumentError('应为 2000–2100 的整数 / must be an integer from 2000 to 2100');
  return year;
}

/** `qingshan demo load [--year Y]` and `qingshan demo remove`: 示例数据 (src/monitoring/demo/load.ts). */
export function registerDemoCommands(program: Command): void {
  const demo = program.command('demo').description('示例数据（空气小时数据，标为示例）/ demo data, marked as such');

  demo
    .command('load')
    .description('为每个空气站载入一年示例小时数据；不覆盖真实数据 / load a demo year for every air station; real data are kept')
    .option('-y, --year <year>', '年份，缺省为上一个完整年度 / year (default: the last complete year)', yearOf)
    .action(async ({ year }: { year?: number }, command: Command) => {
      const { openStorage, migrate } = await storageModules();
      const { defaultDemoYear, loadDemoYear } = await import('../monitoring/demo/load.ts');
      const storage = await openStorage(configFrom(command).storage);
      try {
        await migrate(storage);
        const started = Date.now();
        const result = await loadDemoYear(storage.db, year ?? defaultDemoYear(), 'command');
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        console.log(
          `已载入 ${result.year} 年示例数据 / demo year loaded: air ${result.values} values at ${result.stations} stations, water ${result.water.values} values at ${result.water.sites} sites, ${seconds} s`,
        );
      } finally {
        await storage.close();
      }
    });

  demo
    .command('remove')
    .description('删除全部示例数据，真实数据不受影响 / delete all demo data, and nothing else')
    .action(async (_options, command: Command) => {
      const { openStorage, migrate } = await storageModules();
      const { removeDemoData } = await import('../monitoring/demo/load.ts');
      const storage = await openStorage(configFrom(command).storage);
      try {
        await migrate(storage);
        const { values, waterValues } = await removeDemoData(storage.db);
        console.log(`已删除示例数据：空气 ${values} 个值，水 ${waterValues} 个值 / demo values deleted: air ${values}, water ${waterValues}`);
        const { removeDemoLayers } = await import('../spatial/demo/load.ts');
        const layers = await removeDemoLayers(storage.db);
        console.log(`已删除示例图层：${layers.versions} 个图层版本，${layers.features} 个要素 / demo map layers deleted: ${layers.versions} versions, ${layers.features} features`);
      } finally {
        await storage.close();
      }
    });
}

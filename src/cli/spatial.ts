import { InvalidArgumentError, type Command } from 'commander';
import { configFrom } from './options.ts';

function sridOf(text: string): number {
  const srid = Number(text);
  if (!Number.isInteger(srid) || srid <= 0) throw new InvalidArgumentError('应为 EPSG 代码，如 4490 或 4545 / must be an EPSG code');
  return srid;
}

interface ImportOptions {
  srid?: number;
  encoding?: string;
  note?: string;
  skipRefused?: boolean;
}

/** `qingshan spatial import <layer> <file>`: a new version of a layer of the one map (src/spatial/import/). */
export function registerSpatialCommands(program: Command): void {
  const spatial = program.command('spatial').description('一张图的图层 / layers of the one map');

  spatial
    .command('import <layer> <file>')
    .description(
      '导入图层的新版本（zip 压缩的 Shapefile、GeoJSON 或 GeoPackage；旧版本保留；有要素无法导入时整体不导入，除非 --skip-refused）/ import a new version of a layer',
    )
    .option('--srid <epsg>', '文件的坐标系，文件未说明时必填，如 4490、4524、4545 / the file’s coordinate system', sridOf)
    .option('--encoding <encoding>', 'Shapefile 属性的字符编码，如 GBK、UTF-8（缺省按 .cpg 或检测）/ attribute encoding')
    .option('--note <text>', '版本说明 / note on this version')
    .option('--skip-refused', '跳过无法导入的要素，导入其余 / skip refused features and import the rest')
    .action(async (layer: string, file: string, options: ImportOptions, command: Command) => {
      const { importFromCommandLine } = await import('../spatial/import/command.ts');
      await importFromCommandLine(configFrom(command), layer, file, options);
    });
}

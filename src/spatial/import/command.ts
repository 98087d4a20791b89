/** `qingshan spatial import`: reads the file, stores it as the next version of the layer, prints the report. */
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { userInfo } from 'node:os';
import type { Config } from '../../config/index.ts';
import { openStorage } from '../../db/connect.ts';
import { migrate } from '../../db/migrate.ts';
import { HttpProblem } from '../../server/problem.ts';
import { MAX_UPLOAD_BYTES, megabytes } from './limits.ts';
import { readSpatialFile } from './read.ts';
import { reportLines } from './report-text.ts';
import { importLayerVersion } from './store.ts';

export async function importFromCommandLine(
  config: Config,
  layer: string,
  file: string,
  options: { srid?: number; encoding?: string; note?: string; skipRefused?: boolean },
): Promise<void> {
  const size = await stat(file).then((s) => s.size).catch(() => null);
  if (size === null) throw new HttpProblem(400, '文件不存在 / no such file', file);
  // Checked before reading, so that a huge file is never loaded whole.
  if (size > MAX_UPLOAD_BYTES) throw new HttpProblem(422, '导入未执行 / import refused', `文件 ${megabytes(size)}，超过上限 ${megabytes(MAX_UPLOAD_BYTES)}`);
  const name = basename(file);
  const read = await readSpatialFile({ name, data: await readFile(file) }, { srid: options.srid, encoding: options.encoding });
  if (!read.ok) throw new HttpProblem(422, '导入未执行 / import refused', read.error);

  const storage = await openStorage(config.storage, { create: false });
  try {
    await migrate(storage);
    const actor = { id: null, name: `cli:${userInfo().username}`, ip: null };
    const outcome = await importLayerVersion(storage.db, actor, layer, read.value, {
      sourceName: name,
      note: options.note ?? null,
      skipRefused: options.skipRefused === true,
    });
    if (!outcome.ok) {
      if (outcome.reason === 'layer_not_found') {
        const known = await storage.db.selectFrom('map_layer').select('code').orderBy('sort_order').execute();
        throw new HttpProblem(404, '图层不存在 / layer not found', `${layer}；可用的图层 / layers: ${known.map((l) => l.code).join(', ')}`);
      }
      console.error(reportLines(outcome.report).join('\n'));
      throw new HttpProblem(422, '导入未执行 / import refused', outcome.message);
    }
    console.log(`已导入图层 ${layer} 第 ${outcome.version} 版（${outcome.featureCount} 个要素）/ imported ${layer} version ${outcome.version}`);
    console.log(reportLines(outcome.report).join('\n'));
  } finally {
    await storage.close();
  }
}

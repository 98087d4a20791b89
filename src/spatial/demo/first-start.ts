import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Db } from '../../db/connect.ts';
import { demoLayersRemoved, loadDemoLayers } from './load.ts';

interface Log {
  info(msg: string): void;
  error(obj: unknown, msg?: string): void;
}

/**
 * Gives every layer kind without a version its 示例 layer, unless demo layers were removed on purpose
 * (`qingshan demo remove`). Resolves with the number of layers loaded; a failure is logged, never thrown.
 */
export async function loadDemoLayersOnFirstStart(db: Db, log: Log, signal?: AbortSignal): Promise<number> {
  try {
    if (await demoLayersRemoved(db)) return 0;
    const started = Date.now();
    const result = await loadDemoLayers(db, undefined, { signal });
    if (result.loaded.length > 0) {
      const features = result.loaded.reduce((sum, l) => sum + l.features, 0);
      log.info(
        `示例图层已载入 / demo map layers loaded: ${result.loaded.map((l) => `${l.layer} ${l.features}`).join(', ')} (${features} features, ${Date.now() - started} ms)`,
      );
    }
    return result.loaded.length;
  } catch (error) {
    log.error(error, '示例图层载入失败 / demo map layers failed to load');
    return 0;
  }
}

/**
 * On a first start (QINGSHAN_DEMO, like the monitoring demo year) the one map gets its 示例 layers, so
 * that screening can be shown at once: after the server listens, never before, and not awaited;
 * closing stops it between layers and waits for the layer being written.
 */
export const demoLayersOnFirstStart: FastifyPluginAsyncTypebox<{ db: Db; enabled: boolean }> = async (app, { db, enabled }) => {
  if (!enabled) return;
  const stop = new AbortController();
  let loading: Promise<number> = Promise.resolve(0);
  app.addHook('onListen', (done) => {
    loading = loadDemoLayersOnFirstStart(db, app.log, stop.signal);
    done();
  });
  app.addHook('onClose', async () => {
    stop.abort();
    await loading;
  });
};

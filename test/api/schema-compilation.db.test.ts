import { afterAll, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.ts';
import { buildApp } from '../../src/server/app.ts';
import { openTestStore, type TestStore } from '../support/db.ts';

let store: TestStore | undefined;
afterAll(async () => store?.dispose());

// The platform compiles route schemas at first use; this compiles all of them at once, so a broken
// schema fails here rather than at a user's first request.
it('compiles every route schema of the platform', async () => {
  store = await openTestStore();
  const app = await buildApp(store.storage, loadConfig({ ...store.env, QINGSHAN_LOG_LEVEL: 'fatal' }), { logger: false, eagerSchemas: true });
  await expect(app.ready()).resolves.toBeDefined();
  expect(app.hasRoute({ method: 'GET', url: '/api/health' })).toBe(true);
  await app.close();
});

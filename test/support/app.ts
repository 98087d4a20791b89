import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../../src/config/index.ts';
import { buildApp } from '../../src/server/app.ts';
import { SYSTEM_ACTOR } from '../../src/audit/store.ts';
import { createApiToken } from '../../src/auth/sessions.ts';
import { createUser } from '../../src/users/service.ts';
import type { Db } from '../../src/db/connect.ts';
import { openTestStore, type TestStore } from './db.ts';

export interface TestApp {
  app: FastifyInstance;
  store: TestStore;
  config: Config;
  db: Db;
  close(): Promise<void>;
}

export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const store = await openTestStore();
  const config = loadConfig({ ...env, ...store.env, QINGSHAN_LOG_LEVEL: 'fatal' });
  const app = await buildApp(store.storage, config, { logger: false });
  await app.ready();
  return {
    app,
    store,
    config,
    db: store.storage.db,
    close: async () => {
      await app.close();
      await store.dispose();
    },
  };
}

export async function organisationId(db: Db, key: string): Promise<number> {
  const row = await db.selectFrom('organisation').select('id').where('key', '=', key).executeTakeFirstOrThrow();
  return row.id;
}

/** A ready user (password already changed) with a bearer token, for API tests. */
export async function userWithToken(
  db: Db,
  spec: { username: string; role: string; organisation: string | null; password?: string },
): Promise<{ id: number; token: string; password: string }> {
  const password = spec.password ?? 'Testpass2026';
  const { user } = await createUser(db, SYSTEM_ACTOR, {
    username: spec.username,
    displayName: spec.username,
    role: spec.role,
    organisationId: spec.organisation === null ? null : await organisationId(db, spec.organisation),
    password,
  });
  await db.updateTable('app_user').set({ must_change_password: false }).where('id', '=', user.id).execute();
  const { token } = await createApiToken(db, user.id, 'test', null);
  return { id: user.id, token, password };
}

import { resolve } from 'node:path';

/** Database tests run on PGlite unless QINGSHAN_TEST_DB=postgres. */
export function testDatabaseKind(): 'pglite' | 'postgres' {
  return process.env.QINGSHAN_TEST_DB === 'postgres' ? 'postgres' : 'pglite';
}

export const PG_ADMIN_URL = process.env.QINGSHAN_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const PG_TEMPLATE = 'qingshan_test_template';
export const PGLITE_TEMPLATE = resolve('.tmp/pglite-template');

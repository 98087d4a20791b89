import { defineConfig } from 'vitest/config';

// Three projects: pure functions, database tests (PGlite by default, PostgreSQL with
// QINGSHAN_TEST_DB=postgres), and end-to-end tests in Chromium.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['**/*.db.test.ts', 'test/e2e/**', '**/node_modules/**'],
        },
      },
      {
        test: {
          name: 'db',
          include: ['src/**/*.db.test.ts', 'test/**/*.db.test.ts'],
          globalSetup: ['test/support/db-global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          pool: 'forks',
          // One process runs file after file: its modules are loaded once, and PGlite's WebAssembly is compiled
          // once, not again for every file (docs/BENCHMARKS.md, "The test run"). Every file opens its own store.
          isolate: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          // The page answers within the same 20 s Playwright's own waits allow; vitest's default of 1 s
          // failed the supervision walk-through on a loaded CI machine.
          expect: { poll: { timeout: 20_000 } },
        },
      },
    ],
  },
});

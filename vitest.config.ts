import { defineConfig } from 'vitest/config';

// Three projects: pure functions, database tests (PGlite by default, PostgreSQL with
// QINGSHAN_TEST_DB=postgres), and end-to-end tests in Chromium.
export default defineConfig({
  test: {
    // Two workers shared by the three projects, so end-to-end files run beside the database files and not
    // after them. With one (vitest's default on two cores) and e2e in a sequential group of its own, a CI
    // run left a core idle for 15 of its 20 minutes (docs/BENCHMARKS.md, "The test run"). Every file has
    // its own server, data folder and browser, so files of a project do not share anything that matters.
    maxWorkers: 2,
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
          // A worker runs file after file: its modules are loaded once, and PGlite's WebAssembly is compiled
          // once per worker, not again for every file (docs/BENCHMARKS.md, "The test run"). Every file opens its own store.
          isolate: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          // The page answers within the same 20 s Playwright's own waits allow; vitest's default of 1 s
          // failed the supervision walk-through on a loaded CI machine.
          expect: { poll: { timeout: 20_000 } },
        },
      },
    ],
  },
});

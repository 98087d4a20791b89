import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, ENVIRONMENT, loadConfig } from '../src/config/index.ts';

describe('configuration', () => {
  it('documents every environment variable the platform reads in the README table', () => {
    const readme = readFileSync('README.md', 'utf8');
    const documented = [...readme.matchAll(/^\| `([A-Z_]+)` \|/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual(Object.keys(ENVIRONMENT).sort());
  });

  it('defaults to PGlite in ./data on port 8080, and to PostgreSQL with DATABASE_URL', () => {
    const embedded = loadConfig({});
    expect(embedded.storage).toMatchObject({ kind: 'pglite', dataDir: expect.stringMatching(/\/data$/) });
    expect(embedded.port).toBe(8080);
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).storage).toEqual({ kind: 'postgres', url: 'postgres://u@h/db' });
  });

  it('refuses invalid values with a message naming the variable', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT=70000/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
    expect(() => loadConfig({ QINGSHAN_COOKIE_SECURE: 'maybe' })).toThrow(/QINGSHAN_COOKIE_SECURE/);
  });
});

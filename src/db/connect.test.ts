import { describe, expect, it } from 'vitest';
import { checkServer, StorageError } from './connect.ts';

describe('checkServer', () => {
  it('names the Debian package when PostGIS is missing', () => {
    expect(() => checkServer({ available: false, major: 16 }, 'db:5432/x')).toThrow(StorageError);
    expect(() => checkServer({ available: false, major: 16 }, 'db:5432/x')).toThrow(/apt-get install postgresql-16-postgis-3/);
  });
  it('refuses servers older than PostgreSQL 15 and accepts 15 with PostGIS', () => {
    expect(() => checkServer({ available: true, major: 14 }, 'x')).toThrow(/≥ 15/);
    expect(() => checkServer({ available: true, major: 15 }, 'x')).not.toThrow();
  });
});

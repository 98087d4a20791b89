import { describe, expect, it } from 'vitest';
import { checkServer, StorageError } from './connect.ts';

describe('checkServer', () => {
  it('names the Debian package when PostGIS is missing', () => {
    expect(() => checkServer({ available: false, contrib: true, major: 16 }, 'db:5432/x')).toThrow(StorageError);
    expect(() => checkServer({ available: false, contrib: true, major: 16 }, 'db:5432/x')).toThrow(/apt-get install postgresql-16-postgis-3/);
  });
  it('refuses servers older than PostgreSQL 15 and accepts 15 with PostGIS', () => {
    expect(() => checkServer({ available: true, contrib: true, major: 14 }, 'x')).toThrow(/≥ 15/);
    expect(() => checkServer({ available: true, contrib: true, major: 15 }, 'x')).not.toThrow();
  });
  it('names the package when btree_gist (contrib) is missing', () => {
    expect(() => checkServer({ available: true, contrib: false, major: 15 }, 'db:5432/x')).toThrow(/btree_gist.*postgresql-15/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStorage } from '../../src/db/connect.ts';
import { seededTestLocation } from '../support/db.ts';
import { runCli } from '../support/cli.ts';

let location: Awaited<ReturnType<typeof seededTestLocation>>;

beforeAll(async () => {
  location = await seededTestLocation();
});

afterAll(async () => {
  await location?.dispose();
});

describe('qingshan gateway device', () => {
  it('registers a device with its password from standard input, hashed, and lists it', async () => {
    const added = await runCli(['gateway', 'device', 'add', '--mn', 'QSCLI0001', '--site', 'BZ-AIR-NBYQ'], location.env, 'pw4321\n');
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain('QSCLI0001');
    expect(added.stdout + added.stderr).not.toContain('pw4321');

    const again = await runCli(['gateway', 'device', 'add', '--mn', 'QSCLI0001', '--site', 'BZ-AIR-NBYQ'], location.env, 'pw4321\n');
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('已登记');

    const listed = await runCli(['gateway', 'device', 'list'], location.env);
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toMatch(/^QSCLI0001\tBZ-AIR-NBYQ\t22\t-\t-\tactive$/m);

    const storage = await openStorage(location.storage);
    try {
      const row = await storage.db.selectFrom('gateway_device').select('password_hash').where('mn', '=', 'QSCLI0001').executeTakeFirstOrThrow();
      expect(row.password_hash).toMatch(/^scrypt\$/);
      expect(row.password_hash).not.toContain('pw4321');
    } finally {
      await storage.close();
    }
  });

  it('refuses a site that is not an air station', async () => {
    const refused = await runCli(['gateway', 'device', 'add', '--mn', 'QSCLI0002', '--site', 'NO-SUCH-SITE'], location.env, 'x\n');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('未登记');
  });
});

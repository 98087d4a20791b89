import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { verifyAudit } from '../../src/audit/store.ts';
import { startTestApp, userWithToken, organisationId, type TestApp } from '../support/app.ts';

let t: TestApp;
let adminToken: string;

beforeEach(async () => {
  t = await startTestApp();
  adminToken = (await userWithToken(t.db, { username: 'auditor', role: 'admin', organisation: 'bazhong' })).token;
});
afterEach(async () => t?.close());

const asAdmin = () => ({ authorization: `Bearer ${adminToken}` });

async function renameOrganisation(name: string) {
  const id = await organisationId(t.db, 'tongjiang');
  const response = await t.app.inject({ method: 'PATCH', url: `/api/organisations/${id}`, headers: asAdmin(), payload: { note: name } });
  expect(response.statusCode).toBe(200);
  return id;
}

describe('audit trail', () => {
  it('records who changed what, from where, before and after, and shows the record’s history', async () => {
    const id = await renameOrganisation('第一次备注');
    const history = await t.app.inject({ method: 'GET', url: `/api/audit?entity=organisation&entityId=${id}`, headers: asAdmin() });
    const entries = history.json().items as { action: string; actorName: string; ip: string; before: { note: string | null }; after: { note: string } }[];
    expect(entries[0]).toMatchObject({ action: 'update', actorName: 'auditor', ip: '127.0.0.1', before: { note: null }, after: { note: '第一次备注' } });
    expect(entries.at(-1)).toMatchObject({ action: 'create', actorName: 'system' });
  });

  it('refuses UPDATE and DELETE of entries through SQL', async () => {
    await expect(sql`UPDATE audit_entry SET actor_name = 'mallory' WHERE id = 1`.execute(t.db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_entry WHERE id = 1`.execute(t.db)).rejects.toThrow(/append-only/);
  });

  it('detects an entry edited directly in SQL, naming the first broken entry', async () => {
    await renameOrganisation('原始');
    expect((await t.app.inject({ method: 'GET', url: '/api/audit/verify', headers: asAdmin() })).json()).toMatchObject({ intact: true });
    const { rows } = await sql<{ id: number }>`SELECT id FROM audit_entry WHERE action = 'update' ORDER BY id DESC LIMIT 1`.execute(t.db);
    const tampered = Number(rows[0]!.id);
    await sql`ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_no_update`.execute(t.db);
    await sql`UPDATE audit_entry SET after = '{"note":"篡改"}'::jsonb WHERE id = ${tampered}`.execute(t.db);
    await sql`ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_no_update`.execute(t.db);
    const result = (await t.app.inject({ method: 'GET', url: '/api/audit/verify', headers: asAdmin() })).json();
    expect(result.intact).toBe(false);
    expect(result.firstBroken.id).toBe(tampered);
    expect(result.firstBroken.reason).toContain('altered');
  });

  it('detects deleted trailing entries through the chain head', async () => {
    await renameOrganisation('一');
    await renameOrganisation('二');
    await sql`ALTER TABLE audit_entry DISABLE TRIGGER audit_entry_no_update`.execute(t.db);
    await sql`DELETE FROM audit_entry WHERE id = (SELECT max(id) FROM audit_entry)`.execute(t.db);
    await sql`ALTER TABLE audit_entry ENABLE TRIGGER audit_entry_no_update`.execute(t.db);
    const result = await verifyAudit(t.db);
    expect(result.intact).toBe(false);
    expect(result.firstBroken?.reason).toContain('trailing entries deleted');
  });

  it('keeps ids consecutive under concurrent changes', async () => {
    await Promise.all(Array.from({ length: 8 }, (_, i) => renameOrganisation(`并发${i}`)));
    expect(await verifyAudit(t.db)).toMatchObject({ intact: true });
  });

  it('never writes a password hash into the trail', async () => {
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_entry WHERE before::text LIKE '%argon2%' OR after::text LIKE '%argon2%'`.execute(t.db);
    expect(rows[0]!.n).toBe(0);
    const { rows: users } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_entry WHERE entity = 'user' AND action = 'create'`.execute(t.db);
    expect(users[0]!.n).toBeGreaterThan(0);
  });
});

// 我的待办 shows the open exceedance events a user answers for and has not acknowledged, beside the
// task groups; each opens its enterprise. The event is written into the store before the server starts:
// the HJ 212 gateway that raises events is off in end-to-end runs, and the way from the wire to an event
// is tested in test/gateway/outlet-exceedance.db.test.ts.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/audit/store.ts';
import { createEnterprise, createLimit, createOutlet } from '../../src/emissions/service.ts';
import { createUser, openSession, organisationId, type E2eSession } from './support.ts';

const HOUR_MS = 3_600_000;
const ENTERPRISE = '巴中青山水泥有限公司';

let session: E2eSession | undefined;
let page: Page;

describe('我的待办: exceedance events', () => {
  beforeAll(async () => {
    session = await openSession({
      adminPassword: 'Qingshan2026inbox',
      shots: { prefix: 'task-inbox-exceedances-' },
      server: {
        prepare: async (db) => {
          const bazhou = await db.selectFrom('organisation').select('id').where('key', '=', 'bazhou').executeTakeFirstOrThrow();
          const enterprise = await createEnterprise(db, SYSTEM_ACTOR, { name: ENTERPRISE, districtId: bazhou.id });
          const outlet = await createOutlet(db, SYSTEM_ACTOR, enterprise.id, { code: 'DA001', name: '窑尾烟囱', medium: 'gas' });
          const limit = await createLimit(db, SYSTEM_ACTOR, outlet.id, { factorCode: 'a34013', limitValue: 20, unit: 'mg/m³', standard: 'GB 4915-2013', clause: '表1' });
          const start = Math.floor(Date.now() / HOUR_MS) * HOUR_MS - 5 * HOUR_MS;
          await db
            .insertInto('emission_exceedance')
            .values({
              outlet_id: outlet.id,
              limit_id: limit.id,
              factor_code: 'a34013',
              started_at: new Date(start),
              ended_at: new Date(start + 3 * HOUR_MS),
              periods: 3,
              peak_value: '31.5',
              limit_value: '20',
              standard: 'GB 4915-2013',
            })
            .execute();
        },
      },
    });
    page = session.page;
  });

  afterAll(() => session?.close());

  it('lists an open event for the coordinator, and opens its enterprise', async () => {
    const { baseUrl, token } = session!;
    const oneTime = await createUser(baseUrl, token, {
      username: 'inbox-coordinator',
      displayName: '市环委办 值班员',
      role: 'coordinator',
      organisationId: await organisationId(baseUrl, token, '市环委办', 'shi-huanweiban'),
    });
    await session!.login('inbox-coordinator', oneTime, /\/change-password$/);
    await session!.changePassword(oneTime, 'Qingshan2026duty');
    await page.goto(`${baseUrl}/tasks/inbox`);
    await page.getByTestId('task-inbox').waitFor();
    const card = page.getByTestId('emissions-inbox');
    await card.waitFor();
    expect(await card.textContent()).toContain('待确认的超标事件（1）');
    const item = card.getByTestId('emissions-inbox-item');
    expect(await item.textContent()).toContain(`${ENTERPRISE} · DA001 · a34013`);
    expect(await item.textContent()).toContain('最大 31.5 mg/m³，限值 20 mg/m³');
    await session!.snap('inbox');
    await item.getByRole('link').click();
    await page.waitForURL(/\/emissions\/enterprises\/\d+$/);
    await expect.poll(() => page.getByTestId('enterprise-name').textContent()).toBe(ENTERPRISE);
  });
});

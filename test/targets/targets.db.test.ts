// 目标指标 through the API: the seeded indicators, entering a value, its review and approval, the
// scorecard changing with it, the province's figure for a 完成省考核目标 target, and who may do what.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedPath } from '../../src/orgs/seed.ts';
import type { IndicatorSeed } from '../../src/targets/model.ts';
import { organisationId, startTestApp, userWithToken, type TestApp } from '../support/app.ts';

let t: TestApp;
const tokens: Record<string, string> = {};
const as = (who: string) => ({ authorization: `Bearer ${tokens[who]}` });
const seed = JSON.parse(readFileSync(seedPath('bazhong', 'indicators.json'), 'utf8')) as { indicators: IndicatorSeed[] };

type Row = { target: { id: number; doc: string; year: number; targetAsWritten: string }; indicator: { key: string }; assessment: { status: string; reasonsText: string[] } };

async function scorecard(doc: string): Promise<Row[]> {
  const response = await t.app.inject({ method: 'GET', url: `/api/targets/scorecard?doc=${doc}`, headers: as('leader') });
  expect(response.statusCode, response.body).toBe(200);
  return (response.json().groups as { rows: Row[] }[]).flatMap((g) => g.rows);
}

const enter = (who: string, key: string, body: Record<string, unknown>) => t.app.inject({ method: 'POST', url: `/api/indicators/${key}/values`, headers: as(who), payload: body });
const move = (who: string, id: number, action: string, reason?: string) =>
  t.app.inject({ method: 'POST', url: `/api/indicator-values/${id}/transitions`, headers: as(who), payload: { action, reason } });

beforeAll(async () => {
  t = await startTestApp();
  const users: [string, string, string | null][] = [
    ['eeb', 'unit_user', 'shi-shengtaihuanjing-ju'], // 牵头单位 of 优良天数比例 (000 第11行, 002 (八))
    ['eeb2', 'unit_user', 'shi-shengtaihuanjing-ju'],
    ['water', 'unit_user', 'shi-shuili-ju'], // 责任单位 of 000 第11行
    ['bank', 'unit_user', 'renhang-bazhong'], // named by no air target
    ['bazhou', 'district_user', 'bazhou'], // 各区县党委和人民政府 are 责任单位 of 000 第11行
    ['coordinator', 'coordinator', 'shi-huanweiban'],
    ['leader', 'leader', 'bazhong'],
    ['inspector', 'grid_inspector', 'bazhou'],
    ['enterprise', 'enterprise_user', null],
    ['admin', 'admin', 'bazhong'],
  ];
  for (const [name, role, org] of users) tokens[name] = (await userWithToken(t.db, { username: `tg-${name}`, role, organisation: org })).token;
});
afterAll(async () => t?.close());

describe('the seeded indicators', () => {
  it('holds every indicator and target of the seed, each with its document and clause', async () => {
    const indicators = await t.db.selectFrom('indicator').select('key').execute();
    expect(indicators.map((i) => i.key).sort()).toEqual(seed.indicators.map((i) => i.key).sort());
    const targets = await t.db.selectFrom('indicator_target').select(['doc', 'clause']).execute();
    expect(targets).toHaveLength(seed.indicators.reduce((n, i) => n + i.targets.length, 0));
    for (const doc of ['000', '001', '002', '003', '004']) {
      expect((await scorecard(doc)).length).toBe(seed.indicators.flatMap((i) => i.targets).filter((x) => x.placement.doc === doc).length);
    }
  });

  it('resolves the units of 附件2 第11行 to organisations, collectives to every district', async () => {
    const units = await t.db
      .selectFrom('indicator_target_unit as u')
      .innerJoin('indicator_target as t', 't.id', 'u.target_id')
      .innerJoin('organisation as o', 'o.id', 'u.organisation_id')
      .select(['u.role', 'o.key', 'o.kind'])
      .where('t.doc', '=', '000')
      .where('t.row_number', '=', 11)
      .where('t.sub', '=', 1)
      .execute();
    expect(units.filter((u) => u.role === 'lead').map((u) => u.key)).toEqual(['shi-shengtaihuanjing-ju']);
    expect(units.filter((u) => u.kind === 'district').map((u) => u.key)).toEqual(expect.arrayContaining(['bazhou', 'enyang', 'tongjiang', 'nanjiang', 'pingchang']));
  });

  it('says 无数据 with its reason before any value is approved', async () => {
    const row = (await scorecard('002')).find((r) => r.indicator.key === 'air-good-days-ratio')!;
    expect(row.assessment.status).toBe('no_data');
    expect(row.assessment.reasonsText.join('')).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('a value from entry to approval', () => {
  let draft: number;

  it('lets the lead unit enter a city value, refuses a second one for the same year, and checks the input', async () => {
    const first = await enter('eeb', 'air-good-days-ratio', { year: 2025, value: 98.1, source: '2025年巴中市生态环境状况公报' });
    expect(first.statusCode, first.body).toBe(201);
    draft = first.json().id;
    expect((await enter('eeb2', 'air-good-days-ratio', { year: 2025, value: 97, source: '重复' })).statusCode).toBe(409);
    const missing = await enter('eeb', 'air-good-days-ratio', { year: 2024, source: '缺数值' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().errors[0].field).toBe('value');
    const badPeriod = await enter('eeb', 'air-good-days-ratio', { year: 2024, period: 'Q5', value: 90, source: 'x' });
    expect(badPeriod.statusCode).toBe(400);
  });

  it('keeps units to their own indicators and scopes', async () => {
    expect((await enter('bank', 'air-good-days-ratio', { year: 2024, value: 96, source: 'x' })).statusCode).toBe(403);
    expect((await enter('inspector', 'air-good-days-ratio', { year: 2024, value: 96, source: 'x' })).statusCode).toBe(403);
    expect((await enter('enterprise', 'air-good-days-ratio', { year: 2024, value: 96, source: 'x' })).statusCode).toBe(403);
    const city = await organisationId(t.db, 'bazhong');
    const wrongScope = await enter('bazhou', 'air-good-days-ratio', { year: 2025, scopeId: city, value: 99, source: 'x' });
    expect(wrongScope.statusCode).toBe(400);
    const own = await enter('bazhou', 'air-good-days-ratio', { year: 2025, value: 99.2, source: '巴州区监测站' });
    expect(own.statusCode, own.body).toBe(201);
    expect((await t.app.inject({ method: 'GET', url: '/api/indicators/air-good-days-ratio' })).statusCode).toBe(401);
  });

  it('is submitted by its unit, never approved by the one who entered it, returned only with a reason, then approved', async () => {
    expect((await move('leader', draft, 'submit')).statusCode).toBe(403);
    expect((await move('eeb', draft, 'submit')).json()).toEqual({ state: 'submitted' });
    const self = await move('eeb', draft, 'approve');
    expect(self.statusCode).toBe(403);
    expect(self.json().title).toBe('不能审核本人填报的数值');
    expect((await move('water', draft, 'approve')).statusCode).toBe(403);
    expect((await move('coordinator', draft, 'return')).statusCode).toBe(409);
    expect((await move('coordinator', draft, 'return', '请附上公报页码')).json()).toEqual({ state: 'returned' });
    const edited = await t.app.inject({ method: 'PATCH', url: `/api/indicator-values/${draft}`, headers: as('eeb'), payload: { source: '2025年巴中市生态环境状况公报 第3页' } });
    expect(edited.json()).toEqual({ state: 'returned' });
    expect((await move('eeb', draft, 'submit')).json()).toEqual({ state: 'submitted' });
    expect((await move('eeb2', draft, 'approve')).json()).toEqual({ state: 'approved' });
  });

  it('turns the 002 target 已达标 and keeps the approved value locked', async () => {
    const row = (await scorecard('002')).find((r) => r.indicator.key === 'air-good-days-ratio')!;
    expect(row.assessment.status).toBe('met');
    expect(row.assessment.reasonsText.join('')).toContain('98.1');
    const noReason = await t.app.inject({ method: 'PATCH', url: `/api/indicator-values/${draft}`, headers: as('eeb'), payload: { value: 96.0 } });
    expect(noReason.statusCode).toBe(409);
    const amended = await t.app.inject({ method: 'PATCH', url: `/api/indicator-values/${draft}`, headers: as('eeb'), payload: { value: 96.0, reason: '省厅核定数据更正' } });
    expect(amended.json()).toEqual({ state: 'submitted' });
    const back = (await scorecard('002')).find((r) => r.indicator.key === 'air-good-days-ratio')!;
    expect(back.assessment.status).toBe('no_data');
    const detail = (await t.app.inject({ method: 'GET', url: '/api/indicators/air-good-days-ratio', headers: as('eeb') })).json();
    const value = detail.values.find((v: { id: number }) => v.id === draft);
    expect(value.events.map((e: { action: string }) => e.action)).toEqual(['enter', 'submit', 'return', 'edit', 'submit', 'approve', 'amend']);
    expect(value.events.at(-1).reason).toBe('省厅核定数据更正');
    expect(detail.standing).toMatchObject({ enters: true, reviews: true, manages: false });
    const audit = await t.db.selectFrom('audit_entry').select('action').where('entity', '=', 'indicator_value').where('entity_id', '=', String(draft)).execute();
    expect(audit.length).toBe(7);
  });
});

describe('evidence of a value', () => {
  const pdf = Buffer.from('%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');
  const upload = (who: string, id: number, name: string, content: Buffer) => {
    const boundary = '----qingshan-targets';
    const payload = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
      content,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    return t.app.inject({ method: 'POST', url: `/api/indicator-values/${id}/evidence`, headers: { ...as(who), 'content-type': `multipart/form-data; boundary=${boundary}` }, payload });
  };

  it('is uploaded by the entering unit while the value is open, checked by content, and downloadable', async () => {
    const entered = await enter('eeb', 'pm25-concentration', { year: 2025, value: 26.3, source: '2025年环境质量公报' });
    expect(entered.statusCode, entered.body).toBe(201);
    const id = entered.json().id as number;
    expect((await upload('bank', id, '公报.pdf', pdf)).statusCode).toBe(403);
    const disguised = await upload('eeb', id, '公报.jpg', pdf);
    expect(disguised.statusCode).toBe(400);
    const ok = await upload('eeb', id, '公报.pdf', pdf);
    expect(ok.statusCode, ok.body).toBe(201);
    const download = await t.app.inject({ method: 'GET', url: `/api/indicator-evidence/${ok.json().id}`, headers: as('leader') });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(pdf)).toBe(true);
    expect((await move('eeb', id, 'submit')).json()).toEqual({ state: 'submitted' });
    expect((await upload('eeb', id, '补充.pdf', pdf)).statusCode).toBe(409);
    const detail = (await t.app.inject({ method: 'GET', url: '/api/indicators/pm25-concentration', headers: as('leader') })).json();
    expect(detail.values.find((v: { id: number }) => v.id === id).evidence[0]).toMatchObject({ fileName: '公报.pdf', sha256: ok.json().sha256 });
  });
});

describe('targets the province sets', () => {
  it('judges 完成省考核目标 against the figure the coordinator enters for the year', async () => {
    const target = (await scorecard('001')).find((r) => r.indicator.key === 'air-good-days-ratio')!;
    expect(target.assessment.status).toBe('no_data');
    expect(target.assessment.reasonsText.join('')).toContain('尚未录入');
    const url = `/api/indicator-targets/${target.target.id}/figures/2025`;
    expect((await t.app.inject({ method: 'PUT', url, headers: as('eeb'), payload: { value: 95.5, source: '川环委办〔2025〕1号' } })).statusCode).toBe(403);
    const set = await t.app.inject({ method: 'PUT', url, headers: as('coordinator'), payload: { value: 95.5, source: '川环委办〔2025〕1号' } });
    expect(set.statusCode, set.body).toBe(200);
    // Approve the value again (it went back for review when amended) so the city has a 2025 value.
    const detail = (await t.app.inject({ method: 'GET', url: '/api/indicators/air-good-days-ratio', headers: as('eeb') })).json();
    const pending = detail.values.find((v: { state: string; scopeName: string }) => v.state === 'submitted' && v.scopeName === '巴中市');
    expect((await move('coordinator', pending.id, 'approve')).json()).toEqual({ state: 'approved' });
    const after = (await scorecard('001')).find((r) => r.indicator.key === 'air-good-days-ratio')!;
    expect(after.assessment.status).toBe('met');
    const notExternal = (await scorecard('002')).find((r) => r.indicator.key === 'air-good-days-ratio')!;
    const refused = await t.app.inject({ method: 'PUT', url: `/api/indicator-targets/${notExternal.target.id}/figures/2025`, headers: as('coordinator'), payload: { value: 1, source: 'x' } });
    expect(refused.statusCode).toBe(409);
  });
});

describe('the indicator list', () => {
  it('filters by name, alias and document, paginated', async () => {
    const byAlias = (await t.app.inject({ method: 'GET', url: `/api/indicators?q=${encodeURIComponent('优良天数比率')}`, headers: as('leader') })).json();
    expect(byAlias.items.map((i: { key: string }) => i.key)).toContain('air-good-days-ratio');
    const page = (await t.app.inject({ method: 'GET', url: '/api/indicators?doc=001&pageSize=10&page=2', headers: as('leader') })).json();
    expect(page.items).toHaveLength(10);
    expect(page.total).toBe(new Set(seed.indicators.filter((i) => i.targets.some((x) => x.placement.doc === '001')).map((i) => i.key)).size);
    expect((await t.app.inject({ method: 'GET', url: '/api/indicators/no-such-thing', headers: as('leader') })).statusCode).toBe(404);
  });
});

// Where an indicator's values come from, through the API: 004's 整改完成率 computed from the states of
// the campaign's sub-items in 任务督办, monitoring bindings pending with entered values in force, 单位GDP能耗
// derived by its formula from its operands' approved values, the as-of year, and district reasons as codes.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../src/audit/store.ts';
import { describeAssessment, type AssessmentReason } from '../../src/targets/assess.ts';
import { IndicatorImportRefused, importIndicators } from '../../src/targets/import.ts';
import type { IndicatorSeed } from '../../src/targets/model.ts';
import { readCollectives } from '../../src/tasks/seed.ts';
import { organisationId, startTestApp, userWithToken, type TestApp } from '../support/app.ts';

let t: TestApp;
const tokens: Record<string, string> = {};
const as = (who: string) => ({ authorization: `Bearer ${tokens[who]}` });
const get = async (url: string, who = 'leader') => {
  const response = await t.app.inject({ method: 'GET', url, headers: as(who) });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};
const enter = (who: string, key: string, body: Record<string, unknown>) => t.app.inject({ method: 'POST', url: `/api/indicators/${key}/values`, headers: as(who), payload: body });
const move = (who: string, id: number, action: string) => t.app.inject({ method: 'POST', url: `/api/indicator-values/${id}/transitions`, headers: as(who), payload: { action } });

/** Enters a value, submits it and has another user approve it. */
async function approved(enterer: string, approver: string, key: string, body: Record<string, unknown>): Promise<number> {
  const entered = await enter(enterer, key, body);
  expect(entered.statusCode, entered.body).toBe(201);
  const id = entered.json().id as number;
  expect((await move(enterer, id, 'submit')).json()).toEqual({ state: 'submitted' });
  expect((await move(approver, id, 'approve')).json()).toEqual({ state: 'approved' });
  return id;
}

beforeAll(async () => {
  t = await startTestApp();
  const users: [string, string, string | null][] = [
    ['coordinator', 'coordinator', 'shi-huanweiban'],
    ['coordinator2', 'coordinator', 'shi-huanweiban'],
    ['eeb', 'unit_user', 'shi-shengtaihuanjing-ju'],
    ['eeb2', 'unit_user', 'shi-shengtaihuanjing-ju'],
    ['bazhou', 'district_user', 'bazhou'],
    ['leader', 'leader', 'bazhong'],
  ];
  for (const [name, role, org] of users) tokens[name] = (await userWithToken(t.db, { username: `src-${name}`, role, organisation: org })).token;
});
afterAll(async () => t?.close());

describe('整改完成率 bound to 任务督办 (004 任务清单 十 措施1)', () => {
  const key = 'rectification-rate-high-energy-projects';
  let measure: { id: number; list_id: number };
  const children: number[] = [];

  /** A problem of the campaign's ledger, entered on `created` as a sub-item of 措施1. */
  async function problem(ref: string, created: string): Promise<number> {
    const row = await t.db
      .insertInto('task_item')
      .values({
        list_id: measure.list_id,
        parent_id: measure.id,
        position: children.length + 1,
        ref,
        title: `问题${ref}`,
        text: `问题${ref}`,
        clause: '任务清单 十 措施1',
        deadline_kind: 'none',
        created_at: new Date(`${created}T10:00:00+08:00`),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    children.push(row.id);
    return row.id;
  }

  /** A change of state recorded on a day, as the tasks workflow records it. */
  async function transition(item: number, from: string, to: string, on: string): Promise<void> {
    await t.db
      .insertInto('task_transition')
      .values({ item_id: item, action: to === 'accepted' ? 'accept' : 'apply', from_state: from, to_state: to, actor_name: 'test', at: new Date(`${on}T10:00:00+08:00`) })
      .execute();
    await t.db.updateTable('task_item').set({ state: to as 'accepted' }).where('id', '=', item).execute();
  }

  beforeAll(async () => {
    const ten = await t.db
      .selectFrom('task_item as i')
      .innerJoin('task_list as l', 'l.id', 'i.list_id')
      .select(['i.id'])
      .where('l.key', '=', '004')
      .where('i.ref', '=', '十')
      .where('i.parent_id', 'is', null)
      .executeTakeFirstOrThrow();
    measure = await t.db.selectFrom('task_item').select(['id', 'list_id']).where('parent_id', '=', ten.id).where('ref', '=', '1').executeTakeFirstOrThrow();
  });

  it('has no value while the campaign has no problems entered', async () => {
    const detail = await get(`/api/indicators/${key}?year=2023`);
    expect(detail.source).toMatchObject({ origin: 'computed', binding: { module: 'tasks', measure: 'accepted_share', status: 'active', itemId: measure.id }, computed: [] });
    expect(detail.targets[0].assessment.status).toBe('no_data');
  });

  it('computes the share 已销号 at each year end from the sub-items and their transitions', async () => {
    const [a, b, c] = [await problem('1', '2022-09-01'), await problem('2', '2022-09-01'), await problem('3', '2022-09-01')];
    await transition(a, 'applied', 'accepted', '2022-11-01');
    await transition(b, 'applied', 'accepted', '2023-05-01');
    await transition(c, 'not_started', 'in_progress', '2023-02-01');

    const detail = await get(`/api/indicators/${key}?year=2023`);
    expect(detail.asOfYear).toBe(2023);
    expect(detail.source.computed).toEqual([
      { year: 2022, period: 'year', value: 33.33, tasks: { items: 3, counted: 1, on: '2022-12-31' } },
      { year: 2023, period: 'year', value: 66.67, tasks: { items: 3, counted: 2, on: '2023-12-31' } },
    ]);
    const target = detail.targets[0];
    expect(target.assessment.status).toBe('not_met');
    expect(target.assessment.reasonsText[0]).toContain('66.67');
    expect(target.latest).toMatchObject({ year: 2023, value: 66.67, origin: 'computed' });
  });

  it('turns 已达标 once the last problem is 已销号 within the year, and nobody enters the rate by hand', async () => {
    await transition(children[2]!, 'applied', 'accepted', '2023-12-20');
    const detail = await get(`/api/indicators/${key}?year=2023`);
    expect(detail.source.computed.at(-1)).toMatchObject({ year: 2023, value: 100 });
    expect(detail.targets[0].assessment.status).toBe('met');
    const scorecard = await get('/api/targets/scorecard?doc=004&year=2023');
    const row = scorecard.groups.flatMap((g: { rows: unknown[] }) => g.rows).find((r: { indicator: { key: string } }) => r.indicator.key === key);
    expect(row.assessment.status).toBe('met');
    const refused = await enter('coordinator', key, { year: 2023, value: 95, source: '手工' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().title).toBe('该指标由任务督办自动计算，不能手工填报');
  });

  it('is refused at import when the bound item is not in its list', async () => {
    const bound: IndicatorSeed = {
      key: 'rectification-rate-nowhere',
      name: '不存在的专项行动整改完成率',
      aliases: [],
      unit: '%',
      direction: 'higher_better',
      baselines: [],
      formula: null,
      binding: { module: 'tasks', measure: 'accepted_share', list: '004', item: ['十', '99'] },
      targets: [
        {
          placement: { doc: '004', clause: '任务清单 十', group: '整改任务清单', row: null, sub: null, nameAsWritten: '整改完成率', targetAsWritten: '整改完成率达到90%以上' },
          year: 2023,
          deadlineText: null,
          target: { kind: 'absolute', comparator: '>=', value: 90 },
          attribute: null,
          lead: [],
          responsible: [],
        },
      ],
    };
    const refused = await importIndicators(t.db, SYSTEM_ACTOR, { city: 'bazhong', indicators: [bound] }, { collectives: readCollectives('bazhong') }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(IndicatorImportRefused);
    expect((refused as IndicatorImportRefused).importProblems).toEqual([{ path: 'indicators[0].binding.item', message: '任务清单「004」中没有事项「十 99」' }]);
  });

  it('is computed as of the year asked: 2022 knows nothing of 2023', async () => {
    const detail = await get(`/api/indicators/${key}?year=2022`);
    expect(detail.source.computed.map((c: { year: number }) => c.year)).toEqual([2022]);
    expect(detail.targets[0].latest).toMatchObject({ year: 2022, value: 33.33 });
    expect(detail.targets[0].assessment.status).not.toBe('met');
  });
});

describe('monitoring bindings without monitoring data', () => {
  it('computes the monitoring measures from the store and, while it holds no data, keeps entered values in force, saying where they came from', async () => {
    const before = await get('/api/indicators/air-good-days-ratio');
    expect(before.source).toMatchObject({ origin: 'entered', binding: { module: 'monitoring', measure: 'air_good_days_ratio', status: 'active' }, computed: [] });
    await approved('eeb', 'eeb2', 'air-good-days-ratio', { year: 2024, value: 97.5, source: '2024年环境质量公报' });
    const after = await get('/api/indicators/air-good-days-ratio');
    const target002 = after.targets.find((x: { target: { doc: string } }) => x.target.doc === '002');
    expect(target002.latest).toMatchObject({ year: 2024, value: 97.5, origin: 'entered' });
    const list = await get(`/api/indicators?q=${encodeURIComponent('优良天数')}`);
    expect(list.items.find((i: { key: string }) => i.key === 'air-good-days-ratio')).toMatchObject({ origin: 'entered', bindingStatus: 'active' });
    for (const key of ['pm25-concentration', 'surface-water-good-ratio', 'urban-drinking-water-source-quality-ratio']) {
      expect((await get(`/api/indicators/${key}`)).source, key).toMatchObject({ origin: 'entered', binding: { module: 'monitoring', status: 'active' }, computed: [] });
    }
  });
});

describe('单位GDP能耗 derived by its formula', () => {
  it('computes each year from the operands’ approved values, shows them, and assesses the derived series', async () => {
    for (const [year, energy, gdp] of [
      [2020, 600, 1000],
      [2024, 540, 1200],
    ] as const) {
      await approved('coordinator', 'coordinator2', 'energy-consumption', { year, value: energy, source: '统计年鉴' });
      await approved('coordinator', 'coordinator2', 'gdp-constant-price', { year, value: gdp, source: '统计年鉴' });
    }
    // A year with only one operand shows the gap instead of a value.
    await approved('coordinator', 'coordinator2', 'energy-consumption', { year: 2023, value: 560, source: '统计年鉴' });

    const detail = await get('/api/indicators/energy-intensity?year=2024');
    expect(detail.source.origin).toBe('derived');
    expect(detail.source.formula).toEqual({
      expression: '{energy-consumption} / {gdp-constant-price}',
      operands: [
        { key: 'energy-consumption', name: '能源消费总量', unit: '万吨标准煤' },
        { key: 'gdp-constant-price', name: '地区生产总值（2020年不变价）', unit: '亿元' },
      ],
    });
    expect(detail.source.computed).toEqual([
      { year: 2020, period: 'year', value: 0.6, operands: [{ key: 'energy-consumption', value: 600 }, { key: 'gdp-constant-price', value: 1000 }] },
      { year: 2023, period: 'year', value: null, operands: [{ key: 'energy-consumption', value: 560 }, { key: 'gdp-constant-price', value: null }], missing: 'operands' },
      { year: 2024, period: 'year', value: 0.45, operands: [{ key: 'energy-consumption', value: 540 }, { key: 'gdp-constant-price', value: 1200 }] },
    ]);
    // 003 （二）: 比2020年下降14.5% by 2025. 0.6 → 0.45 is a fall of 25 %, already more than asked.
    const relative = detail.targets.find((x: { target: { doc: string; target: { kind: string } } }) => x.target.doc === '003' && x.target.target.kind === 'relative');
    expect(relative.assessment.requirement).toMatchObject({ kind: 'change', baseYear: 2020, baseValue: 0.6, change: -14.5 });
    expect(relative.assessment.reasonsText.join('')).toContain('2024年实际 0.45');
    expect(relative.assessment.status).toBe('met');
    expect(relative.latest).toMatchObject({ year: 2024, value: 0.45, origin: 'derived' });

    const refused = await enter('coordinator', 'energy-intensity', { year: 2024, value: 0.5, source: '手工' });
    expect(refused.statusCode).toBe(409);
  });

  it('as of 2023, only the values approved up to 2023 count', async () => {
    const detail = await get('/api/indicators/energy-intensity?year=2023');
    expect(detail.source.computed.map((c: { year: number; value: number | null }) => [c.year, c.value])).toEqual([
      [2020, 0.6],
      [2023, null],
    ]);
  });
});

describe('the as-of year', () => {
  it('is validated: not after this year, an integer in range', async () => {
    const thisYear = Number((await sql<{ y: string }>`SELECT to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYY') AS y`.execute(t.db)).rows[0]!.y);
    for (const url of [`/api/indicators?year=${thisYear + 1}`, `/api/indicators/forest-coverage?year=${thisYear + 1}`, '/api/indicators?year=abc', '/api/targets/scorecard?doc=001&year=1800']) {
      const response = await t.app.inject({ method: 'GET', url, headers: as('leader') });
      expect(response.statusCode, url).toBe(400);
    }
    expect((await get('/api/indicators')).asOfYear).toBe(thisYear);
    expect((await get('/api/indicators/forest-coverage')).asOfYear).toBe(thisYear);
  });

  it('assesses the list as of the year asked', async () => {
    // 森林覆盖率 62 in 2024 misses 001's "> 63" for 2025 only when 2025 is judged; as of 2024 it is at risk.
    await approved('coordinator', 'coordinator2', 'forest-coverage', { year: 2024, value: 62, source: '林草资源公报' });
    await approved('coordinator', 'coordinator2', 'forest-coverage', { year: 2025, value: 62.5, source: '林草资源公报' });
    const row = async (year: number) =>
      (await get(`/api/indicators?q=${encodeURIComponent('森林覆盖率')}&year=${year}`)).items.find((i: { key: string }) => i.key === 'forest-coverage');
    expect((await row(2024)).latest).toMatchObject({ year: 2024, value: 62 });
    expect((await row(2024)).status).toBe('at_risk');
    expect((await row(2025)).latest).toMatchObject({ year: 2025, value: 62.5 });
    expect((await row(2025)).status).toBe('not_met');
  });
});

describe('district assessments', () => {
  it('carry reason codes as the city’s do, with the same words', async () => {
    await approved('bazhou', 'eeb', 'air-good-days-ratio', { year: 2025, value: 99.2, source: '巴州区监测站' });
    const scorecard = await get('/api/targets/scorecard?doc=002&year=2025');
    const row = scorecard.groups.flatMap((g: { rows: unknown[] }) => g.rows).find((r: { indicator: { key: string } }) => r.indicator.key === 'air-good-days-ratio');
    const bazhou = row.districts.find((d: { organisationId: number }) => d.organisationId !== undefined);
    expect(bazhou.organisationId).toBe(await organisationId(t.db, 'bazhou'));
    expect(bazhou.status).toBe('met');
    expect(bazhou.reasons[0]).toMatchObject({ code: 'target_year_met', year: 2025, value: 99.2 });
    expect(bazhou.reasonsText).toEqual(bazhou.reasons.map((r: AssessmentReason) => describeAssessment(r)));
  });
});

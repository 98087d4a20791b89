import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { cityToday } from '../../src/tasks/service.ts';
import { startTestApp, userWithToken, type TestApp } from '../support/app.ts';

let t: TestApp;
const tokens: Record<string, string> = {};
const ids: Record<string, number> = {};

const as = (who: string) => ({ authorization: `Bearer ${tokens[who]}` });
const get = (who: string, url: string) => t.app.inject({ method: 'GET', url, headers: as(who) });

interface Series {
  planned: (number | null)[];
  reported: (number | null)[];
  reports: number;
  current: { year: number; planned: number | null; reported: number | null; gap: number | null; percent: number | null };
}
interface District extends Series {
  organisationId: number | null;
  organisationName: string | null;
  writtenAs: string | null;
}
interface Subject {
  subject: string;
  unit: string | null;
  cumulative: boolean;
  years: number[];
  districts: District[];
  total: Series | null;
}
interface Entry {
  id: number;
  listKey: string;
  ref: string;
  parentRef: string | null;
  due: string | null;
  daysLeft: number | null;
  deadlineKind: string;
  colour: string;
  state: string;
}
interface TimelineBody {
  items: Entry[];
  total: number;
  page: number;
  pageSize: number;
  ongoing: Entry[];
  undated: number;
  months: { month: string; red: number; yellow: number; green: number }[];
}

async function progress(id: number): Promise<Subject[]> {
  const response = await get('leader', `/api/tasks/items/${id}/milestone-progress`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().subjects;
}

const subjectOf = (subjects: Subject[], name: string) => subjects.find((s) => s.subject === name)!;
const districtOf = (subject: Subject, name: string) => subject.districts.find((d) => d.organisationName === name)!;

/** The milestone of 004 六 measure `ref` for a district and subject, to report against. */
async function milestoneId(measure: string, district: string, subject: string): Promise<number> {
  const { rows } = await sql<{ id: number }>`
    SELECT m.id FROM task_milestone m JOIN organisation o ON o.id = m.organisation_id
    WHERE m.item_id = ${ids[measure]!} AND o.name = ${district} AND m.subject = ${subject}`.execute(t.db);
  return rows[0]!.id;
}

beforeAll(async () => {
  t = await startTestApp();
  const { rows } = await sql<{ id: number; ref: string; parent_ref: string | null }>`
    SELECT i.id, i.ref, p.ref AS parent_ref FROM task_item i JOIN task_list l ON l.id = i.list_id LEFT JOIN task_item p ON p.id = i.parent_id
    WHERE l.key = '004' AND (i.ref IN ('六', '八', '九') AND i.parent_id IS NULL OR p.ref IN ('六', '九') AND p.parent_id IS NULL)`.execute(t.db);
  for (const row of rows) ids[row.parent_ref ? `${row.parent_ref}.${row.ref}` : row.ref] = row.id;
  for (const [name, role, org] of [
    ['leader', 'leader', 'bazhong'],
    ['bazhou', 'district_user', 'bazhou'],
    ['tongjiang', 'district_user', 'tongjiang'],
  ] as const) {
    tokens[name] = (await userWithToken(t.db, { username: `charts-${name}`, role, organisation: org })).token;
  }
});
afterAll(async () => t?.close());

describe('GET /api/tasks/items/:id/milestone-progress', () => {
  it('gathers 004 六 year by year from its measures: the totals the document states for the city', async () => {
    const subjects = await progress(ids['六']!);
    expect(subjects.map((s) => s.subject)).toEqual(['新改建排水管网', '排水管网系统化排查检测']);
    const pipes = subjectOf(subjects, '新改建排水管网');
    expect(pipes).toMatchObject({ unit: 'km', cumulative: true, years: [2021, 2022, 2023, 2024, 2025] });
    // 004 六 1, 3, 5, 7, 9: 全市 55, 145, 290, 310, 330 公里
    expect(pipes.total!.planned).toEqual([55, 145, 290, 310, 330]);
    expect(subjectOf(subjects, '排水管网系统化排查检测').total!.planned).toEqual([26, 340, 680, 710, 740]);
    // 巴州区 20 → 46.5 → 97, then 97 to 2025; 南江县 first in 2024
    expect(districtOf(pipes, '巴州区').planned).toEqual([20, 46.5, 97, 97, 97]);
    expect(districtOf(pipes, '南江县').planned).toEqual([null, null, null, 5, 10]);
    // 市本级 is the city's own part; the districts as the 2025 measure lists them
    expect(pipes.districts.map((d) => d.writtenAs)).toEqual(['市本级', '巴州区', '恩阳区', '南江县', '通江县', '平昌县', '巴中经开区']);
    expect(pipes.districts.every((d) => d.reported.every((r) => r === null) && d.reports === 0)).toBe(true);
  });

  it('adds up per-year quantities: 九 1 sets 8 农药经营示范门店 in 2022', async () => {
    const shops = subjectOf(await progress(ids['九.1']!), '四川省农药经营示范门店');
    expect(shops).toMatchObject({ unit: '家', cumulative: false, years: [2022] });
    expect(shops.total!.planned).toEqual([8]);
  });

  it('shows a quantity reported through the report API in the reported series', async () => {
    const currentYear = Number(cityToday().slice(0, 4));
    const file = (who: string, measure: string, body: object) =>
      t.app.inject({ method: 'POST', url: `/api/tasks/items/${ids[measure]}/reports`, headers: as(who), payload: body });

    // A report without a milestone says nothing about quantities.
    expect((await file('bazhou', '六.3', { text: '管网建设推进中' })).statusCode).toBe(201);
    expect(districtOf(subjectOf(await progress(ids['六']!), '新改建排水管网'), '巴州区').reports).toBe(0);

    const km2021 = await milestoneId('六.1', '巴州区', '新改建排水管网');
    const km2022 = await milestoneId('六.3', '巴州区', '新改建排水管网');
    for (const [measure, milestone, quantity] of [
      ['六.1', km2021, 19],
      ['六.3', km2022, 40],
      ['六.3', km2022, 44.5],
    ] as const) {
      const filed = await file('bazhou', measure, { text: `累计完成 ${quantity} 公里`, milestoneId: milestone, quantity });
      expect(filed.statusCode, filed.body).toBe(201);
    }
    // Another district's report goes into its own row only.
    const tongjiang2022 = await milestoneId('六.3', '通江县', '新改建排水管网');
    expect((await file('tongjiang', '六.3', { text: '通江县累计 50 公里', milestoneId: tongjiang2022, quantity: 50 })).statusCode).toBe(201);

    const pipes = subjectOf(await progress(ids['六']!), '新改建排水管网');
    const bazhou = districtOf(pipes, '巴州区');
    // Filed now, each counts in the year of the milestone it answers; the latest report of a year counts.
    expect(bazhou.reported).toEqual([19, 44.5, 44.5, 44.5, 44.5].map((v, i) => (2021 + i <= currentYear ? v : null)));
    expect(bazhou.reports).toBe(3);
    expect(bazhou.current).toEqual({ year: currentYear, planned: 97, reported: 44.5, gap: 52.5, percent: 45.9 });
    expect(districtOf(pipes, '通江县').reported.slice(0, 2)).toEqual([null, 50]);
    expect(districtOf(pipes, '平昌县').reported.every((r) => r === null)).toBe(true);
    expect(pipes.total!.reported.slice(0, 2)).toEqual([19, 94.5]);
    expect(pipes.total!.current).toMatchObject({ planned: 330, reported: 94.5, gap: 235.5 });

    // The measure itself shows its own year only.
    const measure = subjectOf(await progress(ids['六.3']!), '新改建排水管网');
    expect(measure.years).toEqual([2022]);
    expect(districtOf(measure, '巴州区').reported).toEqual([44.5]);
  });

  it('has no subjects for an item without milestones, and 404 for an unknown item', async () => {
    expect(await progress(ids['八']!)).toEqual([]);
    const missing = await get('leader', '/api/tasks/items/987654/milestone-progress');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-type']).toContain('application/problem+json');
    expect(missing.json().title).toBe('未找到');
  });
});

describe('GET /api/tasks/timeline', () => {
  const timeline = async (who: string, query: string): Promise<TimelineBody> => {
    const response = await get(who, `/api/tasks/timeline?${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };
  /** The board's dated items for the same filter: the same items reached another way. */
  const boardDated = async (who: string, query: string) => {
    const response = await get(who, `/api/tasks/items?pageSize=200&${query}`);
    return (response.json().items as { id: number; deadline: { kind: string; due?: string } }[]).filter((i) => i.deadline.kind === 'date');
  };

  it('lists the dated items of 004, earliest first, with the ongoing ones apart', async () => {
    const body = await timeline('leader', 'list=004&pageSize=200');
    const dated = await boardDated('leader', 'list=004');
    expect(body.total).toBe(dated.length);
    expect(new Set(body.items.map((e) => e.id))).toEqual(new Set(dated.map((i) => i.id)));
    const dues = body.items.map((e) => e.due!);
    expect(dues).toEqual([...dues].sort());
    expect(body.items.every((e) => e.listKey === '004' && e.deadlineKind === 'date')).toBe(true);
    const today = Date.parse(cityToday());
    expect(body.items.every((e) => e.daysLeft === Math.round((Date.parse(e.due!) - today) / 86_400_000))).toBe(true);
    // 004 一: 立行立改，长期坚持, and its measures with it
    expect(body.ongoing.find((e) => e.ref === '一' && e.parentRef === null)).toMatchObject({ deadlineKind: 'ongoing', due: null });
    expect(body.ongoing.filter((e) => e.parentRef === '一')).toHaveLength(5);
    expect(body.months.reduce((n, m) => n + m.red + m.yellow + m.green, 0)).toBe(body.total);
    expect(body.months[0]!.month).toBe(dues[0]!.slice(0, 7));
    expect(body.months.at(-1)!.month).toBe(dues.at(-1)!.slice(0, 7));
  });

  it('filters by colour, state, date range and unit role', async () => {
    const red = await timeline('leader', 'list=004&colour=red&pageSize=200');
    expect(red.items.length).toBeGreaterThan(0);
    expect(red.items.every((e) => e.colour === 'red')).toBe(true);
    expect(red.total).toBe((await boardDated('leader', 'list=004&colour=red')).length);

    const year2022 = await timeline('leader', 'from=2022-01-01&to=2022-12-31&pageSize=200');
    expect(year2022.total).toBeGreaterThan(0);
    expect(year2022.items.every((e) => e.due! >= '2022-01-01' && e.due! <= '2022-12-31')).toBe(true);
    expect(year2022.months.every((m) => m.month.startsWith('2022-'))).toBe(true);

    const notStarted = await timeline('leader', 'state=not_started&pageSize=200');
    expect(notStarted.items.every((e) => e.state === 'not_started')).toBe(true);

    const mine = await timeline('bazhou', 'role=responsible&pageSize=200');
    expect(new Set(mine.items.map((e) => e.id))).toEqual(new Set((await boardDated('bazhou', 'mine=responsible')).map((i) => i.id)));
    const bazhouId = (await t.db.selectFrom('organisation').select('id').where('key', '=', 'bazhou').executeTakeFirstOrThrow()).id;
    const named = await timeline('leader', `organisationId=${bazhouId}&role=responsible&pageSize=200`);
    expect(named.total).toBe(mine.total);
  });

  it('pages the dated items and keeps the total', async () => {
    const all = await timeline('leader', 'list=004&pageSize=200');
    const second = await timeline('leader', 'list=004&page=2&pageSize=5');
    expect(second).toMatchObject({ page: 2, pageSize: 5, total: all.total });
    expect(second.items.map((e) => e.id)).toEqual(all.items.slice(5, 10).map((e) => e.id));
  });

  it('refuses a range that ends before it starts, and dates that are not dates', async () => {
    const reversed = await get('leader', '/api/tasks/timeline?from=2023-01-01&to=2022-12-31');
    expect(reversed.statusCode).toBe(400);
    expect(reversed.headers['content-type']).toContain('application/problem+json');
    expect(reversed.json().errors).toEqual([{ field: 'from', message: '不能晚于截止日期' }]);
    const garbled = await get('leader', '/api/tasks/timeline?from=2023-13-45');
    expect(garbled.statusCode).toBe(400);
    expect(garbled.json().errors[0].field).toContain('from');
  });
});

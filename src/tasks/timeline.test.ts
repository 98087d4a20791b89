import { describe, expect, it } from 'vitest';
import type { Deadline } from './deadline.ts';
import type { TaskItem } from './store.ts';
import { timeline, type TimelineFilter } from './timeline.ts';

const TODAY = '2023-01-01';
const EEB = 10;
const BAZHOU = 20;

function task(id: number, deadline: Deadline, more: Partial<TaskItem> = {}): TaskItem {
  return {
    id,
    listId: 1,
    listKey: '004',
    listTitle: '整改清单',
    doc: '004',
    parentId: null,
    parentRef: null,
    ref: String(id),
    heading: null,
    title: `事项 ${id}`,
    clause: `任务清单 ${id}`,
    deadlineText: null,
    deadline,
    state: 'in_progress',
    progress: null,
    public: false,
    units: [
      { role: 'lead', organisationId: EEB, name: '市生态环境局', writtenAs: '市生态环境局' },
      { role: 'responsible', organisationId: BAZHOU, name: '巴州区', writtenAs: '各县（区）人民政府' },
    ],
    acceptanceUnitId: EEB,
    colour: 'green',
    reasons: [{ code: 'on_track' }],
    nextReportDue: null,
    recheckDue: null,
    lastReportOn: null,
    ...more,
  } as TaskItem;
}

const date = (due: string, ongoingAfter = false): Deadline => ({ kind: 'date', due, ongoingAfter });

const ITEMS: TaskItem[] = [
  task(1, date('2022-12-31'), { colour: 'red' }),
  task(2, date('2022-06-30'), { colour: 'red', units: [{ role: 'lead', organisationId: BAZHOU, name: '巴州区', writtenAs: '巴州区' }], acceptanceUnitId: BAZHOU }),
  task(3, { kind: 'ongoing' }),
  task(4, date('2022-12-31', true), { colour: 'yellow', state: 'not_started' }),
  task(5, { kind: 'none' }),
  task(6, { kind: 'yearly', month: 6, day: 30 }, { colour: 'yellow' }),
  task(7, date('2023-02-15'), { state: 'accepted', reasons: [{ code: 'accepted' }] }),
  task(8, { kind: 'unparsed', text: '适时' }),
];

const CASES: { name: string; filter: TimelineFilter; dated: number[]; ongoing: number[]; undated: number }[] = [
  { name: 'no filter: dated earliest first, same day in the order given', filter: {}, dated: [2, 1, 4, 7], ongoing: [3, 6], undated: 2 },
  { name: 'by colour', filter: { colour: 'red' }, dated: [2, 1], ongoing: [], undated: 0 },
  { name: 'by state', filter: { state: 'not_started' }, dated: [4], ongoing: [], undated: 0 },
  { name: 'date range bounds the dated items only, both ends included', filter: { from: '2022-06-30', to: '2022-12-31' }, dated: [2, 1, 4], ongoing: [3, 6], undated: 2 },
  { name: 'from alone', filter: { from: '2023-01-01' }, dated: [7], ongoing: [3, 6], undated: 2 },
  { name: 'organisation in any role', filter: { organisationId: EEB }, dated: [1, 4, 7], ongoing: [3, 6], undated: 2 },
  { name: 'organisation in a role', filter: { organisationId: BAZHOU, role: 'lead' }, dated: [2], ongoing: [], undated: 0 },
  { name: 'acceptance unit', filter: { organisationId: BAZHOU, role: 'acceptance' }, dated: [2], ongoing: [], undated: 0 },
  { name: 'a role without an organisation names nobody', filter: { organisationId: null, role: 'responsible' }, dated: [], ongoing: [], undated: 0 },
];

describe('timeline (时限一览)', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const result = timeline(ITEMS, c.filter, TODAY);
    expect(result.dated.map((e) => e.id)).toEqual(c.dated);
    expect(result.ongoing.map((e) => e.id)).toEqual(c.ongoing);
    expect(result.undated).toBe(c.undated);
  });

  it('gives each entry its due date, the days left to it, kind and colour', () => {
    const { dated, ongoing } = timeline(ITEMS, {}, TODAY);
    expect(dated.find((e) => e.id === 4)).toMatchObject({ due: '2022-12-31', daysLeft: -1, deadlineKind: 'date', ongoingAfter: true, colour: 'yellow', state: 'not_started' });
    expect(dated.find((e) => e.id === 7)).toMatchObject({ due: '2023-02-15', daysLeft: 45 });
    expect(ongoing.map((e) => [e.deadlineKind, e.due, e.daysLeft])).toEqual([
      ['ongoing', null, null],
      ['yearly', null, null],
    ]);
  });

  it('counts dated items per month by colour, every month from the first to the last', () => {
    const { months } = timeline(ITEMS, {}, TODAY);
    expect(months.map((m) => m.month)).toEqual(['2022-06', '2022-07', '2022-08', '2022-09', '2022-10', '2022-11', '2022-12', '2023-01', '2023-02']);
    expect(months[0]).toEqual({ month: '2022-06', red: 1, yellow: 0, green: 0 });
    expect(months[6]).toEqual({ month: '2022-12', red: 1, yellow: 1, green: 0 });
    expect(months.at(-1)).toEqual({ month: '2023-02', red: 0, yellow: 0, green: 1 });
    expect(months.slice(1, 6).every((m) => m.red + m.yellow + m.green === 0)).toBe(true);
  });

  it('has no months when nothing is dated', () => {
    expect(timeline(ITEMS, { colour: 'red', to: '2020-01-01' }, TODAY)).toMatchObject({ dated: [], months: [] });
  });
});

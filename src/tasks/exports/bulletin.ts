import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import { getSetting, SETTING_KEYS } from '../../settings/store.ts';
import { describeReason, type Colour } from '../colour.ts';
import { writtenDate } from './chinese.ts';
import { STATE_LABELS } from './labels.ts';
import { displayRef, exportRows } from './rows.ts';

/** One red or yellow item under one of its units. */
export interface BulletinRow {
  itemId: number;
  listKey: string;
  listTitle: string;
  ref: string;
  title: string;
  deadline: string;
  state: string;
  colour: Exclude<Colour, 'green'>;
  reasons: string;
}

export interface BulletinUnit {
  /** null for items that name no lead or responsible unit. */
  organisationId: number | null;
  name: string;
  red: number;
  yellow: number;
  rows: BulletinRow[];
}

export interface Bulletin {
  from: string;
  to: string;
  list: { key: string; title: string } | null;
  /** Items and measures in the bulletin's scope, by colour as of `to`. */
  counts: { total: number; red: number; yellow: number; green: number };
  /** Progress reports filed from `from` to `to`. */
  reports: number;
  issuer: string | null;
  units: BulletinUnit[];
}

export const NO_UNIT = '未明确责任单位';

/**
 * 通报: the red and yellow items as of `to`, under every lead or responsible unit they name (a unit
 * once, its most red first), in the documents' order within a unit.
 */
export async function bulletin(db: Db, options: { from: string; to: string; listKey?: string }): Promise<Bulletin> {
  const rows = await exportRows(db, options.listKey, options.to);
  const flagged = rows.filter((r) => r.task.colour !== 'green');
  const units = new Map<string, BulletinUnit>();
  for (const row of flagged) {
    const task = row.task;
    const entry: BulletinRow = {
      itemId: task.id,
      listKey: task.listKey,
      listTitle: task.listTitle,
      ref: displayRef(row),
      title: task.title,
      deadline: task.deadlineText ?? '',
      state: STATE_LABELS[task.state] ?? task.state,
      colour: task.colour as BulletinRow['colour'],
      reasons: task.reasons.map(describeReason).join('；'),
    };
    const named = task.units.filter((u) => u.role !== 'supervising');
    const targets = named.length > 0 ? named.map((u) => ({ key: `o${u.organisationId}`, organisationId: u.organisationId as number | null, name: u.name })) : [{ key: 'none', organisationId: null, name: NO_UNIT }];
    for (const target of targets) {
      const unit = units.get(target.key) ?? { organisationId: target.organisationId, name: target.name, red: 0, yellow: 0, rows: [] };
      if (unit.rows.some((r) => r.itemId === task.id)) continue;
      unit.rows.push(entry);
      unit[entry.colour] += 1;
      units.set(target.key, unit);
    }
  }
  const ordered = [...units.values()].sort(
    (a, b) => Number(a.organisationId === null) - Number(b.organisationId === null) || b.red - a.red || b.yellow - a.yellow || a.name.localeCompare(b.name, 'zh-CN'),
  );

  let reportQuery = db
    .selectFrom('task_report as r')
    .innerJoin('task_item as i', 'i.id', 'r.item_id')
    .innerJoin('task_list as l', 'l.id', 'i.list_id')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('r.filed_on', '>=', options.from)
    .where('r.filed_on', '<=', options.to);
  if (options.listKey) reportQuery = reportQuery.where('l.key', '=', options.listKey);
  const [{ n: reports }, coordinatorId, list] = await Promise.all([
    reportQuery.executeTakeFirstOrThrow(),
    getSetting<number | null>(db, SETTING_KEYS.coordinatorOrganisation, null),
    options.listKey ? db.selectFrom('task_list').select(['key', 'title']).where('key', '=', options.listKey).executeTakeFirst() : Promise.resolve(undefined),
  ]);
  const coordinator = coordinatorId === null ? undefined : await db.selectFrom('organisation').select(['name', 'full_name']).where('id', '=', coordinatorId).executeTakeFirst();
  const count = (colour: Colour) => rows.filter((r) => r.task.colour === colour).length;
  return {
    from: options.from,
    to: options.to,
    list: list ?? null,
    counts: { total: rows.length, red: count('red'), yellow: count('yellow'), green: count('green') },
    reports,
    issuer: coordinator ? (coordinator.full_name ?? coordinator.name) : null,
    units: ordered,
  };
}

export function bulletinTitle(b: Pick<Bulletin, 'list'>): string {
  return b.list ? `关于《${b.list.title}》督办事项推进情况的通报` : '关于生态环境保护督办事项推进情况的通报';
}
/** The opening paragraph of the 通报: period, counts, and how colours are judged. */
export function bulletinIntro(b: Bulletin): string {
  return (
    `为压紧压实工作责任，推动督办事项按期落实，现将${writtenDate(b.from)}至${writtenDate(b.to)}督办事项推进情况通报如下。` +
    `截至${writtenDate(b.to)}，纳入督办的事项（含整改措施）共 ${b.counts.total} 项，红色 ${b.counts.red} 项、黄色 ${b.counts.yellow} 项、绿色 ${b.counts.green} 项；` +
    `期间各单位共报送进度 ${b.reports} 次。红色、黄色事项按牵头和责任单位列示如下（同一事项涉及多个单位的，在各单位下分别列示；按红色、黄色事项数量排序）。`
  );
}

export const BULLETIN_CLOSING = '请各有关单位对照本通报，认真分析红色、黄色事项滞后原因，逐项明确整改措施和完成时限，压实责任、加快推进，并按规定时限报送整改进展。';

export function bulletinFileName(b: Pick<Bulletin, 'from' | 'to' | 'list'>, ext: 'docx' | 'xlsx'): string {
  return `督办通报${b.list ? `-${b.list.key}` : ''}-${b.from}至${b.to}.${ext}`;
}

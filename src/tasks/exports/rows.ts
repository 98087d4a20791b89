import type { Db } from '../../db/connect.ts';
import { items } from '../service.ts';
import type { TaskItem } from '../store.ts';

/** An item or measure in the document's order, with what exports need beyond the board's view of it. */
export interface ExportRow {
  task: TaskItem;
  /** 0 for an item, 1 for its measures, 2 for a measure's numbered entries. */
  depth: number;
  /** Refs from the top item down to this one, e.g. ['五', '3', '（1）']. */
  path: string[];
  text: string;
  written: { lead: string[]; responsible: string[]; supervising: string[] };
}

/** The ref as exports print it: 三 for an item, 三-1 for its measure 1. */
export function displayRef(row: Pick<ExportRow, 'path'>): string {
  return row.path.join('-');
}

/** The 上级编号 column: empty for an item, the parent's displayed ref for a measure. */
export function parentRef(row: Pick<ExportRow, 'path'>): string {
  return row.path.slice(0, -1).join('-');
}

/**
 * Every item of the list (or of all lists), computed as of `today`, in the order of the documents:
 * each item followed by its measures, each measure by its own entries.
 */
export async function exportRows(db: Db, listKey: string | undefined, today: string): Promise<ExportRow[]> {
  let q = db
    .selectFrom('task_item as i')
    .innerJoin('task_list as l', 'l.id', 'i.list_id')
    .select(['i.id', 'i.parent_id', 'i.position', 'i.text', 'i.units_as_written', 'l.key']);
  if (listKey !== undefined) q = q.where('l.key', '=', listKey);
  const [raw, computed] = await Promise.all([q.orderBy('l.key').orderBy('i.position').orderBy('i.id').execute(), items(db, { listKey }, today)]);
  const byId = new Map(computed.map((t) => [t.id, t]));
  const children = new Map<number | null, typeof raw>();
  for (const r of raw) children.set(r.parent_id, [...(children.get(r.parent_id) ?? []), r]);
  const rows: ExportRow[] = [];
  const words = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
  const walk = (parentId: number | null, depth: number, above: string[]) => {
    for (const r of children.get(parentId) ?? []) {
      const task = byId.get(r.id);
      if (!task) continue;
      const written = (r.units_as_written ?? {}) as Record<string, unknown>;
      const path = [...above, task.ref];
      rows.push({ task, depth, path, text: r.text, written: { lead: words(written.lead), responsible: words(written.responsible), supervising: words(written.supervising) } });
      walk(r.id, depth + 1, path);
    }
  };
  walk(null, 0, []);
  return rows;
}

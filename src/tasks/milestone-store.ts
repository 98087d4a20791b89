import { sql } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { PlannedMilestone, QuantityReport } from './milestone-progress.ts';

/**
 * The milestones of an item and of its measures, in document order, and the reports that give a
 * quantity for one of them. An item such as 004 六 sets its 新改建排水管网 km year by year in its
 * measures (六 1, 3, 5 …), so the item's own page sees the whole plan. Null when there is no such item.
 */
export async function milestoneFacts(db: Db, itemId: number): Promise<{ milestones: PlannedMilestone[]; reports: QuantityReport[] } | null> {
  const found = await db.selectFrom('task_item').select('id').where('id', '=', itemId).executeTakeFirst();
  if (!found) return null;
  const { rows: milestones } = await sql<PlannedMilestone>`
    WITH RECURSIVE tree AS (
      SELECT id, ARRAY[position] AS path FROM task_item WHERE id = ${itemId}
      UNION ALL
      SELECT c.id, t.path || c.position FROM task_item c JOIN tree t ON c.parent_id = t.id
    )
    SELECT m.id, m.subject, m.unit, m.organisation_id AS "organisationId", o.name AS "organisationName",
           m.district_written_as AS "districtWrittenAs", m.year, m.quantity::float8 AS quantity, m.cumulative
    FROM tree t
    JOIN task_milestone m ON m.item_id = t.id
    LEFT JOIN organisation o ON o.id = m.organisation_id
    ORDER BY t.path, m.id`.execute(db);
  if (milestones.length === 0) return { milestones, reports: [] };
  const reports = await db
    .selectFrom('task_report')
    .select(['id', 'milestone_id as milestoneId', sql<number | null>`quantity::float8`.as('quantity'), sql<string>`filed_on::text`.as('filedOn')])
    .where('milestone_id', 'in', milestones.map((m) => m.id))
    .orderBy('id')
    .execute();
  return { milestones, reports };
}

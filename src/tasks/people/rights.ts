import type { UnitRole } from '../plan.ts';

/**
 * Who may name an item's 包保责任人 and 网格:
 * - 'all': managers (tasks.manage), and the item's 牵头单位 — the lead unit assigns the people;
 * - 'own': where the item names no 牵头单位 (004 and 003 list 责任单位 only), each 责任单位 names its
 *   own people and grids, and leaves the other units' as they are;
 * - null: everyone else.
 */
export type PeopleRights = 'all' | 'own' | null;

export function peopleRights(input: {
  manages: boolean;
  /** The user's organisation where the user may act on tasks (tasks.act), else null. */
  actsFor: number | null;
  units: readonly { role: UnitRole | string; organisationId: number }[];
}): PeopleRights {
  if (input.manages) return 'all';
  if (input.actsFor === null) return null;
  // As for reports and 销号 (standingOf): the organisation the item names stands, not its parent.
  const named = (role: string) => input.units.some((u) => u.role === role && u.organisationId === input.actsFor);
  const hasLead = input.units.some((u) => u.role === 'lead');
  if (named('lead')) return 'all';
  if (!hasLead && named('responsible')) return 'own';
  return null;
}

/**
 * The rows after an edit: with 'own' rights the user's submission replaces only the rows of its own
 * organisations, and the others' stay where they were, ahead of it.
 */
export function mergeRows<T>(rights: Exclude<PeopleRights, null>, current: readonly T[], submitted: readonly T[], mine: (row: T) => boolean): T[] {
  return rights === 'all' ? [...submitted] : [...current.filter((row) => !mine(row)), ...submitted];
}

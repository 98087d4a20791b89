import { buildUnitResolver, type NamedOrganisation } from '../orgs/resolve.ts';
import { buildUnitNameResolver, type Collective } from '../orgs/unit-names.ts';
import { parseDeadline, type Deadline } from './deadline.ts';
import type { MilestoneInput, TaskItemInput, TaskListInput } from './list-format.ts';

export const UNIT_ROLES = ['lead', 'responsible', 'supervising'] as const;
export type UnitRole = (typeof UNIT_ROLES)[number];

export type { Collective };

export interface PlannedItem {
  input: TaskItemInput;
  deadline: Deadline;
  /** Organisation keys per role, in the document's order, each with the words it was written as. */
  units: { role: UnitRole; key: string; writtenAs: string }[];
  milestones: (MilestoneInput & { districtKey: string | null })[];
  children: PlannedItem[];
}

export interface ImportProblem {
  /** Where in the input, e.g. "items[3].children[1].responsible[0]". */
  path: string;
  message: string;
}

/**
 * Checks and resolves a whole list before anything is written: every unit to an organisation
 * (or a known collective phrase), every deadline parsed. Any problem stops the import whole.
 */
export function planTaskList(
  input: TaskListInput,
  organisations: readonly NamedOrganisation[],
  collectives: readonly Collective[],
): { items: PlannedItem[]; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const resolve = buildUnitResolver(organisations);
  const resolveUnit = buildUnitNameResolver(organisations, collectives);

  if (!/^[a-z0-9][a-z0-9-]*$/.test(input.list.key)) problems.push({ path: 'list.key', message: '清单标识只能含小写字母、数字和 -' });
  if (!input.list.title?.trim()) problems.push({ path: 'list.title', message: '清单名称必填' });
  if (!Number.isInteger(input.list.year) || input.list.year < 2000 || input.list.year > 2100) problems.push({ path: 'list.year', message: '年份应为 2000–2100 的整数' });
  if (!Array.isArray(input.items) || input.items.length === 0) problems.push({ path: 'items', message: '清单中没有事项' });

  const planItem = (item: TaskItemInput, path: string): PlannedItem => {
    for (const field of ['ref', 'title', 'text', 'clause'] as const) {
      if (typeof item[field] !== 'string' || item[field].trim() === '') problems.push({ path: `${path}.${field}`, message: '必填' });
    }
    const deadline = parseDeadline(item.deadline ?? null);
    if (deadline.kind === 'unparsed') problems.push({ path: `${path}.deadline`, message: `无法识别的完成时限「${item.deadline}」` });
    const units: PlannedItem['units'] = [];
    for (const role of UNIT_ROLES) {
      (item[role] ?? []).forEach((name, index) => {
        const found = resolveUnit(name);
        if (!found) problems.push({ path: `${path}.${role}[${index}]`, message: `单位「${name}」不在组织机构中（可在组织机构中添加或设为别名）` });
        for (const key of found ?? []) if (!units.some((u) => u.role === role && u.key === key)) units.push({ role, key, writtenAs: name });
      });
    }
    const milestones = (item.milestones ?? []).map((m, index) => {
      const districtKey = m.district ? (resolve(m.district) ?? null) : null;
      if (m.district && !districtKey) problems.push({ path: `${path}.milestones[${index}].district`, message: `县区「${m.district}」不在组织机构中` });
      if (typeof m.quantity !== 'number' || !Number.isFinite(m.quantity)) problems.push({ path: `${path}.milestones[${index}].quantity`, message: '应为数字' });
      if (!Number.isInteger(m.year)) problems.push({ path: `${path}.milestones[${index}].year`, message: '应为年份' });
      return { ...m, districtKey };
    });
    const children = (item.children ?? []).map((child, index) => planItem(child, `${path}.children[${index}]`));
    const refs = new Set<string>();
    (item.children ?? []).forEach((child, index) => {
      if (refs.has(child.ref)) problems.push({ path: `${path}.children[${index}].ref`, message: `编号 ${child.ref} 重复` });
      refs.add(child.ref);
    });
    return { input: item, deadline, units, milestones, children };
  };

  const items = (input.items ?? []).map((item, index) => planItem(item, `items[${index}]`));
  const refs = new Set<string>();
  (input.items ?? []).forEach((item, index) => {
    if (refs.has(item.ref)) problems.push({ path: `items[${index}].ref`, message: `编号 ${item.ref} 重复` });
    refs.add(item.ref);
  });
  return { items, problems };
}

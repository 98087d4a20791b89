/**
 * 网格层级: the four levels of the city's environmental supervision network (001: 依托现有四级环境
 * 监管网络), from the city down to the village.
 */
export const GRID_LEVELS = ['city', 'county', 'township', 'village'] as const;
export type GridLevel = (typeof GRID_LEVELS)[number];

/** 网格编码: letters, digits and -, unique in the city (e.g. a division code with a number: 511902-001). */
export const GRID_CODE_PATTERN = '^[A-Za-z0-9][A-Za-z0-9-]{0,39}$';

/** 网格长 (the grid's chief) and 网格员 (its inspectors). */
export const MEMBER_ROLES = ['chief', 'inspector'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export interface MemberInput {
  userId: number;
  role: MemberRole;
}

export interface FieldProblem {
  field: string;
  message: string;
}

/** A grid lies inside a grid of a higher level: a village grid under a township grid, not the reverse. */
export function fitsUnder(parent: GridLevel, child: GridLevel): boolean {
  return GRID_LEVELS.indexOf(parent) < GRID_LEVELS.indexOf(child);
}

/** One 网格长 per grid, and each account named once. */
export function memberProblems(members: readonly MemberInput[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const seen = new Set<number>();
  members.forEach((member, index) => {
    if (seen.has(member.userId)) problems.push({ field: `members.${index}.userId`, message: '同一账号只能列一次' });
    seen.add(member.userId);
  });
  const chiefs = members.flatMap((member, index) => (member.role === 'chief' ? [index] : []));
  for (const index of chiefs.slice(1)) problems.push({ field: `members.${index}.role`, message: '一个网格只有一名网格长' });
  return problems;
}

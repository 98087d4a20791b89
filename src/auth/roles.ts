/** Roles of the platform (角色). Labels live in the UI's message files. */
export const ROLES = [
  'admin', // 系统管理员
  'coordinator', // 综合协调（市环委办）
  'unit_user', // 单位用户
  'district_user', // 县区用户
  'grid_inspector', // 网格员
  'leader', // 领导（只读）
  'enterprise_user', // 企业用户
] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  'users.read',
  'users.write',
  'orgs.read',
  'orgs.write',
  'audit.read',
  'audit.verify',
  'tasks.read',
  'tasks.act',
  'tasks.manage',
  'grids.read',
  'grids.manage',
  'targets.read',
  'targets.enter',
  'targets.review',
  'targets.manage',
  'monitoring.read',
  'monitoring.manage',
  'emissions.read',
  'emissions.act',
  'emissions.manage',
  'spatial.read',
  'spatial.screen',
  'spatial.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/**
 * 'all': every record; 'organisation': records of the user's own organisation and those under it.
 * Acting on a task ('tasks.act') is further limited to the items that name the user's organisation.
 * Grids (网格) are read by every role of the administration (not by enterprises) and managed by the
 * city's coordinators and, for their own organisation and what lies under it, by district users.
 * Indicator values (目标指标) are entered by the units a target names and reviewed by its lead unit or
 * the coordinator; which indicator a unit may enter or review is decided by the targets themselves.
 * Monitoring data (环境监测) are read by every role of the administration and managed (registry,
 * imports, pushes, corrections) by the administrator and the coordinator.
 * Enterprises, their outlets, emission limits and exceedance events (排放监控) are read by the
 * administration (a district user for the enterprises under its district) and by an enterprise for
 * itself: an enterprise's organisation sits under its district. The enterprise and its district act on
 * (acknowledge, explain) its exceedance events; the coordinator registers enterprises, outlets and limits.
 * The one map (一张图) is read by every role of the administration. Screening a project's site
 * (项目准入) is done by the coordinator, units and districts, each seeing the screenings of its own
 * organisation; layers are imported and screening rules edited by the administrator and the coordinator.
 */
export type Scope = 'all' | 'organisation';

const MATRIX: Record<Role, Partial<Record<Permission, Scope>>> = {
  admin: {
    'users.read': 'all',
    'users.write': 'all',
    'orgs.read': 'all',
    'orgs.write': 'all',
    'audit.read': 'all',
    'audit.verify': 'all',
    'tasks.read': 'all',
    'tasks.manage': 'all',
    'grids.read': 'all',
    'grids.manage': 'all',
    'targets.read': 'all',
    'targets.manage': 'all',
    'monitoring.read': 'all',
    'monitoring.manage': 'all',
    'emissions.read': 'all',
    'emissions.manage': 'all',
    'spatial.read': 'all',
    'spatial.screen': 'all',
    'spatial.manage': 'all',
  },
  coordinator: {
    'users.read': 'all',
    'users.write': 'all',
    'orgs.read': 'all',
    'orgs.write': 'all',
    'audit.read': 'all',
    'tasks.read': 'all',
    'tasks.act': 'organisation',
    'tasks.manage': 'all',
    'grids.read': 'all',
    'grids.manage': 'all',
    'targets.read': 'all',
    'targets.enter': 'all',
    'targets.review': 'all',
    'targets.manage': 'all',
    'monitoring.read': 'all',
    'monitoring.manage': 'all',
    'emissions.read': 'all',
    'emissions.act': 'all',
    'emissions.manage': 'all',
    'spatial.read': 'all',
    'spatial.screen': 'all',
    'spatial.manage': 'all',
  },
  leader: {
    'users.read': 'all',
    'orgs.read': 'all',
    'audit.read': 'all',
    'tasks.read': 'all',
    'grids.read': 'all',
    'targets.read': 'all',
    'monitoring.read': 'all',
    'emissions.read': 'all',
    'spatial.read': 'all',
  },
  unit_user: {
    'users.read': 'organisation',
    'orgs.read': 'all',
    'tasks.read': 'all',
    'tasks.act': 'organisation',
    'grids.read': 'all',
    'targets.read': 'all',
    'targets.enter': 'organisation',
    'targets.review': 'organisation',
    'monitoring.read': 'all',
    'emissions.read': 'all',
    'spatial.read': 'all',
    'spatial.screen': 'organisation',
  },
  district_user: {
    'users.read': 'organisation',
    'orgs.read': 'all',
    'tasks.read': 'all',
    'tasks.act': 'organisation',
    'grids.read': 'all',
    'grids.manage': 'organisation',
    'targets.read': 'all',
    'targets.enter': 'organisation',
    'targets.review': 'organisation',
    'monitoring.read': 'all',
    'emissions.read': 'organisation',
    'emissions.act': 'organisation',
    'spatial.read': 'all',
    'spatial.screen': 'organisation',
  },
  grid_inspector: {
    'orgs.read': 'all',
    'tasks.read': 'all',
    'grids.read': 'all',
    'targets.read': 'all',
    'monitoring.read': 'all',
    'emissions.read': 'all',
    'spatial.read': 'all',
  },
  enterprise_user: { 'orgs.read': 'all', 'emissions.read': 'organisation', 'emissions.act': 'organisation' },
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** The scope in which a role holds a permission, or null when it does not hold it. */
export function scopeOf(role: string, permission: Permission): Scope | null {
  return isRole(role) ? (MATRIX[role][permission] ?? null) : null;
}

export function permissionsOf(role: Role): Permission[] {
  return PERMISSIONS.filter((permission) => MATRIX[role][permission] !== undefined);
}

/** Only an administrator may make or change an administrator. */
export function mayAssignRole(actorRole: string, targetRole: Role): boolean {
  if (scopeOf(actorRole, 'users.write') === null) return false;
  return targetRole !== 'admin' || actorRole === 'admin';
}

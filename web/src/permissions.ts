// What the UI shows to each role. The server is the authority: /api/auth/me returns the
// permissions of the logged-in user's role, and the UI hides what they do not include.
// The table below (the server's matrix) is used only until that answer is known.
import type { User } from './types.ts';

export type Capability =
  | 'users.read'
  | 'users.write'
  | 'orgs.read'
  | 'orgs.write'
  | 'audit.read'
  | 'audit.verify'
  | 'tasks.read'
  | 'tasks.act'
  | 'tasks.manage'
  | 'grids.read'
  | 'grids.manage'
  | 'targets.read'
  | 'targets.enter'
  | 'targets.review'
  | 'targets.manage'
  | 'monitoring.read'
  | 'monitoring.manage'
  | 'emissions.read'
  | 'emissions.act'
  | 'emissions.manage'
  | 'spatial.read'
  | 'spatial.screen'
  | 'spatial.manage';

const FALLBACK: Record<string, readonly Capability[]> = {
  admin: [
    'users.read',
    'users.write',
    'orgs.read',
    'orgs.write',
    'audit.read',
    'audit.verify',
    'tasks.read',
    'tasks.manage',
    'grids.read',
    'grids.manage',
    'targets.read',
    'targets.manage',
    'monitoring.read',
    'monitoring.manage',
    'emissions.read',
    'emissions.manage',
    'spatial.read',
    'spatial.screen',
    'spatial.manage',
  ],
  coordinator: [
    'users.read',
    'users.write',
    'orgs.read',
    'orgs.write',
    'audit.read',
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
  ],
  leader: ['users.read', 'orgs.read', 'audit.read', 'tasks.read', 'grids.read', 'targets.read', 'monitoring.read', 'emissions.read', 'spatial.read'],
  unit_user: ['users.read', 'orgs.read', 'tasks.read', 'tasks.act', 'grids.read', 'targets.read', 'targets.enter', 'targets.review', 'monitoring.read', 'emissions.read', 'spatial.read', 'spatial.screen'],
  district_user: [
    'users.read',
    'orgs.read',
    'tasks.read',
    'tasks.act',
    'grids.read',
    'grids.manage',
    'targets.read',
    'targets.enter',
    'targets.review',
    'monitoring.read',
    'emissions.read',
    'emissions.act',
    'spatial.read',
    'spatial.screen',
  ],
  grid_inspector: ['orgs.read', 'tasks.read', 'grids.read', 'targets.read', 'monitoring.read', 'emissions.read', 'spatial.read'],
  enterprise_user: ['orgs.read', 'emissions.read', 'emissions.act'],
};

export function can(
  user: Pick<User, 'role'> | null | undefined,
  capability: Capability,
  permissions?: readonly string[] | null,
): boolean {
  if (!user) return false;
  const granted = permissions ?? FALLBACK[user.role] ?? ['orgs.read'];
  return granted.includes(capability);
}

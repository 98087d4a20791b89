// What the UI shows to each role. The server enforces the same rules; this only hides
// menu items and buttons a user could not use anyway.
import type { User } from './types.ts';

export type Capability =
  | 'users.read'
  | 'users.write'
  | 'orgs.read'
  | 'orgs.write'
  | 'audit.read';

const CAPABILITIES: Record<string, readonly Capability[]> = {
  admin: ['users.read', 'users.write', 'orgs.read', 'orgs.write', 'audit.read'],
  coordinator: ['users.read', 'users.write', 'orgs.read'],
};

const DEFAULT_CAPABILITIES: readonly Capability[] = ['orgs.read'];

export function can(user: Pick<User, 'role'> | null | undefined, capability: Capability): boolean {
  if (!user) return false;
  const caps = CAPABILITIES[user.role] ?? DEFAULT_CAPABILITIES;
  return caps.includes(capability);
}

// Shapes of the API objects (see the API contract).

// The roles and the User and Organisation shapes come from the server's own definitions and
// response schemas, so the UI cannot drift from the API.
export { ROLES, type Role } from '../../src/auth/roles.ts';
export type { UserDto as User } from '../../src/users/schemas.ts';
import type { OrganisationDto } from '../../src/orgs/schemas.ts';
import type { UserDto } from '../../src/users/schemas.ts';

export interface Session {
  user: UserDto;
  csrfToken: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export const ORG_KINDS = ['city', 'district', 'unit'] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export type Organisation = OrganisationDto;
export type OrgSource = Organisation['sources'][number];

export interface OrgTreeNode extends Organisation {
  children?: OrgTreeNode[];
}

export interface AuditEntry {
  id: number;
  at: string;
  actorId: number | null;
  actorName: string | null;
  ip: string | null;
  action: string;
  entity: string;
  entityId: string | number | null;
  before: unknown;
  after: unknown;
  hash: string;
  prevHash: string | null;
}

export interface AuditVerify {
  intact: boolean;
  entries: number;
  firstBroken?: { id: number; reason: string };
}

export interface Health {
  status: string;
  storage: 'pglite' | 'postgres' | string;
  postgres: string;
  postgis: string;
  version: string;
  schemaVersion: string;
}

export interface RolePermissions {
  role: string;
  permissions: string[];
}

/** A city document that data are traced to (文件). */
export interface SourceDocument {
  id: string;
  title: string;
  file: string | null;
  issued: string | null;
}

// Shapes of the API objects (see the API contract).

export const ROLES = [
  'admin',
  'coordinator',
  'unit_user',
  'district_user',
  'grid_inspector',
  'leader',
  'enterprise_user',
] as const;
export type Role = (typeof ROLES)[number];

export interface User {
  id: number;
  username: string;
  displayName: string;
  role: Role | string;
  organisationId: number | null;
  organisationName: string | null;
  active: boolean;
  mustChangePassword: boolean;
  lastLoginAt: string | null;
  createdAt: string;
}

export interface Session {
  user: User;
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

export interface OrgSource {
  doc: string;
  clause: string;
  role: string;
  text: string;
}

export interface Organisation {
  id: number;
  key: string;
  name: string;
  fullName: string | null;
  kind: OrgKind | string;
  districtType: string | null;
  unitType: string | null;
  code: string | null;
  codeOfficial: boolean;
  parentId: number | null;
  aliases: string[];
  sources: OrgSource[];
  note: string | null;
  active: boolean;
}

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

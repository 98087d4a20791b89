import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type DefaultTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T> = ColumnType<T, string, string>;

export interface OrganisationSource {
  doc: string;
  clause: string;
  role: string;
  text: string;
}

export interface OrganisationTable {
  id: Generated<number>;
  key: string;
  name: string;
  full_name: string | null;
  kind: 'city' | 'district' | 'unit';
  district_type: string | null;
  unit_type: string | null;
  code: string | null;
  code_official: Generated<boolean>;
  parent_id: number | null;
  aliases: ColumnType<string[], string[] | undefined, string[]>;
  sources: ColumnType<OrganisationSource[], string | undefined, string>;
  note: string | null;
  active: Generated<boolean>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface UserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  role: string;
  organisation_id: number | null;
  password_hash: string;
  must_change_password: Generated<boolean>;
  active: Generated<boolean>;
  failed_logins: Generated<number>;
  locked_until: NullableTimestamp;
  last_login_at: NullableTimestamp;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface SessionTable {
  token_hash: string;
  user_id: number;
  csrf_token: string;
  ip: string | null;
  user_agent: string | null;
  created_at: DefaultTimestamp;
  last_seen_at: DefaultTimestamp;
  expires_at: Timestamp;
}

export interface ApiTokenTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  created_at: DefaultTimestamp;
  expires_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
  last_used_at: NullableTimestamp;
}

export interface AuditEntryTable {
  id: ColumnType<string, string | number, never>;
  at: Timestamp;
  actor_id: number | null;
  actor_name: string;
  ip: string | null;
  action: string;
  entity: string;
  entity_id: string | null;
  before: Json<unknown> | null;
  after: Json<unknown> | null;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  singleton: Generated<boolean>;
  last_id: ColumnType<string, string | number, string | number>;
  last_hash: string;
}

export interface SeedRunTable {
  name: string;
  checksum: string;
  loaded_at: DefaultTimestamp;
}

export interface SourceDocumentTable {
  id: string;
  title: string;
  file: string | null;
  issued: string | null;
}

export interface Database {
  source_document: SourceDocumentTable;
  organisation: OrganisationTable;
  app_user: UserTable;
  session: SessionTable;
  api_token: ApiTokenTable;
  audit_entry: AuditEntryTable;
  audit_head: AuditHeadTable;
  seed_run: SeedRunTable;
}

export type OrganisationRow = Selectable<OrganisationTable>;
export type NewOrganisation = Insertable<OrganisationTable>;
export type OrganisationUpdate = Updateable<OrganisationTable>;
export type UserRow = Selectable<UserTable>;
export type AuditEntryRow = Selectable<AuditEntryTable>;

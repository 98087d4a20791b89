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
  host_id: Generated<number | null>;
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

type DateColumn = ColumnType<string, string, string>;
type Numeric = ColumnType<number | null, number | null | undefined, number | null>;

export interface TaskListTable {
  id: Generated<number>;
  key: string;
  doc: string | null;
  title: string;
  year: number;
  start_date: DateColumn;
  report_schedule: string;
  schedule_source: string | null;
  acceptance: 'supervisor' | 'lead' | 'coordinator';
  acceptance_source: string | null;
  created_at: DefaultTimestamp;
}

export interface TaskItemTable {
  id: Generated<number>;
  list_id: number;
  parent_id: number | null;
  position: number;
  ref: string;
  heading: string | null;
  title: string;
  text: string;
  clause: string;
  deadline_text: string | null;
  deadline_kind: 'date' | 'ongoing' | 'yearly' | 'none' | 'unparsed';
  due_date: ColumnType<string | null, string | null, string | null>;
  ongoing_after: Generated<boolean>;
  state: Generated<string>;
  progress: Numeric;
  public: Generated<boolean>;
  indicator: ColumnType<unknown, string | null, string | null>;
  targets: ColumnType<unknown[], string | undefined, string>;
  /** Superseded by task_person (migration 0003): no longer written. */
  persons: ColumnType<string[], string[] | undefined, string[]>;
  units_as_written: ColumnType<Record<string, string[]>, string | undefined, string>;
  assets: ColumnType<unknown[], string | undefined, string>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface TaskUnitTable {
  item_id: number;
  role: 'lead' | 'responsible' | 'supervising';
  organisation_id: number;
  position: number;
  written_as: string;
}

export interface TaskMilestoneTable {
  id: Generated<number>;
  item_id: number;
  subject: string;
  unit: string | null;
  organisation_id: number | null;
  district_written_as: string | null;
  year: number;
  quantity: ColumnType<number, number, number>;
  cumulative: Generated<boolean>;
}

export interface TaskTransitionTable {
  id: Generated<number>;
  item_id: number;
  action: string;
  from_state: string;
  to_state: string;
  actor_id: number | null;
  actor_name: string;
  organisation_id: number | null;
  reason: string | null;
  at: DefaultTimestamp;
}

export interface TaskReportTable {
  id: Generated<number>;
  item_id: number;
  organisation_id: number | null;
  author_id: number | null;
  author_name: string;
  filed_on: DateColumn;
  filed_at: DefaultTimestamp;
  text: string;
  progress: Numeric;
  milestone_id: number | null;
  quantity: Numeric;
  late: Generated<boolean>;
}

export interface TaskEvidenceTable {
  id: Generated<number>;
  item_id: number;
  report_id: number | null;
  file_name: string;
  media_type: string;
  size: number;
  sha256: string;
  content: Buffer;
  uploaded_by: number | null;
  uploaded_at: DefaultTimestamp;
}

export interface TaskRecheckTable {
  id: Generated<number>;
  item_id: number;
  due_on: DateColumn;
  done_at: NullableTimestamp;
  passed: boolean | null;
  reason: string | null;
  actor_id: number | null;
}

/** 网格: an area of the four-level supervision network (市、县、乡镇、村). */
export interface GridTable {
  id: Generated<number>;
  organisation_id: number;
  parent_id: number | null;
  code: string;
  name: string;
  level: 'city' | 'county' | 'township' | 'village';
  /** MultiPolygon in CGCS2000 (EPSG:4490); written and read through PostGIS functions. */
  geom: ColumnType<string | null, string | null | undefined, string | null>;
  note: string | null;
  active: Generated<boolean>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface GridMemberTable {
  grid_id: number;
  user_id: number;
  role: 'chief' | 'inspector';
}

/** 包保责任人 of an item. */
export interface TaskPersonTable {
  id: Generated<number>;
  item_id: number;
  position: number;
  name: string;
  post: string | null;
  organisation_id: number | null;
  phone: string | null;
}

export interface TaskGridTable {
  item_id: number;
  grid_id: number;
  position: number;
}

export interface SettingTable {
  key: string;
  value: ColumnType<unknown, string, string>;
  updated_at: DefaultTimestamp;
}

// ── 目标指标 (0004_targets) ──────────────────────────────────────────────────

export interface IndicatorTable {
  id: Generated<number>;
  key: string;
  name: string;
  aliases: ColumnType<string[], string[] | undefined, string[]>;
  unit: string | null;
  direction: 'higher_better' | 'lower_better' | 'none';
  formula: ColumnType<{ expression: string } | null, string | null | undefined, string | null>;
  binding: ColumnType<unknown, string | null | undefined, string | null>;
  note: string | null;
  note_en: ColumnType<string | null, string | null | undefined, string | null>;
  position: number;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface IndicatorBaselineTable {
  id: Generated<number>;
  indicator_id: number;
  year: number;
  value: ColumnType<string | null, number | null, number | null>;
  as_written: string;
  doc: string | null;
  clause: string;
  note: string | null;
  note_en: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface IndicatorTargetTable {
  id: Generated<number>;
  indicator_id: number;
  doc: string;
  clause: string;
  group_name: string | null;
  row_number: number | null;
  sub: number | null;
  row_name_as_written: string | null;
  name_as_written: string;
  target_as_written: string;
  year: number;
  deadline_text: string | null;
  target: Json<unknown>;
  attribute: 'binding' | 'expected' | 'reference' | null;
  units_as_written: ColumnType<Record<string, string[]>, string | undefined, string>;
  note: string | null;
  note_en: ColumnType<string | null, string | null | undefined, string | null>;
  domain: ColumnType<string | null, string | null | undefined, string | null>;
  position: number;
}

export interface IndicatorTargetUnitTable {
  target_id: number;
  role: 'lead' | 'responsible' | 'supervising';
  organisation_id: number;
  position: number;
  written_as: string;
}

export interface IndicatorExternalFigureTable {
  target_id: number;
  year: number;
  value: ColumnType<string, number, number>;
  source: string;
  entered_by: number | null;
  entered_at: DefaultTimestamp;
}

export interface IndicatorValueTable {
  id: Generated<number>;
  indicator_id: number;
  scope_id: number;
  year: number;
  period: ColumnType<string, string | undefined, string>;
  value: ColumnType<string | null, number | null, number | null>;
  status: 'not_started' | 'in_progress' | 'done' | null;
  source: string;
  note: string | null;
  state: ColumnType<'draft' | 'submitted' | 'approved' | 'returned', 'draft' | 'submitted' | 'approved' | 'returned' | undefined>;
  entered_by: number | null;
  entered_org: number | null;
  entered_at: DefaultTimestamp;
  submitted_at: NullableTimestamp;
  reviewed_by: number | null;
  reviewed_at: NullableTimestamp;
  review_reason: string | null;
  updated_at: DefaultTimestamp;
}

export interface IndicatorValueEventTable {
  id: Generated<number>;
  value_id: number;
  action: string;
  from_state: string | null;
  to_state: string;
  before: ColumnType<unknown, string | null | undefined, string | null>;
  after: ColumnType<unknown, string | null | undefined, string | null>;
  reason: string | null;
  actor_id: number | null;
  actor_name: string;
  at: DefaultTimestamp;
}

export interface IndicatorValueEvidenceTable {
  id: Generated<number>;
  value_id: number;
  file_name: string;
  media_type: string;
  size: number;
  sha256: string;
  content: Buffer;
  uploaded_by: number | null;
  uploaded_at: DefaultTimestamp;
}

// ── 环境监测 (0005_monitoring) ───────────────────────────────────────────────

/** 监测点位: an air station, a surface-water section or a drinking-water source. */
export interface MonitoringSiteTable {
  id: Generated<number>;
  kind: 'air' | 'section' | 'source';
  code: string;
  name: string;
  level: string;
  district_id: number;
  /** Point in CGCS2000 (EPSG:4490); written and read through PostGIS functions. */
  geom: ColumnType<string, string, string>;
  coordinates_approximate: Generated<boolean>;
  status: ColumnType<'active' | 'suspended' | 'retired', 'active' | 'suspended' | 'retired' | undefined>;
  river: string | null;
  target_class: number | null;
  water_body: 'river' | 'lake' | null;
  thousand_ton: Generated<boolean>;
  automatic: Generated<boolean>;
  source_doc: string | null;
  source_clause: string | null;
  source_text: string | null;
  note: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface MonitoringParameterTable {
  code: string;
  medium: 'air' | 'water';
  name: string;
  unit: string;
  optional: boolean;
  signed: boolean;
  position: number;
}

type Decimal = ColumnType<string | null, string | null, string | null>;

/** Hourly air value; observed_at is the END of the hour in China Standard Time. */
export interface MonitoringAirHourlyTable {
  station_id: number;
  observed_at: Timestamp;
  parameter: string;
  value: Decimal;
  valid: ColumnType<boolean, boolean | undefined, boolean>;
  invalid_reason: string | null;
  review: ColumnType<'raw' | 'audited', 'raw' | 'audited' | undefined>;
  corrected: Generated<boolean>;
  received_at: DefaultTimestamp;
  /** 示例数据; set by the database (0007_monitoring_evaluation). */
  demo: Generated<boolean>;
}

/** 示例数据 loads (0007_monitoring_evaluation). */
export interface MonitoringDemoLoadTable {
  id: Generated<number>;
  year: number;
  origin: 'first-start' | 'command';
  state: ColumnType<'running' | 'done' | 'failed', 'running' | 'done' | 'failed' | undefined>;
  stations_total: number;
  stations_done: Generated<number>;
  values_written: ColumnType<string, number | undefined, number>;
  /** Water samples written (0009_water_demo). */
  water_values_written: ColumnType<string, number | undefined, number>;
  error: ColumnType<string | null, string | null | undefined, string | null>;
  started_at: DefaultTimestamp;
  finished_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface MonitoringWaterSampleTable {
  site_id: number;
  mode: 'manual' | 'automatic';
  sampled_at: Timestamp;
  parameter: string;
  value: Decimal;
  valid: ColumnType<boolean, boolean | undefined, boolean>;
  invalid_reason: string | null;
  review: ColumnType<'raw' | 'audited', 'raw' | 'audited' | undefined>;
  corrected: Generated<boolean>;
  received_at: DefaultTimestamp;
  /** 示例数据; set by the database (0009_water_demo). */
  demo: Generated<boolean>;
}

export interface MonitoringCorrectionTable {
  id: Generated<number>;
  site_id: number;
  series: 'air' | 'manual' | 'automatic';
  at: Timestamp;
  parameter: string;
  before_value: Decimal;
  before_valid: boolean;
  before_reason: string | null;
  after_value: Decimal;
  after_valid: boolean;
  after_reason: string | null;
  reason: string;
  actor_id: number | null;
  actor_name: string;
  corrected_at: DefaultTimestamp;
}

/** 监测预警 (0010_monitoring_alerts): one per condition and site while it lasts. */
export interface MonitoringAlertTable {
  id: Generated<number>;
  kind: 'aqi_heavy' | 'section_below_target' | 'drinking_exceedance' | 'station_silent';
  site_id: number;
  organisation_id: number;
  opened_at: Timestamp;
  last_seen_at: Timestamp;
  closed_at: NullableTimestamp;
  detail: Json<Record<string, unknown>>;
  standard: string | null;
  demo: Generated<boolean>;
  acknowledged_by: ColumnType<number | null, number | null | undefined, number | null>;
  acknowledged_at: NullableTimestamp;
  task_item_id: ColumnType<number | null, number | null | undefined, number | null>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

/** 数采仪: an HJ 212 device allowed to send data to the gateway. */
export interface GatewayDeviceTable {
  id: Generated<number>;
  mn: string;
  password_hash: string;
  st: string;
  site_id: number | null;
  outlet_id: ColumnType<number | null, number | null | undefined, number | null>;
  flag_profile: Generated<string>;
  name: ColumnType<string | null, string | null | undefined, string | null>;
  version_seen: ColumnType<'2005' | '2017' | '2025' | null, '2005' | '2017' | '2025' | null | undefined, '2005' | '2017' | '2025' | null>;
  last_seen_at: NullableTimestamp;
  active: Generated<boolean>;
  note: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface GatewayDeviceCodeTable {
  device_id: number;
  factor_code: string;
  parameter: string;
  device_unit: string;
  scale: ColumnType<string, string | number | undefined, string | number>;
}

export interface GatewayReceiptTable {
  mn: string;
  qn: string;
  cn: string;
  device_id: number;
  observed_at: NullableTimestamp;
  values_written: number;
  segment: string;
  received_at: DefaultTimestamp;
}

type DecimalText = ColumnType<string | null, string | number | null | undefined, string | number | null>;
type DecimalTextNotNull = ColumnType<string, string | number, string | number>;

/** 排污单位 (0011_gateway_outlets); its users are those of its organisation. */
export interface EnterpriseTable {
  id: Generated<number>;
  organisation_id: number;
  name: string;
  credit_code: string | null;
  district_id: number;
  industry: string | null;
  address: string | null;
  geom: ColumnType<string | null, string | null | undefined, string | null>;
  active: Generated<boolean>;
  note: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

/** 排放口 of an enterprise. */
export interface EnterpriseOutletTable {
  id: Generated<number>;
  enterprise_id: number;
  code: string;
  name: string;
  medium: 'gas' | 'water';
  geom: ColumnType<string | null, string | null | undefined, string | null>;
  active: Generated<boolean>;
  note: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

/** 排放限值 of one pollutant of one outlet, in the device's unit. */
export interface EmissionLimitTable {
  id: Generated<number>;
  outlet_id: number;
  factor_code: string;
  limit_value: DecimalTextNotNull;
  unit: string;
  basis: ColumnType<'avg' | 'zs_avg', 'avg' | 'zs_avg' | undefined, 'avg' | 'zs_avg'>;
  resolution: ColumnType<'minute' | 'hour' | 'day', 'minute' | 'hour' | 'day' | undefined, 'minute' | 'hour' | 'day'>;
  standard: string;
  clause: string | null;
  valid_from: ColumnType<string | null, string | null | undefined, string | null>;
  valid_to: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

/** 超标事件: consecutive periods of one pollutant above its limit. */
export interface EmissionExceedanceTable {
  id: Generated<number>;
  outlet_id: number;
  limit_id: number;
  factor_code: string;
  started_at: Timestamp;
  ended_at: Timestamp;
  closed_at: NullableTimestamp;
  periods: Generated<number>;
  peak_value: DecimalTextNotNull;
  limit_value: DecimalTextNotNull;
  standard: string;
  acknowledged_by: ColumnType<number | null, number | null | undefined, number | null>;
  acknowledged_at: NullableTimestamp;
  note: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

/** Every value the gateway received, at its own resolution, as sent. */
export interface GatewayReadingTable {
  device_id: number;
  cn: '2011' | '2051' | '2061' | '2031';
  data_time: Timestamp;
  factor_code: string;
  rtd: DecimalText;
  avg: DecimalText;
  min: DecimalText;
  max: DecimalText;
  cou: DecimalText;
  zs_rtd: DecimalText;
  zs_avg: DecimalText;
  flag: string | null;
  valid: boolean;
  invalid_reason: string | null;
  extra: ColumnType<Record<string, string> | null, string | null | undefined, string | null>;
  received_at: DefaultTimestamp;
}

export type GatewayCommandState = 'pending' | 'sent' | 'accepted' | 'done' | 'refused' | 'failed' | 'expired';

/** A command the platform sends to a device, queued for whichever process runs the gateway. */
export interface GatewayCommandTable {
  id: Generated<number>;
  device_id: number;
  cn: string;
  qn: string;
  cp: ColumnType<Record<string, string>, string | undefined, string>;
  state: ColumnType<GatewayCommandState, GatewayCommandState | undefined, GatewayCommandState>;
  qn_rtn: number | null;
  exe_rtn: number | null;
  result: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  requested_by: number | null;
  requested_at: DefaultTimestamp;
  sent_at: NullableTimestamp;
  finished_at: NullableTimestamp;
  error: string | null;
}

/** What a running gateway publishes every few seconds. */
export interface GatewayStatusTable {
  instance: string;
  host: string;
  port: number;
  started_at: Timestamp;
  updated_at: Timestamp;
  snapshot: Json<Record<string, unknown>>;
}

/** 一张图: a kind of map layer (configuration). */
export interface MapLayerZone {
  code: string;
  name: string;
  nameEn: string;
  /** Spellings found in source files' attributes (e.g. 一级保护区, 一级). */
  aliases?: string[];
}

export interface MapLayerTable {
  code: string;
  name: string;
  name_en: string;
  geometry_type: 'polygon' | 'line' | 'point';
  zones: ColumnType<MapLayerZone[], string | undefined, string>;
  name_fields: ColumnType<string[], string[] | undefined, string[]>;
  zone_fields: ColumnType<string[], string[] | undefined, string[]>;
  sensitive: Generated<boolean>;
  vector_tiles: Generated<boolean>;
  screened: Generated<boolean>;
  style: ColumnType<Record<string, unknown>, string | undefined, string>;
  sort_order: Generated<number>;
  description: string | null;
  doc: string | null;
  clause: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export type MapSourceFormat = 'shapefile' | 'geojson' | 'geopackage' | 'demo' | 'package';

export interface MapLayerVersionTable {
  id: Generated<number>;
  layer_code: string;
  version: number;
  source_name: string;
  source_format: MapSourceFormat;
  source_srid: number;
  encoding: string | null;
  demo: Generated<boolean>;
  feature_count: number;
  report: ColumnType<Record<string, unknown>, string | undefined, string>;
  note: string | null;
  imported_by: number | null;
  imported_at: DefaultTimestamp;
}

export interface MapFeatureTable {
  id: Generated<string>;
  layer_version_id: number;
  source_index: number;
  name: string | null;
  zone: string | null;
  properties: ColumnType<Record<string, unknown>, string | undefined, string>;
  /** Written through sql (ST_GeomFromGeoJSON …); read through ST_AsGeoJSON. */
  geom: ColumnType<string, string, string>;
  repaired: Generated<boolean>;
}

export interface ProjectCategoryTable {
  code: string;
  name: string;
  name_en: string;
  sort_order: Generated<number>;
}

export interface ScreeningRuleSetTable {
  id: Generated<number>;
  version: number;
  note: string | null;
  created_by: number | null;
  created_at: DefaultTimestamp;
}

export type RuleVerdict = 'prohibited' | 'restricted' | 'special_study' | 'allowed';
export type ScreeningVerdict = 'inadmissible' | 'conditional' | 'admissible' | 'manual_review';

export interface ScreeningRuleTable {
  id: Generated<number>;
  rule_set_id: number;
  layer_code: string;
  zone: string | null;
  category: string | null;
  feature_filter: ColumnType<Record<string, string> | null, string | null | undefined, string | null>;
  within_m: DecimalText;
  verdict: RuleVerdict;
  basis: string;
  doc: string | null;
  clause: string | null;
  sort_order: Generated<number>;
}

export interface ScreeningTable {
  id: Generated<number>;
  token: string;
  project_name: string;
  category: string;
  attributes: ColumnType<Record<string, unknown>, string | undefined, string>;
  input: ColumnType<Record<string, unknown>, string, string>;
  site: ColumnType<string, string, string>;
  site_area_m2: number;
  layer_versions: ColumnType<{ layer: string; versionId: number; version: number }[], string, string>;
  rule_set_id: number | null;
  verdict: ScreeningVerdict;
  result: ColumnType<Record<string, unknown>, string, string>;
  organisation_id: number | null;
  created_by: number | null;
  created_at: DefaultTimestamp;
}

export interface Database {
  setting: SettingTable;
  task_list: TaskListTable;
  task_item: TaskItemTable;
  task_unit: TaskUnitTable;
  task_milestone: TaskMilestoneTable;
  task_transition: TaskTransitionTable;
  task_report: TaskReportTable;
  task_evidence: TaskEvidenceTable;
  task_recheck: TaskRecheckTable;
  task_person: TaskPersonTable;
  task_grid: TaskGridTable;
  grid: GridTable;
  grid_member: GridMemberTable;
  indicator: IndicatorTable;
  indicator_baseline: IndicatorBaselineTable;
  indicator_target: IndicatorTargetTable;
  indicator_target_unit: IndicatorTargetUnitTable;
  indicator_external_figure: IndicatorExternalFigureTable;
  indicator_value: IndicatorValueTable;
  indicator_value_event: IndicatorValueEventTable;
  indicator_value_evidence: IndicatorValueEvidenceTable;
  monitoring_site: MonitoringSiteTable;
  monitoring_parameter: MonitoringParameterTable;
  monitoring_air_hourly: MonitoringAirHourlyTable;
  monitoring_water_sample: MonitoringWaterSampleTable;
  monitoring_correction: MonitoringCorrectionTable;
  monitoring_demo_load: MonitoringDemoLoadTable;
  monitoring_alert: MonitoringAlertTable;
  gateway_device: GatewayDeviceTable;
  gateway_device_code: GatewayDeviceCodeTable;
  gateway_receipt: GatewayReceiptTable;
  gateway_reading: GatewayReadingTable;
  gateway_command: GatewayCommandTable;
  gateway_status: GatewayStatusTable;
  enterprise: EnterpriseTable;
  enterprise_outlet: EnterpriseOutletTable;
  emission_limit: EmissionLimitTable;
  emission_exceedance: EmissionExceedanceTable;
  map_layer: MapLayerTable;
  map_layer_version: MapLayerVersionTable;
  map_feature: MapFeatureTable;
  project_category: ProjectCategoryTable;
  screening_rule_set: ScreeningRuleSetTable;
  screening_rule: ScreeningRuleTable;
  screening: ScreeningTable;
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

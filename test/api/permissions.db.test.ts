import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../src/auth/roles.ts';
import { startTestApp, userWithToken, organisationId, type TestApp } from '../support/app.ts';

// Who may do what, written out by hand: the matrix the issue asks for, not derived from the code under test.
type Caller = (typeof ROLES)[number] | 'anonymous';
const CALLERS: Caller[] = [...ROLES, 'anonymous'];
const EVERY_ROLE = ROLES.filter(() => true);
const MANAGERS: Caller[] = ['admin', 'coordinator'];
const TASK_READERS: Caller[] = ['admin', 'coordinator', 'leader', 'unit_user', 'district_user', 'grid_inspector'];

interface Case {
  name: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: (ids: Ids, caller?: Caller) => string;
  body?: (ids: Ids, caller: Caller) => unknown;
  allowed: Caller[];
  /** How a refusal shows, where it is not 403 (e.g. 404 to hide records outside one's scope). */
  refusedAs?: Partial<Record<Caller, number>>;
  /** The status an allowed caller gets, where the request passes the permission check but the state refuses it. */
  allowedAs?: number;
  /** The documented route, where the URL fills a parameter other than {id}. */
  route?: string;
}

interface Ids {
  bazhouUser: number;
  tongjiangUser: number;
  eebUser: number;
  bazhou: number;
  /** 004 八: 市生态环境局 and every district are responsible; the acceptance unit is 市生态环境局 (host of 市环委办). */
  task: number;
  /** A 巴州区 grid (网格). */
  grid: number;
  /** Per caller, a city value of 优良天数比例 entered by another 市生态环境局 user: in draft, and submitted. */
  draftValue: Partial<Record<Caller, number>>;
  submittedValue: Partial<Record<Caller, number>>;
  /** 001 专栏一 序号1: 优良天数比例 完成省考核目标, a target whose figure the province sets. */
  externalTarget: number;
  /** Seeded monitoring sites: 市中心医院南坝院区 station, 手傍岩 section, 化成水库 source. */
  monitoring: { stations: number; sections: number; sources: number };
}

const CASES: Case[] = [
  { name: 'health', method: 'GET', url: () => '/api/health', allowed: CALLERS },
  { name: 'me', method: 'GET', url: () => '/api/auth/me', allowed: EVERY_ROLE },
  { name: 'roles', method: 'GET', url: () => '/api/roles', allowed: EVERY_ROLE },
  { name: 'list users', method: 'GET', url: () => '/api/users', allowed: ['admin', 'coordinator', 'leader', 'unit_user', 'district_user'] },
  {
    name: 'read a 巴州区 user',
    method: 'GET',
    url: (ids) => `/api/users/${ids.bazhouUser}`,
    allowed: ['admin', 'coordinator', 'leader', 'district_user'],
    refusedAs: { unit_user: 404 },
  },
  {
    name: 'read a 通江县 user (another district)',
    method: 'GET',
    url: (ids) => `/api/users/${ids.tongjiangUser}`,
    allowed: ['admin', 'coordinator', 'leader'],
    refusedAs: { unit_user: 404, district_user: 404 },
  },
  {
    name: 'read a 市生态环境局 user',
    method: 'GET',
    url: (ids) => `/api/users/${ids.eebUser}`,
    allowed: ['admin', 'coordinator', 'leader', 'unit_user'],
    refusedAs: { district_user: 404 },
  },
  {
    name: 'create a user',
    method: 'POST',
    url: () => '/api/users',
    body: (ids, caller) => ({ username: `new-${caller}`, displayName: '新用户', role: 'unit_user', organisationId: ids.bazhou }),
    allowed: MANAGERS,
  },
  {
    name: 'change a user',
    method: 'PATCH',
    url: (ids) => `/api/users/${ids.bazhouUser}`,
    body: () => ({ displayName: '改名' }),
    allowed: MANAGERS,
  },
  { name: 'reset a password', method: 'POST', url: (ids) => `/api/users/${ids.tongjiangUser}/reset-password`, allowed: MANAGERS },
  { name: 'source documents', method: 'GET', url: () => '/api/documents', allowed: EVERY_ROLE },
  { name: 'list organisations', method: 'GET', url: () => '/api/organisations', allowed: EVERY_ROLE },
  { name: 'organisation tree', method: 'GET', url: () => '/api/organisations/tree', allowed: EVERY_ROLE },
  { name: 'one organisation', method: 'GET', url: (ids) => `/api/organisations/${ids.bazhou}`, allowed: EVERY_ROLE },
  { name: 'resolve a unit name', method: 'GET', url: () => `/api/organisations/resolve?name=${encodeURIComponent('市生态环境局')}`, allowed: EVERY_ROLE },
  {
    name: 'create an organisation',
    method: 'POST',
    url: () => '/api/organisations',
    body: (ids, caller) => ({ key: `unit-${caller.replace('_', '-')}`, name: `测试单位${caller}`, kind: 'unit', parentId: ids.bazhou }),
    allowed: MANAGERS,
  },
  { name: 'change an organisation', method: 'PATCH', url: (ids) => `/api/organisations/${ids.bazhou}`, body: () => ({ note: '备注' }), allowed: MANAGERS },
  { name: 'whole audit trail', method: 'GET', url: () => '/api/audit', allowed: ['admin', 'coordinator', 'leader'] },
  { name: 'history of an organisation', method: 'GET', url: (ids) => `/api/audit?entity=organisation&entityId=${ids.bazhou}`, allowed: EVERY_ROLE },
  {
    name: 'history of a user in another district',
    method: 'GET',
    url: (ids) => `/api/audit?entity=user&entityId=${ids.tongjiangUser}`,
    allowed: ['admin', 'coordinator', 'leader'],
    refusedAs: { district_user: 404, unit_user: 404 },
  },
  { name: 'verify the audit trail', method: 'GET', url: () => '/api/audit/verify', allowed: ['admin'] },
  { name: 'task lists', method: 'GET', url: () => '/api/tasks/lists', allowed: TASK_READERS },
  { name: 'task board', method: 'GET', url: () => '/api/tasks/items?list=004', allowed: TASK_READERS },
  { name: 'one task item', method: 'GET', url: (ids) => `/api/tasks/items/${ids.task}`, allowed: TASK_READERS },
  { name: 'milestone progress of a task item', method: 'GET', url: (ids) => `/api/tasks/items/${ids.task}/milestone-progress`, allowed: TASK_READERS },
  { name: 'deadline timeline', method: 'GET', url: () => '/api/tasks/timeline?list=004&from=2021-01-01&to=2025-12-31', allowed: TASK_READERS },
  { name: 'task inbox', method: 'GET', url: () => '/api/tasks/inbox', allowed: TASK_READERS },
  { name: 'public task list', method: 'GET', url: () => '/api/public/tasks', allowed: CALLERS },
  {
    name: 'AQI calculator (computation only, public)',
    method: 'POST',
    url: () => '/api/v1/calc/aqi',
    body: () => ({ standard: 'HJ633-2026', mode: 'daily', values: { 'PM2.5_24h': 40 } }),
    allowed: CALLERS,
  },
  {
    name: 'annual air calculator (public)',
    method: 'POST',
    url: () => '/api/v1/calc/air-annual',
    body: () => ({ standard: 'HJ633-2012', year: 2025, days: [{ date: '2025-01-01', 'PM2.5_24h': 40, 'PM2.5_n': 24 }] }),
    allowed: CALLERS,
  },
  { name: 'water calculator (public)', method: 'POST', url: () => '/api/v1/calc/water-class', body: () => ({ waterBody: 'river', values: { DO: 6 } }), allowed: CALLERS },
  {
    name: 'report on a task (responsible units only)',
    method: 'POST',
    url: (ids) => `/api/tasks/items/${ids.task}/reports`,
    body: () => ({ text: '进展' }),
    allowed: ['unit_user', 'district_user'],
  },
  {
    // Accepting a task nobody applied for: the acceptance unit passes the permission check and meets the state rule.
    name: 'accept a task (acceptance unit only)',
    method: 'POST',
    url: (ids) => `/api/tasks/items/${ids.task}/transitions`,
    body: () => ({ action: 'accept' }),
    allowed: ['unit_user'],
    allowedAs: 409,
  },
  {
    name: 'configure a task list',
    method: 'PATCH',
    url: () => '/api/tasks/lists/002',
    route: 'PATCH /api/tasks/lists/{key}',
    body: () => ({ reportSchedule: 'bimonthly' }),
    allowed: MANAGERS,
  },
  { name: 'export a task list', method: 'GET', url: () => '/api/tasks/lists/004/export.xlsx', route: 'GET /api/tasks/lists/{key}/export.xlsx', allowed: TASK_READERS },
  { name: 'import template', method: 'GET', url: () => '/api/tasks/import-template.xlsx', allowed: TASK_READERS },
  // No file sent: a manager passes the permission check and gets the missing-file 400.
  { name: 'import a task list', method: 'POST', url: () => '/api/tasks/import', allowed: MANAGERS, allowedAs: 400 },
  { name: 'bulletin docx', method: 'GET', url: () => '/api/tasks/bulletin.docx?list=004', allowed: TASK_READERS },
  { name: 'bulletin xlsx', method: 'GET', url: () => '/api/tasks/bulletin.xlsx?list=004', allowed: TASK_READERS },
  { name: 'read settings', method: 'GET', url: () => '/api/settings', allowed: MANAGERS },
  {
    name: 'change a setting',
    method: 'PUT',
    url: () => '/api/settings/recheck_intervals_days',
    route: 'PUT /api/settings/{key}',
    body: () => ({ value: [90, 180] }),
    allowed: MANAGERS,
  },
  { name: 'create an API token', method: 'POST', url: () => '/api/auth/tokens', body: () => ({ name: 'ci' }), allowed: EVERY_ROLE },
  { name: 'people and grids of a task item', method: 'GET', url: (ids) => `/api/tasks/items/${ids.task}/people`, allowed: TASK_READERS },
  {
    // 004 八 names no 牵头单位: each responsible unit (市生态环境局, 巴州区) may set its own part — here, to nothing.
    name: 'set people and grids of a task item',
    method: 'PUT',
    url: (ids) => `/api/tasks/items/${ids.task}/people`,
    body: () => ({ persons: [], gridIds: [] }),
    allowed: ['admin', 'coordinator', 'unit_user', 'district_user'],
  },
  { name: 'list grids', method: 'GET', url: () => '/api/grids', allowed: TASK_READERS },
  { name: 'one grid', method: 'GET', url: (ids) => `/api/grids/${ids.grid}`, allowed: TASK_READERS },
  { name: 'tasks in my grids', method: 'GET', url: () => '/api/grids/mine/tasks', allowed: TASK_READERS },
  {
    name: 'create a 巴州区 grid',
    method: 'POST',
    url: () => '/api/grids',
    body: (ids, caller) => ({ code: `T-${caller.replace('_', '-')}`, name: `测试网格${caller}`, level: 'township', organisationId: ids.bazhou }),
    allowed: ['admin', 'coordinator', 'district_user'],
  },
  { name: 'change a 巴州区 grid', method: 'PATCH', url: (ids) => `/api/grids/${ids.grid}`, body: () => ({ note: '备注' }), allowed: ['admin', 'coordinator', 'district_user'] },
  { name: 'documents with targets', method: 'GET', url: () => '/api/targets/documents', allowed: TASK_READERS },
  { name: 'scorecard of 001', method: 'GET', url: () => '/api/targets/scorecard?doc=001', allowed: TASK_READERS },
  { name: '001 专栏一 as XLSX', method: 'GET', url: () => '/api/targets/exports/001.xlsx', allowed: TASK_READERS },
  { name: '000 附件2 as XLSX', method: 'GET', url: () => '/api/targets/exports/000.xlsx?year=2025', allowed: TASK_READERS },
  { name: 'assessment report as DOCX', method: 'GET', url: () => '/api/targets/report.docx?year=2025', allowed: TASK_READERS },
  { name: 'list indicators', method: 'GET', url: () => '/api/indicators', allowed: TASK_READERS },
  { name: 'one indicator', method: 'GET', url: () => '/api/indicators/air-good-days-ratio', allowed: TASK_READERS, route: 'GET /api/indicators/{key}' },
  {
    // 市生态环境局 leads 优良天数比例; 巴州区 is among its 责任单位 (各区县党委和人民政府); the coordinator enters any.
    name: 'enter a value of 优良天数比例',
    method: 'POST',
    url: () => '/api/indicators/air-good-days-ratio/values',
    body: (_ids, caller) => ({ year: 2001 + CALLERS.indexOf(caller), value: 95, source: '测试' }),
    allowed: ['coordinator', 'unit_user', 'district_user'],
    route: 'POST /api/indicators/{key}/values',
  },
  {
    // A city value: 巴州区 enters only its own district's values.
    name: 'change a draft city value',
    method: 'PATCH',
    url: (ids, caller) => `/api/indicator-values/${ids.draftValue[caller ?? 'admin'] ?? 0}`,
    body: () => ({ note: '补充说明' }),
    allowed: ['coordinator', 'unit_user'],
  },
  {
    // Reviewed by the lead unit (市生态环境局, not the user who entered it) or the coordinator.
    name: 'approve a submitted value',
    method: 'POST',
    url: (ids, caller) => `/api/indicator-values/${ids.submittedValue[caller ?? 'admin'] ?? 0}/transitions`,
    body: () => ({ action: 'approve' }),
    allowed: ['coordinator', 'unit_user'],
    route: 'POST /api/indicator-values/{id}/transitions',
  },
  {
    name: 'set the province’s figure for 2025',
    method: 'PUT',
    url: (ids) => `/api/indicator-targets/${ids.externalTarget}/figures/2025`,
    body: () => ({ value: 95.5, source: '川环委办〔2025〕1号' }),
    allowed: ['admin', 'coordinator'],
    route: 'PUT /api/indicator-targets/{id}/figures/{year}',
  },
];

const MONITORING_LEVELS = { stations: 'micro', sections: 'municipal', sources: 'township' } as const;
for (const kind of ['stations', 'sections', 'sources'] as const) {
  const base = `/api/monitoring/${kind}`;
  CASES.push(
    { name: `list monitoring ${kind}`, method: 'GET', url: () => base, allowed: TASK_READERS },
    { name: `one of the monitoring ${kind}`, method: 'GET', url: (ids) => `${base}/${ids.monitoring[kind]}`, allowed: TASK_READERS, route: `GET ${base}/{id}` },
    {
      name: `create one of the monitoring ${kind}`,
      method: 'POST',
      url: () => base,
      body: (ids, caller) => ({ code: `PM-${CALLERS.indexOf(caller)}-${kind}`, name: '测试点位', level: MONITORING_LEVELS[kind], districtId: ids.bazhou, lon: 106.8, lat: 31.9 }),
      allowed: MANAGERS,
    },
    {
      name: `change one of the monitoring ${kind}`,
      method: 'PATCH',
      url: (ids) => `${base}/${ids.monitoring[kind]}`,
      body: () => ({ note: '备注' }),
      allowed: MANAGERS,
      route: `PATCH ${base}/{id}`,
    },
    // No file sent: a manager passes the permission check and gets the missing-file 400.
    { name: `import monitoring ${kind}`, method: 'POST', url: () => `${base}/import`, allowed: MANAGERS, allowedAs: 400 },
    {
      name: `series of one of the monitoring ${kind}`,
      method: 'GET',
      url: (ids) => `${base}/${ids.monitoring[kind]}/series?from=2026-03-01&to=2026-03-31`,
      allowed: TASK_READERS,
      route: `GET ${base}/{id}/series`,
    },
    {
      // Nothing stored at that hour: a manager passes the permission check and finds no value.
      name: `correct a value of one of the monitoring ${kind}`,
      method: 'POST',
      url: (ids) => `${base}/${ids.monitoring[kind]}/corrections`,
      body: () => ({ at: '2026-03-01 01:00', parameter: kind === 'stations' ? 'pm2_5' : 'ph', value: 1, valid: true, reason: '测试' }),
      allowed: MANAGERS,
      allowedAs: 404,
      route: `POST ${base}/{id}/corrections`,
    },
  );
}
CASES.push(
  { name: 'monitoring parameters', method: 'GET', url: () => '/api/monitoring/parameters', allowed: TASK_READERS },
  { name: 'import air hourly data', method: 'POST', url: () => '/api/monitoring/air/import', allowed: MANAGERS, allowedAs: 400 },
  { name: 'import water samples', method: 'POST', url: () => '/api/monitoring/water/import', allowed: MANAGERS, allowedAs: 400 },
  {
    name: 'push air hourly data',
    method: 'POST',
    url: () => '/api/monitoring/air/push',
    body: () => ({ records: [{ site: 'BZ-AIR-NBYQ', at: '2026-03-01 01:00', values: { pm2_5: 35 } }] }),
    allowed: MANAGERS,
  },
  {
    name: 'push water samples',
    method: 'POST',
    url: () => '/api/monitoring/water/push',
    body: () => ({ records: [{ site: 'SW-SBY', at: '2026-03-10 09:30', values: { ph: 7.8 } }] }),
    allowed: MANAGERS,
  },
  { name: 'real-time air AQI', method: 'GET', url: () => '/api/monitoring/air/realtime', allowed: TASK_READERS },
  {
    name: 'daily air series of a station',
    method: 'GET',
    url: (ids) => `/api/monitoring/air/stations/${ids.monitoring.stations}/daily?from=2026-03-01&to=2026-03-31`,
    allowed: TASK_READERS,
  },
  { name: 'air evaluation', method: 'GET', url: () => '/api/monitoring/air/evaluation?period=2026-03', allowed: TASK_READERS },
  { name: 'demo data status', method: 'GET', url: () => '/api/monitoring/demo', allowed: TASK_READERS },
  { name: 'monitoring alerts', method: 'GET', url: () => '/api/monitoring/alerts', allowed: TASK_READERS },
  { name: 'one monitoring alert', method: 'GET', url: () => '/api/monitoring/alerts/999999', allowed: TASK_READERS, allowedAs: 404, route: 'GET /api/monitoring/alerts/{id}' },
  { name: 'scan for monitoring alerts', method: 'POST', url: () => '/api/monitoring/alerts/scan', allowed: MANAGERS },
  {
    name: 'acknowledge a monitoring alert',
    method: 'POST',
    url: () => '/api/monitoring/alerts/999999/acknowledge',
    allowed: TASK_READERS,
    allowedAs: 404,
    route: 'POST /api/monitoring/alerts/{id}/acknowledge',
  },
  {
    name: 'supervise a monitoring alert',
    method: 'POST',
    url: () => '/api/monitoring/alerts/999999/supervise',
    body: () => ({}),
    allowed: MANAGERS,
    allowedAs: 404,
    route: 'POST /api/monitoring/alerts/{id}/supervise',
  },
  { name: 'surface-water evaluation', method: 'GET', url: () => '/api/monitoring/water/evaluation?period=2026-03', allowed: TASK_READERS },
  {
    name: 'months of a water site',
    method: 'GET',
    url: (ids) => `/api/monitoring/water/sites/${ids.monitoring.sections}/months?year=2026`,
    allowed: TASK_READERS,
    route: 'GET /api/monitoring/water/sites/{id}/months',
  },
  { name: 'drinking-water sources', method: 'GET', url: () => '/api/monitoring/water/drinking?period=2026', allowed: TASK_READERS },
  // 企业排放: every role reads (an enterprise and a district within their own organisation), the coordinator
  // registers, and the enterprise, its district and the coordinator acknowledge exceedances.
  { name: 'enterprises', method: 'GET', url: () => '/api/emissions/enterprises', allowed: EVERY_ROLE },
  { name: 'one enterprise', method: 'GET', url: () => '/api/emissions/enterprises/999999', allowed: EVERY_ROLE, allowedAs: 404, route: 'GET /api/emissions/enterprises/{id}' },
  { name: 'outlets of an enterprise', method: 'GET', url: () => '/api/emissions/enterprises/999999/outlets', allowed: EVERY_ROLE, allowedAs: 404, route: 'GET /api/emissions/enterprises/{id}/outlets' },
  { name: 'limits of an outlet', method: 'GET', url: () => '/api/emissions/outlets/999999/limits', allowed: EVERY_ROLE, allowedAs: 404, route: 'GET /api/emissions/outlets/{id}/limits' },
  { name: 'exceedance events', method: 'GET', url: () => '/api/emissions/exceedances', allowed: EVERY_ROLE },
  { name: 'emissions inbox', method: 'GET', url: () => '/api/emissions/inbox', allowed: EVERY_ROLE },
  {
    name: 'register an enterprise',
    method: 'POST',
    url: () => '/api/emissions/enterprises',
    body: (ids, caller) => ({ name: `权限测试企业 ${caller}`, districtId: ids.bazhou }),
    allowed: MANAGERS,
  },
  { name: 'change an enterprise', method: 'PATCH', url: () => '/api/emissions/enterprises/999999', body: () => ({ note: '测试' }), allowed: MANAGERS, allowedAs: 404, route: 'PATCH /api/emissions/enterprises/{id}' },
  { name: 'add an outlet', method: 'POST', url: () => '/api/emissions/enterprises/999999/outlets', body: () => ({ code: 'DA001', name: '1号排气筒', medium: 'gas' }), allowed: MANAGERS, allowedAs: 404, route: 'POST /api/emissions/enterprises/{id}/outlets' },
  { name: 'change an outlet', method: 'PATCH', url: () => '/api/emissions/outlets/999999', body: () => ({ note: '测试' }), allowed: MANAGERS, allowedAs: 404, route: 'PATCH /api/emissions/outlets/{id}' },
  { name: 'add a limit', method: 'POST', url: () => '/api/emissions/outlets/999999/limits', body: () => ({ factorCode: 'a34013', limitValue: 10, unit: 'mg/m³', standard: 'GB 13223-2011', clause: '表1' }), allowed: MANAGERS, allowedAs: 404, route: 'POST /api/emissions/outlets/{id}/limits' },
  { name: 'change a limit', method: 'PATCH', url: () => '/api/emissions/limits/999999', body: () => ({ clause: '表1' }), allowed: MANAGERS, allowedAs: 404, route: 'PATCH /api/emissions/limits/{id}' },
  { name: 'delete a limit', method: 'DELETE', url: () => '/api/emissions/limits/999999', allowed: MANAGERS, allowedAs: 404, route: 'DELETE /api/emissions/limits/{id}' },
  // 数据采集网关 (src/gateway/routes.ts): monitoring.read to view, monitoring.manage to register, edit and command.
  { name: 'gateway status', method: 'GET', url: () => '/api/gateway/status', allowed: TASK_READERS },
  { name: 'gateway devices', method: 'GET', url: () => '/api/gateway/devices', allowed: TASK_READERS },
  { name: 'one gateway device', method: 'GET', url: () => '/api/gateway/devices/999999', allowed: TASK_READERS, allowedAs: 404, route: 'GET /api/gateway/devices/{id}' },
  { name: 'commands of a gateway device', method: 'GET', url: () => '/api/gateway/devices/999999/commands', allowed: TASK_READERS, allowedAs: 404, route: 'GET /api/gateway/devices/{id}/commands' },
  { name: 'register a gateway device', method: 'POST', url: () => '/api/gateway/devices', body: () => ({ mn: 'QSPERM1', password: '123456', site: 'NO-SUCH-SITE' }), allowed: MANAGERS, allowedAs: 422 },
  { name: 'edit a gateway device', method: 'PATCH', url: () => '/api/gateway/devices/999999', body: () => ({ name: 'x' }), allowed: MANAGERS, allowedAs: 404, route: 'PATCH /api/gateway/devices/{id}' },
  { name: 'command a gateway device', method: 'POST', url: () => '/api/gateway/devices/999999/commands', body: () => ({ kind: 'get-time' }), allowed: MANAGERS, allowedAs: 404, route: 'POST /api/gateway/devices/{id}/commands' },
  {
    name: 'acknowledge an exceedance',
    method: 'POST',
    url: () => '/api/emissions/exceedances/999999/acknowledge',
    body: () => ({}),
    allowed: ['coordinator', 'district_user', 'enterprise_user'],
    allowedAs: 404,
    route: 'POST /api/emissions/exceedances/{id}/acknowledge',
  },
  // 一张图 (src/spatial/): the administration reads the map; coordinator, units and districts screen; managers import and edit rules.
  { name: 'map layers', method: 'GET', url: () => '/api/spatial/layers', allowed: TASK_READERS },
  { name: 'versions of a map layer', method: 'GET', url: () => '/api/spatial/layers/nature_reserve/versions', allowed: TASK_READERS, route: 'GET /api/spatial/layers/{code}/versions' },
  // A file is needed to import (test/spatial/layers-import.db.test.ts); without one a manager is told so.
  { name: 'import a map layer', method: 'POST', url: () => '/api/spatial/layers/nature_reserve/versions', body: () => ({}), allowed: MANAGERS, allowedAs: 400, route: 'POST /api/spatial/layers/{code}/versions' },
  { name: 'map features of a layer', method: 'GET', url: () => '/api/spatial/layers/nature_reserve/features', allowed: TASK_READERS, route: 'GET /api/spatial/layers/{code}/features' },
  { name: 'identify on the map', method: 'GET', url: () => '/api/spatial/identify?lon=106.75&lat=31.85', allowed: TASK_READERS },
  { name: 'search the map', method: 'GET', url: () => `/api/spatial/search?q=${encodeURIComponent('保护区')}`, allowed: TASK_READERS },
  { name: 'a vector tile', method: 'GET', url: () => '/api/spatial/tiles/nature_reserve/8/203/104.mvt', allowed: TASK_READERS, route: 'GET /api/spatial/tiles/{layer}/{z}/{x}/{y}.mvt' },
  { name: 'OGC API landing page', method: 'GET', url: () => '/ogc', allowed: TASK_READERS },
  { name: 'OGC API conformance', method: 'GET', url: () => '/ogc/conformance', allowed: TASK_READERS },
  { name: 'OGC API collections', method: 'GET', url: () => '/ogc/collections', allowed: TASK_READERS },
  { name: 'an OGC API collection', method: 'GET', url: () => '/ogc/collections/no_such_layer', allowed: TASK_READERS, allowedAs: 404, route: 'GET /ogc/collections/{collectionId}' },
  { name: 'OGC API items', method: 'GET', url: () => '/ogc/collections/no_such_layer/items', allowed: TASK_READERS, allowedAs: 404, route: 'GET /ogc/collections/{collectionId}/items' },
  { name: 'an OGC API item', method: 'GET', url: () => '/ogc/collections/no_such_layer/items/1', allowed: TASK_READERS, allowedAs: 404, route: 'GET /ogc/collections/{collectionId}/items/{featureId}' },
  { name: 'project categories', method: 'GET', url: () => '/api/spatial/categories', allowed: TASK_READERS },
  { name: 'screening rules', method: 'GET', url: () => '/api/spatial/rules', allowed: TASK_READERS },
  { name: 'screening rule versions', method: 'GET', url: () => '/api/spatial/rules/versions', allowed: TASK_READERS },
  {
    name: 'edit the screening rules',
    method: 'PUT',
    url: () => '/api/spatial/rules',
    body: () => ({ note: '权限测试', rules: [{ layer: 'nature_reserve', zone: 'core', category: null, verdict: 'prohibited', basis: '测试依据', doc: null, clause: '测试条款' }] }),
    allowed: MANAGERS,
  },
  {
    name: 'screen a site',
    method: 'POST',
    url: () => '/api/spatial/screenings',
    body: () => ({ projectName: '权限测试项目', category: 'chemical', site: { kind: 'point', lon: 106.75, lat: 31.85, radiusM: 100 } }),
    allowed: ['admin', 'coordinator', 'unit_user', 'district_user'],
  },
  { name: 'screenings made', method: 'GET', url: () => '/api/spatial/screenings', allowed: ['admin', 'coordinator', 'unit_user', 'district_user'] },
  { name: 'a screening by its link', method: 'GET', url: () => '/api/spatial/screenings/AAAAAAAAAAAAAAAAAAAAAAAA', allowed: TASK_READERS, allowedAs: 404, route: 'GET /api/spatial/screenings/{token}' },
  {
    name: 'a screening report',
    method: 'GET',
    url: () => '/api/spatial/screenings/AAAAAAAAAAAAAAAAAAAAAAAA/report.docx',
    allowed: TASK_READERS,
    allowedAs: 404,
    route: 'GET /api/spatial/screenings/{token}/report.docx',
  },
);

const HOME: Record<(typeof ROLES)[number], string | null> = {
  admin: 'bazhong',
  coordinator: 'shi-huanweiban',
  unit_user: 'shi-shengtaihuanjing-ju',
  district_user: 'bazhou',
  grid_inspector: 'bazhou',
  leader: 'bazhong',
  enterprise_user: null,
};

let t: TestApp;
const tokens = new Map<Caller, string>();
let ids: Ids;

beforeAll(async () => {
  t = await startTestApp();
  for (const role of ROLES) {
    tokens.set(role, (await userWithToken(t.db, { username: `as-${role}`, role, organisation: HOME[role] })).token);
  }
  ids = {
    bazhouUser: (await userWithToken(t.db, { username: 'bazhou-clerk', role: 'district_user', organisation: 'bazhou' })).id,
    tongjiangUser: (await userWithToken(t.db, { username: 'tongjiang-clerk', role: 'district_user', organisation: 'tongjiang' })).id,
    eebUser: (await userWithToken(t.db, { username: 'eeb-clerk', role: 'unit_user', organisation: 'shi-shengtaihuanjing-ju' })).id,
    bazhou: await organisationId(t.db, 'bazhou'),
    task: (
      await t.db
        .selectFrom('task_item as i')
        .innerJoin('task_list as l', 'l.id', 'i.list_id')
        .select('i.id')
        .where('l.key', '=', '004')
        .where('i.ref', '=', '八')
        .where('i.parent_id', 'is', null)
        .executeTakeFirstOrThrow()
    ).id,
    grid: (
      await t.db
        .insertInto('grid')
        .values({ code: 'BZ-001', name: '巴州区测试网格', level: 'county', organisation_id: await organisationId(t.db, 'bazhou') })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id,
    draftValue: {},
    submittedValue: {},
    externalTarget: (
      await t.db
        .selectFrom('indicator_target as t')
        .innerJoin('indicator as i', 'i.id', 't.indicator_id')
        .select('t.id')
        .where('i.key', '=', 'air-good-days-ratio')
        .where('t.doc', '=', '001')
        .executeTakeFirstOrThrow()
    ).id,
    monitoring: {
      stations: (await t.db.selectFrom('monitoring_site').select('id').where('code', '=', 'BZ-AIR-NBYQ').executeTakeFirstOrThrow()).id,
      sections: (await t.db.selectFrom('monitoring_site').select('id').where('code', '=', 'SW-SBY').executeTakeFirstOrThrow()).id,
      sources: (await t.db.selectFrom('monitoring_site').select('id').where('code', '=', 'DW-HCSK').executeTakeFirstOrThrow()).id,
    },
  };
  const indicator = await t.db.selectFrom('indicator').select('id').where('key', '=', 'air-good-days-ratio').executeTakeFirstOrThrow();
  const city = await organisationId(t.db, 'bazhong');
  for (const [index, caller] of CALLERS.entries()) {
    for (const [state, year, into] of [['draft', 1991, ids.draftValue], ['submitted', 2011, ids.submittedValue]] as const) {
      const row = await t.db
        .insertInto('indicator_value')
        .values({ indicator_id: indicator.id, scope_id: city, year: year + index, value: 96, source: '测试', state, entered_by: ids.eebUser })
        .returning('id')
        .executeTakeFirstOrThrow();
      into[caller] = row.id;
    }
  }
});
afterAll(async () => t?.close());

describe('permission matrix', () => {
  for (const c of CASES) {
    for (const caller of CALLERS) {
      const allowed = c.allowed.includes(caller);
      const refused = caller === 'anonymous' ? 401 : (c.refusedAs?.[caller] ?? 403);
      it(`${c.name}: ${caller} ${allowed ? 'allowed' : `refused (${refused})`}`, async () => {
        const token = tokens.get(caller);
        const response = await t.app.inject({
          method: c.method,
          url: c.url(ids, caller),
          headers: token ? { authorization: `Bearer ${token}` } : {},
          ...(c.body ? { payload: c.body(ids, caller) as object } : {}),
        });
        if (allowed && c.allowedAs) expect(response.statusCode, response.body).toBe(c.allowedAs);
        else if (allowed) expect(response.statusCode, response.body).toBeLessThan(300);
        else {
          expect(response.statusCode, response.body).toBe(refused);
          expect(response.headers['content-type']).toContain('application/problem+json');
        }
      });
    }
  }

  it('covers every route the API documents', () => {
    const spec = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(spec.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    const zero: Ids = { bazhouUser: 0, tongjiangUser: 0, eebUser: 0, bazhou: 0, task: 0, grid: 0, draftValue: {}, submittedValue: {}, externalTarget: 0, monitoring: { stations: 0, sections: 0, sources: 0 } };
    const covered = new Set(CASES.map((c) => c.route ?? `${c.method} ${c.url(zero).split('?')[0]!.replace(/\/0(?=\/|$)/, '/{id}')}`));
    const uncovered = documented.filter((route) => !covered.has(route) && !route.startsWith('POST /api/auth/l'));
    // Password change needs the current password (test/api/auth.db.test.ts); evidence upload and download
    // need a file (test/tasks/workflow.db.test.ts and test/targets/targets.db.test.ts check who may upload).
    expect(uncovered.sort()).toEqual([
      'GET /api/indicator-evidence/{id}',
      'GET /api/tasks/evidence/{id}',
      'POST /api/auth/password',
      'POST /api/indicator-values/{id}/evidence',
      'POST /api/tasks/items/{id}/evidence',
    ]);
  });

  it('lists only in-scope users to a district user', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/users?pageSize=200', headers: { authorization: `Bearer ${tokens.get('district_user')}` } });
    const items = (response.json() as { items: { username: string; organisationId: number }[] }).items;
    expect(items.map((u) => u.username)).toEqual(expect.arrayContaining(['as-district_user', 'as-grid_inspector', 'bazhou-clerk']));
    expect(items.map((u) => u.username)).not.toContain('tongjiang-clerk');
    expect(new Set(items.map((u) => u.organisationId))).toEqual(new Set([ids.bazhou]));
  });

  it('does not let a coordinator create an administrator', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { authorization: `Bearer ${tokens.get('coordinator')}` },
      payload: { username: 'sneaky', displayName: 'x', role: 'admin', organisationId: null },
    });
    expect(response.statusCode).toBe(403);
  });
});

/**
 * 项目准入筛查: project categories, the versioned rule sets (edited by the coordinator, every edit a
 * new version, audited), and screenings — made, saved with the layer versions and rule set they used,
 * listed within the caller's organisation and read again by their shareable token.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { ScreeningVerdict } from '../../db/schema.ts';
import { insertRuleRows, type RuleSeed } from '../seed.ts';
import { audited, type Actor } from '../../audit/store.ts';
import { HttpProblem } from '../../server/problem.ts';
import { buildSite, ruleOf, screenSite, type DistanceFact } from './query.ts';
import { checkSite, type Geometry } from './site.ts';
import { zoneNameIn, type AppliedRule, type ScreeningReason, type ScreeningRuleRow } from './rules.ts';

export interface Category {
  code: string;
  name: string;
  nameEn: string;
}

export async function listCategories(db: Db): Promise<Category[]> {
  const rows = await db.selectFrom('project_category').select(['code', 'name', 'name_en']).orderBy('sort_order').orderBy('code').execute();
  return rows.map((r) => ({ code: r.code, name: r.name, nameEn: r.name_en }));
}

// ---- rules ----

/** A rule as the coordinator sends it: a seeded rule's fields, its document and clause optional. */
export interface RuleInput extends Omit<RuleSeed, 'doc' | 'clause'> {
  doc?: string | null;
  clause?: string | null;
}

export interface RuleView extends ScreeningRuleRow {
  layerName: string;
  zoneName: string | null;
  categoryName: string | null;
}

export interface RuleSetView {
  id: number;
  version: number;
  note: string | null;
  createdAt: string;
  createdBy: { id: number; name: string } | null;
}

/** Rule sets newest first, with who made them. */
function ruleSetQuery(db: Db) {
  return db
    .selectFrom('screening_rule_set as s')
    .leftJoin('app_user as u', 'u.id', 's.created_by')
    .select(['s.id', 's.version', 's.note', 's.created_at', 'u.id as user_id', 'u.display_name as user_name'])
    .orderBy('s.version', 'desc');
}

async function currentRuleSet(db: Db): Promise<RuleSetView | null> {
  const row = await ruleSetQuery(db).limit(1).executeTakeFirst();
  return row ? ruleSetView(row) : null;
}

const userRef = (id: number | null, name: string | null) => (id === null ? null : { id, name: name ?? '' });

function ruleSetView(row: { id: number; version: number; note: string | null; created_at: Date | string; user_id: number | null; user_name: string | null }): RuleSetView {
  return {
    id: row.id,
    version: row.version,
    note: row.note,
    createdAt: new Date(row.created_at).toISOString(),
    createdBy: userRef(row.user_id, row.user_name),
  };
}

export async function rulesOf(db: Db, ruleSetId: number): Promise<RuleView[]> {
  const rows = await db
    .selectFrom('screening_rule as r')
    .innerJoin('map_layer as l', 'l.code', 'r.layer_code')
    .leftJoin('project_category as c', 'c.code', 'r.category')
    .leftJoin('source_document as d', 'd.id', 'r.doc')
    .select(['r.id', 'r.layer_code as layer', 'l.name as layer_name', 'l.zones', 'r.zone', 'r.category', 'c.name as category_name', 'r.feature_filter', 'r.within_m', 'r.verdict', 'r.basis', 'r.doc', 'd.title as doc_title', 'r.clause'])
    .where('r.rule_set_id', '=', ruleSetId)
    .orderBy('r.sort_order')
    .orderBy('r.id')
    .execute();
  return rows.map((r) => ({ ...ruleOf(r), layerName: r.layer_name, zoneName: zoneNameIn(r.zones, r.zone), categoryName: r.category_name }));
}

export async function currentRules(db: Db): Promise<{ ruleSet: RuleSetView | null; items: RuleView[] }> {
  const ruleSet = await currentRuleSet(db);
  return { ruleSet, items: ruleSet ? await rulesOf(db, ruleSet.id) : [] };
}

export async function ruleSetVersions(db: Db): Promise<(RuleSetView & { ruleCount: number })[]> {
  const rows = await ruleSetQuery(db)
    .select((eb) => eb.selectFrom('screening_rule as r').select(eb.fn.countAll<number>().as('n')).whereRef('r.rule_set_id', '=', 's.id').as('rule_count'))
    .execute();
  return rows.map((r) => ({ ...ruleSetView(r), ruleCount: Number(r.rule_count ?? 0) }));
}

/** Every rule names an existing layer (and one of its zones), category and document, and its basis. */
async function checkRules(db: Db, rules: RuleInput[]): Promise<void> {
  const layers = new Map((await db.selectFrom('map_layer').select(['code', 'zones']).execute()).map((l) => [l.code, l.zones]));
  const categories = new Set((await db.selectFrom('project_category').select('code').execute()).map((c) => c.code));
  const docs = new Set((await db.selectFrom('source_document').select('id').execute()).map((d) => d.id));
  const errors: { field: string; message: string }[] = [];
  for (const [i, rule] of rules.entries()) {
    const at = `rules.${i}`;
    const zones = layers.get(rule.layer);
    if (!zones) errors.push({ field: `${at}.layer`, message: `图层「${rule.layer}」不存在 / layer not found` });
    else if (rule.zone !== null && !zones.some((z) => z.code === rule.zone)) {
      errors.push({ field: `${at}.zone`, message: `图层「${rule.layer}」没有分区「${rule.zone}」，可用：${zones.map((z) => `${z.code}（${z.name}）`).join('、') || '无分区'}` });
    }
    if (rule.category !== null && !categories.has(rule.category)) errors.push({ field: `${at}.category`, message: `项目类别「${rule.category}」不存在 / category not found` });
    if (rule.basis.trim() === '') errors.push({ field: `${at}.basis`, message: '须写明依据原文 / basis required' });
    if (rule.doc != null && !docs.has(rule.doc)) errors.push({ field: `${at}.doc`, message: `文件「${rule.doc}」不存在 / document not found` });
    if (rule.doc == null && !rule.clause?.trim()) errors.push({ field: `${at}.clause`, message: '未引用本市文件时，须写明所依据的法律法规条款 / clause required' });
  }
  if (errors.length > 0) throw new HttpProblem(422, '筛查规则无效', errors.map((e) => `${e.field}：${e.message}`).join('；'), errors);
}

/** Saves the rules as a new rule set version; screenings made before keep naming the set they used. */
export async function replaceRules(db: Db, actor: Actor, given: { note: string | null; rules: RuleInput[] }): Promise<{ ruleSet: RuleSetView | null; items: RuleView[] }> {
  // Forms send '' for an empty choice (and the request coercion may turn null into ''): both mean none.
  const none = (value: string | null | undefined) => (value == null || value.trim() === '' ? null : value.trim());
  const input = {
    note: none(given.note),
    rules: given.rules.map((rule) => ({ ...rule, zone: none(rule.zone), category: none(rule.category), doc: none(rule.doc), clause: none(rule.clause) })),
  };
  await checkRules(db, input.rules);
  await audited(db, actor, async (trx, audit) => {
    const { rows } = await sql<{ next: number }>`SELECT coalesce(max(version), 0) + 1 AS next FROM screening_rule_set`.execute(trx);
    const version = Number(rows[0]!.next);
    const set = await trx
      .insertInto('screening_rule_set')
      .values({ version, note: input.note, created_by: actor.id })
      .returning('id')
      .executeTakeFirstOrThrow();
    await insertRuleRows(trx, set.id, input.rules);
    await audit({ action: 'create', entity: 'screening_rule_set', entityId: set.id, after: { version, note: input.note, rules: input.rules } });
  });
  return currentRules(db);
}

// ---- screenings ----

export interface ScreeningInput {
  projectName: string;
  category: string;
  attributes?: Record<string, string | number>;
  site: unknown;
}

/** A feature of a screened layer the site touches, and how much of the site it covers. */
export interface FeatureHit {
  featureId: number;
  name: string | null;
  zone: string | null;
  zoneName: string | null;
  overlapM2: number;
  shareOfSite: number;
}

/** A screened layer: the version the screening used (null: no data yet) and the features it hit. */
export interface LayerHits {
  layer: string;
  layerName: string;
  versionId: number | null;
  version: number | null;
  demo: boolean;
  hits: FeatureHit[];
}

/** A control unit's 生态环境准入清单, from the unit feature's properties. */
export interface AdmissionList {
  spatialLayout: string | null;
  emissionControl: string | null;
  riskPrevention: string | null;
  resourceEfficiency: string | null;
}

export interface ControlUnitHit extends FeatureHit {
  admissionList: AdmissionList;
}

export interface Screening {
  id: number;
  token: string;
  projectName: string;
  category: Category;
  attributes: Record<string, unknown>;
  /** The SiteInput as given: { kind: 'point' | 'line' | 'polygon' | 'geometry' | 'boundary_points', … }. */
  input: Record<string, unknown>;
  site: Geometry;
  siteAreaM2: number;
  verdict: ScreeningVerdict;
  reasons: string[];
  /** The reasons as data, one for each of `reasons`; null for a screening saved before they were kept. */
  reasonDetails: ScreeningReason[] | null;
  /** What the site input's checks noticed (e.g. a ring closed for the user). */
  warnings: string[];
  layers: LayerHits[];
  distances: DistanceFact[];
  controlUnits: ControlUnitHit[];
  rules: AppliedRule[];
  ruleSet: { id: number; version: number } | null;
  demo: boolean;
  createdAt: string;
  createdBy: { id: number; name: string } | null;
}

/** What is stored in screening.result: everything shown that the row's columns do not hold. */
type StoredResult = Pick<Screening, 'reasons' | 'reasonDetails' | 'warnings' | 'layers' | 'distances' | 'controlUnits' | 'rules' | 'ruleSet' | 'demo'> & { category: Category };

const CONTROL_UNIT_LAYER = 'control_unit';
const text = (value: unknown) => (value === undefined || value === null || value === '' ? null : String(value));

export async function createScreening(db: Db, actor: Actor, organisationId: number | null, input: ScreeningInput): Promise<Screening> {
  const category = await db.selectFrom('project_category').select(['code', 'name', 'name_en']).where('code', '=', input.category).executeTakeFirst();
  if (!category) throw new HttpProblem(422, '项目类别不存在', `项目类别「${input.category}」不存在 / category not found`, [{ field: 'category', message: '项目类别不存在' }]);
  const checked = checkSite(input.site);
  if (!checked.ok) throw new HttpProblem(422, '项目选址无效', checked.error, [{ field: checked.field, message: checked.error }]);
  const site = await buildSite(db, checked.value);
  if (!site.valid) throw new HttpProblem(422, '项目选址无效', `选址几何无效：${site.invalidReason ?? ''}`, [{ field: 'site', message: '几何无效' }]);
  if (!(site.areaM2 > 0)) throw new HttpProblem(422, '项目选址无效', '选址面积为零', [{ field: 'site', message: '选址面积为零' }]);

  const outcome = await screenSite(db, site.ewkt, category.code);
  const area = outcome.siteAreaM2;
  const hitOf = (zones: { code: string; name: string }[], h: { featureId: number; name: string | null; zone: string | null; overlapM2: number }): FeatureHit => ({
    featureId: h.featureId,
    name: h.name,
    zone: h.zone,
    zoneName: zoneNameIn(zones, h.zone),
    overlapM2: h.overlapM2,
    shareOfSite: area > 0 ? h.overlapM2 / area : 0,
  });
  const layers: Screening['layers'] = outcome.layers.map((l) => ({
    layer: l.layer,
    layerName: l.layerName,
    versionId: l.versionId,
    version: l.version,
    demo: l.demo,
    hits: l.hits.map((h) => hitOf(l.zones, h)),
  }));
  const unitLayer = outcome.layers.find((l) => l.layer === CONTROL_UNIT_LAYER);
  const controlUnits: Screening['controlUnits'] = (unitLayer?.hits ?? [])
    .filter((h) => h.overlapM2 > 0)
    .map((h) => ({
      ...hitOf(unitLayer!.zones, h),
      admissionList: {
        spatialLayout: text(h.properties.spatial_layout),
        emissionControl: text(h.properties.emission_control),
        riskPrevention: text(h.properties.risk_prevention),
        resourceEfficiency: text(h.properties.resource_efficiency),
      },
    }));
  const result: StoredResult = {
    category: { code: category.code, name: category.name, nameEn: category.name_en },
    reasons: outcome.evaluation.reasons,
    reasonDetails: outcome.evaluation.reasonDetails,
    warnings: checked.warnings,
    layers,
    distances: outcome.distances,
    controlUnits,
    rules: outcome.evaluation.rules,
    ruleSet: outcome.ruleSet,
    // Every current layer took part in the screening, so one demo layer makes the whole result 示例.
    demo: outcome.layers.some((l) => l.demo),
  };
  const layerVersions = outcome.layers.filter((l) => l.versionId !== null).map((l) => ({ layer: l.layer, versionId: l.versionId!, version: l.version! }));
  const token = randomBytes(18).toString('base64url');
  const saved = await audited(db, actor, async (trx, audit) => {
    const row = await trx
      .insertInto('screening')
      .values({
        token,
        project_name: input.projectName.trim(),
        category: category.code,
        attributes: JSON.stringify(input.attributes ?? {}),
        input: JSON.stringify(input.site),
        site: sql<string>`ST_SetSRID(ST_GeomFromEWKT(${site.ewkt}), 4490)` as never,
        site_area_m2: area,
        layer_versions: JSON.stringify(layerVersions),
        rule_set_id: outcome.ruleSet?.id ?? null,
        verdict: outcome.evaluation.verdict,
        result: JSON.stringify(result),
        organisation_id: organisationId,
        created_by: actor.id,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit({ action: 'create', entity: 'screening', entityId: row.id, after: { token, projectName: input.projectName, category: category.code, verdict: outcome.evaluation.verdict, ruleSetId: outcome.ruleSet?.id ?? null, layerVersions } });
    return row.id;
  });
  return (await screeningById(db, saved))!;
}

function screeningQuery(db: Db) {
  return db
    .selectFrom('screening as s')
    .leftJoin('app_user as u', 'u.id', 's.created_by')
    .leftJoin('project_category as c', 'c.code', 's.category')
    .select([
      's.id',
      's.token',
      's.project_name',
      's.category',
      'c.name as category_name',
      'c.name_en as category_name_en',
      's.attributes',
      's.input',
      sql<string>`ST_AsGeoJSON(s.site, 9)`.as('site_geojson'),
      's.site_area_m2',
      's.rule_set_id',
      's.verdict',
      's.result',
      's.created_at',
      'u.id as user_id',
      'u.display_name as user_name',
    ]);
}

type ScreeningRow = Awaited<ReturnType<ReturnType<typeof screeningQuery>['executeTakeFirstOrThrow']>>;

function screeningView(row: ScreeningRow): Screening {
  const result = (typeof row.result === 'string' ? JSON.parse(row.result) : row.result) as StoredResult;
  return {
    id: row.id,
    token: row.token,
    projectName: row.project_name,
    category: row.category_name ? { code: row.category, name: row.category_name, nameEn: row.category_name_en ?? '' } : result.category,
    attributes: row.attributes,
    input: row.input,
    site: JSON.parse(row.site_geojson),
    siteAreaM2: Number(row.site_area_m2),
    verdict: row.verdict,
    reasons: result.reasons ?? [],
    reasonDetails: result.reasonDetails ?? null,
    warnings: result.warnings ?? [],
    layers: result.layers ?? [],
    distances: result.distances ?? [],
    controlUnits: result.controlUnits ?? [],
    rules: result.rules ?? [],
    ruleSet: result.ruleSet ?? null,
    demo: result.demo ?? false,
    createdAt: new Date(row.created_at).toISOString(),
    createdBy: userRef(row.user_id, row.user_name),
  };
}

async function screeningById(db: Db, id: number): Promise<Screening | null> {
  const row = await screeningQuery(db).where('s.id', '=', id).executeTakeFirst();
  return row ? screeningView(row) : null;
}

/** A screening as its shareable link shows it (the report helper reads it the same way). */
export async function screeningByToken(db: Db, token: string): Promise<Screening | null> {
  const row = await screeningQuery(db).where('s.token', '=', token).executeTakeFirst();
  return row ? screeningView(row) : null;
}

export interface ScreeningSummary {
  id: number;
  token: string;
  projectName: string;
  category: Category;
  verdict: ScreeningVerdict;
  siteAreaM2: number;
  ruleSet: { id: number; version: number } | null;
  demo: boolean;
  organisationId: number | null;
  createdAt: string;
  createdBy: { id: number; name: string } | null;
}

/** Screenings newest first; `scope` null for all, else the organisations whose screenings may be seen. */
export async function listScreenings(db: Db, scope: number[] | null, page: { page: number; pageSize: number }): Promise<{ items: ScreeningSummary[]; total: number }> {
  if (scope !== null && scope.length === 0) return { items: [], total: 0 };
  let base = db.selectFrom('screening as s');
  if (scope !== null) base = base.where('s.organisation_id', 'in', scope);
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .leftJoin('app_user as u', 'u.id', 's.created_by')
    .leftJoin('project_category as c', 'c.code', 's.category')
    .leftJoin('screening_rule_set as rs', 'rs.id', 's.rule_set_id')
    .select(['s.id', 's.token', 's.project_name', 's.category', 'c.name as category_name', 'c.name_en as category_name_en', 's.verdict', 's.site_area_m2', 's.rule_set_id', 'rs.version as rule_set_version', 's.organisation_id', 's.created_at', 'u.id as user_id', 'u.display_name as user_name'])
    .select(sql<boolean>`coalesce((s.result ->> 'demo')::boolean, false)`.as('demo'))
    .orderBy('s.created_at', 'desc')
    .orderBy('s.id', 'desc')
    .limit(page.pageSize)
    .offset((page.page - 1) * page.pageSize)
    .execute();
  return {
    total: Number(total.n),
    items: rows.map((r) => ({
      id: r.id,
      token: r.token,
      projectName: r.project_name,
      category: { code: r.category, name: r.category_name ?? r.category, nameEn: r.category_name_en ?? '' },
      verdict: r.verdict,
      siteAreaM2: Number(r.site_area_m2),
      ruleSet: r.rule_set_id === null || r.rule_set_version === null ? null : { id: r.rule_set_id, version: r.rule_set_version },
      demo: r.demo,
      organisationId: r.organisation_id,
      createdAt: new Date(r.created_at).toISOString(),
      createdBy: userRef(r.user_id, r.user_name),
    })),
  };
}


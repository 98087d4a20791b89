import type { Transaction } from 'kysely';
import type { Db } from '../db/connect.ts';
import type { Database } from '../db/schema.ts';
import { audited, type Actor } from '../audit/store.ts';
import { inScope, organisationScope, type Principal } from '../auth/access.ts';
import { HttpProblem, problems } from '../server/problem.ts';
import { fitsUnder, memberProblems, type FieldProblem, type GridLevel, type MemberInput } from './rules.ts';
import { checkGeometry, geometryValue, getGrid, wouldCycle, type Grid } from './store.ts';

export interface GridInput {
  code?: string;
  name?: string;
  level?: GridLevel;
  organisationId?: number;
  parentId?: number | null;
  note?: string | null;
  active?: boolean;
  members?: MemberInput[];
  /** GeoJSON Polygon or MultiPolygon in CGCS2000 longitude/latitude; null removes the boundary. */
  geometry?: unknown;
}

type Scope = number[] | null;

function invalid(found: FieldProblem[]): HttpProblem {
  return problems.badRequest(found.map((p) => p.message).join('；'), found);
}

const outOfScope = () => problems.forbidden('只能管理本单位及下属单位的网格');

async function checkOrganisation(db: Db, organisationId: number, scope: Scope): Promise<void> {
  const org = await db.selectFrom('organisation').select(['id', 'active']).where('id', '=', organisationId).executeTakeFirst();
  if (!org) throw invalid([{ field: 'organisationId', message: '组织机构不存在' }]);
  if (!org.active) throw invalid([{ field: 'organisationId', message: '组织机构已停用' }]);
  if (!inScope(scope, organisationId)) throw outOfScope();
}

async function checkParent(db: Db, id: number | null, parentId: number, level: GridLevel): Promise<void> {
  const parent = await db.selectFrom('grid').select(['id', 'level', 'active']).where('id', '=', parentId).executeTakeFirst();
  if (!parent) throw invalid([{ field: 'parentId', message: '上级网格不存在' }]);
  if (!parent.active) throw invalid([{ field: 'parentId', message: '上级网格已停用' }]);
  if (id !== null && (parentId === id || (await wouldCycle(db, id, parentId)))) throw invalid([{ field: 'parentId', message: '上级网格不能是自己或自己的下级' }]);
  if (!fitsUnder(parent.level, level)) throw invalid([{ field: 'parentId', message: '上级网格的层级应高于本网格' }]);
}

/** Members must be active accounts the manager may see: a district user names its own people. */
async function checkMembers(db: Db, members: readonly MemberInput[], scope: Scope): Promise<void> {
  const found = memberProblems(members);
  const users = members.length
    ? await db.selectFrom('app_user').select(['id', 'active', 'organisation_id']).where('id', 'in', members.map((m) => m.userId)).execute()
    : [];
  members.forEach((member, index) => {
    const user = users.find((u) => u.id === member.userId);
    const field = `members.${index}.userId`;
    if (!user) found.push({ field, message: '账号不存在' });
    else if (!user.active) found.push({ field, message: '账号已停用' });
    else if (!inScope(scope, user.organisation_id)) found.push({ field, message: '只能选择本单位及下属单位的账号' });
  });
  if (found.length > 0) throw invalid(found);
}

async function checkCodeFree(db: Db, code: string, exceptId: number | null): Promise<void> {
  const clash = await db
    .selectFrom('grid')
    .select('name')
    .where('code', '=', code)
    .$if(exceptId !== null, (q) => q.where('id', '!=', exceptId!))
    .executeTakeFirst();
  if (clash) throw problems.conflict(`编码 ${code} 已被网格「${clash.name}」使用`, 'code');
}

async function checkBoundary(db: Db, geometry: unknown): Promise<void> {
  if (geometry === undefined || geometry === null) return;
  const problem = await checkGeometry(db, geometry);
  if (problem) throw invalid([{ field: 'geometry', message: problem }]);
}

async function writeMembers(trx: Transaction<Database>, gridId: number, members: readonly MemberInput[]): Promise<void> {
  await trx.deleteFrom('grid_member').where('grid_id', '=', gridId).execute();
  if (members.length > 0) {
    await trx.insertInto('grid_member').values(members.map((m) => ({ grid_id: gridId, user_id: m.userId, role: m.role }))).execute();
  }
}

/**
 * What the audit trail keeps of a grid: everything but the moment of the last change, with the parent
 * grid named as such (a bare parentId would read as an organisation's).
 */
function auditView(grid: Grid) {
  const { updatedAt: _updatedAt, parentId, parentName, ...rest } = grid;
  return { ...rest, parentGrid: parentId === null ? null : { id: parentId, name: parentName } };
}

export async function createGrid(
  db: Db,
  actor: Actor,
  principal: Principal,
  input: GridInput & { code: string; name: string; level: GridLevel; organisationId: number },
): Promise<Grid> {
  const scope = await organisationScope(db, principal, 'grids.manage');
  await checkOrganisation(db, input.organisationId, scope);
  if (input.parentId !== undefined && input.parentId !== null) await checkParent(db, null, input.parentId, input.level);
  await checkMembers(db, input.members ?? [], scope);
  await checkBoundary(db, input.geometry);
  await checkCodeFree(db, input.code, null);
  return audited(db, actor, async (trx, audit) => {
    const row = await trx
      .insertInto('grid')
      .values({
        code: input.code,
        name: input.name.trim(),
        level: input.level,
        organisation_id: input.organisationId,
        parent_id: input.parentId ?? null,
        note: input.note?.trim() || null,
        ...(input.geometry !== undefined && input.geometry !== null && { geom: geometryValue(input.geometry) }),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await writeMembers(trx, row.id, input.members ?? []);
    const created = (await getGrid(trx, row.id))!;
    await audit({ action: 'create', entity: 'grid', entityId: row.id, after: auditView(created) });
    return created;
  });
}

/** Changes, deactivates or reactivates a grid; both its present and its new organisation must be the manager's. */
export async function updateGrid(db: Db, actor: Actor, principal: Principal, id: number, input: GridInput): Promise<Grid> {
  const scope = await organisationScope(db, principal, 'grids.manage');
  const current = await getGrid(db, id);
  if (!current) throw problems.notFound('网格');
  if (!inScope(scope, current.organisationId)) throw outOfScope();
  if (input.organisationId !== undefined && input.organisationId !== current.organisationId) await checkOrganisation(db, input.organisationId, scope);
  const level = input.level ?? current.level;
  const parentId = input.parentId === undefined ? current.parentId : input.parentId;
  if (parentId !== null && (input.parentId !== undefined || input.level !== undefined)) await checkParent(db, id, parentId, level);
  if (input.level !== undefined && input.level !== current.level) {
    const children = await db.selectFrom('grid').select('level').where('parent_id', '=', id).execute();
    if (children.some((child) => !fitsUnder(level, child.level))) throw invalid([{ field: 'level', message: '下级网格的层级须低于本网格' }]);
  }
  if (input.active === false && current.active) {
    const activeChild = await db.selectFrom('grid').select('id').where('parent_id', '=', id).where('active', '=', true).executeTakeFirst();
    if (activeChild) throw problems.conflict('请先停用其下级网格', 'active');
  }
  if (input.members !== undefined) await checkMembers(db, input.members, scope);
  await checkBoundary(db, input.geometry);
  if (input.code !== undefined) await checkCodeFree(db, input.code, id);
  return audited(db, actor, async (trx, audit) => {
    const before = (await getGrid(trx, id))!;
    await trx
      .updateTable('grid')
      .set({
        ...(input.code !== undefined && { code: input.code }),
        ...(input.name !== undefined && { name: input.name.trim() }),
        ...(input.level !== undefined && { level: input.level }),
        ...(input.organisationId !== undefined && { organisation_id: input.organisationId }),
        ...(input.parentId !== undefined && { parent_id: input.parentId }),
        ...(input.note !== undefined && { note: input.note?.trim() || null }),
        ...(input.active !== undefined && { active: input.active }),
        ...(input.geometry !== undefined && { geom: input.geometry === null ? null : geometryValue(input.geometry) }),
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    if (input.members !== undefined) await writeMembers(trx, id, input.members);
    const after = (await getGrid(trx, id))!;
    const action = input.active === false && before.active ? 'deactivate' : input.active === true && !before.active ? 'activate' : 'update';
    await audit({ action, entity: 'grid', entityId: id, before: auditView(before), after: auditView(after) });
    return after;
  });
}

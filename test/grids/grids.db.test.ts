import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../../src/audit/store.ts';
import { organisationId, startTestApp, userWithToken, type TestApp } from '../support/app.ts';

let t: TestApp;
const tokens: Record<string, string> = {};
const users: Record<string, number> = {};
let bazhou: number;
let tongjiang: number;

const as = (who: string) => ({ authorization: `Bearer ${tokens[who]}` });
const post = (who: string, payload: object) => t.app.inject({ method: 'POST', url: '/api/grids', headers: as(who), payload });
const patch = (who: string, id: number, payload: object) => t.app.inject({ method: 'PATCH', url: `/api/grids/${id}`, headers: as(who), payload });
const fieldsOf = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field).sort();

/** 巴州区 around its seat, roughly: a closed ring in CGCS2000 longitude/latitude. */
const BAZHOU_BOUNDARY = {
  type: 'Polygon',
  coordinates: [
    [
      [106.6, 31.7],
      [106.9, 31.7],
      [106.9, 31.95],
      [106.6, 31.95],
      [106.6, 31.7],
    ],
  ],
};

async function auditOf(entityId: number) {
  return t.db.selectFrom('audit_entry').selectAll().where('entity', '=', 'grid').where('entity_id', '=', String(entityId)).orderBy('id').execute();
}

beforeAll(async () => {
  t = await startTestApp();
  bazhou = await organisationId(t.db, 'bazhou');
  tongjiang = await organisationId(t.db, 'tongjiang');
  const accounts: [string, string, string | null][] = [
    ['admin', 'admin', 'bazhong'],
    ['bazhou', 'district_user', 'bazhou'],
    ['tongjiang', 'district_user', 'tongjiang'],
    ['inspector', 'grid_inspector', 'bazhou'],
    ['chief', 'grid_inspector', 'bazhou'],
    ['tj-inspector', 'grid_inspector', 'tongjiang'],
    ['leader', 'leader', 'bazhong'],
  ];
  for (const [name, role, org] of accounts) {
    const user = await userWithToken(t.db, { username: `g-${name}`, role, organisation: org });
    tokens[name] = user.token;
    users[name] = user.id;
  }
});
afterAll(async () => t?.close());

describe('grids (网格)', () => {
  let county: number;
  let township: number;

  it('lets the administrator create a 巴州区 county grid with its chief and boundary, audited', async () => {
    const created = await post('admin', {
      code: 'BZ',
      name: '巴州区县级网格',
      level: 'county',
      organisationId: bazhou,
      members: [{ userId: users.chief, role: 'chief' }],
      geometry: BAZHOU_BOUNDARY,
    });
    expect(created.statusCode, created.body).toBe(201);
    const grid = created.json();
    county = grid.id;
    expect(grid).toMatchObject({ code: 'BZ', level: 'county', organisationName: '巴州区', parentId: null, active: true });
    expect(grid.geometrySha256).toMatch(/^[0-9a-f]{64}$/);
    expect(grid.members).toEqual([expect.objectContaining({ userId: users.chief, role: 'chief', username: 'g-chief' })]);

    const detail = (await t.app.inject({ method: 'GET', url: `/api/grids/${county}`, headers: as('leader') })).json();
    expect(detail.geometry.type).toBe('MultiPolygon');
    expect(detail.geometry.coordinates[0][0]).toContainEqual([106.9, 31.95]);

    const [entry] = await auditOf(county);
    expect(entry).toMatchObject({ action: 'create', before: null });
    expect(entry!.after).toMatchObject({ code: 'BZ', members: [expect.objectContaining({ userId: users.chief })] });
  });

  it('answers invalid input with 400 problem+json naming each field', async () => {
    const response = await post('admin', { code: '巴州', name: '  ', level: 'district', organisationId: bazhou });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(fieldsOf(response.json())).toEqual(expect.arrayContaining(['code', 'level', 'name']));

    const bowtie = { type: 'Polygon', coordinates: [[[106.6, 31.7], [106.9, 31.95], [106.9, 31.7], [106.6, 31.95], [106.6, 31.7]]] };
    const selfCrossing = await post('admin', { code: 'BZ-X', name: '自相交', level: 'township', organisationId: bazhou, geometry: bowtie });
    expect(selfCrossing.statusCode).toBe(400);
    expect(selfCrossing.json().errors).toEqual([{ field: 'geometry', message: '边界不是有效的多边形（自相交或未闭合）' }]);

    const taken = await post('admin', { code: 'BZ', name: '重复编码', level: 'township', organisationId: bazhou });
    expect(taken.statusCode).toBe(409);
    expect(fieldsOf(taken.json())).toEqual(['code']);
  });

  it('nests grids by level and keeps one chief per grid', async () => {
    const upside = await post('admin', { code: 'BZ-UP', name: '倒置', level: 'city', organisationId: bazhou, parentId: county });
    expect(upside.statusCode).toBe(400);
    expect(upside.json().errors).toEqual([{ field: 'parentId', message: '上级网格的层级应高于本网格' }]);

    const twoChiefs = await post('admin', {
      code: 'BZ-01',
      name: '江北街道网格',
      level: 'township',
      organisationId: bazhou,
      parentId: county,
      members: [
        { userId: users.chief, role: 'chief' },
        { userId: users.inspector, role: 'chief' },
      ],
    });
    expect(twoChiefs.statusCode).toBe(400);
    expect(fieldsOf(twoChiefs.json())).toEqual(['members.1.role']);

    const created = await post('bazhou', {
      code: 'BZ-01',
      name: '江北街道网格',
      level: 'township',
      organisationId: bazhou,
      parentId: county,
      members: [{ userId: users.inspector, role: 'inspector' }],
    });
    expect(created.statusCode, created.body).toBe(201);
    township = created.json().id;
    expect(created.json().parentName).toBe('巴州区县级网格');

    const loop = await patch('admin', county, { parentId: township, level: 'village' });
    expect(loop.statusCode).toBe(400);
    expect(fieldsOf(loop.json())).toEqual(['parentId']);
  });

  it('keeps a district user to its own district: other grids, organisations and accounts are refused', async () => {
    const tj = await post('tongjiang', { code: 'TJ', name: '通江县县级网格', level: 'county', organisationId: tongjiang, members: [{ userId: users['tj-inspector'], role: 'inspector' }] });
    expect(tj.statusCode, tj.body).toBe(201);
    const tjGrid = tj.json().id as number;

    const elsewhere = await post('bazhou', { code: 'TJ-02', name: '越界网格', level: 'township', organisationId: tongjiang });
    expect(elsewhere.statusCode).toBe(403);
    expect(elsewhere.headers['content-type']).toContain('application/problem+json');
    expect((await patch('bazhou', tjGrid, { note: '越界修改' })).statusCode).toBe(403);
    expect((await patch('bazhou', township, { organisationId: tongjiang })).statusCode).toBe(403);

    const foreignMember = await patch('bazhou', township, { members: [{ userId: users['tj-inspector'], role: 'inspector' }] });
    expect(foreignMember.statusCode).toBe(400);
    expect(foreignMember.json().errors).toEqual([{ field: 'members.0.userId', message: '只能选择本单位及下属单位的账号' }]);

    expect((await t.db.selectFrom('grid').select('note').where('id', '=', tjGrid).executeTakeFirstOrThrow()).note).toBeNull();
  });

  it('records a change with its before and after', async () => {
    const changed = await patch('bazhou', township, { name: '江北街道生态环境网格', members: [{ userId: users.inspector, role: 'chief' }] });
    expect(changed.statusCode, changed.body).toBe(200);
    expect(changed.json().members).toEqual([expect.objectContaining({ userId: users.inspector, role: 'chief' })]);
    const entries = await auditOf(township);
    const last = entries.at(-1)!;
    expect(last.action).toBe('update');
    expect(last.actor_name).toBe('g-bazhou');
    expect(last.before).toMatchObject({ name: '江北街道网格', members: [expect.objectContaining({ role: 'inspector' })] });
    expect(last.after).toMatchObject({ name: '江北街道生态环境网格', members: [expect.objectContaining({ role: 'chief' })] });
  });

  it('lists grids of an organisation and its subtree, filtered and paged', async () => {
    const list = async (query: string) => (await t.app.inject({ method: 'GET', url: `/api/grids?${query}`, headers: as('inspector') })).json();
    const ofBazhou = await list(`organisationId=${bazhou}`);
    expect(ofBazhou.total).toBe(2);
    expect(ofBazhou.items.map((g: { code: string }) => g.code)).toEqual(['BZ', 'BZ-01']);
    const firstPage = await list(`organisationId=${bazhou}&pageSize=1&page=2`);
    expect(firstPage).toMatchObject({ total: 2, page: 2, pageSize: 1, items: [expect.objectContaining({ code: 'BZ-01' })] });
    expect((await list('level=county')).items.map((g: { code: string }) => g.code)).toEqual(['BZ', 'TJ']);
    expect((await list(`q=${encodeURIComponent('生态环境网格')}`)).items.map((g: { code: string }) => g.code)).toEqual(['BZ-01']);
    const city = await organisationId(t.db, 'bazhong');
    expect((await list(`organisationId=${city}`)).total).toBe(3);
  });

  it('deactivates a grid only after its children, and lists it as inactive', async () => {
    const early = await patch('admin', county, { active: false });
    expect(early.statusCode).toBe(409);
    expect((await patch('bazhou', township, { active: false })).statusCode).toBe(200);
    const done = await patch('admin', county, { active: false });
    expect(done.statusCode).toBe(200);
    expect(done.json().active).toBe(false);
    expect((await auditOf(county)).at(-1)).toMatchObject({ action: 'deactivate', before: expect.objectContaining({ active: true }), after: expect.objectContaining({ active: false }) });
    const inactive = (await t.app.inject({ method: 'GET', url: '/api/grids?active=false', headers: as('leader') })).json();
    expect(inactive.items.map((g: { code: string }) => g.code)).toEqual(['BZ', 'BZ-01']);
    expect((await patch('admin', county, { active: true })).json().active).toBe(true);
    expect((await patch('admin', township, { active: true })).json().active).toBe(true);
  });

  it('leaves the audit chain intact', async () => {
    expect((await verifyAudit(t.db)).intact).toBe(true);
  });
});

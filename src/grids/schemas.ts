import { Type, type Static } from 'typebox';
import { Nullable } from '../server/schemas.ts';
import { GRID_CODE_PATTERN } from './rules.ts';

// The values of GRID_LEVELS and MEMBER_ROLES (rules.ts), spelt out so the type provider sees each.
export const GridLevelSchema = Type.Union([Type.Literal('city'), Type.Literal('county'), Type.Literal('township'), Type.Literal('village')], {
  description: 'city 市级、county 县级、township 乡镇级、village 村级',
});
const MemberRoleSchema = Type.Union([Type.Literal('chief'), Type.Literal('inspector')], { description: 'chief 网格长、inspector 网格员' });

export const GridMemberSchema = Type.Object({
  userId: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  role: MemberRoleSchema,
  active: Type.Boolean(),
});

export const GridSchema = Type.Object({
  id: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  level: GridLevelSchema,
  organisationId: Type.Integer(),
  organisationName: Type.String(),
  parentId: Nullable(Type.Integer()),
  parentName: Nullable(Type.String()),
  note: Nullable(Type.String()),
  active: Type.Boolean(),
  geometrySha256: Nullable(Type.String({ description: '边界（EWKB）的 SHA-256；无边界时为空' })),
  members: Type.Array(GridMemberSchema),
  updatedAt: Type.String({ format: 'date-time' }),
});

export const GridDetailSchema = Type.Object({
  ...GridSchema.properties,
  geometry: Nullable(Type.Unknown({ description: 'GeoJSON MultiPolygon，CGCS2000 经纬度' })),
});

export type GridDto = Static<typeof GridSchema>;

const Position = Type.Array(Type.Number(), { minItems: 2, maxItems: 3 });
const Ring = Type.Array(Position, { minItems: 4 });
const Boundary = Type.Union(
  [
    Type.Object({ type: Type.Literal('Polygon'), coordinates: Type.Array(Ring, { minItems: 1 }) }),
    Type.Object({ type: Type.Literal('MultiPolygon'), coordinates: Type.Array(Type.Array(Ring, { minItems: 1 }), { minItems: 1 }) }),
  ],
  { description: 'GeoJSON Polygon 或 MultiPolygon，CGCS2000（EPSG:4490）经纬度' },
);

const editable = {
  code: Type.String({ pattern: GRID_CODE_PATTERN, description: '网格编码：字母、数字和 -，全市唯一' }),
  name: Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' }),
  level: GridLevelSchema,
  organisationId: Type.Integer({ minimum: 1, description: '负责该网格的县区或单位' }),
  parentId: Nullable(Type.Integer({ minimum: 1 })),
  note: Nullable(Type.String({ maxLength: 1000 })),
  members: Type.Array(Type.Object({ userId: Type.Integer({ minimum: 1 }), role: MemberRoleSchema }), { maxItems: 50 }),
  geometry: Nullable(Boundary),
};

export const NewGridBody = Type.Object({
  code: editable.code,
  name: editable.name,
  level: editable.level,
  organisationId: editable.organisationId,
  parentId: Type.Optional(editable.parentId),
  note: Type.Optional(editable.note),
  members: Type.Optional(editable.members),
  geometry: Type.Optional(editable.geometry),
});

export const GridPatchBody = Type.Partial(Type.Object({ ...editable, active: Type.Boolean() }));


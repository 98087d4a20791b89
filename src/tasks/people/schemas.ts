import { Type, type Static } from 'typebox';
import { GridLevelSchema } from '../../grids/schemas.ts';
import { Nullable } from '../../server/schemas.ts';
import { TaskItemSchema } from '../schemas.ts';
import { PHONE_PATTERN } from './phone.ts';

export const ItemPeopleSchema = Type.Object({
  rights: Nullable(Type.Union([Type.Literal('all'), Type.Literal('own')], { description: 'all：可改全部；own：只可改本单位的；空：只读' })),
  phoneVisible: Type.Boolean(),
  persons: Type.Array(
    Type.Object({
      id: Type.Integer(),
      name: Type.String(),
      post: Nullable(Type.String()),
      organisationId: Nullable(Type.Integer()),
      organisationName: Nullable(Type.String()),
      phone: Nullable(Type.String({ description: '仅对可办理或可设置此事项的用户显示' })),
      editable: Type.Boolean(),
    }),
  ),
  grids: Type.Array(
    Type.Object({
      id: Type.Integer(),
      code: Type.String(),
      name: Type.String(),
      level: GridLevelSchema,
      organisationId: Type.Integer(),
      organisationName: Type.String(),
      active: Type.Boolean(),
      editable: Type.Boolean(),
    }),
  ),
});

export const PeopleBody = Type.Object({
  persons: Type.Array(
    Type.Object({
      name: Type.String({ minLength: 1, maxLength: 50, pattern: '\\S' }),
      post: Type.Optional(Nullable(Type.String({ maxLength: 50, description: '职务' }))),
      organisationId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
      phone: Type.Optional(Nullable(Type.String({ pattern: PHONE_PATTERN, description: '手机号或带区号的固定电话' }))),
    }),
    { maxItems: 50 },
  ),
  gridIds: Type.Array(Type.Integer({ minimum: 1 }), { maxItems: 50 }),
});

export const GridTaskSchema = Type.Object({
  ...TaskItemSchema.properties,
  grids: Type.Array(Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String() })),
});

export type ItemPeopleDto = Static<typeof ItemPeopleSchema>;

import { Type, type Static } from 'typebox';
import { ROLES } from '../auth/roles.ts';
import { Nullable } from '../server/schemas.ts';

export const RoleSchema = Type.Union(ROLES.map((role) => Type.Literal(role)));

export const UserSchema = Type.Object({
  id: Type.Integer(),
  username: Type.String(),
  displayName: Type.String(),
  role: Type.String(),
  organisationId: Nullable(Type.Integer()),
  organisationName: Nullable(Type.String()),
  active: Type.Boolean(),
  mustChangePassword: Type.Boolean(),
  lastLoginAt: Nullable(Type.String()),
  createdAt: Type.String(),
});

export const Username = Type.String({ pattern: '^[A-Za-z0-9_.-]{3,40}$', description: '3–40 位字母、数字或 _ . -' });
export const DisplayName = Type.String({ minLength: 1, maxLength: 60 });

export type UserDto = Static<typeof UserSchema>;

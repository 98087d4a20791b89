import { Type, type Static } from 'typebox';
import { Nullable } from '../server/schemas.ts';

export const OrganisationKind = Type.Union([Type.Literal('city'), Type.Literal('district'), Type.Literal('unit')]);

export const SourceSchema = Type.Object({ doc: Type.String(), clause: Type.String(), role: Type.String(), text: Type.String() });

export const OrganisationSchema = Type.Object({
  id: Type.Integer(),
  key: Type.String(),
  name: Type.String(),
  fullName: Nullable(Type.String()),
  kind: Type.String(),
  districtType: Nullable(Type.String()),
  unitType: Nullable(Type.String()),
  code: Nullable(Type.String()),
  codeOfficial: Type.Boolean(),
  parentId: Nullable(Type.Integer()),
  hostId: Nullable(Type.Integer()),
  aliases: Type.Array(Type.String()),
  sources: Type.Array(SourceSchema),
  note: Nullable(Type.String()),
  active: Type.Boolean(),
});

export type OrganisationDto = Static<typeof OrganisationSchema>;

const editable = {
  name: Type.String({ minLength: 1, maxLength: 100 }),
  fullName: Nullable(Type.String({ maxLength: 200 })),
  kind: OrganisationKind,
  districtType: Nullable(Type.Union([Type.Literal('district'), Type.Literal('county'), Type.Literal('zone')])),
  unitType: Nullable(Type.String({ maxLength: 40 })),
  code: Nullable(Type.String({ maxLength: 40 })),
  codeOfficial: Type.Boolean(),
  parentId: Nullable(Type.Integer({ minimum: 1 })),
  hostId: Nullable(Type.Integer({ minimum: 1 })),
  aliases: Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 50 }),
  note: Nullable(Type.String({ maxLength: 1000 })),
};

export const NewOrganisationBody = Type.Object({
  key: Type.String({ pattern: '^[a-z0-9][a-z0-9-]{0,59}$', description: '小写字母、数字和 -' }),
  name: editable.name,
  kind: editable.kind,
  parentId: editable.parentId,
  fullName: Type.Optional(editable.fullName),
  districtType: Type.Optional(editable.districtType),
  unitType: Type.Optional(editable.unitType),
  code: Type.Optional(editable.code),
  codeOfficial: Type.Optional(editable.codeOfficial),
  aliases: Type.Optional(editable.aliases),
  note: Type.Optional(editable.note),
});

export const OrganisationPatchBody = Type.Partial(Type.Object({ ...editable, active: Type.Boolean() }));

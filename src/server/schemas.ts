import { Type, type Static, type TSchema } from 'typebox';

const PRIMITIVE_TYPES = new Set(['string', 'number', 'integer', 'boolean']);

/**
 * A value or null. For a primitive, null joins the schema's own `type` list instead of an anyOf: Fastify's
 * Ajv coerces types, and in an anyOf it tries the primitive first and turns a null into 0, '' or false
 * (a rule's `withinM: null`, "on overlap", was saved as "within 0 m").
 */
export const Nullable = <T extends TSchema>(schema: T) => {
  const { type, enum: values } = schema as { type?: unknown; enum?: unknown[] };
  if (typeof type === 'string' && PRIMITIVE_TYPES.has(type)) {
    return Type.Unsafe<Static<T> | null>({ ...schema, type: [type, 'null'], ...(values ? { enum: [...values, null] } : {}) });
  }
  return Type.Unsafe<Static<T> | null>(Type.Union([schema, Type.Null()]));
};

export const PageQuery = {
  page: Type.Integer({ minimum: 1, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
};

export const Page = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), total: Type.Integer(), page: Type.Integer(), pageSize: Type.Integer() });

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

/**
 * One of a list of strings, typed as that union. `Type.Union(list.map(Type.Literal))` loses the
 * literals' types (TypeBox infers never for a mapped array), so the schema is spelled as an enum.
 */
export const OneOf = <const T extends readonly string[]>(values: T, options: { description?: string } = {}) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });

import Fastify from 'fastify';
import { Type, type TSchema } from 'typebox';
import { describe, expect, it } from 'vitest';
import { Nullable, OneOf } from './schemas.ts';

// A body validated with the platform's Ajv options (src/server/app.ts), where types are coerced as
// query strings need; the route answers with the value it was handed.
async function accepted(schema: TSchema, value: unknown): Promise<{ status: number; field: unknown }> {
  const app = Fastify({ ajv: { customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: true, useDefaults: true } } });
  app.post('/', { schema: { body: Type.Object({ field: schema }) } }, async (request) => ({ field: (request.body as { field: unknown }).field, isNull: (request.body as { field: unknown }).field === null }));
  const response = await app.inject({ method: 'POST', url: '/', payload: { field: value } });
  await app.close();
  const body = response.json() as { field: unknown; isNull: boolean };
  return { status: response.statusCode, field: body.isNull ? null : body.field };
}

describe('Nullable under type coercion', () => {
  const cases: [string, TSchema, unknown[]][] = [
    ['number', Nullable(Type.Number({ minimum: 0 })), [null, 0, 1000.5]],
    ['integer', Nullable(Type.Integer()), [null, 0, 7]],
    ['string', Nullable(Type.String({ maxLength: 20 })), [null, '', '第六十五条']],
    ['boolean', Nullable(Type.Boolean()), [null, false, true]],
    ['one of', Nullable(OneOf(['prohibited', 'allowed'])), [null, 'allowed']],
    ['object', Nullable(Type.Object({ a: Type.Integer() })), [null, { a: 1 }]],
  ];
  for (const [name, schema, values] of cases) {
    it(`keeps a ${name} value and a null as they were sent`, async () => {
      for (const value of values) expect(await accepted(schema, value)).toEqual({ status: 200, field: value });
    });
  }

  it('still coerces a numeric text into a number, and refuses what is neither', async () => {
    expect(await accepted(Nullable(Type.Number()), '12.5')).toEqual({ status: 200, field: 12.5 });
    expect((await accepted(Nullable(OneOf(['a', 'b'])), 'c')).status).toBe(400);
  });
});

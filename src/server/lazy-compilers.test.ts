import { describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { schemaCompilers } from './lazy-compilers.ts';

function appWith(eager: boolean) {
  const app = Fastify({ schemaController: { compilersFactory: schemaCompilers(eager) }, ajv: { customOptions: { allErrors: true, coerceTypes: 'array', removeAdditional: true } } });
  app.post(
    '/echo',
    {
      schema: {
        body: { type: 'object', required: ['name', 'count'], properties: { name: { type: 'string', minLength: 2 }, count: { type: 'integer' } } },
        response: { 200: { type: 'object', properties: { name: { type: 'string' }, count: { type: 'integer' } } } },
      },
    },
    async (request) => ({ ...(request.body as object), secret: 'not in the response schema' }),
  );
  return app;
}

describe('schema compilers', () => {
  for (const eager of [false, true]) {
    it(`validates, reports each call's own errors and serialises by the schema (${eager ? 'eager' : 'lazy'})`, async () => {
      const app = appWith(eager);
      const bad = await app.inject({ method: 'POST', url: '/echo', payload: { name: 'x' } });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().message).toMatch(/count/);
      expect(bad.json().message).toMatch(/fewer than 2 characters/);
      const otherBad = await app.inject({ method: 'POST', url: '/echo', payload: { name: 'long enough', count: 'many' } });
      expect(otherBad.statusCode).toBe(400);
      expect(otherBad.json().message).not.toMatch(/fewer than 2 characters/);
      const good = await app.inject({ method: 'POST', url: '/echo', payload: { name: 'ok', count: '3' } });
      expect(good.statusCode).toBe(200);
      expect(good.json()).toEqual({ name: 'ok', count: 3 });
      await app.close();
    });
  }

  it('compiles a broken schema at start when eager, at the first request when lazy', async () => {
    const broken = { body: { type: 'no-such-type' } };
    const eagerApp = Fastify({ schemaController: { compilersFactory: schemaCompilers(true) } });
    eagerApp.post('/broken', { schema: broken }, async () => ({}));
    await expect(eagerApp.ready()).rejects.toThrow(/no-such-type|schema/i);

    const lazyApp = Fastify({ schemaController: { compilersFactory: schemaCompilers(false) } });
    lazyApp.post('/broken', { schema: broken }, async () => ({}));
    await expect(lazyApp.ready()).resolves.toBeDefined();
    expect((await lazyApp.inject({ method: 'POST', url: '/broken', payload: {} })).statusCode).toBe(500);
    await lazyApp.close();
  });
});

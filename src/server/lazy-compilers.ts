import AjvCompiler from '@fastify/ajv-compiler';
import SerializerSelector from '@fastify/fast-json-stringify-compiler';
import type { FastifyServerOptions } from 'fastify';

type Validator = ((data: unknown) => unknown) & { errors?: unknown };
type Serializer = (data: unknown) => string;
type CompilersFactory = NonNullable<NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']>;

/**
 * Fastify's own schema compilers (Ajv for requests, fast-json-stringify for responses), each route's
 * schema compiled at its first use instead of at start-up. Compiling every schema of every route took
 * about a third of a warm start's time above the bare database open (docs/BENCHMARKS.md); most routes
 * are not called in a session's first seconds. `eager` compiles at once, as Fastify does by default —
 * the tests build one app that way so that a broken schema still fails a test, not a user's request.
 */
export function schemaCompilers(eager = false): CompilersFactory {
  const buildAjv = AjvCompiler();
  const buildStringify = SerializerSelector();
  const factory = {
    buildValidator(externalSchemas: unknown, options: unknown) {
      const compile = buildAjv(externalSchemas as never, options as never) as unknown as (route: unknown) => Validator;
      if (eager) return compile;
      return (route: unknown): Validator => {
        let compiled: Validator | undefined;
        const validate: Validator = (data) => {
          compiled ??= compile(route);
          const result = compiled(data);
          // Fastify reads the errors of the last call from the function it was given.
          validate.errors = compiled.errors;
          return result;
        };
        return validate;
      };
    },
    buildSerializer(externalSchemas: unknown, options: unknown) {
      const compile = buildStringify(externalSchemas, options as never) as unknown as (route: unknown) => Serializer;
      if (eager) return compile;
      return (route: unknown): Serializer => {
        let compiled: Serializer | undefined;
        return (data) => (compiled ??= compile(route))(data);
      };
    },
  };
  // Fastify's types describe Ajv's function objects in full; the wrappers keep the parts Fastify calls.
  return factory as unknown as CompilersFactory;
}

#!/usr/bin/env node
// Builds dist/qingshan.mjs, the bundle `qingshan start` runs (bin/qingshan.js), with the office
// libraries in chunks of their own that load at the first export.
//
// A few dependencies are bundled in: pure JavaScript spread over hundreds of small ES modules, which
// Node otherwise resolves and loads file by file at every start (kysely, typebox and the PGlite dialect:
// ≈0.7 s loaded from node_modules against ≈0.07 s bundled, measured on the development machine).
// Everything else stays in node_modules: native code (argon2), WebAssembly with its data files (PGlite,
// PostGIS), packages that read their own files at run time (Swagger UI, static files, fonts), and
// CommonJS packages that gain little.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

const BUNDLED = new Set(['kysely', 'kysely-pglite-dialect', 'typebox', 'big.js']);

/** 'kysely/helpers/postgres' → 'kysely', '@scope/name/x' → '@scope/name'. */
function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

const externalUnlessBundled = {
  name: 'external-unless-bundled',
  setup(builder) {
    builder.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:') || !BUNDLED.has(packageName(args.path))) return { path: args.path, external: true };
      return undefined;
    });
  },
};

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  entryPoints: { qingshan: 'src/cli/main.ts' },
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outdir: 'dist',
  chunkNames: 'chunks/[name]-[hash]',
  outExtension: { '.js': '.mjs' },
  logLevel: 'warning',
  plugins: [externalUnlessBundled],
});

#!/usr/bin/env node
// The `qingshan` command. Runs the bundle that `npm run build` makes (dist/qingshan.mjs) when it is
// newer than every source file; otherwise runs the TypeScript sources through tsx's loader, which
// costs about 1.5 s more at start (docs/BENCHMARKS.md).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bundle = new URL('../dist/qingshan.mjs', import.meta.url);

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = `${dir}/${entry.name}`;
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

const bundlePath = fileURLToPath(bundle);
const fresh = existsSync(bundlePath) && statSync(bundlePath).mtimeMs >= newestSource(fileURLToPath(new URL('../src', import.meta.url)));
if (fresh) {
  await import(bundle.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}

// What `qingshan start` loads before it answers: the office libraries (exceljs, docx: about a
// second of loading) must be reached only through dynamic import(), at the first export or
// workbook upload, never through the static imports of the start-up path (docs/BENCHMARKS.md).
import { describe, expect, it } from 'vitest';
import { build, type Metafile } from 'esbuild';

const START_UP = ['src/server/app.ts', 'src/platform/boot.ts'];
const LOADED_LAZILY = ['exceljs', 'docx'];

/** Every package reached from the entry points through static imports only. */
async function staticallyReachedPackages(): Promise<{ packages: Set<string>; via: Map<string, string> }> {
  const result = await build({ entryPoints: START_UP, bundle: true, write: false, metafile: true, platform: 'node', format: 'esm', packages: 'external', outdir: 'out', logLevel: 'silent' });
  const inputs = (result.metafile as Metafile).inputs;
  const packages = new Set<string>();
  const via = new Map<string, string>();
  const seen = new Set<string>();
  const queue = [...START_UP];
  while (queue.length > 0) {
    const file = queue.shift()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const edge of inputs[file]?.imports ?? []) {
      if (edge.kind !== 'import-statement') continue;
      if (edge.external) {
        packages.add(edge.path);
        if (!via.has(edge.path)) via.set(edge.path, file);
      } else queue.push(edge.path);
    }
  }
  return { packages, via };
}

describe('start-up imports', () => {
  it('reach the office libraries only through dynamic import()', async () => {
    const { packages, via } = await staticallyReachedPackages();
    expect(packages.has('fastify')).toBe(true);
    for (const name of LOADED_LAZILY) expect(packages.has(name) ? `${name} via ${via.get(name)}` : null).toBeNull();
  });
});

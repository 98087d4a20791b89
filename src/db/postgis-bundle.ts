import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { extract, pack } from 'tar-stream';
import type { Extension } from '@electric-sql/pglite';

/**
 * PGlite's PostGIS bundle carries four extensions: postgis, postgis_raster, postgis_topology and
 * postgis_tiger_geocoder, with three WebAssembly libraries of 15–17 MB that PGlite unpacks and
 * compiles at every open. The platform creates only `postgis`. A bundle of what `postgis` needs,
 * cut once from the pinned package and kept in node_modules/.cache, makes each open about 1 s
 * shorter (docs/BENCHMARKS.md, "Opening a PGlite store").
 */
const KEPT_ENTRIES: readonly RegExp[] = [
  /^lib\/postgresql\/postgis-3\.so$/,
  /^share\/postgresql\/extension\/postgis(\.control|--.*\.sql)$/,
  // PROJ's database and grids, read by ST_Transform and by geography functions.
  /^share\/proj\//,
];

export function isKeptEntry(name: string): boolean {
  return KEPT_ENTRIES.some((pattern) => pattern.test(name));
}

/** Copies the kept files of a gzipped tar into a new gzipped tar, written whole before it is renamed into place. */
export async function writeTrimmedBundle(source: string, target: string): Promise<void> {
  mkdirSync(dirname(target), { recursive: true });
  const partial = `${target}.${process.pid}.partial`;
  const reader = extract();
  const writer = pack();
  reader.on('entry', (header, body, next) => {
    if (header.type === 'file' && isKeptEntry(header.name)) {
      body.pipe(writer.entry(header, next));
    } else {
      body.on('end', next);
      body.resume();
    }
  });
  reader.on('finish', () => writer.finalize());
  const reading = pipeline(createReadStream(source), createGunzip(), reader).catch((error: Error) => {
    writer.destroy(error);
    throw error;
  });
  // Level 1: PGlite gunzips the bundle at every open, and a lower level costs nothing there.
  const writing = pipeline(writer, createGzip({ level: 1 }), createWriteStream(partial));
  // Both settle before the partial file goes, so no late write can bring it back.
  const outcomes = await Promise.allSettled([reading, writing]);
  const failure = outcomes.find((outcome) => outcome.status === 'rejected');
  if (failure) {
    rmSync(partial, { force: true });
    throw failure.reason;
  }
  renameSync(partial, target);
}

/** The node_modules folder that holds a resolved package file, whose .cache folder tools share. */
function nodeModulesOf(file: string): string | null {
  for (let dir = dirname(file); dirname(dir) !== dir; dir = dirname(dir)) {
    if (basename(dir) === 'node_modules') return dir;
  }
  return null;
}

async function trimmedBundle(): Promise<URL | null> {
  const require = createRequire(import.meta.url);
  const entry = require.resolve('@electric-sql/pglite-postgis');
  const source = join(dirname(entry), 'postgis.tar.gz');
  const modules = nodeModulesOf(entry);
  if (!modules || !existsSync(source)) return null;
  const version: string = JSON.parse(readFileSync(join(dirname(entry), '..', 'package.json'), 'utf8')).version;
  // A new package version, a changed bundle or a changed list of kept files each make a new cut.
  const key = createHash('sha256')
    .update(`${version}:${statSync(source).size}:${KEPT_ENTRIES.map(String).join(',')}`)
    .digest('hex')
    .slice(0, 12);
  const target = join(modules, '.cache', 'qingshan', `postgis-${version}-${key}.tar.gz`);
  if (!existsSync(target)) await writeTrimmedBundle(source, target);
  return pathToFileURL(target);
}

let trimmed: Promise<URL | null> | undefined;

/** The trimmed bundle's file, made at the first call; null where it cannot be made. */
export function trimmedPostgisBundle(): Promise<URL | null> {
  trimmed ??= trimmedBundle().catch(() => null);
  return trimmed;
}

/**
 * The PostGIS extension for PGlite, loading the trimmed bundle. Where it cannot be made (a read-only
 * installation), the package's own full bundle serves, only slower.
 */
export async function postgisExtension(): Promise<Extension> {
  const { postgis } = await import('@electric-sql/pglite-postgis');
  const bundlePath = await trimmedPostgisBundle();
  if (!bundlePath) return postgis;
  return {
    name: postgis.name,
    setup: async (pg, emscriptenOptions) => ({ ...(await postgis.setup(pg, emscriptenOptions)), bundlePath }),
  };
}

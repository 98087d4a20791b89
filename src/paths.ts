import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The installation's root folder, found by walking up to package.json. The code runs both from
 * src/ (through tsx) and from the bundle in dist/, so paths are taken from the root, never from
 * the position of a source file.
 */
function findRoot(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) throw new Error(`package.json not found above ${start}`);
  }
}

export const ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));
export const MIGRATIONS_DIR = join(ROOT, 'src/db/migrations/');
export const SEEDS_DIR = join(ROOT, 'seeds/');
export const WEB_DIST = join(ROOT, 'web/dist/');
export const PLATFORM_VERSION: string = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version;

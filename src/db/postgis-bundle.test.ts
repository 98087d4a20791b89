import { createReadStream, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync, createGunzip } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { extract, pack } from 'tar-stream';
import { isKeptEntry, writeTrimmedBundle } from './postgis-bundle.ts';

const scratch = mkdtempSync(join(tmpdir(), 'qingshan-postgis-bundle-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function tarOf(files: Record<string, string>): Promise<Buffer> {
  const writer = pack();
  const chunks: Buffer[] = [];
  writer.on('data', (chunk) => chunks.push(chunk as Buffer));
  const ended = new Promise<void>((done) => writer.on('end', () => done()));
  for (const [name, text] of Object.entries(files)) writer.entry({ name }, text);
  writer.finalize();
  await ended;
  return Buffer.concat(chunks);
}

async function entriesOf(file: string): Promise<Record<string, string>> {
  const reader = extract();
  createReadStream(file).pipe(createGunzip()).pipe(reader);
  const files: Record<string, string> = {};
  for await (const entry of reader) {
    const chunks: Buffer[] = [];
    for await (const chunk of entry) chunks.push(chunk as Buffer);
    files[entry.header.name] = Buffer.concat(chunks).toString('utf8');
  }
  return files;
}

describe('the trimmed PostGIS bundle', () => {
  it('keeps the postgis library, its extension scripts and PROJ data, and nothing of raster, topology or the geocoder', () => {
    expect(isKeptEntry('lib/postgresql/postgis-3.so')).toBe(true);
    expect(isKeptEntry('share/postgresql/extension/postgis.control')).toBe(true);
    expect(isKeptEntry('share/postgresql/extension/postgis--3.6.2.sql')).toBe(true);
    expect(isKeptEntry('share/postgresql/extension/postgis--ANY--3.6.2.sql')).toBe(true);
    expect(isKeptEntry('share/proj/proj.db')).toBe(true);
    expect(isKeptEntry('lib/postgresql/postgis_raster-3.so')).toBe(false);
    expect(isKeptEntry('lib/postgresql/postgis_topology-3.so')).toBe(false);
    expect(isKeptEntry('share/postgresql/extension/postgis_raster--3.6.2.sql')).toBe(false);
    expect(isKeptEntry('share/postgresql/extension/postgis_tiger_geocoder.control')).toBe(false);
    expect(isKeptEntry('share/postgresql/contrib/rtpostgis.sql')).toBe(false);
  });

  it('copies the kept files whole into a new gzipped tar, and leaves no partial file behind', async () => {
    const source = join(scratch, 'full.tar.gz');
    const big = 'x'.repeat(70_000);
    writeFileSync(
      source,
      gzipSync(
        await tarOf({
          'lib/postgresql/postgis-3.so': big,
          'lib/postgresql/postgis_raster-3.so': 'raster',
          'share/postgresql/extension/postgis.control': "default_version = '3.6.2'",
          'share/proj/proj.db': 'proj',
        }),
      ),
    );
    const target = join(scratch, 'cache', 'trimmed.tar.gz');
    await writeTrimmedBundle(source, target);
    expect(readdirSync(join(scratch, 'cache'))).toEqual(['trimmed.tar.gz']);
    expect(await entriesOf(target)).toEqual({
      'lib/postgresql/postgis-3.so': big,
      'share/postgresql/extension/postgis.control': "default_version = '3.6.2'",
      'share/proj/proj.db': 'proj',
    });
  });

  it('writes nothing where the source is not a gzipped tar', async () => {
    const source = join(scratch, 'broken.tar.gz');
    writeFileSync(source, 'not gzip');
    const target = join(scratch, 'cache', 'broken-out.tar.gz');
    await expect(writeTrimmedBundle(source, target)).rejects.toThrow();
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(join(scratch, 'cache')).filter((name) => name.includes('partial'))).toEqual([]);
  });
});

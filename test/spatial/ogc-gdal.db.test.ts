import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, userWithToken, type TestApp } from '../support/app.ts';
import { insertTestLayers } from './features.fixture.ts';

// A real OGC API – Features client, GDAL's OAPIF driver (ogrinfo), lists and reads the one map's
// layers from the app listening on a port, authenticating with a Bearer token.
const OGRINFO = '/usr/bin/ogrinfo';
const run = promisify(execFile);

let t: TestApp;
let root: string;
let env: NodeJS.ProcessEnv;

beforeAll(async () => {
  if (!existsSync(OGRINFO)) throw new Error(`${OGRINFO} 不存在：请安装 GDAL（apt-get install gdal-bin）/ install gdal-bin for the OGC client test`);
  t = await startTestApp({ QINGSHAN_DEMO: 'off' });
  await insertTestLayers(t.db);
  const { token } = await userWithToken(t.db, { username: 'gdal-client', role: 'leader', organisation: 'bazhong' });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  root = `OAPIF:http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}/ogc`;
  // GDAL_HTTP_HEADERS (GDAL ≥ 3.6) adds the header to every request; a local server needs no proxy.
  env = { ...process.env, GDAL_HTTP_HEADERS: `Authorization: Bearer ${token}`, GDAL_HTTP_TIMEOUT: '60', NO_PROXY: '127.0.0.1', no_proxy: '127.0.0.1' };
});
afterAll(async () => {
  await t?.close();
});

async function ogrinfo(...args: string[]): Promise<string> {
  // Asynchronously: the server answering GDAL runs in this very process.
  const { stdout } = await run(OGRINFO, args, { env, maxBuffer: 16 * 1024 * 1024 });
  return stdout;
}

describe('GDAL ogrinfo as an OGC API – Features client', () => {
  it('lists the layers', async () => {
    const out = await ogrinfo('-ro', '-so', root);
    expect(out).toMatch(/nature_reserve/);
    expect(out).toMatch(/river/);
  });

  it('reads every feature of a layer with its Chinese name, page by page', async () => {
    // Pages of two: the third feature comes only by following the first page's next link.
    const out = await ogrinfo('-ro', '-al', '-oo', 'PAGE_SIZE=2', root, 'nature_reserve');
    expect(out).toMatch(/Feature Count: 3/);
    for (const name of ['诺水河国家级自然保护区', '光雾山自然保护区', '米仓山自然保护区']) expect(out).toContain(`name (String) = ${name}`);
    expect(out).toContain('zoneName (String) = 核心保护区');
    expect(out.match(/^OGRFeature\(nature_reserve\)/gm)).toHaveLength(3);
    expect(out).toMatch(/POLYGON \(\(106\.8 32\.2/);
  });

  it('filters with a spatial filter and an attribute filter', async () => {
    const spatial = await ogrinfo('-ro', '-al', '-q', '-spat', '107.15', '32.25', '107.25', '32.3', root, 'nature_reserve');
    expect(spatial.match(/^OGRFeature\(nature_reserve\)/gm)).toHaveLength(1);
    expect(spatial).toContain('光雾山自然保护区');
    const where = await ogrinfo('-ro', '-al', '-q', '-where', "name = '巴河'", root, 'river');
    expect(where.match(/^OGRFeature\(river\)/gm)).toHaveLength(1);
    expect(where).toContain('basin (String) = 嘉陵江');
  });

  it('is refused without the token', async () => {
    const withoutToken = { ...env, GDAL_HTTP_HEADERS: '' };
    const attempt = run(OGRINFO, ['-ro', '-so', root], { env: withoutToken });
    await expect(attempt).rejects.toMatchObject({ stderr: expect.stringMatching(/401/) });
  });
});

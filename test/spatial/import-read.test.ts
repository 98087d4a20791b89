import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { strToU8, unzipSync, zipSync } from 'fflate';
import proj4 from 'proj4';
import { NO_COORDINATE_SYSTEM, readSpatialFile, type ReadOptions, type SpatialFile } from '../../src/spatial/import/read.ts';
import { boundsOf, positions, type Geometry } from '../../src/spatial/import/geojson.ts';
import { isUtf8 } from '../../src/spatial/import/dbf.ts';
import { parseGpkgGeometry, parseWkb, WkbError } from '../../src/spatial/import/wkb.ts';

// Fixtures made by GDAL's ogr2ogr from reserve-source.geojson (test/fixtures/spatial/make-fixtures.sh):
// three polygons near 光雾山, one with a hole, in CGCS2000 lon/lat, written out in other systems.
const FIXTURES = new URL('../fixtures/spatial/', import.meta.url);
const fixture = (name: string) => readFileSync(new URL(name, FIXTURES));
const source = JSON.parse(fixture('reserve-source.geojson').toString('utf8')) as { features: { properties: Record<string, unknown>; geometry: Geometry }[] };
const SOURCE_NAMES = source.features.map((f) => f.properties['名称']);

async function read(name: string, data: Uint8Array, options?: ReadOptions): Promise<SpatialFile> {
  const result = await readSpatialFile({ name, data: Buffer.from(data) }, options);
  if (!result.ok) throw new Error(`expected ${name} to be read: ${result.error}`);
  return result.value;
}

async function refusal(name: string, data: Uint8Array, options?: ReadOptions): Promise<{ error: string; field: string }> {
  const result = await readSpatialFile({ name, data: Buffer.from(data) }, options);
  if (result.ok) throw new Error(`expected ${name} to be refused`);
  return result;
}

/** The fixture zip with some parts changed, added (bytes) or removed (null). */
function rezip(zip: Uint8Array, change: Record<string, Uint8Array | null>): Uint8Array {
  const files: Record<string, Uint8Array> = unzipSync(zip);
  for (const [name, bytes] of Object.entries(change)) {
    if (bytes === null) delete files[name];
    else files[name] = bytes;
  }
  return zipSync(files);
}

// CGCS2000 3-degree Gauss-Krüger with and without the zone prefix (CGCS2000's ellipsoid is GRS 80's
// to 0.1 mm), written out independently of GDAL and PostGIS.
const GK_ZONE_36 = '+proj=tmerc +lat_0=0 +lon_0=108 +k=1 +x_0=36500000 +y_0=0 +ellps=GRS80 +units=m +no_defs';
const GK_CM_108 = '+proj=tmerc +lat_0=0 +lon_0=108 +k=1 +x_0=500000 +y_0=0 +ellps=GRS80 +units=m +no_defs';

function toLonLat(geometry: Geometry | null, definition: string): number[][] {
  return [...positions(geometry!)].map((p) => proj4(definition, 'EPSG:4326', [p[0]!, p[1]!]));
}

const names = (file: SpatialFile) => file.features.map((f) => f.properties['名称']);

describe('zipped Shapefile', () => {
  it('reads GBK attributes without a .cpg, detected as GBK', async () => {
    const file = await read('保护地.zip', fixture('reserve-gk36-gbk.zip'));
    expect(file.format).toBe('shapefile');
    expect(file.encoding).toBe('gbk');
    expect(file.encodingSource).toBe('detected');
    expect(names(file)).toEqual(SOURCE_NAMES);
    expect(file.features.map((f) => f.properties['分区'])).toEqual(source.features.map((f) => f.properties['分区']));
    expect(file.features[0]!.properties['面积']).toBe(1234.5);
    expect(file.features[0]!.properties['年份']).toBe(2018);
    expect(file.srid).toBe(4524);
    expect(file.sridSource).toBe('prj');
    expect(file.notes.join()).toContain('GBK');
  });

  it('takes the DBF language driver 0x4D (code page 936) as GBK', async () => {
    const zip = fixture('reserve-gk36-gbk.zip');
    const dbf = Uint8Array.from(unzipSync(zip)['reserve_gk36.dbf']!);
    dbf[29] = 0x4d;
    const file = await read('a.zip', rezip(zip, { 'reserve_gk36.dbf': dbf }));
    expect(file.encodingSource).toBe('language_driver');
    expect(names(file)).toEqual(SOURCE_NAMES);
  });

  it('takes a .cpg before detection, and the user’s choice before the .cpg', async () => {
    const zip = fixture('reserve-gk36-gbk.zip');
    const withCpg = await read('a.zip', rezip(zip, { 'reserve_gk36.cpg': strToU8('936\n') }));
    expect([withCpg.encoding, withCpg.encodingSource]).toEqual(['gbk', 'cpg']);
    expect(names(withCpg)).toEqual(SOURCE_NAMES);

    const chosen = await read('a.zip', rezip(zip, { 'reserve_gk36.cpg': strToU8('936') }), { encoding: 'UTF-8' });
    expect([chosen.encoding, chosen.encodingSource]).toEqual(['utf-8', 'option']);
    expect(names(chosen)).not.toEqual(SOURCE_NAMES);

    // A .cpg that names no encoding is set aside with a warning, and the bytes decide.
    const odd = await read('a.zip', rezip(zip, { 'reserve_gk36.cpg': strToU8('OEM') }));
    expect([odd.encoding, odd.encodingSource]).toEqual(['gbk', 'detected']);
    expect(odd.notes.join()).toContain('OEM');
  });

  it('reads UTF-8 attributes named by the .cpg', async () => {
    const file = await read('b.zip', fixture('reserve-cm108-utf8.zip'));
    expect([file.encoding, file.encodingSource, file.srid]).toEqual(['utf-8', 'cpg', 4545]);
    expect(names(file)).toEqual(SOURCE_NAMES);
  });

  it('detects UTF-8 when there is no .cpg', async () => {
    const file = await read('b.zip', rezip(fixture('reserve-cm108-utf8.zip'), { 'reserve_cm108.cpg': null }));
    expect([file.encoding, file.encodingSource]).toEqual(['utf-8', 'detected']);
    expect(names(file)).toEqual(SOURCE_NAMES);
  });

  it('refuses a Shapefile without .prj, then reads it in the system chosen', async () => {
    const zip = fixture('reserve-noprj.zip');
    expect(await refusal('c.zip', zip)).toEqual({ ok: false, error: NO_COORDINATE_SYSTEM, field: 'srid' });
    const file = await read('c.zip', zip, { srid: 4545 });
    expect([file.srid, file.sridSource]).toEqual([4545, 'option']);
    // The wrong choice is caught by the numbers themselves.
    const prefixed = await refusal('c.zip', zip, { srid: 4524 });
    expect(prefixed.field).toBe('srid');
    expect(prefixed.error).toContain('EPSG:4545');
    expect((await refusal('c.zip', zip, { srid: 4490 })).error).toContain('超出经纬度范围');
    expect((await refusal('c.zip', zip, { srid: 32648 })).error).toContain('不支持的坐标系 EPSG:32648');
  });

  it('puts zone 36 with its prefix and CM 108°E without it at the same lon/lat as the source', async () => {
    const zone = await read('z.zip', fixture('reserve-gk36-gbk.zip'));
    const cm = await read('c.zip', fixture('reserve-cm108-utf8.zip'));
    expect(zone.features[0]!.geometry!.type).toBe('Polygon');
    for (const [i, feature] of source.features.entries()) {
      // Shapefiles keep outer rings clockwise, so compare the rings as sets of vertices.
      const expected = [...positions(feature.geometry)].map(([x, y]) => `${x!.toFixed(7)},${y!.toFixed(7)}`).sort();
      const fromZone = toLonLat(zone.features[i]!.geometry, GK_ZONE_36).map(([x, y]) => `${x!.toFixed(7)},${y!.toFixed(7)}`).sort();
      const fromCm = toLonLat(cm.features[i]!.geometry, GK_CM_108).map(([x, y]) => `${x!.toFixed(7)},${y!.toFixed(7)}`).sort();
      expect(fromZone).toEqual(expected);
      expect(fromCm).toEqual(expected);
    }
    expect(cm.features[2]!.geometry).toMatchObject({ type: 'Polygon' });
    expect((cm.features[2]!.geometry as { coordinates: unknown[] }).coordinates).toHaveLength(2);
  });

  it('refuses a broken zip, a zip without .shp, with two layers, or without .dbf', async () => {
    const zip = fixture('reserve-gk36-gbk.zip');
    expect((await refusal('d.zip', zip.subarray(0, zip.length / 2))).error).toContain('压缩包已损坏');
    expect((await refusal('d.zip', zipSync({ 'readme.txt': strToU8('hello') }))).error).toMatch(/没有 \.shp.*readme\.txt/);
    const files = unzipSync(zip);
    const two = zipSync({ ...files, 'other.shp': files['reserve_gk36.shp']!, 'other.dbf': files['reserve_gk36.dbf']! });
    expect((await refusal('d.zip', two)).error).toContain('2 个图层');
    expect((await refusal('d.zip', rezip(zip, { 'reserve_gk36.dbf': null }))).error).toContain('缺少 reserve_gk36.dbf');
    const badShp = rezip(zip, { 'reserve_gk36.shp': strToU8('not a shapefile at all, but long enough to have a header '.repeat(3)) });
    expect((await refusal('d.zip', badShp)).error).toContain('不是有效的 Shapefile');
  });
});

describe('file types and limits', () => {
  it('refuses what is not a spatial file, saying what to upload', async () => {
    const text = strToU8('名称,经度,纬度\n站点,106.7,31.8\n');
    expect((await refusal('sites.csv', text)).error).toContain('不支持的文件类型「sites.csv」');
    expect((await refusal('layer.shp', fixture('reserve-gk36-gbk.zip'))).error).toContain('一起压缩为 zip');
    expect((await refusal('layer.zip', text)).error).toContain('不是 zip 压缩包');
    expect((await refusal('layer.gpkg', text)).error).toContain('不是 GeoPackage');
    expect((await refusal('layer.geojson', new Uint8Array())).error).toContain('空文件');
  });

  it('refuses files over the limits: upload size, unzipped size, feature count', async () => {
    const zip = fixture('reserve-gk36-gbk.zip');
    expect((await refusal('a.zip', zip, { limits: { uploadBytes: zip.length - 1 } })).error).toContain('超过上限');
    // The declared sizes add up to 1892 bytes: refused before anything is inflated.
    expect((await refusal('a.zip', zip, { limits: { unzippedBytes: 1000 } })).error).toContain('解压后');
    expect((await refusal('a.zip', zip, { limits: { features: 2 } })).error).toContain('要素 3 个，超过上限 2 个');
    expect((await refusal('a.geojson', fixture('reserve.geojson'), { limits: { features: 2 } })).error).toContain('超过上限');
    expect((await refusal('a.gpkg', fixture('reserve-cm108.gpkg'), { limits: { features: 2 } })).error).toContain('超过上限');
    expect((await read('a.zip', zip, { limits: { features: 3 } })).features).toHaveLength(3);
  });
});

describe('GeoJSON', () => {
  it('reads a FeatureCollection in the system its crs member names', async () => {
    const file = await read('reserve.geojson', fixture('reserve.geojson'));
    expect([file.format, file.srid, file.sridSource, file.encoding]).toEqual(['geojson', 4490, 'crs', null]);
    expect(names(file)).toEqual(SOURCE_NAMES);
    expect(file.features[2]!.geometry).toEqual(source.features[2]!.geometry);
  });

  it('reads a Feature and a bare geometry; without crs it is WGS 84 (RFC 7946)', async () => {
    const feature = { type: 'Feature', properties: { 名称: '点' }, geometry: { type: 'Point', coordinates: [106.7, 31.8] } };
    const one = await read('a.json', strToU8(JSON.stringify(feature)));
    expect([one.srid, one.sridSource, one.features.length]).toEqual([4326, 'rfc7946', 1]);
    const bare = await read('b.geojson', strToU8(JSON.stringify(feature.geometry)));
    expect(bare.features).toEqual([{ index: 0, geometry: feature.geometry, properties: {} }]);
  });

  it('keeps a feature without geometry for the store to refuse, and refuses a malformed geometry', async () => {
    const collection = (geometry: unknown) => strToU8(JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry }] }));
    expect((await read('a.geojson', collection(null))).features[0]!.geometry).toBeNull();
    expect((await refusal('a.geojson', collection({ type: 'Polygon', coordinates: 'x' }))).error).toContain('第 1 个要素的几何不是有效的 GeoJSON');
    expect((await refusal('a.geojson', collection({ type: 'Circle', coordinates: [1, 2] }))).error).toContain('第 1 个要素');
  });

  it('refuses Gauss-Krüger coordinates without crs, naming the zone they point to', async () => {
    const gk = { type: 'Point', coordinates: [36400000.5, 3600000.25] };
    const problem = await refusal('a.geojson', strToU8(JSON.stringify(gk)));
    expect(problem.field).toBe('srid');
    expect(problem.error).toContain('EPSG:4524');
    expect((await read('a.geojson', strToU8(JSON.stringify(gk)), { srid: 4524 })).srid).toBe(4524);
  });

  it('refuses invalid JSON and JSON that is not GeoJSON', async () => {
    expect((await refusal('a.geojson', strToU8('{"type":'))).error).toContain('不是有效的 JSON');
    expect((await refusal('a.json', strToU8('{"type":"Topology"}'))).error).toContain('不是 GeoJSON');
  });
});

describe('GeoPackage', () => {
  it('reads the feature table in the system its srs_id names', async () => {
    const file = await read('reserve.gpkg', fixture('reserve-cm108.gpkg'));
    expect([file.format, file.srid, file.sridSource]).toEqual(['geopackage', 4545, 'geopackage']);
    expect(names(file)).toEqual(SOURCE_NAMES);
    expect(file.features[0]!.properties).not.toHaveProperty('fid');
    const shapefile = await read('b.zip', fixture('reserve-cm108-utf8.zip'));
    for (const [i, feature] of file.features.entries()) {
      const a = boundsOf([feature.geometry])!;
      const b = boundsOf([shapefile.features[i]!.geometry])!;
      for (const key of ['minX', 'minY', 'maxX', 'maxY'] as const) expect(a[key]).toBeCloseTo(b[key], 6);
    }
  });

  it('refuses a broken GeoPackage', async () => {
    const gpkg = fixture('reserve-cm108.gpkg');
    const broken = Buffer.concat([gpkg.subarray(0, 100), Buffer.alloc(4000, 0x5a)]);
    expect((await refusal('broken.gpkg', broken)).error).toMatch(/已损坏|不是 GeoPackage/);
  });
});

describe('WKB', () => {
  const le = (...parts: [string, number][]) => {
    const size = parts.reduce((n, [kind]) => n + (kind === 'u8' ? 1 : kind === 'u32' ? 4 : 8), 0);
    const view = new DataView(new ArrayBuffer(size));
    let at = 0;
    for (const [kind, value] of parts) {
      if (kind === 'u8') view.setUint8(at, value);
      else if (kind === 'u32') view.setUint32(at, value, true);
      else view.setFloat64(at, value, true);
      at += kind === 'u8' ? 1 : kind === 'u32' ? 4 : 8;
    }
    return new Uint8Array(view.buffer);
  };

  it('reads ISO Z and EWKB geometries, dropping Z', () => {
    const pointZ = le(['u8', 1], ['u32', 1001], ['f64', 106.5], ['f64', 31.5], ['f64', 400]);
    expect(parseWkb(pointZ)).toEqual({ type: 'Point', coordinates: [106.5, 31.5] });
    const ewkbLine = le(['u8', 1], ['u32', 0x20000002], ['u32', 4490], ['u32', 2], ['f64', 1], ['f64', 2], ['f64', 3], ['f64', 4]);
    expect(parseWkb(ewkbLine)).toEqual({ type: 'LineString', coordinates: [[1, 2], [3, 4]] });
    const multi = new Uint8Array([...le(['u8', 1], ['u32', 4], ['u32', 2]), ...le(['u8', 1], ['u32', 1], ['f64', 5], ['f64', 6]), ...le(['u8', 1], ['u32', 1], ['f64', 7], ['f64', 8])]);
    expect(parseWkb(multi)).toEqual({ type: 'MultiPoint', coordinates: [[5, 6], [7, 8]] });
  });

  it('reads a big-endian polygon inside a GeoPackage blob with an envelope', () => {
    const wkb = new DataView(new ArrayBuffer(1 + 4 + 4 + 4 + 4 * 16));
    wkb.setUint8(0, 0);
    wkb.setUint32(1, 3);
    wkb.setUint32(5, 1);
    wkb.setUint32(9, 4);
    [[0, 0], [1, 0], [1, 1], [0, 0]].forEach(([x, y], i) => {
      wkb.setFloat64(13 + i * 16, x!);
      wkb.setFloat64(21 + i * 16, y!);
    });
    const header = new Uint8Array(8 + 32);
    header.set([0x47, 0x50, 0, 0b011]); // little-endian header, envelope [minx, maxx, miny, maxy]
    new DataView(header.buffer).setInt32(4, 4545, true);
    const blob = new Uint8Array([...header, ...new Uint8Array(wkb.buffer)]);
    expect(parseGpkgGeometry(blob)).toEqual({ srsId: 4545, geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] } });
  });

  it('refuses truncated and unknown WKB', () => {
    const point = le(['u8', 1], ['u32', 1], ['f64', 1], ['f64', 2]);
    expect(() => parseWkb(point.subarray(0, 12))).toThrow(WkbError);
    expect(() => parseWkb(le(['u8', 1], ['u32', 17]))).toThrow(WkbError);
    // A count that the bytes left cannot hold is refused before anything is allocated.
    expect(() => parseWkb(le(['u8', 1], ['u32', 2], ['u32', 0xffffffff]))).toThrow(WkbError);
  });
});

describe('UTF-8 detection', () => {
  it('allows a character cut at the field width, and nothing else invalid', () => {
    const text = new TextEncoder().encode('光雾山');
    expect(isUtf8(text)).toBe(true);
    expect(isUtf8(text.subarray(0, 7))).toBe(true);
    expect(isUtf8(new TextEncoder().encode('abc'))).toBe(true);
    // 光 in GBK: B9 E2.
    expect(isUtf8(new Uint8Array([0xb9, 0xe2, 0xce, 0xed]))).toBe(false);
  });
});

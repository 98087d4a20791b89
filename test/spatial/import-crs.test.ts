import { describe, expect, it } from 'vitest';
import { coordinateMismatch, describeSrid, isKnownSrid, sridFromGeoJsonCrs, sridFromWkt } from '../../src/spatial/import/crs.ts';
import { parseWkt } from '../../src/spatial/import/wkt.ts';

// The WKT texts below are as GDAL 3.6 writes them (`gdalsrsinfo -o wkt1|wkt_esri|wkt2 EPSG:n`) and as
// Esri software writes .prj files; the unusual ones are what local surveying software produces.
const CGCS2000_ESRI = 'GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';
const esriGk = (name: string, falseEasting: number, cm: number) =>
  `PROJCS["${name}",${CGCS2000_ESRI},PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",${falseEasting}],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",${cm}],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]`;
const ogcGk = (name: string, falseEasting: number, cm: number, authority = '') =>
  `PROJCS["${name}",GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["latitude_of_origin",0],PARAMETER["central_meridian",${cm}],PARAMETER["scale_factor",1],PARAMETER["false_easting",${falseEasting}],PARAMETER["false_northing",0],UNIT["metre",1]${authority}]`;
const WKT2_CM108_NO_ID =
  'PROJCRS["CGCS2000 / 3-degree Gauss-Kruger CM 108E",BASEGEOGCRS["China Geodetic Coordinate System 2000",DATUM["China 2000",ELLIPSOID["CGCS2000",6378137,298.257222101,LENGTHUNIT["metre",1]]],PRIMEM["Greenwich",0,ANGLEUNIT["degree",0.0174532925199433]]],CONVERSION["3-degree Gauss-Kruger CM 108E",METHOD["Transverse Mercator",ID["EPSG",9807]],PARAMETER["Latitude of natural origin",0,ANGLEUNIT["degree",0.0174532925199433],ID["EPSG",8801]],PARAMETER["Longitude of natural origin",108,ANGLEUNIT["degree",0.0174532925199433],ID["EPSG",8802]],PARAMETER["Scale factor at natural origin",1,SCALEUNIT["unity",1],ID["EPSG",8805]],PARAMETER["False easting",500000,LENGTHUNIT["metre",1],ID["EPSG",8806]],PARAMETER["False northing",0,LENGTHUNIT["metre",1],ID["EPSG",8807]]],CS[Cartesian,2],AXIS["northing (X)",north,ORDER[1],LENGTHUNIT["metre",1]],AXIS["easting (Y)",east,ORDER[2],LENGTHUNIT["metre",1]]]';

const accepted: [string, string, number][] = [
  ['Esri CGCS2000 geographic', CGCS2000_ESRI, 4490],
  [
    'OGC CGCS2000 geographic with its authority',
    'GEOGCS["China Geodetic Coordinate System 2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101,AUTHORITY["EPSG","1024"]],AUTHORITY["EPSG","1043"]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433],AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4490"]]',
    4490,
  ],
  ['CGCS2000 geographic named only by its datum', 'GEOGCS["CGCS_2000",DATUM["China_2000",SPHEROID["CGCS2000",6378137,298.257222101]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]]', 4490],
  ['Esri WGS 84', 'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]', 4326],
  ['OGC WGS 84 without authority', 'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]]', 4326],
  ['Esri zone 36 by name', esriGk('CGCS2000_3_Degree_GK_Zone_36', 36500000, 108), 4524],
  ['Esri CM 108E by name', esriGk('CGCS2000_3_Degree_GK_CM_108E', 500000, 108), 4545],
  ['Esri zone 25, the first', esriGk('CGCS2000_3_Degree_GK_Zone_25', 25500000, 75), 4513],
  ['Esri CM 135E, the last', esriGk('CGCS2000_3_Degree_GK_CM_135E', 500000, 135), 4554],
  ['OGC zone 36 with its authority', ogcGk('CGCS2000 / 3-degree Gauss-Kruger zone 36', 36500000, 108, ',AUTHORITY["EPSG","4524"]'), 4524],
  ['OGC CM 108E without authority', ogcGk('CGCS2000 / 3-degree Gauss-Kruger CM 108E', 500000, 108), 4545],
  ['OGC zone 35 without authority', ogcGk('CGCS2000 / 3-degree Gauss-Kruger zone 35', 35500000, 105), 4523],
  ['an unusual name, decided by CM 108 and false easting 500000', esriGk('巴中市独立坐标', 500000, 108), 4545],
  ['an unusual name, decided by CM 108 and false easting 36500000', esriGk('Custom_TM', 36500000, 108), 4524],
  ['an unusual name, CM 105 with the prefix', ogcGk('Gauss Kruger', 35500000, 105), 4523],
  ['WKT2 without ID, by its parameters', WKT2_CM108_NO_ID, 4545],
  ['WKT2 with its ID', WKT2_CM108_NO_ID.replace(/\]$/, ',ID["EPSG",4545]]'), 4545],
];

const refused: [string, string, string][] = [
  ['Xian 1980 geographic', 'GEOGCS["Xian 1980",DATUM["Xian_1980",SPHEROID["IAG 1975",6378140,298.257]],PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433],AUTHORITY["EPSG","4610"]]', 'Xian 1980'],
  [
    'Xian 1980 Gauss-Krüger',
    'PROJCS["Xian_1980_3_Degree_GK_CM_108E",GEOGCS["GCS_Xian_1980",DATUM["D_Xian_1980",SPHEROID["Xian_1980",6378140.0,298.257]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",108.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]',
    'Xian_1980_3_Degree_GK_CM_108E',
  ],
  [
    'WGS 84 / UTM',
    'PROJCS["WGS_1984_UTM_Zone_48N",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",105.0],PARAMETER["Scale_Factor",0.9996],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]',
    'WGS_1984_UTM_Zone_48N',
  ],
  ['CGCS2000 6-degree zone 18', esriGk('CGCS2000_GK_Zone_18', 18500000, 105), 'CGCS2000_GK_Zone_18'],
  ['a name and parameters that disagree', esriGk('CGCS2000_3_Degree_GK_Zone_36', 500000, 108), 'CGCS2000_3_Degree_GK_Zone_36'],
  ['a central meridian between zones', esriGk('Local', 500000, 107), 'Local'],
];

describe('.prj WKT → EPSG', () => {
  it.each(accepted)('%s', (_label, wkt, srid) => {
    expect(sridFromWkt(wkt)).toEqual({ ok: true, value: srid });
  });

  it.each(refused)('refuses %s, naming it', (_label, wkt, name) => {
    const result = sridFromWkt(wkt);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error).toContain(`「${name}」`);
      expect(result.error).toContain('不支持的坐标系');
    }
  });

  it('refuses text that is not WKT', () => {
    for (const text of ['', 'EPSG:4490', 'GEOGCS["x"', 'GEOGCS["a"]]', '<xml/>']) {
      const result = sridFromWkt(text);
      expect(result.ok, text).toBe(false);
      if (!result.ok) expect(result.error).toContain('不是 WKT');
    }
  });

  it('reads quotes, nested nodes and numbers', () => {
    const tree = parseWkt('A["x ""y""",1.5e3,B[C,2],"z"]');
    expect(tree).toEqual({ keyword: 'A', values: ['x "y"', 1500, { keyword: 'B', values: ['C', 2] }, 'z'] });
  });
});

describe('GeoJSON crs member', () => {
  it.each([
    [{ type: 'name', properties: { name: 'EPSG:4490' } }, 4490],
    [{ type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4545' } }, 4545],
    [{ type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG:8.8.1:4524' } }, 4524],
    [{ type: 'name', properties: { name: 'urn:ogc:def:crs:OGC:1.3:CRS84' } }, 4326],
    [{ type: 'EPSG', properties: { code: 4490 } }, 4490],
  ])('%j → %i', (crs, srid) => {
    expect(sridFromGeoJsonCrs(crs)).toEqual({ ok: true, value: srid });
  });

  it('refuses a system the platform does not know, and a crs it cannot read', () => {
    const utm = sridFromGeoJsonCrs({ type: 'name', properties: { name: 'EPSG:32648' } });
    expect(utm.ok).toBe(false);
    if (!utm.ok) expect(utm.error).toContain('EPSG:32648');
    expect(sridFromGeoJsonCrs({ type: 'link', properties: { href: 'x' } }).ok).toBe(false);
  });
});

describe('known systems', () => {
  it('are 4490, 4326 and the 3-degree zones with and without prefix', () => {
    const known = Array.from({ length: 6000 }, (_, i) => i).filter(isKnownSrid);
    expect(known).toEqual([4326, 4490, ...Array.from({ length: 42 }, (_, i) => 4513 + i)]);
    expect(describeSrid(4524)).toContain('第 36 带');
    expect(describeSrid(4545)).toContain('108°E');
  });
});

describe('do the coordinates fit the system?', () => {
  const box = (minX: number, minY: number, maxX: number, maxY: number) => ({ minX, minY, maxX, maxY });
  const prefixed = box(36387349, 3597738, 36406073, 3613459);
  const unprefixed = box(387349, 3597738, 406073, 3613459);
  const lonLat = box(106.8, 32.5, 107, 32.64);

  it('accepts each kind in its own system', () => {
    expect(coordinateMismatch(4490, lonLat)).toBeNull();
    expect(coordinateMismatch(4326, lonLat)).toBeNull();
    expect(coordinateMismatch(4524, prefixed)).toBeNull();
    expect(coordinateMismatch(4545, unprefixed)).toBeNull();
    expect(coordinateMismatch(4545, null)).toBeNull();
  });

  it('refuses Gauss-Krüger eastings given as lon/lat, naming the zone the prefix gives', () => {
    const problem = coordinateMismatch(4490, prefixed);
    expect(problem).toContain('超出经纬度范围');
    expect(problem).toContain('EPSG:4524');
    expect(coordinateMismatch(4490, unprefixed)).toContain('不带带号');
  });

  it('refuses prefixed eastings given as a system without prefix, and the reverse', () => {
    expect(coordinateMismatch(4545, prefixed)).toContain('EPSG:4524');
    expect(coordinateMismatch(4524, unprefixed)).toContain('EPSG:4545');
    expect(coordinateMismatch(4523, prefixed)).toContain('EPSG:4524');
  });

  it('refuses northings no zone has, and says when x and y look swapped', () => {
    expect(coordinateMismatch(4545, box(387349, -5, 406073, 3613459))).toContain('北坐标');
    const swapped = coordinateMismatch(4545, box(3597738, 387349, 3613459, 406073));
    expect(swapped).toContain('颠倒');
    expect(coordinateMismatch(4490, box(31.8, 106.7, 32.6, 107))).toContain('颠倒');
    expect(coordinateMismatch(4490, prefixed)).not.toContain('颠倒');
  });

  it('refuses lon/lat given as Gauss-Krüger', () => {
    expect(coordinateMismatch(4545, lonLat)).toContain('EPSG:4490');
    expect(coordinateMismatch(4524, lonLat)).toContain('EPSG:4490');
  });
});

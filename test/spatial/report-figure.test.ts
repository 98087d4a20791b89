import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FIGURE_HEIGHT, FIGURE_WIDTH, figureFrame, mapFigureSvg, metresLabel, niceLength, wrapText, type FigureLayer } from '../../src/spatial/report/map-figure.ts';
import { cjkFontFile, svgPixels, svgToPng } from '../../src/spatial/report/render-png.ts';
import type { Geometry } from '../../src/spatial/screening/site.ts';

// The report's map figure: a square site of 1 km side near 巴中 (31.87°N), a reserve it overlaps and a
// river passing north of it.
const LAT = 31.87;
const LON = 106.75;
const METRES_PER_DEGREE_LAT = (Math.PI / 180) * 6_371_008.8;
const dLat = (m: number) => m / METRES_PER_DEGREE_LAT;
const dLon = (m: number) => m / (METRES_PER_DEGREE_LAT * Math.cos((LAT * Math.PI) / 180));

const square = (lon: number, lat: number, sideM: number): Geometry => ({
  type: 'Polygon',
  coordinates: [[[lon, lat], [lon + dLon(sideM), lat], [lon + dLon(sideM), lat + dLat(sideM)], [lon, lat + dLat(sideM)], [lon, lat]]],
});
const site = square(LON, LAT, 1000);
const reserve = square(LON - dLon(600), LAT - dLat(600), 1000);
const river: Geometry = { type: 'LineString', coordinates: [[LON - dLon(2000), LAT + dLat(1150)], [LON + dLon(3000), LAT + dLat(1200)]] };

const LAYERS: FigureLayer[] = [
  { code: 'nature_reserve', name: '自然保护地', geometryType: 'polygon', style: { stroke: '#1e8449', fill: 'rgba(30,132,73,0.30)' }, demo: true, sortOrder: 30 },
  { code: 'river', name: '河流', geometryType: 'line', style: { stroke: '#2e86c1', width: 3 }, demo: false, sortOrder: 80 },
  { code: 'basic_farmland', name: '永久基本农田', geometryType: 'polygon', style: { stroke: '#b7950b' }, demo: false, sortOrder: 40 },
];

function figure(demo = true) {
  const frame = figureFrame(site);
  return { frame, ...mapFigureSvg({ site, frame, layers: LAYERS, demo, features: [{ layer: 'nature_reserve', geometry: reserve }, { layer: 'river', geometry: river }] }) };
}

/** The box of all numbers in a path's d attribute, in pairs. */
function pathBox(d: string) {
  const numbers = [...d.matchAll(/-?\d+(?:\.\d+)?/g)].map((m) => Number(m[0]));
  const xs = numbers.filter((_, i) => i % 2 === 0);
  const ys = numbers.filter((_, i) => i % 2 === 1);
  return { minX: Math.min(...xs), maxX: Math.max(...xs), minY: Math.min(...ys), maxY: Math.max(...ys) };
}

const attribute = (svg: string, element: RegExp, name: string) => new RegExp(`${element.source}[^>]*?\\b${name}="([^"]*)"`).exec(svg)?.[1];

describe('map figure (SVG)', () => {
  it('draws the site on top of the features, inside the view box, true to scale', () => {
    const { svg, pixelsPerMetre } = figure();
    expect(svg).toContain(`viewBox="0 0 ${FIGURE_WIDTH} ${FIGURE_HEIGHT}"`);
    const d = attribute(svg, /<path id="site"/, 'd');
    expect(d).toBeTruthy();
    const box = pathBox(d!);
    expect(box.minX).toBeGreaterThan(0);
    expect(box.maxX).toBeLessThan(FIGURE_WIDTH);
    expect(box.minY).toBeGreaterThan(0);
    expect(box.maxY).toBeLessThan(FIGURE_HEIGHT);
    // 1 km each way, drawn as a square of 1000 m × the figure's scale.
    expect((box.maxX - box.minX) / pixelsPerMetre).toBeCloseTo(1000, -1);
    expect((box.maxY - box.minY) / pixelsPerMetre).toBeCloseTo(1000, -1);
    // The site is drawn after (on top of) the features, dashed.
    expect(svg.indexOf('id="site"')).toBeGreaterThan(svg.indexOf('id="features"'));
    expect(attribute(svg, /<path id="site"/, 'stroke-dasharray')).toBeTruthy();
    expect(attribute(svg, /<g id="features"/, 'clip-path')).toBe('url(#map-clip)');
  });

  it('labels a scale bar whose length matches the map’s scale', () => {
    const { svg, pixelsPerMetre } = figure();
    const metres = Number(attribute(svg, /<g id="scale-bar"/, 'data-metres'));
    const lengthPx = Number(attribute(svg, /<g id="scale-bar"/, 'data-length-px'));
    expect(metres).toBe(niceLength(metres));
    expect(lengthPx / metres).toBeCloseTo(pixelsPerMetre, 2);
    const bar = svg.slice(svg.indexOf('<g id="scale-bar"'), svg.indexOf('</g>', svg.indexOf('<g id="scale-bar"')));
    expect(bar).toContain(`>${metresLabel(metres)}</text>`);
    expect(svg).toContain('id="north-arrow"');
  });

  it('lists in the legend the site and the layers drawn, not the layers without features', () => {
    const { svg } = figure();
    const legend = svg.slice(svg.indexOf('<g id="legend"'), svg.indexOf('</g>', svg.indexOf('<g id="legend"')));
    for (const name of ['项目选址', '自然保护地', '河流']) expect(legend).toContain(`>${name}</text>`);
    expect(legend).not.toContain('永久基本农田');
  });

  it('leaves out of the legend a layer whose features all lie outside the frame', () => {
    const station: FigureLayer = { code: '#water_section', name: '地表水监测断面', geometryType: 'point', style: { stroke: '#1a5276' }, demo: false, sortOrder: 1, symbol: 'square' };
    const frame = figureFrame(site);
    const farAway = { layer: station.code, geometry: { type: 'Point' as const, coordinates: [LON + 0.5, LAT] } };
    const nearby = { layer: station.code, geometry: { type: 'Point' as const, coordinates: [LON + dLon(500), LAT + dLat(500)] } };
    expect(mapFigureSvg({ site, frame, demo: false, layers: [station], features: [farAway] }).svg).not.toContain('地表水监测断面');
    const shown = mapFigureSvg({ site, frame, demo: false, layers: [station], features: [farAway, nearby] }).svg;
    expect(shown).toContain('>地表水监测断面</text>');
    expect(shown.match(/<rect x="[^"]*" y="[^"]*" width="14" height="14"/g)).toHaveLength(2); // one on the map, one in the legend
  });

  it('says 示例数据 when a demo layer was used, and only then', () => {
    expect(figure(true).svg).toContain('示例数据');
    const withoutDemo = mapFigureSvg({ site, frame: figureFrame(site), layers: LAYERS.map((l) => ({ ...l, demo: false })), demo: false, features: [{ layer: 'river', geometry: river }] });
    expect(withoutDemo.svg).not.toContain('示例数据');
  });

  it('escapes names for XML', () => {
    const odd = mapFigureSvg({ site, frame: figureFrame(site), demo: false, layers: [{ ...LAYERS[0]!, name: 'A&B<C>' }], features: [{ layer: 'nature_reserve', geometry: reserve }] });
    expect(odd.svg).toContain('A&amp;B&lt;C&gt;');
    expect(odd.svg).not.toContain('A&B');
  });
});

describe('figure frame', () => {
  it('pads the site, keeps a minimum extent and the map’s proportions', () => {
    const tiny = square(LON, LAT, 10);
    const frame = figureFrame(tiny, { minExtentM: 1200 });
    expect(frame.maxX - frame.minX).toBeGreaterThanOrEqual(1200 - 1e-6);
    expect(frame.maxY - frame.minY).toBeGreaterThanOrEqual(1200 - 1e-6);
    expect(frame.west).toBeLessThan(LON);
    expect(frame.east).toBeGreaterThan(LON + dLon(10));
    const large = figureFrame(site);
    expect(large.west).toBeLessThan(LON);
    expect(large.south).toBeLessThan(LAT);
    expect(large.east).toBeGreaterThan(LON + dLon(1000));
    expect(large.north).toBeGreaterThan(LAT + dLat(1000));
    // The frame has the map area's proportions (860 × 828 pixels), so the scale is the same both ways.
    expect((large.maxX - large.minX) / (large.maxY - large.minY)).toBeCloseTo(860 / 828, 6);
  });

  it('takes in a nearby place but not one far away', () => {
    const near: [number, number] = [LON + dLon(3500), LAT];
    const far: [number, number] = [LON + dLon(50_000), LAT];
    const plain = figureFrame(site);
    expect(plain.east).toBeLessThan(near[0]);
    expect(figureFrame(site, { include: [near] }).east).toBeGreaterThan(near[0]);
    expect(figureFrame(site, { include: [far] })).toEqual(plain);
  });
});

describe('helpers', () => {
  it('chooses 1-2-5 lengths and labels metres', () => {
    expect([niceLength(730), niceLength(1999), niceLength(260), niceLength(40)]).toEqual([500, 1000, 200, 20]);
    expect(metresLabel(500)).toBe('500 m');
    expect(metresLabel(2000)).toBe('2 km');
  });

  it('wraps CJK text by width', () => {
    const lines = wrapText('集中式饮用水水源保护区一级保护区', 11);
    expect(lines.map((l) => [...l].length)).toEqual([11, 5]);
    expect(lines.join('')).toBe('集中式饮用水水源保护区一级保护区');
  });
});

describe('map figure (PNG)', () => {
  it('finds the CJK font from fonts-noto-cjk', () => {
    const file = cjkFontFile();
    expect(file).not.toBeNull();
    expect(existsSync(file!)).toBe(true);
    expect(cjkFontFile({ QINGSHAN_CJK_FONT: file! })).toBe(file);
  });

  it('renders a PNG at twice the figure’s size', () => {
    const png = svgToPng(figure().svg);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.readUInt32BE(16)).toBe(FIGURE_WIDTH * 2);
    expect(png.readUInt32BE(20)).toBe(FIGURE_HEIGHT * 2);
    expect(png.length).toBeGreaterThan(20_000);
  });

  it('draws Chinese characters as distinct glyphs (not one missing-glyph box for all)', () => {
    const glyph = (char: string) =>
      svgPixels(`<svg xmlns="http://www.w3.org/2000/svg" width="80" height="80"><text x="10" y="60" font-family="Noto Sans CJK SC" font-size="56">${char}</text></svg>`, { scale: 1 });
    const a = glyph('图');
    const b = glyph('例');
    const inked = (p: Buffer) => p.filter((v, i) => i % 4 === 0 && v < 128).length;
    expect(inked(a.pixels)).toBeGreaterThan(100);
    expect(inked(b.pixels)).toBeGreaterThan(100);
    expect(a.pixels.equals(b.pixels)).toBe(false);
  });
});

/**
 * The report's map figure as SVG, from geometry already in hand: the features a screening hit (clipped
 * to a frame around the site), the site's outline on top, a scale bar, a north arrow and a legend.
 *
 * A figure needs no survey-grade projection: an equirectangular projection whose standard parallel is
 * the site's latitude keeps distances within a frame of a few kilometres true to well under 0.1%.
 */
import { positionsOf, type Geometry, type Position } from '../screening/site.ts';
import type { LayerStyle } from './types.ts';

/** Mean Earth radius (IUGG), metres. */
const EARTH_RADIUS_M = 6_371_008.8;
const METRES_PER_DEGREE = (Math.PI / 180) * EARTH_RADIUS_M;

export const FIGURE_WIDTH = 1200;
export const FIGURE_HEIGHT = 860;
const MAP = { x: 16, y: 16, w: 860, h: 828 };
const PANEL = { x: 896, y: 16, w: 288 };
export const FONT_FAMILY = 'Noto Sans CJK SC';

const SITE_STROKE = '#e00000';

/** The part of the ground the map shows, with the projection that maps it to the figure. */
export interface FigureFrame {
  /** Projection origin and standard parallel: the site's centre. */
  originLon: number;
  originLat: number;
  /** Extent in projected metres from the origin (x east, y north). */
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  /** The same extent in lon/lat, for clipping features in the database. */
  west: number;
  south: number;
  east: number;
  north: number;
}

export interface FigureLayer {
  code: string;
  name: string;
  geometryType: 'polygon' | 'line' | 'point';
  style: LayerStyle;
  demo: boolean;
  /** Drawing order within a geometry type (map_layer.sort_order): lower first, so beneath. */
  sortOrder: number;
  /** How a point layer is marked; monitoring stations get their own shapes. */
  symbol?: 'circle' | 'triangle' | 'square';
}

export interface FigureFeature {
  layer: string;
  geometry: Geometry;
}

export interface MapFigureInput {
  site: Geometry;
  frame: FigureFrame;
  layers: readonly FigureLayer[];
  features: readonly FigureFeature[];
  /** Any demo layer used: the figure says 示例数据. */
  demo: boolean;
}

export interface MapFigure {
  svg: string;
  width: number;
  height: number;
  /** The scale bar's length on the ground. */
  scaleBarM: number;
  /** Pixels per metre on the ground. */
  pixelsPerMetre: number;
}

type Projection = (p: Position) => [number, number];

/** lon/lat → metres east and north of the origin. */
function projector(originLon: number, originLat: number): Projection {
  const cosLat = Math.cos((originLat * Math.PI) / 180);
  return (p) => [(Number(p[0]) - originLon) * cosLat * METRES_PER_DEGREE, (Number(p[1]) - originLat) * METRES_PER_DEGREE];
}


/** [minLon, minLat, maxLon, maxLat] of a geometry. */
export function bboxOf(geometry: Geometry): [number, number, number, number] {
  const points = positionsOf(geometry);
  if (points.length === 0) throw new RangeError('empty geometry');
  let [w, s, e, n] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const p of points) {
    w = Math.min(w, Number(p[0]));
    e = Math.max(e, Number(p[0]));
    s = Math.min(s, Number(p[1]));
    n = Math.max(n, Number(p[1]));
  }
  return [w, s, e, n];
}

export interface FrameOptions {
  /** Places to keep in view besides the site (e.g. the nearest point of a feature it comes close to). */
  include?: readonly Position[];
  /** Places farther than this from the site's box are left out of view rather than shrinking the site. */
  maxReachM?: number;
  /** The narrowest view, so a small site still shows its surroundings. */
  minExtentM?: number;
}

/**
 * The frame around a site: its box and the places to include, padded by a quarter of the larger side
 * (at least 200 m), widened to at least `minExtentM`, then to the map's proportions.
 */
export function figureFrame(site: Geometry, options: FrameOptions = {}): FigureFrame {
  const [w, s, e, n] = bboxOf(site);
  const originLon = (w + e) / 2;
  const originLat = (s + n) / 2;
  const project = projector(originLon, originLat);
  const [x0, y0] = project([w, s]);
  const [x1, y1] = project([e, n]);
  let [minX, minY, maxX, maxY] = [x0, y0, x1, y1];
  const reach = options.maxReachM ?? 3000;
  for (const place of options.include ?? []) {
    const [x, y] = project(place);
    const dx = Math.max(x0 - x, 0, x - x1);
    const dy = Math.max(y0 - y, 0, y - y1);
    if (Math.hypot(dx, dy) > reach) continue;
    minX = Math.min(minX, x);
    maxX = Math.max(maxX, x);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  const pad = Math.max(0.25 * Math.max(maxX - minX, maxY - minY), 200);
  minX -= pad;
  maxX += pad;
  minY -= pad;
  maxY += pad;
  const minExtent = options.minExtentM ?? 1200;
  let width = Math.max(maxX - minX, minExtent);
  let height = Math.max(maxY - minY, minExtent);
  const aspect = MAP.w / MAP.h;
  if (width / height < aspect) width = height * aspect;
  else height = width / aspect;
  const cx = (minX + maxX) / 2;
  const cy = (minY + maxY) / 2;
  return frameOf(originLon, originLat, cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2);
}

function frameOf(originLon: number, originLat: number, minX: number, minY: number, maxX: number, maxY: number): FigureFrame {
  const cosLat = Math.cos((originLat * Math.PI) / 180);
  const lonOf = (x: number) => originLon + x / (cosLat * METRES_PER_DEGREE);
  const latOf = (y: number) => originLat + y / METRES_PER_DEGREE;
  return { originLon, originLat, minX, minY, maxX, maxY, west: lonOf(minX), south: latOf(minY), east: lonOf(maxX), north: latOf(maxY) };
}

/** The longest 1-2-5 length not above `metres`. */
export function niceLength(metres: number): number {
  const power = 10 ** Math.floor(Math.log10(metres));
  const step = [5, 2, 1].find((m) => m * power <= metres) ?? 1;
  return step * power;
}

export function metresLabel(metres: number): string {
  return metres >= 1000 ? `${+(metres / 1000).toFixed(3)} km` : `${+metres.toFixed(1)} m`;
}

const escapeXml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
const fmt = (n: number) => (Math.round(n * 10) / 10).toString();

/** Splits text into lines of at most `width` ems (a CJK character is one em, Latin about half). */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  let used = 0;
  for (const char of text) {
    const w = /[\u0000-\u00ff]/.test(char) ? 0.55 : 1;
    if (used + w > width && line) {
      lines.push(line);
      line = '';
      used = 0;
    }
    line += char;
    used += w;
  }
  if (line) lines.push(line);
  return lines;
}

function text(x: number, y: number, content: string, options: { size?: number; anchor?: 'start' | 'middle' | 'end'; fill?: string; bold?: boolean } = {}): string {
  const weight = options.bold ? ' font-weight="bold"' : '';
  return `<text x="${fmt(x)}" y="${fmt(y)}" font-family="${FONT_FAMILY}" font-size="${options.size ?? 16}" text-anchor="${options.anchor ?? 'start'}" fill="${options.fill ?? '#1f2933'}"${weight}>${escapeXml(content)}</text>`;
}

interface Screen {
  point: (p: Position) => [number, number];
  pixelsPerMetre: number;
}

function screenOf(frame: FigureFrame): Screen {
  const project = projector(frame.originLon, frame.originLat);
  const k = MAP.w / (frame.maxX - frame.minX);
  return {
    pixelsPerMetre: k,
    point: (p) => {
      const [x, y] = project(p);
      return [MAP.x + (x - frame.minX) * k, MAP.y + (frame.maxY - y) * k];
    },
  };
}

const ringPath = (ring: Position[], screen: Screen, close: boolean) =>
  ring.map((p, i) => {
    const [x, y] = screen.point(p);
    return `${i === 0 ? 'M' : 'L'}${fmt(x)} ${fmt(y)}`;
  }).join('') + (close ? 'Z' : '');

/** An SVG path for the areal and linear parts of a geometry (points are marked separately). */
export function pathData(geometry: Geometry, screen: Screen): string {
  switch (geometry.type) {
    case 'Point':
    case 'MultiPoint':
      return '';
    case 'LineString':
      return ringPath(geometry.coordinates, screen, false);
    case 'MultiLineString':
      return geometry.coordinates.map((line) => ringPath(line, screen, false)).join('');
    case 'Polygon':
      return geometry.coordinates.map((ring) => ringPath(ring, screen, true)).join('');
    case 'MultiPolygon':
      return geometry.coordinates.flatMap((polygon) => polygon.map((ring) => ringPath(ring, screen, true))).join('');
    case 'GeometryCollection':
      return geometry.geometries.map((g) => pathData(g, screen)).join('');
  }
}

function pointsOf(geometry: Geometry): Position[] {
  if (geometry.type === 'Point') return [geometry.coordinates];
  if (geometry.type === 'MultiPoint') return geometry.coordinates;
  if (geometry.type === 'GeometryCollection') return geometry.geometries.flatMap(pointsOf);
  return [];
}

function marker(x: number, y: number, symbol: FigureLayer['symbol'], style: Required<LayerStyle>, size = 7): string {
  const paint = `fill="${escapeXml(style.fill)}" stroke="${escapeXml(style.stroke)}" stroke-width="${style.width}"`;
  if (symbol === 'triangle') return `<path d="M${fmt(x)} ${fmt(y - size * 1.2)}L${fmt(x + size * 1.1)} ${fmt(y + size * 0.8)}L${fmt(x - size * 1.1)} ${fmt(y + size * 0.8)}Z" ${paint}/>`;
  if (symbol === 'square') return `<rect x="${fmt(x - size)}" y="${fmt(y - size)}" width="${size * 2}" height="${size * 2}" ${paint}/>`;
  return `<circle cx="${fmt(x)}" cy="${fmt(y)}" r="${size}" ${paint}/>`;
}

function styleOf(layer: FigureLayer): Required<LayerStyle> {
  const stroke = layer.style.stroke ?? '#4a5568';
  const fallbackFill = layer.geometryType === 'point' ? stroke : 'rgba(74,85,104,0.2)';
  return { stroke, fill: layer.style.fill ?? fallbackFill, width: layer.geometryType === 'line' ? Math.max(layer.style.width ?? 2.5, 2) : (layer.style.width ?? 1.5) };
}

function featureSvg(feature: FigureFeature, layer: FigureLayer, screen: Screen): string {
  const style = styleOf(layer);
  const parts: string[] = [];
  const d = pathData(feature.geometry, screen);
  if (d) {
    const areal = layer.geometryType === 'polygon';
    parts.push(
      `<path d="${d}" fill="${areal ? escapeXml(style.fill) : 'none'}" fill-rule="evenodd" stroke="${escapeXml(style.stroke)}" stroke-width="${style.width}" stroke-linejoin="round" stroke-linecap="round"/>`,
    );
  }
  for (const p of pointsOf(feature.geometry)) {
    const [x, y] = screen.point(p);
    parts.push(marker(x, y, layer.symbol, style));
  }
  return parts.join('');
}

const TYPE_ORDER = { polygon: 0, line: 1, point: 2 } as const;

function scaleBar(pixelsPerMetre: number): { svg: string; metres: number } {
  const metres = niceLength((MAP.w * 0.25) / pixelsPerMetre);
  const length = metres * pixelsPerMetre;
  const x = MAP.x + 20;
  const y = MAP.y + MAP.h - 30;
  const half = length / 2;
  const svg = [
    `<g id="scale-bar" data-metres="${metres}" data-length-px="${fmt(length)}">`,
    `<rect x="${fmt(x - 12)}" y="${fmt(y - 34)}" width="${fmt(length + 24 + 40)}" height="52" fill="#ffffff" fill-opacity="0.85" stroke="#9aa5b1" stroke-width="1"/>`,
    `<rect x="${fmt(x)}" y="${fmt(y)}" width="${fmt(half)}" height="8" fill="#1f2933" stroke="#1f2933" stroke-width="1"/>`,
    `<rect x="${fmt(x + half)}" y="${fmt(y)}" width="${fmt(half)}" height="8" fill="#ffffff" stroke="#1f2933" stroke-width="1"/>`,
    text(x, y - 8, '0', { size: 15, anchor: 'middle' }),
    text(x + half, y - 8, metresLabel(metres / 2).replace(/ (k?m)$/, ''), { size: 15, anchor: 'middle' }),
    text(x + length, y - 8, metresLabel(metres), { size: 15, anchor: 'middle' }),
    '</g>',
  ].join('');
  return { svg, metres };
}

function northArrow(): string {
  const cx = MAP.x + MAP.w - 44;
  const top = MAP.y + 24;
  return [
    '<g id="north-arrow">',
    `<circle cx="${cx}" cy="${top + 40}" r="30" fill="#ffffff" fill-opacity="0.85" stroke="#9aa5b1" stroke-width="1"/>`,
    `<path d="M${cx} ${top + 14}L${cx + 12} ${top + 62}L${cx} ${top + 52}Z" fill="#ffffff" stroke="#1f2933" stroke-width="1.5" stroke-linejoin="round"/>`,
    `<path d="M${cx} ${top + 14}L${cx - 12} ${top + 62}L${cx} ${top + 52}Z" fill="#1f2933" stroke="#1f2933" stroke-width="1.5" stroke-linejoin="round"/>`,
    text(cx, top + 6, 'N', { size: 18, anchor: 'middle', bold: true }),
    '</g>',
  ].join('');
}

interface LegendEntry {
  name: string;
  swatch: (x: number, y: number) => string;
  demo: boolean;
}

function swatch(layer: FigureLayer, x: number, y: number): string {
  const style = styleOf(layer);
  if (layer.geometryType === 'line') return `<path d="M${x} ${y + 10}L${x + 36} ${y + 10}" stroke="${escapeXml(style.stroke)}" stroke-width="${Math.max(style.width, 2)}" stroke-linecap="round"/>`;
  if (layer.geometryType === 'point') return marker(x + 18, y + 10, layer.symbol, style);
  return `<rect x="${x}" y="${y}" width="36" height="20" fill="${escapeXml(style.fill)}" stroke="${escapeXml(style.stroke)}" stroke-width="${Math.min(style.width, 2)}"/>`;
}

function legend(entries: readonly LegendEntry[], frame: FigureFrame, demo: boolean): string {
  const x = PANEL.x + 16;
  let y = PANEL.y + 36;
  const parts = ['<g id="legend">', text(x, y, '图  例', { size: 22, bold: true })];
  y += 22;
  for (const entry of entries) {
    parts.push(entry.swatch(x, y));
    const lines = wrapText(entry.name, 11);
    lines.forEach((line, i) => parts.push(text(x + 48, y + 16 + i * 21, line, { size: 17 })));
    let height = Math.max(lines.length * 21, 24);
    if (entry.demo) {
      parts.push(text(x + 48, y + 16 + lines.length * 21, '示例数据', { size: 14, fill: '#c0392b' }));
      height += 19;
    }
    y += height + 12;
  }
  parts.push('</g>');

  const notes = [
    '坐标系：CGCS2000（EPSG:4490）',
    `投影：等距圆柱，标准纬线 ${frame.originLat.toFixed(2)}°N`,
    `经度 ${frame.west.toFixed(4)}°E – ${frame.east.toFixed(4)}°E`,
    `纬度 ${frame.south.toFixed(4)}°N – ${frame.north.toFixed(4)}°N`,
  ];
  let noteY = FIGURE_HEIGHT - 24 - (notes.length - 1) * 20;
  if (demo) {
    const warning = wrapText('含示例数据（平台生成的演示图层），不是正式边界，不能作为准入依据。', 14);
    noteY -= warning.length * 20 + 10;
    warning.forEach((line, i) => parts.push(text(x, noteY + i * 20, line, { size: 15, fill: '#c0392b' })));
    noteY += warning.length * 20 + 10;
  }
  notes.forEach((line, i) => parts.push(text(x, noteY + i * 20, line, { size: 13, fill: '#52606d' })));
  return parts.join('');
}

/** The figure: features (clipped to the map frame), the site on top, scale bar, north arrow, legend. */
export function mapFigureSvg(input: MapFigureInput): MapFigure {
  const screen = screenOf(input.frame);
  const layers = new Map(input.layers.map((l) => [l.code, l]));
  // Only what reaches into the frame is drawn and listed in the legend.
  const inFrame = (g: Geometry) => {
    if (positionsOf(g).length === 0) return false;
    const [w, s, e, n] = bboxOf(g);
    return w <= input.frame.east && e >= input.frame.west && s <= input.frame.north && n >= input.frame.south;
  };
  const drawn = input.features.filter((f) => layers.has(f.layer) && inFrame(f.geometry));
  const order = (f: FigureFeature) => {
    const layer = layers.get(f.layer)!;
    return TYPE_ORDER[layer.geometryType] * 1e6 + layer.sortOrder;
  };
  const features = [...drawn].sort((a, b) => order(a) - order(b)).map((f) => featureSvg(f, layers.get(f.layer)!, screen));

  const shown = [...new Set(drawn.map((f) => f.layer))].map((code) => layers.get(code)!).sort((a, b) => TYPE_ORDER[a.geometryType] - TYPE_ORDER[b.geometryType] || a.sortOrder - b.sortOrder);
  const siteSwatch = (x: number, y: number) =>
    `<rect x="${x}" y="${y}" width="36" height="20" fill="rgba(224,0,0,0.06)" stroke="${SITE_STROKE}" stroke-width="3" stroke-dasharray="8 4"/>`;
  const entries: LegendEntry[] = [
    { name: '项目选址', swatch: siteSwatch, demo: false },
    ...shown.map((layer) => ({ name: layer.name, demo: layer.demo, swatch: (x: number, y: number) => swatch(layer, x, y) })),
  ];

  const site = pathData(input.site, screen);
  const sitePoints = pointsOf(input.site).map((p) => screen.point(p));
  const siteSvg = [
    `<path d="${site}" fill="none" stroke="#ffffff" stroke-width="7" stroke-linejoin="round" stroke-opacity="0.9"/>`,
    `<path id="site" d="${site}" fill="rgba(224,0,0,0.06)" fill-rule="evenodd" stroke="${SITE_STROKE}" stroke-width="4" stroke-dasharray="14 7" stroke-linejoin="round"/>`,
    ...sitePoints.map(([x, y]) => `<circle cx="${fmt(x)}" cy="${fmt(y)}" r="6" fill="${SITE_STROKE}" stroke="#ffffff" stroke-width="2"/>`),
  ].join('');
  const bar = scaleBar(screen.pixelsPerMetre);
  const demoMark = input.demo
    ? `<g id="demo-mark"><rect x="${MAP.x + 14}" y="${MAP.y + 14}" width="112" height="38" fill="#ffffff" fill-opacity="0.9" stroke="#c0392b" stroke-width="2"/>${text(MAP.x + 70, MAP.y + 40, '示例数据', { size: 22, anchor: 'middle', fill: '#c0392b', bold: true })}</g>`
    : '';

  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${FIGURE_WIDTH}" height="${FIGURE_HEIGHT}" viewBox="0 0 ${FIGURE_WIDTH} ${FIGURE_HEIGHT}">`,
    `<defs><clipPath id="map-clip"><rect x="${MAP.x}" y="${MAP.y}" width="${MAP.w}" height="${MAP.h}"/></clipPath></defs>`,
    `<rect width="${FIGURE_WIDTH}" height="${FIGURE_HEIGHT}" fill="#ffffff"/>`,
    `<rect x="${MAP.x}" y="${MAP.y}" width="${MAP.w}" height="${MAP.h}" fill="#f4f6f8"/>`,
    `<g id="features" clip-path="url(#map-clip)">${features.join('')}</g>`,
    `<g clip-path="url(#map-clip)">${siteSvg}</g>`,
    `<rect x="${MAP.x}" y="${MAP.y}" width="${MAP.w}" height="${MAP.h}" fill="none" stroke="#1f2933" stroke-width="2"/>`,
    bar.svg,
    northArrow(),
    demoMark,
    legend(entries, input.frame, input.demo),
    '</svg>',
  ].join('\n');
  return { svg, width: FIGURE_WIDTH, height: FIGURE_HEIGHT, scaleBarM: bar.metres, pixelsPerMetre: screen.pixelsPerMetre };
}

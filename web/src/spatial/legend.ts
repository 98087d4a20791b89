// Pure helpers of the layer tree and legend: which group a layer belongs to, and the colours of a
// layer's zones (the layer's own colour, darker for the stricter zones listed first).
import type { LayerStyle, LayerView } from './types.ts';

export type LayerGroup = 'base' | 'ecology' | 'water' | 'control' | 'other';

export const LAYER_GROUPS: readonly LayerGroup[] = ['base', 'ecology', 'water', 'control', 'other'];

const GROUP_OF: Record<string, LayerGroup> = {
  admin_boundary: 'base',
  river: 'base',
  ecological_redline: 'ecology',
  nature_reserve: 'ecology',
  forest_land: 'ecology',
  basic_farmland: 'ecology',
  water_source: 'water',
  water_function: 'water',
  control_unit: 'control',
  air_control_ring: 'control',
  livestock_ban: 'control',
  soil_risk_plot: 'control',
};

/** New kinds of layer are configuration: one the tree does not know goes under 其他. */
export function groupOf(code: string): LayerGroup {
  return GROUP_OF[code] ?? 'other';
}

export function groupLayers(layers: readonly LayerView[]): { group: LayerGroup; layers: LayerView[] }[] {
  return LAYER_GROUPS.map((group) => ({
    group,
    layers: layers.filter((l) => groupOf(l.code) === group).sort((a, b) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code)),
  })).filter((g) => g.layers.length > 0);
}

interface Rgba {
  r: number;
  g: number;
  b: number;
  a: number;
}

export function parseColour(text: string | undefined): Rgba | null {
  if (!text) return null;
  const s = text.trim();
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(s);
  if (hex) {
    const h = hex[1]!.length === 3 ? [...hex[1]!].map((c) => c + c).join('') : hex[1]!;
    return { r: parseInt(h.slice(0, 2), 16), g: parseInt(h.slice(2, 4), 16), b: parseInt(h.slice(4, 6), 16), a: 1 };
  }
  const rgb = /^rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)\s*(?:,\s*([\d.]+)\s*)?\)$/i.exec(s);
  if (rgb) return { r: Number(rgb[1]), g: Number(rgb[2]), b: Number(rgb[3]), a: rgb[4] === undefined ? 1 : Number(rgb[4]) };
  return null;
}

function toCss({ r, g, b, a }: Rgba): string {
  return `rgba(${Math.round(r)}, ${Math.round(g)}, ${Math.round(b)}, ${Number(a.toFixed(3))})`;
}

/** Mixes a colour towards white (amount > 0) or black (amount < 0), keeping its alpha. */
export function shade(colour: string | undefined, amount: number): string | undefined {
  const c = parseColour(colour);
  if (!c) return colour;
  const target = amount >= 0 ? 255 : 0;
  const k = Math.min(1, Math.abs(amount));
  return toCss({ r: c.r + (target - c.r) * k, g: c.g + (target - c.g) * k, b: c.b + (target - c.b) * k, a: c.a });
}

/** A colour with another alpha (a legend swatch shows a transparent fill more strongly than the map does). */
export function withAlpha(colour: string | undefined, alpha: number): string | undefined {
  const c = parseColour(colour);
  return c ? toCss({ ...c, a: alpha }) : colour;
}

/**
 * The style of one zone of a layer: zones are listed strictest first (核心保护区 before 一般控制区,
 * 一级 before 二级), so the first is darkest and the last lightest; a layer without zones keeps its style.
 */
export function zoneStyle(style: LayerStyle, zoneIndex: number, zoneCount: number): LayerStyle {
  if (zoneCount <= 1 || zoneIndex < 0) return style;
  // From 25 % darker to 35 % lighter across the zones.
  const amount = -0.25 + (0.6 * zoneIndex) / (zoneCount - 1);
  const next: LayerStyle = { ...style };
  const stroke = shade(style.stroke, amount);
  const fill = shade(style.fill, amount);
  if (stroke !== undefined) next.stroke = stroke;
  if (fill !== undefined) next.fill = fill;
  return next;
}

/** The colour a legend swatch shows for a style: the fill made visible, else the stroke. */
export function swatchColour(style: LayerStyle): string {
  const fill = parseColour(style.fill);
  if (fill && fill.a > 0) return withAlpha(style.fill, Math.max(0.55, fill.a))!;
  return style.stroke ?? '#888888';
}

const SQUARE_METRES_PER_MU = 10000 / 15;

/** A length in metres as a reader wants it: metres below a kilometre, kilometres above. */
export function formatLength(metres: number, locale: string): string {
  const nf = (digits: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits });
  return metres < 1000 ? `${nf(1).format(metres)} m` : `${nf(3).format(metres / 1000)} km`;
}

/** An area in m² (km² when large) and in 亩, the unit land departments use. */
export function formatArea(squareMetres: number, locale: string): { metric: string; mu: string } {
  const nf = (digits: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits });
  const metric = squareMetres < 1e6 ? `${nf(1).format(squareMetres)} m²` : `${nf(4).format(squareMetres / 1e6)} km²`;
  return { metric, mu: nf(2).format(squareMetres / SQUARE_METRES_PER_MU) };
}

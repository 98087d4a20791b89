/**
 * SVG → PNG with resvg, drawing Chinese text with a CJK font from the system (Debian's fonts-noto-cjk,
 * which the README already asks for). Without one the figure is still drawn, its text in whatever the
 * system has.
 */
import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import { FONT_FAMILY } from './map-figure.ts';

/** Where distributions put Noto Sans CJK; QINGSHAN_CJK_FONT names another file. */
const CJK_FONT_CANDIDATES = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc',
];

export function cjkFontFile(env: NodeJS.ProcessEnv = process.env): string | null {
  const candidates = [env.QINGSHAN_CJK_FONT, ...CJK_FONT_CANDIDATES].filter((f): f is string => Boolean(f));
  return candidates.find((file) => existsSync(file)) ?? null;
}

export interface RenderOptions {
  /** Times the SVG's own size: 2 prints sharply at the report's width. */
  scale?: number;
  /** The CJK font; null renders with the system's fonts. */
  fontFile?: string | null;
}

/** The PNG of an SVG. */
export function svgToPng(svg: string, options: RenderOptions = {}): Buffer {
  return rasterise(svg, options).asPng();
}

/** The RGBA pixels of an SVG, row by row. */
export function svgPixels(svg: string, options: RenderOptions = {}): { width: number; height: number; pixels: Buffer } {
  const image = rasterise(svg, options);
  return { width: image.width, height: image.height, pixels: image.pixels };
}

function rasterise(svg: string, options: RenderOptions) {
  const fontFile = options.fontFile === undefined ? cjkFontFile() : options.fontFile;
  // The bold face sits beside the regular one; headings fall back to regular when it is missing.
  const boldFile = fontFile?.replace(/-Regular\.ttc$/, '-Bold.ttc');
  const fontFiles = fontFile ? [fontFile, ...(boldFile && boldFile !== fontFile && existsSync(boldFile) ? [boldFile] : [])] : [];
  const resvg = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: options.scale ?? 2 },
    font: fontFile
      ? { loadSystemFonts: false, fontFiles, defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY }
      : { loadSystemFonts: true },
    background: '#ffffff',
  });
  return resvg.render();
}

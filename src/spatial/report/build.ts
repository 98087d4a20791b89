/**
 * The report file of a screening: the map figure drawn and rendered, then the document. Loaded by the
 * route through import(), as it brings in docx and the native SVG renderer.
 */
import type { Db } from '../../db/connect.ts';
import { screeningReportDocx } from './docx.ts';
import { documentTitles, figureData, layerVersionsOf } from './load.ts';
import { mapFigureSvg } from './map-figure.ts';
import { svgToPng } from './render-png.ts';
import type { Screening } from '../screening/service.ts';

export async function screeningReport(db: Db, screening: Screening, generatedAt: Date): Promise<Buffer> {
  const [figure, versions, titles] = await Promise.all([figureData(db, screening), layerVersionsOf(db, screening), documentTitles(db, screening)]);
  const drawn = mapFigureSvg({ site: screening.site, frame: figure.frame, layers: figure.layers, features: figure.features, demo: screening.demo });
  const png = svgToPng(drawn.svg);
  return screeningReportDocx({ screening, figure: { png, width: drawn.width, height: drawn.height }, versions, documentTitles: titles, generatedAt });
}

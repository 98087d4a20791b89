/**
 * What the report reads beyond the screening itself (screening/service.ts owns `Screening` and its
 * parts; geometry types are screening/site.ts's): layer styles and the versions a screening used.
 */
import type { LayerHits } from '../screening/service.ts';

/** map_layer.style as the seeds write it. */
export interface LayerStyle {
  stroke?: string;
  fill?: string;
  width?: number;
}

/** A layer version a screening used, with what the version table knows of it. */
export interface ReportLayerVersion extends Omit<LayerHits, 'hits'> {
  sourceName: string | null;
  importedAt: string | null;
}

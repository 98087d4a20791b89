// The 图层管理 and 准入规则 API as the coordinator's pages read it: layer versions with their import
// reports, and the versioned screening rules.
import type { RuleVerdict } from './types.ts';

export interface FeatureNote {
  /** Position in the file, 0-based (shown 1-based to people). */
  index: number;
  name: string | null;
  reason: string;
}

export type SridSource = 'option' | 'prj' | 'crs' | 'geopackage' | 'rfc7946';
export type EncodingSource = 'option' | 'cpg' | 'language_driver' | 'detected';

export interface ImportReport {
  layer: string;
  sourceName: string;
  format: 'shapefile' | 'geojson' | 'geopackage';
  srid: number;
  sridSource: SridSource;
  encoding: string | null;
  encodingSource: EncodingSource | null;
  counts: { read: number; imported: number; repaired: number; refused: number };
  repaired: FeatureNote[];
  refused: FeatureNote[];
  skippedRefused: boolean;
  notes: string[];
  warnings: string[];
}

export interface LayerVersion {
  versionId: number;
  version: number;
  current: boolean;
  sourceName: string;
  sourceFormat: string;
  sourceSrid: number;
  encoding: string | null;
  demo: boolean;
  featureCount: number;
  note: string | null;
  importedAt: string;
  importedBy: { id: number; name: string } | null;
  /** An ImportReport for imported files; demo and package versions may carry less. */
  report: Partial<ImportReport> & Record<string, unknown>;
}

export interface ImportedVersion {
  versionId: number;
  version: number;
  featureCount: number;
  report: ImportReport;
}

export interface Rule {
  id: number;
  layer: string;
  layerName: string;
  zone: string | null;
  zoneName: string | null;
  category: string | null;
  categoryName: string | null;
  featureFilter: Record<string, string> | null;
  withinM: number | null;
  verdict: RuleVerdict;
  basis: string;
  doc: string | null;
  docTitle: string | null;
  clause: string | null;
}

export interface RuleInput {
  layer: string;
  zone: string | null;
  category: string | null;
  featureFilter?: Record<string, string> | null;
  withinM?: number | null;
  verdict: RuleVerdict;
  basis: string;
  doc?: string | null;
  clause?: string | null;
}

export interface RuleSet {
  id: number;
  version: number;
  note: string | null;
  createdAt: string;
  createdBy: { id: number; name: string } | null;
}

export interface RuleSetVersion extends RuleSet {
  ruleCount: number;
}

export interface SourceDocument {
  id: string;
  title: string;
  file: string | null;
  issued: string | null;
}

export const RULE_VERDICTS: readonly RuleVerdict[] = ['prohibited', 'restricted', 'special_study', 'allowed'];

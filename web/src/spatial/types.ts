// The 一张图 API as the web UI reads it (the contract between the spatial helpers). Geometry is in
// EPSG:4490, lon/lat order; within centimetres of WGS84, so the map treats it as EPSG:4326.

import type { AppliedRule, ScreeningReason } from '../../../src/spatial/screening/rules.ts';

export type Position = [number, number];

export type Geometry =
  | { type: 'Point'; coordinates: Position }
  | { type: 'MultiPoint'; coordinates: Position[] }
  | { type: 'LineString'; coordinates: Position[] }
  | { type: 'MultiLineString'; coordinates: Position[][] }
  | { type: 'Polygon'; coordinates: Position[][] }
  | { type: 'MultiPolygon'; coordinates: Position[][][] }
  | { type: 'GeometryCollection'; geometries: Geometry[] };

/** [minLon, minLat, maxLon, maxLat] */
export type Bbox = [number, number, number, number];

export interface Zone {
  code: string;
  name: string;
  nameEn: string;
}

export interface LayerStyle {
  stroke?: string;
  fill?: string;
  width?: number;
}

export interface LayerView {
  code: string;
  name: string;
  nameEn: string;
  geometryType: 'polygon' | 'line' | 'point';
  zones: Zone[];
  sensitive: boolean;
  vectorTiles: boolean;
  screened: boolean;
  style: LayerStyle;
  sortOrder: number;
  description: string | null;
  source: { doc: string | null; clause: string | null };
  current: null | {
    versionId: number;
    version: number;
    featureCount: number;
    demo: boolean;
    sourceName: string;
    sourceFormat: string;
    importedAt: string;
    importedBy: { id: number; name: string } | null;
  };
  versionCount: number;
}

export interface IdentifiedFeature {
  id: number | string;
  layer: string;
  layerName: string;
  name: string | null;
  zone: string | null;
  zoneName: string | null;
  demo: boolean;
  properties: Record<string, unknown>;
}

export interface SearchHit {
  id: number | string;
  layer: string;
  layerName: string;
  name: string | null;
  zone: string | null;
  zoneName: string | null;
  bbox: Bbox;
}

export interface Category {
  code: string;
  name: string;
  nameEn: string;
}

export type SiteInput =
  | { kind: 'point'; lon: number; lat: number; radiusM: number }
  | { kind: 'line'; coordinates: Position[]; widthM: number }
  | { kind: 'polygon'; coordinates: Position[][] }
  | { kind: 'geometry'; geometry: Geometry; srid?: number }
  | { kind: 'boundary_points'; text: string; srid?: number };

export interface ScreeningRequest {
  projectName: string;
  category: string;
  attributes?: Record<string, string | number>;
  site: SiteInput;
}

export type Verdict = 'inadmissible' | 'conditional' | 'admissible' | 'manual_review';
export type RuleVerdict = 'prohibited' | 'restricted' | 'special_study' | 'allowed';

export interface LayerHit {
  featureId: number | string;
  name: string | null;
  zone: string | null;
  zoneName: string | null;
  overlapM2: number;
  shareOfSite: number;
}

export interface ScreenedLayer {
  layer: string;
  layerName: string;
  versionId: number | null;
  version: number | null;
  demo: boolean;
  hits: LayerHit[];
}

export interface DistanceRow {
  kind: 'layer' | 'air_station' | 'water_section';
  layer: string | null;
  layerName: string;
  featureId: string | number;
  name: string | null;
  zone: string | null;
  zoneName: string | null;
  distanceM: number;
}

export interface AdmissionList {
  spatialLayout: string | null;
  emissionControl: string | null;
  riskPrevention: string | null;
  resourceEfficiency: string | null;
}

export interface ControlUnitHit {
  featureId: number | string;
  name: string | null;
  zone: string | null;
  zoneName: string | null;
  overlapM2: number;
  shareOfSite: number;
  admissionList: AdmissionList;
}

/** A rule that applied to the site, with the features it applied to, as the server builds it. */
export type RuleOutcome = AppliedRule;

/** A reason of the verdict as data, as the server builds it; a `rule` reason points into `rules`. */
export type { ScreeningReason };

export interface Screening {
  id: number;
  token: string;
  projectName: string;
  category: Category;
  attributes: Record<string, string | number>;
  input: SiteInput;
  site: Geometry;
  siteAreaM2: number;
  verdict: Verdict;
  /** The reasons in Chinese words, as the report has them. */
  reasons: string[];
  /** The same as data, to be worded in the reader's language; null for a screening saved before they were kept. */
  reasonDetails: ScreeningReason[] | null;
  layers: ScreenedLayer[];
  distances: DistanceRow[];
  controlUnits: ControlUnitHit[];
  rules: RuleOutcome[];
  ruleSet: { id: number; version: number } | null;
  demo: boolean;
  createdAt: string;
  createdBy: { id: number; name: string } | null;
}

/** A row of the history: the list may carry the whole screening or only its head. */
export type ScreeningSummary = Pick<Screening, 'id' | 'token' | 'projectName' | 'category' | 'verdict' | 'createdAt' | 'createdBy'> &
  Partial<Pick<Screening, 'siteAreaM2' | 'demo'>>;

/**
 * What the report reads: a structural copy of the screening contract's `Screening` (the screening
 * module owns the real one; the report depends only on this shape), and the geometry it draws.
 */

export type Position = [number, number] | number[];

/** GeoJSON geometry in lon/lat (EPSG:4490 numbers, which are WGS84's within centimetres). */
export type Geometry =
  | { type: 'Point'; coordinates: Position }
  | { type: 'MultiPoint'; coordinates: Position[] }
  | { type: 'LineString'; coordinates: Position[] }
  | { type: 'MultiLineString'; coordinates: Position[][] }
  | { type: 'Polygon'; coordinates: Position[][] }
  | { type: 'MultiPolygon'; coordinates: Position[][][] }
  | { type: 'GeometryCollection'; geometries: Geometry[] };

export type ScreeningVerdict = 'inadmissible' | 'conditional' | 'admissible' | 'manual_review';
export type RuleVerdict = 'prohibited' | 'restricted' | 'special_study' | 'allowed';

export interface ReportFeatureHit {
  featureId: string | number;
  name: string | null;
  zone: string | null;
  zoneName: string | null;
  overlapM2: number;
  shareOfSite: number;
}

export interface ReportLayer {
  layer: string;
  layerName: string;
  versionId: number | null;
  version: number | null;
  demo: boolean;
  hits: ReportFeatureHit[];
}

export interface ReportDistance {
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

export interface ReportControlUnit {
  featureId: string | number;
  name: string | null;
  zone: string | null;
  zoneName: string | null;
  overlapM2: number;
  shareOfSite: number;
  admissionList: AdmissionList;
}

export interface ReportRule {
  ruleId: number;
  layer: string;
  layerName: string;
  zone: string | null;
  zoneName: string | null;
  category: string | null;
  verdict: RuleVerdict;
  withinM: number | null;
  basis: string;
  doc: string | null;
  docTitle: string | null;
  clause: string | null;
  features: { featureId: string | number; name: string | null; overlapM2: number | null; distanceM: number | null }[];
}

export interface ReportScreening {
  id: number;
  token: string;
  projectName: string;
  category: { code: string; name: string; nameEn: string };
  attributes: Record<string, unknown>;
  /** The SiteInput as given: { kind: 'point' | 'line' | 'polygon' | 'geometry' | 'boundary_points', … }. */
  input: Record<string, unknown>;
  site: Geometry;
  siteAreaM2: number;
  verdict: ScreeningVerdict;
  reasons: string[];
  /** What the site input's checks noticed (e.g. a ring closed for the user). */
  warnings?: string[];
  layers: ReportLayer[];
  distances: ReportDistance[];
  controlUnits: ReportControlUnit[];
  rules: ReportRule[];
  ruleSet: { id: number; version: number } | null;
  demo: boolean;
  createdAt: string;
  createdBy: { id: number; name: string } | null;
}

/** map_layer.style as the seeds write it. */
export interface LayerStyle {
  stroke?: string;
  fill?: string;
  width?: number;
}

/** A layer version a screening used, with what the version table knows of it. */
export interface ReportLayerVersion {
  layer: string;
  layerName: string;
  versionId: number | null;
  version: number | null;
  demo: boolean;
  sourceName: string | null;
  importedAt: string | null;
}

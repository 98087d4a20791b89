// Shapes of the 环境监测 endpoints (src/monitoring/routes.ts, src/monitoring/calculators), built on the
// server's own definitions.
import type { AqiResult } from '../../../src/monitoring/air/aqi.ts';
import type { Site } from '../../../src/monitoring/registry/store.ts';
import type { SiteKind, SiteStatus } from '../../../src/monitoring/registry/site.ts';
import type { WaterClassOutput } from '../../../src/monitoring/water/calculator.ts';

export type { AqiResult, Site, SiteKind, SiteStatus, WaterClassOutput };

export const SITE_KINDS = ['air', 'section', 'source'] as const satisfies readonly SiteKind[];
export const SITE_STATUSES = ['active', 'suspended', 'retired'] as const satisfies readonly SiteStatus[];

/** The API's collection of each kind. */
export const KIND_PATHS: Record<SiteKind, string> = { air: 'stations', section: 'sections', source: 'sources' };

export type Medium = 'air' | 'water';

export interface Parameter {
  code: string;
  medium: Medium;
  name: string;
  unit: string;
  optional: boolean;
  signed: boolean;
}

export interface SeriesValue {
  at: string;
  mode: string | null;
  parameter: string;
  value: string | null;
  valid: boolean;
  invalidReason: string | null;
  review: 'raw' | 'audited';
  corrected: boolean;
  originalValue: string | null;
}

export interface Series {
  site: { id: number; code: string; name: string };
  from: string;
  to: string;
  timeConvention: string;
  items: SeriesValue[];
}

export interface ImportResult {
  records: number;
  values: number;
  written: number;
  kept: number;
  partitions: string[];
}

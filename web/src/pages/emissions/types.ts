// 企业排放 as the API returns it (src/emissions/routes.ts).
export interface Enterprise {
  id: number;
  organisationId: number;
  name: string;
  creditCode: string | null;
  district: { id: number; name: string };
  industry: string | null;
  address: string | null;
  lon: number | null;
  lat: number | null;
  active: boolean;
  note: string | null;
  outlets: number;
  openExceedances: number;
}

export type Basis = 'avg' | 'zs_avg';
export type Resolution = 'minute' | 'hour' | 'day';
export const BASES: readonly Basis[] = ['avg', 'zs_avg'];
export const RESOLUTIONS: readonly Resolution[] = ['minute', 'hour', 'day'];

export interface EmissionLimit {
  id: number;
  outletId: number;
  factorCode: string;
  limitValue: number;
  unit: string;
  basis: Basis;
  resolution: Resolution;
  standard: string;
  clause: string | null;
  validFrom: string | null;
  validTo: string | null;
}

export interface Outlet {
  id: number;
  enterpriseId: number;
  code: string;
  name: string;
  medium: 'gas' | 'water';
  active: boolean;
  note: string | null;
  limits: EmissionLimit[];
}

export type EnterpriseDetail = Enterprise & { outletList: Outlet[] };

export interface Exceedance {
  id: number;
  enterprise: { id: number; name: string; districtId: number };
  outlet: { id: number; code: string; name: string };
  limitId: number;
  factorCode: string;
  unit: string;
  basis: Basis;
  resolution: Resolution;
  startedAt: string;
  endedAt: string;
  closedAt: string | null;
  durationHours: number;
  periods: number;
  peakValue: number;
  limitValue: number;
  multiple: number;
  standard: string;
  clause: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: { id: number; name: string } | null;
  note: string | null;
}

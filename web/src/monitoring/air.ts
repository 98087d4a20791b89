// The air-quality endpoints as the pages read them (src/monitoring/evaluation-routes.ts): real-time AQI
// of stations, districts and the city, a station's daily series, and the monthly or annual evaluation.
// Every figure names the standard it was computed under and whether it rests on 示例数据.
import { aqiLevelOf } from '../../../src/monitoring/air/aqi.ts';
import type { AqiStandard } from '../../../src/monitoring/air/standard-versions.ts';
import type { PeriodEvaluation } from '../../../src/monitoring/evaluation/periods.ts';
import type { TFunction } from 'i18next';
import { api } from '../api.ts';

export type { AqiStandard, PeriodEvaluation };

export const SPECIES = ['SO2', 'NO2', 'PM10', 'PM2.5', 'CO', 'O3'] as const;
export type Species = (typeof SPECIES)[number];
/** Chemical names with their subscripts, as the standards print them. */
export const SPECIES_TEXT: Record<string, string> = { SO2: 'SO₂', NO2: 'NO₂', PM10: 'PM₁₀', 'PM2.5': 'PM₂.₅', CO: 'CO', O3: 'O₃' };
export const unitOfSpecies = (species: string): string => (species === 'CO' ? 'mg/m³' : 'µg/m³');

/** 首要污染物 and the like as a list, or a dash when there is none. */
export const pollutantsText = (t: TFunction, list: readonly string[]): string =>
  list.length === 0 ? '—' : list.map((s) => SPECIES_TEXT[s] ?? s).join(t('monitoring.format.list'));

/** "HJ 633—2026", as the documents write it. */
export const standardText = (t: TFunction, standard: string): string => t(`monitoring.air.standards.${standard}`, { defaultValue: standard });

/** The six AQI levels (HJ 633 Table 2) with their ranges and colours, for legends and the calendar. */
export const AQI_LEVELS = [
  { level: 1, from: 0, to: 50 },
  { level: 2, from: 51, to: 100 },
  { level: 3, from: 101, to: 150 },
  { level: 4, from: 151, to: 200 },
  { level: 5, from: 201, to: 300 },
  { level: 6, from: 301, to: null },
].map((l) => ({ ...l, color: aqiLevelOf(l.from).color, category: aqiLevelOf(l.from).category }));

/** An AQI as the endpoints give it. */
export interface AirAqi {
  /** The end of the hour (real time), ISO 8601 +08:00. */
  at: string;
  standard: AqiStandard;
  aqi: number | null;
  level: number | null;
  category: string | null;
  color: string | null;
  primaryPollutants: string[];
  concentrations: Record<string, number>;
  missingPollutants: string[];
  demo: boolean;
}

export interface RealtimeStation extends AirAqi {
  station: { id: number; code: string; name: string; level: string; districtId: number; districtName: string; lon: number; lat: number };
}

export interface RealtimeArea extends AirAqi {
  area: { kind: 'district' | 'city'; id: number; name: string };
  stations: number[];
  silent: number[];
}

export interface RealtimeAir {
  demo: boolean;
  demoNote: string | null;
  items: RealtimeStation[];
  districts: RealtimeArea[];
  city: RealtimeArea | null;
}

export const loadRealtimeAir = (): Promise<RealtimeAir> => api.get<RealtimeAir>('/api/monitoring/air/realtime');

export interface DailyAqi {
  date: string;
  standard: AqiStandard;
  aqi: number | null;
  level: number | null;
  category: string | null;
  color: string | null;
  primaryPollutants: string[];
  counted: boolean;
  demo: boolean;
}

export interface DailySeries {
  station: { id: number; code: string; name: string };
  from: string;
  to: string;
  demo: boolean;
  demoNote: string | null;
  items: DailyAqi[];
}

export const loadDailySeries = (stationId: number, from: string, to: string): Promise<DailySeries> =>
  api.get<DailySeries>(`/api/monitoring/air/stations/${stationId}/daily`, { from, to });

export interface EvaluatedArea {
  area: { kind: 'station' | 'district' | 'city'; id: number; code: string | null; name: string; stations: number[] };
  rank?: number | null;
  evaluation: PeriodEvaluation;
}

export type SpatialMean = 'hourly' | 'daily';

export interface AirEvaluation {
  period: string;
  standard: AqiStandard;
  straddlesChange: boolean;
  options: { spatialMean: SpatialMean; cityStations: 'national' | 'all' };
  demo: boolean;
  demoNote: string | null;
  city: EvaluatedArea | null;
  districts: EvaluatedArea[];
  stations: EvaluatedArea[];
}

export const loadEvaluation = (period: string, standard: AqiStandard | undefined, spatialMean: SpatialMean): Promise<AirEvaluation> =>
  api.get<AirEvaluation>('/api/monitoring/air/evaluation', { period, spatialMean, ...(standard ? { standard } : {}) });

/** The figures an evaluation is read and compared by; null where the period has too few data. */
export interface EvaluationFigures {
  goodDayRatioPercent: number | null;
  heavyPollutionDays: number;
  pm25: number | null;
  pm10: number | null;
  o3: number | null;
  compositeIndex: number | null;
}

export function figuresOf(evaluation: PeriodEvaluation): EvaluationFigures {
  return {
    goodDayRatioPercent: evaluation.goodDayRatioPercent,
    heavyPollutionDays: evaluation.heavyPollutionDays,
    pm25: evaluation.pollutants['PM2.5']?.annualMean ?? null,
    pm10: evaluation.pollutants.PM10?.annualMean ?? null,
    // O3 is judged by the 90th percentile of its daily maximum 8-h means (HJ 663).
    o3: evaluation.pollutants.O3?.p90 ?? null,
    compositeIndex: evaluation.compositeIndex,
  };
}

/** A table as CSV for spreadsheets: UTF-8 with a byte-order mark (Excel reads Chinese then), CRLF lines. */
export function csvOf(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  const cell = (v: string | number | null | undefined) => {
    const text = v === null || v === undefined ? '' : String(v);
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return `\uFEFF${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

export function downloadCsv(fileName: string, rows: readonly (readonly (string | number | null | undefined)[])[]): void {
  const url = URL.createObjectURL(new Blob([csvOf(rows)], { type: 'text/csv;charset=utf-8' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(url);
}

/**
 * The yearly air figures 目标指标 binds to (优良天数比例, PM2.5 年均浓度), for the city and each district,
 * and the years the store holds air and water data for (the water figures are water.ts's own),
 * from the annual evaluation over stored data (service.ts). A year not yet over is evaluated to date
 * and says so (`partial`): its ratio counts the valid days so far, and its annual mean is as HJ 663
 * computes it, without the year's validity (324 days) met. Each year is evaluated under the standard in
 * force over it (2026: the 2026 generation, `straddlesChange`), as the annual evaluation's default.
 */
import { sql } from 'kysely';
import type { Db } from '../../db/connect.ts';
import type { AqiStandard } from '../air/standard-versions.ts';
import { monitoringDataVersion } from '../data/version.ts';
import { evaluateAir } from './service.ts';
import type { PeriodEvaluation } from './periods.ts';

/** One area's figures of a year. */
export interface AirAreaFigures {
  /** 优良天数比例 %, one decimal; null without valid days. */
  goodDayRatioPercent: number | null;
  validAqiDays: number;
  /** PM2.5 年均浓度 µg/m³ (integer, HJ 663); null without valid days. */
  pm25AnnualMean: number | null;
  pm25ValidDays: number;
  /** The year's PM2.5 statistic meets HJ 663's validity (324 valid days; 27 a month). */
  pm25MeetsValidity: boolean;
}

export interface AirYearFigures {
  year: number;
  standard: AqiStandard;
  straddlesChange: boolean;
  /** The year is not over on `today`: figures to date. */
  partial: boolean;
  /** Built (partly) from 示例数据. */
  demo: boolean;
  city: AirAreaFigures | null;
  /** By the district's organisation id. */
  districts: Map<number, AirAreaFigures>;
}

/** The years (CST, by the day an hour belongs to) from the first to the last stored air hour; empty without data. */
export async function airDataYears(db: Db): Promise<number[]> {
  // The hour ending at 00:00 belongs to the day before: shift by an hour before taking the CST year.
  const row = await db
    .selectFrom('monitoring_air_hourly')
    .select([
      sql<number | null>`extract(year from (min(observed_at) - interval '1 hour') AT TIME ZONE 'Asia/Shanghai')::int`.as('first'),
      sql<number | null>`extract(year from (max(observed_at) - interval '1 hour') AT TIME ZONE 'Asia/Shanghai')::int`.as('last'),
    ])
    .executeTakeFirst();
  if (!row || row.first === null || row.last === null) return [];
  return Array.from({ length: row.last - row.first + 1 }, (_, i) => row.first! + i);
}

/** The years (CST) from the first to the last stored water sample; empty without data. */
export async function waterDataYears(db: Db): Promise<number[]> {
  const row = await db
    .selectFrom('monitoring_water_sample')
    .select([
      sql<number | null>`extract(year from min(sampled_at) AT TIME ZONE 'Asia/Shanghai')::int`.as('first'),
      sql<number | null>`extract(year from max(sampled_at) AT TIME ZONE 'Asia/Shanghai')::int`.as('last'),
    ])
    .executeTakeFirst();
  if (!row || row.first === null || row.last === null) return [];
  return Array.from({ length: row.last - row.first + 1 }, (_, i) => row.first! + i);
}

const figuresOf = (evaluation: PeriodEvaluation): AirAreaFigures => {
  const pm25 = evaluation.pollutants['PM2.5'];
  return {
    goodDayRatioPercent: evaluation.goodDayRatioPercent,
    validAqiDays: evaluation.validAqiDays,
    pm25AnnualMean: pm25.annualMean ?? null,
    pm25ValidDays: pm25.validDays,
    pm25MeetsValidity: pm25.meetsValidity,
  };
};

/** How long a year's figures are reused when no write of this process has changed the store. */
const CACHE_MS = 60_000;
const cache = new WeakMap<Db, Map<string, { version: number; until: number; figures: Promise<AirYearFigures> }>>();

/**
 * The city's and districts' figures of a year (`today`: YYYY-MM-DD, CST). A year's evaluation reads all
 * its hours (about a second for ten stations on PGlite), and the scorecard asks for every year on each
 * view: the figures are kept until the store changes or a minute passes.
 */
export function airYearFigures(db: Db, year: number, today: string, city: { id: number; name: string }): Promise<AirYearFigures> {
  const entries = cache.get(db) ?? new Map();
  cache.set(db, entries);
  const key = `${year}|${today}|${city.id}`;
  const now = Date.now();
  const version = monitoringDataVersion();
  const kept = entries.get(key);
  if (kept && kept.version === version && kept.until > now) return kept.figures;
  const figures = computeAirYearFigures(db, year, today, city);
  entries.set(key, { version, until: now + CACHE_MS, figures });
  // A failed evaluation is not kept.
  figures.catch(() => entries.delete(key));
  return figures;
}

async function computeAirYearFigures(db: Db, year: number, today: string, city: { id: number; name: string }): Promise<AirYearFigures> {
  const result = await evaluateAir(db, { kind: 'year', year }, undefined, { spatialMean: 'hourly', cityStations: 'national' }, city);
  const areas = [result.city, ...result.districts, ...result.stations];
  return {
    year,
    standard: result.standard,
    straddlesChange: result.straddlesChange,
    partial: today <= `${year}-12-31`,
    demo: areas.some((a) => a?.evaluation.demo),
    city: result.city ? figuresOf(result.city.evaluation) : null,
    districts: new Map(result.districts.map((d) => [d.area.id, figuresOf(d.evaluation)])),
  };
}

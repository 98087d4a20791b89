/** The report's words and number formats (verdict words: screening/rules.ts; the web UI has its own message files). */
import type { RuleVerdict, ScreeningVerdict } from '../../db/schema.ts';
import type { Geometry, Position } from '../screening/site.ts';
import { bboxOf } from './map-figure.ts';
import { safeFileName } from '../../tasks/exports/labels.ts';

/** Word's hex colours for the overall verdict. */
export const VERDICT_COLOURS: Record<ScreeningVerdict, string> = {
  inadmissible: 'C0392B',
  conditional: 'B9770E',
  admissible: '1E8449',
  manual_review: '2471A3',
};

/** Table cell fills for a rule's verdict. */
export const RULE_VERDICT_FILLS: Record<RuleVerdict, string> = {
  prohibited: 'F4B6B6',
  restricted: 'FCE8A6',
  special_study: 'D6E4F0',
  allowed: 'C8E6C9',
};

export const DISTANCE_KIND_WORDS = { air_station: '空气质量监测站点', water_section: '地表水监测断面' } as const;

export const ADMISSION_LIST_PARTS = [
  { key: 'spatialLayout', name: '空间布局约束' },
  { key: 'emissionControl', name: '污染物排放管控' },
  { key: 'riskPrevention', name: '环境风险防控' },
  { key: 'resourceEfficiency', name: '资源利用效率' },
] as const;

export const REPORT_TITLE = '建设项目选址生态环境准入筛查报告';
export const REPORT_SUBTITLE = '（项目准入一图读懂）';

/** One 亩 is 10000/15 m². */
export const SQUARE_METRES_PER_MU = 10000 / 15;

const grouped = (n: number, digits: number) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export const squareMetres = (m2: number) => grouped(m2, m2 >= 100 ? 0 : 2);
export const mu = (m2: number) => grouped(m2 / SQUARE_METRES_PER_MU, 2);
export const metres = (m: number) => grouped(m, m >= 100 ? 0 : 1);
/** A share of the site (0–1) in per cent. */
export const percent = (share: number) => `${(share * 100).toFixed(share > 0 && share < 0.001 ? 3 : 2)}%`;

const SHANGHAI_OFFSET_MS = 8 * 3_600_000;

/** A moment as people in 巴中 read it: 2026年3月1日 09:05（北京时间）. China keeps no daylight saving. */
export function shanghaiTime(at: Date | string): string {
  const local = new Date(new Date(at).getTime() + SHANGHAI_OFFSET_MS);
  const hh = String(local.getUTCHours()).padStart(2, '0');
  const mm = String(local.getUTCMinutes()).padStart(2, '0');
  return `${local.getUTCFullYear()}年${local.getUTCMonth() + 1}月${local.getUTCDate()}日 ${hh}:${mm}（北京时间）`;
}

const lonLat = (p: Position) => `${Number(p[0]).toFixed(6)}°E, ${Number(p[1]).toFixed(6)}°N`;
const numberOf = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : null);
const sridWords = (srid: unknown) => (numberOf(srid) === null ? '坐标系按坐标自动识别' : `坐标系 EPSG:${numberOf(srid)}`);

/** How the site was given, in words: 点位加半径, 线路加宽度, 多边形, 上传图形, 界址点坐标. */
export function siteKindWords(input: Record<string, unknown>): string {
  switch (input.kind) {
    case 'point':
      return `点位（半径 ${metres(numberOf(input.radiusM) ?? 0)} m）`;
    case 'line':
      return `线路（宽度 ${metres(numberOf(input.widthM) ?? 0)} m）`;
    case 'polygon':
      return '多边形（地图绘制）';
    case 'geometry':
      return '上传图形（GeoJSON / Shapefile）';
    case 'boundary_points':
      return '界址点坐标';
    default:
      return String(input.kind ?? '未注明');
  }
}

/** The coordinates as given, summarised: a point, a line's ends, a polygon's vertex count, the 界址点. */
export function siteInputSummary(input: Record<string, unknown>): string {
  const coordinates = input.coordinates as unknown;
  switch (input.kind) {
    case 'point':
      return `中心 ${lonLat([numberOf(input.lon) ?? NaN, numberOf(input.lat) ?? NaN])}`;
    case 'line': {
      const line = Array.isArray(coordinates) ? (coordinates as Position[]) : [];
      return line.length === 0 ? '—' : `起点 ${lonLat(line[0]!)}；终点 ${lonLat(line[line.length - 1]!)}；共 ${line.length} 个节点`;
    }
    case 'polygon': {
      const rings = Array.isArray(coordinates) ? (coordinates as Position[][]) : [];
      const vertices = rings.reduce((n, ring) => n + Math.max(ring.length - 1, 0), 0);
      return `${rings.length} 个环（首环为外边界），共 ${vertices} 个顶点`;
    }
    case 'geometry': {
      const geometry = input.geometry as { type?: string } | undefined;
      return `${geometry?.type ?? '图形'}；${sridWords(input.srid)}`;
    }
    case 'boundary_points': {
      const lines = String(input.text ?? '').split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
      const shown = lines.slice(0, 8).join('；');
      return `${lines.length} 个界址点（X 为纵坐标、Y 为横坐标）；${sridWords(input.srid)}：${shown}${lines.length > 8 ? '；……' : ''}`;
    }
    default:
      return '—';
  }
}

/** The site's extent and centre from its geometry, whatever way it was given. */
export function siteExtentWords(site: Geometry): string {
  const [w, s, e, n] = bboxOf(site);
  return `经度 ${w.toFixed(6)}°E – ${e.toFixed(6)}°E，纬度 ${s.toFixed(6)}°N – ${n.toFixed(6)}°N（中心 ${lonLat([(w + e) / 2, (s + n) / 2])}，CGCS2000）`;
}

export function attributesWords(attributes: Record<string, unknown>): string {
  const entries = Object.entries(attributes).filter(([, v]) => v !== null && v !== undefined && v !== '');
  return entries.length === 0 ? '—' : entries.map(([k, v]) => `${k}：${typeof v === 'object' ? JSON.stringify(v) : String(v)}`).join('；');
}

/** A screening's report file: 项目名-准入筛查报告.docx. */
export const reportFileName = (projectName: string) => `${safeFileName(projectName).slice(0, 100)}-准入筛查报告.docx`;

/** The shareable page of a screening in the web UI. */
export const screeningLink = (token: string) => `/map/screening/${token}`;

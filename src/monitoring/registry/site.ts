import { headerKey } from '../data/table-file.ts';

/**
 * 监测点位 — a monitoring site: 空气质量自动监测站 (air), 地表水监测断面 (section) or
 * 集中式饮用水水源地 (source).
 */
export const SITE_KINDS = ['air', 'section', 'source'] as const;
export type SiteKind = (typeof SITE_KINDS)[number];

/** The API's name of each kind's collection. */
export const KIND_PATHS: Record<SiteKind, string> = { air: 'stations', section: 'sections', source: 'sources' };
export const KIND_LABELS: Record<SiteKind, string> = { air: '空气监测站', section: '地表水断面', source: '饮用水水源地' };

/** Levels with the words the documents and the monitoring network use for them. */
export const LEVELS: Record<SiteKind, Record<string, string>> = {
  air: { national: '国控', provincial: '省控', municipal: '市控', micro: '微站' },
  section: { national: '国控', provincial: '省控', municipal: '市控' },
  source: { city: '市级', county: '县级', township: '乡镇级' },
};

export const SITE_STATUSES = ['active', 'suspended', 'retired'] as const;
export type SiteStatus = (typeof SITE_STATUSES)[number];
const STATUS_LABELS: Record<SiteStatus, string> = { active: '运行', suspended: '暂停', retired: '撤销' };

export const WATER_BODIES = ['river', 'lake'] as const;
const WATER_BODY_LABELS: Record<(typeof WATER_BODIES)[number], string> = { river: '河流', lake: '湖库' };

export interface SiteSource {
  doc: string;
  clause: string;
  text?: string | null;
}

/** A site as written by a form, an import row or the seed, before the district is resolved. */
export interface SiteInput {
  code: string;
  name: string;
  level: string;
  /** Organisation key, name or alias (an import) — or its id (the API). */
  district: string | number;
  lon: number;
  lat: number;
  coordinatesApproximate?: boolean;
  status?: SiteStatus;
  river?: string | null;
  targetClass?: number | null;
  waterBody?: 'river' | 'lake' | null;
  thousandTon?: boolean;
  automatic?: boolean;
  source?: SiteSource | null;
  note?: string | null;
}

export interface FieldProblem {
  field: string;
  message: string;
}

const CODE = /^[A-Za-z0-9][A-Za-z0-9-]{0,39}$/;

/** What the database would refuse, said in words and by field, before it gets the chance. */
export function checkSite(kind: SiteKind, site: SiteInput): FieldProblem[] {
  const found: FieldProblem[] = [];
  const add = (field: string, message: string) => found.push({ field, message });
  if (!CODE.test(site.code)) add('code', '编码只能由字母、数字和连字符组成（不超过 40 位）');
  if (!site.name || site.name.length > 100) add('name', '名称必填，不超过 100 字');
  if (!(site.level in LEVELS[kind])) add('level', `级别应为 ${Object.values(LEVELS[kind]).join('、')} 之一`);
  if (!Number.isFinite(site.lon) || site.lon < 73 || site.lon > 136) add('lon', '经度应在 73–136 之间（CGCS2000，度）');
  if (!Number.isFinite(site.lat) || site.lat < 3 || site.lat > 54) add('lat', '纬度应在 3–54 之间（CGCS2000，度）');
  if (site.status !== undefined && !SITE_STATUSES.includes(site.status)) add('status', '状态应为 运行、暂停 或 撤销');
  if (kind === 'air') {
    if (site.river) add('river', '空气监测站没有河流');
    if (site.targetClass != null) add('targetClass', '空气监测站没有水质目标');
    if (site.waterBody) add('waterBody', '空气监测站没有水体类型');
    if (site.automatic) add('automatic', '水质自动站只属于断面或水源地');
  } else if (site.targetClass != null && !(Number.isInteger(site.targetClass) && site.targetClass >= 1 && site.targetClass <= 5)) {
    add('targetClass', '目标水质类别应为 Ⅰ–Ⅴ');
  }
  if (site.thousandTon && !(kind === 'source' && site.level === 'township')) add('thousandTon', '「千吨万人」只适用于乡镇级饮用水水源地');
  if (site.source && (!site.source.doc || !site.source.clause)) add('source', '来源须同时写明文件和条款');
  return found;
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V'];

/** 目标水质类别 as people write it: Ⅱ, II, Ⅱ类, 2. */
export function parseWaterClass(text: string): number | null {
  const t = text.normalize('NFKC').replace(/类$/, '').trim().toUpperCase();
  if (/^[1-5]$/.test(t)) return Number(t);
  const index = ROMAN.indexOf(t);
  return index < 0 ? null : index + 1;
}

export function waterClassLabel(n: number): string {
  return `${'ⅠⅡⅢⅣⅤ'[n - 1]}类`;
}

/** A key of `labels` from the key itself or its label (国控 → national). */
export function choice<K extends string>(text: string, labels: Record<K, string>): K | null {
  const wanted = headerKey(text);
  const entry = (Object.entries(labels) as [K, string][]).find(([key, label]) => headerKey(key) === wanted || headerKey(label) === wanted);
  return entry ? entry[0] : null;
}

export const statusOf = (text: string) => choice(text, STATUS_LABELS);
export const waterBodyOf = (text: string) => choice(text, WATER_BODY_LABELS);

const YES = new Set(['是', 'y', 'yes', 'true', '1']);
const NO = new Set(['否', 'n', 'no', 'false', '0']);

/** 是/否 and its spellings; null when neither. */
export function yesNo(text: string): boolean | null {
  const t = text.trim().toLowerCase();
  if (YES.has(t)) return true;
  if (NO.has(t)) return false;
  return null;
}

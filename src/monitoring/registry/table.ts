import { headerKey, type Table } from '../data/table-file.ts';
import type { SiteRow } from './service.ts';
import { choice, LEVELS, parseWaterClass, statusOf, waterBodyOf, yesNo, type FieldProblem, type SiteInput, type SiteKind } from './site.ts';

/** The columns of a registry table, by the field they fill. The first label is the template's. */
export const SITE_COLUMNS: Record<string, string[]> = {
  code: ['编码', '点位编码', '站点编码', 'code'],
  name: ['名称', '点位名称', '站点名称', 'name'],
  level: ['级别', '类别', 'level'],
  district: ['县区', '所在县区', '区县', 'district'],
  lon: ['经度', 'lon', 'longitude'],
  lat: ['纬度', 'lat', 'latitude'],
  coordinatesApproximate: ['坐标近似', '坐标为近似', 'approximate'],
  status: ['状态', 'status'],
  river: ['河流', '所在河流', 'river'],
  targetClass: ['目标水质类别', '水质目标', '目标类别', 'target'],
  waterBody: ['水体类型', 'waterbody'],
  thousandTon: ['千吨万人'],
  automatic: ['自动站', '水质自动站', 'automatic'],
  sourceDoc: ['来源文件', 'doc'],
  sourceClause: ['来源条款', 'clause'],
  sourceText: ['来源原文'],
  note: ['备注', 'note'],
};

/** Field names as the messages of an import call them: the template's header. */
export const SITE_FIELD_LABELS: Record<string, string> = {
  ...Object.fromEntries(Object.entries(SITE_COLUMNS).map(([field, labels]) => [field, labels[0]!])),
  source: '来源文件',
};

const REQUIRED = ['code', 'name', 'level', 'district', 'lon', 'lat'];

/** Reads a registry table into sites, row by row; a cell that cannot be read is a problem of its row. */
export function siteRows(kind: SiteKind, table: Table): { rows: SiteRow[]; problems: FieldProblem[] } {
  const columnOf = new Map<string, string>();
  for (const header of table.headers) {
    const field = Object.entries(SITE_COLUMNS).find(([, labels]) => labels.some((l) => headerKey(l) === headerKey(header)))?.[0];
    if (field && !columnOf.has(field)) columnOf.set(field, header);
  }
  const missing = REQUIRED.filter((f) => !columnOf.has(f));
  if (missing.length > 0) {
    return { rows: [], problems: missing.map((f) => ({ field: '表头', message: `缺少列「${SITE_FIELD_LABELS[f]}」` })) };
  }
  const rows = table.rows.map(({ row, cells }): SiteRow => {
    const get = (field: string) => cells.get(columnOf.get(field) ?? '') ?? '';
    const found: FieldProblem[] = [];
    const number = (field: string) => {
      const text = get(field);
      const value = Number(text);
      if (text === '' || !Number.isFinite(value)) found.push({ field, message: text === '' ? '必填' : `「${text}」不是数值` });
      return value;
    };
    const flag = (field: string) => {
      const text = get(field);
      if (text === '') return undefined;
      const value = yesNo(text);
      if (value === null) found.push({ field, message: '应为 是 或 否' });
      return value ?? undefined;
    };
    const levelText = get('level');
    const level = choice(levelText, LEVELS[kind]);
    if (!level) found.push({ field: 'level', message: `「${levelText}」应为 ${Object.values(LEVELS[kind]).join('、')} 之一` });
    const statusText = get('status');
    const status = statusText === '' ? undefined : statusOf(statusText);
    if (status === null) found.push({ field: 'status', message: '应为 运行、暂停 或 撤销' });
    const has = (field: string) => columnOf.has(field);
    const classText = get('targetClass');
    const targetClass = classText === '' ? null : parseWaterClass(classText);
    if (classText !== '' && targetClass === null) found.push({ field: 'targetClass', message: `「${classText}」应为 Ⅰ–Ⅴ 类` });
    const bodyText = get('waterBody');
    const waterBody = bodyText === '' ? null : waterBodyOf(bodyText);
    if (bodyText !== '' && waterBody === null) found.push({ field: 'waterBody', message: '应为 河流 或 湖库' });
    for (const field of ['code', 'name', 'district']) if (get(field) === '') found.push({ field, message: '必填' });
    const doc = get('sourceDoc');
    // A column the file does not have leaves that field of a known site as it is (undefined); an
    // empty cell of a column it has clears it (null).
    const site: SiteInput = {
      code: get('code'),
      name: get('name'),
      level: level ?? levelText,
      district: get('district'),
      lon: number('lon'),
      lat: number('lat'),
      coordinatesApproximate: flag('coordinatesApproximate'),
      status: status ?? undefined,
      river: has('river') ? get('river') || null : undefined,
      targetClass: has('targetClass') ? targetClass : undefined,
      waterBody: has('waterBody') ? waterBody : undefined,
      thousandTon: flag('thousandTon'),
      automatic: flag('automatic'),
      source: has('sourceDoc') ? (doc ? { doc, clause: get('sourceClause'), text: has('sourceText') ? get('sourceText') || null : undefined } : null) : undefined,
      note: has('note') ? get('note') || null : undefined,
    };
    return { where: table.where(row), site: found.length > 0 ? null : site, problems: found };
  });
  return { rows, problems: [] };
}

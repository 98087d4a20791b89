/**
 * What an import file looks like to its user: a template per medium (the columns the server reads and
 * one example row, China Standard Time, hours stamped by their end) and how a problem names its place
 * ("第3行 站点编码" in a CSV, "Sheet1!第3行 站点编码" in a workbook, or "表头"). The web page offers the
 * templates and lays the problems out in a table from these, so the two cannot drift apart.
 */
export const IMPORT_TEMPLATES = {
  air: '站点编码,时间,SO2,NO2,PM10,PM2.5,CO,O3,PM2.5标记,审核状态\r\nBZ-AIR-NBYQ,2026-03-01 01:00,8,21,56,35,0.9,40,,原始\r\n',
  water: '点位编码,采样时间,方式,pH,溶解氧,高锰酸盐指数,NH3-N,总磷,审核状态\r\nSW-SBY,2026-03-10 09:00,手工,7.6,8.1,2.3,0.21,0.05,原始\r\n',
} as const;

/** sheet (workbooks only), row number, column. */
export const PROBLEM_PLACE = /^(?:(.+)!)?第(\d+)行\s*(.*)$/;

/** The suffix of a station's name that a map label can drop, since a point's colour says it. */
export const AIR_STATION_NAME_SUFFIX = '空气质量自动监测站';

/** The separator the server puts between a field and its message in a problem's detail. */
export const FIELD_MESSAGE = /^([^\s：:]+)(?:：|: )(.+)$/;

/**
 * GB 3838-2002 地表水环境质量标准, Table 1 (基本项目标准限值): the 24 items as data. Limits are kept as
 * the decimal strings the standard prints, so a value is compared with 0.00005, not with the binary
 * double nearest to it.
 *
 * Which items make a water body's class follows 地表水环境质量评价办法（试行）(环办〔2011〕22号): the 21
 * items other than 水温, 总氮 and 粪大肠菌群. Those three are reference items (参考指标): 粪大肠菌群 is
 * classed on its own; 总氮 is classed on its own for lakes and reservoirs and not evaluated at all for
 * rivers ("河流总氮除外"); 水温 has no class limits (only a limit on man-made change).
 *
 * 溶解氧 class I is "7.5 (or 90 % saturation)"; only the concentration is taken here, since the
 * inputs carry no saturation.
 */

/** 水质类别. */
export const WATER_CLASSES = ['I', 'II', 'III', 'IV', 'V', '劣V'] as const;
export type WaterClass = (typeof WATER_CLASSES)[number];

/** river = 河流; lake = 湖泊、水库 (lakes and reservoirs share the lake TP limits). */
export const WATER_BODIES = ['river', 'lake'] as const;
export type WaterBody = (typeof WATER_BODIES)[number];

/** Limits of classes I–V, as printed. */
export type ClassLimits = readonly [string, string, string, string, string];

/**
 * How a value meets a class: `atMost` (≤ limit, most items), `atLeast` (≥ limit, 溶解氧), `range`
 * (pH: inside 6–9 for every class), `none` (水温: no class limits).
 */
export type LimitRule =
  | { kind: 'atMost'; limits: ClassLimits; lakeLimits?: ClassLimits }
  | { kind: 'atLeast'; limits: ClassLimits }
  | { kind: 'range'; low: string; high: string }
  | { kind: 'none' };

/** class: enters the water-quality class; reference: evaluated apart (参考指标). */
export type ParameterRole = 'class' | 'reference';

/** Keys as in calculator-io.md (水温 has one here although the calculator takes no 水温). */
export const WATER_PARAMETER_KEYS = [
  'WaterTemp', 'pH', 'DO', 'CODMn', 'COD', 'BOD5', 'NH3-N', 'TP', 'TN', 'Cu', 'Zn', 'F', 'Se', 'As', 'Hg', 'Cd', 'Cr6+', 'Pb', 'CN',
  'VolatilePhenol', 'Petroleum', 'LAS', 'Sulfide', 'FecalColiform',
] as const;
export type WaterParameterKey = (typeof WATER_PARAMETER_KEYS)[number];

export interface WaterParameter {
  key: WaterParameterKey;
  /** Table 1 item number. */
  number: number;
  name: string;
  englishName: string;
  unit: 'mg/L' | '无量纲' | '℃' | '个/L';
  rule: LimitRule;
  role: ParameterRole;
  /** Water bodies in which the item gets a class at all. */
  evaluatedIn: readonly WaterBody[];
  /**
   * Cyanide and heavy metals, listed first among a section's 主要污染指标 when they exceed class III
   * (评价办法 "氰化物、重金属…优先"). The project reads "heavy metals" as Hg, Cd, Cr6+, Pb, As, Cu, Zn.
   */
  priorityPollutant: boolean;
}

const BOTH: readonly WaterBody[] = ['river', 'lake'];

function atMost(key: WaterParameterKey, number: number, name: string, englishName: string, limits: ClassLimits, priorityPollutant = false): WaterParameter {
  return { key, number, name, englishName, unit: 'mg/L', rule: { kind: 'atMost', limits }, role: 'class', evaluatedIn: BOTH, priorityPollutant };
}

/** Table 1 in its own order, which is also the order of every listing. */
export const WATER_PARAMETERS: readonly WaterParameter[] = [
  { key: 'WaterTemp', number: 1, name: '水温', englishName: 'water temperature', unit: '℃', rule: { kind: 'none' }, role: 'reference', evaluatedIn: [], priorityPollutant: false },
  { key: 'pH', number: 2, name: 'pH值', englishName: 'pH', unit: '无量纲', rule: { kind: 'range', low: '6', high: '9' }, role: 'class', evaluatedIn: BOTH, priorityPollutant: false },
  { key: 'DO', number: 3, name: '溶解氧', englishName: 'dissolved oxygen', unit: 'mg/L', rule: { kind: 'atLeast', limits: ['7.5', '6', '5', '3', '2'] }, role: 'class', evaluatedIn: BOTH, priorityPollutant: false },
  atMost('CODMn', 4, '高锰酸盐指数', 'permanganate index', ['2', '4', '6', '10', '15']),
  atMost('COD', 5, '化学需氧量', 'chemical oxygen demand', ['15', '15', '20', '30', '40']),
  atMost('BOD5', 6, '五日生化需氧量', 'five-day biochemical oxygen demand', ['3', '3', '4', '6', '10']),
  atMost('NH3-N', 7, '氨氮', 'ammonia nitrogen', ['0.15', '0.5', '1.0', '1.5', '2.0']),
  {
    ...atMost('TP', 8, '总磷', 'total phosphorus', ['0.02', '0.1', '0.2', '0.3', '0.4']),
    rule: { kind: 'atMost', limits: ['0.02', '0.1', '0.2', '0.3', '0.4'], lakeLimits: ['0.01', '0.025', '0.05', '0.1', '0.2'] },
  },
  { ...atMost('TN', 9, '总氮', 'total nitrogen', ['0.2', '0.5', '1.0', '1.5', '2.0']), role: 'reference', evaluatedIn: ['lake'] },
  atMost('Cu', 10, '铜', 'copper', ['0.01', '1.0', '1.0', '1.0', '1.0'], true),
  atMost('Zn', 11, '锌', 'zinc', ['0.05', '1.0', '1.0', '2.0', '2.0'], true),
  atMost('F', 12, '氟化物', 'fluoride', ['1.0', '1.0', '1.0', '1.5', '1.5']),
  atMost('Se', 13, '硒', 'selenium', ['0.01', '0.01', '0.01', '0.02', '0.02']),
  atMost('As', 14, '砷', 'arsenic', ['0.05', '0.05', '0.05', '0.1', '0.1'], true),
  atMost('Hg', 15, '汞', 'mercury', ['0.00005', '0.00005', '0.0001', '0.001', '0.001'], true),
  atMost('Cd', 16, '镉', 'cadmium', ['0.001', '0.005', '0.005', '0.005', '0.01'], true),
  atMost('Cr6+', 17, '铬（六价）', 'chromium (hexavalent)', ['0.01', '0.05', '0.05', '0.05', '0.1'], true),
  atMost('Pb', 18, '铅', 'lead', ['0.01', '0.01', '0.05', '0.05', '0.1'], true),
  atMost('CN', 19, '氰化物', 'cyanide', ['0.005', '0.05', '0.2', '0.2', '0.2'], true),
  atMost('VolatilePhenol', 20, '挥发酚', 'volatile phenol', ['0.002', '0.002', '0.005', '0.01', '0.1']),
  atMost('Petroleum', 21, '石油类', 'petroleum', ['0.05', '0.05', '0.05', '0.5', '1.0']),
  atMost('LAS', 22, '阴离子表面活性剂', 'anionic surfactant', ['0.2', '0.2', '0.2', '0.3', '0.3']),
  atMost('Sulfide', 23, '硫化物', 'sulfide', ['0.05', '0.1', '0.2', '0.5', '1.0']),
  { ...atMost('FecalColiform', 24, '粪大肠菌群', 'fecal coliform', ['200', '2000', '10000', '20000', '40000']), unit: '个/L', role: 'reference' },
];

const BY_KEY = new Map(WATER_PARAMETERS.map((p) => [p.key, p]));

export function waterParameter(key: WaterParameterKey): WaterParameter {
  const parameter = BY_KEY.get(key);
  if (!parameter) throw new RangeError(`unknown water parameter ${key}`);
  return parameter;
}


/** The items that make the water-quality class (the 21). */
export const CLASS_PARAMETERS: readonly WaterParameter[] = WATER_PARAMETERS.filter((p) => p.role === 'class');

/** Whether an item gets a class in this water body (TN not in rivers, 水温 nowhere). */
export function isEvaluated(parameter: WaterParameter, waterBody: WaterBody): boolean {
  return parameter.evaluatedIn.includes(waterBody);
}

/** Items for which 超标倍数 is computed: all but 水温, pH and 溶解氧 (评价办法). */
export function hasExceedMultiple(parameter: WaterParameter): boolean {
  return parameter.rule.kind === 'atMost';
}

/** 0 for class I … 5 for 劣V: larger is worse. */
export function classRank(waterClass: WaterClass): number {
  return WATER_CLASSES.indexOf(waterClass);
}

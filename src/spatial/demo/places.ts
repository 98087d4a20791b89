/**
 * Where the 示例 layers of 巴中 go: district seats, the four biodiversity areas the plan names (001
 * 「一屏三廊四区」: 大巴山系米仓山生态屏障; 巴河、通江河、南江河三条生态廊道; 光雾山、诺水河、五台山、驷马河湿地
 * 四个生物多样性保护区), the rivers, industrial parks (001: 巴中经开区, 曾口化工工业园, 驷马清洁能源产业园)
 * and a few plots. Positions are approximate (to a kilometre or so), chosen to be plausible, never surveyed.
 */
import type { LonLat } from './shapes.ts';

/** County seats (城区), by district name as the boundary layer spells it. */
export const DISTRICT_SEATS: { district: string; at: LonLat }[] = [
  { district: '巴州区', at: [106.768, 31.851] },
  { district: '恩阳区', at: [106.636, 31.787] },
  { district: '通江县', at: [107.245, 31.912] },
  { district: '南江县', at: [106.842, 32.354] },
  { district: '平昌县', at: [107.104, 31.561] },
];

/** The southern districts: hills and farmland. */
export const FARMLAND_DISTRICTS = ['巴州区', '恩阳区', '平昌县'];

export interface ReservePlace {
  key: string;
  name: string;
  district: string;
  type: string;
  at: LonLat;
  coreM: number;
  outerM: number;
  aspect: number;
  rotation: number;
}

// 光雾山 and 诺水河 are in the north of 南江 and 通江 (004: 光雾山—诺水河国家地质公园, 南江县、通江县);
// 五台山 and 驷马河湿地 are placed in 平昌, where 驷马 (001: 驷马清洁能源产业园) and the 五台山 nature reserve are.
export const RESERVES: ReservePlace[] = [
  { key: 'guangwushan', name: '光雾山', district: '南江县', type: '自然保护区', at: [106.86, 32.63], coreM: 4000, outerM: 8000, aspect: 1.3, rotation: 0.3 },
  { key: 'nuoshuihe', name: '诺水河', district: '通江县', type: '自然保护区', at: [107.2, 32.36], coreM: 2500, outerM: 6000, aspect: 1.6, rotation: -0.9 },
  { key: 'wutaishan', name: '五台山', district: '平昌县', type: '自然保护区', at: [107.33, 31.7], coreM: 2000, outerM: 4500, aspect: 1.2, rotation: 0.6 },
  { key: 'simahe', name: '驷马河湿地', district: '平昌县', type: '湿地公园', at: [106.96, 31.46], coreM: 1000, outerM: 2600, aspect: 1.8, rotation: 0.9 },
];

/** Large red-line areas of the mountains in the north (大巴山系米仓山生态屏障). */
export const MOUNTAIN_REDLINES: { name: string; at: LonLat; radiusM: number; aspect: number; rotation: number; function: string }[] = [
  { name: '米仓山水源涵养生态保护红线（示例）', at: [106.56, 32.57], radiusM: 9000, aspect: 1.7, rotation: 0.25, function: '水源涵养' },
  { name: '大巴山水源涵养生态保护红线（示例）', at: [107.55, 32.33], radiusM: 9500, aspect: 1.6, rotation: -0.7, function: '水源涵养' },
  { name: '米仓山东段生物多样性维护生态保护红线（示例）', at: [107.05, 32.52], radiusM: 6500, aspect: 1.5, rotation: 0.1, function: '生物多样性维护' },
  { name: '通江河上游水土保持生态保护红线（示例）', at: [107.4, 32.12], radiusM: 5500, aspect: 1.4, rotation: 1.2, function: '水土保持' },
];

export interface RiverPlace {
  name: string;
  zone: 'main' | 'tributary';
  /** Its place in the river system, for people. */
  stem: string;
  through: LonLat[];
  /** 水功能区 along it: control-point index ranges [from, to] and the zone of each reach. */
  reaches: { name: string; zone: 'protection' | 'reserve' | 'drinking' | 'development'; from: number; to: number }[];
}

// 南江河 → 巴河 → 渠江 is the main stem of the 渠江 system (渠江 joins the 嘉陵江 below 巴中): 巴河 and
// 通江河 meet at 江口 (平昌县城) to become the 渠江. Points a river must pass through are monitoring
// sites: 大佛寺 source and 手傍岩, 金碑 sections on the 巴河; 江陵 on the 通江河.
export const RIVERS: RiverPlace[] = [
  {
    name: '南江河', zone: 'main', stem: '渠江干流上源（嘉陵江二级支流）',
    through: [[106.86, 32.68], [106.875, 32.58], [106.85, 32.47], [106.842, 32.354], [106.83, 32.22], [106.8, 32.08], [106.765, 31.95], [106.745, 31.9]],
    reaches: [
      { name: '南江河光雾山源头水保护区（示例）', zone: 'protection', from: 0, to: 2 },
      { name: '南江河南江城区开发利用区（示例）', zone: 'development', from: 2, to: 4 },
      { name: '南江河南江—巴州保留区（示例）', zone: 'reserve', from: 4, to: 7 },
    ],
  },
  {
    name: '巴河', zone: 'main', stem: '渠江干流上段（嘉陵江二级支流）',
    through: [[106.745, 31.9], [106.735, 31.855], [106.765, 31.838], [106.81, 31.815], [106.86, 31.8], [106.92, 31.75], [106.97, 31.7], [107.03, 31.64], [107.07, 31.59], [107.104, 31.561]],
    reaches: [
      { name: '巴河巴城饮用水源区（示例）', zone: 'drinking', from: 0, to: 2 },
      { name: '巴河巴城开发利用区（示例）', zone: 'development', from: 2, to: 4 },
      { name: '巴河巴州—平昌保留区（示例）', zone: 'reserve', from: 4, to: 8 },
      { name: '巴河平昌开发利用区（示例）', zone: 'development', from: 8, to: 9 },
    ],
  },
  {
    name: '渠江', zone: 'main', stem: '嘉陵江一级支流',
    through: [[107.104, 31.561], [107.09, 31.49], [107.065, 31.41], [107.045, 31.33], [107.03, 31.2]],
    reaches: [
      { name: '渠江平昌开发利用区（示例）', zone: 'development', from: 0, to: 1 },
      { name: '渠江平昌保留区（示例）', zone: 'reserve', from: 1, to: 4 },
    ],
  },
  {
    name: '通江河', zone: 'tributary', stem: '渠江一级支流（嘉陵江二级支流）',
    through: [[107.42, 32.5], [107.33, 32.38], [107.27, 32.2], [107.25, 32.05], [107.245, 31.912], [107.22, 31.8], [107.19, 31.7], [107.17, 31.63], [107.13, 31.59], [107.104, 31.561]],
    reaches: [
      { name: '通江河源头水保护区（示例）', zone: 'protection', from: 0, to: 2 },
      { name: '通江河通江保留区（示例）', zone: 'reserve', from: 2, to: 3 },
      { name: '通江河通江城区开发利用区（示例）', zone: 'development', from: 3, to: 5 },
      { name: '通江河通江—平昌保留区（示例）', zone: 'reserve', from: 5, to: 9 },
    ],
  },
  {
    name: '恩阳河', zone: 'tributary', stem: '巴河支流（嘉陵江三级支流）',
    through: [[106.42, 31.95], [106.5, 31.88], [106.58, 31.82], [106.638, 31.795], [106.7, 31.8], [106.81, 31.815]],
    reaches: [
      { name: '恩阳河恩阳保留区（示例）', zone: 'reserve', from: 0, to: 2 },
      { name: '恩阳河恩阳城区开发利用区（示例）', zone: 'development', from: 2, to: 5 },
    ],
  },
  {
    name: '诺水河', zone: 'tributary', stem: '通江河支流（嘉陵江三级支流）',
    through: [[107.08, 32.45], [107.15, 32.4], [107.2, 32.36], [107.24, 32.28], [107.27, 32.2]],
    reaches: [{ name: '诺水河珍稀水生动物保护区（示例）', zone: 'protection', from: 0, to: 4 }],
  },
];

/** Industrial parks and town centres: the key control units (重点管控单元), industrial ones first. */
export const KEY_AREAS: { name: string; district: string; at: LonLat; radiusM: number; kind: 'industrial' | 'town' }[] = [
  { name: '巴中经开区重点管控单元（示例）', district: '巴州区', at: [106.81, 31.815], radiusM: 2800, kind: 'industrial' },
  { name: '曾口工业园区重点管控单元（示例）', district: '巴州区', at: [106.93, 31.76], radiusM: 2200, kind: 'industrial' },
  { name: '平昌驷马清洁能源产业园重点管控单元（示例）', district: '平昌县', at: [107.03, 31.5], radiusM: 1800, kind: 'industrial' },
  { name: '巴州区城镇重点管控单元（示例）', district: '巴州区', at: [106.768, 31.851], radiusM: 4500, kind: 'town' },
  { name: '恩阳区城镇重点管控单元（示例）', district: '恩阳区', at: [106.636, 31.787], radiusM: 3200, kind: 'town' },
  { name: '通江县城镇重点管控单元（示例）', district: '通江县', at: [107.245, 31.912], radiusM: 2800, kind: 'town' },
  { name: '南江县城镇重点管控单元（示例）', district: '南江县', at: [106.842, 32.354], radiusM: 2800, kind: 'town' },
  { name: '平昌县城镇重点管控单元（示例）', district: '平昌县', at: [107.104, 31.561], radiusM: 3000, kind: 'town' },
];

/** 建设用地土壤污染风险管控和修复名录 plots: generic names, no real site is meant. */
export const SOIL_PLOTS: { name: string; at: LonLat; radiusM: number; zone: 'risk_control' | 'remediation'; formerUse: string; pollutants: string }[] = [
  { name: '巴州区某原化工厂遗留地块（示例）', at: [106.79, 31.834], radiusM: 170, zone: 'remediation', formerUse: '化学原料制造', pollutants: '苯系物、石油烃' },
  { name: '经开区某原电镀企业地块（示例）', at: [106.806, 31.812], radiusM: 110, zone: 'risk_control', formerUse: '金属表面处理（电镀）', pollutants: '六价铬、镍' },
  { name: '巴州区某原农药仓储地块（示例）', at: [106.748, 31.872], radiusM: 90, zone: 'risk_control', formerUse: '农药仓储', pollutants: '有机氯农药' },
  { name: '曾口镇某原铅酸蓄电池回收场地（示例）', at: [106.935, 31.757], radiusM: 140, zone: 'remediation', formerUse: '废铅酸蓄电池回收', pollutants: '铅、镉' },
  { name: '经开区某原焦化企业地块（示例）', at: [106.822, 31.822], radiusM: 200, zone: 'remediation', formerUse: '炼焦', pollutants: '多环芳烃、氰化物' },
  { name: '恩阳区某原加油站地块（示例）', at: [106.652, 31.781], radiusM: 60, zone: 'risk_control', formerUse: '加油站', pollutants: '石油烃、甲基叔丁基醚' },
];

/** Rings of the air-quality control circles around each 国控/省控 station (002 (二) 圈层). */
export const AIR_RINGS_M = { core: 3000, key: 6000, general: 10_000 } as const;

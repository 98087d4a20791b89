/**
 * The 示例 layers as plans: for each layer, groups of features (shape, name, zone, properties) that
 * load.ts turns into geometry through PostGIS (buffers in metres, clipping to the city, subtracting
 * what the layer already holds). Pure and seeded: the same plan on every call.
 */
import { AIR_RINGS_M, DISTRICT_SEATS, FARMLAND_DISTRICTS, KEY_AREAS, MOUNTAIN_REDLINES, RESERVES, RIVERS, SOIL_PLOTS } from './places.ts';
import { blob, blobInnerReachM, blobReachM, circle, distanceM, jitteredCentres, meander, seededRandom, smoothField, type BlobOptions, type LineGeometry, type LonLat, type PolygonGeometry } from './shapes.ts';

export const DEMO_REMARK = '示例数据：由平台生成，位置与范围均为示意，不是任何主管部门划定的边界。';

export interface DemoFeature {
  /** `{district}` becomes the district the feature lies in, `{n}` its 4-digit number in the layer. */
  name: string;
  zone: string | null;
  properties: Record<string, unknown>;
  geometry: PolygonGeometry | LineGeometry;
  /** Widen a line by this many metres on each side, making a strip of it. */
  bufferM?: number;
  /** Take away what the layer holds already and the features before it in its group, so that zones of one layer never overlap. */
  minusEarlier?: boolean;
}

export interface DemoGroup {
  features: DemoFeature[];
  /** Keep only features whose inner point lies in one of these districts. */
  withinDistricts?: string[];
  /** Drop features that touch a feature of these layers' current versions. */
  avoidLayers?: string[];
  /** A feature reaching out of the city: cut at the boundary (default), or dropped (small patches, plenty more). */
  outside?: 'cut' | 'drop';
}

export interface DemoSite {
  code: string;
  name: string;
  lon: number;
  lat: number;
}

export interface DemoSources {
  /** 集中式饮用水水源地 (monitoring_site kind 'source'). */
  waterSources: (DemoSite & { waterBody: string | null })[];
  /** 国控/省控 air stations. */
  airStations: (DemoSite & { level: string })[];
}

const demoProperties = (extra: Record<string, unknown> = {}) => ({ ...extra, remark: DEMO_REMARK });

function reserveBlobs(reserve: (typeof RESERVES)[number]) {
  const options: BlobOptions = { aspect: reserve.aspect, rotation: reserve.rotation, roughness: 0.15 };
  return {
    core: blob(reserve.at, reserve.coreM, seededRandom(`reserve-core-${reserve.key}`), options),
    outer: blob(reserve.at, reserve.outerM, seededRandom(`reserve-outer-${reserve.key}`), options),
    options,
  };
}

export function natureReservePlan(): DemoGroup[] {
  const cores: DemoFeature[] = [];
  const generals: DemoFeature[] = [];
  for (const reserve of RESERVES) {
    const { core, outer } = reserveBlobs(reserve);
    const properties = demoProperties({ type: reserve.type, district: reserve.district, basis: '001 「一屏三廊四区」：四个生物多样性保护区' });
    cores.push({ name: `${reserve.name}生物多样性保护区核心保护区（示例）`, zone: 'core', properties, geometry: core });
    generals.push({ name: `${reserve.name}生物多样性保护区一般控制区（示例）`, zone: 'general', properties, geometry: outer, minusEarlier: true });
  }
  return [{ features: cores }, { features: generals }];
}

export function ecologicalRedlinePlan(): DemoGroup[] {
  // The protected areas lie inside the red line, as they do in the real delineation.
  const aroundReserves = RESERVES.map((reserve): DemoFeature => {
    const { options } = reserveBlobs(reserve);
    const radiusM = (blobReachM(reserve.outerM, options) / (1 - 0.1)) * 1.05;
    return {
      name: `${reserve.name}生物多样性维护生态保护红线（示例）`,
      zone: null,
      properties: demoProperties({ function: '生物多样性维护', district: reserve.district }),
      geometry: blob(reserve.at, radiusM, seededRandom(`redline-${reserve.key}`), { roughness: 0.1 }),
    };
  });
  const mountains = MOUNTAIN_REDLINES.map(
    (area): DemoFeature => ({
      name: area.name,
      zone: null,
      properties: demoProperties({ function: area.function }),
      geometry: blob(area.at, area.radiusM, seededRandom(`redline-${area.name}`), { aspect: area.aspect, rotation: area.rotation, roughness: 0.25, vertices: 64 }),
      minusEarlier: true,
    }),
  );
  return [{ features: aroundReserves }, { features: mountains }];
}

/** The city's extent (the districts' boundary box), for grids. */
export const CITY_BOX = { west: 106.36, south: 31.24, east: 107.77, north: 32.75 };
const SOUTH_BOX = { west: 106.36, south: 31.24, east: 107.58, north: 32.07 };

/** Forest patches on a 7 km grid: dense and well protected in the northern mountains, sparse in the south. */
export function forestLandPlan(): DemoGroup[] {
  const random = seededRandom('forest-land');
  const cellM = 7000;
  const centres = jitteredCentres(CITY_BOX, cellM, random, ([, lat]) => (lat > 32.25 ? 0.6 : lat > 31.95 ? 0.4 : 0.18));
  const features = centres.map((centre): DemoFeature => {
    const aspect = 1 + random() * 0.8;
    const options: BlobOptions = { aspect, rotation: random() * Math.PI, roughness: 0.3, vertices: 36 };
    const reach = cellM * 0.29;
    const radiusM = (reach / blobReachM(1, options)) * (0.6 + random() * 0.4);
    const lat = centre[1];
    const draw = random();
    const level = lat > 32.35 ? (draw < 0.6 ? 1 : 2) : lat > 32.0 ? (draw < 0.5 ? 2 : 3) : draw < 0.5 ? 3 : 4;
    return {
      name: `{district}林地小班 LD-{n}（示例）`,
      zone: `level${level}`,
      properties: demoProperties({ protection_level: ['Ⅰ级', 'Ⅱ级', 'Ⅲ级', 'Ⅳ级'][level - 1] }),
      geometry: blob(centre, radiusM, random, options),
    };
  });
  return [{ features, outside: 'drop' }];
}

/** Small parcels in clusters over the southern hills, outside towns, the red line, reserves, forest and water-source zones. */
export function basicFarmlandPlan(): DemoGroup[] {
  const random = seededRandom('basic-farmland');
  const field = smoothField(random);
  const cellM = 1300;
  const centres = jitteredCentres(SOUTH_BOX, cellM, random, (centre) => {
    if (DISTRICT_SEATS.some((seat) => distanceM(seat.at, centre) < 3500)) return 0;
    return field(centre) > 0.62 ? 0.5 : 0.03;
  });
  const features = centres.map((centre): DemoFeature => {
    const options: BlobOptions = { aspect: 1 + random(), rotation: random() * Math.PI, roughness: 0.3, vertices: 10 };
    const radiusM = (cellM * 0.28) / blobReachM(1, options) * (0.5 + random() * 0.5);
    return {
      name: '{district}永久基本农田图斑 JBNT-{n}（示例）',
      zone: null,
      properties: demoProperties({ land_use: '水田/旱地' }),
      geometry: blob(centre, radiusM, random, options),
    };
  });
  return [{ features, withinDistricts: FARMLAND_DISTRICTS, avoidLayers: ['ecological_redline', 'nature_reserve', 'forest_land', 'water_source'], outside: 'drop' }];
}

/** The name of a water source without its kind ("巴城大佛寺集中式饮用水水源地" → "巴城大佛寺"). */
export function sourceBaseName(name: string): string {
  return name.replace(/(集中式)?饮用水水?源地?$/u, '') || name;
}

const WATER_SOURCE_ZONES = [
  { zone: 'first', label: '一级保护区', radiusM: 600 },
  { zone: 'second', label: '二级保护区', radiusM: 2500 },
  { zone: 'quasi', label: '准保护区', radiusM: 6000 },
] as const;
const WATER_SOURCE_SHAPE: BlobOptions = { aspect: 1.3, roughness: 0.15 };

/** Each zone's outline contains the one inside it: checked here, since the plan depends on it. */
function waterSourceZonesNest(): boolean {
  return WATER_SOURCE_ZONES.every((z, i) => i === 0 || blobInnerReachM(z.radiusM, WATER_SOURCE_SHAPE) > blobReachM(WATER_SOURCE_ZONES[i - 1]!.radiusM, WATER_SOURCE_SHAPE));
}

/** 一级, 二级 and 准保护区 around each drinking-water source: nested outlines, zones that do not overlap. */
export function waterSourcePlan(sources: DemoSources): DemoGroup[] {
  if (!waterSourceZonesNest()) throw new Error('water-source zone radii do not nest');
  return WATER_SOURCE_ZONES.map((z, index) => ({
    features: sources.waterSources.map((source): DemoFeature => {
      const options = { ...WATER_SOURCE_SHAPE, rotation: seededRandom(`ws-rotation-${source.code}`)() * Math.PI };
      return {
        name: `${sourceBaseName(source.name)}饮用水水源${z.label}（示例）`,
        zone: z.zone,
        properties: demoProperties({ site_code: source.code, water_body: source.waterBody }),
        geometry: blob([source.lon, source.lat], z.radiusM, seededRandom(`ws-${z.zone}-${source.code}`), options),
        minusEarlier: true,
      };
    }),
  }));
}

/** 禁养区: the towns, and the drinking-water sources' first and second zones with a margin. */
export function livestockBanPlan(sources: DemoSources): DemoGroup[] {
  const towns = DISTRICT_SEATS.map(
    (seat): DemoFeature => ({
      name: `${seat.district}城区畜禽养殖禁养区（示例）`,
      zone: null,
      properties: demoProperties({ reason: '城镇居民区、文化教育科学研究区' }),
      geometry: blob(seat.at, 3500, seededRandom(`ban-${seat.district}`), { aspect: 1.2, roughness: 0.2 }),
    }),
  );
  const water = sources.waterSources.map(
    (source): DemoFeature => ({
      name: `${sourceBaseName(source.name)}饮用水水源畜禽养殖禁养区（示例）`,
      zone: null,
      properties: demoProperties({ reason: '饮用水水源一级、二级保护区', site_code: source.code }),
      geometry: circle([source.lon, source.lat], blobReachM(WATER_SOURCE_ZONES[1].radiusM, WATER_SOURCE_SHAPE) + 300),
    }),
  );
  return [{ features: [...towns, ...water] }];
}

const riverLines = new Map<string, LonLat[][]>();

/** A river's line, leg by leg (leg i runs from control point i to i + 1), the same on every call. */
function riverLegs(river: (typeof RIVERS)[number]): LonLat[][] {
  const cached = riverLines.get(river.name);
  if (cached) return cached;
  const random = seededRandom(`river-${river.name}`);
  const legs = river.through.slice(1).map((to, i) => meander([river.through[i]!, to], random, { steps: 10, amplitude: 0.12 }));
  riverLines.set(river.name, legs);
  return legs;
}

function joinLegs(legs: LonLat[][]): LonLat[] {
  return legs.flatMap((leg, i) => (i === 0 ? leg : leg.slice(1)));
}

export const RIVER_SHORELINE_RULES = {
  main: '（示例）嘉陵江干支流岸线一公里范围内禁止新建、扩建化工园区和化工项目（004 三（一））；河道管理范围内禁止建设妨碍行洪的建筑物、构筑物，禁止非法采砂和侵占岸线；岸线开发利用须符合岸线保护与利用规划。',
  tributary: '（示例）嘉陵江干支流岸线一公里范围内禁止新建、扩建化工园区和化工项目（004 三（一））；依法划定河湖管理范围，实施河湖水域岸线、生态缓冲带空间管控，清理整治破坏水生态的人为活动。',
};

export function riverPlan(): DemoGroup[] {
  const features = RIVERS.map(
    (river): DemoFeature => ({
      name: river.name,
      zone: river.zone,
      properties: demoProperties({ basin: '嘉陵江', system: '渠江', stem: river.stem, shoreline_rule: RIVER_SHORELINE_RULES[river.zone] }),
      geometry: { type: 'LineString', coordinates: joinLegs(riverLegs(river)) },
    }),
  );
  return [{ features }];
}

/** 水功能区: each reach of a river as a strip of water, one after another so that reaches do not overlap. */
export function waterFunctionPlan(): DemoGroup[] {
  const features = RIVERS.flatMap((river) =>
    river.reaches.map(
      (reach): DemoFeature => ({
        name: reach.name,
        zone: reach.zone,
        properties: demoProperties({ river: river.name, target_class: reach.zone === 'development' ? 'Ⅲ' : 'Ⅱ' }),
        geometry: { type: 'LineString', coordinates: joinLegs(riverLegs(river).slice(reach.from, reach.to)) },
        bufferM: river.zone === 'main' ? 150 : 100,
        minusEarlier: true,
      }),
    ),
  );
  return [{ features }];
}

const AIR_RING_LABEL = { core: '核心管控圈层', key: '重点管控圈层', general: '一般管控圈层' } as const;

/** Core, key and general rings around each 国控/省控 station; a place near two stations belongs to the first ring that reaches it. */
export function airControlRingPlan(sources: DemoSources): DemoGroup[] {
  const zones = ['core', 'key', 'general'] as const;
  return zones.map((zone, index) => ({
    features: sources.airStations.map(
      (station): DemoFeature => ({
        name: `${station.name}${AIR_RING_LABEL[zone]}（示例）`,
        zone,
        properties: demoProperties({ station_code: station.code, station_level: station.level, radius_m: AIR_RINGS_M[zone], inner_radius_m: index === 0 ? 0 : AIR_RINGS_M[zones[index - 1]!] }),
        geometry: circle([station.lon, station.lat], AIR_RINGS_M[zone]),
        minusEarlier: true,
      }),
    ),
  }));
}

export function soilRiskPlotPlan(): DemoGroup[] {
  const features = SOIL_PLOTS.map(
    (plot): DemoFeature => ({
      name: plot.name,
      zone: plot.zone,
      properties: demoProperties({ former_use: plot.formerUse, pollutants: plot.pollutants }),
      geometry: blob(plot.at, plot.radiusM, seededRandom(`soil-${plot.name}`), { aspect: 1.4, rotation: 0.5, roughness: 0.25, vertices: 12 }),
    }),
  );
  return [{ features, outside: 'drop' }];
}

export interface AdmissionList {
  spatial_layout: string;
  emission_control: string;
  risk_prevention: string;
  resource_efficiency: string;
}

/** 准入清单 texts by kind of unit; `{district}` and `{unit}` are filled in per unit. All marked 示例. */
export const ADMISSION_LISTS: Record<'priority' | 'town' | 'industrial' | 'general', AdmissionList> = {
  priority: {
    spatial_layout:
      '（示例）执行生态保护红线和自然保护地管控要求：自然保护地核心保护区原则上禁止人为活动，其他区域严格禁止开发性、生产性建设活动；禁止新建、扩建工业项目和矿产资源开发项目，依法退出自然保护区内矿业权；饮用水水源一级、二级保护区内禁止新建、改建、扩建与供水设施和保护水源无关的建设项目。',
    emission_control: '（示例）不新增工业污染物排放；农村生活污水和畜禽养殖废弃物收集处理或资源化利用，不得直排入河。',
    risk_prevention: '（示例）禁止新建尾矿库、危险废物处置设施和涉重金属项目；穿越水源保护区的道路设置防撞护栏和事故废水收集设施，制定突发环境事件应急预案。',
    resource_efficiency: '（示例）保障河道生态基流，清理整治违规小水电；禁止毁林开荒，森林覆盖率不降低。',
  },
  town: {
    spatial_layout: '（示例）{district}城区禁止新建、扩建钢铁、水泥、化工、有色等高污染项目，现有企业逐步搬迁入园；居住、学校、医院等敏感目标周边合理设置防护距离。',
    emission_control: '（示例）城镇生活污水处理厂执行一级 A 及以上排放标准，推进雨污分流和管网建设；强化施工扬尘、餐饮油烟和机动车排放管控，新增 VOCs 排放实行等量或倍量削减替代。',
    risk_prevention: '（示例）加强加油站、危险化学品仓储等风险源管理；建立城区突发环境事件应急体系，重点排污单位落实环境风险防范措施。',
    resource_efficiency: '（示例）建设节水型城市，新建建筑执行绿色建筑标准；禁止新建 35 蒸吨/小时以下燃煤锅炉。',
  },
  industrial: {
    spatial_layout: '（示例）{unit}：入园项目须符合园区规划及规划环评，禁止引入负面清单所列项目；嘉陵江干支流岸线一公里范围内禁止新建、扩建化工项目；园区与居住区之间设置防护隔离带。',
    emission_control: '（示例）园区污水集中处理、达标排放；新建项目主要污染物排放实行总量指标替代，涉 VOCs 项目落实源头替代和收集治理。',
    risk_prevention: '（示例）园区编制突发环境事件应急预案，建设事故应急池和三级防控体系；涉重金属、危险化学品项目落实土壤和地下水污染防治措施。',
    resource_efficiency: '（示例）新建项目单位产品能耗、水耗达到国内先进水平；推进园区循环化改造和再生水回用。',
  },
  general: {
    spatial_layout: '（示例）落实{district}国土空间规划，工业项目引导入园发展；畜禽养殖项目避开禁养区，规模养殖场配套粪污处理利用设施。',
    emission_control: '（示例）推进农村生活污水治理和农业面源污染防治，化肥、农药使用量零增长；散养户粪污资源化利用。',
    risk_prevention: '（示例）农用地分类管理，受污染耕地落实安全利用措施；加强尾矿库、加油站等风险源监管。',
    resource_efficiency: '（示例）落实用水总量和强度控制，发展节水灌溉；严控建设占用永久基本农田。',
  },
};

export interface KeyUnitPlan {
  name: string;
  district: string;
  kind: 'industrial' | 'town';
  geometry: PolygonGeometry;
  admission: AdmissionList;
}

function fill(list: AdmissionList, values: { district: string; unit: string }): AdmissionList {
  const apply = (text: string) => text.replaceAll('{district}', values.district).replaceAll('{unit}', values.unit.replace('重点管控单元（示例）', ''));
  return {
    spatial_layout: apply(list.spatial_layout),
    emission_control: apply(list.emission_control),
    risk_prevention: apply(list.risk_prevention),
    resource_efficiency: apply(list.resource_efficiency),
  };
}

/** The key control units (towns, industrial parks), in the order they claim ground. */
export function keyUnitPlan(): KeyUnitPlan[] {
  return KEY_AREAS.map((area) => ({
    name: area.name,
    district: area.district,
    kind: area.kind,
    geometry: blob(area.at, area.radiusM, seededRandom(`key-unit-${area.name}`), { aspect: 1.3, rotation: 0.4, roughness: 0.2 }),
    admission: fill(ADMISSION_LISTS[area.kind], { district: area.district, unit: area.name }),
  }));
}

export function admissionFor(kind: 'priority' | 'general', district: string): AdmissionList {
  return fill(ADMISSION_LISTS[kind], { district, unit: '' });
}

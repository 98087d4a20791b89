/**
 * `calc water-class` (calculator-io.md): one sample or one section's period mean in, its class,
 * status, item classes, 主要污染指标, lake 总氮 class and 综合营养状态指数 out. Plain objects both ways;
 * the API and the CLI call this and nothing else.
 *
 * Output conventions:
 * - `classes` holds every given item classed in this water body, in Table 1 order: the 21 class items
 *   and the reference items (粪大肠菌群; lake 总氮, which is also `tn`). River 总氮 is not evaluated.
 * - `class` and `descriptor` are null when none of the 21 class items is given (a lake sample with
 *   trophic inputs only).
 * - `tli` needs all five trophic inputs (Chla, TP, TN, SD, CODMn), each positive.
 */
import { WATER_BODIES, WATER_PARAMETERS, type WaterBody, type WaterClass, type WaterParameterKey } from './parameters.ts';
import { CalculatorInputError } from '../calculators/input-error.ts';
import { mainPollutants, type MainPollutant } from './main-pollutants.ts';
import { classifySection, type WaterQualityStatus, type WaterValues } from './section-class.ts';
import { TROPHIC_PARAMETERS, trophicState, type TrophicGrade, type TrophicInputs } from './trophic-state.ts';

export interface WaterClassInput {
  waterBody: WaterBody;
  values: WaterValues & { Chla?: number | null; SD?: number | null };
}

export interface WaterClassOutput {
  waterBody: WaterBody;
  class: WaterClass | null;
  descriptor: WaterQualityStatus | null;
  classes: Partial<Record<WaterParameterKey, WaterClass>>;
  mainPollutants: MainPollutant[];
  tn: { class: WaterClass } | null;
  tli: { value: number; grade: TrophicGrade } | null;
}


const TOP_LEVEL_KEYS = new Set(['waterBody', 'values']);
/** Table 1 items but 水温, which calculator-io.md does not list: it has no class limits. */
const CALCULATOR_KEYS = new Set<string>(WATER_PARAMETERS.filter((p) => p.rule.kind !== 'none').map((p) => p.key));
const LAKE_ONLY_KEYS = new Set(['Chla', 'SD']);
const PH_MAX = 14;

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

export function parseWaterClassInput(input: unknown): WaterClassInput {
  if (!isRecord(input)) throw new CalculatorInputError('(input)', '输入应为 JSON 对象', 'input must be a JSON object');
  for (const key of Object.keys(input)) {
    if (!TOP_LEVEL_KEYS.has(key)) throw new CalculatorInputError(key, '未知字段', 'unknown field');
  }
  const { waterBody, values } = input;
  if (!WATER_BODIES.includes(waterBody as WaterBody)) {
    throw new CalculatorInputError('waterBody', '应为 river（河流）或 lake（湖泊、水库）', 'must be "river" or "lake"');
  }
  if (!isRecord(values)) throw new CalculatorInputError('values', '应为对象，键为监测项目', 'must be an object keyed by parameter');
  const parsed: Record<string, number | null> = {};
  for (const [key, value] of Object.entries(values)) {
    const field = `values.${key}`;
    if (LAKE_ONLY_KEYS.has(key)) {
      if (waterBody !== 'lake') throw new CalculatorInputError(field, '叶绿素a和透明度仅用于湖泊、水库的营养状态评价', 'Chla and SD are for lakes and reservoirs only');
    } else if (!CALCULATOR_KEYS.has(key)) {
      throw new CalculatorInputError(field, '未知监测项目', 'unknown parameter');
    }
    if (value === null || value === undefined) {
      parsed[key] = null;
      continue;
    }
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new CalculatorInputError(field, '应为数值或 null', 'must be a number or null');
    if (value < 0) throw new CalculatorInputError(field, '不能为负数', 'must not be negative');
    if (key === 'pH' && value > PH_MAX) throw new CalculatorInputError(field, `pH 不能大于 ${PH_MAX}`, `pH must not exceed ${PH_MAX}`);
    parsed[key] = value;
  }
  return { waterBody: waterBody as WaterBody, values: parsed };
}

function trophicInputsOf(values: WaterClassInput['values']): TrophicInputs | null {
  const inputs: Partial<TrophicInputs> = {};
  for (const p of TROPHIC_PARAMETERS) {
    const value = values[p];
    if (value === undefined || value === null) return null;
    if (value === 0) throw new CalculatorInputError(`values.${p}`, '计算综合营养状态指数时须大于 0', 'must be greater than 0 for the trophic level index');
    inputs[p] = value;
  }
  return inputs as TrophicInputs;
}

export function calcWaterClass(input: unknown): WaterClassOutput {
  const { waterBody, values } = parseWaterClassInput(input);
  const section = classifySection(values, waterBody);
  const trophic = waterBody === 'lake' ? trophicInputsOf(values) : null;
  return {
    waterBody,
    class: section.class,
    descriptor: section.status,
    classes: section.classes,
    mainPollutants: mainPollutants(values, waterBody),
    tn: section.totalNitrogenClass && { class: section.totalNitrogenClass },
    tli: trophic && trophicState(trophic),
  };
}


// Structural checks of an indicator seed file (seeds/<city>/indicators.json) before anything is
// imported. Pure: the file's parsed JSON in, every problem with its JSON path out, so the import can
// refuse a broken file whole and say where each problem is.
import { FormulaSyntaxError, formulaKeys, parseFormula } from './formula.ts';
import { MONITORING_MEASURES, TASK_MEASURES, type Comparator, type Direction } from './model.ts';

export interface SeedProblem {
  /** JSON path in the file, e.g. "indicators[3].targets[0].target.comparator". */
  path: string;
  message: string;
}

const KEY = /^[a-z0-9]+(?:-[a-z0-9]+)*$/u;
const DOC = /^\d{3}$/u;
const COMPARATORS: readonly string[] = ['>=', '>', '<=', '<', '='] satisfies Comparator[];
const DIRECTIONS: readonly string[] = ['higher_better', 'lower_better', 'none'] satisfies Direction[];
const ATTRIBUTES: readonly (string | null)[] = ['binding', 'expected', 'reference', null];
const CHANGE_UNITS: readonly string[] = ['percent', 'points'];
// A unit list left as one string ("市水利局、市农业农村局") would resolve to nothing.
const LIST_SEPARATOR = /[、，,；;]/u;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const isText = (v: unknown): v is string => typeof v === 'string' && v.trim() !== '';
const isYear = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 1949 && (v as number) <= 2100;
const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 1;
/** Names compare without whitespace and width differences: 优良天数比例 and 优良天数比例 are one name. */
const nameForm = (s: string): string => s.normalize('NFKC').replace(/\s+/gu, '');

/** Comparators that ask for a value above a floor or below a ceiling. */
const FLOOR = new Set(['>=', '>']);
const CEILING = new Set(['<=', '<']);

/** Checks one seed file; an empty list means it can be imported. */
export function checkIndicatorSeed(input: unknown): SeedProblem[] {
  const problems: SeedProblem[] = [];
  const problem = (path: string, message: string): void => {
    problems.push({ path, message });
  };
  if (!isObject(input)) {
    problem('', '指标种子文件应为 JSON 对象');
    return problems;
  }
  if (typeof input.city !== 'string' || !KEY.test(input.city)) problem('city', '城市标识只能含小写字母、数字和 -');
  if (!Array.isArray(input.indicators) || input.indicators.length === 0) {
    problem('indicators', '文件中没有指标');
    return problems;
  }

  const keys = new Map<string, number>();
  const names = new Map<string, string>();
  const placements = new Map<string, string>();
  input.indicators.forEach((indicator: unknown, i: number) => {
    const at = `indicators[${i}]`;
    if (!isObject(indicator)) {
      problem(at, '指标应为对象');
      return;
    }
    if (typeof indicator.key !== 'string' || !KEY.test(indicator.key)) problem(`${at}.key`, '指标标识只能含小写字母、数字和 -');
    else if (keys.has(indicator.key)) problem(`${at}.key`, `指标标识 ${indicator.key} 与 indicators[${keys.get(indicator.key)}] 重复`);
    else keys.set(indicator.key, i);

    const claim = (path: string, name: unknown): void => {
      if (!isText(name)) {
        problem(path, '名称不能为空');
        return;
      }
      const form = nameForm(name);
      const owner = names.get(form);
      if (owner !== undefined && owner !== at) problem(path, `名称「${name}」已被 ${owner} 使用`);
      else if (owner === at) problem(path, `名称「${name}」在本指标中重复`);
      else names.set(form, at);
    };
    claim(`${at}.name`, indicator.name);
    if (!Array.isArray(indicator.aliases)) problem(`${at}.aliases`, '别名应为数组');
    else indicator.aliases.forEach((alias: unknown, k: number) => claim(`${at}.aliases[${k}]`, alias));

    if (indicator.unit !== null && !isText(indicator.unit)) problem(`${at}.unit`, '单位应为非空文字或 null');
    const direction = typeof indicator.direction === 'string' && DIRECTIONS.includes(indicator.direction) ? indicator.direction : null;
    if (direction === null) problem(`${at}.direction`, '方向应为 higher_better、lower_better 或 none');

    if (!Array.isArray(indicator.baselines)) problem(`${at}.baselines`, '基准值应为数组');
    else indicator.baselines.forEach((b: unknown, k: number) => checkBaseline(b, `${at}.baselines[${k}]`, problem));

    if (indicator.formula !== null) checkFormula(indicator.formula, `${at}.formula`, problem);
    if (indicator.binding !== undefined) checkBinding(indicator.binding, `${at}.binding`, problem);
    if (indicator.binding !== undefined && indicator.formula !== null) problem(`${at}.binding`, '计算指标（formula）不能再绑定其他模块');
    checkNotes(indicator, at, problem);

    // An operand of a formula may set no target of its own; checked once every formula is known.
    if (!Array.isArray(indicator.targets)) {
      problem(`${at}.targets`, '指标没有目标');
      return;
    }
    indicator.targets.forEach((target: unknown, j: number) => {
      const path = `${at}.targets[${j}]`;
      checkTarget(target, path, direction, problem);
      if (isObject(target) && isObject(target.placement)) {
        const p = target.placement;
        const where = [p.doc, p.clause, p.row, p.sub, typeof p.targetAsWritten === 'string' ? nameForm(p.targetAsWritten) : ''].join('|');
        const first = placements.get(where);
        // Two targets on the same words of the same clause need `sub` to tell them apart.
        if (first !== undefined) problem(`${path}.placement`, `与 ${first} 位置相同（同一条款的多个指标需用 sub 区分）`);
        else placements.set(where, path);
      }
    });
  });

  // Formula operands are checked once every key is known.
  const operands = new Set<string>();
  input.indicators.forEach((indicator: unknown, i: number) => {
    if (!isObject(indicator) || !isObject(indicator.formula) || typeof indicator.formula.expression !== 'string') return;
    try {
      for (const key of formulaKeys(parseFormula(indicator.formula.expression))) {
        operands.add(key);
        if (key === indicator.key) problem(`indicators[${i}].formula.expression`, '公式不能引用指标自身');
        else if (!keys.has(key)) problem(`indicators[${i}].formula.expression`, `公式引用的指标 ${key} 不存在`);
      }
    } catch (error) {
      if (!(error instanceof FormulaSyntaxError)) throw error;
    }
  });
  input.indicators.forEach((indicator: unknown, i: number) => {
    if (isObject(indicator) && Array.isArray(indicator.targets) && indicator.targets.length === 0 && !operands.has(indicator.key as string)) {
      problem(`indicators[${i}].targets`, '指标没有目标（只有其他指标公式中的运算项可以没有目标）');
    }
  });
  return problems;
}

/** `note` is Chinese, shown first; `noteEn` is its English for the English interface and needs a `note`. */
function checkNotes(owner: Json, at: string, problem: Report): void {
  if (owner.note !== undefined && !isText(owner.note)) problem(`${at}.note`, '说明应为非空文字');
  else if (typeof owner.note === 'string' && !/\p{Script=Han}/u.test(owner.note)) problem(`${at}.note`, '说明应为中文（英文说明写在 noteEn）');
  if (owner.noteEn !== undefined) {
    if (!isText(owner.noteEn)) problem(`${at}.noteEn`, '英文说明应为非空文字');
    else if (owner.note === undefined) problem(`${at}.noteEn`, '有英文说明（noteEn）时须有中文说明（note）');
  }
}

function checkBinding(binding: unknown, at: string, problem: Report): void {
  if (!isObject(binding)) {
    problem(at, '数据绑定应为对象');
    return;
  }
  switch (binding.module) {
    case 'tasks':
      if (!(TASK_MEASURES as readonly unknown[]).includes(binding.measure)) problem(`${at}.measure`, `任务督办的计算应为 ${TASK_MEASURES.join('、')}`);
      if (!isText(binding.list)) problem(`${at}.list`, '须写明任务清单');
      if (!Array.isArray(binding.item) || binding.item.length === 0 || !binding.item.every(isText)) problem(`${at}.item`, '须写明事项的编号路径，如 ["十", "1"]');
      return;
    case 'monitoring':
      if (!(MONITORING_MEASURES as readonly unknown[]).includes(binding.measure)) problem(`${at}.measure`, `环境监测的计算应为 ${MONITORING_MEASURES.join('、')}`);
      return;
    default:
      problem(`${at}.module`, '绑定的模块应为 tasks 或 monitoring');
  }
}

type Report = (path: string, message: string) => void;

function checkBaseline(b: unknown, at: string, problem: Report): void {
  if (!isObject(b)) {
    problem(at, '基准值应为对象');
    return;
  }
  if (!isYear(b.year)) problem(`${at}.year`, '应为年份');
  if (b.value !== null && !(typeof b.value === 'number' && Number.isFinite(b.value))) problem(`${at}.value`, '应为数字或 null');
  if (typeof b.asWritten !== 'string') problem(`${at}.asWritten`, '应为文件原文');
  if (typeof b.doc !== 'string' || !DOC.test(b.doc)) problem(`${at}.doc`, '文件编号应为三位数字');
  if (!isText(b.clause)) problem(`${at}.clause`, '条款必填');
  checkNotes(b, at, problem);
}

function checkFormula(formula: unknown, at: string, problem: Report): void {
  if (!isObject(formula) || typeof formula.expression !== 'string') {
    problem(at, '公式应为 null 或 { expression }');
    return;
  }
  try {
    parseFormula(formula.expression);
  } catch (error) {
    if (!(error instanceof FormulaSyntaxError)) throw error;
    problem(`${at}.expression`, error.message);
  }
}

function checkUnits(list: unknown, at: string, problem: Report): void {
  if (!Array.isArray(list)) {
    problem(at, '单位名单应为数组');
    return;
  }
  list.forEach((name: unknown, k: number) => {
    if (!isText(name)) problem(`${at}[${k}]`, '单位名称不能为空');
    else if (name.trim() !== name || LIST_SEPARATOR.test(name)) problem(`${at}[${k}]`, `「${name}」不是单个单位名称`);
  });
}

function checkTarget(t: unknown, at: string, direction: string | null, problem: Report): void {
  if (!isObject(t)) {
    problem(at, '目标应为对象');
    return;
  }
  const p = t.placement;
  if (!isObject(p)) problem(`${at}.placement`, '缺少出处');
  else {
    if (typeof p.doc !== 'string' || !DOC.test(p.doc)) problem(`${at}.placement.doc`, '文件编号应为三位数字');
    if (!isText(p.clause)) problem(`${at}.placement.clause`, '条款必填');
    if (p.group !== null && !isText(p.group)) problem(`${at}.placement.group`, '分组应为非空文字或 null');
    if (p.row !== null && !isCount(p.row)) problem(`${at}.placement.row`, '行号应为正整数或 null');
    if (p.sub !== null && !isCount(p.sub)) problem(`${at}.placement.sub`, '子项序号应为正整数或 null');
    if (!isText(p.nameAsWritten)) problem(`${at}.placement.nameAsWritten`, '指标原文必填');
    if (typeof p.targetAsWritten !== 'string') problem(`${at}.placement.targetAsWritten`, '目标原文应为文字');
    // An empty cell is kept as written, but only with the reading chosen for it.
    else if (p.targetAsWritten.trim() === '' && !isText(t.note)) problem(`${at}.placement.targetAsWritten`, '目标原文为空时须在 note 中说明如何理解');
    if (p.domain !== undefined && !isText(p.domain)) problem(`${at}.placement.domain`, '领域应为非空文字');
    if (p.rowNameAsWritten !== undefined) {
      if (!isText(p.rowNameAsWritten)) problem(`${at}.placement.rowNameAsWritten`, '行名称应为非空文字');
      if (p.sub === null) problem(`${at}.placement.rowNameAsWritten`, '只有子项（sub）才有所在行的名称');
    }
  }
  if (!isYear(t.year)) problem(`${at}.year`, '应为年份');
  if (t.deadlineText !== null && !isText(t.deadlineText)) problem(`${at}.deadlineText`, '完成时限应为非空文字或 null');
  if (!ATTRIBUTES.includes(t.attribute as string | null)) problem(`${at}.attribute`, '属性应为 binding、expected、reference 或 null');
  checkUnits(t.lead, `${at}.lead`, problem);
  checkUnits(t.responsible, `${at}.responsible`, problem);
  if (t.supervising !== undefined) checkUnits(t.supervising, `${at}.supervising`, problem);
  checkNotes(t, at, problem);
  checkTargetValue(t.target, `${at}.target`, isYear(t.year) ? t.year : null, direction, problem);
}

function checkTargetValue(target: unknown, at: string, year: number | null, direction: string | null, problem: Report): void {
  if (!isObject(target)) {
    problem(at, '目标值应为对象');
    return;
  }
  const comparator = (): void => {
    if (typeof target.comparator !== 'string' || !COMPARATORS.includes(target.comparator)) {
      problem(`${at}.comparator`, '比较符应为 >=、>、<=、< 或 =');
      return;
    }
    // A floor on a lower-is-better indicator (or a ceiling on a higher-is-better one) is almost
    // always a slip in reading "不低于/不高于".
    if ((direction === 'lower_better' && FLOOR.has(target.comparator)) || (direction === 'higher_better' && CEILING.has(target.comparator))) {
      problem(`${at}.comparator`, `比较符 ${target.comparator} 与指标方向 ${direction} 相反`);
    }
  };
  const baseYear = (): void => {
    if (!isYear(target.baseYear)) problem(`${at}.baseYear`, '基准年应为年份');
    else if (year !== null && target.baseYear >= year) problem(`${at}.baseYear`, `基准年 ${target.baseYear} 应早于目标年 ${year}`);
  };
  const measurable = (): void => {
    if (direction === 'none') problem(at, '方向为 none 的指标只能有定性目标');
  };
  switch (target.kind) {
    case 'absolute':
      measurable();
      comparator();
      if (typeof target.value !== 'number' || !Number.isFinite(target.value)) problem(`${at}.value`, '目标值应为数字');
      return;
    case 'relative':
      measurable();
      comparator();
      baseYear();
      if (typeof target.change !== 'number' || !Number.isFinite(target.change)) problem(`${at}.change`, '变化幅度应为数字');
      if (typeof target.changeUnit !== 'string' || !CHANGE_UNITS.includes(target.changeUnit)) problem(`${at}.changeUnit`, '变化单位应为 percent 或 points');
      return;
    case 'not_worse':
      measurable();
      baseYear();
      return;
    case 'external':
      measurable();
      comparator();
      if (!isText(target.authority)) problem(`${at}.authority`, '须写明由谁下达目标');
      return;
    case 'qualitative':
      if (!isText(target.wording)) problem(`${at}.wording`, '定性目标的表述不能为空');
      return;
    default:
      problem(`${at}.kind`, '目标类型应为 absolute、relative、not_worse、external 或 qualitative');
  }
}

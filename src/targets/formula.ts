/**
 * 计算指标: an indicator computed from others by a Formula ("{energy-use} / {gdp} * 10000").
 *
 * The language is four operations (+ − × ÷, ASCII or as printed), unary minus, parentheses, decimal
 * numbers and indicator keys in braces — nothing else. It is parsed by the small recursive-descent parser
 * below rather than a library: mathjs would bring a whole computer-algebra system for four operators,
 * expr-eval is unmaintained (its last release predates its code-injection advisory), and jsep parses
 * JavaScript, so `{energy-use}` would need rewriting first and every other JS construct refusing after.
 * A parser of this size also names the position of a mistake in Chinese for whoever writes the formula.
 * Nothing here uses eval or Function.
 */
import type { Period, PeriodValue } from './model.ts';

export type FormulaNode =
  | { kind: 'number'; value: number }
  | { kind: 'key'; key: string }
  | { kind: 'negate'; operand: FormulaNode }
  | { kind: 'binary'; operator: '+' | '-' | '*' | '/'; left: FormulaNode; right: FormulaNode };

export class FormulaSyntaxError extends Error {
  constructor(
    message: string,
    readonly expression: string,
    /** Index in the expression where the problem was found. */
    readonly position: number,
  ) {
    super(`${message}（第 ${position + 1} 个字符）：${expression}`);
    this.name = 'FormulaSyntaxError';
  }
}

type Token =
  | { kind: 'number'; value: number; at: number }
  | { kind: 'key'; key: string; at: number }
  | { kind: 'operator'; operator: '+' | '-' | '*' | '/'; at: number }
  | { kind: 'open' | 'close' | 'end'; at: number };

/** The printed signs a document may use for the same operations. */
const OPERATORS: Record<string, '+' | '-' | '*' | '/'> = { '+': '+', '-': '-', '−': '-', '*': '*', '×': '*', '/': '/', '÷': '/' };

function tokenize(expression: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < expression.length) {
    const char = expression[at]!;
    if (/\s/.test(char)) {
      at += 1;
    } else if (char in OPERATORS) {
      tokens.push({ kind: 'operator', operator: OPERATORS[char]!, at });
      at += 1;
    } else if (char === '(' || char === ')') {
      tokens.push({ kind: char === '(' ? 'open' : 'close', at });
      at += 1;
    } else if (char === '{') {
      const match = /^\{([a-z0-9]+(?:-[a-z0-9]+)*)\}/.exec(expression.slice(at));
      if (!match) throw new FormulaSyntaxError('指标键应写作 {小写字母、数字和连字符}', expression, at);
      tokens.push({ kind: 'key', key: match[1]!, at });
      at += match[0].length;
    } else {
      const match = /^\d+(?:\.\d+)?/.exec(expression.slice(at));
      if (!match) throw new FormulaSyntaxError(`无法识别的字符「${char}」`, expression, at);
      tokens.push({ kind: 'number', value: Number(match[0]), at });
      at += match[0].length;
    }
  }
  tokens.push({ kind: 'end', at });
  return tokens;
}

/** Parses a formula; throws FormulaSyntaxError naming where it goes wrong. */
export function parseFormula(expression: string): FormulaNode {
  const tokens = tokenize(expression);
  let next = 0;
  const peek = () => tokens[next]!;
  const fail = (message: string): never => {
    throw new FormulaSyntaxError(message, expression, peek().at);
  };

  // sum := product (('+' | '-') product)* ; product := unary (('*' | '/') unary)* ; unary := '-' unary | atom
  const sum = (): FormulaNode => {
    let node = product();
    for (let token = peek(); token.kind === 'operator' && (token.operator === '+' || token.operator === '-'); token = peek()) {
      next += 1;
      node = { kind: 'binary', operator: token.operator, left: node, right: product() };
    }
    return node;
  };
  const product = (): FormulaNode => {
    let node = unary();
    for (let token = peek(); token.kind === 'operator' && (token.operator === '*' || token.operator === '/'); token = peek()) {
      next += 1;
      node = { kind: 'binary', operator: token.operator, left: node, right: unary() };
    }
    return node;
  };
  const unary = (): FormulaNode => {
    const token = peek();
    if (token.kind === 'operator' && token.operator === '-') {
      next += 1;
      return { kind: 'negate', operand: unary() };
    }
    return atom();
  };
  const atom = (): FormulaNode => {
    const token = peek();
    next += 1;
    switch (token.kind) {
      case 'number':
        return { kind: 'number', value: token.value };
      case 'key':
        return { kind: 'key', key: token.key };
      case 'open': {
        const inner = sum();
        if (peek().kind !== 'close') fail('缺少右括号');
        next += 1;
        return inner;
      }
      default:
        next -= 1;
        return fail(token.kind === 'end' ? '公式不完整' : '此处应为数字、指标键或左括号');
    }
  };

  const tree = sum();
  if (peek().kind !== 'end') fail(peek().kind === 'close' ? '多余的右括号' : '此处应为运算符');
  return tree;
}

/** The indicator keys a formula uses, each once, in order of first use. */
export function formulaKeys(node: FormulaNode): string[] {
  switch (node.kind) {
    case 'number':
      return [];
    case 'key':
      return [node.key];
    case 'negate':
      return formulaKeys(node.operand);
    case 'binary':
      return [...new Set([...formulaKeys(node.left), ...formulaKeys(node.right)])];
  }
}

/** A formula's value, or why there is none. */
export type FormulaResult =
  | { value: number }
  | { value: null; reason: 'missing'; missing: string[] }
  | { value: null; reason: 'division_by_zero' };

/** Evaluates a parsed formula with the operands' values; every missing operand is named. */
export function evaluateFormula(node: FormulaNode, operands: ReadonlyMap<string, number>): FormulaResult {
  const missing = formulaKeys(node).filter((key) => !operands.has(key));
  if (missing.length > 0) return { value: null, reason: 'missing', missing };
  // null: a division by zero somewhere below.
  const value = (n: FormulaNode): number | null => {
    switch (n.kind) {
      case 'number':
        return n.value;
      case 'key':
        return operands.get(n.key)!;
      case 'negate': {
        const operand = value(n.operand);
        return operand === null ? null : -operand;
      }
      case 'binary': {
        const left = value(n.left);
        const right = value(n.right);
        if (left === null || right === null) return null;
        switch (n.operator) {
          case '+':
            return left + right;
          case '-':
            return left - right;
          case '*':
            return left * right;
          case '/':
            return right === 0 ? null : left / right;
        }
      }
    }
  };
  const result = value(node);
  return result === null ? { value: null, reason: 'division_by_zero' } : { value: result };
}

/** One period of a computed indicator. */
export type DerivedValue = { year: number; period: Period } & FormulaResult;

/**
 * A computed indicator's values for every period (year, quarter or month) for which any operand has a
 * value: the periods some operand lacks carry no value and say which operands are missing, so a gap in the
 * data shows instead of vanishing. Sorted by year, then period.
 */
export function deriveSeries(expression: string, operands: Readonly<Record<string, readonly PeriodValue[]>>): DerivedValue[] {
  const tree = parseFormula(expression);
  const byPeriod = new Map<string, { year: number; period: Period; values: Map<string, number> }>();
  for (const key of formulaKeys(tree)) {
    for (const { year, period = 'year', value } of operands[key] ?? []) {
      const id = `${year} ${period}`;
      const slot = byPeriod.get(id) ?? { year, period, values: new Map<string, number>() };
      slot.values.set(key, value);
      byPeriod.set(id, slot);
    }
  }
  return [...byPeriod.values()]
    .sort((a, b) => a.year - b.year || periodOrder(a.period) - periodOrder(b.period))
    .map(({ year, period, values }) => ({ year, period, ...evaluateFormula(tree, values) }));
}

/** The whole year first, then its quarters, then its months. */
function periodOrder(period: Period): number {
  if (period === 'year') return 0;
  return period.startsWith('Q') ? Number(period.slice(1)) : 4 + Number(period.slice(1));
}

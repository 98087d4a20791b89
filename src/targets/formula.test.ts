import { describe, expect, it } from 'vitest';
import { deriveSeries, evaluateFormula, formulaKeys, FormulaSyntaxError, parseFormula, type FormulaResult } from './formula.ts';

const evaluate = (expression: string, operands: Record<string, number>): FormulaResult =>
  evaluateFormula(parseFormula(expression), new Map(Object.entries(operands)));

describe('formula (计算指标)', () => {
  it.each([
    ['energy intensity: energy use over GDP, scaled', '{energy-use} / {gdp} * 10000', { 'energy-use': 750, gdp: 1500 }, 5000],
    ['× and ÷ before + and −', '1 + 2 * 3 - 8 / 4', {}, 5],
    ['parentheses first', '(1 + 2) * (3 + 1)', {}, 12],
    ['division from the left', '8 / 4 / 2', {}, 1],
    ['subtraction from the left', '10 - 4 - 3', {}, 3],
    ['unary minus, also after an operator', '-{a} + 2 * -3', { a: 4 }, -10],
    ['the signs as printed: × ÷ −', '{a} × {b} ÷ 2 − 1', { a: 3, b: 4 }, 5],
    ['decimals and nested parentheses', '((0.5 + {a}) * 2) / {b}', { a: 1.5, b: 8 }, 0.5],
    ['a share in percent of two indicators', '{non-fossil} / {energy-use} * 100', { 'non-fossil': 415, 'energy-use': 1000 }, 41.5],
  ] as const)('%s', (_name, expression, operands, value) => {
    expect(evaluate(expression, operands)).toEqual({ value });
  });

  it('names every missing operand, in order of use, and gives no value', () => {
    expect(evaluate('{a} + {b} * {c} - {a}', { b: 1 })).toEqual({ value: null, reason: 'missing', missing: ['a', 'c'] });
  });

  it('gives no value on division by zero, also when the zero is computed', () => {
    expect(evaluate('{a} / 0', { a: 1 })).toEqual({ value: null, reason: 'division_by_zero' });
    expect(evaluate('{a} / ({b} - {c})', { a: 1, b: 2, c: 2 })).toEqual({ value: null, reason: 'division_by_zero' });
    expect(evaluate('0 / {a}', { a: 2 })).toEqual({ value: 0 });
  });

  it('reports a missing operand before a division by zero', () => {
    expect(evaluate('{a} / {b}', { b: 0 })).toEqual({ value: null, reason: 'missing', missing: ['a'] });
  });

  it('lists the keys a formula uses, each once', () => {
    expect(formulaKeys(parseFormula('({co2} / {gdp}) / ({co2-2005} / {gdp-2005}) - {co2} / {co2}'))).toEqual(['co2', 'gdp', 'co2-2005', 'gdp-2005']);
    expect(formulaKeys(parseFormula('2 * 3'))).toEqual([]);
  });

  it.each([
    ['', '公式不完整', 0],
    ['{a} +', '公式不完整', 5],
    ['({a} + 1', '缺少右括号', 8],
    ['{a} + 1)', '多余的右括号', 7],
    ['{a} {b}', '此处应为运算符', 4],
    ['* 2', '此处应为数字、指标键或左括号', 0],
    ['{a} + ()', '此处应为数字、指标键或左括号', 7],
    ['{Energy Use}', '指标键应写作 {小写字母、数字和连字符}', 0],
    ['{a} ^ 2', '无法识别的字符「^」', 4],
    ['constructor', '无法识别的字符「c」', 0],
    ['Math.max({a}, 1)', '无法识别的字符「M」', 0],
  ])('refuses %j: %s', (expression, message, position) => {
    let error: unknown;
    try {
      parseFormula(expression);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(FormulaSyntaxError);
    expect(error).toMatchObject({ position, expression });
    expect((error as Error).message).toContain(message);
  });

  it('derives a series for every year and quarter any operand has, naming what each lacks', () => {
    const series = deriveSeries('{energy-use} / {gdp} * 10000', {
      'energy-use': [
        { year: 2021, value: 480 },
        { year: 2020, value: 500 },
        { year: 2022, value: 470 },
        { year: 2023, period: 'Q1', value: 120 },
      ],
      gdp: [
        { year: 2020, value: 800 },
        { year: 2021, value: 0 },
        { year: 2023, period: 'Q1', value: 240 },
        { year: 2023, value: 1000 },
      ],
    });
    expect(series).toEqual([
      { year: 2020, period: 'year', value: 6250 },
      { year: 2021, period: 'year', value: null, reason: 'division_by_zero' },
      { year: 2022, period: 'year', value: null, reason: 'missing', missing: ['gdp'] },
      { year: 2023, period: 'year', value: null, reason: 'missing', missing: ['energy-use'] },
      { year: 2023, period: 'Q1', value: 5000 },
    ]);
  });

  it('derives nothing from operands the formula does not use', () => {
    expect(deriveSeries('{a} * 2', { b: [{ year: 2020, value: 1 }] })).toEqual([]);
  });
});

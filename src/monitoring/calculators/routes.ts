import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { HttpProblem } from '../../server/problem.ts';
import { CALCULATOR_NAMES, CALCULATORS, calculatorFault, type CalculatorName } from './registry.ts';

const SUMMARIES: Record<CalculatorName, string> = {
  aqi: '空气质量指数（HJ 633-2012/2026）：一组浓度 → AQI、级别、类别、首要污染物 / AQI from one set of concentrations',
  'air-annual': '环境空气年评价（HJ 663, GB 3095）：一个点位一年的日或小时数据 → 年统计、达标、优良天数比例 / annual air evaluation of one site',
  'water-class': '地表水水质类别（GB 3838-2002 与评价办法）：一个样品 → 各项类别、断面类别、主要污染指标 / surface-water class of one sample',
};

/** Computations only, no stored data: open to the public like the standards they implement. Rate-limited. */
export const calculatorRoutes: FastifyPluginAsyncTypebox = async (app) => {
  for (const name of CALCULATOR_NAMES) {
    app.post(
      `/api/v1/calc/${name}`,
      {
        config: { access: 'public', rateLimit: { max: 600, timeWindow: '1 minute' } },
        bodyLimit: 8 * 1024 * 1024,
        schema: {
          tags: ['calculators'],
          summary: SUMMARIES[name],
          description: 'Formats: ../shared/specs/calculator-io.md, and the README (计算器 / calculators).',
          body: Type.Object({}, { additionalProperties: true }),
          response: { 200: Type.Object({}, { additionalProperties: true }) },
        },
      },
      async (request) => {
        try {
          return CALCULATORS[name](request.body) as Record<string, unknown>;
        } catch (error) {
          const fault = calculatorFault(error);
          if (!fault) throw error;
          throw new HttpProblem(400, '计算输入无效', `${fault.field}：${fault.messageZh} / ${fault.messageEn}`, [{ field: fault.field, message: fault.messageZh }]);
        }
      },
    );
  }
};

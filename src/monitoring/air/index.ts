/** National air-quality standards (HJ 633, HJ 663, GB 3095; 2012 and 2026 generations) as pure functions. */
export { calcAqi, calcAirAnnual, type CalcAqiOutput, type CalcAirAnnualOutput } from './calculator.ts';
export { computeAqi, aqiLevelOf, describeAqiNote, indicatorsOf, SPECIES, AQI_CATEGORIES, type AqiResult, type AqiNote, type AqiMode, type AqiCategory, type Species } from './aqi.ts';
export { iaqiOf, type IaqiResult, type IaqiRule } from './iaqi.ts';
export { evaluateYear, percentile, type AnnualEvaluation, type AnnualOptions, type EvaluationDay } from './annual-evaluation.ts';
export { compositeIndex, rankByCompositeIndex, rankByChangeRate, type CompositeBasis, type CompositeWeights } from './composite-index.ts';
export { LIMITS, limitSetInForce, limitSetForYear, limitsOf, type LimitSetId, type Grade } from './limits.ts';
export { AQI_STANDARDS, standardInForce, generationOf, isAqiStandard, type AqiStandard, type StandardGeneration } from './standard-versions.ts';

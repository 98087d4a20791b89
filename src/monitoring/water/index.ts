/** GB 3838-2002 surface-water classes and the 地表水环境质量评价办法（试行）, as pure functions. */
export * from './parameters.ts';
export { classLimits, itemClass } from './item-class.ts';
export * from './section-class.ts';
export * from './main-pollutants.ts';
export * from './trophic-state.ts';
export * from './river-basin.ts';
export * from './aggregation.ts';
export * from './calculator.ts';

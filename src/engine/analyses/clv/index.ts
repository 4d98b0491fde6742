/**
 * Customer-lifetime ("buy till you die") models: BG/NBD and Pareto/NBD purchase counts, Gamma-Gamma
 * spend, sBG contractual retention, CLV over a horizon, holdout checks, and the future-value helper.
 */
export * from './summary.js';
export * from './fit.js';
export type { PurchaseFitOptions } from './purchase-fit.js';
export type { RepeatModel } from './repeat-model.js';
export * from './bgnbd.js';
export * from './pareto-nbd.js';
export * from './gamma-gamma.js';
export * from './sbg.js';
export * from './value.js';
export * from './holdout.js';
export * from './future-value.js';

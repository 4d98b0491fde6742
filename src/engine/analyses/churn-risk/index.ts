/** Churn-risk signals, risk score and the signal x group heat map. */
export { SIGNALS, DEFAULT_WEIGHTS, ChurnRiskOptionsSchema, type Signal, type ChurnRiskOptions, type ResolvedChurnRiskOptions } from './options.js';
export { churnRisk, signalsOf, type ChurnRiskInput, type ChurnRiskResult, type SignalSummary } from './risk.js';
export { riskHeatmap, UNGROUPED, type RiskHeatmap, type HeatmapGrouping, type CustomerCategory } from './heatmap.js';

/** KPIs per period, their definitions, and the scalar formulas behind them. */
export { kpis, KpiOptionsSchema, type KpiOptions, type KpiResult, type Kpi, type KpiValue, type KpiUnavailable, type KpiPoint } from './kpis.js';
export { KPI_DEFINITIONS, KPI_IDS, type KpiId, type KpiUnit, type KpiDirection, type KpiDefinition } from './definitions.js';
export { npsScore, csatScore, simpleClv, retentionFromChurn, periodDiscountRate, type ClvTiming } from './formulas.js';

/**
 * crm-lens engine: pure, DOM-free analytics over a columnar Dataset. Runs in Node, in a Worker and on
 * the main thread alike.
 */
export * from './dataset/types.js';
export * from './dataset/schema.js';
export * from './dataset/days.js';
export { DatasetBuilder, TableBuilder, ColumnBuilder, nextDatasetVersion } from './dataset/builder.js';
export * from './analyses/availability.js';

export * from './ingest/index.js';

export * from './stats/quantile.js';
export * from './stats/rank.js';
export * from './stats/periods.js';
export * from './stats/as-of.js';

export * from './analyses/rfm/index.js';
export * from './analyses/cohorts/index.js';
export * from './analyses/kpis/index.js';
export * from './analyses/clv/index.js';
export * from './analyses/tiers/index.js';
export * from './analyses/clusters/index.js';
export * from './analyses/lifecycle/index.js';
export * from './analyses/churn-risk/index.js';
export { runAnalysis, ANALYSES, isAnalysisName, type AnalysisName } from './analyses/registry.js';

export { lnGamma, hyp2f1 } from './math/special.js';
export { mulberry32, type Random } from './math/random.js';

export { generateSampleCompany, sampleRows, sampleJsonChunks, resolveSampleOptions } from './sample/generate.js';
export { sampleOptionsSchema, SAMPLE_DEFAULTS, type SampleOptions } from './sample/options.js';
export * from './sample/records.js';

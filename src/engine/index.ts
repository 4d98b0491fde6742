/**
 * crm-lens engine: pure, DOM-free analytics over a columnar Dataset. Runs in Node, in a Worker and on
 * the main thread alike.
 */
export * from './dataset/types.js';
export * from './dataset/schema.js';
export * from './dataset/days.js';
export { DatasetBuilder, TableBuilder, ColumnBuilder, nextDatasetVersion } from './dataset/builder.js';
export * from './analyses/availability.js';

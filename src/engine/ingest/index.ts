/**
 * Ingest: any reasonable feed in (CSV, JSON, NDJSON, JS records, multi-table feeds; text, bytes,
 * gzip, streams), a columnar Dataset and an honest IngestReport out. The feed format is described in
 * docs/feed-format.md.
 */
import { DatasetBuilder } from '../dataset/builder.js';
import { readRecords } from './readers.js';
import { combineReports } from './report.js';
import { readFeed, readText, type Feed } from './source.js';
import type { IngestOptions, IngestResult } from './types.js';

export type * from './types.js';
export type { Feed } from './source.js';
export { detectMapping, normalizeHeader, type MissingColumn } from './mapping.js';
export { ingestBytes, ingestStream } from './stream.js';

/**
 * Reads one text source: CSV (separator sniffed or given), NDJSON, a JSON array of records, or a
 * JSON object with one array per table (a multi-table feed, see {@link ingestFeed}). A UTF-8 BOM is
 * dropped.
 */
export function ingestText(text: string, options: IngestOptions = {}): IngestResult {
  const builder = new DatasetBuilder();
  const bom = text.charCodeAt(0) === 0xfeff;
  const tables = readText(builder, bom ? text.slice(1) : text, options, bom ? ['bom'] : []);
  options.onProgress?.(1, text.length);
  return { dataset: builder.build(), report: combineReports(tables) };
}

/** Reads JS records (the `.data` property path): objects by key, or arrays with a header first. */
export function ingestRecords(records: readonly unknown[], options: IngestOptions = {}): IngestResult {
  const builder = new DatasetBuilder();
  const table = readRecords(builder, options.table ?? 'orders', records, options, options, []);
  return { dataset: builder.build(), report: combineReports([table]) };
}

/**
 * Reads a multi-table feed (one array of records or one CSV/NDJSON text per table) into one Dataset:
 * all tables share one customer dictionary. Per-table options go in `options.tables`.
 */
export function ingestFeed(feed: Feed, options: IngestOptions = {}): IngestResult {
  const builder = new DatasetBuilder();
  const tables = readFeed(builder, feed, options, []);
  return { dataset: builder.build(), report: combineReports(tables) };
}

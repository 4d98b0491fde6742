/**
 * Ingest: any reasonable feed in (CSV, JSON, NDJSON, JS records, multi-table feeds; text, bytes,
 * gzip, streams), a columnar Dataset and an honest IngestReport out. The feed format is described in
 * docs/feed-format.md.
 */
import { DatasetBuilder } from '../dataset/builder.js';
import { readRecords } from './readers.js';
import { combineReports } from './report.js';
import { readFeed, readText, type Feed } from './source.js';
import { datasetOf } from './stream.js';
import type { Dataset } from '../dataset/types.js';
import type { IngestOptions, IngestResult } from './types.js';

export type * from './types.js';
export type { Feed } from './source.js';
export { detectMapping, normalizeHeader, type MissingColumn } from './mapping.js';
export { appendBytes, ingestBytes, ingestStream } from './stream.js';
export { onDemand, PARALLEL_MIN_BYTES, readPart, type PartRead, type PartReader, type PartReaderFor, type PartRequest, type StartingPartReader } from './parallel.js';
export type { TablePart } from './table-writer.js';

/**
 * Reads one text source: CSV (separator sniffed or given), NDJSON, a JSON array of records, or a
 * JSON object with one array per table (a multi-table feed, see {@link ingestFeed}). A UTF-8 BOM is
 * dropped.
 */
export function ingestText(text: string, options: IngestOptions = {}): IngestResult {
  return readWhole(new DatasetBuilder(), text, options);
}

/**
 * Appends new rows to a loaded feed: parses only `text` (a source in any format {@link ingestText}
 * reads, with its own header) and returns a new Dataset (a new version) whose tables hold the loaded
 * rows first and then the new ones. Customer indexes and category codes of the loaded rows stay as
 * they were; new customers and categories get the next codes, so the result equals ingesting both
 * sources at once. The report counts only the new rows. A table the new source has must have the
 * fields the loaded one has (else this throws: load the whole feed again); tables it lacks are kept.
 */
export function appendText(base: IngestResult | Dataset, text: string, options: IngestOptions = {}): IngestResult {
  return readWhole(DatasetBuilder.extending(datasetOf(base)), text, options);
}

function readWhole(builder: DatasetBuilder, text: string, options: IngestOptions): IngestResult {
  const bom = text.charCodeAt(0) === 0xfeff;
  const tables = readText(builder, bom ? text.slice(1) : text, options, bom ? ['bom'] : []);
  options.onProgress?.(1, text.length);
  return { dataset: builder.build(), report: combineReports(tables) };
}

/** Reads JS records (the `.data` property path): objects by key, or arrays with a header first. */
export function ingestRecords(records: readonly unknown[], options: IngestOptions = {}): IngestResult {
  return readRecordsInto(new DatasetBuilder(), records, options);
}

/** {@link appendText} for JS records: the new records' rows follow the loaded ones. */
export function appendRecords(base: IngestResult | Dataset, records: readonly unknown[], options: IngestOptions = {}): IngestResult {
  return readRecordsInto(DatasetBuilder.extending(datasetOf(base)), records, options);
}

function readRecordsInto(builder: DatasetBuilder, records: readonly unknown[], options: IngestOptions): IngestResult {
  const table = readRecords(builder, options.table ?? 'orders', records, options, options, []);
  return { dataset: builder.build(), report: combineReports([table]) };
}

/**
 * Reads a multi-table feed (one array of records or one CSV/NDJSON text per table) into one Dataset:
 * all tables share one customer dictionary. Per-table options go in `options.tables`.
 */
export function ingestFeed(feed: Feed, options: IngestOptions = {}): IngestResult {
  return readFeedInto(new DatasetBuilder(), feed, options);
}

/** {@link appendText} for a multi-table feed: each table's new rows follow its loaded ones. */
export function appendFeed(base: IngestResult | Dataset, feed: Feed, options: IngestOptions = {}): IngestResult {
  return readFeedInto(DatasetBuilder.extending(datasetOf(base)), feed, options);
}

function readFeedInto(builder: DatasetBuilder, feed: Feed, options: IngestOptions): IngestResult {
  const tables = readFeed(builder, feed, options, []);
  return { dataset: builder.build(), report: combineReports(tables) };
}

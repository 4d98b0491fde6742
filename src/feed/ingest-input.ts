/**
 * Feed input -> Dataset through the engine's ingest: one source goes through `ingestBytes` /
 * `ingestText` / `ingestRecords` (a JSON object with one array per table is a whole feed), several
 * sources (one inline child or `.data` array per table) through `ingestFeed` so every table shares one
 * customer dictionary. Appended rows go through the matching `append*` function. Parse failures become `parse` FeedErrors with a one-line detail.
 */
import type { TableName } from '../engine/dataset/types.js';
import { appendBytes, appendFeed, appendRecords, appendText, ingestBytes, ingestFeed, ingestRecords, ingestText, type Feed, type PartReaderFor } from '../engine/ingest/index.js';
import type { MissingColumn } from '../engine/ingest/mapping.js';
import type { IngestOptions, IngestResult, TableIngestOptions } from '../engine/ingest/types.js';
import { FeedError, type FeedInput, type TableSource } from './types.js';

function tableOptions(input: FeedInput): Partial<Record<TableName, TableIngestOptions>> {
  const out: Partial<Record<TableName, TableIngestOptions>> = {};
  for (const [table, map] of Object.entries(input.map ?? {})) out[table as TableName] = { map };
  return out;
}

function sourceOptions(input: FeedInput, source: TableSource, onProgress?: (fraction: number) => void): IngestOptions {
  const table = source.table;
  return {
    ...(table ? { table } : {}),
    ...(source.kind !== 'records' && source.format ? { format: source.format } : {}),
    ...(source.kind === 'bytes' && source.fileName ? { fileName: source.fileName } : {}),
    ...(input.map?.[table ?? 'orders'] ? { map: input.map[table ?? 'orders'] } : {}),
    tables: tableOptions(input),
    refunds: input.refunds,
    onProgress: onProgress ? (fraction) => Number.isFinite(fraction) && onProgress(fraction) : undefined,
  };
}

/** A table's data for a multi-table feed: records, or CSV/NDJSON text (JSON text is parsed to records). */
function feedValue(source: TableSource): string | readonly unknown[] {
  if (source.kind === 'records') return source.records;
  if (source.kind === 'bytes') return new TextDecoder().decode(source.bytes);
  const text = source.text.trim();
  if (source.format === 'json' || (source.format !== 'csv' && source.format !== 'ndjson' && text.startsWith('['))) {
    const value: unknown = JSON.parse(text);
    if (!Array.isArray(value)) throw new Error(`the ${source.table ?? 'orders'} table is not a JSON array of records`);
    return value;
  }
  return source.text;
}

/** Reads one source; with `base`, as rows appended to it. */
async function ingestOne(input: FeedInput, source: TableSource, base: IngestResult | undefined, onProgress?: (fraction: number) => void, parallel?: PartReaderFor): Promise<IngestResult> {
  const options = sourceOptions(input, source, onProgress);
  switch (source.kind) {
    case 'bytes': {
      const bytes = new Uint8Array(source.bytes);
      const withPart = { ...options, parallel: await parallel?.(bytes.length) };
      return base ? appendBytes(base, bytes, withPart) : ingestBytes(bytes, withPart);
    }
    case 'text':
      return base ? appendText(base, source.text, options) : ingestText(source.text, options);
    case 'records': {
      const recordOptions = { ...options, table: source.table };
      return base ? appendRecords(base, source.records, recordOptions) : ingestRecords(source.records, recordOptions);
    }
  }
}

/**
 * Builds the Dataset of a feed input; with `base`, a new Dataset holding base's rows and then the
 * input's (only the input is parsed; the report counts only its rows). A part reader reads the second
 * half of a large CSV on another thread meanwhile (src/engine/ingest/parallel.ts). Throws a `parse`
 * {@link FeedError} when a source cannot be read or does not fit `base` (a table with other fields).
 */
export async function ingestInput(input: FeedInput, onProgress?: (fraction: number) => void, base?: IngestResult, parallel?: PartReaderFor): Promise<IngestResult> {
  const sources = input.sources;
  const format = sources.length === 1 && sources[0].kind !== 'records' ? sources[0].format : undefined;
  try {
    if (sources.length === 1) return await ingestOne(input, sources[0], base, onProgress, parallel);
    const feed: Record<string, string | readonly unknown[]> = {};
    for (const source of sources) feed[source.table ?? 'orders'] = feedValue(source);
    const options = { tables: tableOptions(input), refunds: input.refunds };
    const result = base ? appendFeed(base, feed as Feed, options) : ingestFeed(feed as Feed, options);
    onProgress?.(1);
    return result;
  } catch (error) {
    if (error instanceof FeedError) throw error;
    const missingColumn = (error as { missingColumn?: MissingColumn } | undefined)?.missingColumn;
    throw new FeedError({
      kind: 'parse',
      format: format && format !== 'auto' ? format : undefined,
      detail: error instanceof Error ? error.message : String(error),
      ...(missingColumn ? { missingColumn } : {}),
    });
  }
}

/**
 * From source text or values to table readers: format detection, JSON values (record arrays and
 * multi-table feed objects) and feeds that hold one array or CSV text per table.
 */
import type { DatasetBuilder } from '../dataset/builder.js';
import { TABLE_NAMES } from '../dataset/schema.js';
import type { TableName } from '../dataset/types.js';
import { CsvTableReader, NdjsonTableReader, readRecords, type TableSource } from './readers.js';
import { oneLine } from './messages.js';
import type { FeedFormat, IngestOptions, TableIngestOptions, TableReport } from './types.js';

/** A multi-table feed: one array of records or one CSV/NDJSON text per table. */
export type Feed = Partial<Record<TableName, string | readonly unknown[]>>;

type Format = Exclude<FeedFormat, 'auto'>;

/**
 * The format of a source: the option, else the file name (`.csv .tsv .txt`, `.json`, `.ndjson .jsonl`,
 * with or without `.gz`), else the content: `[` is JSON; `{` is NDJSON when the first line is a whole
 * JSON value and more follows, JSON otherwise; anything else is CSV. Undefined while a partial text
 * (`final` false) cannot tell yet.
 */
export function resolveFormat(text: string, options: TableIngestOptions, final = true): Format | undefined {
  if (options.format && options.format !== 'auto') return options.format;
  const name = (options.fileName ?? '').toLowerCase().replace(/\.gz$/, '');
  if (/\.(csv|tsv|txt|tab)$/.test(name)) return 'csv';
  if (/\.(ndjson|jsonl)$/.test(name)) return 'ndjson';
  if (name.endsWith('.json')) return 'json';
  let i = 0;
  while (i < text.length && /\s/.test(text[i])) i++;
  if (i === text.length) return final ? 'csv' : undefined;
  if (text[i] === '[') return 'json';
  if (text[i] !== '{') return 'csv';
  const newline = text.indexOf('\n', i);
  if (newline < 0) return final ? 'json' : undefined;
  if (text.slice(newline).trim() === '') return 'json';
  try {
    JSON.parse(text.slice(i, newline));
    return 'ndjson';
  } catch {
    return 'json';
  }
}

/** Whether a JSON value is a multi-table feed: an object with at least one table key holding data. */
export function isFeed(value: unknown): value is Feed {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  return TABLE_NAMES.some((t) => {
    const v = (value as Record<string, unknown>)[t];
    return Array.isArray(v) || typeof v === 'string';
  });
}

/** The options of one table of a feed: the shared parsing options, then the table's own. */
function tableOptions(options: IngestOptions, table: TableName): TableIngestOptions {
  return {
    ...(options.decimal === undefined ? {} : { decimal: options.decimal }),
    ...(options.dayFirst === undefined ? {} : { dayFirst: options.dayFirst }),
    ...options.tables?.[table],
    table,
  };
}

/** A streaming reader for one table in CSV or NDJSON. */
export function tableSource(builder: DatasetBuilder, format: 'csv' | 'ndjson', options: IngestOptions, expectedChars?: number): TableSource {
  const table = options.table ?? 'orders';
  return format === 'csv'
    ? new CsvTableReader(builder, table, options, options, expectedChars)
    : new NdjsonTableReader(builder, table, options, options);
}

/** Reads a whole text (CSV, NDJSON, a JSON array or a JSON feed object) into the builder. */
export function readText(builder: DatasetBuilder, text: string, options: IngestOptions, notes: readonly string[]): TableReport[] {
  const format = resolveFormat(text, options)!;
  if (format === 'json') {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new Error(`the source is not valid JSON: ${oneLine((error as Error).message)}`);
    }
    return readValue(builder, value, options, notes);
  }
  const source = tableSource(builder, format, options, text.length);
  source.feed(text, true);
  return [source.finish(notes)];
}

/** Reads a parsed JSON value: an array of records, a feed object, or one record. */
export function readValue(builder: DatasetBuilder, value: unknown, options: IngestOptions, notes: readonly string[]): TableReport[] {
  if (isFeed(value)) return readFeed(builder, value, options, notes);
  const records = Array.isArray(value) ? value : [value];
  return [readRecords(builder, options.table ?? 'orders', records, options, options, notes)];
}

/**
 * Reads every table of a feed into one builder, so all tables share one customer dictionary.
 * Tables are read in schema order; a key that is not a table name but holds data is an error.
 */
export function readFeed(builder: DatasetBuilder, feed: Feed, options: IngestOptions, notes: readonly string[]): TableReport[] {
  for (const [key, value] of Object.entries(feed)) {
    if (!TABLE_NAMES.includes(key as TableName) && (Array.isArray(value) || typeof value === 'string')) {
      throw new Error(oneLine(`unknown table "${key}" in the feed; tables are ${TABLE_NAMES.join(', ')}`));
    }
  }
  const reports: TableReport[] = [];
  for (const table of TABLE_NAMES) {
    const data: unknown = feed[table];
    if (data === undefined || data === null) continue;
    const shared = { ...tableOptions(options, table), refunds: options.refunds, examplesPerReason: options.examplesPerReason };
    if (typeof data === 'string') {
      const format = resolveFormat(data, shared)!;
      if (format === 'json') throw new Error(`feed table ${table}: give JSON records as an array, not as text`);
      const source = tableSource(builder, format, shared, data.length);
      source.feed(data, true);
      reports.push(source.finish(notes));
    } else if (Array.isArray(data)) {
      reports.push(readRecords(builder, table, data, shared, shared, notes));
    } else {
      throw new Error(`feed table ${table} must be an array of records or CSV text`);
    }
  }
  return reports;
}

/**
 * Table readers: CSV text, NDJSON lines and JSON records, each turning one source into one table of
 * the Dataset being built. CSV and NDJSON readers take text in pieces (`feed`), so a stream never
 * needs the whole file as one string or a row object per line.
 */
import { DatasetBuilder } from '../dataset/builder.js';
import type { TableName } from '../dataset/types.js';
import { CollectingSink, CsvTokenizer, delimiterCode, delimiterName, sniffDelimiter } from './csv.js';
import { FastCsvRows } from './csv-fast-rows.js';
import { emptyPlan, planTable, type TablePlan } from './mapping.js';
import { looksNumeric } from './numbers.js';
import { safeJson, TableWriter, type TablePart } from './table-writer.js';
import { keepShape } from '../dataset/shapes.js';
import type { IngestOptions, TableIngestOptions, TableReport } from './types.js';

/** Rows looked at to detect numeric attribute columns and the average row size. */
const SAMPLE_ROWS = 100;
/** JSON records whose keys make up the column list. */
const KEY_SAMPLE = 1000;
/** A CSV reader waits for this many lines (or characters) before sniffing the separator. */
const SNIFF_LINES = 10;
const SNIFF_CHARS = 65_536;

/** Options shared by every table of an ingest. */
export type SharedOptions = Pick<IngestOptions, 'refunds' | 'examplesPerReason'>;

/** A source read in pieces. */
export interface TableSource {
  /** Reads the complete rows of `text`; returns the index of the first character not read. */
  feed(text: string, final: boolean): number;
  /**
   * Reads what rows it can of UTF-8 `bytes` (whole lines; at the feed's end the last one may lack its
   * line break) without decoding them; returns how many bytes it read (the caller decodes the rest
   * for {@link feed}), or -1 when it reads no bytes.
   */
  feedBytes?(bytes: Uint8Array): number;
  /** The table's report (after the final `feed`); `notes` are added to the writer's own. */
  finish(notes: readonly string[]): TableReport;
}

function createWriter(
  builder: DatasetBuilder,
  plan: TablePlan,
  options: TableIngestOptions,
  shared: SharedOptions,
  capacity: number,
): TableWriter {
  return new TableWriter(builder, plan, {
    refunds: shared.refunds ?? 'keep',
    examplesPerReason: shared.examplesPerReason ?? 5,
    decimalComma: options.decimal === ',',
    dayFirst: options.dayFirst ?? false,
    capacity: Math.min(Math.max(1024, Math.ceil(capacity)), 1 << 24),
  });
}

/** Which columns become numeric attributes: the named ones, or those whose sample looks numeric. */
function attributePredicate(
  options: TableIngestOptions,
  headers: readonly string[],
  sample: (index: number) => unknown[],
): (index: number) => boolean {
  const named = options.attributes;
  if (named) return (i) => named.includes(headers[i]);
  return (i) => looksNumeric(sample(i), options.decimal === ',');
}

function report(writer: TableWriter, format: TableReport['format'], notes: readonly string[], delimiter?: string): TableReport {
  return writer.counter.finish({
    mapping: writer.plan.mapping,
    unmapped: writer.plan.unmapped,
    format,
    ...(delimiter === undefined ? {} : { delimiter }),
    notes: [...notes, ...writer.notes()],
  });
}

function hasLines(text: string, lines: number): boolean {
  let at = -1;
  for (let k = 0; k < lines; k++) if ((at = text.indexOf('\n', at + 1)) < 0) return false;
  return true;
}

const encoder = new TextEncoder();

function utf8Length(text: string): number {
  return encoder.encode(text).length;
}

/** Reads delimited text into one table. */
export class CsvTableReader implements TableSource {
  // set when the header has been read; set to undefined here so every reader has one hidden class
  private tokenizer: CsvTokenizer | undefined = undefined;
  private writer: TableWriter | undefined = undefined;
  private fast: FastCsvRows | undefined = undefined;
  private readonly notes: string[] = [];
  /** UTF-8 bytes of the source before its data rows (header, `sep=` line), once the header is read. */
  headBytes = 0;

  /** `expectedChars` (the whole source's length, when known) sizes the columns once. */
  constructor(
    private readonly builder: DatasetBuilder,
    private readonly table: TableName,
    private readonly options: TableIngestOptions,
    private readonly shared: SharedOptions,
    private readonly expectedChars?: number,
  ) {}

  feed(text: string, final: boolean): number {
    let pos = 0;
    if (!this.writer) {
      if (!final && text.length < SNIFF_CHARS && !hasLines(text, SNIFF_LINES)) return 0;
      pos = this.start(text, final);
      if (pos < 0) return 0;
    }
    const fast = this.fast;
    if (!fast) return this.tokenizer!.run(text, pos, final, this.writer!);
    // The fast lane reads what it can; each row it leaves goes through the general path on its own.
    for (;;) {
      pos = fast.run(text, pos, final);
      if (fast.waiting || pos >= text.length) return pos;
      const next = this.tokenizer!.run(text, pos, final, this.writer!, 1);
      if (next === pos) return pos;
      pos = next;
    }
  }

  /**
   * Rows straight from bytes through the fast lane's byte loop, once the header is read and when the
   * plan suits it: returns where that loop stopped, or -1.
   */
  feedBytes(bytes: Uint8Array): number {
    const fast = this.fast;
    return fast && fast.readsBytes ? fast.runBytes(bytes, 0) : -1;
  }

  /** Sniffs, reads the header and plans the mapping; returns where the data rows start (-1: wait). */
  private start(text: string, final: boolean): number {
    const options = this.options;
    const tsv = /\.tsv(\.gz)?$/i.test(options.fileName ?? '');
    // spreadsheet exports may name their separator on a first line `sep=;`
    const excel = /^sep=([^\r\n])\r?\n/.exec(text.slice(0, 8));
    let pos = excel ? excel[0].length : 0;
    if (excel) this.notes.push(`separator named by a first line "sep=${excel[1]}"`);
    const delimiter = delimiterCode(options.delimiter) ?? (excel ? excel[1].charCodeAt(0) : tsv ? 9 : sniffDelimiter(text.slice(pos)));
    const tokenizer = new CsvTokenizer(delimiter);
    const hasHeader = options.header !== false;
    let headers: string[] = [];
    if (hasHeader) {
      const head = new CollectingSink();
      pos = tokenizer.run(text, pos, final, head, 1);
      if (head.rows.length === 0 && !final) return -1;
      headers = head.rows.length > 0 ? head.rows[0].map((h) => h ?? '') : [];
    }
    const sample = new CollectingSink();
    const sampleEnd = new CsvTokenizer(delimiter).run(text, pos, final, sample, SAMPLE_ROWS);
    const numeric = attributePredicate(options, headers, (i) => sample.rows.map((r) => r[i]));
    const empty = headers.length === 0 && sample.rows.length === 0;
    const plan = empty ? emptyPlan(this.table) : planTable(this.table, headers, options, hasHeader, numeric);
    const rowChars = sample.rows.length > 0 ? (sampleEnd - pos) / sample.rows.length : 0;
    const capacity = this.expectedChars && rowChars > 0 ? (this.expectedChars / rowChars) * 1.05 : 0;
    const writer = createWriter(this.builder, plan, options, this.shared, capacity);
    writer.row = writer.headRows = (hasHeader ? 1 : 0) + (excel ? 1 : 0);
    if (hasHeader) writer.headerCells = headers.length;
    this.writer = writer;
    this.tokenizer = tokenizer;
    this.headBytes = utf8Length(text.slice(0, pos));
    this.fast = FastCsvRows.for(delimiter, writer, options.decimal === ',', options.dayFirst ?? false);
    return pos;
  }

  /**
   * Options under which another reader, given this source's head ({@link headBytes}) and then rows
   * that follow the ones this reader reads, reads them as this one would (the same separator, header,
   * columns and attributes): for a part of the feed read on another thread. Undefined before the
   * header is read, or when duplicate column names leave the attributes in doubt.
   */
  partOptions(): IngestOptions | undefined {
    const writer = this.writer;
    if (!writer || writer.plan.duplicates.length > 0) return undefined;
    const { header, map, derive, decimal, dayFirst } = this.options;
    const { refunds, examplesPerReason } = this.shared;
    const delimiter = delimiterName(this.tokenizer!.delimiter);
    const attributes = writer.plan.attributes.map((a) => a.name);
    return { table: this.table, format: 'csv', delimiter, header, map, derive, decimal, dayFirst, refunds, examplesPerReason, attributes };
  }

  /** The rows read so far, for {@link absorb} by the reader of the rows before them. */
  part(): TablePart {
    return this.writer!.part();
  }

  /** Appends the {@link part} of a reader of the rows that follow this one's. */
  absorb(part: TablePart): void {
    this.writer!.absorb(part);
  }

  finish(notes: readonly string[]): TableReport {
    return report(this.writer!, 'csv', [...notes, ...this.notes], delimiterName(this.tokenizer!.delimiter));
  }
}

/** The column list of JSON records: the keys of the first records, in first-seen order. */
function recordKeys(records: readonly unknown[]): string[] {
  const keys = new Set<string>();
  const n = Math.min(records.length, KEY_SAMPLE);
  for (let i = 0; i < n; i++) {
    const r = records[i];
    if (r !== null && typeof r === 'object' && !Array.isArray(r)) for (const k of Object.keys(r)) keys.add(k);
  }
  return [...keys];
}

/** Plans a table read from JSON records (objects, or arrays whose first one is the header). */
function planRecords(
  builder: DatasetBuilder,
  table: TableName,
  records: readonly unknown[],
  options: TableIngestOptions,
  shared: SharedOptions,
  capacity: number,
): { writer: TableWriter; keys: string[]; arrays: boolean; first: number } {
  const arrays = Array.isArray(records.find((r) => r !== null && r !== undefined));
  const hasHeader = !arrays || options.header !== false;
  const first = arrays && hasHeader ? 1 : 0;
  if (arrays && hasHeader && !Array.isArray(records[0])) throw new Error(`the first ${table} record must be the header row (an array of column names)`);
  const keys = arrays ? (hasHeader ? (records[0] as unknown[]).map((h) => (typeof h === 'string' ? h : h == null ? '' : safeJson(h)).trim()) : []) : recordKeys(records);
  const sample = records.slice(first, first + SAMPLE_ROWS);
  const valueAt = (i: number) => (r: unknown) =>
    r !== null && typeof r === 'object' ? (arrays ? (r as unknown[])[i] : (r as Record<string, unknown>)[keys[i]]) : undefined;
  const numeric = attributePredicate(options, keys, (i) => sample.map(valueAt(i)));
  const plan = records.length === 0 ? emptyPlan(table) : planTable(table, keys, options, hasHeader, numeric);
  const writer = createWriter(builder, plan, options, shared, capacity);
  if (arrays && hasHeader) {
    writer.row = writer.headRows = 1;
    writer.headerCells = keys.length;
  }
  return { writer, keys, arrays, first };
}

/** Reads an array of JSON records (the `.data` property, a JSON array, one table of a feed). */
export function readRecords(
  builder: DatasetBuilder,
  table: TableName,
  records: readonly unknown[],
  options: TableIngestOptions,
  shared: SharedOptions,
  notes: readonly string[],
): TableReport {
  const { writer, keys, arrays, first } = planRecords(builder, table, records, options, shared, records.length);
  for (let i = first; i < records.length; i++) writer.record(records[i], keys, arrays);
  return report(writer, 'json', notes);
}

/** One NDJSON line waiting for the column list: the record, or the text of a line that is not JSON. */
type PendingLine = { readonly value: unknown } | { readonly invalid: string };

/** Reads NDJSON (one JSON object per line) into one table. */
export class NdjsonTableReader implements TableSource {
  private writer?: TableWriter;
  private keys: string[] = [];
  private pending: PendingLine[] = [];

  constructor(
    private readonly builder: DatasetBuilder,
    private readonly table: TableName,
    private readonly options: TableIngestOptions,
    private readonly shared: SharedOptions,
  ) {}

  feed(text: string, final: boolean): number {
    let pos = 0;
    const n = text.length;
    while (pos < n) {
      const newline = text.indexOf('\n', pos);
      if (newline < 0 && !final) break;
      const end = newline < 0 ? n : newline;
      const line = text.slice(pos, end).trim();
      pos = end + 1;
      if (line !== '') this.line(line);
    }
    if (final || this.pending.length >= KEY_SAMPLE) this.flush(final);
    return Math.min(pos, n);
  }

  private line(line: string): void {
    let entry: PendingLine;
    try {
      entry = { value: JSON.parse(line) };
    } catch {
      entry = { invalid: line };
    }
    if (!this.writer) this.pending.push(entry);
    else this.write(entry);
  }

  private write(entry: PendingLine): void {
    if ('invalid' in entry) this.writer!.rejectRecord(() => entry.invalid);
    else this.writer!.record(entry.value, this.keys, false);
  }

  private flush(final: boolean): void {
    if (!this.writer) {
      const values = this.pending.flatMap((p) => ('value' in p ? [p.value] : []));
      if (values.length === 0 && !final) return;
      const planned = planRecords(this.builder, this.table, values, { ...this.options, header: true }, this.shared, 0);
      if (planned.arrays) throw new Error(`NDJSON ${this.table} lines must be JSON objects`);
      this.writer = planned.writer;
      this.keys = planned.keys;
    }
    for (const entry of this.pending) this.write(entry);
    this.pending = [];
  }

  finish(notes: readonly string[]): TableReport {
    return report(this.writer!, 'ndjson', notes);
  }
}

// Idle instances kept for their hidden classes (shapes.ts).
keepShape(new CsvTableReader(new DatasetBuilder(), 'orders', {}, {}));
keepShape(createWriter(new DatasetBuilder(), emptyPlan('orders'), {}, {}, 16));

/**
 * The ingest contract: any reasonable feed in, a columnar Dataset and an honest IngestReport out.
 */
import type { Dataset, TableName } from '../dataset/types.js';
import type { PartReader } from './parallel.js';

/** Source formats ingest reads. `auto` sniffs from the content (and a file name when given). */
export type FeedFormat = 'auto' | 'csv' | 'json' | 'ndjson';

/**
 * A field mapping for one table: canonical field name -> source column (header name, or 1-based
 * column position for headerless files). `amount` may instead be derived as quantity x unit price
 * through `derive`.
 */
export type FieldMapping = Readonly<Record<string, string | number>>;

/** How negative amounts (refunds, cancellations) are treated. */
export type RefundPolicy =
  /** Keep them as negative orders: they lower monetary value and count as order rows (default). */
  | 'keep'
  /** Reject them with reason `refund` (counted in the report). */
  | 'drop';

/** Options for reading one table. */
export interface TableIngestOptions {
  /** Which canonical table the source holds (default `orders`). */
  readonly table?: TableName;
  readonly format?: FeedFormat;
  /** CSV separator: a character, `tab`, `whitespace` for runs of blanks, or `auto` (default: sniffed). */
  readonly delimiter?: string;
  /** Whether the first CSV row is a header (default true). Without one, map columns by 1-based position. */
  readonly header?: boolean;
  /** Explicit mapping; fields not given are detected from the headers. */
  readonly map?: FieldMapping;
  /** Derived amount: `{ amount: ['Quantity', 'UnitPrice'] }` multiplies the two source columns. */
  readonly derive?: Readonly<Record<string, readonly [string | number, string | number]>>;
  /** File name, used to sniff format and gzip. */
  readonly fileName?: string;
  /**
   * Decimal separator of the numbers (default `.`, with `,` allowed as a thousands separator in
   * groups of three). With `,` the thousands separator is `.` or a space (`1.234,56`, `1 234,56`).
   */
  readonly decimal?: '.' | ',';
  /** Read slash dates as day/month/year (`5/1/2024` = 5 January) instead of month/day/year. */
  readonly dayFirst?: boolean;
  /**
   * `customers` only: source columns kept as numeric attributes. By default every unmapped column
   * whose first 100 non-empty values are all numbers.
   */
  readonly attributes?: readonly string[];
}

/** Options for a whole ingest. */
export interface IngestOptions extends TableIngestOptions {
  /** Refund policy for orders (default `keep`). */
  readonly refunds?: RefundPolicy;
  /** How many example rows to keep per rejection reason (default 5). */
  readonly examplesPerReason?: number;
  /**
   * Called as input is read: the share (0..1) read so far and the bytes read, about every 1 % of the
   * total (every 1 MB when it is unknown). The share is NaN when the total is unknown (a stream without
   * `totalBytes`). The last call has the share 1.
   */
  readonly onProgress?: (fraction: number, bytesRead: number) => void;
  /** Total size of a stream in bytes, for `onProgress` (ingestBytes knows it). */
  readonly totalBytes?: number;
  /**
   * Reads the second half of a large CSV feed on another thread while this one reads the first (see
   * parallel.ts); the Dataset and report are the same either way. Byte sources only.
   */
  readonly parallel?: PartReader;
  /** Per-table options when the source is a multi-table feed (`{ "orders": [...], "customers": [...] }`). */
  readonly tables?: Partial<Record<TableName, TableIngestOptions>>;
}

/** Why a row was rejected. */
export type RejectReason =
  | 'missing-customer-id'
  | 'missing-date'
  | 'unparseable-date'
  | 'missing-amount'
  /** A required field other than customer id, date and amount is empty (event type, summary x ...). */
  | 'missing-value'
  | 'non-numeric-amount'
  | 'non-numeric-value'
  | 'out-of-range'
  /** A yes/no field holds something else. */
  | 'invalid-flag'
  | 'refund'
  | 'ragged-row'
  /** Not a record: a JSON value that is not an object, an unreadable NDJSON line, broken CSV quoting. */
  | 'invalid-record';

/** One rejected row, kept as an example. */
export interface RejectExample {
  /** Table of the row. */
  readonly table: TableName;
  /** 1-based row number in the source (the header is row 1 when there is one; data rows follow). */
  readonly row: number;
  /** Canonical field that failed. */
  readonly field: string;
  /** Source column it came from. */
  readonly column?: string;
  /** The raw value, truncated to 200 characters (the whole record for `invalid-record`). */
  readonly value: string;
  readonly reason: RejectReason;
}

/** What happened to one table's rows. */
export interface TableReport {
  readonly table: TableName;
  /** Data rows read (not counting a header). accepted + rejected = rows, always. */
  readonly rows: number;
  readonly accepted: number;
  readonly rejected: number;
  /** Rejections by reason. */
  readonly reasons: Readonly<Partial<Record<RejectReason, number>>>;
  /** The first examples of each reason. */
  readonly examples: readonly RejectExample[];
  /** The mapping used: canonical field -> source column name. */
  readonly mapping: Readonly<Record<string, string>>;
  /** Source columns that were not mapped to anything. */
  readonly unmapped: readonly string[];
  /** Format and separator actually used. */
  readonly format: Exclude<FeedFormat, 'auto'>;
  readonly delimiter?: string;
  /** Non-fatal observations (e.g. `gzip`, `bom`, extra cells ignored, duplicate headers). */
  readonly notes: readonly string[];
}

/** The ingest report: totals over all tables plus each table's details. */
export interface IngestReport {
  readonly rows: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly reasons: Readonly<Partial<Record<RejectReason, number>>>;
  readonly examples: readonly RejectExample[];
  readonly tables: readonly TableReport[];
}

/** Dataset plus report. */
export interface IngestResult {
  readonly dataset: Dataset;
  readonly report: IngestReport;
}

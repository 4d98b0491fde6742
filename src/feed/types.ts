/**
 * What flows between a feed, its engine (Worker or main thread) and the widgets. Everything here is
 * plain and structured-cloneable.
 */
import type { TableName } from '../engine/dataset/types.js';
import type { FeedFormat, FieldMapping, IngestReport, RefundPolicy } from '../engine/ingest/types.js';
import type { MissingColumn } from '../engine/ingest/mapping.js';

/** One table of a feed as the engine receives it. */
export type TableSource =
  /** Raw bytes (a fetched file: CSV / JSON / NDJSON, possibly gzip), sniffed by content. */
  | { readonly kind: 'bytes'; readonly bytes: ArrayBuffer; readonly table?: TableName; readonly fileName?: string; readonly format?: FeedFormat }
  /** Text (an inline `<script>` child). */
  | { readonly kind: 'text'; readonly text: string; readonly table?: TableName; readonly format?: FeedFormat }
  /** Records (the `.data` property). */
  | { readonly kind: 'records'; readonly records: readonly unknown[]; readonly table: TableName };

/** Everything the engine needs to build one Dataset. */
export interface FeedInput {
  /**
   * The sources. A source without `table` may hold several tables (a JSON object with one array per
   * table); otherwise it holds `orders`.
   */
  readonly sources: readonly TableSource[];
  /** Field mappings per table. */
  readonly map?: Readonly<Partial<Record<TableName, FieldMapping>>>;
  readonly refunds?: RefundPolicy;
}

/** What the main thread learns about a loaded Dataset (the Dataset itself stays in the engine). */
export interface DatasetSummary {
  readonly version: number;
  /** Customer ids by index: selections publish ids, analyses return indexes. */
  readonly customerIds: readonly string[];
  /** Rows per table present. */
  readonly tables: Readonly<Partial<Record<TableName, number>>>;
  readonly report: IngestReport;
  /** Epoch ms when this Dataset was loaded. */
  readonly loadedAt: number;
}

/** Why a load or an analysis failed, in a form widgets localise (never a stack trace). */
export interface FeedFailure {
  readonly kind: 'http' | 'network' | 'timeout' | 'parse' | 'no-rows' | 'options' | 'analysis' | 'superseded';
  /** The time allowed, in seconds, for `timeout`. */
  readonly seconds?: number;
  /** HTTP status for `http`. */
  readonly status?: number;
  /** Format that was tried, for `parse` (`html` when the feed answered with a web page). */
  readonly format?: string;
  /** One-line detail in English (shown after the localised message). */
  readonly detail?: string;
  /** For `parse`: the required field no column of the source feeds (the fix is a mapping). */
  readonly missingColumn?: MissingColumn;
  /** The ingest report, when rows were read but none were usable. */
  readonly report?: IngestReport;
}

/** An Error carrying a {@link FeedFailure}. */
export class FeedError extends Error {
  constructor(readonly failure: FeedFailure) {
    super(failure.detail ?? failure.kind);
    this.name = 'FeedError';
  }
}

/** The failure of any thrown value (unknown errors become `analysis` with their message). */
export function failureOf(error: unknown): FeedFailure {
  if (error instanceof FeedError) return error.failure;
  if (error && typeof error === 'object' && 'failure' in error) return (error as { failure: FeedFailure }).failure;
  if (error instanceof RangeError) return { kind: 'options', detail: error.message };
  return { kind: 'analysis', detail: error instanceof Error ? error.message : String(error) };
}

/** A feed's loading state. */
export interface FeedState {
  /** `idle`: no source yet; `loading`: first load; `ready`: data (maybe stale); `error`: no data. */
  readonly status: 'idle' | 'loading' | 'ready' | 'error';
  /** Share (0..1) of the current load done, when known. */
  readonly progress?: number;
  /** Whether a load or refresh is running. */
  readonly fetching: boolean;
  readonly summary?: DatasetSummary;
  /** The latest failure; with `summary` present it means a refresh failed and the data is stale. */
  readonly failure?: FeedFailure;
  /** Whether the data shown is older than a failed refresh. */
  readonly stale: boolean;
  /** Epoch ms of the last good data. */
  readonly updatedAt?: number;
}

/** A selection published on a feed (a clicked cell, segment, tier, stage ...). */
export interface FeedSelection {
  /** Customer ids. */
  readonly customers: readonly string[];
  /** Tag name of the view that selected. */
  readonly source: string;
  /** What was selected in that view, e.g. `cell:5-4`, `segment:Champions`. */
  readonly key: string;
  /** Human-readable label of it. */
  readonly label?: string;
}

/** A hovered item published on a feed; null when the pointer leaves. */
export type FeedHover = FeedSelection | null;

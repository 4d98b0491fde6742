/**
 * Turns a feed's configuration into engine input: fetches the `src` URL (bytes, with download
 * progress), reads inline tables and `.data` records.
 */
import type { TableName } from '../engine/dataset/types.js';
import type { FeedFormat, FieldMapping, RefundPolicy } from '../engine/ingest/types.js';
import { FeedError, type FeedInput, type TableSource } from './types.js';

/** A table given inline, e.g. by a `<script type="text/csv" data-table="orders">` child. */
export interface InlineTable {
  readonly table: TableName;
  readonly text: string;
  readonly format: FeedFormat;
}

/** Where a feed's data comes from. The first of `data`, `src`, `inline` that is set is used. */
export interface FeedSourceConfig {
  /** Records (one table, `orders` unless `table` says otherwise) or `{ table: records }`. */
  readonly data?: unknown;
  readonly src?: string;
  /** Table held by `src` or by `data` records; unset: `src` may hold several tables. */
  readonly table?: TableName;
  readonly format?: FeedFormat;
  readonly inline?: readonly InlineTable[];
  /** Field mapping of the single table, or `{ table: mapping }`. */
  readonly map?: FieldMapping | Readonly<Partial<Record<TableName, FieldMapping>>>;
  readonly refunds?: RefundPolicy;
  /** Fetch credentials (default `same-origin`). */
  readonly credentials?: RequestCredentials;
}

const TABLES: readonly string[] = ['orders', 'customers', 'events', 'feedback', 'spend', 'summary'];

/** Whether a config names any source. */
export function hasSource(config: FeedSourceConfig): boolean {
  return config.data !== undefined || !!config.src || (config.inline?.length ?? 0) > 0;
}

function perTableMap(config: FeedSourceConfig): FeedInput['map'] {
  const map = config.map;
  if (!map) return undefined;
  const keys = Object.keys(map);
  // `{ orders: {...}, customers: {...} }` maps several tables; anything else maps the single table.
  if (keys.length > 0 && keys.every((k) => TABLES.includes(k) && typeof (map as Record<string, unknown>)[k] === 'object')) {
    return map as FeedInput['map'];
  }
  return { [config.table ?? 'orders']: map as FieldMapping };
}

function recordSources(config: FeedSourceConfig): TableSource[] {
  const data = config.data;
  if (Array.isArray(data)) return [{ kind: 'records', records: data, table: config.table ?? 'orders' }];
  if (data && typeof data === 'object') {
    return Object.entries(data as Record<string, unknown>).map(([table, records]) => {
      if (!TABLES.includes(table) || !Array.isArray(records)) {
        throw new FeedError({ kind: 'parse', format: 'records', detail: `data.${table} is not a table of records` });
      }
      return { kind: 'records', records, table: table as TableName };
    });
  }
  throw new FeedError({ kind: 'parse', format: 'records', detail: 'data must be an array of records or { table: records }' });
}

/** The format a Content-Type names, when it names one (gzip and octet-stream are left to sniffing). */
export function formatOfContentType(contentType: string | null): FeedFormat | undefined {
  const type = contentType?.split(';')[0].trim().toLowerCase() ?? '';
  if (/ndjson|jsonl|json-seq/.test(type)) return 'ndjson';
  if (/json/.test(type)) return 'json';
  if (/csv|tab-separated/.test(type)) return 'csv';
  return undefined;
}

/** Fetches a URL's bytes; HTTP and network failures become {@link FeedError}s, aborts stay AbortErrors. */
export async function fetchBytes(
  url: string,
  credentials: RequestCredentials,
  signal: AbortSignal | undefined,
  onProgress?: (fraction: number) => void,
): Promise<{ bytes: ArrayBuffer; fileName: string; format?: FeedFormat }> {
  let response: Response;
  try {
    response = await fetch(url, { credentials, signal });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new FeedError({ kind: 'network', detail: `could not fetch ${url}` });
  }
  if (!response.ok) throw new FeedError({ kind: 'http', status: response.status, detail: `${url} answered ${response.status}` });
  const fileName = new URL(response.url || url, location.href).pathname.split('/').pop() ?? '';
  const format = formatOfContentType(response.headers.get('content-type'));
  const total = Number(response.headers.get('content-length')) || 0;
  try {
    if (!response.body || !total || !onProgress) return { bytes: await response.arrayBuffer(), fileName, format };
    const reader = response.body.getReader();
    const chunks: Uint8Array[] = [];
    let received = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.byteLength;
      onProgress(Math.min(1, received / total));
    }
    const bytes = new Uint8Array(received);
    let at = 0;
    for (const c of chunks) {
      bytes.set(c, at);
      at += c.byteLength;
    }
    return { bytes: bytes.buffer, fileName, format };
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new FeedError({ kind: 'network', detail: `the connection to ${url} broke off` });
  }
}

/** The engine input for a feed configuration (fetching `src` when that is the source). */
export async function resolveInput(
  config: FeedSourceConfig,
  signal?: AbortSignal,
  onProgress?: (fraction: number) => void,
): Promise<FeedInput> {
  const common = { map: perTableMap(config), refunds: config.refunds };
  if (config.data !== undefined) return { ...common, sources: recordSources(config) };
  if (config.src) {
    const { bytes, fileName, format } = await fetchBytes(config.src, config.credentials ?? 'same-origin', signal, onProgress);
    return { ...common, sources: [{ kind: 'bytes', bytes, fileName, table: config.table, format: config.format ?? format }] };
  }
  return {
    ...common,
    sources: (config.inline ?? []).map((t) => ({ kind: 'text', text: t.text, table: t.table, format: t.format })),
  };
}

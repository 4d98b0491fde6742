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
  /** Fetch credentials (default `same-origin`: cookies go to the page's own origin only). */
  readonly credentials?: RequestCredentials;
  /** Give up a fetch (headers and body) after this many milliseconds (default 30 000). */
  readonly timeoutMs?: number;
}

/** Default time a feed fetch may take, body included. */
export const DEFAULT_TIMEOUT_MS = 30_000;

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

/** Rows to append to a loaded feed: records, `{ table: records }`, CSV / NDJSON / JSON text, or bytes. */
export type AppendData = readonly unknown[] | Readonly<Record<string, readonly unknown[]>> | string | Uint8Array;

/**
 * The engine input of rows appended to a feed configured as `config` (its table, mapping and refund
 * policy apply). Bytes are copied, so the caller's buffer is neither detached nor changed.
 */
export function appendSources(data: AppendData, config: FeedSourceConfig): FeedInput {
  const common = { map: perTableMap(config), refunds: config.refunds };
  if (typeof data === 'string') return { ...common, sources: [{ kind: 'text', text: data, table: config.table }] };
  if (data instanceof Uint8Array) {
    return { ...common, sources: [{ kind: 'bytes', bytes: data.slice().buffer as ArrayBuffer, table: config.table }] };
  }
  return { ...common, sources: recordSources({ ...config, data }) };
}

/** The format a Content-Type names, when it names one (gzip and octet-stream are left to sniffing). */
export function formatOfContentType(contentType: string | null): FeedFormat | undefined {
  const type = contentType?.split(';')[0].trim().toLowerCase() ?? '';
  if (/ndjson|jsonl|json-seq/.test(type)) return 'ndjson';
  if (/json/.test(type)) return 'json';
  if (/csv|tab-separated/.test(type)) return 'csv';
  return undefined;
}

/** The first non-blank byte, or -1. */
function firstByte(bytes: Uint8Array): number {
  for (let i = 0; i < bytes.length && i < 1024; i++) if (bytes[i] > 32 && bytes[i] !== 0xef && bytes[i] !== 0xbb && bytes[i] !== 0xbf) return bytes[i];
  return -1;
}

/**
 * Checks fetched bytes against their Content-Type. A web page (a login form, a proxy's error page,
 * an SPA's fallback route) is not a feed: that is said plainly. A JSON type on bytes that cannot be
 * JSON (a CSV served as application/json) drops the hint, so the content decides.
 */
function checkContent(bytes: Uint8Array, contentType: string | null, format: FeedFormat | undefined, url: string): FeedFormat | undefined {
  const type = contentType?.split(';')[0].trim().toLowerCase() ?? '';
  const first = firstByte(bytes);
  if (first === 0x3c && (type === 'text/html' || type === 'application/xhtml+xml' || type === '')) {
    throw new FeedError({ kind: 'parse', format: 'html', detail: `${url} answered with a web page (${type || 'no content type'}), not CSV or JSON` });
  }
  if ((format === 'json' || format === 'ndjson') && first !== -1 && first !== 0x5b && first !== 0x7b && !(bytes[0] === 0x1f && bytes[1] === 0x8b)) return undefined;
  return format;
}

/**
 * Fetches a URL's bytes; HTTP and network failures and the timeout become {@link FeedError}s, aborts
 * by `signal` stay AbortErrors. The timeout covers the whole body, so a server that drips bytes for
 * ever fails too.
 */
export async function fetchBytes(
  url: string,
  credentials: RequestCredentials,
  signal: AbortSignal | undefined,
  onProgress?: (fraction: number) => void,
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<{ bytes: ArrayBuffer; fileName: string; format?: FeedFormat }> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onAbort = () => controller.abort();
  signal?.addEventListener('abort', onAbort);
  const failed = (error: unknown, failure: FeedError): never => {
    if (signal?.aborted) throw error;
    if (timedOut) throw new FeedError({ kind: 'timeout', seconds: timeoutMs / 1000, detail: `${url} did not answer within ${timeoutMs / 1000} s` });
    throw failure;
  };
  try {
    let response: Response;
    try {
      response = await fetch(url, { credentials, signal: controller.signal });
    } catch (error) {
      return failed(error, new FeedError({ kind: 'network', detail: `could not fetch ${url}` }));
    }
    if (!response.ok) {
      void response.body?.cancel().catch(() => {});
      throw new FeedError({ kind: 'http', status: response.status, detail: `${url} answered ${response.status}` });
    }
    const fileName = new URL(response.url || url, location.href).pathname.split('/').pop() ?? '';
    const contentType = response.headers.get('content-type');
    const total = Number(response.headers.get('content-length')) || 0;
    let bytes: Uint8Array;
    try {
      bytes = await readBody(response, total, onProgress);
    } catch (error) {
      return failed(error, new FeedError({ kind: 'network', detail: `the connection to ${url} broke off` }));
    }
    const format = checkContent(bytes, contentType, formatOfContentType(contentType), url);
    return { bytes: bytes.buffer as ArrayBuffer, fileName, format };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', onAbort);
  }
}

/** A response body as bytes, with progress when the length is known. */
async function readBody(response: Response, total: number, onProgress?: (fraction: number) => void): Promise<Uint8Array> {
  if (!response.body || !total || !onProgress) return new Uint8Array(await response.arrayBuffer());
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
  return bytes;
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
    const { bytes, fileName, format } = await fetchBytes(config.src, config.credentials ?? 'same-origin', signal, onProgress, config.timeoutMs);
    return { ...common, sources: [{ kind: 'bytes', bytes, fileName, table: config.table, format: config.format ?? format }] };
  }
  return {
    ...common,
    sources: (config.inline ?? []).map((t) => ({ kind: 'text', text: t.text, table: t.table, format: t.format })),
  };
}

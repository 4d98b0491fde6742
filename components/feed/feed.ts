/**
 * `<crm-feed>`: loads a customer data feed once and shares it with every view inside it (or naming it
 * by id): fetching, polling, retries with backoff, keeping the last good data when a refresh fails,
 * one engine (Worker) that computes each analysis once.
 */
import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import type { TableName } from '../../src/engine/dataset/types.js';
import type { FeedFormat, FieldMapping, IngestReport, RefundPolicy } from '../../src/engine/ingest/types.js';
import { FeedController, type FeedHandle } from '../../src/feed/controller.js';
import type { EngineClient } from '../../src/feed/engine-client.js';
import type { AppendData, InlineTable } from '../../src/feed/load.js';
import type { DatasetSummary, FeedFailure, FeedSelection, FeedState } from '../../src/feed/types.js';
import { Translator } from '../../src/format/translator.js';
import { Formats } from '../../src/format/numbers.js';
import { themeStyles } from '../../src/theme/styles.js';
import { FEED_CONNECTED, FEED_REQUEST, type CrmFeedErrorDetail } from '../base/events.js';
import { jsonAttribute } from '../base/json-attribute.js';
import { resolveLang, updateInLocale } from '../base/locale.js';
import { failureMessage } from '../base/states.js';
import { feedStyles } from './styles.js';

const INLINE_TYPES: Readonly<Record<string, FeedFormat>> = {
  'application/json': 'json',
  'text/csv': 'csv',
  'application/x-ndjson': 'ndjson',
  'application/ndjson': 'ndjson',
};

/**
 * @summary Loads and shares a customer data feed; no visual of its own beyond an optional status line.
 *
 * Incremental refresh: `appendRows(data)` adds new rows to the loaded data without loading it again
 * (not `append`, which stays the DOM method that adds child nodes).
 * `data` is records (for the feed's `table`), `{ table: records }`, CSV / NDJSON / JSON text, or bytes
 * (a `Uint8Array`, gzip ok); the feed's `map` and `refunds` apply. Only the new rows are parsed (and
 * sent to the Worker); the Dataset gets a new version and every view recomputes. It resolves to the
 * ingest report of the new rows (rejected rows counted and exemplified as in a load) and rejects with
 * an Error, keeping the data as it was, before any data is loaded or when the rows do not fit the
 * loaded tables (a table with other fields). A later reload or `refresh` loads the source again.
 *
 * @attr src - URL of the feed: one table (CSV / JSON / NDJSON, gzip ok), or a JSON object with one array per table.
 * @attr table - Table the `src` (or `.data` array) holds when it holds one: orders (default), customers, events, feedback, spend, summary.
 * @attr format - Force the format of `src`: csv, json, ndjson (default: by content type, extension, content).
 * @attr map - JSON field mapping, canonical field -> source column: `{"customer_id":"Cust","date":"Day"}`, or per table `{"orders":{...},"events":{...}}`.
 * @attr as-of - Default analysis date `YYYY-MM-DD` of the views on this feed.
 * @attr refresh - Reload every this many seconds (decimals allowed); 0 or absent: never.
 * @attr retries - Retries of a failed load (network errors and HTTP 5xx/408/429), default 3.
 * @attr retry-delay - First retry delay in milliseconds, doubling each retry (default 1000).
 * @attr timeout - Give up a fetch (body included) after this many seconds (default 30); a timeout is retried like a network error.
 * @attr credentials - Fetch credentials: `same-origin` (default), `include` (opt in to cross-origin cookies), `omit`.
 * @attr refunds - Negative amounts: `keep` (default) or `drop`.
 * @attr no-worker - Compute on the main thread instead of a Worker.
 * @attr show-status - Show a one-line loading / error / stale status.
 * @prop data - Records for one table (`table`), or `{ orders: [...], customers: [...] }`; takes precedence over `src`.
 * @prop state - The loading state (read only).
 * @prop selection - The selection published by a view (read only; views set it).
 * @prop engine - The engine client: `mode` ('worker' | 'main'), `computations(name)`.
 * @prop status - `idle`, `loading`, `ready` (maybe stale) or `error` (read only).
 * @prop report - The ingest report of the data shown, or of the failed load (read only).
 * @prop summary - The loaded Dataset's summary: version, customer ids, rows per table, report (read only).
 * @fires crm-feed-load - New data is ready: a load, a refresh or an append (detail: DatasetSummary, with its ingest report).
 * @fires crm-feed-error - A load or refresh failed (detail: { failure, report, stale }: stale when the last good data is kept).
 * @fires crm-feed-state - The loading state changed (detail: FeedState).
 * @fires crm-feed-append - Rows were appended by `appendRows()` (detail: the IngestReport of the new rows).
 * @fires crm-selection-change - A view published a selection (detail: FeedSelection or null).
 * @fires crm-feed-connected - The feed connected (views that could not find it retry).
 * @slot - Views, and inline tables: `<script type="application/json" data-table="orders">` or `type="text/csv"`.
 * @csspart status - The status line.
 */
export class CrmFeed extends LitElement {
  static override styles = [themeStyles, feedStyles];

  static override properties = {
    src: { type: String },
    table: { type: String },
    format: { type: String },
    map: { converter: jsonAttribute<FieldMapping>('map') },
    asOf: { type: String, attribute: 'as-of' },
    refresh: { type: Number },
    retries: { type: Number },
    retryDelay: { type: Number, attribute: 'retry-delay' },
    timeout: { type: Number },
    credentials: { type: String },
    refunds: { type: String },
    noWorker: { type: Boolean, attribute: 'no-worker' },
    showStatus: { type: Boolean, attribute: 'show-status' },
    data: { attribute: false },
  };

  declare src: string | undefined;
  declare table: TableName | undefined;
  declare format: FeedFormat | undefined;
  declare map: FieldMapping | Partial<Record<TableName, FieldMapping>> | undefined;
  declare asOf: string | undefined;
  declare refresh: number | undefined;
  declare retries: number | undefined;
  declare retryDelay: number | undefined;
  declare timeout: number | undefined;
  declare credentials: RequestCredentials | undefined;
  declare refunds: RefundPolicy | undefined;
  declare noWorker: boolean;
  declare showStatus: boolean;
  declare data: unknown;

  private readonly controller = new FeedController();
  /** The Dataset version and failure last announced by `crm-feed-load` / `crm-feed-error`. */
  private announcedVersion: number | undefined;
  private announcedFailure: FeedFailure | undefined;
  private inline: InlineTable[] = [];
  private disposeTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly childObserver = new MutationObserver(() => this.readInline());
  private readonly onRequest = (event: CustomEvent<{ feed?: FeedHandle }>) => {
    if (event.target === this) return;
    event.stopPropagation();
    event.detail.feed = this.controller;
  };

  constructor() {
    super();
    this.noWorker = false;
    this.showStatus = false;
    this.addEventListener(FEED_REQUEST, this.onRequest as EventListener);
    this.controller.subscribe((change) => {
      if (change === 'state') {
        const state = this.controller.state;
        this.dispatchEvent(new CustomEvent('crm-feed-state', { detail: state }));
        if (state.summary && state.summary.version !== this.announcedVersion) {
          this.announcedVersion = state.summary.version;
          this.dispatchEvent(new CustomEvent('crm-feed-load', { detail: state.summary }));
        }
        if (state.failure && state.failure !== this.announcedFailure) {
          const detail: CrmFeedErrorDetail = { failure: state.failure, report: state.failure.report, stale: state.stale };
          this.dispatchEvent(new CustomEvent('crm-feed-error', { detail }));
        }
        this.announcedFailure = state.failure;
        this.requestUpdate();
      } else if (change === 'selection') {
        this.dispatchEvent(new CustomEvent('crm-selection-change', { detail: this.controller.selection }));
      }
    });
  }

  /** What views use of this feed. */
  get feedHandle(): FeedHandle {
    return this.controller;
  }

  /** The loading state. */
  get state(): FeedState {
    return this.controller.state;
  }

  /** `idle`, `loading`, `ready` (maybe stale) or `error`. */
  get status(): FeedState['status'] {
    return this.controller.state.status;
  }

  /** The ingest report of the data shown, or of the failed load when there is none. */
  get report(): IngestReport | undefined {
    const state = this.controller.state;
    return state.summary?.report ?? state.failure?.report;
  }

  /** The loaded Dataset's summary: version, customer ids, rows per table, report, load time. */
  get summary(): DatasetSummary | undefined {
    return this.controller.state.summary;
  }

  /** The current selection. */
  get selection(): FeedSelection | null {
    return this.controller.selection;
  }

  /** The engine client. */
  get engine(): EngineClient {
    return this.controller.engine;
  }

  /** Loads again now (besides the `refresh` interval). */
  reload(): Promise<void> {
    return this.controller.reload();
  }

  /**
   * Appends rows to the loaded data: records, `{ table: records }`, CSV / NDJSON / JSON text, or bytes.
   * Only they are parsed; views recompute on the new Dataset version. Resolves to the report of the
   * new rows and fires `crm-feed-append`; rejects (keeping the data) when they do not fit.
   */
  async appendRows(data: AppendData): Promise<IngestReport> {
    const report = await this.controller.append(data);
    this.dispatchEvent(new CustomEvent('crm-feed-append', { detail: report }));
    return report;
  }

  /** Clears the selection. */
  clearSelection(): void {
    this.controller.select(null);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    clearTimeout(this.disposeTimer);
    this.childObserver.observe(this, { childList: true, subtree: true, characterData: true });
    this.readInline();
    this.configure();
    this.controller.connect();
    this.dispatchEvent(new CustomEvent(FEED_CONNECTED, { bubbles: true, composed: true }));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.childObserver.disconnect();
    this.controller.disconnect();
    // A move in the DOM reconnects in the same task; only a real removal releases the Worker.
    this.disposeTimer = setTimeout(() => this.controller.dispose(), 0);
  }

  /** Renders only once the locale's dictionary is here (see {@link updateInLocale}). */
  protected override scheduleUpdate(): void | Promise<unknown> {
    return updateInLocale(this, () => super.scheduleUpdate());
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (this.isConnected && [...changed.keys()].some((k) => k !== 'showStatus')) this.configure();
  }

  private readInline(): void {
    const scripts = [...this.querySelectorAll<HTMLScriptElement>(':scope > script[type]')].filter((s) => s.type in INLINE_TYPES);
    const inline = scripts.map((s) => ({
      table: (s.dataset.table ?? 'orders') as TableName,
      text: s.textContent ?? '',
      format: INLINE_TYPES[s.type],
    }));
    if (JSON.stringify(inline) === JSON.stringify(this.inline)) return;
    this.inline = inline;
    if (this.isConnected) this.configure();
  }

  private configure(): void {
    this.controller.asOf = this.asOf || undefined;
    this.controller.configure({
      data: this.data,
      src: this.src || undefined,
      table: this.table || undefined,
      format: this.format || undefined,
      inline: this.inline,
      map: this.map,
      refunds: this.refunds,
      credentials: this.credentials ?? 'same-origin',
      refreshMs: this.refresh && this.refresh > 0 ? this.refresh * 1000 : 0,
      retries: this.retries,
      retryDelayMs: this.retryDelay,
      timeoutMs: this.timeout && this.timeout > 0 ? this.timeout * 1000 : undefined,
      worker: !this.noWorker,
    });
  }

  protected override render(): TemplateResult {
    return html`${this.showStatus ? this.renderStatus() : nothing}<slot></slot>`;
  }

  private renderStatus(): TemplateResult {
    const lang = resolveLang(this);
    const t = new Translator(lang);
    const fmt = new Formats(lang);
    const s = this.controller.state;
    let text = '';
    let kind = '';
    if (s.status === 'loading') text = t.t('state.loading');
    else if (s.status === 'error' && s.failure) [text, kind] = [`${t.t('error.title')} ${failureMessage(t, s.failure)}`, 'error'];
    else if (s.stale && s.updatedAt) [text, kind] = [t.t('state.stale', { time: fmt.dateTime(s.updatedAt) }), 'stale'];
    else if (s.updatedAt) text = t.t('state.updated', { time: fmt.dateTime(s.updatedAt) });
    return html`<p class=${`status ${kind}`} part="status" role="status">${text}</p>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'crm-feed': CrmFeed;
  }
}

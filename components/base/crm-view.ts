/**
 * The base every crm-lens view extends: finds its feed (or wraps `.data` in a private one), asks it
 * for analyses when the data or the view's options change, renders the shared states, the table
 * fallback, the toolbar (table toggle, CSV / SVG / PNG export) and a live region, resolves locale and
 * labels, tracks size and reduced motion, and publishes selections.
 *
 * A view implements `requests()` (what to compute), `viewModel()` (pure adapter from results to what
 * it draws), `renderView()` and `tableOf()`.
 */
import { LitElement, html, nothing, type CSSResultGroup, type PropertyDeclarations, type PropertyValues, type TemplateResult } from 'lit';
import { canonicalJson } from '../../src/feed/canonical-json.js';
import { FeedController, type FeedHandle } from '../../src/feed/controller.js';
import { failureOf, type FeedFailure, type FeedHover, type FeedSelection } from '../../src/feed/types.js';
import { isUnavailable } from '../../src/engine/analyses/availability.js';
import { Translator, type LabelOverrides } from '../../src/format/translator.js';
import { Formats } from '../../src/format/numbers.js';
import { themeStyles } from '../../src/theme/styles.js';
import { renderDataTable, tableToCsv, type DataTable } from './data-table.js';
import { FEED_CONNECTED } from './events.js';
import { download, serializeSvg, svgToPng } from './export.js';
import { findFeed } from './feed-lookup.js';
import { jsonAttribute } from './json-attribute.js';
import { resolveLang, updateInLocale } from './locale.js';
import { renderError, renderLoading, renderMessage, renderStale, renderUnavailable } from './states.js';
import { baseStyles } from './styles.js';
import { indexWhenIdle, selectionOfIndexes } from './selection-mask.js';

/** One analysis a view asks its feed for. */
export interface AnalysisRequest {
  readonly name: string;
  readonly options: Record<string, unknown>;
}

/** What a view's adapter and renderer get besides the results. */
export interface ViewContext {
  readonly t: Translator;
  readonly fmt: Formats;
  /** Content width in CSS pixels (0 before the first measurement). */
  readonly width: number;
  readonly reducedMotion: boolean;
  readonly selection: FeedSelection | null;
  readonly hover: FeedHover;
  /** Customer ids by Dataset index. */
  readonly customerIds: readonly string[];
}

/**
 * @attr feed - Id of the `<crm-feed>` to use; default: the nearest ancestor feed.
 * @attr lang - Locale (`en`, `zh-CN`); default: the nearest ancestor's `lang`, then the document's.
 * @attr labels - JSON object of label overrides merged over the locale dictionary (any message key, e.g. `{"segment.champions": "VIPs"}`).
 * @attr currency - ISO 4217 currency of money values (default USD).
 * @attr theme - `light` or `dark`; default follows `prefers-color-scheme`.
 * @attr as-of - Analysis date `YYYY-MM-DD`; default the feed's `as-of`, else the day after the last order.
 * @attr hide-toolbar - Hides the table toggle and export buttons.
 * @prop data - Records (or `{ table: records }`) to show without a feed.
 * @fires crm-select - A selection (customer ids, source view, key); cancel it to keep it off the feed.
 * @fires crm-hover - The hovered item, or null.
 * @csspart base - The widget's outer box.
 * @csspart title - The view's title.
 * @csspart toolbar - Table toggle and export buttons.
 * @csspart state - Loading, empty, error and "needs data" messages.
 * @csspart progress - The loading progress bar.
 * @csspart error - The error message (also part `state`).
 * @csspart examples - Example rows/values of an error.
 * @csspart unavailable - The "needs data" message (also part `state`).
 * @csspart reasons - The list of what an analysis needs.
 * @csspart stale - The stale-data marker.
 * @csspart table-wrap - The scrolling, focusable region around the data table.
 * @csspart table - The data table view.
 */
export abstract class CrmView<VM> extends LitElement {
  static override styles: CSSResultGroup = [themeStyles, baseStyles];

  static override properties: PropertyDeclarations = {
    feed: { type: String, reflect: true },
    data: { attribute: false },
    lang: { type: String, reflect: true },
    labels: { converter: jsonAttribute<LabelOverrides>('labels') },
    currency: { type: String },
    theme: { type: String, reflect: true },
    asOf: { type: String, attribute: 'as-of' },
    hideToolbar: { type: Boolean, attribute: 'hide-toolbar' },
  };

  declare feed: string | undefined;
  declare data: unknown;
  declare lang: string;
  declare labels: LabelOverrides | undefined;
  declare currency: string | undefined;
  declare theme: 'light' | 'dark' | undefined;
  declare asOf: string | undefined;
  declare hideToolbar: boolean;

  /** Whether the table view is shown instead of the chart. */
  protected showTable = false;
  /** The latest results, in the order of `requests()`. */
  protected results: readonly unknown[] | undefined;
  private resultsKey = '';
  private computeFailure: FeedFailure | undefined;
  private handle: FeedHandle | undefined;
  private own: FeedController | undefined;
  private unsubscribe: (() => void) | undefined;
  private announcement = '';
  private width = 0;
  private reducedMotion = false;
  private readonly resizeObserver = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver((entries) => this.onResize(entries));
  private readonly motionQuery = typeof matchMedia === 'undefined' ? undefined : matchMedia('(prefers-reduced-motion: reduce)');
  private readonly onMotionChange = () => {
    this.reducedMotion = !!this.motionQuery?.matches;
    this.requestUpdate();
  };
  private readonly onFeedConnected = () => this.attachFeed();

  constructor() {
    super();
    this.hideToolbar = false;
  }

  /** What to compute, from the view's options; throw a RangeError for invalid options. */
  protected abstract requests(): readonly AnalysisRequest[];
  /** The view model of the results (pure). */
  protected abstract viewModel(results: readonly unknown[], ctx: ViewContext): VM;
  /** The chart. */
  protected abstract renderView(vm: VM, ctx: ViewContext): TemplateResult;
  /** The table of what the chart shows (table view and CSV). */
  protected abstract tableOf(vm: VM, ctx: ViewContext): DataTable;
  /** The view's title. */
  protected abstract heading(ctx: ViewContext): string;
  /** Base name of exported files. */
  protected abstract readonly fileName: string;
  /** Whether the view renders unavailable results itself (else the base shows "needs ..."). */
  protected readonly handlesUnavailable: boolean = false;

  /** The feed this view shows (undefined until found). */
  get feedHandle(): FeedHandle | undefined {
    return this.handle;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.resizeObserver?.observe(this);
    this.reducedMotion = !!this.motionQuery?.matches;
    this.motionQuery?.addEventListener('change', this.onMotionChange);
    this.attachFeed();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resizeObserver?.unobserve(this);
    this.motionQuery?.removeEventListener('change', this.onMotionChange);
    document.removeEventListener(FEED_CONNECTED, this.onFeedConnected);
    this.setHandle(undefined);
    this.own?.dispose();
    this.own = undefined;
  }

  /** Renders only once the locale's dictionary is here (see {@link updateInLocale}). */
  protected override scheduleUpdate(): void | Promise<unknown> {
    return updateInLocale(this, () => super.scheduleUpdate());
  }

  protected override willUpdate(changed: PropertyValues): void {
    if (changed.has('feed') || changed.has('data')) this.attachFeed();
    this.compute();
  }

  /** The context the adapter and renderer use. */
  protected context(): ViewContext {
    const lang = resolveLang(this);
    const customerIds = this.handle?.state.summary?.customerIds ?? [];
    // A selection published by ids (by the host) then finds its customers without a pass over them all.
    indexWhenIdle(customerIds);
    return {
      t: new Translator(lang, this.labels),
      fmt: new Formats(lang, this.currency || 'USD'),
      width: this.width,
      reducedMotion: this.reducedMotion,
      selection: this.handle?.selection ?? null,
      hover: this.handle?.hover ?? null,
      customerIds,
    };
  }

  /** The analysis date the view asks for: its own `as-of`, else the feed's. */
  protected effectiveAsOf(): string | undefined {
    return this.asOf || this.handle?.asOf || undefined;
  }

  private attachFeed(): void {
    if (!this.isConnected) return;
    if (this.data !== undefined) {
      this.own ??= new FeedController();
      this.own.configure({ data: this.data });
      this.own.connect();
      this.setHandle(this.own);
      return;
    }
    if (this.own) {
      this.own.dispose();
      this.own = undefined;
    }
    const found = findFeed(this, this.feed);
    this.setHandle(found);
    if (found) document.removeEventListener(FEED_CONNECTED, this.onFeedConnected);
    else document.addEventListener(FEED_CONNECTED, this.onFeedConnected);
  }

  private setHandle(handle: FeedHandle | undefined): void {
    if (handle === this.handle) return;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.handle = handle;
    this.results = undefined;
    this.resultsKey = '';
    if (handle) this.unsubscribe = handle.subscribe(() => this.requestUpdate());
    this.requestUpdate();
  }

  private compute(): void {
    const handle = this.handle;
    const summary = handle?.state.summary;
    if (!handle || !summary) return;
    let requests: readonly AnalysisRequest[];
    try {
      requests = this.requests();
    } catch (error) {
      this.computeFailure = failureOf(error);
      this.resultsKey = '';
      return;
    }
    const key = `${summary.version}|${canonicalJson(requests)}`;
    if (key === this.resultsKey) return;
    this.resultsKey = key;
    this.computeFailure = undefined;
    Promise.all(requests.map((r) => handle.analyse(r.name, r.options))).then(
      (results) => {
        if (this.resultsKey !== key) return;
        this.results = results;
        this.requestUpdate();
      },
      (error: unknown) => {
        if (this.resultsKey !== key) return;
        const failure = failureOf(error);
        if (failure.kind === 'superseded') return;
        this.computeFailure = failure;
        this.results = undefined;
        this.requestUpdate();
      },
    );
  }

  private onResize(entries: ResizeObserverEntry[]): void {
    const width = Math.round(entries[entries.length - 1].contentRect.width);
    if (Math.abs(width - this.width) >= 1) {
      this.width = width;
      this.requestUpdate();
    }
  }

  /** Says `message` through the live region. */
  protected announce(message: string): void {
    this.announcement = message;
    this.requestUpdate();
  }

  /** Fires `crm-select` and, unless cancelled, publishes the selection on the feed. */
  protected publishSelection(selection: FeedSelection | null, ctx: ViewContext): void {
    const event = new CustomEvent('crm-select', { bubbles: true, composed: true, cancelable: true, detail: selection });
    if (this.dispatchEvent(event)) this.handle?.select(selection);
    this.announce(
      selection
        ? ctx.t.t('selection.count', { label: selection.label ?? selection.key, count: ctx.fmt.integer(selection.customers.length) })
        : ctx.t.t('selection.cleared'),
    );
  }

  /** {@link publishSelection} of customers given by Dataset index, as this view's selection `key`. */
  protected publishCustomers(indexes: ArrayLike<number>, key: string, label: string | undefined, ctx: ViewContext): void {
    const what = label === undefined ? { source: this.localName, key } : { source: this.localName, key, label };
    this.publishSelection(selectionOfIndexes(indexes, ctx.customerIds, what), ctx);
  }

  /** Fires `crm-hover` and publishes the hovered item on the feed. */
  protected publishHover(hover: FeedHover): void {
    this.dispatchEvent(new CustomEvent('crm-hover', { bubbles: true, composed: true, detail: hover }));
    this.handle?.setHover(hover);
  }

  /** The view model of the current results, when there are results to show. */
  protected currentViewModel(ctx: ViewContext): VM | undefined {
    const results = this.results;
    if (!results) return undefined;
    if (!this.handlesUnavailable && results.some(isUnavailable)) return undefined;
    return this.viewModel(results, ctx);
  }

  /** The CSV of what the view shows (undefined before data). */
  toCsv(): string | undefined {
    const ctx = this.context();
    const vm = this.currentViewModel(ctx);
    return vm === undefined ? undefined : tableToCsv(this.tableOf(vm, ctx));
  }

  /** The chart's SVG element, when the view draws one. */
  protected chartSvg(): SVGSVGElement | null {
    return this.renderRoot.querySelector<SVGSVGElement>('svg.chart');
  }

  /** The chart as a standalone SVG document (undefined when no chart is shown). */
  toSvg(): string | undefined {
    const svg = this.chartSvg();
    return svg ? serializeSvg(svg) : undefined;
  }

  /** The chart as a PNG (undefined when no chart is shown). */
  async toPng(): Promise<Blob | undefined> {
    const svg = this.chartSvg();
    if (!svg) return undefined;
    const box = svg.getBoundingClientRect();
    return svgToPng(serializeSvg(svg), box.width, box.height, getComputedStyle(this).backgroundColor || '#fff');
  }

  private async exportAs(kind: 'csv' | 'svg' | 'png'): Promise<void> {
    if (kind === 'csv') {
      const csv = this.toCsv();
      if (csv !== undefined) download(new Blob([csv], { type: 'text/csv;charset=utf-8' }), `${this.fileName}.csv`);
    } else if (kind === 'svg') {
      const svg = this.toSvg();
      if (svg !== undefined) download(new Blob([svg], { type: 'image/svg+xml' }), `${this.fileName}.svg`);
    } else {
      const png = await this.toPng();
      if (png) download(png, `${this.fileName}.png`);
    }
  }

  private renderToolbar(ctx: ViewContext, hasPicture: boolean): TemplateResult | typeof nothing {
    if (this.hideToolbar) return nothing;
    const { t } = ctx;
    return html`<div class="toolbar" part="toolbar" role="toolbar" aria-label=${t.t('toolbar.label')}>
      <button
        type="button"
        aria-pressed=${this.showTable ? 'true' : 'false'}
        @click=${() => {
          this.showTable = !this.showTable;
          this.requestUpdate();
        }}
      >
        ${t.t('toolbar.showTable')}
      </button>
      <button type="button" aria-label=${t.t('toolbar.csvLabel')} @click=${() => this.exportAs('csv')}>${t.t('toolbar.csv')}</button>
      ${hasPicture && !this.showTable
        ? html`<button type="button" aria-label=${t.t('toolbar.svgLabel')} @click=${() => this.exportAs('svg')}>${t.t('toolbar.svg')}</button>
            <button type="button" aria-label=${t.t('toolbar.pngLabel')} @click=${() => this.exportAs('png')}>${t.t('toolbar.png')}</button>`
        : nothing}
    </div>`;
  }

  /** Whether the view draws a picture worth exporting as SVG/PNG. */
  protected readonly hasPicture: boolean = true;

  private renderBody(ctx: ViewContext): { body: TemplateResult; vm?: VM } {
    const { t, fmt } = ctx;
    const handle = this.handle;
    if (!handle) return { body: renderMessage(t.t('state.noFeed'), 'no-feed') };
    const state = handle.state;
    if (state.status === 'idle') return { body: renderMessage(t.t('state.empty')) };
    if (state.status === 'loading') return { body: renderLoading(t, fmt, state.progress) };
    if (state.status === 'error' || !state.summary) {
      return { body: renderError(t, fmt, state.failure ?? { kind: 'analysis' }) };
    }
    if (this.computeFailure) return { body: renderError(t, fmt, this.computeFailure) };
    const results = this.results;
    if (!results) return { body: renderMessage(t.t('state.computing'), 'computing') };
    const unavailable = results.find(isUnavailable);
    if (unavailable && !this.handlesUnavailable) return { body: renderUnavailable(t, unavailable) };
    const vm = this.viewModel(results, ctx);
    const body = this.showTable ? renderDataTable(this.tableOf(vm, ctx), t.t('table.caption', { title: this.heading(ctx) })) : this.renderView(vm, ctx);
    return { body, vm };
  }

  protected override render(): TemplateResult {
    const ctx = this.context();
    const state = this.handle?.state;
    const { body, vm } = this.renderBody(ctx);
    return html`<div class="base" part="base">
      <div class="header">
        <div class="title" part="title">${this.heading(ctx)}</div>
        ${vm !== undefined ? this.renderToolbar(ctx, this.hasPicture) : nothing}
      </div>
      ${state?.stale && state.updatedAt ? renderStale(ctx.t, ctx.fmt, state.updatedAt, state.failure) : nothing}
      ${body}
      <div class="sr-only" role="status" aria-live="polite">${this.announcement}</div>
    </div>`;
  }
}

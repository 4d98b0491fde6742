/**
 * A feed's data loading and sharing, independent of any element: TanStack query-core fetches,
 * deduplicates, polls on an interval, retries with exponential backoff and keeps the last good data
 * when a refresh fails; the engine client ingests and computes. `<crm-feed>` wraps one of these, and
 * so does a widget given data directly through its `.data` property.
 */
import { QueryClient, QueryObserver, type QueryObserverResult } from '@tanstack/query-core';
import { EngineClient } from './engine-client.js';
import { appendSources, hasSource, resolveInput, type AppendData, type FeedSourceConfig } from './load.js';
import type { IngestReport } from '../engine/ingest/types.js';
import { failureOf, FeedError, type DatasetSummary, type FeedFailure, type FeedHover, type FeedSelection, type FeedState } from './types.js';

/** How a feed loads. */
export interface FeedOptions extends FeedSourceConfig {
  /** Reload every this many milliseconds (0: never). */
  readonly refreshMs?: number;
  /** Retries of a failed load (network errors, timeouts and 5xx / 408 / 429 only). Default 3. */
  readonly retries?: number;
  /** First retry delay in ms; doubles on every retry, capped at 30 s. Default 1000. */
  readonly retryDelayMs?: number;
  /** Run the engine in a Worker when possible (default true). */
  readonly worker?: boolean;
}

/** What changed on a feed. */
export type FeedChange = 'state' | 'selection' | 'hover';

/** Called when a feed changes. */
export type FeedListener = (change: FeedChange) => void;

/** What widgets use of a feed. */
export interface FeedHandle {
  readonly state: FeedState;
  readonly selection: FeedSelection | null;
  readonly hover: FeedHover;
  /** Default analysis date of the feed (ISO `YYYY-MM-DD`), if it sets one. */
  readonly asOf: string | undefined;
  /** Subscribe to changes; returns the unsubscribe function. */
  subscribe(listener: FeedListener): () => void;
  /** The result of a registered analysis on the current Dataset (computed once per version and options). */
  analyse<T = unknown>(name: string, options?: Record<string, unknown>): Promise<T>;
  /** Publish a selection (null clears it). */
  select(selection: FeedSelection | null): void;
  /** Publish the hovered item (null when none). */
  setHover(hover: FeedHover): void;
}

function retryable(failure: FeedFailure): boolean {
  if (failure.kind === 'network' || failure.kind === 'timeout') return true;
  if (failure.kind !== 'http') return false;
  const s = failure.status ?? 0;
  return s >= 500 || s === 408 || s === 429;
}

const MAX_RETRY_DELAY_MS = 30_000;
let nextSourceId = 0;

/** Loads one feed and shares it with every widget attached to it. */
export class FeedController implements FeedHandle {
  private readonly client = new QueryClient();
  private observer: QueryObserver<DatasetSummary, FeedError> | undefined;
  private unsubscribe: (() => void) | undefined;
  private readonly listeners = new Set<FeedListener>();
  private options: FeedOptions = {};
  private sourceKey = '';
  private progress: number | undefined;
  /** The failure of a first load that never succeeded, shown while later attempts run. */
  private lastFailure: FeedFailure | undefined;
  private engineClient: EngineClient | undefined;
  private connected = false;
  /** Identity tokens of `.data` values, so a new array reloads but the same one does not. */
  private readonly dataIds = new WeakMap<object, number>();
  state: FeedState = { status: 'idle', fetching: false, stale: false };
  selection: FeedSelection | null = null;
  hover: FeedHover = null;
  asOf: string | undefined;

  /** The engine client (created on first use). */
  get engine(): EngineClient {
    return (this.engineClient ??= new EngineClient({ worker: this.options.worker }));
  }

  /** Applies new options; a changed source starts a new load. */
  configure(options: FeedOptions): void {
    const workerChanged = (options.worker ?? true) !== (this.options.worker ?? true);
    this.options = options;
    if (workerChanged && this.engineClient) {
      this.engineClient.dispose();
      this.engineClient = undefined;
    }
    const key = this.keyOf(options);
    if (this.observer && key === this.sourceKey && !workerChanged) {
      this.observer.setOptions(this.queryOptions(key));
      return;
    }
    this.sourceKey = key;
    this.lastFailure = undefined;
    if (!hasSource(options)) {
      this.detach();
      this.setState({ status: 'idle', fetching: false, stale: false });
      return;
    }
    if (this.observer) this.observer.setOptions(this.queryOptions(key));
    else if (this.listeners.size > 0 || this.connected) this.attach();
  }

  /**
   * Starts loading and polling (an element calls this when connected). Calling it again while
   * connected changes nothing: query-core counts mounts, and an unbalanced one would keep the client
   * subscribed to its global focus and online managers (and so alive) for ever.
   */
  connect(): void {
    if (!this.connected) this.client.mount();
    this.connected = true;
    if (hasSource(this.options)) this.attach();
  }

  /** Stops polling and aborts a running fetch (an element calls this when disconnected). */
  disconnect(): void {
    if (this.connected) this.client.unmount();
    this.connected = false;
    this.detach();
    void this.client.cancelQueries();
  }

  /** Releases the engine (terminates its Worker) and forgets cached data. */
  dispose(): void {
    this.disconnect();
    this.client.clear();
    this.engineClient?.dispose();
    this.engineClient = undefined;
    this.setState({ status: 'idle', fetching: false, stale: false });
  }

  /** Loads again now. */
  async reload(): Promise<void> {
    await this.observer?.refetch();
  }

  /**
   * Appends rows to the loaded data (parsed with this feed's table, mapping and refund policy): the
   * engine parses only them, the Dataset gets a new version and every attached widget recomputes.
   * Resolves to the report of the appended rows. Rejects with a {@link FeedError} before any data is
   * loaded or when the rows do not fit the loaded tables (other fields); the data then stays as it was.
   * A later reload or refresh loads the source again, without the appended rows.
   */
  async append(data: AppendData): Promise<IngestReport> {
    if (!this.state.summary || !this.observer) throw new FeedError({ kind: 'superseded', detail: 'no data loaded to append to' });
    const summary = await this.engine.append(appendSources(data, this.options));
    // Through the query cache, as a load's data: the observer reports it like a refresh.
    this.client.setQueryData<DatasetSummary>(['crm-feed', this.sourceKey], summary);
    return summary.report;
  }

  subscribe(listener: FeedListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async analyse<T = unknown>(name: string, options: Record<string, unknown> = {}): Promise<T> {
    const summary = this.state.summary;
    if (!summary) throw new FeedError({ kind: 'superseded', detail: 'no data loaded' });
    return this.engine.analyse<T>(summary.version, name, options);
  }

  select(selection: FeedSelection | null): void {
    this.selection = selection;
    this.emit('selection');
  }

  setHover(hover: FeedHover): void {
    this.hover = hover;
    this.emit('hover');
  }

  private keyOf(options: FeedOptions): string {
    const { refreshMs, retries, retryDelayMs, timeoutMs, data, ...source } = options;
    let dataId: number | string = 'none';
    if (data !== undefined) {
      if (data && typeof data === 'object') {
        if (!this.dataIds.has(data)) this.dataIds.set(data, ++nextSourceId);
        dataId = this.dataIds.get(data)!;
      } else dataId = JSON.stringify(data);
    }
    return JSON.stringify({ source, dataId });
  }

  private queryOptions(key: string) {
    const o = this.options;
    const retries = o.retries ?? 3;
    const base = o.retryDelayMs ?? 1000;
    return {
      queryKey: ['crm-feed', key],
      queryFn: async ({ signal }: { signal: AbortSignal }) => {
        this.progress = 0;
        const input = await resolveInput(o, signal, (f) => this.onProgress(f * 0.5));
        // Disconnected meanwhile: starting an engine now would outlive the element (a Worker per mount).
        signal.throwIfAborted();
        return this.engine.load(input, (f) => this.onProgress(0.5 + f * 0.5));
      },
      retry: (count: number, error: FeedError) => count < retries && retryable(failureOf(error)),
      retryDelay: (attempt: number) => Math.min(base * 2 ** attempt, MAX_RETRY_DELAY_MS),
      // Without a refresh interval a feed that failed for a reason worth retrying (network, timeout,
      // 5xx) still tries again, after the next backoff step (at most every 30 s), so a widget left
      // open recovers by itself when the server does.
      refetchInterval: (query: { state: { data?: unknown; error: unknown } }) =>
        o.refreshMs && o.refreshMs > 0
          ? o.refreshMs
          : !query.state.data && query.state.error && retryable(failureOf(query.state.error))
            ? Math.min(base * 2 ** (retries + 1), MAX_RETRY_DELAY_MS)
            : false,
      refetchOnWindowFocus: false,
      networkMode: 'always' as const,
      structuralSharing: false,
      staleTime: 0,
      // Observers keep the data; without one (a removed feed or widget) nothing should hold it, or
      // its fetch's closure, for query-core's default five minutes. A move in the DOM re-attaches in
      // the same task, before this runs.
      gcTime: 0,
    };
  }

  private attach(): void {
    if (this.observer) return;
    this.observer = new QueryObserver<DatasetSummary, FeedError>(this.client, this.queryOptions(this.sourceKey));
    this.unsubscribe = this.observer.subscribe((result) => this.onResult(result));
    this.onResult(this.observer.getCurrentResult());
  }

  private detach(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.observer?.destroy();
    this.observer = undefined;
  }

  private onProgress(fraction: number): void {
    this.progress = fraction;
    if (this.state.fetching) this.setState({ ...this.state, progress: fraction });
  }

  private onResult(result: QueryObserverResult<DatasetSummary, FeedError>): void {
    const summary = result.data;
    const failure = result.error ? failureOf(result.error) : undefined;
    // A first load that is still retrying shows as loading; once it has failed, a later attempt in
    // the background (query-core forgets the error when it starts) keeps showing that failure.
    if (summary) this.lastFailure = undefined;
    else if (failure && !result.isFetching) this.lastFailure = failure;
    const shownFailure = summary ? failure : this.lastFailure;
    this.setState({
      status: summary ? 'ready' : shownFailure ? 'error' : 'loading',
      fetching: result.isFetching,
      progress: result.isFetching ? this.progress : undefined,
      summary,
      failure: shownFailure,
      stale: !!summary && !!failure,
      updatedAt: summary ? result.dataUpdatedAt : undefined,
    });
  }

  private setState(state: FeedState): void {
    const prev = this.state;
    this.state = state;
    if (
      prev.status !== state.status ||
      prev.summary !== state.summary ||
      prev.failure !== state.failure ||
      prev.stale !== state.stale ||
      prev.fetching !== state.fetching ||
      prev.progress !== state.progress
    ) {
      this.emit('state');
    }
  }

  private emit(change: FeedChange): void {
    for (const l of [...this.listeners]) l(change);
  }
}

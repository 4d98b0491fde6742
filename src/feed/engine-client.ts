/**
 * The engine client a feed owns: ingest and analyses run in a module Worker where one can start, on
 * the main thread otherwise, through the same `EngineCore`; appended rows go to the engine alone. Every analysis is computed once per
 * (dataset version, analysis name, canonical options JSON): results are memoised and in-flight
 * requests shared, however many widgets ask.
 *
 * The main-thread engine is imported dynamically, only when the Worker cannot start: a page whose
 * Worker runs never downloads or parses it, so the elements stay small (the engine is the Worker's).
 */
import { canonicalJson } from './canonical-json.js';
import type { EngineCore } from './engine-core.js';
import { inputTransferables, type EngineRequest, type EngineResponse } from './protocol.js';
import { failureOf, FeedError, type DatasetSummary, type FeedInput } from './types.js';

/** Where the engine runs. */
export type EngineMode = 'worker' | 'main';

/** One way of running the engine. */
interface EngineBackend {
  readonly mode: EngineMode;
  ingest(input: FeedInput, onProgress?: (fraction: number) => void): Promise<DatasetSummary>;
  append(input: FeedInput, onProgress?: (fraction: number) => void): Promise<DatasetSummary>;
  analyse(version: number, name: string, options: Record<string, unknown>): Promise<unknown>;
  dispose(): void;
}

/**
 * Runs `work`, failing with this module's FeedError: failures cross as data, as from the Worker (the
 * one-file bundle's engine chunk has its own copy of the class).
 */
async function asFeedFailure<T>(work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw new FeedError(failureOf(error));
  }
}

/** Runs the engine core on the main thread (no Worker, or one that cannot start, e.g. under a strict CSP). */
class MainThreadBackend implements EngineBackend {
  readonly mode = 'main';

  private constructor(private readonly core: EngineCore) {}

  /** Loads the engine chunk (once per page; the module cache shares it) and wraps a new core. */
  static async start(): Promise<MainThreadBackend> {
    const { EngineCore } = await import('./engine-core.js');
    return new MainThreadBackend(new EngineCore());
  }

  ingest(input: FeedInput, onProgress?: (fraction: number) => void): Promise<DatasetSummary> {
    return asFeedFailure(() => this.core.ingest(input, onProgress));
  }

  append(input: FeedInput, onProgress?: (fraction: number) => void): Promise<DatasetSummary> {
    return asFeedFailure(() => this.core.append(input, onProgress));
  }

  analyse(version: number, name: string, options: Record<string, unknown>): Promise<unknown> {
    return asFeedFailure(() => this.core.analyse(version, name, options));
  }

  dispose(): void {}
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: unknown): void;
  onProgress?: (fraction: number) => void;
}

/** Runs the engine core in a module Worker. */
class WorkerBackend implements EngineBackend {
  readonly mode = 'worker';
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly worker: Worker) {
    worker.addEventListener('message', (event: MessageEvent<EngineResponse>) => {
      const message = event.data;
      if ('ready' in message) return;
      const pending = this.pending.get(message.id);
      if (!pending) return;
      if ('progress' in message) return pending.onProgress?.(message.progress);
      this.pending.delete(message.id);
      if (message.ok) pending.resolve(message.value);
      else pending.reject(new FeedError(message.failure));
    });
    // A Worker that fails outside a request (out of memory, a message it cannot read) must not leave
    // widgets waiting for ever: what is pending fails, and the next load asks again.
    const fail = () => this.rejectAll(new FeedError({ kind: 'analysis', detail: 'the engine worker failed' }));
    worker.addEventListener('error', fail);
    worker.addEventListener('messageerror', fail);
  }

  private rejectAll(error: FeedError): void {
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
  }

  private send(request: EngineRequest, onProgress?: (fraction: number) => void): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.pending.set(request.id, { resolve, reject, onProgress });
      try {
        // Fetched (or copied) bytes are not needed on the main thread again: move them.
        this.worker.postMessage(request, request.op === 'analyse' ? [] : inputTransferables(request.input));
      } catch (error) {
        // `.data` that cannot be cloned (functions, DOM nodes, nesting deeper than the cloner goes)
        this.pending.delete(request.id);
        reject(new FeedError({ kind: 'parse', format: 'records', detail: `the data cannot be sent to the engine: ${(error as Error).message}` }));
      }
    });
  }

  ingest(input: FeedInput, onProgress?: (fraction: number) => void): Promise<DatasetSummary> {
    return this.send({ id: this.nextId++, op: 'ingest', input }, onProgress) as Promise<DatasetSummary>;
  }

  append(input: FeedInput, onProgress?: (fraction: number) => void): Promise<DatasetSummary> {
    return this.send({ id: this.nextId++, op: 'append', input }, onProgress) as Promise<DatasetSummary>;
  }

  analyse(version: number, name: string, options: Record<string, unknown>): Promise<unknown> {
    return this.send({ id: this.nextId++, op: 'analyse', version, name, options });
  }

  dispose(): void {
    this.worker.terminate();
    this.rejectAll(new FeedError({ kind: 'superseded', detail: 'engine disposed' }));
  }
}

/**
 * Starts the engine Worker and waits for its ready message; falls back to the main thread when it
 * cannot start. `started` gets the Worker at once, so a client disposed before it is ready can stop it.
 */
async function startBackend(preferWorker: boolean, started: (worker: Worker) => void): Promise<EngineBackend> {
  if (!preferWorker || typeof Worker === 'undefined') return MainThreadBackend.start();
  let worker: Worker;
  try {
    worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module', name: 'crm-lens-engine' });
  } catch {
    return MainThreadBackend.start();
  }
  started(worker);
  const ready = await new Promise<boolean>((resolve) => {
    worker.addEventListener('message', (e: MessageEvent<EngineResponse>) => resolve('ready' in e.data), { once: true });
    worker.addEventListener('error', () => resolve(false), { once: true });
  });
  if (ready) return new WorkerBackend(worker);
  worker.terminate();
  return MainThreadBackend.start();
}

/** The engine a feed talks to: one Dataset at a time, analyses memoised per version and options. */
export class EngineClient {
  private readonly backend: Promise<EngineBackend>;
  private resolvedMode: EngineMode | undefined;
  private readonly memo = new Map<string, Promise<unknown>>();
  private readonly computed = new Map<string, number>();

  private worker: Worker | undefined;

  constructor(options: { worker?: boolean } = {}) {
    this.backend = startBackend(options.worker ?? true, (worker) => (this.worker = worker)).then((b) => {
      this.resolvedMode = b.mode;
      return b;
    });
  }

  /** Where the engine runs, once started. */
  get mode(): EngineMode | undefined {
    return this.resolvedMode;
  }

  /** How many times each analysis name was actually computed (diagnostics; memo hits do not count). */
  computations(name: string): number {
    return this.computed.get(name) ?? 0;
  }

  /** Ingests feed input; the new Dataset becomes current and earlier memoised results are dropped. */
  async load(input: FeedInput, onProgress?: (fraction: number) => void): Promise<DatasetSummary> {
    return this.adopt(await (await this.backend).ingest(input, onProgress));
  }

  /**
   * Appends rows to the current Dataset: the engine parses only `input` and keeps the loaded rows as
   * they are. The new Dataset becomes current (its summary's report counts only the appended rows);
   * on failure the current one stays.
   */
  async append(input: FeedInput, onProgress?: (fraction: number) => void): Promise<DatasetSummary> {
    return this.adopt(await (await this.backend).append(input, onProgress));
  }

  /** Drops memoised results of every Dataset but the new current one. */
  private adopt(summary: DatasetSummary): DatasetSummary {
    for (const key of this.memo.keys()) if (!key.startsWith(`${summary.version}|`)) this.memo.delete(key);
    return summary;
  }

  /** The result of an analysis on Dataset `version`, computed once per (version, name, options). */
  analyse<T = unknown>(version: number, name: string, options: Record<string, unknown> = {}): Promise<T> {
    const key = `${version}|${name}|${canonicalJson(options)}`;
    let result = this.memo.get(key);
    if (!result) {
      this.computed.set(name, this.computations(name) + 1);
      result = this.backend.then((b) => b.analyse(version, name, options));
      // A failed computation is not remembered, so asking again retries it.
      result.catch(() => this.memo.get(key) === result && this.memo.delete(key));
      this.memo.set(key, result);
    }
    return result as Promise<T>;
  }

  /** Stops the Worker (at once, ready or not); pending requests reject. */
  dispose(): void {
    this.memo.clear();
    this.worker?.terminate();
    this.worker = undefined;
    void this.backend.then((b) => b.dispose());
  }
}

/**
 * A large CSV feed read on two threads: while this thread reads the first rows (a share balanced on
 * the speeds both threads read the last part at), a {@link PartReader} on another thread reads the
 * rest into columns of its own, and this thread then appends that part (its ids and categories
 * recoded into these dictionaries, its row numbers moved on). The Dataset and the report are the ones
 * one thread would make. The platform supplies the part reader (a Worker in a browser, a worker
 * thread in Node); the engine itself starts no thread.
 */
import { DatasetBuilder } from '../dataset/builder.js';
import { ByteFeed } from './byte-feed.js';
import type { TablePart } from './table-writer.js';
import type { IngestOptions } from './types.js';

/** Feeds smaller than this are read on one thread: handing half over costs about what it saves. */
export const PARALLEL_MIN_BYTES = 4 << 20;
/**
 * Share of a feed this thread reads alongside a part reader that has not read yet. Its thread runs
 * code it has not compiled yet, at about half the speed per byte (1M orders: ~170 ms for the part
 * that takes ~80 ms from the third read on), so it gets less. After each part the share follows the
 * speeds measured ({@link balance}).
 */
const FIRST_MAIN_SHARE = 0.7;
/** Bounds of the share: each side keeps a part, so a reader slowed down once (its thread shared a core) is timed again. */
const MIN_MAIN_SHARE = 0.3;
const MAX_MAIN_SHARE = 0.9;

/** The share this thread reads alongside each part reader, from its last part. */
const shares = new WeakMap<PartReader, number>();

const LF = 10;

/** What a {@link PartReader} is asked to read. */
export interface PartRequest {
  /** The feed's bytes before its data rows (a BOM, a header): the rows are read under that header. */
  readonly head: Uint8Array;
  /** The rows to read: whole lines that follow the ones the asking thread reads. */
  readonly body: Uint8Array;
  /** Options under which the rows are read as the asking thread reads its own. */
  readonly options: IngestOptions;
}

/** Reads the later rows of a feed on another thread (see {@link readPart}). */
export interface PartReader {
  /** Whether a part can be read at once: a thread still starting is not asked (this one reads alone). */
  readonly ready: boolean;
  /** The part's rows; rejects when they cannot be read there (the asking thread then reads them). */
  read(request: PartRequest): Promise<PartRead>;
}

/** A part as a {@link PartReader} read it. */
export interface PartRead {
  readonly part: TablePart;
  /** How long the reader's thread took to read it, in ms. */
  readonly ms: number;
}

/** The share of a feed this thread reads alongside `reader`, before the line where its part starts. */
export function mainShare(reader: PartReader): number {
  return shares.get(reader) ?? FIRST_MAIN_SHARE;
}

/**
 * Balances the next split with `reader` on the speeds of the last one, so both threads finish
 * together: this thread read `mainBytes` in `mainMs`, the reader `partBytes` in `partMs`.
 */
export function balance(reader: PartReader, mainBytes: number, mainMs: number, partBytes: number, partMs: number): void {
  const main = mainBytes / Math.max(mainMs, 0.001);
  const part = partBytes / Math.max(partMs, 0.001);
  shares.set(reader, Math.min(MAX_MAIN_SHARE, Math.max(MIN_MAIN_SHARE, main / (main + part))));
}

/** Reads a part's rows: what the thread behind a {@link PartReader} runs. */
export function readPart(request: PartRequest): TablePart {
  const { head, body, options } = request;
  const feed = new ByteFeed(new DatasetBuilder(), options, [], head.length + body.length);
  feed.push(head, 0);
  feed.pushRange(body, 0, body.length);
  feed.push(undefined, body.length);
  const csv = feed.csv();
  if (!csv) throw new Error('a part must be CSV rows under a header read as the feed was');
  return csv.part();
}

/** A part reader whose thread may still be starting. */
export interface StartingPartReader extends PartReader {
  /** Resolves once the thread is ready (true), or can never be (false). */
  readonly started: Promise<boolean>;
}

/** Gives the part reader for a feed of `size` bytes, if one is to be used (see {@link onDemand}). */
export type PartReaderFor = (size: number) => Promise<PartReader | undefined>;

/**
 * A part reader started by `start` on first need, so a page or process that never reads a large feed
 * starts no thread. For a feed of `size` bytes: undefined when it is too small to gain from one; else
 * the reader once its thread is ready, or undefined (read alone) once waiting longer would cost more
 * than it saves: about a third of a one-thread read, taken as 1 ms per MB.
 */
export function onDemand(start: () => StartingPartReader | undefined): PartReaderFor {
  let reader: StartingPartReader | undefined;
  let tried = false;
  return async (size) => {
    if (size < PARALLEL_MIN_BYTES) return undefined;
    if (!tried) {
      tried = true;
      reader = start();
    }
    if (!reader || reader.ready) return reader;
    const worth = new Promise<boolean>((resolve) => setTimeout(resolve, size / 1e6, false));
    return (await Promise.race([reader.started, worth])) ? reader : undefined;
  };
}

/** A request to a part reader's thread. */
export interface PartMessage {
  readonly id: number;
  readonly request: PartRequest;
}

/** The answer of a part reader's thread: the part and how long it took, or why it could not be read. */
export type PartReply = { readonly id: number; readonly part: TablePart; readonly ms: number } | { readonly id: number; readonly error: string };

/**
 * What a part reader's thread posts back for a message: the reply and the buffers to move with it.
 * Moving detaches them on the reader's thread, which slows its typed-array code from then on (see
 * {@link PartClient}); copying them instead would cost the asking thread more (it takes them in).
 */
export function answerPart(message: PartMessage): { reply: PartReply; transfer: ArrayBuffer[] } {
  try {
    const start = performance.now();
    const part = readPart(message.request);
    const ms = performance.now() - start;
    const buffers = new Set<ArrayBuffer>();
    for (const c of part.columns) for (const a of [c.ints, c.numbers, c.days, c.flags]) if (a) buffers.add(a.buffer as ArrayBuffer);
    for (const d of part.dictionaries) if (d) for (const a of [d.chars, d.ends]) buffers.add(a.buffer as ArrayBuffer);
    return { reply: { id: message.id, part, ms }, transfer: [...buffers] };
  } catch (error) {
    return { reply: { id: message.id, error: error instanceof Error ? error.message : String(error) }, transfer: [] };
  }
}

/**
 * `view`'s bytes in a buffer of their own, to post to a part reader: a SharedArrayBuffer where the
 * platform has one (Node; a browser only when cross-origin isolated), which the reader reads where it
 * is, else an ArrayBuffer to move. Moving detaches it, which slows this thread's typed-array code for
 * good (docs/architecture.md, "The engine's thread moves no buffer out"); copying the bytes in the
 * message instead held the reader back 10-20 ms.
 */
export function partBytes(view: Uint8Array): Uint8Array {
  // a page that is not cross-origin isolated may still have the constructor, but cannot post one
  const share = typeof SharedArrayBuffer === 'function' && (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated !== false;
  const bytes = share ? new Uint8Array(new SharedArrayBuffer(view.length)) : new Uint8Array(view.length);
  bytes.set(view);
  return bytes;
}

/**
 * The asking side of a part reader, whatever the thread: numbers the requests, posts them (their
 * {@link partBytes} shared or moved, never copied) and settles each when its reply is
 * {@link receive}d.
 */
export class PartClient implements PartReader {
  ready = false;
  private readonly pending = new Map<number, { resolve(read: PartRead): void; reject(error: Error): void }>();
  private next = 0;

  constructor(private readonly post: (message: PartMessage, transfer: ArrayBuffer[]) => void) {}

  /** Whether a read is under way. */
  get busy(): boolean {
    return this.pending.size > 0;
  }

  read(request: PartRequest): Promise<PartRead> {
    if (!this.ready) return Promise.reject(new Error('the part reader is not ready'));
    const id = this.next++;
    const settled = new Promise<PartRead>((resolve, reject) => this.pending.set(id, { resolve, reject }));
    const buffers = [request.head.buffer, request.body.buffer];
    try {
      this.post({ id, request }, buffers.filter((b): b is ArrayBuffer => b instanceof ArrayBuffer));
    } catch (error) {
      // the message could not be posted (a buffer the platform cannot send): this thread reads the rows
      this.pending.delete(id);
      return Promise.reject(error);
    }
    return settled;
  }

  receive(reply: PartReply): void {
    const waiting = this.pending.get(reply.id);
    this.pending.delete(reply.id);
    if ('part' in reply) waiting?.resolve({ part: reply.part, ms: reply.ms });
    else waiting?.reject(new Error(reply.error));
  }

  /** The thread is gone: no more reads, and those under way fail (their rows are read by the asker). */
  fail(error: Error): void {
    this.ready = false;
    for (const waiting of this.pending.values()) waiting.reject(error);
    this.pending.clear();
  }
}

/**
 * Where the part of `bytes` starts: at the line after `share` of it (see {@link mainShare}), for a
 * feed of at least {@link PARALLEL_MIN_BYTES}; -1 when the feed is read on one thread. `read` bytes
 * are read already. The line start is a row start unless a quoted cell runs across it: the asking
 * thread knows once it has read up to there ({@link ByteFeed.atRowStart}), and drops the part if not.
 */
export function partStart(bytes: Uint8Array, read: number, share: number): number {
  if (bytes.length < PARALLEL_MIN_BYTES) return -1;
  const lf = bytes.indexOf(LF, Math.max(read, Math.floor(bytes.length * share)));
  return lf < 0 || lf + 1 >= bytes.length ? -1 : lf + 1;
}

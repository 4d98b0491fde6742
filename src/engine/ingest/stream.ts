/**
 * Byte and stream sources: gzip (by its magic bytes) through DecompressionStream, UTF-8
 * decoding with the BOM dropped, and CSV / NDJSON read chunk by chunk with progress. A JSON array or
 * feed object is parsed once the whole text is in.
 */
import { DatasetBuilder } from '../dataset/builder.js';
import { ByteFeed, CHUNK_BYTES, concat } from './byte-feed.js';
import { oneLine } from './messages.js';
import { balance, mainShare, partBytes, partStart } from './parallel.js';
import type { Dataset } from '../dataset/types.js';
import type { IngestOptions, IngestResult } from './types.js';

function isGzip(bytes: Uint8Array | undefined): boolean {
  return bytes !== undefined && bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Whether to inflate, and what to note: the magic bytes decide. A `.gz` name on bytes that are not
 * gzip (a server that already decoded `Content-Encoding: gzip`) is read as it is, with a note.
 */
function gzipNotes(head: Uint8Array | undefined, fileName: string | undefined): string[] {
  if (isGzip(head)) return ['gzip'];
  return /\.gz$/i.test(fileName ?? '') ? ['named .gz but not gzip data: read as it is'] : [];
}

/** A stream over a byte array in pieces. */
function streamOfBytes(bytes: Uint8Array): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (at >= bytes.length) controller.close();
      else controller.enqueue(bytes.subarray(at, (at += CHUNK_BYTES)));
    },
  });
}

/**
 * Reads a feed from bytes: gzip is detected by its magic bytes (a `.gz` file name only helps choose
 * the format inside), a UTF-8 BOM is dropped. Resolves to the Dataset and the report.
 */
export async function ingestBytes(bytes: Uint8Array, options: IngestOptions = {}): Promise<IngestResult> {
  return readBytes(new DatasetBuilder(), bytes, options);
}

/**
 * {@link appendText} for bytes (gzip and BOM handled as by {@link ingestBytes}): parses only the new
 * rows and returns a new Dataset that extends `base`.
 */
export async function appendBytes(base: IngestResult | Dataset, bytes: Uint8Array, options: IngestOptions = {}): Promise<IngestResult> {
  return readBytes(DatasetBuilder.extending(datasetOf(base)), bytes, options);
}

/** The Dataset of an ingest result, or the Dataset itself. */
export function datasetOf(base: IngestResult | Dataset): Dataset {
  return 'dataset' in base ? base.dataset : base;
}

/**
 * Bytes in memory are read in pieces, never decoded into one string: a feed's whole text would double
 * its memory at the peak, and its one large string is left for a full garbage collection to free,
 * which then falls on whatever runs next. Plain bytes go piece by piece in a loop (no stream objects
 * on the way); gzip goes through DecompressionStream. With a part reader (`options.parallel`), a
 * large CSV's second half is read on another thread meanwhile (parallel.ts).
 */
async function readBytes(builder: DatasetBuilder, bytes: Uint8Array, options: IngestOptions): Promise<IngestResult> {
  const sized = { ...options, totalBytes: options.totalBytes ?? bytes.length };
  if (isGzip(bytes)) return readStream(builder, streamOfBytes(bytes), sized);
  const feed = new ByteFeed(builder, sized, gzipNotes(bytes, options.fileName), sized.totalBytes);
  const first = Math.min(bytes.length, CHUNK_BYTES);
  feed.pushRange(bytes, 0, first);
  const reader = options.parallel;
  const csv = reader?.ready ? feed.csv() : undefined;
  const partOptions = csv?.partOptions();
  const split = partOptions ? partStart(bytes, first, mainShare(reader!)) : -1;
  const started = performance.now();
  // a reader that fails leaves its rows to this thread
  const part =
    split < 0 ? undefined : reader!.read({ head: partBytes(bytes.subarray(0, feed.headBytes())), body: partBytes(bytes.subarray(split)), options: partOptions! }).catch(() => undefined);
  if (part) {
    // progress over this thread's share stands for the whole
    feed.pushRange(bytes, first, split, bytes.length / split);
    const mainMs = performance.now() - started;
    // a quoted cell running across the split: the part's rows start mid-cell, so this thread reads on
    const read = feed.atRowStart() ? await part : undefined;
    if (read) {
      balance(reader!, split - first, mainMs, bytes.length - split, read.ms);
      feed.push(undefined, bytes.length);
      csv!.absorb(read.part);
      return feed.finish();
    }
  }
  feed.pushRange(bytes, part ? split : first, bytes.length);
  feed.push(undefined, bytes.length);
  return feed.finish();
}

/**
 * Reads a feed from a byte stream. CSV and NDJSON are parsed chunk by chunk as the bytes arrive (the
 * whole text never exists as one string); `onProgress` is called with the share of `totalBytes` read
 * (NaN when unknown) and the bytes read (compressed bytes for gzip), after a chunk that brings at
 * least 1 % more of `totalBytes` (1 MB when unknown) and at the end with 1.
 */
export async function ingestStream(stream: ReadableStream<Uint8Array>, options: IngestOptions = {}): Promise<IngestResult> {
  return readStream(new DatasetBuilder(), stream, options);
}

async function readStream(builder: DatasetBuilder, stream: ReadableStream<Uint8Array>, options: IngestOptions): Promise<IngestResult> {
  const input = stream.getReader();
  // the first two bytes tell gzip; they may come in separate chunks
  const headChunks: Uint8Array[] = [];
  for (let size = 0; size < 2; ) {
    const next = await input.read();
    if (next.done) break;
    headChunks.push(next.value);
    size += next.value.length;
  }
  const head = headChunks.length > 0 ? concat(headChunks) : undefined;
  let bytesRead = 0;
  let pendingFirst = head;
  const counted = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = pendingFirst ? { done: false as const, value: pendingFirst } : await input.read();
      pendingFirst = undefined;
      if (next.done) return controller.close();
      bytesRead += next.value.length;
      controller.enqueue(next.value);
    },
    cancel: (reason) => input.cancel(reason),
  });
  const gzip = isGzip(head);
  const text = gzip ? counted.pipeThrough(new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>) : counted;
  const reader = text.getReader();
  const feed = new ByteFeed(builder, options, gzipNotes(head, options.fileName), gzip ? undefined : options.totalBytes);
  for (;;) {
    const { done, value } = await read(reader, gzip);
    feed.push(done ? undefined : value, bytesRead);
    if (done) break;
  }
  return feed.finish();
}

/** The next chunk; a failure of the gzip decoder becomes a plain message. */
async function read(reader: ReadableStreamDefaultReader<Uint8Array>, gzip: boolean): Promise<ReadableStreamReadResult<Uint8Array>> {
  try {
    return await reader.read();
  } catch (error) {
    if (!gzip) throw error;
    throw new Error(`the gzip data cannot be read: ${oneLine((error as Error).message)}`);
  }
}

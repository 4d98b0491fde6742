/**
 * Byte and stream sources: gzip (by magic bytes or a `.gz` name) through DecompressionStream, UTF-8
 * decoding with the BOM dropped, and CSV / NDJSON read chunk by chunk with progress. A JSON array or
 * feed object is parsed once the whole text is in.
 */
import { DatasetBuilder } from '../dataset/builder.js';
import { combineReports } from './report.js';
import { readText, resolveFormat, tableSource } from './source.js';
import type { TableSource } from './readers.js';
import type { IngestOptions, IngestResult } from './types.js';

/** Size of the pieces a byte array is streamed in when progress is wanted. */
const CHUNK_BYTES = 1 << 20;

function isGzip(bytes: Uint8Array | undefined, fileName: string | undefined): boolean {
  return (bytes !== undefined && bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) || /\.gz$/i.test(fileName ?? '');
}

function hasBom(bytes: Uint8Array | undefined): boolean {
  return bytes !== undefined && bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
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
 * Reads a feed from bytes: gzip is detected by its magic bytes or a `.gz` file name, a UTF-8 BOM is
 * dropped. Resolves to the Dataset and the report.
 */
export async function ingestBytes(bytes: Uint8Array, options: IngestOptions = {}): Promise<IngestResult> {
  if (isGzip(bytes, options.fileName) || options.onProgress) {
    return ingestStream(streamOfBytes(bytes), { ...options, totalBytes: options.totalBytes ?? bytes.length });
  }
  const builder = new DatasetBuilder();
  const tables = readText(builder, new TextDecoder().decode(bytes), options, hasBom(bytes) ? ['bom'] : []);
  return { dataset: builder.build(), report: combineReports(tables) };
}

/**
 * Reads a feed from a byte stream. CSV and NDJSON are parsed chunk by chunk as the bytes arrive (the
 * whole text never exists as one string); `onProgress` is called after every chunk with the share of
 * `totalBytes` read (NaN when unknown) and the bytes read (compressed bytes for gzip).
 */
export async function ingestStream(stream: ReadableStream<Uint8Array>, options: IngestOptions = {}): Promise<IngestResult> {
  const input = stream.getReader();
  let first = await input.read();
  while (!first.done && first.value.length === 0) first = await input.read();
  let bytesRead = 0;
  let pendingFirst = first.done ? undefined : first.value;
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
  const notes: string[] = [];
  const gzip = isGzip(first.value, options.fileName);
  if (gzip) notes.push('gzip');
  const text = gzip ? counted.pipeThrough(new DecompressionStream('gzip') as unknown as TransformStream<Uint8Array, Uint8Array>) : counted;
  const reader = text.getReader();
  const decoder = new TextDecoder();
  const builder = new DatasetBuilder();
  const total = options.totalBytes;
  const expectedChars = gzip ? undefined : total;
  let buffer = '';
  let source: TableSource | undefined;
  let wholeText = false;
  let started = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (!started && value) {
      if (hasBom(value)) notes.push('bom');
      started = true;
    }
    buffer += done ? decoder.decode() : decoder.decode(value, { stream: true });
    if (!source && !wholeText) {
      const format = resolveFormat(buffer, options, done);
      if (format === 'json') wholeText = true;
      else if (format) source = tableSource(builder, format, options, expectedChars);
    }
    if (source) {
      const used = source.feed(buffer, done);
      buffer = used >= buffer.length ? '' : buffer.slice(used);
    }
    options.onProgress?.(done ? 1 : total ? Math.min(1, bytesRead / total) : NaN, bytesRead);
    if (done) break;
  }
  const tables = source ? [source.finish(notes)] : readText(builder, buffer, { ...options, format: 'json' }, notes);
  return { dataset: builder.build(), report: combineReports(tables) };
}

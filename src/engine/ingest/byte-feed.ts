/**
 * A feed's bytes read piece by piece into a builder (see {@link ByteFeed}), the one reader behind
 * every byte and stream source.
 */
import type { DatasetBuilder } from '../dataset/builder.js';
import { combineReports } from './report.js';
import { readText, resolveFormat, tableSource } from './source.js';
import { CsvTableReader, type TableSource } from './readers.js';
import type { IngestOptions, IngestResult } from './types.js';

const LF = 10;
/**
 * Size of the pieces a byte array is read in. At 64 kB each piece's text is a small string that dies
 * young; measured at 1M orders against 1 MB pieces: the load takes about as long, and the analyses
 * that follow it ~15 % less (less garbage-collection work left over from the load).
 */
export const CHUNK_BYTES = 1 << 16;
/** Progress is reported per 1 % of a known size, else per this many bytes (a Worker posts each report). */
const PROGRESS_BYTES = 1 << 20;

/** Joins byte chunks. */
export function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/** `bytes`, copied when they sit in a SharedArrayBuffer (a part's, see parallel.ts): browsers do not decode those. */
function unshared(bytes: Uint8Array): Uint8Array {
  return bytes.buffer instanceof ArrayBuffer ? bytes : bytes.slice();
}

function hasBom(bytes: Uint8Array | undefined): boolean {
  return bytes !== undefined && bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
}

/**
 * Reads a feed's bytes piece by piece into a builder: the format is resolved from the first piece,
 * CSV and NDJSON are parsed as the pieces come, JSON once the whole text is in. Each piece's whole
 * lines are decoded on their own, so the parser always reads one flat string (a string built by
 * appending chunks is read char by char through its parts, at half the speed); text a piece leaves
 * unread goes back to bytes, ahead of the next piece. A UTF-8 BOM is dropped here.
 */
export class ByteFeed {
  private readonly decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  private readonly encoder = new TextEncoder();
  private carry: Uint8Array = new Uint8Array(0);
  private readonly jsonParts: string[] = [];
  private source: TableSource | undefined;
  private wholeText = false;
  private started = false;
  private reported = 0;
  /** Bytes of a UTF-8 BOM dropped at the start (3 or 0). */
  private bomBytes = 0;

  /** `expectedChars`: the decoded text's length when known (sizes the columns up front). */
  constructor(
    private readonly builder: DatasetBuilder,
    private readonly options: IngestOptions,
    private readonly notes: string[],
    private readonly expectedChars: number | undefined,
  ) {}

  /** The next piece (undefined at the end) and the bytes read so far, for progress. */
  push(value: Uint8Array | undefined, bytesRead: number): void {
    const done = value === undefined;
    let bytes = value ?? this.carry;
    if (value && this.carry.length > 0) {
      // Once the source is known, the line carried over is read on its own with the end it gets
      // from this piece, so the piece itself is not copied.
      const end = this.source ? value.indexOf(LF) + 1 : 0;
      const rest = end > 0 ? this.step(concat([this.carry, value.subarray(0, end)]), false) : this.carry;
      bytes = rest.length === 0 ? value.subarray(end) : concat([rest, value.subarray(end)]);
    }
    // a copy, so the carried bytes do not keep the whole piece alive
    this.carry = this.step(bytes, done).slice();
    const total = this.options.totalBytes;
    if (done || bytesRead - this.reported >= (total ? total / 100 : PROGRESS_BYTES)) {
      this.reported = bytesRead;
      this.options.onProgress?.(done ? 1 : total ? Math.min(1, bytesRead / total) : NaN, bytesRead);
    }
  }

  /**
   * Pushes `bytes[from, to)` in pieces of {@link CHUNK_BYTES}, each with its end times `scale` as the
   * bytes read (progress over a share of the feed).
   */
  pushRange(bytes: Uint8Array, from: number, to: number, scale = 1): void {
    for (let at = from; at < to; at += CHUNK_BYTES) {
      const end = Math.min(to, at + CHUNK_BYTES);
      this.push(bytes.subarray(at, end), Math.round(end * scale));
    }
  }

  /** Whether every byte pushed so far was read as whole rows (none is carried to the next piece). */
  atRowStart(): boolean {
    return this.carry.length === 0;
  }

  /** The CSV reader, once the source is known to be CSV. */
  csv(): CsvTableReader | undefined {
    return this.source instanceof CsvTableReader ? this.source : undefined;
  }

  /** Bytes of the feed before its data rows (a BOM, the header), once the CSV header is read. */
  headBytes(): number {
    return this.bomBytes + (this.csv()?.headBytes ?? 0);
  }

  /** The Dataset and report, once the last piece is in. */
  finish(): IngestResult {
    const tables = this.source
      ? [this.source.finish(this.notes)]
      : readText(this.builder, this.jsonParts.join(''), { ...this.options, format: 'json' }, this.notes);
    return { dataset: this.builder.build(), report: combineReports(tables) };
  }

  /** Reads the whole lines of `bytes` (all of them when `done`); returns the bytes left for later. */
  private step(bytes: Uint8Array, done: boolean): Uint8Array {
    if (!this.started) {
      if (bytes.length < 3 && !done) return bytes;
      this.started = true;
      if (hasBom(bytes)) {
        this.notes.push('bom');
        this.bomBytes = 3;
        bytes = bytes.subarray(3);
      }
    }
    const cut = done ? bytes.length : bytes.lastIndexOf(LF) + 1;
    // a source that reads bytes takes the rows it can as they are; the rest is decoded
    const read = this.source && cut > 0 ? Math.max(0, this.source.feedBytes?.(bytes.subarray(0, cut)) ?? 0) : 0;
    if (read === cut && read > 0) return bytes.subarray(cut);
    const chunk = cut > read ? this.decoder.decode(unshared(bytes.subarray(read, cut))) : '';
    let used = 0;
    if (!this.source && !this.wholeText) {
      // the format may hang on what follows the last line break (an NDJSON line or a JSON value)
      const format = resolveFormat(done ? chunk : this.decoder.decode(unshared(bytes)), this.options, done);
      if (format === 'json') this.wholeText = true;
      else if (format) this.source = tableSource(this.builder, format, this.options, this.expectedChars);
    }
    if (this.wholeText) {
      this.jsonParts.push(chunk);
      used = chunk.length;
    } else if (this.source) used = this.source.feed(chunk, done);
    return used >= chunk.length ? bytes.subarray(cut) : concat([this.encoder.encode(chunk.slice(used)), bytes.subarray(cut)]);
  }
}


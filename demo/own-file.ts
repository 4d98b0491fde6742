/**
 * "Your own file": reads just enough of a dropped or picked file to show its columns (the first 64 kB,
 * gunzipped when needed), proposes a mapping with the engine's `detectMapping`, and turns the form's
 * choices into a feed mapping. The file itself is handed to the feed as a Blob URL, so it is parsed
 * once, in the engine, like any other feed.
 */
import { TABLES } from '../src/engine/dataset/schema.js';
import { detectMapping } from '../src/engine/ingest/mapping.js';
import type { FeedFormat, FieldMapping } from '../src/engine/ingest/types.js';

/** What the mapping form needs to know about a file. */
export interface FilePreview {
  readonly name: string;
  readonly format: Exclude<FeedFormat, 'auto'>;
  /** Column names; empty for a multi-table JSON feed, which needs no mapping. */
  readonly headers: readonly string[];
  /** The first data row's values, by column. */
  readonly first: readonly string[];
  /** Detected mapping: canonical field -> column, or `A * B` for a derived amount. */
  readonly detected: Readonly<Record<string, string>>;
}

const PREVIEW_BYTES = 64 * 1024;
/** The value of the form option that keeps a detected quantity x price amount. */
export const DERIVED = '__derived__';

/** The first `PREVIEW_BYTES` of a file as text, gunzipped when it is gzip. */
async function headText(file: File): Promise<string> {
  const magic = new Uint8Array(await file.slice(0, 2).arrayBuffer());
  if (magic[0] !== 0x1f || magic[1] !== 0x8b) return new TextDecoder().decode(await file.slice(0, PREVIEW_BYTES).arrayBuffer());
  const reader = file.stream().pipeThrough(new DecompressionStream('gzip')).getReader();
  const decoder = new TextDecoder();
  let text = '';
  while (text.length < PREVIEW_BYTES) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  await reader.cancel();
  return text;
}

/** Splits one CSV line on `delimiter` (a character, or null for runs of blanks), honouring quotes. */
function splitLine(line: string, delimiter: string | null): string[] {
  if (delimiter === null) return line.trim().split(/\s+/);
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) cells.push(cell), (cell = '');
    else cell += c;
  }
  cells.push(cell);
  return cells.map((s) => s.trim());
}

/** The separator of a header line: the most frequent of tab, `;`, `,`, `|`; runs of blanks when none occurs. */
function sniffDelimiter(header: string): string | null {
  let best: string | null = null;
  let most = 0;
  for (const d of ['\t', ';', ',', '|']) {
    const n = header.split(d).length - 1;
    if (n > most) [best, most] = [d, n];
  }
  return best;
}

function recordPreview(name: string, format: 'json' | 'ndjson', record: unknown): FilePreview {
  const row = record && typeof record === 'object' ? (record as Record<string, unknown>) : {};
  const headers = Object.keys(row);
  return { name, format, headers, first: headers.map((h) => String(row[h] ?? '')), detected: detectMapping('orders', headers) };
}

/** Reads a file's columns, first row and detected orders mapping. Throws an Error saying why it cannot. */
export async function previewFile(file: File): Promise<FilePreview> {
  const text = (await headText(file)).replace(/^\uFEFF/, '');
  const start = text.trimStart();
  if (start.startsWith('[') || start.startsWith('{"orders"') || /^\{\s*"[a-z]+"\s*:\s*\[/.test(start)) {
    // A JSON document has to be read whole to be parsed at all.
    const value: unknown = JSON.parse(await file.text());
    if (Array.isArray(value)) return recordPreview(file.name, 'json', value[0]);
    return { name: file.name, format: 'json', headers: [], first: [], detected: {} };
  }
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '' && !/^sep=/i.test(l));
  if (lines.length === 0) throw new Error('the file is empty');
  if (start.startsWith('{')) return recordPreview(file.name, 'ndjson', JSON.parse(lines[0]));
  const delimiter = sniffDelimiter(lines[0]);
  const headers = splitLine(lines[0], delimiter);
  const first = lines[1] ? splitLine(lines[1], delimiter) : [];
  return { name: file.name, format: 'csv', headers, first, detected: detectMapping('orders', headers) };
}

/** The canonical orders fields, required ones first, as the form lists them. */
export const ORDER_FIELDS = TABLES.orders.fields.map((f) => ({ name: f.name, required: !!f.required }));

/**
 * The feed mapping of the form's choices (field -> column, or {@link DERIVED}); the list of required
 * fields left without a column comes back instead when there are any.
 */
export function mappingOf(choices: Readonly<Record<string, string>>): { map: FieldMapping } | { missing: string[] } {
  const missing = ORDER_FIELDS.filter((f) => f.required && !choices[f.name]).map((f) => f.name);
  if (missing.length) return { missing };
  // A derived amount is left out: ingest detects quantity x unit price again from the headers.
  const map = Object.fromEntries(Object.entries(choices).filter(([, column]) => column && column !== DERIVED));
  return { map };
}

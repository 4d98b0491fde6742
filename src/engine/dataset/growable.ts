/** Append-only typed-array columns that grow by doubling, so builders never keep a row object. */

type TypedArray = Int32Array | Float64Array | Int8Array;
type TypedArrayCtor<T extends TypedArray> = { new (length: number): T };

/** A typed array with a length that grows by doubling as values are pushed. */
export class GrowableColumn<T extends TypedArray> {
  private data: T;
  length = 0;

  constructor(
    private readonly ctor: TypedArrayCtor<T>,
    initialCapacity = 1024,
  ) {
    this.data = new ctor(Math.max(16, initialCapacity));
  }

  push(value: number): void {
    if (this.length === this.data.length) this.reserve(1);
    this.data[this.length++] = value;
  }

  /** Makes room for `extra` more values without growing again. */
  reserve(extra: number): void {
    if (this.length + extra <= this.data.length) return;
    const next = new this.ctor(Math.max(this.data.length * 2, this.length + extra));
    next.set(this.data.subarray(0, this.length));
    this.data = next;
  }

  /** Appends all of `values` (seeding a column from an existing one). */
  pushAll(values: ArrayLike<number>): void {
    this.reserve(values.length);
    this.data.set(values, this.length);
    this.length += values.length;
  }

  /** The filled part, trimmed to length (a copy, so the column can keep growing). */
  toArray(): T {
    return this.data.slice(0, this.length) as T;
  }
}

/**
 * A copy of a substring that does not keep the whole source text alive (engines may represent a
 * long substring as a view into its parent; flattening a concatenation makes an independent string).
 */
export function detach(value: string): string {
  return value.length < 13 ? value : (' ' + value).slice(1);
}

function hashRange(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  // never 0, which marks an empty slot; tables start probing at the bits above the forced one
  return h | 1;
}

/**
 * A string dictionary: stable int codes in first-seen order. Values are found straight from their
 * place in a source text ({@link Dictionary.find} on a range), so ingest looks up an id seen before
 * without making a substring. One open-addressing table keeps each entry's hash, code and a copy of
 * its chars in a flat pool: a lookup touches two contiguous arrays rather than scattered strings.
 */
export class Dictionary {
  readonly values: string[] = [];
  /** Per slot: hash, code, pool offset, length (hash 0 = empty). */
  private table = new Int32Array(4 * 1024);
  private mask = 1023;
  private pool = new Uint16Array(16 * 1024);
  private poolLength = 0;

  /** The code of a value, adding it when new. */
  code(value: string): number {
    const code = this.find(value);
    return code >= 0 ? code : this.add(value);
  }

  /** The code of `text[start, end)` (the whole text by default), or -1 when it is not in the dictionary. */
  find(text: string, start = 0, end = text.length): number {
    const table = this.table;
    const pool = this.pool;
    const length = end - start;
    const hash = hashRange(text, start, end);
    for (let slot = (hash >>> 1) & this.mask; ; slot = (slot + 1) & this.mask) {
      const at = slot << 2;
      const h = table[at];
      if (h === 0) return -1;
      if (h !== hash || table[at + 3] !== length) continue;
      const offset = table[at + 2];
      let i = 0;
      while (i < length && pool[offset + i] === text.charCodeAt(start + i)) i++;
      if (i === length) return table[at + 1];
    }
  }

  /** Adds a value known not to be in the dictionary yet; returns its code. */
  add(value: string): number {
    const code = this.values.length;
    this.values.push(detach(value));
    if ((code + 1) * 2 > this.table.length >> 2) this.resize(this.table.length >> 1);
    const length = value.length;
    if (this.poolLength + length > this.pool.length) this.pool = grown(this.pool, this.poolLength + length);
    const offset = this.poolLength;
    for (let i = 0; i < length; i++) this.pool[offset + i] = value.charCodeAt(i);
    this.poolLength += length;
    this.insert(hashRange(value, 0, length), code, offset, length);
    return code;
  }

  /** Adds values known to be distinct and new (seeding from a built Dataset), sizing the table once. */
  addAll(values: readonly string[]): void {
    let chars = 0;
    for (const v of values) chars += v.length;
    const count = this.values.length + values.length;
    let slots = this.table.length >> 2;
    while (count * 2 > slots) slots *= 2;
    if (slots > this.table.length >> 2) this.resize(slots);
    this.pool = grown(this.pool, this.poolLength + chars);
    for (const v of values) this.add(v);
  }

  get size(): number {
    return this.values.length;
  }

  private insert(hash: number, code: number, offset: number, length: number): void {
    let slot = (hash >>> 1) & this.mask;
    while (this.table[slot << 2] !== 0) slot = (slot + 1) & this.mask;
    const at = slot << 2;
    this.table[at] = hash;
    this.table[at + 1] = code;
    this.table[at + 2] = offset;
    this.table[at + 3] = length;
  }

  private resize(slots: number): void {
    const old = this.table;
    this.table = new Int32Array(slots * 4);
    this.mask = (this.table.length >> 2) - 1;
    for (let at = 0; at < old.length; at += 4) if (old[at] !== 0) this.insert(old[at], old[at + 1], old[at + 2], old[at + 3]);
  }
}

/** `array`, or a copy at least twice as long when it is shorter than `length`. */
function grown<T extends Uint16Array | Int32Array>(array: T, length: number): T {
  if (length <= array.length) return array;
  const next = new (array.constructor as { new (n: number): T })(Math.max(array.length * 2, length));
  next.set(array);
  return next;
}

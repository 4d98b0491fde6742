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

/** Ints per table slot: hash, code, length, pool offset, then {@link INLINE_CHARS} chars two per int. */
const SLOT_INTS = 8;
/** Values up to this long keep their chars in their slot, so a lookup touches one cache line. */
const INLINE_CHARS = 8;

/** Whether `text[start, start + length)` equals the chars packed two per int at `table[at]`. */
function sameInline(table: Int32Array, at: number, text: string, start: number, length: number): boolean {
  for (let i = 0; i < length; i += 2) {
    const high = i + 1 < length ? text.charCodeAt(start + i + 1) : 0;
    if (table[at + (i >> 1)] !== (text.charCodeAt(start + i) | (high << 16))) return false;
  }
  return true;
}

/**
 * A string dictionary: stable int codes in first-seen order. Values are found straight from their
 * place in a source text ({@link Dictionary.find} on a range), so ingest looks up an id seen before
 * without making a substring. One open-addressing table keeps each entry's hash, code and chars
 * (short values in the slot itself, longer ones in a flat pool), so a lookup touches contiguous
 * arrays rather than scattered strings.
 */
export class Dictionary {
  readonly values: string[] = [];
  /** {@link SLOT_INTS} ints per slot (hash 0 = empty). */
  private table = new Int32Array(SLOT_INTS * 1024);
  private mask = 1023;
  /** Chars of values longer than {@link INLINE_CHARS}. */
  private pool = new Uint16Array(1024);
  private poolLength = 0;

  /** The code of a value, adding it when new. */
  code(value: string): number {
    const code = this.find(value);
    return code >= 0 ? code : this.add(value);
  }

  /** The code of `text[start, end)` (the whole text by default), or -1 when it is not in the dictionary. */
  find(text: string, start = 0, end = text.length): number {
    const table = this.table;
    const length = end - start;
    const hash = hashRange(text, start, end);
    for (let slot = (hash >>> 1) & this.mask; ; slot = (slot + 1) & this.mask) {
      const at = slot * SLOT_INTS;
      const h = table[at];
      if (h === 0) return -1;
      if (h !== hash || table[at + 2] !== length) continue;
      if (length <= INLINE_CHARS ? sameInline(table, at + 4, text, start, length) : this.samePooled(table[at + 3], text, start, length)) {
        return table[at + 1];
      }
    }
  }

  /** Adds a value known not to be in the dictionary yet; returns its code. */
  add(value: string): number {
    const code = this.values.length;
    this.values.push(detach(value));
    if ((code + 1) * 2 > this.table.length / SLOT_INTS) this.resize((this.table.length / SLOT_INTS) * 2);
    const length = value.length;
    const hash = hashRange(value, 0, length);
    const table = this.table;
    let slot = (hash >>> 1) & this.mask;
    while (table[slot * SLOT_INTS] !== 0) slot = (slot + 1) & this.mask;
    const at = slot * SLOT_INTS;
    table[at] = hash;
    table[at + 1] = code;
    table[at + 2] = length;
    if (length <= INLINE_CHARS) {
      for (let i = 0; i < length; i++) table[at + 4 + (i >> 1)] |= value.charCodeAt(i) << ((i & 1) * 16);
    } else {
      this.pool = grown(this.pool, this.poolLength + length);
      table[at + 3] = this.poolLength;
      for (let i = 0; i < length; i++) this.pool[this.poolLength + i] = value.charCodeAt(i);
      this.poolLength += length;
    }
    return code;
  }

  /** Adds values known to be distinct and new (seeding from a built Dataset), sizing the table once. */
  addAll(values: readonly string[]): void {
    const count = this.values.length + values.length;
    let slots = this.table.length / SLOT_INTS;
    while (count * 2 > slots) slots *= 2;
    if (slots > this.table.length / SLOT_INTS) this.resize(slots);
    for (const v of values) this.add(v);
  }

  get size(): number {
    return this.values.length;
  }

  private samePooled(offset: number, text: string, start: number, length: number): boolean {
    const pool = this.pool;
    for (let i = 0; i < length; i++) if (pool[offset + i] !== text.charCodeAt(start + i)) return false;
    return true;
  }

  private resize(slots: number): void {
    const old = this.table;
    const table = new Int32Array(slots * SLOT_INTS);
    const mask = slots - 1;
    for (let from = 0; from < old.length; from += SLOT_INTS) {
      if (old[from] === 0) continue;
      let slot = (old[from] >>> 1) & mask;
      while (table[slot * SLOT_INTS] !== 0) slot = (slot + 1) & mask;
      for (let k = 0; k < SLOT_INTS; k++) table[slot * SLOT_INTS + k] = old[from + k];
    }
    this.table = table;
    this.mask = mask;
  }
}

/** `array`, or a copy at least twice as long when it is shorter than `length`. */
function grown<T extends Uint16Array | Int32Array>(array: T, length: number): T {
  if (length <= array.length) return array;
  const next = new (array.constructor as { new (n: number): T })(Math.max(array.length * 2, length));
  next.set(array);
  return next;
}

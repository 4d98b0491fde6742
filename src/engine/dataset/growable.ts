/** Append-only typed-array columns that grow by doubling, so builders never keep a row object. */
import { keepShape } from './shapes.js';

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

  /** Appends dictionary codes of another dictionary, each code `c >= 0` as `recode[c]` (-1 stays). */
  pushRecoded(codes: Int32Array, recode: Int32Array): void {
    this.reserve(codes.length);
    const data = this.data;
    let at = this.length;
    for (let i = 0; i < codes.length; i++) {
      const c = codes[i];
      data[at++] = c < 0 ? c : recode[c];
    }
    this.length = at;
  }

  /**
   * The filled part. A column sized well up front (ingest estimates its rows) is handed over as a view,
   * saving a copy of every column for at most 1/8 spare room; otherwise as a trimmed copy. Either way
   * later pushes never change it: they only write past its end.
   */
  toArray(): T {
    const room = this.data.length;
    return (this.length >= room - (room >> 3) ? this.data.subarray(0, this.length) : this.data.slice(0, this.length)) as T;
  }
}

/**
 * A copy of a substring that does not keep the whole source text alive (engines may represent a
 * long substring as a view into its parent; flattening a concatenation makes an independent string).
 */
export function detach(value: string): string {
  return value.length < 13 ? value : (' ' + value).slice(1);
}

/** Ints per table slot: hash, code and kind, then the chars of a short value (or pool offset, length). */
const SLOT_INTS = 4;
/** Values of up to this many Latin-1 chars are kept in their slot, so a lookup touches one cache line. */
const INLINE_CHARS = 8;
/** The slot's second int: the code in the low bits, the kind (inline length, or {@link POOLED}) above. */
const KIND_SHIFT = 27;
const CODE_MASK = (1 << KIND_SHIFT) - 1;
/** Kind of a value kept in the pool (longer, or with a char above U+00FF). */
const POOLED = 15;

/**
 * What {@link hashRange} leaves for the lookup: the packed chars, the kind, where it stopped. An
 * Int32Array, because packed chars use all 32 bits: in a variable they would not fit V8's small
 * integers where pointers are compressed (browsers) and every store would allocate a number.
 */
const hashed = new Int32Array(4);
const LOW = 0;
const HIGH = 1;
const KIND = 2;
const END = 3;

/** `stop` value for a range that ends only at its end. */
const NO_STOP = -2;
const LF = 10;
const CR = 13;

/**
 * FNV-1a of `text[start, end)` cut to 30 bits (a small integer everywhere), never 0 (0 marks an
 * empty slot; tables start probing at the bits above the forced one). Packs a short Latin-1 value
 * into {@link hashed} on the way, one byte per char. With a `stop` char code the range also ends
 * before the first `stop`, LF or CR (a CSV cell), and `hashed[END]` says where.
 */
function hashRange(text: string, start: number, end: number, stop = NO_STOP): number {
  let h = 0x811c9dc5;
  let low = 0;
  let high = 0;
  let latin = true;
  let i = start;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (stop !== NO_STOP && (c === stop || c === LF || c === CR)) break;
    h = Math.imul(h ^ c, 0x01000193);
    if (c > 0xff) latin = false;
    const k = i - start;
    if (k < 4) low |= c << (k << 3);
    else high |= c << ((k - 4) << 3);
  }
  hashed[END] = i;
  hashed[LOW] = low;
  hashed[HIGH] = high;
  hashed[KIND] = latin && i - start <= INLINE_CHARS ? i - start : POOLED;
  return (h & 0x3fffffff) | 1;
}

/**
 * {@link hashRange} over UTF-8 bytes `bytes[start, end)`, ending earlier before the first `stop`, LF
 * or CR (a CSV cell): the same hash and packing as for the same chars in a string, as long as every
 * byte is ASCII; 0 (never a hash) at the first byte above 0x7F.
 */
function hashBytes(bytes: Uint8Array, start: number, end: number, stop: number): number {
  let h = 0x811c9dc5;
  let low = 0;
  let high = 0;
  let i = start;
  for (; i < end; i++) {
    const c = bytes[i];
    if (c === stop || c === LF || c === CR) break;
    if (c > 0x7f) return 0;
    h = Math.imul(h ^ c, 0x01000193);
    const k = i - start;
    if (k < 4) low |= c << (k << 3);
    else high |= c << ((k - 4) << 3);
  }
  hashed[END] = i;
  hashed[LOW] = low;
  hashed[HIGH] = high;
  hashed[KIND] = i - start <= INLINE_CHARS ? i - start : POOLED;
  return (h & 0x3fffffff) | 1;
}

/**
 * A dictionary's values as typed arrays: what {@link Dictionary.pack} gives, and how a Dataset keeps
 * its customer ids until they are read. Two objects to move to another thread, not one per value.
 */
export interface PackedValues {
  /** The values' chars (UTF-16 code units), one after another in code order. */
  readonly chars: Uint16Array;
  /** Where each value ends in `chars` (it starts where the one before ends). */
  readonly ends: Int32Array;
}

/** Chars per `String.fromCharCode` call: a call takes a bounded number of arguments. */
const CHARS_PER_CALL = 4096;
// a U+FEFF at the start is a value's own char, not a byte-order mark to drop
const utf16 = new TextDecoder('utf-16le', { ignoreBOM: true });

/**
 * The chars of packed values as one flat string. The decoder is native (3x faster than
 * `String.fromCharCode` in pieces, whose joined result is read slower until flattened, and no loop
 * here to run cold in a fresh Worker) but replaces a lone surrogate with U+FFFD: text with U+FFFD in
 * it is made again the exact way.
 */
function packedText(chars: Uint16Array): string {
  const decoded = utf16.decode(chars);
  if (decoded.length === chars.length && decoded.indexOf('\ufffd') < 0) return decoded;
  let text = '';
  for (let at = 0; at < chars.length; at += CHARS_PER_CALL) {
    text += String.fromCharCode.apply(null, chars.subarray(at, Math.min(chars.length, at + CHARS_PER_CALL)) as unknown as number[]);
  }
  return text;
}

/** The strings of packed values, in code order. */
export function unpackValues(packed: PackedValues): string[] {
  const text = packedText(packed.chars);
  const ends = packed.ends;
  // one string, cut: a short value becomes a copy of its chars, a long one a view into the whole
  const values = new Array<string>(ends.length);
  let start = 0;
  for (let k = 0; k < ends.length; k++) values[k] = text.substring(start, (start = ends[k]));
  return values;
}

/** Strings packed as a {@link Dictionary} packs its values. */
export function packValues(values: readonly string[]): PackedValues {
  const ends = new Int32Array(values.length);
  let at = 0;
  for (let k = 0; k < values.length; k++) ends[k] = at += values[k].length;
  const chars = new Uint16Array(at);
  at = 0;
  for (const value of values) for (let i = 0; i < value.length; i++) chars[at++] = value.charCodeAt(i);
  return { chars, ends };
}

/** What {@link Dictionary.findBytes} returns for a cell with a byte above 0x7F. */
export const NOT_ASCII = -2;

/**
 * A string dictionary: stable int codes in first-seen order. Values are found and added straight
 * from their place in a source text or its bytes ({@link Dictionary.find} on a range), so ingest
 * makes no string for an id: the chars are kept in one typed array in code order, and strings are
 * made only when {@link Dictionary.values} is asked for (a 1M-order load with 100k ids spends ~10 % of
 * its time making and then collecting id strings that the analyses never read). One open-addressing
 * table of 16-byte slots keeps each entry's hash, code and, for short Latin-1 values (most ids), the
 * chars themselves; longer values point at theirs. A lookup touches one slot rather than scattered
 * strings.
 */
export class Dictionary {
  /** {@link SLOT_INTS} ints per slot (hash 0 = empty). */
  private table = new Int32Array(SLOT_INTS * 1024);
  private mask = 1023;
  /** Every value's chars, in code order; {@link POOLED} slots point into it. */
  private chars = new Uint16Array(4096);
  private charCount = 0;
  /** Where each code's chars end in {@link chars}. */
  private ends = new Int32Array(1024);
  private count = 0;
  /** Where the cell of the last {@link findCell} or {@link findBytes} ended. */
  cellEnd = 0;

  /** The code of a value, adding it when new. */
  code(value: string): number {
    const code = this.find(value);
    return code >= 0 ? code : this.add(value);
  }

  /** The code of `text[start, end)` (the whole text by default), or -1 when it is not in the dictionary. */
  find(text: string, start = 0, end = text.length): number {
    return this.lookup(hashRange(text, start, end), text, start, hashed[END]);
  }

  /**
   * {@link find} for a CSV cell that starts at `start` and ends before the first `delimiter`, LF,
   * CR or the text's end, found in the same pass as the hash; {@link cellEnd} says where it ended.
   */
  findCell(text: string, start: number, delimiter: number): number {
    const code = this.lookup(hashRange(text, start, text.length, delimiter), text, start, hashed[END]);
    this.cellEnd = hashed[END];
    return code;
  }

  /**
   * {@link findCell} over the UTF-8 bytes of a cell of ASCII chars; {@link NOT_ASCII} when the cell
   * has another byte (its chars are then for a string lookup to find).
   */
  findBytes(bytes: Uint8Array, start: number, delimiter: number): number {
    const hash = hashBytes(bytes, start, bytes.length, delimiter);
    if (hash === 0) return NOT_ASCII;
    const end = hashed[END];
    this.cellEnd = end;
    return this.lookup(hash, bytes, start, end);
  }

  private lookup(hash: number, text: string | Uint8Array, start: number, end: number): number {
    const table = this.table;
    const kind = hashed[KIND];
    const low = hashed[LOW];
    const high = hashed[HIGH];
    for (let slot = (hash >>> 1) & this.mask; ; slot = (slot + 1) & this.mask) {
      const at = slot * SLOT_INTS;
      const h = table[at];
      if (h === 0) return -1;
      if (h !== hash) continue;
      const codeAndKind = table[at + 1];
      if (codeAndKind >>> KIND_SHIFT !== kind) continue;
      if (kind === POOLED ? this.samePooled(table[at + 2], table[at + 3], text, start, end) : table[at + 2] === low && table[at + 3] === high) {
        return codeAndKind & CODE_MASK;
      }
    }
  }

  /** Adds `text[start, end)` (the whole text by default), known not to be in the dictionary yet; returns its code. */
  add(text: string, start = 0, end = text.length): number {
    return this.addHashed(hashRange(text, start, end), text, start, end);
  }

  /** {@link add} of chars just hashed to `hash` ({@link hashed} still holds what that left). */
  private addHashed(hash: number, text: string, start: number, end: number): number {
    const at = this.roomFor(end - start);
    const chars = this.chars;
    for (let i = start; i < end; i++) chars[at + i - start] = text.charCodeAt(i);
    return this.insert(hash, at, end - start);
  }

  /** {@link add} for the ASCII bytes of a cell, `bytes[start, end)`. */
  addBytes(bytes: Uint8Array, start: number, end: number): number {
    const hash = hashBytes(bytes, start, end, NO_STOP);
    const at = this.roomFor(end - start);
    const chars = this.chars;
    for (let i = start; i < end; i++) chars[at + i - start] = bytes[i];
    return this.insert(hash, at, end - start);
  }

  get size(): number {
    return this.count;
  }

  /** The values in code order, made as strings now (ingest itself never asks for them). */
  values(): string[] {
    return unpackValues({ chars: this.chars.subarray(0, this.charCount), ends: this.ends.subarray(0, this.count) });
  }

  /** The values in code order, packed (copies: later values do not change them). */
  pack(): PackedValues {
    return { chars: this.chars.slice(0, this.charCount), ends: this.ends.slice(0, this.count) };
  }

  /**
   * The codes here of another dictionary's {@link pack}ed values, by that dictionary's code; values
   * new here are added in that dictionary's order (so first-seen order holds across the two).
   */
  recode(packed: PackedValues): Int32Array {
    const text = packedText(packed.chars);
    const ends = packed.ends;
    const codes = new Int32Array(ends.length);
    let start = 0;
    for (let k = 0; k < ends.length; k++) {
      const end = ends[k];
      const hash = hashRange(text, start, end);
      const code = this.lookup(hash, text, start, end);
      codes[k] = code >= 0 ? code : this.addHashed(hash, text, start, end);
      start = end;
    }
    return codes;
  }

  /** Where `length` more chars go in {@link chars}, grown to hold them. */
  private roomFor(length: number): number {
    this.chars = grown(this.chars, this.charCount + length);
    return this.charCount;
  }

  /**
   * Gives the `length` chars just written at `start` the next code; `hash` is theirs, and
   * {@link hashed} still holds what hashing them left.
   */
  private insert(hash: number, start: number, length: number): number {
    const code = this.count;
    if (code > CODE_MASK) throw new RangeError(`a dictionary holds at most ${CODE_MASK + 1} values`);
    this.ends = grown(this.ends, code + 1);
    this.ends[code] = this.charCount = start + length;
    this.count = code + 1;
    if (this.count * 2 > this.table.length / SLOT_INTS) this.resize((this.table.length / SLOT_INTS) * 2);
    const table = this.table;
    let slot = (hash >>> 1) & this.mask;
    while (table[slot * SLOT_INTS] !== 0) slot = (slot + 1) & this.mask;
    const at = slot * SLOT_INTS;
    table[at] = hash;
    const kind = hashed[KIND];
    table[at + 1] = code | (kind << KIND_SHIFT);
    table[at + 2] = kind === POOLED ? start : hashed[LOW];
    table[at + 3] = kind === POOLED ? length : hashed[HIGH];
    return code;
  }

  private samePooled(offset: number, length: number, text: string | Uint8Array, start: number, end: number): boolean {
    if (length !== end - start) return false;
    const chars = this.chars;
    if (typeof text === 'string') {
      for (let i = 0; i < length; i++) if (chars[offset + i] !== text.charCodeAt(start + i)) return false;
    } else {
      for (let i = 0; i < length; i++) if (chars[offset + i] !== text[start + i]) return false;
    }
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

// Idle instances kept for their hidden classes (shapes.ts).
keepShape(new GrowableColumn(Int32Array, 16));
keepShape(new Dictionary());

/**
 * Looks up dictionary codes of strings straight from their place in the source text: a hash table
 * over char codes, so the common case (an id seen before) creates no substring at all. The table
 * keeps each entry's hash and a copy of its chars in one flat pool, so a lookup touches two
 * contiguous arrays rather than scattered string objects. New strings are added to the builder's
 * dictionary (the one source of codes) and remembered here.
 */

/** The dictionary being filled: how to add a value and get its code. */
export interface DictionaryTarget {
  code(value: string): number;
}

function hashRange(text: string, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h | 1; // never 0, which marks an empty slot
}

/**
 * A copy of a substring that does not keep the whole source text alive (engines may represent a
 * long substring as a view into its parent; flattening a concatenation makes an independent string).
 */
export function detach(value: string): string {
  return value.length < 13 ? value : (' ' + value).slice(1);
}

/** Finds and adds strings of one dictionary by their text range. */
export class Interner {
  /** Per slot: hash, code, pool offset, length (hash 0 = empty). */
  private table = new Int32Array(4 * 1024);
  private mask = 1023;
  private size = 0;
  private pool = new Uint16Array(16 * 1024);
  private poolLength = 0;

  constructor(private readonly dictionary: DictionaryTarget) {}

  /** The code of `text[start, end)`, or -1 when this interner has not seen it. */
  find(text: string, start: number, end: number): number {
    const table = this.table;
    const pool = this.pool;
    const length = end - start;
    const hash = hashRange(text, start, end);
    for (let slot = hash & this.mask; ; slot = (slot + 1) & this.mask) {
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

  /** The code of a string, adding it to the dictionary (and this table) when new. */
  add(value: string): number {
    const existing = this.find(value, 0, value.length);
    if (existing >= 0) return existing;
    const code = this.dictionary.code(detach(value));
    if (++this.size * 2 > this.table.length >> 2) this.grow();
    if (this.poolLength + value.length > this.pool.length) {
      const pool = new Uint16Array(Math.max(this.pool.length * 2, this.poolLength + value.length));
      pool.set(this.pool);
      this.pool = pool;
    }
    const offset = this.poolLength;
    for (let i = 0; i < value.length; i++) this.pool[offset + i] = value.charCodeAt(i);
    this.poolLength += value.length;
    this.insert(hashRange(value, 0, value.length), code, offset, value.length);
    return code;
  }

  private insert(hash: number, code: number, offset: number, length: number): void {
    let slot = hash & this.mask;
    while (this.table[slot << 2] !== 0) slot = (slot + 1) & this.mask;
    const at = slot << 2;
    this.table[at] = hash;
    this.table[at + 1] = code;
    this.table[at + 2] = offset;
    this.table[at + 3] = length;
  }

  private grow(): void {
    const old = this.table;
    this.table = new Int32Array(old.length * 2);
    this.mask = (this.table.length >> 2) - 1;
    for (let at = 0; at < old.length; at += 4) if (old[at] !== 0) this.insert(old[at], old[at + 1], old[at + 2], old[at + 3]);
  }
}

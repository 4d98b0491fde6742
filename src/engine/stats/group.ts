/** Grouping rows by an int key without row objects: a counting sort into compressed groups. */
import { NO_FLAGS } from './absent.js';

/** Rows grouped by key: the rows of key k are `rows[offsets[k] .. offsets[k + 1])`, in source order. */
export interface Groups {
  readonly offsets: Int32Array;
  readonly rows: Int32Array;
}

/**
 * Groups row numbers 0..keys.length-1 by `keys[row]` (0..keyCount-1), keeping only rows whose
 * `include[row]` is not 0 and whose key is not below 0.
 */
export function groupRows(keys: Int32Array, keyCount: number, include: Uint8Array): Groups {
  const offsets = new Int32Array(keyCount + 1);
  const rows = new Int32Array(countPerKey(keys, include, offsets));
  scatterRows(keys, include, offsets, rows);
  return { offsets, rows };
}

/*
 * Loops below are kernels (typed arrays and numbers only): see "Hot loops are kernels" in
 * docs/architecture.md.
 */

/**
 * Compressed-row offsets of int keys into `offsets` (keyCount + 1 zeros): `offsets[k + 1]` ends up as
 * the end of key k's rows. Rows with a key below 0, or whose `include[row]` is 0, are left out;
 * an empty `include` ({@link NO_FLAGS}) includes every row. Returns how many rows are in.
 */
export function countPerKey(keys: Int32Array, include: Uint8Array, offsets: Int32Array): number {
  const all = include.length === 0;
  for (let row = 0; row < keys.length; row++) if (keys[row] >= 0 && (all || include[row] !== 0)) offsets[keys[row] + 1]++;
  for (let k = 1; k < offsets.length; k++) offsets[k] += offsets[k - 1];
  return offsets[offsets.length - 1];
}

function scatterRows(keys: Int32Array, include: Uint8Array, offsets: Int32Array, rows: Int32Array): void {
  const next = offsets.slice(0, offsets.length - 1);
  for (let row = 0; row < keys.length; row++) if (keys[row] >= 0 && include[row] !== 0) rows[next[keys[row]]++] = row;
}

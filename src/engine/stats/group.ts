/** Grouping rows by an int key without row objects: a counting sort into compressed groups. */

/** Rows grouped by key: the rows of key k are `rows[offsets[k] .. offsets[k + 1])`, in source order. */
export interface Groups {
  readonly offsets: Int32Array;
  readonly rows: Int32Array;
}

/**
 * Groups row numbers 0..keys.length-1 by `keys[row]` (0..keyCount-1), keeping only rows whose
 * `include[row]` is 1 (0 leaves a row out; all rows when omitted).
 */
export function groupRows(keys: Int32Array, keyCount: number, include?: Uint8Array): Groups {
  const mask = include ?? new Uint8Array(keys.length).fill(1);
  const offsets = new Int32Array(keyCount + 1);
  const rows = new Int32Array(countIncluded(keys, mask, offsets));
  scatterRows(keys, mask, offsets, rows);
  return { offsets, rows };
}

/** Fills compressed-row offsets of the included rows per key; returns how many rows are included. */
function countIncluded(keys: Int32Array, include: Uint8Array, offsets: Int32Array): number {
  for (let row = 0; row < keys.length; row++) offsets[keys[row] + 1] += include[row];
  for (let k = 1; k < offsets.length; k++) offsets[k] += offsets[k - 1];
  return offsets[offsets.length - 1];
}

function scatterRows(keys: Int32Array, include: Uint8Array, offsets: Int32Array, rows: Int32Array): void {
  const next = offsets.slice(0, offsets.length - 1);
  for (let row = 0; row < keys.length; row++) if (include[row] === 1) rows[next[keys[row]]++] = row;
}

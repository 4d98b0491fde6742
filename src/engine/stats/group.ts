/** Grouping rows by an int key without row objects: a counting sort into compressed groups. */

/** Rows grouped by key: the rows of key k are `rows[offsets[k] .. offsets[k + 1])`, in source order. */
export interface Groups {
  readonly offsets: Int32Array;
  readonly rows: Int32Array;
}

/**
 * Groups row numbers 0..keys.length-1 by `keys[row]` (0..keyCount-1), keeping only rows for which
 * `include(row)` is true (all rows when omitted).
 */
export function groupRows(keys: Int32Array, keyCount: number, include?: (row: number) => boolean): Groups {
  const offsets = new Int32Array(keyCount + 1);
  for (let row = 0; row < keys.length; row++) if (!include || include(row)) offsets[keys[row] + 1]++;
  for (let k = 0; k < keyCount; k++) offsets[k + 1] += offsets[k];
  const rows = new Int32Array(offsets[keyCount]);
  const next = offsets.slice(0, keyCount);
  for (let row = 0; row < keys.length; row++) if (!include || include(row)) rows[next[keys[row]]++] = row;
  return { offsets, rows };
}

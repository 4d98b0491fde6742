/** Synthetic RFM customers in well separated groups, for the clustering tests. */
import { mulberry32, normal } from '../../../src/engine/math/random.js';

/** A planted group: typical recency (days), frequency and monetary value. */
export interface Planted {
  readonly recency: number;
  readonly frequency: number;
  readonly monetary: number;
  readonly size: number;
}

/**
 * Customers of each group with multiplicative noise exp(N(0, spread)), shuffled so groups are not
 * contiguous. `truth[i]` is the planted group of customer i.
 */
export function plantedCustomers(groups: readonly Planted[], seed: number, spread = 0.08) {
  const random = mulberry32(seed);
  const n = groups.reduce((s, g) => s + g.size, 0);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const recency = new Float64Array(n);
  const frequency = new Float64Array(n);
  const monetary = new Float64Array(n);
  const truth = new Int32Array(n);
  let next = 0;
  groups.forEach((g, label) => {
    for (let c = 0; c < g.size; c++) {
      const i = order[next++];
      truth[i] = label;
      recency[i] = Math.round(g.recency * Math.exp(spread * normal(random)));
      frequency[i] = Math.max(1, Math.round(g.frequency * Math.exp(spread * normal(random))));
      monetary[i] = g.monetary * Math.exp(spread * normal(random));
    }
  });
  return { recency, frequency, monetary, truth };
}

/** Adjusted Rand index (Hubert & Arabie 1985) of two labelings: 1 for identical partitions. */
export function adjustedRandIndex(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const table = new Map<string, number>();
  const rows = new Map<number, number>();
  const cols = new Map<number, number>();
  for (let i = 0; i < a.length; i++) {
    const key = `${a[i]},${b[i]}`;
    table.set(key, (table.get(key) ?? 0) + 1);
    rows.set(a[i], (rows.get(a[i]) ?? 0) + 1);
    cols.set(b[i], (cols.get(b[i]) ?? 0) + 1);
  }
  const pairs = (x: number) => (x * (x - 1)) / 2;
  let index = 0;
  for (const v of table.values()) index += pairs(v);
  let sumRows = 0;
  for (const v of rows.values()) sumRows += pairs(v);
  let sumCols = 0;
  for (const v of cols.values()) sumCols += pairs(v);
  const expected = (sumRows * sumCols) / pairs(a.length);
  const max = (sumRows + sumCols) / 2;
  return (index - expected) / (max - expected);
}

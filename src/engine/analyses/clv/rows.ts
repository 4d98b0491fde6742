/**
 * Likelihood inputs compressed to distinct rows with counts: customers with the same history
 * contribute the same term, and day-resolution feeds have many of them (most one-time buyers share
 * x = 0, t_x = 0 and a handful of T values). Each row also knows its slot among the distinct x values,
 * since the Γ terms of the likelihoods depend on x alone.
 */
import { subsampleStride, WARM_UP_SIZE } from './fit.js';
import type { CustomerSummary } from './summary.js';

/** Distinct (x, t_x, T) rows, their counts and x slots. */
export interface WeightedRows {
  readonly length: number;
  /** Customers behind the rows (the sum of the weights). */
  readonly customers: number;
  readonly x: Float64Array;
  readonly tx: Float64Array;
  readonly T: Float64Array;
  /** How many customers share the row. */
  readonly weight: Float64Array;
  /** Distinct x values. */
  readonly xs: Float64Array;
  /** Index of each row's x in `xs`. */
  readonly slot: Int32Array;
}

/**
 * Compresses parallel (x, t_x, T) arrays, dividing times by `scale`. Rows come out sorted by x, then
 * T, then t_x, so terms shared by neighbours (same x and T) can be reused.
 */
export function weightedRows(x: Float64Array, tx: Float64Array, T: Float64Array, scale: number): WeightedRows {
  const index = new Map<string, number>();
  // firsts[row] = the first customer with that history; counts by that customer's position.
  const firsts = new Int32Array(x.length);
  const counts = new Float64Array(x.length);
  let length = 0;
  for (let i = 0; i < x.length; i++) {
    const key = `${x[i]} ${tx[i]} ${T[i]}`;
    const first = index.get(key);
    if (first === undefined) {
      index.set(key, i);
      firsts[length++] = i;
      counts[i] = 1;
    } else {
      counts[first]++;
    }
  }
  const order = firsts.subarray(0, length).sort((i, j) => x[i] - x[j] || T[i] - T[j] || tx[i] - tx[j]);
  const slots = new Map<number, number>();
  const out = {
    x: new Float64Array(length),
    tx: new Float64Array(length),
    T: new Float64Array(length),
    weight: new Float64Array(length),
    slot: new Int32Array(length),
  };
  for (let row = 0; row < length; row++) {
    const i = order[row];
    out.x[row] = x[i];
    out.tx[row] = tx[i] / scale;
    out.T[row] = T[i] / scale;
    out.weight[row] = counts[i];
    let k = slots.get(x[i]);
    if (k === undefined) {
      k = slots.size;
      slots.set(x[i], k);
    }
    out.slot[row] = k;
  }
  return { length, customers: x.length, ...out, xs: Float64Array.from(slots.keys()) };
}

/**
 * The rows of a deterministic subsample (every k-th customer, about {@link WARM_UP_SIZE} of them) when
 * the summary is large enough for a warm-up fit to pay, else undefined.
 */
export function subsampleRows(summary: CustomerSummary, scale: number): WeightedRows | undefined {
  const stride = subsampleStride(summary.length);
  if (stride === 0) return undefined;
  const pick = (values: Float64Array) => values.filter((_, i) => i % stride === 0);
  return weightedRows(pick(summary.x), pick(summary.tx), pick(summary.T), scale);
}

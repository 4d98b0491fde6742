/**
 * Likelihood inputs compressed to distinct rows with counts: customers with the same history
 * contribute the same term, and day-resolution feeds have many of them (most one-time buyers share
 * x = 0, t_x = 0 and a handful of T values). Each row also knows its slot among the distinct x values,
 * since the Γ terms of the likelihoods depend on x alone.
 */
import { derived } from '../../dataset/derived.js';
import { subsampleStride } from './fit.js';
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

/** Customers grouped by identical history (x, t_x, T), histories sorted by x, then T, then t_x. */
export interface DistinctHistories {
  readonly length: number;
  /** The first customer (position in the input arrays) with each history. */
  readonly first: Int32Array;
  /** How many customers share each history. */
  readonly weight: Float64Array;
  /** The history of every customer (input position -> history index). */
  readonly of: Int32Array;
}

/**
 * 0-based ranks of the distinct values (equal values share a rank) and how many there are, or
 * undefined when a value is NaN (it has no place in the order).
 */
function denseRanks(values: Float64Array): { rank: Float64Array; count: number } | undefined {
  const sorted = Float64Array.from(values).sort();
  let count = 0;
  for (let i = 0; i < sorted.length; i++) {
    if (Number.isNaN(sorted[i])) return undefined;
    if (i === 0 || sorted[i] !== sorted[count - 1]) sorted[count++] = sorted[i];
  }
  const rank = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    let lo = 0;
    let hi = count - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] < v) lo = mid + 1;
      else hi = mid;
    }
    rank[i] = lo;
  }
  return { rank, count };
}

/**
 * Input positions ordered by x, then T, then t_x, then position. Packs the three ranks and the
 * position into one exact integer per customer so a native numeric sort does the work; falls back to
 * a comparator when the key would not fit in 2^53 (or a value is NaN).
 */
function historyOrder(x: Float64Array, tx: Float64Array, T: Float64Array): Int32Array {
  const n = x.length;
  const rx = denseRanks(x);
  const rT = denseRanks(T);
  const rtx = denseRanks(tx);
  if (rx && rT && rtx && rx.count * rT.count * rtx.count * n <= Number.MAX_SAFE_INTEGER) {
    const keys = new Float64Array(n);
    for (let i = 0; i < n; i++) keys[i] = ((rx.rank[i] * rT.count + rT.rank[i]) * rtx.count + rtx.rank[i]) * n + i;
    keys.sort();
    const order = new Int32Array(n);
    for (let k = 0; k < n; k++) order[k] = keys[k] % n;
    return order;
  }
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  return order.sort((i, j) => x[i] - x[j] || T[i] - T[j] || tx[i] - tx[j] || i - j);
}

/** Groups parallel (x, t_x, T) arrays into distinct histories (see {@link DistinctHistories}). */
export function distinctHistories(x: Float64Array, tx: Float64Array, T: Float64Array): DistinctHistories {
  const n = x.length;
  const order = historyOrder(x, tx, T);
  const first = new Int32Array(n);
  const weight = new Float64Array(n);
  const of = new Int32Array(n);
  let length = 0;
  for (let k = 0; k < n; k++) {
    const i = order[k];
    const p = length > 0 ? first[length - 1] : -1;
    if (p < 0 || x[i] !== x[p] || T[i] !== T[p] || tx[i] !== tx[p]) first[length++] = i;
    weight[length - 1]++;
    of[i] = length - 1;
  }
  return { length, first: first.slice(0, length), weight: weight.slice(0, length), of };
}

/** The weighted rows of distinct histories, times divided by `scale`. */
function rowsOf(histories: DistinctHistories, x: Float64Array, tx: Float64Array, T: Float64Array, scale: number): WeightedRows {
  const { length, first } = histories;
  const out = {
    x: new Float64Array(length),
    tx: new Float64Array(length),
    T: new Float64Array(length),
    slot: new Int32Array(length),
  };
  const xs: number[] = [];
  for (let row = 0; row < length; row++) {
    const i = first[row];
    out.x[row] = x[i];
    out.tx[row] = tx[i] / scale;
    out.T[row] = T[i] / scale;
    // Rows come sorted by x: a new x value starts a new slot.
    if (xs.length === 0 || xs[xs.length - 1] !== x[i]) xs.push(x[i]);
    out.slot[row] = xs.length - 1;
  }
  return { length, customers: x.length, ...out, weight: histories.weight, xs: Float64Array.from(xs) };
}

/**
 * Compresses parallel (x, t_x, T) arrays, dividing times by `scale`. Rows come out sorted by x, then
 * T, then t_x, so terms shared by neighbours (same x and T) can be reused.
 */
export function weightedRows(x: Float64Array, tx: Float64Array, T: Float64Array, scale: number): WeightedRows {
  return rowsOf(distinctHistories(x, tx, T), x, tx, T, scale);
}

/** The distinct histories of a summary, computed once per summary (summaries are read-only). */
export function summaryHistories(summary: CustomerSummary): DistinctHistories {
  return derived(summary, 'histories', () => distinctHistories(summary.x, summary.tx, summary.T));
}

/** {@link weightedRows} of a summary, computed once per summary and scale. */
export function summaryRows(summary: CustomerSummary, scale: number): WeightedRows {
  return derived(summary, `rows ${scale}`, () => rowsOf(summaryHistories(summary), summary.x, summary.tx, summary.T, scale));
}

/**
 * The rows of a deterministic subsample (every k-th customer, about `WARM_UP_SIZE` of them) when
 * the summary is large enough for a warm-up fit to pay, else undefined.
 */
export function subsampleRows(summary: CustomerSummary, scale: number): WeightedRows | undefined {
  const stride = subsampleStride(summary.length);
  if (stride === 0) return undefined;
  const pick = (values: Float64Array) => values.filter((_, i) => i % stride === 0);
  return weightedRows(pick(summary.x), pick(summary.tx), pick(summary.T), scale);
}

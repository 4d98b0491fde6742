/**
 * Likelihood inputs compressed to distinct rows with counts: customers with the same history
 * contribute the same term, and day-resolution feeds have many of them (most one-time buyers share
 * x = 0, t_x = 0 and a handful of T values). Each row also knows its slot among the distinct x values,
 * since the Γ terms of the likelihoods depend on x alone.
 */
import { derived } from '../../dataset/derived.js';
import { ascendingOrder } from '../../math/sort.js';
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
  /** Distinct T values (day-resolution data have a few hundred), so terms of T alone are computed once per value. */
  readonly Ts: Float64Array;
  /** Index of each row's T in `Ts`. */
  readonly TSlot: Int32Array;
  /** Distinct t_x values. */
  readonly txs: Float64Array;
  /** Index of each row's t_x in `txs`. */
  readonly txSlot: Int32Array;
}

/** A column's distinct values, ascending, and the index among them of every entry. */
export interface DistinctColumn {
  readonly values: Float64Array;
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
  /** Distinct values of each input column, slots by input position: found along the sorts of the grouping. */
  readonly columns: { readonly x: DistinctColumn; readonly tx: DistinctColumn; readonly T: DistinctColumn };
}

/* Loops below are kernels: see "Hot loops are kernels" in docs/architecture.md. */

/** The distinct values of a column and every entry's slot, from an order ascending by that column. */
function distinctAlong(column: Float64Array, order: Int32Array): DistinctColumn {
  const slot = new Int32Array(column.length);
  const values = new Float64Array(order.length);
  const count = slotsAlong(column, order, values, slot);
  return { values: values.slice(0, count), slot };
}

/** Writes the distinct values along `order` into `values` and each entry's slot; returns how many. */
function slotsAlong(column: Float64Array, order: Int32Array, values: Float64Array, slot: Int32Array): number {
  let count = 0;
  for (let k = 0; k < order.length; k++) {
    const v = column[order[k]];
    if (count === 0 || values[count - 1] !== v) values[count++] = v;
    slot[order[k]] = count - 1;
  }
  return count;
}

/** The distinct values of a column and every entry's slot among them. */
export function distinctColumn(column: Float64Array): DistinctColumn {
  return distinctAlong(column, ascendingOrder(column));
}

/**
 * Groups parallel (x, t_x, T) arrays into distinct histories (see {@link DistinctHistories}). Input
 * positions are ordered by x, then T, then t_x, then position by three stable radix sorts, the last key
 * first; each sort's order also gives that column's distinct values.
 */
export function distinctHistories(x: Float64Array, tx: Float64Array, T: Float64Array): DistinctHistories {
  const n = x.length;
  const byTx = ascendingOrder(tx);
  const byT = ascendingOrder(T, byTx);
  const order = ascendingOrder(x, byT);
  const first = new Int32Array(n);
  const weight = new Float64Array(n);
  const of = new Int32Array(n);
  const length = groupAlong(order, x, tx, T, first, weight, of);
  const columns = { x: distinctAlong(x, order), tx: distinctAlong(tx, byTx), T: distinctAlong(T, byT) };
  return { length, first: first.slice(0, length), weight: weight.slice(0, length), of, columns };
}

/**
 * Groups positions along `order` (sorted by x, T, t_x) into histories: each one's first position,
 * its count and every position's history. Returns the number of histories.
 */
function groupAlong(order: Int32Array, x: Float64Array, tx: Float64Array, T: Float64Array, first: Int32Array, weight: Float64Array, of: Int32Array): number {
  let length = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k];
    const p = length > 0 ? first[length - 1] : -1;
    if (p < 0 || x[i] !== x[p] || T[i] !== T[p] || tx[i] !== tx[p]) first[length++] = i;
    weight[length - 1]++;
    of[i] = length - 1;
  }
  return length;
}

/** Each history's slot in a column's distinct values. */
function historySlots(histories: DistinctHistories, column: DistinctColumn): Int32Array {
  const slots = new Int32Array(histories.length);
  gatherAt(histories.first, column.slot, slots);
  return slots;
}

/** `out[k] = values[at[k]]` for every k. */
function gatherAt(at: Int32Array, values: Int32Array, out: Int32Array): void {
  for (let k = 0; k < at.length; k++) out[k] = values[at[k]];
}

/** `out[k] = values[at[k]] / scale` for every k. */
function gatherScaled(at: Int32Array, values: Float64Array, scale: number, out: Float64Array): void {
  for (let k = 0; k < at.length; k++) out[k] = values[at[k]] / scale;
}

/** The weighted rows of distinct histories, times divided by `scale`. */
function rowsOf(histories: DistinctHistories, x: Float64Array, tx: Float64Array, T: Float64Array, scale: number): WeightedRows {
  const { length, first, columns } = histories;
  const rowX = new Float64Array(length);
  const rowTx = new Float64Array(length);
  const rowT = new Float64Array(length);
  gatherScaled(first, x, 1, rowX);
  gatherScaled(first, tx, scale, rowTx);
  gatherScaled(first, T, scale, rowT);
  // Rescaled distinct times may round together: equal table entries, harmless.
  return {
    length,
    customers: x.length,
    x: rowX,
    tx: rowTx,
    T: rowT,
    weight: histories.weight,
    xs: columns.x.values,
    slot: historySlots(histories, columns.x),
    Ts: columns.T.values.map((v) => v / scale),
    TSlot: historySlots(histories, columns.T),
    txs: columns.tx.values.map((v) => v / scale),
    txSlot: historySlots(histories, columns.tx),
  };
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
  return weightedRows(everyKth(summary.x, stride), everyKth(summary.tx, stride), everyKth(summary.T, stride), scale);
}

/** Entries 0, k, 2k, ... of a column: the deterministic subsample the warm-up fits run on. */
export function everyKth(values: Float64Array, k: number): Float64Array {
  const out = new Float64Array(Math.ceil(values.length / k));
  for (let i = 0, j = 0; i < values.length; i += k) out[j++] = values[i];
  return out;
}

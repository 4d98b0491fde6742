/** Raw per-customer values to 0-100 scores, over the customers that take part. */
import { ascendingOrder } from '../../math/sort.js';

/** How raw values become 0-100 scores (see `ValueTierOptionsSchema.normalisation`). */
export type Normalisation = 'percentile' | 'min-max';

/** The scores of one axis, and the same scores of the customers that take part in ascending order. */
export interface AxisScores {
  /** One score per Dataset customer; NaN for the customers that do not take part. */
  readonly scores: Float64Array;
  /** The finite scores, ascending (both methods are monotone in the value): the axis median and minimum come from it. */
  readonly sorted: Float64Array;
}

/**
 * {@link normaliseScores} with the sorted scores. One radix sort of the values serves both methods:
 * percentile ranks are the tie groups' average positions (pandas `rank(pct=True)`, as
 * `percentileRanks` of stats/rank.ts), computed with the same floating-point steps.
 */
export function axisScores(values: Float64Array, include: Uint8Array, method: Normalisation): AxisScores {
  const scores = new Float64Array(values.length).fill(NaN);
  const m = countTakingPart(values, include);
  const members = new Int32Array(m);
  const compact = new Float64Array(m);
  gatherTakingPart(values, include, members, compact);
  const order = ascendingOrder(compact);
  const sorted = new Float64Array(m);
  if (method === 'percentile') percentileScores(compact, order, members, scores, sorted);
  else minMaxScores(compact, order, members, scores, sorted);
  return { scores, sorted };
}

/*
 * The loops are kernels (typed arrays and numbers only): their optimised code survives the garbage
 * collections between a dashboard's loads, where code reading plain objects would be thrown away.
 */

/** Customers that take part: `include[c]` set and a finite value. */
function countTakingPart(values: Float64Array, include: Uint8Array): number {
  let m = 0;
  for (let c = 0; c < values.length; c++) if (include[c] && Number.isFinite(values[c])) m++;
  return m;
}

/** The customers that take part and their values, in customer order. */
function gatherTakingPart(values: Float64Array, include: Uint8Array, members: Int32Array, compact: Float64Array): void {
  let m = 0;
  for (let c = 0; c < values.length; c++) {
    if (!include[c] || !Number.isFinite(values[c])) continue;
    members[m] = c;
    compact[m++] = values[c];
  }
}

/** Percentile-rank scores (tie groups' average positions) of `compact` in ascending `order`, into `scores` by member and `sorted`. */
function percentileScores(compact: Float64Array, order: Int32Array, members: Int32Array, scores: Float64Array, sorted: Float64Array): void {
  const m = compact.length;
  for (let start = 0; start < m; ) {
    const v = compact[order[start]];
    let end = start + 1;
    while (end < m && compact[order[end]] === v) end++;
    const score = 100 * ((start + 1 + end) / 2 / m);
    for (let k = start; k < end; k++) {
      scores[members[order[k]]] = score;
      sorted[k] = score;
    }
    start = end;
  }
}

/** Min-max scores (50 for all when every value is the same) of `compact` in ascending `order`, into `scores` by member and `sorted`. */
function minMaxScores(compact: Float64Array, order: Int32Array, members: Int32Array, scores: Float64Array, sorted: Float64Array): void {
  const m = compact.length;
  const min = m > 0 ? compact[order[0]] : 0;
  const span = m > 0 ? compact[order[m - 1]] - min : 0;
  for (let k = 0; k < m; k++) {
    const score = span > 0 ? (100 * (compact[order[k]] - min)) / span : 50;
    scores[members[order[k]]] = score;
    sorted[k] = score;
  }
}

/**
 * Scores of `values` (one per Dataset customer) among the customers with `include[c] = 1` and a
 * finite value; NaN for every other customer.
 */
export function normaliseScores(values: Float64Array, include: Uint8Array, method: Normalisation): Float64Array {
  return axisScores(values, include, method).scores;
}

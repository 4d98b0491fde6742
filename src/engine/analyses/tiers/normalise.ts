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
  const n = values.length;
  const scores = new Float64Array(n).fill(NaN);
  let m = 0;
  for (let c = 0; c < n; c++) if (include[c] && Number.isFinite(values[c])) m++;
  const members = new Int32Array(m);
  const compact = new Float64Array(m);
  m = 0;
  for (let c = 0; c < n; c++) {
    if (!include[c] || !Number.isFinite(values[c])) continue;
    members[m] = c;
    compact[m++] = values[c];
  }
  const order = ascendingOrder(compact);
  const sorted = new Float64Array(m);
  if (method === 'percentile') {
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
    return { scores, sorted };
  }
  const min = m > 0 ? compact[order[0]] : 0;
  const span = m > 0 ? compact[order[m - 1]] - min : 0;
  for (let k = 0; k < m; k++) {
    const score = span > 0 ? (100 * (compact[order[k]] - min)) / span : 50;
    scores[members[order[k]]] = score;
    sorted[k] = score;
  }
  return { scores, sorted };
}

/**
 * Scores of `values` (one per Dataset customer) among the customers with `include[c] = 1` and a
 * finite value; NaN for every other customer.
 */
export function normaliseScores(values: Float64Array, include: Uint8Array, method: Normalisation): Float64Array {
  return axisScores(values, include, method).scores;
}

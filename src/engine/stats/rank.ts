/** Ranks and percentile ranks of numeric columns, with the tie conventions analyses ask for. */
import { ascendingOrder } from '../math/sort.js';

/**
 * How tied values are ranked (as in R's `rank` and pandas `rank`):
 * `average` the mean of the tied positions, `min` / `max` the lowest / highest tied position,
 * `first` positions in order of appearance.
 */
export type TieMethod = 'average' | 'min' | 'max' | 'first';

/**
 * Indexes 0..n-1 ordered by value ascending, ties kept in order of appearance (stable); NaN last.
 * A radix sort (math/sort.ts): -0 orders just before +0, which otherwise tie.
 */
export function orderAscending(values: ArrayLike<number>): Int32Array {
  return ascendingOrder(values instanceof Float64Array ? values : Float64Array.from(values));
}

/**
 * 1-based ranks of the values; ties resolved by `ties` (default `average`). One sorted pass finds
 * each tie group's first and last position; `first` hands out a group's positions in order of
 * appearance. NaN values are each their own group, ranked last.
 */
export function rank(values: ArrayLike<number>, ties: TieMethod = 'average'): Float64Array {
  const order = orderAscending(values);
  const ranks = new Float64Array(values.length);
  let start = 0;
  while (start < order.length) {
    let end = start + 1;
    while (end < order.length && values[order[end]] === values[order[start]]) end++;
    // a stable sort keeps a group in order of appearance, but for -0 next to +0
    if (ties === 'first' && end - start > 1) order.subarray(start, end).sort();
    const min = start + 1;
    const average = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) {
      ranks[order[k]] = ties === 'first' ? k + 1 : ties === 'min' ? min : ties === 'max' ? end : average;
    }
    start = end;
  }
  return ranks;
}

/**
 * Percentile ranks in (0, 1]: the average rank divided by n (pandas `rank(pct=True)`), so tied values
 * share one rank and the largest value gets 1. Multiply by 100 for a 0-100 score.
 */
export function percentileRanks(values: ArrayLike<number>): Float64Array {
  const ranks = rank(values, 'average');
  const n = values.length;
  for (let i = 0; i < n; i++) ranks[i] /= n;
  return ranks;
}

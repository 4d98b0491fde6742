/** Ranks and percentile ranks of numeric columns, with the tie conventions analyses ask for. */

/**
 * How tied values are ranked (as in R's `rank` and pandas `rank`):
 * `average` the mean of the tied positions, `min` / `max` the lowest / highest tied position,
 * `first` positions in order of appearance.
 */
export type TieMethod = 'average' | 'min' | 'max' | 'first';

/** Indexes 0..n-1 ordered by value ascending, ties kept in order of appearance (stable). */
export function orderAscending(values: ArrayLike<number>): Int32Array {
  const order = new Int32Array(values.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  return order.sort((a, b) => values[a] - values[b] || a - b);
}

/** 1-based ranks of the values; ties resolved by `ties` (default `average`). */
export function rank(values: ArrayLike<number>, ties: TieMethod = 'average'): Float64Array {
  const order = orderAscending(values);
  const ranks = new Float64Array(values.length);
  let start = 0;
  while (start < order.length) {
    let end = start + 1;
    while (end < order.length && values[order[end]] === values[order[start]]) end++;
    for (let k = start; k < end; k++) {
      const position = k + 1;
      ranks[order[k]] =
        ties === 'first' ? position : ties === 'min' ? start + 1 : ties === 'max' ? end : (start + 1 + end) / 2;
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

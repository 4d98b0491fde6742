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

/** Position of the first sorted value >= v (`after` false) or > v (`after` true). */
function bound(sorted: Float64Array, v: number, after: boolean): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < v || (after && sorted[mid] === v)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * 1-based ranks of the values; ties resolved by `ties` (default `average`). A native numeric sort of
 * the values and a binary search per value find each tie group's first and last position; `first`
 * hands out a group's positions in order of appearance.
 */
export function rank(values: ArrayLike<number>, ties: TieMethod = 'average'): Float64Array {
  const n = values.length;
  const sorted = Float64Array.from(values);
  for (let i = 0; i < n; i++) if (Number.isNaN(sorted[i])) return rankByOrder(values, ties);
  sorted.sort();
  const ranks = new Float64Array(n);
  const taken = ties === 'first' ? new Int32Array(n) : undefined;
  for (let i = 0; i < n; i++) {
    const start = bound(sorted, values[i], false);
    if (taken) {
      ranks[i] = start + ++taken[start];
      continue;
    }
    const end = bound(sorted, values[i], true);
    ranks[i] = ties === 'min' ? start + 1 : ties === 'max' ? end : (start + 1 + end) / 2;
  }
  return ranks;
}

/** {@link rank} through a stable index sort (the order NaN values get from the comparator). */
function rankByOrder(values: ArrayLike<number>, ties: TieMethod): Float64Array {
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

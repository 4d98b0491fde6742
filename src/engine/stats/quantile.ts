/**
 * Quantiles as R computes them by default (`quantile(type = 7)`): linear interpolation between the
 * order statistics around h = (n - 1) p. RFM bin edges must match R to the last digit, so this follows
 * R's own arithmetic, fuzz included.
 */

/** R's `4 * .Machine$double.eps`: keeps an index like 3.9999999 from rounding down to 3. */
const FUZZ = 4 * Number.EPSILON;

/** A sorted copy of the values (typed-array sort is numeric). */
export function sortedCopy(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}

/**
 * The type-7 quantile at probability `p` (0..1) of values that are already sorted ascending.
 * NaN for an empty array.
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const index = (n - 1) * p;
  const lo = Math.floor(index + FUZZ);
  const hi = Math.min(Math.ceil(index - FUZZ), n - 1);
  const low = sorted[lo];
  const high = sorted[hi];
  const h = index - lo;
  if (h <= FUZZ || high === low) return low;
  return (1 - h) * low + h * high;
}

/** Type-7 quantiles of unsorted values at each probability. */
export function quantiles(values: ArrayLike<number>, probabilities: readonly number[]): number[] {
  const sorted = sortedCopy(values);
  return probabilities.map((p) => quantileSorted(sorted, p));
}

/** The median (type-7 quantile at 0.5); NaN for no values. */
export function median(values: ArrayLike<number>): number {
  return quantileSorted(sortedCopy(values), 0.5);
}

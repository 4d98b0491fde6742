/**
 * Quantiles as R computes them by default (`quantile(type = 7)`): linear interpolation between the
 * order statistics around h = (n - 1) p. RFM bin edges must match R to the last digit, so this follows
 * R's own arithmetic, fuzz included. Unsorted values are not sorted: the few order statistics needed
 * are selected (quickselect), which gives the same numbers in linear time.
 */

/** R's `4 * .Machine$double.eps`: keeps an index like 3.9999999 from rounding down to 3. */
const FUZZ = 4 * Number.EPSILON;

/** The order statistics (0-based positions in sorted order) a type-7 quantile at `p` reads: below and above h. */
function positions(n: number, p: number): { index: number; lo: number; hi: number } {
  const index = (n - 1) * p;
  return { index, lo: Math.floor(index + FUZZ), hi: Math.min(Math.ceil(index - FUZZ), n - 1) };
}

/** R's interpolation between the order statistics `low` (at position lo) and `high`. */
function interpolate(index: number, lo: number, low: number, high: number): number {
  const h = index - lo;
  if (h <= FUZZ || high === low) return low;
  return (1 - h) * low + h * high;
}

/**
 * The type-7 quantile at probability `p` (0..1) of values that are already sorted ascending.
 * NaN for an empty array.
 */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return NaN;
  const { index, lo, hi } = positions(sorted.length, p);
  return interpolate(index, lo, sorted[lo], sorted[hi]);
}

/**
 * Moves the value of sorted position k to a[k], smaller-or-equal values before it and greater-or-equal
 * after, within a[lo..hi]. Three-way partitions, so runs of ties (frequency counts) cost one pass.
 */
function select(a: Float64Array, k: number, lo: number, hi: number): void {
  while (hi > lo) {
    const x = a[lo];
    const y = a[(lo + hi) >> 1];
    const z = a[hi];
    const pivot = x < y ? (y < z ? y : x < z ? z : x) : x < z ? x : y < z ? z : y;
    let lt = lo;
    let gt = hi;
    let i = lo;
    while (i <= gt) {
      const v = a[i];
      if (v < pivot) {
        a[i++] = a[lt];
        a[lt++] = v;
      } else if (v > pivot) {
        a[i] = a[gt];
        a[gt--] = v;
      } else {
        i++;
      }
    }
    if (k < lt) hi = lt - 1;
    else if (k > gt) lo = gt + 1;
    else return;
  }
}

/** Type-7 quantiles of unsorted values at each probability (NaN for no values). */
export function quantiles(values: ArrayLike<number>, probabilities: readonly number[]): number[] {
  const n = values.length;
  if (n === 0) return probabilities.map(() => NaN);
  const a = Float64Array.from(values);
  for (let i = 0; i < n; i++) if (Number.isNaN(a[i])) return probabilities.map((p) => quantileSorted(a.sort(), p));
  const at = probabilities.map((p) => positions(n, p));
  // Select the needed positions in increasing order: each selection leaves everything after its
  // position >= it, so the next one searches only what lies beyond.
  const needed = [...new Set(at.flatMap(({ lo, hi }) => [lo, hi]))].sort((x, y) => x - y);
  let from = 0;
  for (const k of needed) {
    select(a, k, from, n - 1);
    from = k;
  }
  return at.map(({ index, lo, hi }) => interpolate(index, lo, a[lo], a[hi]));
}

/** The median (type-7 quantile at 0.5); NaN for no values. */
export function median(values: ArrayLike<number>): number {
  return quantiles(values, [0.5])[0];
}

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

/*
 * The selection and counting loops below are kernels (typed arrays and numbers only; see "Hot loops
 * are kernels" in docs/architecture.md), so they hand their two results back through `bounds`.
 */

/** `lt` and `gt` of the last {@link partition}. */
const bounds = new Int32Array(2);

/**
 * Three-way partition of a[lo..hi] around a median-of-three pivot: smaller values end before `lt`,
 * greater ones after `gt`, the pivot's ties in between (so runs of ties cost one pass). Leaves lt and
 * gt in {@link bounds}.
 */
function partition(a: Float64Array, lo: number, hi: number): void {
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
  bounds[0] = lt;
  bounds[1] = gt;
}

/** Moves the value of sorted position k to a[k] (quickselect within a[lo..hi]). */
function select(a: Float64Array, k: number, lo: number, hi: number): void {
  while (hi > lo) {
    partition(a, lo, hi);
    const lt = bounds[0];
    const gt = bounds[1];
    if (k < lt) hi = lt - 1;
    else if (k > gt) lo = gt + 1;
    else return;
  }
}

/**
 * Selects every position in `ks` (ascending, within a[lo..hi]) into place: one partition serves all
 * the positions on each side of it, and positions that land among the pivot's ties are done.
 */
function selectAll(a: Float64Array, ks: Int32Array, kFrom: number, kTo: number, lo: number, hi: number): void {
  if (kFrom >= kTo || hi <= lo) return;
  if (kTo - kFrom === 1) {
    select(a, ks[kFrom], lo, hi);
    return;
  }
  partition(a, lo, hi);
  const lt = bounds[0];
  const gt = bounds[1];
  let left = kFrom;
  while (left < kTo && ks[left] < lt) left++;
  let right = left;
  while (right < kTo && ks[right] <= gt) right++;
  selectAll(a, ks, kFrom, left, lo, lt - 1);
  selectAll(a, ks, right, kTo, gt + 1, hi);
}

/**
 * Order statistics of whole numbers in a narrow range by counting: `out[j]` = the value at sorted
 * position `ks[j]` (ascending). False (and `out` untouched) when the range is wider than a few times
 * the count.
 */
function countedPositions(values: Int32Array, ks: Int32Array, out: Float64Array): boolean {
  rangeOf(values);
  const min = bounds[0];
  const max = bounds[1];
  if (max - min > 4 * values.length + 1024) return false;
  const counts = new Int32Array(max - min + 1);
  for (let i = 0; i < values.length; i++) counts[values[i] - min]++;
  let below = 0;
  let v = 0;
  for (let j = 0; j < ks.length; j++) {
    while (below + counts[v] <= ks[j]) below += counts[v++];
    out[j] = min + v;
  }
  return true;
}

/** Leaves the smallest and largest value in {@link bounds}. */
function rangeOf(values: Int32Array): void {
  let min = values[0];
  let max = values[0];
  for (let i = 1; i < values.length; i++) {
    const v = values[i];
    if (v < min) min = v;
    else if (v > max) max = v;
  }
  bounds[0] = min;
  bounds[1] = max;
}

function hasNaN(a: Float64Array): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== a[i]) return true;
  return false;
}

/** Type-7 quantiles of unsorted values at each probability (NaN for no values). */
export function quantiles(values: ArrayLike<number>, probabilities: readonly number[]): number[] {
  const n = values.length;
  if (n === 0) return probabilities.map(() => NaN);
  const at = probabilities.map((p) => positions(n, p));
  const needed = Int32Array.from(new Set(at.flatMap(({ lo, hi }) => [lo, hi]))).sort();
  const found = new Float64Array(needed.length);
  if (!(values instanceof Int32Array && countedPositions(values, needed, found))) {
    const a = Float64Array.from(values);
    if (hasNaN(a)) a.sort();
    else selectAll(a, needed, 0, needed.length, 0, n - 1);
    for (let j = 0; j < needed.length; j++) found[j] = a[needed[j]];
  }
  const valueAt = (k: number) => found[needed.indexOf(k)];
  return at.map(({ index, lo, hi }) => interpolate(index, lo, valueAt(lo), valueAt(hi)));
}

/** The median (type-7 quantile at 0.5); NaN for no values. */
export function median(values: ArrayLike<number>): number {
  return quantiles(values, [0.5])[0];
}

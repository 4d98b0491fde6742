/**
 * Bin edges and bin numbers for one RFM dimension. Edges are returned whole (k + 1 values: the lowest
 * lower bound, the inner edges, the highest upper bound) so they read like R's threshold table.
 */
import { quantiles } from '../../stats/quantile.js';

/** How a dimension was binned: the full edge list and the number of bins. */
export interface Binning {
  readonly edges: number[];
  readonly bins: number;
  readonly rightClosed: boolean;
}

/**
 * The lowest value, the inner edges at probabilities 1/k .. (k-1)/k (type-7 quantiles) plus `shift`
 * (or the fixed ones given), and the highest value. R `rfm` adds 1 to each quantile, so with its
 * half-open bins a whole-number value equal to a quantile stays in the lower bin.
 */
function extremesAndInner(values: ArrayLike<number>, bins: number, shift: number, fixed: readonly number[] | undefined) {
  const probabilities = [0, 1];
  if (!fixed) for (let i = 1; i < bins; i++) probabilities.splice(i, 0, i / bins);
  const q = quantiles(values, probabilities);
  const inner = fixed ? [...fixed] : q.slice(1, -1).map((v) => v + shift);
  return { min: q[0], inner, max: q[q.length - 1] };
}

/**
 * Edges of one dimension. R convention: [min, quantiles + 1..., max + 1] with half-open bins (tied
 * edges leave an empty bin). qcut convention: [min, inner..., max] right-closed, repeated edges dropped.
 */
export function binEdges(values: ArrayLike<number>, bins: number, binning: 'r-rfm' | 'qcut', fixed?: readonly number[]): Binning {
  if (binning === 'r-rfm') {
    const { min, inner, max } = extremesAndInner(values, bins, 1, fixed);
    return { edges: [min, ...inner, max + 1], bins: inner.length + 1, rightClosed: false };
  }
  const { min, inner, max } = extremesAndInner(values, bins, 0, fixed);
  const edges = [min, ...inner, max].filter((e, i, all) => i === 0 || e !== all[i - 1]);
  return { edges, bins: Math.max(1, edges.length - 1), rightClosed: true };
}

/**
 * Bin number (1..bins) of a value. Half-open: 1 + the number of inner edges <= value.
 * Right-closed: the number of edges < value, at least 1 (the lowest bin includes its lower edge).
 */
export function binOf(value: number, binning: Binning): number {
  const { edges, bins } = binning;
  let count = 0;
  if (binning.rightClosed) {
    for (let i = 0; i < edges.length && edges[i] < value; i++) count++;
    return Math.min(bins, Math.max(1, count));
  }
  for (let i = 1; i < edges.length - 1 && edges[i] <= value; i++) count++;
  return count + 1;
}

/** The score of every value: its {@link binOf} bin, or bins + 1 - bin when `reversed` (recency). */
export function scoresOf(values: ArrayLike<number>, binning: Binning, reversed: boolean): Uint8Array {
  const scores = new Uint8Array(values.length);
  const { edges } = binning;
  let ascending = true;
  for (let e = 1; e < edges.length; e++) if (!(edges[e - 1] <= edges[e])) ascending = false;
  if (!ascending) {
    for (let i = 0; i < values.length; i++) {
      const bin = binOf(values[i], binning);
      scores[i] = reversed ? binning.bins + 1 - bin : bin;
    }
    return scores;
  }
  binAscending(values, Float64Array.from(binning.edges), binning.bins, binning.rightClosed, reversed, scores);
  return scores;
}

/**
 * {@link binOf} of every value with ascending edges: the count of edges below the value is a sum of
 * comparisons, no branches. A kernel (see "Hot loops are kernels" in docs/architecture.md).
 */
function binAscending(values: ArrayLike<number>, edges: Float64Array, bins: number, rightClosed: boolean, reversed: boolean, scores: Uint8Array): void {
  const flip = reversed ? bins + 1 : 0;
  const sign = reversed ? -1 : 1;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    let bin = 1;
    if (rightClosed) {
      let count = 0;
      for (let e = 0; e < edges.length; e++) count += +(edges[e] < v);
      bin = count < 1 ? 1 : count > bins ? bins : count;
    } else {
      for (let e = 1; e < edges.length - 1; e++) bin += +(edges[e] <= v);
    }
    scores[i] = flip + sign * bin;
  }
}

/**
 * Clustering features: log(1 + x) of each measure, then z-scores (population standard deviation, as
 * scikit-learn's StandardScaler), interleaved into one flat point array.
 */

/** Standardised points and the scaling that made them. */
export interface StandardisedFeatures {
  /** `n * dims` coordinates, point by point. */
  readonly points: Float64Array;
  readonly dims: number;
  /** Mean of log(1 + x) per dimension. */
  readonly mean: Float64Array;
  /** Population standard deviation of log(1 + x) per dimension (0 when constant: z is then 0). */
  readonly sd: Float64Array;
}

/**
 * log(1 + max(x, 0)) z-scores of equally long columns. Negative values (net refunds) count as 0 so
 * the logarithm stays defined.
 */
export function standardisedLogFeatures(columns: readonly ArrayLike<number>[]): StandardisedFeatures {
  const dims = columns.length;
  const n = columns[0].length;
  const points = new Float64Array(n * dims);
  const mean = new Float64Array(dims);
  const sd = new Float64Array(dims);
  for (let d = 0; d < dims; d++) {
    const column = columns[d];
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const v = Math.log1p(Math.max(column[i], 0));
      points[i * dims + d] = v;
      sum += v;
    }
    const mu = sum / n;
    let squares = 0;
    for (let i = 0; i < n; i++) {
      const diff = points[i * dims + d] - mu;
      squares += diff * diff;
    }
    const sigma = Math.sqrt(squares / n);
    for (let i = 0; i < n; i++) points[i * dims + d] = sigma > 0 ? (points[i * dims + d] - mu) / sigma : 0;
    mean[d] = mu;
    sd[d] = sigma;
  }
  return { points, dims, mean, sd };
}

/**
 * k-means over flat point arrays: k-means++ seeding from a seeded generator, then Lloyd iterations
 * until no point changes cluster. Points are one Float64Array, `dims` numbers per point.
 */
import { mulberry32, type Random } from '../../math/random.js';

/** Options of {@link kmeans}. */
export interface KMeansOptions {
  /** Seed of the k-means++ draws. */
  readonly seed: number;
  /** Upper bound on Lloyd iterations per start (default 300). */
  readonly maxIterations?: number;
  /** Independent k-means++ starts; the one with the lowest inertia wins (default 4). */
  readonly restarts?: number;
}

/** One k-means partition. */
export interface KMeansResult {
  /** Cluster index 0..k-1 of every point. */
  readonly assignments: Int32Array;
  /** `k * dims` centroid coordinates, cluster by cluster. */
  readonly centroids: Float64Array;
  /** Points per cluster. */
  readonly sizes: Int32Array;
  /** Sum of squared distances of the points to their centroids. */
  readonly inertia: number;
  /** Lloyd iterations the winning start ran. */
  readonly iterations: number;
  /** Whether the winning start stopped because no point moved (rather than at the iteration cap). */
  readonly converged: boolean;
}

function squaredDistance(points: Float64Array, i: number, centroids: Float64Array, c: number, dims: number): number {
  let sum = 0;
  const p = i * dims;
  const q = c * dims;
  for (let d = 0; d < dims; d++) {
    const diff = points[p + d] - centroids[q + d];
    sum += diff * diff;
  }
  return sum;
}

/** k-means++: the first centre uniformly, each next one with probability proportional to D(x)^2. */
function seedCentroids(points: Float64Array, n: number, dims: number, k: number, random: Random): Float64Array {
  const centroids = new Float64Array(k * dims);
  const nearest = new Float64Array(n).fill(Infinity);
  let chosen = Math.floor(random() * n);
  for (let c = 0; c < k; c++) {
    centroids.set(points.subarray(chosen * dims, chosen * dims + dims), c * dims);
    if (c === k - 1) break;
    let total = 0;
    for (let i = 0; i < n; i++) {
      const d = squaredDistance(points, i, centroids, c, dims);
      if (d < nearest[i]) nearest[i] = d;
      total += nearest[i];
    }
    // When every point already coincides with a centre, any point will do.
    if (total === 0) {
      chosen = Math.floor(random() * n);
      continue;
    }
    let target = random() * total;
    chosen = n - 1;
    for (let i = 0; i < n; i++) {
      target -= nearest[i];
      if (target < 0 && nearest[i] > 0) {
        chosen = i;
        break;
      }
    }
  }
  return centroids;
}

/** Assigns every point to its nearest centroid (lowest index on ties); returns how many moved. */
function assign(points: Float64Array, n: number, dims: number, centroids: Float64Array, k: number, assignments: Int32Array, distances: Float64Array): number {
  let moved = 0;
  // The distance is written out here rather than calling squaredDistance: this is the hot loop.
  for (let i = 0, p = 0; i < n; i++, p += dims) {
    let best = 0;
    let bestDistance = Infinity;
    for (let c = 0, q = 0; c < k; c++, q += dims) {
      let d2 = 0;
      for (let d = 0; d < dims; d++) {
        const diff = points[p + d] - centroids[q + d];
        d2 += diff * diff;
      }
      if (d2 < bestDistance) {
        bestDistance = d2;
        best = c;
      }
    }
    if (assignments[i] !== best) moved++;
    assignments[i] = best;
    distances[i] = bestDistance;
  }
  return moved;
}

/** Moves every centroid to the mean of its points; an empty cluster takes the point farthest from its centroid. */
function update(points: Float64Array, n: number, dims: number, centroids: Float64Array, k: number, assignments: Int32Array, distances: Float64Array, sizes: Int32Array): void {
  centroids.fill(0);
  sizes.fill(0);
  for (let i = 0; i < n; i++) {
    const c = assignments[i];
    sizes[c]++;
    for (let d = 0; d < dims; d++) centroids[c * dims + d] += points[i * dims + d];
  }
  for (let c = 0; c < k; c++) {
    if (sizes[c] > 0) {
      for (let d = 0; d < dims; d++) centroids[c * dims + d] /= sizes[c];
      continue;
    }
    let farthest = 0;
    for (let i = 1; i < n; i++) if (distances[i] > distances[farthest]) farthest = i;
    centroids.set(points.subarray(farthest * dims, farthest * dims + dims), c * dims);
    distances[farthest] = 0;
  }
}

function lloyd(points: Float64Array, n: number, dims: number, k: number, random: Random, maxIterations: number): KMeansResult {
  const centroids = seedCentroids(points, n, dims, k, random);
  const assignments = new Int32Array(n).fill(-1);
  const distances = new Float64Array(n);
  const sizes = new Int32Array(k);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations) {
    const moved = assign(points, n, dims, centroids, k, assignments, distances);
    iterations++;
    if (moved === 0) {
      converged = true;
      break;
    }
    update(points, n, dims, centroids, k, assignments, distances, sizes);
  }
  if (!converged) assign(points, n, dims, centroids, k, assignments, distances);
  sizes.fill(0);
  let inertia = 0;
  for (let i = 0; i < n; i++) {
    sizes[assignments[i]]++;
    inertia += distances[i];
  }
  return { assignments, centroids, sizes, inertia, iterations, converged };
}

/**
 * Partitions `points` (n points of `dims` coordinates, flat) into k clusters. Deterministic for a
 * given seed; of `restarts` k-means++ starts the lowest inertia wins (the first on a tie).
 */
export function kmeans(points: Float64Array, dims: number, k: number, options: KMeansOptions): KMeansResult {
  const n = points.length / dims;
  if (!Number.isInteger(n) || n < 1) throw new RangeError('kmeans needs at least one point of `dims` coordinates');
  if (!Number.isInteger(k) || k < 1 || k > n) throw new RangeError(`kmeans needs 1 <= k <= ${n}, got ${k}`);
  const random = mulberry32(options.seed);
  const restarts = options.restarts ?? 4;
  const maxIterations = options.maxIterations ?? 300;
  let best = lloyd(points, n, dims, k, random, maxIterations);
  for (let r = 1; r < restarts; r++) {
    const next = lloyd(points, n, dims, k, random, maxIterations);
    if (next.inertia < best.inertia) best = next;
  }
  return best;
}

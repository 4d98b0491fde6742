/**
 * k-means segmentation of customers on standardised log(1+R), log(1+F), log(1+M), with k given or
 * chosen by the mean silhouette over a range. An alternative to the rule-based RFM segments, with
 * the same per-segment totals (name, customers, orders, revenue).
 */
import { z } from '../../zod.js';
import { parseOptions } from '../../stats/parse-options.js';
import { kmeans, type KMeansResult } from './kmeans.js';
import { silhouette } from './silhouette.js';
import { mulberry32 } from '../../math/random.js';
import { deriveSeed, sampleIndexes } from './sampling.js';
import { standardisedLogFeatures } from './features.js';
import { freshness, suggestLabel, valueScore, type ClusterLabel } from './labels.js';

/** Options of RFM clustering (validated; defaults filled in). */
export const rfmClusterOptionsSchema = z
  .object({
    /** Number of clusters; when omitted it is chosen by the best mean silhouette over kMin..kMax. */
    k: z.number().int().min(1).optional(),
    kMin: z.number().int().min(2).default(2),
    kMax: z.number().int().min(2).default(8),
    /** Seed of every random draw (k-means++ starts, silhouette sample). */
    seed: z.number().int().min(0).max(0xffffffff).default(1),
    /**
     * Above this many customers the silhouette is computed on a seeded uniform sample of this size
     * (distances within the sample), which keeps it O(size^2) instead of O(n^2).
     */
    silhouetteSampleSize: z.number().int().min(2).default(2000),
    /** k-means++ starts per k; the lowest inertia wins. */
    restarts: z.number().int().min(1).default(4),
    maxIterations: z.number().int().min(1).default(300),
  })
  .refine((o) => o.kMin <= o.kMax, { message: 'kMin must not exceed kMax' });

/** RFM clustering options as callers give them. */
export type RfmClusterOptions = z.input<typeof rfmClusterOptionsSchema>;

/** One cluster, ordered best first (see {@link clusterRfm}). */
export interface RfmClusterProfile {
  /** Cluster index 0..k-1, the value used in `assignments`. */
  readonly id: number;
  /** Unique name: the label, suffixed `-2`, `-3` ... when several clusters share a label. */
  readonly name: string;
  /** Suggested label id (see `labels.ts`). */
  readonly label: ClusterLabel;
  readonly customers: number;
  /** Sum of the customers' frequencies (order rows). */
  readonly orders: number;
  /** Sum of the customers' monetary values. */
  readonly revenue: number;
  /** Mean recency in days; null for an empty cluster (only when customers repeat so much that k exceeds the distinct points). */
  readonly meanRecency: number | null;
  readonly meanFrequency: number | null;
  readonly meanMonetary: number | null;
  /** Centroid in standardised space: z of log(1+R), log(1+F), log(1+M). */
  readonly centroid: readonly [number, number, number];
}

/** Mean silhouette of one candidate k. */
export interface ClusterCandidate {
  readonly k: number;
  /** NaN when it is undefined (k = 1, or one cluster only). */
  readonly silhouette: number;
  readonly inertia: number;
}

/** The clustering of one set of customers. */
export interface RfmClustering {
  readonly k: number;
  /** Cluster id of every input row. */
  readonly assignments: Int32Array;
  readonly clusters: readonly RfmClusterProfile[];
  /** Mean silhouette of the chosen partition. */
  readonly silhouette: number;
  /** Every k tried, ascending (just the given k when `k` was set). */
  readonly candidates: readonly ClusterCandidate[];
  /** How many points the silhouette was computed on (n, or the sample size when sampled). */
  readonly silhouettePoints: number;
  readonly inertia: number;
  readonly iterations: number;
  readonly converged: boolean;
  /** Mean and population sd of log(1+R), log(1+F), log(1+M) used for the z-scores. */
  readonly scaling: { readonly mean: readonly number[]; readonly sd: readonly number[] };
}

const DIMS = 3;

/** Orders clusters best first: by freshness + value of the centroid, then size, then index. */
function canonicalOrder(run: KMeansResult, k: number): Int32Array {
  const c = run.centroids;
  const rank = (i: number) => freshness(c[i * DIMS]) + valueScore(c[i * DIMS + 1], c[i * DIMS + 2]);
  const order = Array.from({ length: k }, (_, i) => i).sort(
    (a, b) => rank(b) - rank(a) || run.sizes[b] - run.sizes[a] || a - b,
  );
  const newId = new Int32Array(k);
  order.forEach((old, id) => (newId[old] = id));
  return newId;
}

function profiles(
  run: KMeansResult,
  newId: Int32Array,
  k: number,
  recency: ArrayLike<number>,
  frequency: ArrayLike<number>,
  monetary: ArrayLike<number>,
): RfmClusterProfile[] {
  const sums = new Float64Array(k * DIMS);
  const counts = new Int32Array(k);
  for (let i = 0; i < recency.length; i++) {
    const c = newId[run.assignments[i]];
    counts[c]++;
    sums[c * DIMS] += recency[i];
    sums[c * DIMS + 1] += frequency[i];
    sums[c * DIMS + 2] += monetary[i];
  }
  const result: Omit<RfmClusterProfile, 'name'>[] = [];
  for (let old = 0; old < k; old++) {
    const id = newId[old];
    const z = run.centroids.subarray(old * DIMS, old * DIMS + DIMS);
    const n = counts[id];
    result[id] = {
      id,
      label: suggestLabel(z[0], z[1], z[2]),
      customers: n,
      orders: sums[id * DIMS + 1],
      revenue: sums[id * DIMS + 2],
      meanRecency: n > 0 ? sums[id * DIMS] / n : null,
      meanFrequency: n > 0 ? sums[id * DIMS + 1] / n : null,
      meanMonetary: n > 0 ? sums[id * DIMS + 2] / n : null,
      centroid: [z[0], z[1], z[2]],
    };
  }
  const seen = new Map<string, number>();
  return result.map((p) => {
    const count = (seen.get(p.label) ?? 0) + 1;
    seen.set(p.label, count);
    return { ...p, name: count > 1 ? `${p.label}-${count}` : p.label };
  });
}

/**
 * Clusters customers given as equally long columns of recency (days), frequency (orders) and
 * monetary value. With `k` unset, every k in kMin..min(kMax, n - 1) is fitted (each from its own
 * seed stream, so adding a k does not change the others) and the highest mean silhouette wins, the
 * smaller k on a tie. Cluster ids are put in a canonical order (best centroid first), so the same
 * partition gets the same ids whatever order k-means found it in. Throws a RangeError on invalid
 * options or fewer than two customers.
 */
export function clusterRfm(
  recency: ArrayLike<number>,
  frequency: ArrayLike<number>,
  monetary: ArrayLike<number>,
  options: RfmClusterOptions = {},
): RfmClustering {
  const o = parseOptions('clustering', rfmClusterOptionsSchema, options);
  const n = recency.length;
  if (frequency.length !== n || monetary.length !== n) throw new RangeError('recency, frequency and monetary differ in length');
  if (n < 2) throw new RangeError('clustering needs at least two customers');
  if (o.k !== undefined && o.k > n) throw new RangeError(`k = ${o.k} exceeds the ${n} customers`);

  const features = standardisedLogFeatures([recency, frequency, monetary]);
  const sample = n > o.silhouetteSampleSize ? sampleIndexes(n, o.silhouetteSampleSize, mulberry32(deriveSeed(o.seed, 0))) : undefined;
  const ks = o.k !== undefined ? [o.k] : range(o.kMin, Math.max(o.kMin, Math.min(o.kMax, n - 1)));

  let best: { run: KMeansResult; k: number; silhouette: number } | undefined;
  const candidates: ClusterCandidate[] = [];
  for (const k of ks) {
    const run = kmeans(features.points, DIMS, k, { seed: deriveSeed(o.seed, k), restarts: o.restarts, maxIterations: o.maxIterations });
    const score = k > 1 ? silhouette(features.points, DIMS, run.assignments, k, sample) : NaN;
    candidates.push({ k, silhouette: score, inertia: run.inertia });
    if (!best || score > best.silhouette || (Number.isNaN(best.silhouette) && !Number.isNaN(score))) best = { run, k, silhouette: score };
  }
  const { run, k } = best!;
  const newId = canonicalOrder(run, k);
  const assignments = new Int32Array(n);
  for (let i = 0; i < n; i++) assignments[i] = newId[run.assignments[i]];
  return {
    k,
    assignments,
    clusters: profiles(run, newId, k, recency, frequency, monetary),
    silhouette: best!.silhouette,
    candidates,
    silhouettePoints: sample ? sample.length : n,
    inertia: run.inertia,
    iterations: run.iterations,
    converged: run.converged,
    scaling: { mean: Array.from(features.mean), sd: Array.from(features.sd) },
  };
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

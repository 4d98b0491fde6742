/**
 * Mean silhouette coefficient (Rousseeuw 1987) of a partition, with Euclidean distances, over all
 * points or over a sample of them (distances then run within the sample only, as scikit-learn's
 * `silhouette_score(sample_size=...)` does): O(m^2) for m sampled points.
 */

/**
 * Mean silhouette of the points listed in `sample` (all points when omitted). A point alone in its
 * cluster (within the sample) scores 0. Returns NaN when fewer than two clusters occur in the sample.
 */
export function silhouette(points: Float64Array, dims: number, assignments: Int32Array, k: number, sample?: Int32Array): number {
  const members = sample ?? Int32Array.from({ length: assignments.length }, (_, i) => i);
  const m = members.length;
  const counts = new Int32Array(k);
  for (let s = 0; s < m; s++) counts[assignments[members[s]]]++;
  let present = 0;
  for (let c = 0; c < k; c++) if (counts[c] > 0) present++;
  if (present < 2) return NaN;
  const sums = new Float64Array(k);
  let total = 0;
  for (let s = 0; s < m; s++) {
    const i = members[s];
    sums.fill(0);
    for (let t = 0; t < m; t++) {
      if (t === s) continue;
      const j = members[t];
      let d2 = 0;
      for (let d = 0; d < dims; d++) {
        const diff = points[i * dims + d] - points[j * dims + d];
        d2 += diff * diff;
      }
      sums[assignments[j]] += Math.sqrt(d2);
    }
    const own = assignments[i];
    if (counts[own] < 2) continue;
    const a = sums[own] / (counts[own] - 1);
    let b = Infinity;
    for (let c = 0; c < k; c++) {
      if (c !== own && counts[c] > 0) b = Math.min(b, sums[c] / counts[c]);
    }
    const scale = Math.max(a, b);
    if (scale > 0) total += (b - a) / scale;
  }
  return total / m;
}

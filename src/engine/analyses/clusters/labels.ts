/**
 * Suggested labels for RFM clusters, read off the centroid in standardised space (every dimension's
 * overall mean is 0 there). Labels are stable ids; widgets translate them.
 *
 * freshness = -z(log(1+recency days)) (positive = bought more recently than average),
 * value = (z(log(1+frequency)) + z(log(1+monetary))) / 2:
 *
 * | freshness | value | label |
 * |---|---|---|
 * | > 0 | >= 1 | `champions` |
 * | > 0 | 0 .. 1 | `loyal` |
 * | > 0 | < 0 | `promising` |
 * | <= 0 | >= 0 | `at-risk` |
 * | -0.5 .. 0 | < 0 | `hibernating` |
 * | <= -0.5 | < 0 | `lost` |
 */

/** Every suggested cluster label, best first. */
export const CLUSTER_LABELS = ['champions', 'loyal', 'promising', 'at-risk', 'hibernating', 'lost'] as const;

/** A suggested cluster label id. */
export type ClusterLabel = (typeof CLUSTER_LABELS)[number];

/** Freshness of a standardised centroid: positive when more recent than average. */
export function freshness(zRecency: number): number {
  return -zRecency;
}

/** Value of a standardised centroid: mean of its frequency and monetary z-scores. */
export function valueScore(zFrequency: number, zMonetary: number): number {
  return (zFrequency + zMonetary) / 2;
}

/** The suggested label of a centroid given as z-scores of log(1+R), log(1+F), log(1+M). */
export function suggestLabel(zRecency: number, zFrequency: number, zMonetary: number): ClusterLabel {
  const fresh = freshness(zRecency);
  const value = valueScore(zFrequency, zMonetary);
  if (fresh > 0) {
    if (value >= 1) return 'champions';
    return value >= 0 ? 'loyal' : 'promising';
  }
  if (value >= 0) return 'at-risk';
  return fresh > -0.5 ? 'hibernating' : 'lost';
}

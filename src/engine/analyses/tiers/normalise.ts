/** Raw per-customer values to 0-100 scores, over the customers that take part. */
import { percentileRanks } from '../../stats/rank.js';

/** How raw values become 0-100 scores (see `ValueTierOptionsSchema.normalisation`). */
export type Normalisation = 'percentile' | 'min-max';

/**
 * Scores of `values` (one per Dataset customer) among the customers with `include[c] = 1` and a
 * finite value; NaN for every other customer.
 */
export function normaliseScores(values: Float64Array, include: Uint8Array, method: Normalisation): Float64Array {
  const n = values.length;
  const scores = new Float64Array(n).fill(NaN);
  let m = 0;
  for (let c = 0; c < n; c++) if (include[c] && Number.isFinite(values[c])) m++;
  const members = new Int32Array(m);
  const compact = new Float64Array(m);
  m = 0;
  for (let c = 0; c < n; c++) {
    if (!include[c] || !Number.isFinite(values[c])) continue;
    members[m] = c;
    compact[m++] = values[c];
  }
  if (method === 'percentile') {
    const ranks = percentileRanks(compact);
    for (let i = 0; i < m; i++) scores[members[i]] = 100 * ranks[i];
    return scores;
  }
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < m; i++) {
    if (compact[i] < min) min = compact[i];
    if (compact[i] > max) max = compact[i];
  }
  const span = max - min;
  for (let i = 0; i < m; i++) scores[members[i]] = span > 0 ? (100 * (compact[i] - min)) / span : 50;
  return scores;
}

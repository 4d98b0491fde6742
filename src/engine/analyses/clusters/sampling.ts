/**
 * Seeded draws for clustering: independent seed streams per run and uniform index samples, on top
 * of the engine's seeded generator (never Math.random), so the same seed gives the same clusters.
 */
import type { Random } from '../../math/random.js';

/** A seed derived from a base seed and a stream number, so independent runs (one per k) do not share a sequence. */
export function deriveSeed(seed: number, stream: number): number {
  let h = (seed ^ Math.imul(stream + 1, 0x9e3779b9)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** `count` distinct indexes of 0..n-1 drawn uniformly (partial Fisher-Yates), in ascending order. */
export function sampleIndexes(n: number, count: number, random: Random): Int32Array {
  const pool = new Int32Array(n);
  for (let i = 0; i < n; i++) pool[i] = i;
  const m = Math.min(count, n);
  for (let i = 0; i < m; i++) {
    const j = i + Math.floor(random() * (n - i));
    const swap = pool[i];
    pool[i] = pool[j];
    pool[j] = swap;
  }
  return pool.slice(0, m).sort();
}

import { describe, expect, it } from 'vitest';
import { clusterRfm } from '../../../src/engine/analyses/clusters/cluster-rfm.js';
import { adjustedRandIndex, plantedCustomers, type Planted } from './synthetic.js';

const GROUPS: readonly Planted[] = [
  { recency: 5, frequency: 25, monetary: 3000, size: 120 }, // recent, frequent, big spenders
  { recency: 400, frequency: 1, monetary: 30, size: 200 }, // one small purchase long ago
  { recency: 40, frequency: 3, monetary: 150, size: 150 }, // recent, few orders
  { recency: 250, frequency: 12, monetary: 1500, size: 80 }, // used to buy a lot, gone quiet
];

describe('clusterRfm on planted clusters', () => {
  const data = plantedCustomers(GROUPS, 2024);

  it('picks the planted k by silhouette and recovers the groups exactly', () => {
    const result = clusterRfm(data.recency, data.frequency, data.monetary, { seed: 7 });
    expect(result.k).toBe(4);
    expect(adjustedRandIndex(result.assignments, data.truth)).toBe(1);
    expect(result.candidates.map((c) => c.k)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    const best = Math.max(...result.candidates.map((c) => c.silhouette));
    expect(result.silhouette).toBe(best);
    expect(result.silhouettePoints).toBe(550);
  });

  it('profiles each cluster in original units, with segment-like totals', () => {
    const result = clusterRfm(data.recency, data.frequency, data.monetary, { seed: 7 });
    const sizes = result.clusters.map((c) => c.customers);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(550);
    expect(result.clusters.reduce((s, c) => s + c.orders, 0)).toBe(data.frequency.reduce((a, b) => a + b, 0));
    expect(result.clusters.reduce((s, c) => s + c.revenue, 0)).toBeCloseTo(data.monetary.reduce((a, b) => a + b, 0), 6);
    // Each cluster is one planted group: its means sit near the planted values.
    for (const cluster of result.clusters) {
      const members = data.truth.filter((_, i) => result.assignments[i] === cluster.id);
      const group = GROUPS[members[0]];
      expect(cluster.customers).toBe(group.size);
      expect(cluster.meanRecency! / group.recency).toBeGreaterThan(0.9);
      expect(cluster.meanRecency! / group.recency).toBeLessThan(1.1);
      expect(cluster.meanMonetary! / group.monetary).toBeGreaterThan(0.9);
      expect(cluster.meanMonetary! / group.monetary).toBeLessThan(1.1);
    }
  });

  it('orders clusters best first and suggests labels from the centroids', () => {
    const result = clusterRfm(data.recency, data.frequency, data.monetary, { seed: 7 });
    expect(result.clusters.map((c) => c.id)).toEqual([0, 1, 2, 3]);
    const groupOf = (id: number) => data.truth[result.assignments.indexOf(id)];
    // Best: recent big spenders; worst: single small purchase long ago.
    expect(groupOf(0)).toBe(0);
    expect(result.clusters[0].label).toBe('champions');
    expect(groupOf(3)).toBe(1);
    expect(result.clusters[3].label).toBe('lost');
    const lapsed = result.clusters.find((c) => data.truth[result.assignments.indexOf(c.id)] === 3)!;
    expect(lapsed.label).toBe('at-risk');
    const recentFew = result.clusters.find((c) => data.truth[result.assignments.indexOf(c.id)] === 2)!;
    expect(recentFew.label).toBe('promising');
    expect(new Set(result.clusters.map((c) => c.name)).size).toBe(4);
  });

  it('gives identical results across runs with the same seed, and the same partition and ids for another seed', () => {
    const a = clusterRfm(data.recency, data.frequency, data.monetary, { seed: 11 });
    const b = clusterRfm(data.recency, data.frequency, data.monetary, { seed: 11 });
    expect(b.assignments).toEqual(a.assignments);
    expect(b.candidates).toEqual(a.candidates);
    expect(b.clusters).toEqual(a.clusters);
    const c = clusterRfm(data.recency, data.frequency, data.monetary, { seed: 12345 });
    expect(c.assignments).toEqual(a.assignments);
  });

  it('samples the silhouette for large n, reproducibly, and still picks the planted k', () => {
    const big = plantedCustomers(GROUPS.map((g) => ({ ...g, size: g.size * 10 })), 5);
    const options = { seed: 3, silhouetteSampleSize: 500, kMax: 6 };
    const a = clusterRfm(big.recency, big.frequency, big.monetary, options);
    expect(a.silhouettePoints).toBe(500);
    expect(a.k).toBe(4);
    expect(adjustedRandIndex(a.assignments, big.truth)).toBe(1);
    const b = clusterRfm(big.recency, big.frequency, big.monetary, options);
    expect(b.candidates).toEqual(a.candidates);
    expect(b.assignments).toEqual(a.assignments);
  });

  it('picks three when three groups are planted', () => {
    const three = plantedCustomers([GROUPS[0], GROUPS[1], GROUPS[3]], 77);
    const result = clusterRfm(three.recency, three.frequency, three.monetary, { seed: 9 });
    expect(result.k).toBe(3);
    expect(adjustedRandIndex(result.assignments, three.truth)).toBe(1);
  });

  it('honours a given k', () => {
    const result = clusterRfm(data.recency, data.frequency, data.monetary, { k: 2, seed: 7 });
    expect(result.k).toBe(2);
    expect(result.candidates.map((c) => c.k)).toEqual([2]);
    expect(new Set(result.assignments).size).toBe(2);
  });

  it('copes with customers that are all alike: one filled cluster, silhouette undefined', () => {
    const same = new Float64Array(10).fill(3);
    const result = clusterRfm(same, same, same, { kMax: 3 });
    expect(result.candidates.every((c) => Number.isNaN(c.silhouette))).toBe(true);
    expect(result.k).toBe(2);
    expect(result.clusters.map((c) => c.customers).sort()).toEqual([0, 10]);
    expect(result.scaling.sd).toEqual([0, 0, 0]);
  });

  it('rejects invalid options and too few customers', () => {
    const one = Float64Array.of(1);
    expect(() => clusterRfm(one, one, one)).toThrow(RangeError);
    expect(() => clusterRfm(data.recency, data.frequency, data.monetary, { kMin: 5, kMax: 3 })).toThrow(/kMin/);
    expect(() => clusterRfm(data.recency, data.frequency, data.monetary, { seed: -1 })).toThrow(RangeError);
  });
});

import { describe, expect, it } from 'vitest';
import { kmeans } from '../../../src/engine/analyses/clusters/kmeans.js';
import { silhouette } from '../../../src/engine/analyses/clusters/silhouette.js';
import { sampleIndexes } from '../../../src/engine/analyses/clusters/sampling.js';
import { mulberry32 } from '../../../src/engine/math/random.js';
import { adjustedRandIndex } from './synthetic.js';

describe('seeded sampling', () => {
  it('samples distinct indexes', () => {
    const s = sampleIndexes(100, 30, mulberry32(7));
    expect(new Set(s).size).toBe(30);
    expect(Math.max(...s)).toBeLessThan(100);
    expect(sampleIndexes(5, 30, mulberry32(7))).toEqual(Int32Array.from([0, 1, 2, 3, 4]));
  });
});

describe('kmeans', () => {
  // Three tight 2-D blobs far apart.
  const centres = [[0, 0], [10, 0], [0, 10]];
  const truth: number[] = [];
  const coords: number[] = [];
  const jitter = mulberry32(99);
  for (let i = 0; i < 90; i++) {
    const g = i % 3;
    truth.push(g);
    coords.push(centres[g][0] + jitter() - 0.5, centres[g][1] + jitter() - 0.5);
  }
  const points = Float64Array.from(coords);

  it('recovers planted blobs exactly', () => {
    const run = kmeans(points, 2, 3, { seed: 1 });
    expect(adjustedRandIndex(run.assignments, truth)).toBe(1);
    expect(run.converged).toBe(true);
    expect(Array.from(run.sizes).sort()).toEqual([30, 30, 30]);
    for (let c = 0; c < 3; c++) {
      const near = centres.some(([x, y]) => Math.hypot(run.centroids[2 * c] - x, run.centroids[2 * c + 1] - y) < 0.3);
      expect(near).toBe(true);
    }
  });

  it('matches a hand-computed case: 1-D points 0, 1, 10, 11 in two clusters', () => {
    const run = kmeans(Float64Array.from([0, 1, 10, 11]), 1, 2, { seed: 5 });
    expect(run.assignments[0]).toBe(run.assignments[1]);
    expect(run.assignments[2]).toBe(run.assignments[3]);
    expect(run.assignments[0]).not.toBe(run.assignments[2]);
    expect(Array.from(run.centroids).sort((a, b) => a - b)).toEqual([0.5, 10.5]);
    expect(run.inertia).toBeCloseTo(4 * 0.25, 12);
  });

  it('is identical across runs with the same seed', () => {
    const a = kmeans(points, 2, 4, { seed: 17, restarts: 1 });
    const b = kmeans(points, 2, 4, { seed: 17, restarts: 1 });
    expect(b.assignments).toEqual(a.assignments);
    expect(b.centroids).toEqual(a.centroids);
  });

  it('fills every cluster when points repeat and k equals the distinct points', () => {
    const run = kmeans(Float64Array.from([1, 1, 1, 5, 5, 9]), 1, 3, { seed: 3 });
    expect(Array.from(run.sizes).sort()).toEqual([1, 2, 3]);
    expect(run.inertia).toBe(0);
  });

  it('rejects k out of range', () => {
    expect(() => kmeans(Float64Array.from([1, 2]), 1, 3, { seed: 1 })).toThrow(RangeError);
    expect(() => kmeans(Float64Array.from([1, 2]), 1, 0, { seed: 1 })).toThrow(RangeError);
  });
});

describe('silhouette', () => {
  it('matches the hand-computed value for 0, 1 | 10, 11', () => {
    // a(0)=1, b(0)=10.5; a(1)=1, b(1)=9.5; symmetric for 10 and 11.
    const expected = ((9.5 / 10.5) * 2 + (8.5 / 9.5) * 2) / 4;
    expect(silhouette(Float64Array.from([0, 1, 10, 11]), 1, Int32Array.from([0, 0, 1, 1]), 2)).toBeCloseTo(expected, 12);
  });
  it('scores a singleton 0 and is NaN with one cluster', () => {
    // point 0 alone: 0; point 4: a=1, b=4 -> 0.75; point 5: a=1, b=5 -> 0.8
    expect(silhouette(Float64Array.from([0, 4, 5]), 1, Int32Array.from([0, 1, 1]), 2)).toBeCloseTo((0 + 0.75 + 0.8) / 3, 12);
    expect(silhouette(Float64Array.from([0, 4, 5]), 1, Int32Array.from([0, 0, 0]), 1)).toBeNaN();
  });
  it('on a sample uses only distances within the sample', () => {
    const points = Float64Array.from([0, 1, 10, 11, 100]);
    const assignments = Int32Array.from([0, 0, 1, 1, 1]);
    const onSample = silhouette(points, 1, assignments, 2, Int32Array.from([0, 1, 2, 3]));
    expect(onSample).toBeCloseTo(silhouette(points.subarray(0, 4), 1, assignments.subarray(0, 4), 2), 12);
  });
});

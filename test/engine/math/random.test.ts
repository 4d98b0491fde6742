import { describe, expect, it } from 'vitest';
import { beta, gamma, mulberry32 } from '../../../src/engine/math/random.js';

function moments(draw: () => number, n: number): { mean: number; variance: number } {
  let sum = 0;
  let sumSq = 0;
  for (let i = 0; i < n; i++) {
    const v = draw();
    sum += v;
    sumSq += v * v;
  }
  const mean = sum / n;
  return { mean, variance: sumSq / n - mean * mean };
}

describe('seeded random numbers', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const first = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(first);
    expect(c()).not.toBe(first[0]);
    for (const v of first) expect(v >= 0 && v < 1).toBe(true);
  });

  it.each([
    [0.25, 4],
    [3, 0.5],
  ])('gamma(shape %s, rate %s) has mean shape/rate and variance shape/rate²', (shape, rate) => {
    const random = mulberry32(7);
    const { mean, variance } = moments(() => gamma(random, shape, rate), 200_000);
    expect(mean / (shape / rate)).toBeCloseTo(1, 1);
    expect(variance / (shape / rate ** 2)).toBeCloseTo(1, 1);
  });

  it('beta(a, b) has mean a/(a+b)', () => {
    const random = mulberry32(11);
    const { mean } = moments(() => beta(random, 0.8, 2.5), 200_000);
    expect(mean).toBeCloseTo(0.8 / 3.3, 2);
  });
});

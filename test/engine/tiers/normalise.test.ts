import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { percentileRanks } from '../../../src/engine/stats/rank.js';
import { axisScores, normaliseScores } from '../../../src/engine/analyses/tiers/normalise.js';

describe('normaliseScores', () => {
  const values = Float64Array.of(10, NaN, 30, 20, 30, 99);
  const include = Uint8Array.of(1, 1, 1, 1, 1, 0);

  it('percentile: 100 x average rank / n among included finite values', () => {
    // Included finite: 10, 30, 20, 30 -> ranks 1, 3.5, 2, 3.5 of n = 4.
    expect(Array.from(normaliseScores(values, include, 'percentile'))).toEqual([25, NaN, 87.5, 50, 87.5, NaN]);
  });
  it('min-max: 100 (x - min) / (max - min), 50 when all are equal', () => {
    expect(Array.from(normaliseScores(values, include, 'min-max'))).toEqual([0, NaN, 100, 50, 100, NaN]);
    expect(Array.from(normaliseScores(Float64Array.of(4, 4), Uint8Array.of(1, 1), 'min-max'))).toEqual([50, 50]);
  });
});

describe('axisScores', () => {
  it('gives the scores of the included customers sorted ascending', () => {
    const values = Float64Array.of(10, NaN, 30, 20, 30, 99, -4);
    const include = Uint8Array.of(1, 1, 1, 1, 1, 0, 1);
    // Included finite: 10, 30, 20, 30, -4 -> ranks 2, 4.5, 3, 4.5, 1 of n = 5.
    const percentile = axisScores(values, include, 'percentile');
    expect(Array.from(percentile.scores)).toEqual([40, NaN, 90, 60, 90, NaN, 20]);
    expect(Array.from(percentile.sorted)).toEqual([20, 40, 60, 90, 90]);
    // min-max over -4..30: (v + 4) / 34.
    const minMax = axisScores(values, include, 'min-max');
    expect(Array.from(minMax.sorted)).toEqual([0, (100 * 14) / 34, (100 * 24) / 34, 100, 100]);
    expect(axisScores(values, new Uint8Array(7), 'percentile').sorted.length).toBe(0);
  });
});

describe('percentile scores', () => {
  it('equal 100 x percentileRanks of the included values exactly, ties and all', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -20, max: 20 }), { minLength: 1, maxLength: 200 }), (ints) => {
        const values = Float64Array.from(ints, (v) => v / 4);
        const scores = normaliseScores(values, new Uint8Array(values.length).fill(1), 'percentile');
        expect(Array.from(scores)).toEqual(Array.from(percentileRanks(values), (r) => 100 * r));
      }),
    );
  });
});
